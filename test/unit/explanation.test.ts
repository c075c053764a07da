import { describe, expect, it } from 'vitest';
import { explanationLines, termsToName } from '../../src/explanation';
import type { EntryScore } from '../../src/messages';

const score = (why: Partial<EntryScore['why']>): EntryScore => ({
  score: 62,
  tier: 'medium',
  topic: 'Axions',
  relevant: false,
  why: { keywords: [], authors: [], muted: [], categories: [], raising: [], lowering: [], ...why },
});

describe('explanation lines (badge and popup)', () => {
  it('names the starred paper it is like, after the rules and before the words', () => {
    expect(explanationLines(score({ keywords: ['axion'], like: 'Axions, Photons and Physics Beyond the Standard Model', raising: ['photons'] }))).toEqual([
      'Relevance 62/100 (medium) for Axions.',
      'Matches your keywords: “axion”.',
      'Like “Axions, Photons and Physics Beyond the Standard Model”, which you starred.',
      'Raised by: “photons”.',
    ]);
  });

  it('says when nothing in the paper explains its score', () => {
    expect(explanationLines(score({}))).toEqual(['Relevance 62/100 (medium) for Axions.', 'Nothing in it matches your interests or the papers you starred.']);
    expect(explanationLines(score({ like: 'A paper' }))).toHaveLength(2);
  });
});

describe('termsToName', () => {
  it('names each term once, not a keyword already named, nor a word of a phrase named', () => {
    const raising = ['black hole', 'hole', 'Hawking', 'evaporation', 'Black Hole', 'black', 'greybody factor', 'factor', 'entropy', 'page curve'];
    expect(termsToName(raising, ['black hole', 'Hawking radiation'], 5)).toEqual(['evaporation', 'greybody factor', 'entropy', 'page curve']);
    expect(termsToName(raising, [], 3)).toEqual(['black hole', 'Hawking', 'evaporation']);
    expect(termsToName([], ['x'], 5)).toEqual([]);
  });
});
