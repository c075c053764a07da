import { describe, expect, it } from 'vitest';
import { idRanges } from '../../src/core/id-ranges';

describe('idRanges', () => {
  it('puts nearby ids of one month in one range, in key order', () => {
    expect(idRanges(['arxiv:2411.14419', 'arxiv:2411.14395', 'arxiv:2411.15001'])).toEqual([['arxiv:2411.14395', 'arxiv:2411.15001']]);
  });

  it('splits at wide gaps, month changes and number lengths', () => {
    expect(idRanges(['arxiv:2411.10000', 'arxiv:2411.12500', 'arxiv:2411.12600', 'arxiv:2412.00001', 'arxiv:1412.9999'], 1000)).toEqual([
      ['arxiv:1412.9999', 'arxiv:1412.9999'],
      ['arxiv:2411.10000', 'arxiv:2411.10000'],
      ['arxiv:2411.12500', 'arxiv:2411.12600'],
      ['arxiv:2412.00001', 'arxiv:2412.00001'],
    ]);
  });

  it('gives other ids a range of their own, and drops duplicates', () => {
    expect(idRanges(['doi:10.1000/x', 'arxiv:hep-th/9901001', 'doi:10.1000/x'])).toEqual([
      ['doi:10.1000/x', 'doi:10.1000/x'],
      ['arxiv:hep-th/9901001', 'arxiv:hep-th/9901001'],
    ]);
    expect(idRanges([])).toEqual([]);
  });

  it('covers every id: each lies within a range', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `arxiv:24${String(1 + (i % 12)).padStart(2, '0')}.${String((i * 7919) % 99999).padStart(5, '0')}`);
    const ranges = idRanges(ids);
    for (const id of ids) expect(ranges.some(([lo, hi]) => lo <= id && id <= hi)).toBe(true);
    expect(ranges.length).toBeLessThan(ids.length);
  });
});
