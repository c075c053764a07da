import { describe, expect, it } from 'vitest';
import { americanSpelling } from '../../../src/relevance/spelling';
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
      ['dialogue', 'dialog'],
      ['dialogues', 'dialogs'],
      ['catalogued', 'cataloged'],
      ['analogue', 'analog'],
      ['judgement', 'judgment'],
      ['acknowledgements', 'acknowledgments'],
      ['paediatric', 'pediatric'],
      ['haemorrhage', 'hemorrhage'],
      ['anaesthesia', 'anesthesia'],
      ['oesophageal', 'esophageal'],
      ['leukaemia', 'leukemia'],
    ];
    for (const [british, american] of pairs) expect(americanSpelling(british!), british).toBe(american);
    // Not British: left alone.
    for (const word of ['improvise', 'advise', 'surprise', 'promise', 'premise', 'noise', 'raise', 'analysis', 'hour', 'four', 'contour', 'detour', 'are', 'store', 'entire', 'require', 'metric', 'rogue', 'vogue', 'league', 'aerial', 'aesthetic', 'shoe', 'does', 'toe', 'management']) expect(americanSpelling(word), word).toBe(word);
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
