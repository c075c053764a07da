import { describe, expect, it } from 'vitest';
import { americanSpelling, compoundForms } from '../../../src/relevance/spelling';
import { describeStream, tokenize } from '../../../src/relevance/tokenize';
import { compilePhrases, phraseScore } from '../../../src/relevance/interests';
import { analyzePaper, CorpusStats, IdfTable } from '../../../src/relevance/vectorize';

describe('British spellings', () => {
  it('are read as American ones', () => {
    const pairs = [
      ['optimisation', 'optimization'],
      ['optimised', 'optimized'],
      ['tokenising', 'tokenizing'],
      ['analysed', 'analyzed'],
      ['behaviour', 'behavior'],
      ['behavioural', 'behavioral'],
      ['colourful', 'colorful'],
      ['neighbourhood', 'neighborhood'],
      ['defence', 'defense'],
      ['programmes', 'programs'],
      ['centre', 'center'],
      ['centred', 'centered'],
      ['fibres', 'fibers'],
      ['metre', 'meter'],
      ['centring', 'centering'],
    ];
    for (const [british, american] of pairs) expect(americanSpelling(british!), british).toBe(american);
    // Not British: left alone.
    for (const word of ['improvise', 'advise', 'surprise', 'promise', 'premise', 'noise', 'raise', 'analysis', 'hour', 'four', 'contour', 'detour', 'are', 'store', 'entire', 'require', 'metric']) expect(americanSpelling(word), word).toBe(word);
  });

  it('stem as the American spelling, so either finds the other', () => {
    const stems = (text: string) => describeStream(tokenize(text)).stems;
    expect(stems('optimisation of behaviour modelling')).toEqual(stems('optimization of behavior modeling'));
    expect(stems('improvise')).not.toEqual(stems('improve'));
    const british = analyzePaper({ id: 'b', title: 'Optimisation of robot behaviour', abstract: 'We optimise.' });
    const idf = new IdfTable(CorpusStats.of([british]));
    expect(phraseScore(british, compilePhrases(['behavior optimization', 'robot behavior'], idf), 10).matches.map((m) => m.phrase)).toEqual(['robot behavior']);
    expect(phraseScore(british, compilePhrases(['optimization'], idf), 10).score).toBeGreaterThan(0);
  });
});

describe('prefixed words, joined or hyphenated', () => {
  it('a keyword matches papers that write its prefixed words the other way', () => {
    expect(compoundForms('fine-tuning LLMs')).toEqual(['finetuning LLMs']);
    expect(compoundForms('Pretraining')).toEqual(['Pre-training']);
    expect(compoundForms('graph neural networks')).toEqual([]);
    expect(compoundForms('research agents')).toEqual([]); // not "re-search"
    const papers = [
      ['joined', 'Finetuning language models', 'We finetune.'],
      ['hyphenated', 'Fine-tuning language models', 'We fine-tune.'],
      ['spaced', 'Fine tuning language models', 'Fine tuned.'],
      ['pre', 'Pre-training at scale', 'Pretraining data.'],
      ['other', 'Tuning forks', 'Music.'],
    ].map(([id, title, abstract]) => analyzePaper({ id: id!, title: title!, abstract: abstract! }));
    const idf = new IdfTable(CorpusStats.of(papers));
    const found = (keyword: string) => papers.filter((p) => phraseScore(p, compilePhrases([keyword], idf, []), 10).score > 0).map((p) => p.id);
    expect(found('fine-tuning')).toEqual(['joined', 'hyphenated', 'spaced']);
    expect(found('finetuning')).toEqual(['joined', 'hyphenated', 'spaced']);
    expect(found('pretraining')).toEqual(['pre']);
    expect(phraseScore(papers[0]!, compilePhrases(['fine-tuning'], idf, []), 10).matches[0]).toMatchObject({ phrase: 'fine-tuning', as: ['finetuning'] });
  });
});
