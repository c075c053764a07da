import { describe, expect, it } from 'vitest';
import {
  compareIds,
  ID_RANK,
  idRank,
  mergeAllStates,
  mergePageStates,
  mergeStates,
  rekeyMeta,
  winnerOf,
} from '../../src/core/merge';
import { clampAliases, clampMeta, EMPTY_STATE, fillGaps, isStandInTitle, LIMITS, mergeMeta, metaOf, normalizeTags, type PageState, type PaperMeta, type PaperState } from '../../src/core/paper';
import { testPaper } from '../support/papers';

/** Two records of one paper under different ids, as the store merges them: the better id's values first, its gaps filled. */
const acrossIds = (a: PaperMeta, b: PaperMeta) => (compareIds(a.id, b.id) <= 0 ? fillGaps(a, b) : fillGaps(b, a));

const ARXIV = 'arxiv:2106.09608';
const DOI = 'doi:10.1038/nature14539';
const ACL = 'acl:2020.acl-main.1';
const SCHOLAR = 'scholar:5362332738201102290';

const state = (fields: Partial<PaperState> = {}): PaperState => ({ ...EMPTY_STATE, ...fields });

/** A small seeded generator (mulberry32): the same cases on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A well-formed random state: a time only when its flag is set, first seen ≤ last seen. */
function randomState(next: () => number): PaperState {
  const time = () => 1 + Math.floor(next() * 1000);
  const starred = next() < 0.5;
  const read = next() < 0.5;
  const seen = next() < 0.7;
  const first = seen ? time() : null;
  const last = first === null ? null : first + Math.floor(next() * 100);
  const s: PaperState = {
    starred,
    starredAt: starred ? time() : null,
    read,
    readAt: read ? time() : null,
    dismissed: !starred && next() < 0.3,
    firstSeenAt: first,
    lastSeenAt: last,
    tags: normalizeTags(['ml', 'Graphs', 'to read', 'ML'].filter(() => next() < 0.3)),
    note: ['', '', 'note 0', 'note 2', 'note 1\n\nnote 0'][Math.floor(next() * 5)]!,
    marksAt: next() < 0.2 ? null : time(),
    annotatedAt: next() < 0.5 ? null : time(),
    updatedAt: 0,
  };
  s.updatedAt = Math.max(s.starredAt ?? 0, s.readAt ?? 0, s.lastSeenAt ?? 0, time());
  return s;
}

describe('which id wins', () => {
  it('ranks arxiv > doi > acl > scholar, unknown schemes last', () => {
    expect(ID_RANK).toEqual(['arxiv', 'doi', 'acl', 'scholar']);
    expect([SCHOLAR, ACL, DOI, ARXIV].map(idRank)).toEqual([3, 2, 1, 0]);
    expect(idRank('isbn:123')).toBe(4);
    expect(winnerOf([SCHOLAR, ACL, DOI, ARXIV])).toBe(ARXIV);
    expect(winnerOf([SCHOLAR, ACL, DOI])).toBe(DOI);
    expect(winnerOf([SCHOLAR, ACL])).toBe(ACL);
    expect(winnerOf([SCHOLAR])).toBe(SCHOLAR);
    expect(() => winnerOf([])).toThrow();
  });

  it('within one scheme the smaller id wins, so the winner does not depend on order', () => {
    expect(winnerOf(['scholar:9', 'scholar:10'])).toBe('scholar:10');
    expect(winnerOf(['scholar:10', 'scholar:9'])).toBe('scholar:10');
    expect(compareIds(ARXIV, ARXIV)).toBe(0);
    const ids = [SCHOLAR, ACL, DOI, ARXIV, 'arxiv:2106.00001', 'doi:10.1/a', 'scholar:1'];
    const next = random(7);
    for (let i = 0; i < 50; i++) {
      const shuffled = [...ids].sort(() => next() - 0.5);
      expect(winnerOf(shuffled)).toBe('arxiv:2106.00001');
    }
  });

  it('compareIds is a total order (antisymmetric, transitive)', () => {
    const ids = [SCHOLAR, ACL, DOI, ARXIV, 'arxiv:2106.00001', 'doi:10.1/a', 'scholar:1', 'acl:P19-1001'];
    for (const a of ids) {
      for (const b of ids) {
        expect(Math.sign(compareIds(a, b)) + Math.sign(compareIds(b, a))).toBe(0);
        expect(compareIds(a, b) === 0).toBe(a === b);
        for (const c of ids) if (compareIds(a, b) < 0 && compareIds(b, c) < 0) expect(compareIds(a, c)).toBeLessThan(0);
      }
    }
  });
});

