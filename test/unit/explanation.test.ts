import { describe, expect, it } from 'vitest';
import { explanationLines, movingTerms, termAsWritten, termsShown, termsToName } from '../../src/explanation';
import type { EntryScore } from '../../src/messages';
import { describeStream, tokenize } from '../../src/relevance/tokenize';

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

  it("says first that the user starred it, when the topic was learned from it: no word names that", () => {
    expect(explanationLines(score({ keywords: ['axion'], titleKeywordUntilStars: 10 }))).toEqual([
      'Relevance 62/100 (medium) for Axions.',
      'Matches your keywords: “axion”.',
      'Medium for a keyword in its title, until you have starred 10 papers of the topic.',
    ]);
    expect(explanationLines(score({ starred: true }))).toEqual(['Relevance 62/100 (medium) for Axions.', 'You starred it: the topic was learned from it, among others.']);
  });

  it('says when nothing in the paper explains its score', () => {
    expect(explanationLines(score({}))).toEqual(['Relevance 62/100 (medium) for Axions.', 'Nothing in it matches your interests or the papers you starred.']);
    expect(explanationLines(score({ like: 'A paper' }))).toHaveLength(2);
  });
});

describe('termsToName', () => {
  /** A text's stems, as the engine stems it. */
  const stems = (text: string) => describeStream(tokenize(text)).stems;
  /** Terms as the engine gives them: a word, or two words that make a bigram. */
  const terms = (texts: readonly string[]) => texts.map((text) => ({ text, stems: stems(text) }));

  it('names each term once, not a keyword already named, nor a word of a phrase named', () => {
    const raising = terms(['black hole', 'hole', 'Hawking', 'evaporation', 'Black Hole', 'black', 'greybody factor', 'factor', 'entropy', 'page curve']);
    expect(termsToName(raising, [stems('black hole'), stems('Hawking radiation')], 5)).toEqual(['evaporation', 'greybody factor', 'entropy', 'page curve']);
    expect(termsToName(raising, [], 3)).toEqual(['black hole', 'Hawking', 'evaporation']);
    expect(termsToName([], [['x']], 5)).toEqual([]);
  });

  it('leaves out a word only for a bigram it names: the strongest word stays when its bigram is cut by the limit', () => {
    const raising = terms(['editing', 'reasoning', 'models', 'benchmarking', 'taxonomy', 'hints', 'image editing']);
    expect(termsToName(raising, [], 5)).toEqual(['editing', 'reasoning', 'models', 'benchmarking', 'taxonomy']);
    // Named, the bigram takes the word's place; a word left out makes room for the next term.
    expect(termsToName(raising, [], 7)).toEqual(['reasoning', 'models', 'benchmarking', 'taxonomy', 'hints', 'image editing']);
    const chained = terms(['learning', 'graph', 'graph learning', 'neural', 'neural graph', 'other']);
    expect(termsToName(chained, [], 3)).toEqual(['graph learning', 'neural graph', 'other']);
  });

  it('compares on stems: a keyword is named whatever ending the paper gives it, and under its other forms', () => {
    const raising = terms(['grippers', 'soft grippers', 'fruit', 'black holes', 'holes', 'RL', 'reward']);
    // "gripper" matched "grippers"; "black hole" "black holes"; "reinforcement learning" its form "RL".
    const named = [stems('gripper'), stems('black hole'), stems('reinforcement learning'), stems('RL')];
    expect(termsToName(raising, named, 5)).toEqual(['soft grippers', 'fruit', 'reward']);
    // A bigram is a part of a phrase only where its words follow each other in it.
    expect(termsToName(terms(['learning reinforcement', 'deep learning']), [stems('deep reinforcement learning')], 5)).toEqual(['learning reinforcement', 'deep learning']);
  });
});

