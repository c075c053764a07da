/**
 * The sync layout: marks and interests survive the trip through sync storage's items exactly
 * (times to the second), every item stays under the per-item quota, 5,000 marks fit the total
 * quota, and what does not fit is chosen by importance. Garbage from sync storage is skipped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalId } from '../../../src/core/ids';
import { decodeInterests, decodeLinks, decodeMarks, encodeInterests, encodeLinks, encodeMarks, syncTime, type SyncedLink, type SyncedMark } from '../../../src/sync/codec';
import { itemBytes, SYNC_QUOTA, totalBytes } from '../../../src/sync/quotas';
import type { Interests } from '../../../src/relevance/interests';
import { realisticMarks } from '../../support/sync-marks';

const NOW = Date.UTC(2026, 10, 29, 12);
const ITEM = SYNC_QUOTA.bytesPerItem - 64;

const arxivNew = fc.tuple(fc.integer({ min: 15, max: 26 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 99_999 })).map(
  ([y, m, n]) => `arxiv:${y}${String(m).padStart(2, '0')}.${String(n).padStart(5, '0')}`,
);
const arxivOld = fc.tuple(fc.constantFrom('hep-th', 'math', 'cs', 'cond-mat'), fc.integer({ min: 92, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 999 })).map(
  ([a, y, m, n]) => `arxiv:${a}/${y}${String(m).padStart(2, '0')}${String(n).padStart(3, '0')}`,
);
// DOIs may hold almost any character: quotes, backslashes, non-ASCII, a trailing slash.
const doi = fc.tuple(fc.integer({ min: 1000, max: 99999 }), fc.string({ minLength: 1, maxLength: 20, unit: fc.constantFrom('a', 'Z', '.', '/', '"', '\\', 'é', '(', ';', '-', '~', '漢') })).map(
  ([registrant, suffix]) => canonicalId(`10.${registrant}/${suffix}`),
);
const acl = fc.constantFrom('acl:2020.acl-main.1', 'acl:P19-1001', 'acl:2023.findings-emnlp.12');
const scholar = fc.bigInt({ min: 1n, max: 18_446_744_073_709_551_615n }).map((n) => `scholar:${n}`);
const paperId = fc.oneof(arxivNew, arxivNew, arxivOld, doi, acl, scholar).filter((id): id is string => id !== null);

const mark = fc.record({
  id: paperId,
  flags: fc.integer({ min: 0, max: 3 }),
  dismissed: fc.boolean(),
  at: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2200, 0, 1) }), // also past 2089 (a clock set far ahead), after what six digits hold
}).map(({ id, flags, dismissed, at }): SyncedMark => ({ id, starred: (flags & 1) !== 0 && !dismissed, read: (flags & 2) !== 0, dismissed, at }));

function uniqueById(marks: SyncedMark[]): SyncedMark[] {
  return [...new Map(marks.map((m) => [m.id, m])).values()];
}

describe('marks in sync storage', () => {
  it('come back exactly, times to the second (property: arXiv old and new, DOIs with odd characters, ACL, Scholar)', () => {
    fc.assert(
      fc.property(fc.array(mark, { maxLength: 300 }), (generated) => {
        const marks = uniqueById(generated);
        const { items, leftOut, bytes } = encodeMarks(marks, SYNC_QUOTA.bytes, ITEM);
        expect(leftOut).toEqual([]);
        expect(bytes).toBe(totalBytes(items));
        for (const [key, value] of Object.entries(items)) expect(itemBytes(key, value)).toBeLessThanOrEqual(ITEM);
        const decoded = decodeMarks(items);
        expect(decoded.invalid).toBe(0);
        const expected = new Map(marks.map((m) => [m.id, { ...m, at: syncTime(m.at) }]));
        expect(new Map([...decoded.marks].sort())).toEqual(new Map([...expected].sort()));
      }),
      { numRuns: 150 },
    );
  });

  it('5,000 marks fit the 100 KB quota in items under 8 KB, about 13 bytes each', () => {
    const marks = realisticMarks(5_000, NOW);
    const { items, bytes, leftOut } = encodeMarks(marks, SYNC_QUOTA.bytes - 1_024, ITEM);
    expect(leftOut).toHaveLength(0);
    expect(bytes).toBeLessThan(SYNC_QUOTA.bytes * 0.75);
    expect(bytes / marks.length).toBeLessThan(15);
    expect(Object.keys(items).length).toBeLessThan(20);
    for (const [key, value] of Object.entries(items)) expect(itemBytes(key, value)).toBeLessThanOrEqual(ITEM);
    expect(decodeMarks(items).marks.size).toBe(5_000);
  });

  it('when not all fit, stars stay longest, then dismissals, then reads, then undone marks; newer before older', () => {
    const marks = realisticMarks(12_000, NOW).map((m, i) => (i % 10 === 9 ? { ...m, starred: false, read: false, dismissed: false } : m));
    const { items, bytes, leftOut } = encodeMarks(marks, 60_000, ITEM);
    expect(bytes).toBeLessThanOrEqual(60_000);
    expect(bytes).toBeGreaterThan(55_000); // the room is used, not wasted
    const kept = decodeMarks(items).marks;
    expect(kept.size + leftOut.length).toBe(12_000);
    const rank = (m: SyncedMark) => (m.starred ? 0 : m.dismissed ? 1 : m.read ? 2 : 3);
    const worstKept = Math.max(...[...kept.values()].map(rank));
    const bestLeft = Math.min(...leftOut.map(rank));
    expect(bestLeft).toBeGreaterThanOrEqual(worstKept);
    // Every star is kept; of the class cut in two, the newest are kept.
    expect(leftOut.filter((m) => m.starred)).toEqual([]);
    const cutClass = leftOut.filter((m) => rank(m) === worstKept);
    const keptOfClass = [...kept.values()].filter((m) => rank(m) === worstKept);
    if (cutClass.length > 0 && keptOfClass.length > 0) expect(Math.min(...keptOfClass.map((m) => m.at))).toBeGreaterThanOrEqual(syncTime(Math.max(...cutClass.map((m) => m.at))));
  });

  it('skips what is not a mark, and keeps the newest where two items name one paper', () => {
    const items = {
      'pr:m0': { 'arxiv:2408.': '039613' + '4mq1c0' + ' nonsense 0396' + ' 03962' + '9zzzzzz', 'notanid:': 'x1000000' },
      'pr:m1': { 'arxiv:2408.': '039610' + '4mq1c9' },
      'pr:m2': 'a string',
      'pr:m3': { 'arxiv:2408.': 42 },
      'other-key': { 'arxiv:2408.': '039611000000' },
    };
    const { marks, invalid } = decodeMarks(items);
    expect([...marks.keys()]).toEqual(['arxiv:2408.03961']);
    expect(marks.get('arxiv:2408.03961')).toMatchObject({ starred: false, read: false, dismissed: false }); // the later "undone" wins
    expect(invalid).toBe(6);
  });
});

describe('links in sync storage', () => {
  const link = fc.tuple(fc.oneof(doi, acl, scholar), arxivNew).filter((pair): pair is [string, string] => pair[0] !== null);

  it('come back exactly, grouped by record, every item under 8 KB (property: DOIs with odd characters, ACL, Scholar)', () => {
    fc.assert(
      fc.property(fc.array(link, { maxLength: 300 }), (pairs) => {
        const links: SyncedLink[] = [...new Map(pairs.map(([alias, id]) => [alias, id])).entries()].map(([alias, id]) => ({ alias, id }));
        const { items, leftOut, bytes } = encodeLinks(links, SYNC_QUOTA.bytes, ITEM);
        expect(leftOut).toBe(0);
        expect(bytes).toBe(totalBytes(items));
        for (const [key, value] of Object.entries(items)) expect(itemBytes(key, value)).toBeLessThanOrEqual(ITEM);
        const decoded = decodeLinks(items);
        expect(decoded.invalid).toBe(0);
        expect(new Map([...decoded.links].sort())).toEqual(new Map(links.map((l) => [l.alias, l.id] as [string, string]).sort()));
      }),
      { numRuns: 100 },
    );
  });

  it('fill only the room given, and say how many did not fit', () => {
    const links = Array.from({ length: 2_000 }, (_, i) => ({ alias: `scholar:${1_000_000 + i}`, id: `arxiv:2408.${String(i).padStart(5, '0')}` }));
    const { items, bytes, leftOut } = encodeLinks(links, 10_000, ITEM);
    expect(bytes).toBeLessThanOrEqual(10_000);
    expect(bytes).toBeGreaterThan(9_000);
    expect(decodeLinks(items).links.size + leftOut).toBe(2_000);
  });

  it('skip what is not a link; where two items link one alias to different records, the best-ranked record wins', () => {
    const items = {
      'pr:a0': { 'arxiv:2408.00001': 'scholar:1 not-an-id arxiv:2408.00001', 'junk:1': 'scholar:2', 'doi:10.1000/x': 42 },
      'pr:a1': { 'doi:10.1000/y': 'scholar:1' },
      'pr:a2': 'a string',
      'pr:m0': { 'arxiv:2408.': '000011000000' },
    };
    const { links, invalid } = decodeLinks(items);
    expect([...links]).toEqual([['scholar:1', 'arxiv:2408.00001']]);
    expect(invalid).toBe(5);
  });
});

describe('interests in sync storage', () => {
  const interests: Interests = {
    topics: [{ id: 'flows', name: 'Normalizing flows — “ünïcode”', keywords: ['normalizing flow', 'diffusion \\ "quoted"'], categories: ['cs.LG'] }],
    followedAuthors: ['Zoë Ünicode'],
    mutedKeywords: [],
    mutedAuthors: [],
  };

  it('come back exactly with their time', () => {
    const items = encodeInterests({ interests, at: NOW }, ITEM);
    expect(Object.keys(items)).toEqual(['pr:i0']);
    expect(decodeInterests(items)).toEqual({ interests, at: NOW });
  });

  it('large interests are cut into pieces under the item quota and put back together', () => {
    const big: Interests = { ...interests, followedAuthors: Array.from({ length: 500 }, (_, i) => `Author ${i} Ünïcödé “${'x'.repeat(40)}”`) };
    const items = encodeInterests({ interests: big, at: NOW }, ITEM);
    expect(Object.keys(items).length).toBeGreaterThan(2);
    for (const [key, value] of Object.entries(items)) expect(itemBytes(key, value)).toBeLessThanOrEqual(ITEM);
    expect(decodeInterests(items)).toEqual({ interests: big, at: NOW });
  });

  it('half an update (pieces of two writes), a missing piece, or invalid interests read as none', () => {
    const big: Interests = { ...interests, followedAuthors: Array.from({ length: 500 }, (_, i) => `Author ${i} ${'y'.repeat(40)}`) };
    const first = encodeInterests({ interests: big, at: NOW }, ITEM);
    const second = encodeInterests({ interests: big, at: NOW + 1 }, ITEM);
    expect(decodeInterests({ ...first, 'pr:i1': second['pr:i1'] })).toBeNull();
    const { 'pr:i1': _missing, ...gap } = first;
    expect(decodeInterests(gap)).toBeNull();
    expect(decodeInterests({ 'pr:i0': { a: NOW, n: 1, d: '{"topics": "nope"}' } })).toBeNull();
    expect(decodeInterests({ 'pr:i0': { a: NOW, n: 1, d: '{"top' } })).toBeNull();
    expect(decodeInterests({})).toBeNull();
  });
});