describe('mergeStates', () => {
  it('starred if either, with the earliest star', () => {
    expect(mergeStates(state({ starred: true, starredAt: 50 }), state())).toMatchObject({ starred: true, starredAt: 50 });
    expect(mergeStates(state(), state({ starred: true, starredAt: 50 }))).toMatchObject({ starred: true, starredAt: 50 });
    expect(mergeStates(state({ starred: true, starredAt: 50 }), state({ starred: true, starredAt: 20 }))).toMatchObject({ starredAt: 20 });
    expect(mergeStates(state(), state())).toMatchObject({ starred: false, starredAt: null });
  });

  it('read if either, with the earliest read', () => {
    expect(mergeStates(state({ read: true, readAt: 70 }), state({ read: true, readAt: 90 }))).toMatchObject({ read: true, readAt: 70 });
    expect(mergeStates(state({ read: false }), state({ read: true, readAt: 90 }))).toMatchObject({ read: true, readAt: 90 });
  });

  it('starred under one id and dismissed under another: starred, not dismissed, whatever the order', () => {
    const starred = state({ starred: true, starredAt: 100, marksAt: 100 });
    const dismissed = state({ dismissed: true, marksAt: 200 });
    expect(mergeStates(starred, dismissed)).toMatchObject({ starred: true, starredAt: 100, dismissed: false, marksAt: 200 });
    expect(mergeStates(dismissed, starred)).toMatchObject({ starred: true, dismissed: false });
    expect(mergeAllStates([dismissed, state(), starred, dismissed])).toMatchObject({ starred: true, dismissed: false });
    expect(mergeStates(dismissed, state({ read: true, readAt: 5 }))).toMatchObject({ dismissed: true, read: true });
  });

  it('a time left over on an unset flag is not taken for the merged one', () => {
    const stale = state({ starred: false, starredAt: 1 });
    expect(mergeStates(stale, state({ starred: true, starredAt: 50 }))).toMatchObject({ starred: true, starredAt: 50 });
    expect(mergeStates(stale, state())).toMatchObject({ starred: false, starredAt: null });
  });

  it('a set flag without a time stays set (the other time, or null)', () => {
    expect(mergeStates(state({ read: true, readAt: null }), state())).toMatchObject({ read: true, readAt: null });
    expect(mergeStates(state({ read: true, readAt: null }), state({ read: true, readAt: 5 }))).toMatchObject({ read: true, readAt: 5 });
  });

  it('first seen = min, last seen = max, updated = max; nulls are "never"', () => {
    const a = state({ firstSeenAt: 10, lastSeenAt: 40, updatedAt: 40 });
    const b = state({ firstSeenAt: 20, lastSeenAt: 30, updatedAt: 60 });
    expect(mergeStates(a, b)).toMatchObject({ firstSeenAt: 10, lastSeenAt: 40, updatedAt: 60 });
    expect(mergeStates(a, state())).toMatchObject({ firstSeenAt: 10, lastSeenAt: 40, updatedAt: 40 });
    expect(mergeStates(state(), b)).toMatchObject({ firstSeenAt: 20, lastSeenAt: 30 });
    expect(mergeStates(state(), state())).toEqual(EMPTY_STATE);
  });

  it('has exactly the fields of PaperState', () => {
    expect(Object.keys(mergeStates(state(), state())).sort()).toEqual(Object.keys(EMPTY_STATE).sort());
  });

  it('commutative, associative, idempotent, with the empty state as identity (seeded random states)', () => {
    const next = random(42);
    for (let i = 0; i < 500; i++) {
      const [a, b, c] = [randomState(next), randomState(next), randomState(next)];
      expect(mergeStates(a, b)).toEqual(mergeStates(b, a));
      expect(mergeStates(mergeStates(a, b), c)).toEqual(mergeStates(a, mergeStates(b, c)));
      expect(mergeStates(a, a)).toEqual(a);
      expect(mergeStates(a, EMPTY_STATE)).toEqual(a);
      expect(mergeAllStates([c, a, b])).toEqual(mergeStates(mergeStates(a, b), c));
    }
  });

  it('loses nothing: every flag set on either side is set, every time kept is one of the inputs (seeded)', () => {
    const next = random(1);
    for (let i = 0; i < 500; i++) {
      const a = randomState(next);
      const b = randomState(next);
      const m = mergeStates(a, b);
      expect(m.starred).toBe(a.starred || b.starred);
      expect(m.read).toBe(a.read || b.read);
      const starTimes = [a, b].filter((s) => s.starred).map((s) => s.starredAt!);
      expect(m.starredAt).toBe(starTimes.length ? Math.min(...starTimes) : null);
      const readTimes = [a, b].filter((s) => s.read).map((s) => s.readAt!);
      expect(m.readAt).toBe(readTimes.length ? Math.min(...readTimes) : null);
      const firsts = [a.firstSeenAt, b.firstSeenAt].filter((t): t is number => t !== null);
      expect(m.firstSeenAt).toBe(firsts.length ? Math.min(...firsts) : null);
      const lasts = [a.lastSeenAt, b.lastSeenAt].filter((t): t is number => t !== null);
      expect(m.lastSeenAt).toBe(lasts.length ? Math.max(...lasts) : null);
      expect(m.updatedAt).toBe(Math.max(a.updatedAt, b.updatedAt));
    }
  });

  it('mergeAllStates of nothing is the empty state', () => {
    expect(mergeAllStates([])).toEqual(EMPTY_STATE);
  });
});

