/** A keyword's Latin and Greek plurals and singulars, which the Porter stemmer makes other words. */
import { describe, expect, it } from 'vitest';
import { requireShared } from '../../../scripts/lib/shared';
import { otherNumberForm } from '../../../src/relevance/plurals';
import { matched } from '../../support/keyword-match';
import { analyzed, realListings } from '../../support/real-listings';

describe('Latin and Greek plurals', () => {
  it('reads each such word in the other number, in the case typed', () => {
    expect(otherNumberForm('corpus')).toBe('corpora');
    expect(otherNumberForm('parallel corpora')).toBe('parallel corpus');
    expect(otherNumberForm('Nucleus segmentation')).toBe('Nuclei segmentation');
    expect(otherNumberForm('local minimum')).toBe('local minima');
    expect(otherNumberForm('CRITERIA')).toBe('CRITERION');
    // Plurals stemmed as other words, and words of neither kind.
    for (const phrase of ['thesis', 'index', 'simplex', 'analysis', 'data', 'graph neural networks']) expect(otherNumberForm(phrase), phrase).toBeNull();
  });

  it('on real listings, a keyword finds the papers writing it in either number, exactly', { timeout: 60_000 }, (ctx) => {
    if (!requireShared('real arXiv listings', 'data/arxiv_daily_cs_listings.jsonl')) return ctx.skip();
    const listed = realListings(16_000);
    const papers = analyzed(listed);
    for (const [keyword, written] of [
      ['corpus', /\bcorp(?:us|ora)\b/i],
      ['criterion', /\bcriteri(?:on|a)\b/i],
      ['matrix', /\bmatri(?:x|ces)\b/i],
      ['parallel corpora', /\bparallel corp(?:us|ora)\b/i],
    ] as const) {
      const expected = listed.filter((p) => written.test(`${p.title} ${p.summary}`.replace(/\s+/g, ' '))).map((p) => p.id);
      expect(expected.length, keyword).toBeGreaterThan(20);
      expect(matched(keyword, papers), keyword).toEqual(expected);
    }
  });
});
