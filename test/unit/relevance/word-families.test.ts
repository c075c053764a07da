import { describe, expect, it } from 'vitest';
import { requireShared } from '../../../scripts/lib/shared';
import { inflectionKey } from '../../../src/relevance/inflection';
import { stemFamily } from '../../../src/relevance/stem-families';
import { forEachTerm, surfaceText, termsOf } from '../../../src/relevance/tokenize';
import { analyzePaper } from '../../../src/relevance/vectorize';
import { matched, papersOf } from '../../support/keyword-match';
import { analyzed, realListings } from '../../support/real-listings';
import { committedTable, runTableBuild } from '../../support/table-build';

describe('word families', () => {
  it('takes off one inflection, and no more', () => {
    const keys = (words: string) => words.split(' ').map(inflectionKey);
    expect(keys('grasp grasps grasped grasping')).toEqual(['grasp', 'grasp', 'grasp', 'grasp']);
    expect(keys('study studies studied')).toEqual(['study', 'study', 'study']);
    expect(keys('evaluate evaluates evaluated evaluating')).toEqual(['evaluat', 'evaluat', 'evaluat', 'evaluat']);
    expect(keys('setting settings embeddings running class classes gpus apis')).toEqual(['set', 'set', 'embed', 'run', 'class', 'class', 'gpu', 'api']);
    expect(keys('news analysis corpus bias')).toEqual(['news', 'analysis', 'corpus', 'bias']);
    // Derivations stay: these are what the table may keep apart.
    expect(new Set(keys('experiments experience'))).toHaveProperty('size', 2);
    expect(new Set(keys('robot robotic'))).toHaveProperty('size', 2);
  });

  it('keeps apart the words of a stem that papers do not use as one, and no others', () => {
    const papers = papersOf([
      ['experience', 'User experience of chatbots', 'People experienced it.'],
      ['experiments', 'Experiments on chatbots', 'An experiment.'],
      ['news', 'News recommendation', 'Fake news.'],
      ['new', 'A new recommendation model', 'New results.'],
      ['robotic', 'Robotic grasping', 'A robotic arm grasps.'],
      ['critical', 'Critical points', 'A critical mass.'],
      ['critic', 'Actor critic methods', 'The critic learns.'],
    ]);
    expect(matched('experience', papers)).toEqual(['experience']);
    expect(matched('experiments', papers)).toEqual(['experiments']); // "experiment" too: one inflection
    expect(matched('news recommendation', papers)).toEqual(['news']);
    expect(matched('critic', papers)).toEqual(['critic']);
    // Kept apart by hand: another field's words.
    const more = papersOf([
      ['organization', 'Organization segmentation of firms', 'Firms.'],
      ['organs', 'Segmentation of organs in CT', 'Organ segmentation.'],
      ['communication', 'Communication networks', 'Messages.'],
      ['communities', 'Community detection in graphs', 'Communities.'],
    ]);
    expect(matched('organ segmentation', more)).toEqual(['organs']);
    expect(matched('community', more)).toEqual(['communities']);
    expect(matched('communication', more)).toEqual(['communication']);
    expect(matched('animation', [...more, ...analyzed([{ id: 'animals', title: 'Animal pose', summary: 'Animals.' }, { id: 'animated', title: 'Animated avatars', summary: 'Animation.' }])])).toEqual(['animated']);
    // Kept apart by their ending: the -ize and -able families are other words than their root.
    const derived = papersOf([
      ['visual', 'Visual grounding', 'Visual features.'],
      ['visualize', 'Visualizing attention', 'A visualization tool; visualizations.'],
      ['token', 'Token pruning', 'Tokens.'],
      ['tokenizer', 'A byte tokenizer', 'Tokenization.'],
      ['control', 'Optimal control', 'We control a robot.'],
      ['controllable', 'Controllability of networks', 'Controllable generation, controllably.'],
      ['general', 'A general method', 'In general.'],
      ['generalizable', 'Generalizable policies', 'Their generalizability.'],
    ]);
    expect(matched('visualization', derived)).toEqual(['visualize']);
    expect(matched('visual', derived)).toEqual(['visual']);
    expect(matched('tokenization', derived)).toEqual(['tokenizer']);
    expect(matched('controllability', derived)).toEqual(['controllable']);
    expect(matched('control', derived)).toEqual(['control']);
    // One family within each: -izable and -izability, -able and -ably.
    expect(matched('generalizability', derived)).toEqual(['generalizable']);
    expect(matched('controllably', derived)).toEqual(['controllable']);
    // One family: as the stemmer made them.
    expect(matched('robot grasping', papers)).toEqual(['robotic']);
    expect(matched('grasp', papers)).toEqual(['robotic']);
  });

  it("sorts a stem's words into families, the rare ones with the named word that begins them; the model reads each family as a term", () => {
    expect(stemFamily('critic', 'critic')).toEqual({ classKey: 'critic', ownTerm: 'critic~critic', placed: true });
    expect(stemFamily('critic', 'critical')).toEqual({ classKey: 'critical', ownTerm: null, placed: true });
    expect(stemFamily('critic', 'criticism')).toEqual({ classKey: 'critic', ownTerm: 'critic~critic', placed: true });
    expect(stemFamily('experi', 'experi')).toEqual({ classKey: 'experi', ownTerm: null, placed: false });
    const terms = (text: string) => [...termsOf(text).keys()];
    expect(terms('actor critics, critically')).toEqual(['actor', 'critic~critic', 'actor critic~critic', 'critic']);
    expect(terms('robotic robots')).toEqual(['robot', 'robot robot']);

    const papers = papersOf([
      ['critically', 'Critically damped systems', 'Critically.'],
      ['criticisms', 'Criticisms of the actor', 'Critics.'],
      ['experi', 'Experi ments', 'Broken at a line end.'],
    ]);
    expect(matched('critic', papers)).toEqual(['criticisms']);
    expect(matched('critical', papers)).toEqual(['critically']);
    // A word no family holds is no word a keyword keeps apart from.
    expect(matched('experience', papers)).toEqual(['experi']);
  });

  it('finds, in real abstracts, the papers that write the keyword, not its stem-mates', { timeout: 60_000 }, (ctx) => {
    if (!requireShared('real arXiv listings', 'data/arxiv_daily_cs_listings.jsonl')) return ctx.skip();
    const texts = realListings(4000);
    const real = analyzed(texts);
    for (const [keyword, written] of [
      // The stemmer makes "experienced" another stem; "experi-ments", broken at a line end, is a word of its own.
      ['experience', /\bexperi(?:ences?)?\b/i],
      ['news', /\bnews\b/i],
      // Not every "visual" or "control" (of the 16,000, "visualization" found 3,208 before, 246 now);
      // and still every "reliably".
      ['visualization', /\bvisuali[sz]/i],
      ['controllability', /\bcontrollab/i],
      ['reliable', /\breliab(?:le|ly|ility|ilities)\b/i],
    ] as const) {
      const found = matched(keyword, real);
      expect(found, keyword).toEqual(texts.filter((t) => written.test(`${t.title} ${t.summary}`)).map((t) => t.id));
      expect(found.length, keyword).toBeGreaterThan(10);
    }
  });

  it('builds from the shared listings exactly the table committed', { timeout: 60_000 }, (ctx) => {
    if (!requireShared('the word families table', 'data/arxiv_daily_cs_listings.jsonl')) return ctx.skip();
    expect(runTableBuild('build-word-families')).toBe(committedTable('word-families.json'));
  });

  it('keeps apart only the frequent words of a stem that seldom share a paper', () => {
    const rows = [
      // "relative" and "relativity" never together: apart.
      ...Array.from({ length: 20 }, (_, i) => ({ title: `Paper ${i}`, summary: 'A relative improvement.' })),
      ...Array.from({ length: 20 }, (_, i) => ({ title: `Physics ${i}`, summary: 'General relativity.' })),
      // "robot" and "robotic" mostly together: one family.
      ...Array.from({ length: 15 }, (_, i) => ({ title: `Robots ${i}`, summary: 'A robotic arm and a robot.' })),
      // "organ" and "organization" never together, but "organ" in too few papers to say.
      ...Array.from({ length: 3 }, () => ({ title: 'Organs', summary: 'An organ.' })),
      ...Array.from({ length: 12 }, () => ({ title: 'Teams', summary: 'The organization.' })),
      ...Array.from({ length: 60 }, (_, i) => ({ title: `Filler ${i}`, summary: 'Nothing to see.' })),
    ];
    expect(JSON.parse(runTableBuild('build-word-families', rows)).apart).toEqual([['relative', 'relativity']]);
  });

  it('gives capitals a term of their own only where they are another word than the small letters', () => {
    const rows = [
      // "CLIP" and "clips" in papers of their own: two words.
      ...Array.from({ length: 20 }, (_, i) => ({ title: `Zero-shot ${i}`, summary: 'We fine-tune CLIP.' })),
      ...Array.from({ length: 15 }, (_, i) => ({ title: `Video ${i}`, summary: 'Short video clips.' })),
      // "LLM" and "llm": the small letters are a rare way to write the name (under a tenth as many papers).
      ...Array.from({ length: 120 }, (_, i) => ({ title: `Agents ${i}`, summary: 'An LLM agent.' })),
      ...Array.from({ length: 11 }, (_, i) => ({ title: `Tools ${i}`, summary: 'The llm-eval tool.' })),
      // "MATH" and "math": both in most papers with either.
      ...Array.from({ length: 12 }, (_, i) => ({ title: `Reasoning ${i}`, summary: 'Math word problems, scored on MATH.' })),
      // "LLaMA" and "llama": a name in mixed case, its small letters the same name ("llama-3").
      ...Array.from({ length: 12 }, (_, i) => ({ title: `Tuning ${i}`, summary: 'We tune LLaMA.' })),
      ...Array.from({ length: 12 }, (_, i) => ({ title: `Serving ${i}`, summary: 'We serve llama-3.' })),
      ...Array.from({ length: 60 }, (_, i) => ({ title: `Filler ${i}`, summary: 'Nothing to see.' })),
    ];
    expect(JSON.parse(runTableBuild('build-word-families', rows)).capitals).toEqual([['clip', 'CLIP']]);
  });

  it('reads a word written in capitals as a term of its own where the table says so, named as written', () => {
    const terms = (text: string) => [...termsOf(text).keys()];
    expect(terms('CLIP scores video clips')).toEqual(['CLIP', 'score', 'CLIP score', 'video', 'score video', 'clip', 'video clip']);
    // "CLIPs" is the same term; a title's capital first letter is no acronym.
    expect(terms('CLIPs. Clip')).toEqual(['CLIP', 'clip']);
    // Capitals the table does not name are the word ("LLM", "llm").
    expect(terms('LLM llm')).toEqual(['llm', 'llm llm']);
    const a = analyzePaper({ id: 'x', title: 'CLIP for clips', abstract: '' });
    const words: string[] = [];
    forEachTerm(a.title, (_term, first, last) => words.push(surfaceText(a.title, first, last)));
    expect(words).toEqual(['CLIP', 'clips']);
  });
});