describe('metadata across ids', () => {
  const arxiv: PaperMeta = testPaper(1, {
    id: ARXIV,
    title: 'Deep learning (arXiv)',
    url: 'https://arxiv.org/abs/2106.09608',
    abstract: null,
    comments: '12 pages',
  });
  const scholar: PaperMeta = {
    id: SCHOLAR,
    title: 'Deep learning',
    authors: ['Y LeCun', 'Y Bengio'],
    abstract: 'Deep learning allows computational models …',
    url: 'http://www.nature.com/nature/journal/v521/n7553/abs/nature14539.html',
    pdfUrl: 'https://example.org/x.pdf',
    primaryCategory: null,
    subjects: [],
    comments: null,
    site: 'scholar',
    aliases: ['scholar:1'],
  };

  it("the winner's values and site; gaps filled from the other; every id an alias", () => {
    const merged = fillGaps(arxiv, scholar);
    expect(merged).toEqual({
      id: ARXIV,
      title: 'Deep learning (arXiv)',
      authors: ['Author 1'],
      abstract: 'Deep learning allows computational models …',
      url: 'https://arxiv.org/abs/2106.09608',
      pdfUrl: 'https://example.org/x.pdf',
      primaryCategory: 'cs.LG',
      subjects: ['cs.LG'],
      comments: '12 pages',
      site: 'arxiv',
      aliases: [SCHOLAR, 'scholar:1'],
    });
  });

  it('idempotent in content', () => {
    const once = fillGaps(arxiv, scholar);
    expect(fillGaps(once, scholar)).toEqual(once);
    expect(fillGaps(once, once)).toEqual(once);
  });

  it('empty strings and nulls count as gaps; empty lists too', () => {
    const gappy = { ...arxiv, title: '', authors: [], url: '', subjects: [], primaryCategory: null };
    const merged = acrossIds(gappy, scholar);
    expect(merged).toMatchObject({ id: ARXIV, title: 'Deep learning', authors: ['Y LeCun', 'Y Bengio'], url: scholar.url, subjects: [], primaryCategory: null });
  });

  it('rekeyMeta moves a record to another id, its old id becoming an alias', () => {
    expect(rekeyMeta(scholar, ARXIV)).toEqual({ ...scholar, id: ARXIV, aliases: [SCHOLAR, 'scholar:1'] });
    expect(rekeyMeta(scholar, SCHOLAR)).toBe(scholar);
    expect(rekeyMeta({ ...scholar, aliases: [ARXIV] }, ARXIV).aliases).toEqual([SCHOLAR]);
  });

  it("mergeMeta: a Scholar result (initials, a cut list, a snippet) fills gaps, and never replaces another site's title, authors or abstract", () => {
    const stored = { ...arxiv, title: 'Attention Is All You Need', authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit'], abstract: 'The dominant sequence transduction models are based on complex recurrent networks.' };
    const result = { ...scholar, id: ARXIV, url: stored.url, title: 'Attention is all you need', authors: ['A Vaswani', 'N Shazeer', 'N Parmar'], abstract: '… The dominant sequence transduction models …', venue: 'Advances in neural information processing systems' };
    expect(mergeMeta(stored, result)).toEqual({ ...stored, venue: result.venue, aliases: ['scholar:1'] }); // its PDF stays arXiv's
    // A record with gaps (seen on a listing without abstracts) gets them filled.
    expect(mergeMeta({ ...stored, abstract: null, authors: [] }, result)).toMatchObject({ title: stored.title, authors: result.authors, abstract: result.abstract });
    // A Scholar-only record takes a newer result's title; another site's values win over Scholar's.
    expect(mergeMeta(scholar, { ...scholar, title: 'Deep learning.' }).title).toBe('Deep learning');
    expect(mergeMeta({ ...stored, site: 'scholar' }, { ...stored, authors: ['A B'], site: 'huggingface' }).authors).toEqual(['A B']);
  });

  it('a cut author list (authorsCut) goes with the authors it describes', () => {
    const cut = { ...scholar, id: ARXIV, authors: ['A Vaswani', 'N Shazeer'], authorsCut: true as const };
    const full = { ...arxiv, authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'] };
    // Scholar's cut list fills a gap, and is said to be cut.
    expect(mergeMeta({ ...full, authors: [] }, cut)).toMatchObject({ authors: cut.authors, authorsCut: true });
    // It never replaces a full list; a full list replaces it, and the record is whole again.
    expect(mergeMeta(full, cut)).not.toHaveProperty('authorsCut');
    expect(mergeMeta({ ...cut, site: 'scholar' }, full)).not.toHaveProperty('authorsCut');
    expect(acrossIds(full, { ...cut, id: SCHOLAR })).not.toHaveProperty('authorsCut');
    expect(acrossIds({ ...full, authors: [] }, { ...cut, id: SCHOLAR })).toMatchObject({ authors: cut.authors, authorsCut: true });
    // A newer Scholar result for a Scholar-only record keeps the stored list and what it said.
    expect(mergeMeta({ ...cut, id: SCHOLAR }, { ...cut, id: SCHOLAR, authors: ['X Y'], authorsCut: undefined })).toMatchObject({ authors: cut.authors, authorsCut: true });
  });

  it('a cut list never replaces a longer whole one (an arXiv listing names 63 of the 147 authors its abstract page gave)', () => {
    const whole = { ...arxiv, authors: Array.from({ length: 147 }, (_, i) => `Author ${i}`) };
    const listing = { ...arxiv, authors: whole.authors.slice(0, 63), authorsCut: true as const };
    expect(mergeMeta(whole, listing)).toMatchObject({ authors: whole.authors });
    expect(mergeMeta(whole, listing)).not.toHaveProperty('authorsCut');
    // The other way, the whole list replaces the cut one, and a cut list a cut one (the newer page's).
    expect(mergeMeta(listing, whole)).toMatchObject({ authors: whole.authors });
    expect(mergeMeta(listing, { ...listing, authors: ['A B'] })).toMatchObject({ authors: ['A B'], authorsCut: true });
    // Across ids too: a Scholar result's two names never stand for an Anthology paper's three.
    expect(acrossIds({ ...scholar, authors: ['A Vaswani', 'N Shazeer'], authorsCut: true }, { ...arxiv, authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'] }).authors).toHaveLength(3);
  });

  it('metaOf keeps authorsCut only with authors (a page may say so of none)', () => {
    expect(metaOf({ ...arxiv, authors: [], authorsCut: true })).not.toHaveProperty('authorsCut');
    expect(metaOf({ ...arxiv, authors: ['A B'], authorsCut: true })).toMatchObject({ authorsCut: true });
  });

  it('clampMeta: a list longer than LIMITS.authors is cut there and said to be', () => {
    const many = Array.from({ length: LIMITS.authors + 1 }, (_, i) => `Author ${i}`);
    expect(clampMeta({ ...arxiv, authors: many })).toMatchObject({ authors: many.slice(0, LIMITS.authors), authorsCut: true });
    expect(clampMeta({ ...arxiv, authors: many.slice(0, LIMITS.authors) })).not.toHaveProperty('authorsCut');
    expect(clampMeta({ ...arxiv, authors: [' '], authorsCut: true })).not.toHaveProperty('authorsCut');
  });

  it('clampMeta: a page\'s bidirectional overrides are dropped (they turned the link and id after a title around in a Markdown list), its marks kept', () => {
    const clamped = clampMeta({ ...arxiv, title: 'Scaling Laws \u202E1706.03762', authors: ['A\u202EB', '\u2067\u05D3\u05E0\u05D4\u2069 \u200FLevi'], abstract: 'x\u202Dy', venue: '\u202A' });
    expect(clamped).toMatchObject({ title: 'Scaling Laws 1706.03762', authors: ['AB', '\u05D3\u05E0\u05D4 \u200FLevi'], abstract: 'xy' });
    expect(clamped).not.toHaveProperty('venue');
  });

  it("a title that only stands in for an id (an import's, the schema 7 repair's) is a gap: a real title fills it, a Scholar result's too", () => {
    const standIns = [{ ...arxiv, title: 'arXiv:2106.09608' }, { ...arxiv, title: ARXIV }, { ...arxiv, id: DOI, title: '10.1038/nature14539' }];
    for (const stored of standIns) {
      expect(isStandInTitle(stored)).toBe(true);
      expect(acrossIds(stored, scholar).title).toBe('Deep learning');
      expect(mergeMeta(stored, { ...scholar, id: stored.id }).title).toBe('Deep learning');
    }
    // Under an alias (the paper kept under a better id since), it is one still.
    expect(isStandInTitle({ ...arxiv, id: ARXIV, aliases: [DOI], title: '10.1038/nature14539' })).toBe(true);
    expect(isStandInTitle(arxiv)).toBe(false);
    // Two stand-ins: the preferred one stays.
    expect(acrossIds(standIns[0]!, { ...scholar, title: SCHOLAR }).title).toBe('arXiv:2106.09608');
  });

  it("mergeMeta: a paper with an arXiv id keeps its links on arXiv, whatever a page (or a compromised one) gives", () => {
    const stored = { ...arxiv, url: 'https://arxiv.org/abs/2106.09608', pdfUrl: 'https://arxiv.org/pdf/2106.09608' };
    const elsewhere = { ...stored, url: 'https://evil.example/login', pdfUrl: 'https://evil.example/x.pdf', site: 'huggingface' };
    expect(mergeMeta(stored, elsewhere)).toMatchObject({ url: stored.url, pdfUrl: stored.pdfUrl });
    expect(mergeMeta(stored, { ...elsewhere, url: 'javascript:alert(1)', pdfUrl: 'not a url' })).toMatchObject({ url: stored.url, pdfUrl: stored.pdfUrl });
    // Links on arXiv are taken; a record without a PDF gets arXiv's.
    expect(mergeMeta(stored, { ...elsewhere, url: 'https://export.arxiv.org/abs/2106.09608', pdfUrl: null })).toMatchObject({ url: 'https://export.arxiv.org/abs/2106.09608', pdfUrl: stored.pdfUrl });
    expect(mergeMeta({ ...stored, pdfUrl: null }, { ...stored, site: 'arxiv' }).pdfUrl).toBe(stored.pdfUrl);
    // Another id's links are the page's, as before.
    const doi = { ...scholar, id: DOI, site: 'acl' };
    expect(mergeMeta(doi, { ...doi, url: 'https://aclanthology.org/P19-1002' }).url).toBe('https://aclanthology.org/P19-1002');
  });

  it('mergeMeta (same id, newer page): the page wins, gaps kept, site kept, aliases joined', () => {
    const stored = { ...arxiv, abstract: 'Stored abstract.', aliases: [SCHOLAR] };
    const page = { ...arxiv, title: 'New title', abstract: null, site: 'huggingface', aliases: [DOI] };
    expect(mergeMeta(stored, page)).toEqual({ ...arxiv, title: 'New title', abstract: 'Stored abstract.', aliases: [SCHOLAR, DOI] });
  });
});

describe('mergePageStates (a page showing a paper whose ids lead to records kept apart)', () => {
  it('shows the marks as the store will merge the records', () => {
    const page = (fields: Partial<PageState>): PageState => ({ starred: false, read: false, dismissed: false, firstSeenAt: null, ...fields });
    expect(mergePageStates([undefined, undefined])).toBeUndefined();
    expect(mergePageStates([undefined, page({ read: true })])).toEqual(page({ read: true }));
    expect(mergePageStates([page({ starred: true, firstSeenAt: 30 }), page({ dismissed: true, read: true, firstSeenAt: 20 })])).toEqual(page({ starred: true, read: true, firstSeenAt: 20 }));
    expect(mergePageStates([page({ dismissed: true }), page({ firstSeenAt: 5 })])).toEqual(page({ dismissed: true, firstSeenAt: 5 }));
  });
});

describe('aliases in clampMeta', () => {
  const { aliases: _, ...withoutAliases } = testPaper(1);

  it('fills [] when an adapter gives none', () => {
    expect(clampMeta(withoutAliases).aliases).toEqual([]);
  });

  it('keeps canonical ids only, without duplicates or the paper\'s own id, at most LIMITS.aliases', () => {
    const aliases = [SCHOLAR, SCHOLAR, withoutAliases.id, 'arxiv:2106.09608v2', '2106.09608', 'javascript:x', DOI, ACL];
    expect(clampMeta({ ...withoutAliases, aliases }).aliases).toEqual([SCHOLAR, DOI, ACL]);
    const many = Array.from({ length: 30 }, (_, i) => `scholar:${i + 1}`);
    expect(clampMeta({ ...withoutAliases, aliases: many }).aliases).toEqual(many.slice(0, LIMITS.aliases));
    expect(clampAliases(ARXIV, [42, null, ARXIV, DOI])).toEqual([DOI]);
  });
});

describe('tags and notes when records merge', () => {
  const state = (extra: Partial<PaperState>): PaperState => ({ ...EMPTY_STATE, ...extra });

  it('tags: the union, one per spelling regardless of case, sorted', () => {
    const merged = mergeStates(state({ tags: ['to read', 'GNN'] }), state({ tags: ['gnn', 'Benchmarks'] }));
    expect(merged.tags).toEqual(['Benchmarks', 'GNN', 'to read']);
  });

  it('notes: both kept when they differ, one when equal or the other is empty', () => {
    expect(mergeStates(state({ note: 'cite in ch. 2' }), state({ note: '' })).note).toBe('cite in ch. 2');
    expect(mergeStates(state({ note: 'same' }), state({ note: 'same' })).note).toBe('same');
    const both = mergeStates(state({ note: 'second thought' }), state({ note: 'first thought' })).note;
    expect(both).toBe('first thought\n\nsecond thought');
    expect(mergeStates(state({ note: 'first thought' }), state({ note: 'second thought' })).note).toBe(both);
  });

  it('normalizeTags trims, collapses, cuts and caps', () => {
    expect(normalizeTags(['  a\t b ', '', 'A B', 'x'.repeat(100)])).toEqual(['A B', 'x'.repeat(LIMITS.tag)]);
    expect(normalizeTags(Array.from({ length: 80 }, (_, i) => `t${String(i).padStart(2, '0')}`))).toHaveLength(LIMITS.tags);
    // Cut just after a space: no space kept at the end, so normalizing again changes nothing.
    const cutAtSpace = `${'x'.repeat(LIMITS.tag - 1)} and more`;
    expect(normalizeTags([cutAtSpace])).toEqual(['x'.repeat(LIMITS.tag - 1)]);
    expect(normalizeTags(normalizeTags([cutAtSpace]))).toEqual(normalizeTags([cutAtSpace]));
  });

  it('normalizeTags keeps one spelling of a tag however its characters are composed, and drops noncharacters', () => {
    expect(normalizeTags(['Cafe\u0301', 'Café', '\uF900', 'a\uFDD0b', '\uFDEF', '\uE000'])).toEqual(['ab', 'Café', '\u8C48', '\uE000']);
  });
});
