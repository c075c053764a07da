import { describe, expect, it } from 'vitest';
import { requireShared } from '../../../scripts/lib/shared';
import { compoundForms } from '../../../src/relevance/compounds';
import { compilePhrases, otherSpellings, phraseScore } from '../../../src/relevance/interests';
import { analyzePaper, CorpusStats, IdfTable } from '../../../src/relevance/vectorize';
import { matched, papersOf } from '../../support/keyword-match';
import { analyzed, realListings } from '../../support/real-listings';
import { committedTable, runTableBuild } from '../../support/table-build';

describe('compound words, joined or hyphenated', () => {
  it('a keyword matches papers that write its compound words the other way', () => {
    expect(compoundForms('fine-tuning LLMs')).toEqual(['finetuning LLMs']);
    expect(compoundForms('Pretraining')).toEqual(['Pre-training']);
    expect(compoundForms('graph neural networks')).toEqual([]);
    expect(compoundForms('research agents')).toEqual([]); // not "re-search"
    // Typed with a space: joined where papers join it, each pair of neighbours tried.
    expect(compoundForms('multi modal')).toEqual(['multimodal']);
    expect(compoundForms('pre training data')).toEqual(['pretraining data']);
    expect(compoundForms('large pre training')).toEqual(['large pretraining']);
    expect(compoundForms('large multi modal models')).toEqual(['large multimodal models']);
    expect(compoundForms('computer vision')).toEqual([]);
    // Capitalized parts join without a capital inside the word, which would ask papers for it.
    expect(compoundForms('Multi Modal')).toEqual(['Multimodal']);
    expect(compoundForms('Multi-Modal')).toEqual(['Multimodal']);
    expect(compoundForms('U-Net')).toEqual(['UNet']);
    const papers = papersOf([
      ['joined', 'Finetuning language models', 'We finetune.'],
      ['hyphenated', 'Fine-tuning language models', 'We fine-tune.'],
      ['spaced', 'Fine tuning language models', 'Fine tuned.'],
      ['pre', 'Pre-training at scale', 'Pretraining data.'],
      ['other', 'Tuning forks', 'Music.'],
    ]);
    const idf = new IdfTable(CorpusStats.of(papers));
    const found = (keyword: string) => papers.filter((p) => phraseScore(p, compilePhrases([keyword], idf, []), 10).score > 0).map((p) => p.id);
    expect(found('fine-tuning')).toEqual(['joined', 'hyphenated', 'spaced']);
    expect(found('finetuning')).toEqual(['joined', 'hyphenated', 'spaced']);
    expect(found('pretraining')).toEqual(['pre']);
    expect(phraseScore(papers[0]!, compilePhrases(['fine-tuning'], idf, []), 10).matches[0]).toMatchObject({ phrase: 'fine-tuning', as: ['finetuning'] });
  });

  it('puts a hyphen in only where papers write one: no "co-mputer"', () => {
    // A prefix rule split these after "co", "super", "inter", "auto", "post".
    for (const phrase of ['computer vision', 'contrastive learning', 'supervised learning', 'interpretability', 'automatic speech recognition', 'posterior sampling', 'counterfactual'])
      expect(compoundForms(phrase), phrase).toEqual([]);
    expect(compoundForms('spatiotemporal graphs')).toEqual(['spatio-temporal graphs']);
    expect(compoundForms('Realtime rendering')).toEqual(['Real-time rendering']);
    expect(compoundForms('Spatio-temporal graphs')).toEqual(['Spatiotemporal graphs']);
    // A typed hyphen goes only between two parts, not within a longer run.
    expect(compoundForms('text-to-speech')).toEqual([]);
  });

  it('a hyphen after a single letter may go too: "U-Net" and "UNet", "e-commerce" and "ecommerce", "t-SNE" and "tSNE" find each other', () => {
    const titled = (rows: string[][]) => rows.map(([id, title]) => analyzePaper({ id: id!, title: title!, abstract: '' }));
    const papers = titled([
      ['unet-h', 'A U-Net for liver segmentation'],
      ['unet-j', 'A UNet for liver segmentation'],
      ['ec-h', 'Search ranking for e-commerce'],
      ['ec-j', 'Search ranking for ecommerce'],
      ['ts-h', 'Visualizing embeddings with t-SNE'],
      ['ts-j', 'Visualizing embeddings with tSNE'],
    ]);
    expect(matched('U-Net', papers)).toEqual(['unet-h', 'unet-j']);
    expect(matched('UNet', papers)).toEqual(['unet-h', 'unet-j']); // the shipped table has "u-net"
    expect(matched('e-commerce', papers)).toEqual(['ec-h', 'ec-j']);
    expect(matched('t-SNE', papers)).toEqual(['ts-h', 'ts-j']);
  });

  it('gives no word broken at a line end ("lan-guage") as another form of a keyword', () => {
    expect(otherSpellings('large language models', [])).not.toContain('large lan-guage models');
    expect(otherSpellings('vision language models', [])).toEqual([]);
  });

  it('finds, in real abstracts, the papers that write a compound either way', { timeout: 60_000 }, (ctx) => {
    if (!requireShared('real arXiv listings', 'data/arxiv_daily_cs_listings.jsonl')) return ctx.skip();
    const texts = realListings(16_000);
    const real = analyzed(texts);
    const writes = (pattern: RegExp) => texts.filter((t) => pattern.test(`${t.title} ${t.summary}`)).map((t) => t.id);
    // Joined, hyphenated or spaced, and with another ending ("spatiotemporally"), as keywords find words.
    const both = writes(/\bspatio[- ]?temporal(?:ly)?\b/i);
    expect(writes(/\bspatio-temporal(?![-\w])/i).length).toBeGreaterThan(100);
    expect(writes(/\bspatiotemporal\b/i).length).toBeGreaterThan(100);
    expect(matched('spatio-temporal', real)).toEqual(both);
    expect(matched('spatiotemporal', real)).toEqual(both);
    expect(matched('spatio temporal', real)).toEqual(both);
  });

  it('builds from the shared listings exactly the table committed', { timeout: 60_000 }, (ctx) => {
    if (!requireShared('the compounds table', 'data/arxiv_daily_cs_listings.jsonl')) return ctx.skip();
    expect(runTableBuild('build-compounds')).toBe(committedTable('compounds.json'));
  });

  it('keeps the words seen both ways, each in two papers or more', () => {
    const rows = [
      ...Array.from({ length: 2 }, () => ({ title: 'Spatio-temporal graphs', summary: 'Real-time.' })),
      ...Array.from({ length: 2 }, () => ({ title: 'Spatiotemporal graphs', summary: 'Text-to-speech and texttospeech.' })),
      { title: 'Realtime once', summary: 'Co-mputer broken at a line end, once.' },
      { title: 'Computer vision', summary: 'Computers.' },
    ];
    expect(JSON.parse(runTableBuild('build-compounds', rows)).pairs).toEqual([['spatio', 'temporal']]);
  });

  it('keeps a compound after a single letter, not a word broken at a line end (neither part a word, the joined word far more frequent)', () => {
    const rows = [
      ...Array.from({ length: 2 }, () => ({ title: 'A U-Net', summary: 'Natural lan-guage, once bench-mark.' })),
      ...Array.from({ length: 2 }, () => ({ title: 'A UNet', summary: 'A bench or a mark.' })),
      ...Array.from({ length: 40 }, () => ({ title: 'Natural language', summary: 'A benchmark.' })),
    ];
    // "bench-mark" stays: both its parts are words, as a compound's are.
    expect(JSON.parse(runTableBuild('build-compounds', rows)).pairs).toEqual([['bench', 'mark'], ['u', 'net']]);
  });
});