describe('termAsWritten', () => {
  const text = 'ACE-GS: 3D Gaussian Splatting with DiT priors\nWe use $k$-NN search and Schr\\"odinger bridges; FP8 training.';
  it('gives the paper\'s own spelling: its capitals, its separators, TeX markup left out', () => {
    expect(termAsWritten('3d gaussian', text)).toBe('3D Gaussian');
    expect(termAsWritten('dit', text)).toBe('DiT');
    expect(termAsWritten('k nn', text)).toBe('k-NN');
    expect(termAsWritten('priors', text)).toBe('priors');
  });
  it('names no capitalized word the paper does not write ("AC" for "ACE", "FPS" for "FP8"); a lower-case one stays as given', () => {
    expect(termAsWritten('AC', text)).toBeNull();
    expect(termAsWritten('FPS', text)).toBeNull();
    expect(termAsWritten('ace', text)).toBe('ACE');
    expect(termAsWritten('schrodinger', text)).toBe('schrodinger');
    expect(termAsWritten('gaussian splat', text)).toBe('gaussian splat'); // not a whole word: as given
  });
  it('names no TeX command as a word ("mathrm", "frac"), but the word where the paper writes it too', () => {
    const tex = 'A $\\mathrm{SU}(2)$ model with $\\frac{1}{2}$ spin and $\\sigma$; the sigma model.';
    expect(termAsWritten('mathrm', tex)).toBeNull();
    expect(termAsWritten('frac', tex)).toBeNull();
    expect(termAsWritten('sigma', tex)).toBe('sigma');
    expect(termAsWritten('model with', tex)).toBe('model with');
    expect(termAsWritten('gauge mathcal', 'Supersymmetric gauge $\\mathcal{N}=4$ theories')).toBeNull();
  });
});

describe('termsShown', () => {
  const t = (text: string, contribution: number, stems = text.toLowerCase().split(' ')) => ({ text, stems, contribution });
  const text = 'Graphs of knowledge: knowledge graphs for GNN training, with DiT. A structure and an approach.';
  it('names only words that move the score shown, as the paper writes them, and none both ways', () => {
    const shown = termsShown(
      [t('graphs', 1.5), t('dit', 0.8), t('AC', 0.7), t('structure', 0.0004), t('approach', 0.0003)],
      [t('knowledge graphs', -0.09), t('training', -0.5)],
      { named: [], text, moves: (term) => Math.abs(term.contribution) >= 0.01, max: 5 },
    );
    expect(shown).toEqual({ raising: ['graphs', 'DiT'], lowering: ['training'] });
  });

  it("names no keyword, nor a keyword's other form, as lowering the score, and no abbreviation against its long form", () => {
    const rl = 'Holographic duals of reinforcement learning (RL) agents, trained.';
    const shown = termsShown([t('reinforcement learning', 1.2, ['reinforc', 'learn'])], [t('holographic', -0.6, ['holograph']), t('RL', -0.5, ['rl']), t('trained', -0.4, ['train'])], {
      named: [['holographi'], ['holograph']], // "holography" and its form "holographic"
      text: rl,
      moves: () => true,
      max: 5,
      otherForms: (term) => (term === 'reinforcement learning' ? ['RL'] : []),
    });
    expect(shown).toEqual({ raising: ['reinforcement learning'], lowering: ['trained'] });
  });
});

describe('movingTerms', () => {
  const terms = [0.5, 0.3, 0.2, 0.1].map((contribution) => ({ contribution }));
  it('names each term whose taking away changes the score', () => {
    expect([...movingTerms(terms, (c) => c >= 0.3, true)]).toEqual(terms.slice(0, 2));
  });

  it('at the end of a range no one term moves, names the strongest that together do, or none when told not to', () => {
    // A score of 100 far past the line: only 0.9 taken away moves it.
    expect([...movingTerms(terms, (c) => c >= 0.9, true)]).toEqual(terms.slice(0, 3));
    expect([...movingTerms(terms, (c) => c >= 0.9, false)]).toEqual([]);
    expect([...movingTerms(terms, (c) => c >= 5, true)]).toEqual([]);
  });
});
