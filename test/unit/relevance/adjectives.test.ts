/**
 * A keyword's nouns in "-y" find papers writing their adjectives in "-ic", and the other way round
 * ("holography" and "holographic"), which the Porter stemmer makes two stems.
 */
import { describe, expect, it } from 'vitest';
import { requireShared } from '../../../scripts/lib/shared';
import { adjectiveForm } from '../../../src/relevance/adjectives';
import { analyzePaper } from '../../../src/relevance/vectorize';
import { matched, papersOf } from '../../support/keyword-match';
import { analyzed, realListings } from '../../support/real-listings';

describe('nouns and adjectives', () => {
  it('reads each noun in -y as its adjective in -ic and back, in the case typed', () => {
    expect(adjectiveForm('holography')).toBe('holographic');
    expect(adjectiveForm('cryptography')).toBe('cryptographic');
    expect(adjectiveForm('symmetries')).toBe('symmetric');
    expect(adjectiveForm('TOMOGRAPHY')).toBe('TOMOGRAPHIC');
    expect(adjectiveForm('geometric deep learning')).toBe('geometry deep learning');
    expect(adjectiveForm('Biological networks')).toBe('Biology networks');
    expect(adjectiveForm('strategically')).toBe('strategy');
    // Pairs of other meanings, and words of neither kind.
    for (const phrase of ['harmony', 'monotonic', 'academic', 'graph neural networks', 'LLM', 'entity linking']) expect(adjectiveForm(phrase), phrase).toBeNull();
    // Nor those whose adjective would be another word's stem ("autonomic" is stemmed as "autonomous").
    for (const phrase of ['autonomy', 'analogy', 'microscopy', 'orthography', 'biometric']) expect(adjectiveForm(phrase), phrase).toBeNull();
  });

  it('a keyword finds the papers that write its noun as an adjective, or its adjective as a noun; "harmony" finds no "harmonic"', () => {
    const papers = papersOf([
      ['holographic', 'Holographic duality and entanglement', 'We study holographic CFTs.'],
      ['holography', 'Lectures on holography', 'Holography relates bulk and boundary.'],
      ['geometric', 'Geometric deep learning on meshes', 'Geometric priors.'],
      ['geometry', 'Learning the geometry of data', 'Riemannian geometry.'],
      ['harmonic', 'Harmonic analysis on groups', 'Harmonic functions.'],
      ['biological', 'Biological sequence models', 'Proteins.'],
    ]);
    expect(matched('holography', papers)).toEqual(['holographic', 'holography']);
    expect(matched('holographic', papers)).toEqual(['holographic', 'holography']);
    expect(matched('geometry', papers)).toEqual(['geometric', 'geometry']);
    expect(matched('biology', papers)).toEqual(['biological']);
    expect(matched('harmony', papers)).toEqual([]);
  });

  it('on real listings, "cryptography" finds the papers that say only "cryptographic", and "geometry" those saying only "geometric"; "autonomy" no "autonomous"', { timeout: 60_000 }, (ctx) => {
    if (!requireShared('real arXiv listings', 'data/arxiv_daily_cs_listings.jsonl')) return ctx.skip();
    const listed = realListings(16_000);
    const papers = analyzed(listed);
    const writes = (re: RegExp) => new Set(listed.filter((p) => re.test(`${p.title} ${p.summary}`)).map((p) => p.id));
    for (const [keyword, adjectiveOnly] of [
      ['cryptography', writes(/\bcryptographic/i)],
      ['geometry', writes(/\bgeometric/i)],
    ] as const) {
      const nounToo = writes(new RegExp(`\\b${keyword}`, 'i'));
      const only = [...adjectiveOnly].filter((id) => !nounToo.has(id));
      expect(only.length, keyword).toBeGreaterThan(5);
      const found = new Set(matched(keyword, papers));
      expect(only.filter((id) => !found.has(id)), keyword).toEqual([]);
    }
    // "autonomy" finds the papers about autonomy, not every "autonomous" (865 before NOT_PAIRED).
    expect(matched('autonomy', papers)).toEqual([...writes(/\bautonom(?:y|ies)\b/i)]);
  });
});
