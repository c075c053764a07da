/**
 * One paper, one record: the store merges records of one paper kept under different ids
 * (src/store/papers.ts with the rules of src/core/merge.ts), against fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idRanges } from '../../src/core/id-ranges';
import { mergeAllStates } from '../../src/core/merge';
import { datedMarksOf, EMPTY_STATE, LIMITS, type PaperMeta, type PaperState } from '../../src/core/paper';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import {
  applyFlag,
  getPaper,
  getStates,
  listRecentlySeen,
  listStarred,
  markSeen,
  MAX_ALIAS_RECORDS,
  recordIds,
  setFlag,
  UnknownPaperError,
} from '../../src/store/papers';
import { backgroundMessenger, testPaper } from '../support/papers';

let db: PaperDb;
let counter = 0;

const originalGet = IDBObjectStore.prototype.get;
const originalGetAll = IDBObjectStore.prototype.getAll;
const originalOpenCursor = IDBObjectStore.prototype.openCursor;

beforeEach(async () => {
  db = await openPaperDb(`test-store-merge-${++counter}`);
});
afterEach(() => {
  db.close();
  vi.restoreAllMocks();
});

const ARXIV = 'arxiv:2106.09608';
const DOI = 'doi:10.1038/nature14539';
const ACL = 'acl:2020.acl-main.1';
const SCHOLAR = 'scholar:123';

/** Metadata of the paper as a page shows it under `id` (with `aliases`). */
function seenAs(id: string, aliases: string[] = [], extra: Partial<PaperMeta> = {}): PaperMeta {
  const site = id.slice(0, id.indexOf(':'));
  return testPaper(1, { id, aliases, site, url: `https://${site}.example/${encodeURIComponent(id)}`, title: `Seen as ${id}`, ...extra });
}

const stored = {
  papers: () => db.getAllKeys('papers'),
  states: () => db.getAllKeys('states'),
  aliases: async () => Object.fromEntries((await db.getAll('aliases')).map((a) => [a.alias, a.id])),
};

describe('merging records of one paper', () => {
  it('first seen as scholar:123 and starred, later read as arxiv:X with alias scholar:123: one record, nothing lost', async () => {
    await markSeen(db, [seenAs(SCHOLAR)], 1000);
    await setFlag(db, { id: SCHOLAR, flag: 'starred', value: true, meta: seenAs(SCHOLAR) }, 2000);
    await markSeen(db, [seenAs(ARXIV)], 3000); // an arXiv page, no aliases: a separate record for now
    const state = await setFlag(db, { id: ARXIV, flag: 'read', value: true, meta: seenAs(ARXIV, [SCHOLAR]) }, 4000);

    const expected: PaperState = { ...EMPTY_STATE, starred: true, starredAt: 2000, read: true, readAt: 4000, firstSeenAt: 1000, lastSeenAt: 3000, marksAt: 4000, updatedAt: 4000 };
    expect(state).toEqual(expected);
    expect(await stored.papers()).toEqual([ARXIV]);
    expect(await stored.states()).toEqual([ARXIV]);
    expect(await stored.aliases()).toEqual({ [SCHOLAR]: ARXIV });
    expect(await getStates(db, [SCHOLAR])).toEqual({ [SCHOLAR]: expected });
    expect(await getStates(db, [ARXIV, SCHOLAR])).toEqual({ [ARXIV]: expected, [SCHOLAR]: expected });
    // The arXiv record's metadata, with the other id as an alias.
    expect(await getPaper(db, SCHOLAR)).toMatchObject({ id: ARXIV, title: `Seen as ${ARXIV}`, site: 'arxiv', aliases: [SCHOLAR], starred: true, read: true });
  });

  it('the other order: arXiv first, then the Scholar record, then the page that links them', async () => {
    await setFlag(db, { id: ARXIV, flag: 'read', value: true, meta: seenAs(ARXIV) }, 100);
    await setFlag(db, { id: SCHOLAR, flag: 'starred', value: true, meta: seenAs(SCHOLAR, [], { abstract: 'From Scholar.' }) }, 200);
    await markSeen(db, [seenAs(ARXIV, [SCHOLAR])], 300);
    expect(await stored.papers()).toEqual([ARXIV]);
    expect(await stored.aliases()).toEqual({ [SCHOLAR]: ARXIV });
    const expected: PaperState = { ...EMPTY_STATE, starred: true, starredAt: 200, read: true, readAt: 100, firstSeenAt: 300, lastSeenAt: 300, marksAt: 200, updatedAt: 300 };
    expect(await getStates(db, [SCHOLAR, ARXIV])).toEqual({ [SCHOLAR]: expected, [ARXIV]: expected });
    // The winner's metadata; the gap (no abstract on the arXiv record) filled from Scholar's.
    expect(await getPaper(db, ARXIV)).toMatchObject({ title: `Seen as ${ARXIV}`, abstract: 'From Scholar.' });
  });

  it('whichever of its ids a page uses as the id, the record is kept under the winner', async () => {
    await setFlag(db, { id: ARXIV, flag: 'starred', value: true, meta: seenAs(ARXIV) }, 100);
    await markSeen(db, [seenAs(SCHOLAR, [ARXIV])], 200);
    expect(await stored.papers()).toEqual([ARXIV]);
    expect(await stored.aliases()).toEqual({ [SCHOLAR]: ARXIV });
    expect((await getStates(db, [SCHOLAR]))[SCHOLAR]).toMatchObject({ starred: true, firstSeenAt: 200 });
  });

  it('a paper first met with its alias creates no record under the alias; a page showing only the alias acts on the paper', async () => {
    await markSeen(db, [seenAs(ARXIV, [SCHOLAR])], 100);
    expect(await stored.papers()).toEqual([ARXIV]);
    expect(await stored.aliases()).toEqual({ [SCHOLAR]: ARXIV });
    // A Scholar page without the arXiv link: the result is scholar:123 only.
    await markSeen(db, [seenAs(SCHOLAR, [], { abstract: 'Snippet.' })], 200);
    const state = await setFlag(db, { id: SCHOLAR, flag: 'starred', value: true, meta: seenAs(SCHOLAR) }, 300);
    expect(state).toMatchObject({ starred: true, starredAt: 300, firstSeenAt: 100, lastSeenAt: 200 });
    expect(await stored.papers()).toEqual([ARXIV]);
    expect(await stored.states()).toEqual([ARXIV]);
    // The alias's page only fills gaps of the winner's metadata.
    expect(await getPaper(db, ARXIV)).toMatchObject({ title: `Seen as ${ARXIV}`, abstract: 'Snippet.', site: 'arxiv' });
  });

  it('setFlag on an alias without metadata (the popup, a page) acts on the winner', async () => {
    await setFlag(db, { id: ARXIV, flag: 'starred', value: true, meta: seenAs(ARXIV, [SCHOLAR, DOI]) }, 1000);
    const result = await applyFlag(db, { id: DOI, flag: 'starred', value: false }, 2000);
    expect(result).toMatchObject({ id: ARXIV, state: { ...EMPTY_STATE, marksAt: 2000, updatedAt: 2000 } });
    expect(result.ids[0]).toBe(ARXIV);
    expect(result.ids.slice(1).sort()).toEqual([DOI, SCHOLAR]);
    expect(await stored.states()).toEqual([ARXIV]);
    expect(await listStarred(db)).toEqual([]);
    await setFlag(db, { id: SCHOLAR, flag: 'read', value: true }, 3000);
    expect((await getStates(db, [ARXIV]))[ARXIV]).toMatchObject({ read: true, readAt: 3000, starred: false });
  });

  it('refuses an unknown alias-less id without metadata, and writes nothing', async () => {
    await expect(setFlag(db, { id: SCHOLAR, flag: 'read', value: true }, 1)).rejects.toBeInstanceOf(UnknownPaperError);
    expect(await stored.papers()).toEqual([]);
    expect(await stored.aliases()).toEqual({});
  });

  it('three-way chain scholar → doi → arxiv: every id resolves to the last winner, aliases repointed', async () => {
    await setFlag(db, { id: SCHOLAR, flag: 'starred', value: true, meta: seenAs(SCHOLAR) }, 1000);
    // A Scholar result with a publisher link: doi, alias its cluster.
    await markSeen(db, [seenAs(DOI, [SCHOLAR])], 2000);
    expect(await stored.papers()).toEqual([DOI]);
    expect(await stored.aliases()).toEqual({ [SCHOLAR]: DOI });
    // The ACL Anthology page shows the paper with its DOI.
    await setFlag(db, { id: ACL, flag: 'read', value: true, meta: seenAs(ACL, [DOI]) }, 3000);
    expect(await stored.papers()).toEqual([DOI]);
    expect(await stored.aliases()).toEqual({ [SCHOLAR]: DOI, [ACL]: DOI });
    // Later the cluster shows an arXiv link: the DOI record moves under the arXiv id.
    await markSeen(db, [seenAs(ARXIV, [SCHOLAR])], 4000);
    expect(await stored.papers()).toEqual([ARXIV]);
    expect(await stored.states()).toEqual([ARXIV]);
    expect(await stored.aliases()).toEqual({ [SCHOLAR]: ARXIV, [DOI]: ARXIV, [ACL]: ARXIV });
    const expected: PaperState = { ...EMPTY_STATE, starred: true, starredAt: 1000, read: true, readAt: 3000, firstSeenAt: 2000, lastSeenAt: 4000, marksAt: 3000, updatedAt: 4000 };
    expect(await getStates(db, [SCHOLAR, DOI, ACL, ARXIV])).toEqual({ [SCHOLAR]: expected, [DOI]: expected, [ACL]: expected, [ARXIV]: expected });
    expect((await getPaper(db, ACL))?.aliases.sort()).toEqual([ACL, DOI, SCHOLAR].sort());
    expect((await listStarred(db)).map((p) => p.id)).toEqual([ARXIV]);
    expect((await listRecentlySeen(db)).map((p) => p.id)).toEqual([ARXIV]);
  });

  it('three separate records merged by one page naming all of them', async () => {
    await setFlag(db, { id: SCHOLAR, flag: 'starred', value: true, meta: seenAs(SCHOLAR) }, 10);
    await setFlag(db, { id: ACL, flag: 'read', value: true, meta: seenAs(ACL) }, 20);
    await markSeen(db, [seenAs(DOI)], 30);
    await markSeen(db, [seenAs(ACL, [DOI, SCHOLAR])], 40);
    expect(await stored.papers()).toEqual([DOI]);
    expect(await stored.aliases()).toEqual({ [SCHOLAR]: DOI, [ACL]: DOI });
    expect((await getStates(db, [ACL]))[ACL]).toEqual({ ...EMPTY_STATE, starred: true, starredAt: 10, read: true, readAt: 20, firstSeenAt: 30, lastSeenAt: 40, marksAt: 20, updatedAt: 40 });
  });

  it('one markSeen batch naming one paper several ways writes one record', async () => {
    await setFlag(db, { id: SCHOLAR, flag: 'starred', value: true, meta: seenAs(SCHOLAR) }, 10);
    const other = testPaper(2);
    const { changed } = await markSeen(db, [seenAs(SCHOLAR), other, seenAs(DOI, [SCHOLAR]), seenAs(ARXIV, [DOI]), seenAs(ARXIV)], 50);
    expect((await stored.papers()).sort()).toEqual([ARXIV, other.id].sort());
    expect(await stored.aliases()).toEqual({ [SCHOLAR]: ARXIV, [DOI]: ARXIV });
    expect((await getStates(db, [SCHOLAR]))[SCHOLAR]).toEqual({ ...EMPTY_STATE, starred: true, starredAt: 10, firstSeenAt: 50, lastSeenAt: 50, marksAt: 10, updatedAt: 50 });
    expect(changed.sort()).toEqual([ARXIV, DOI, SCHOLAR].sort());
    // Seeing it again merges or links nothing.
    expect((await markSeen(db, [seenAs(ARXIV, [SCHOLAR]), other], 60)).changed).toEqual([]);
  });

  it('concurrent writes naming the paper by different ids are applied in order, nothing lost', async () => {
    const writes = [
      setFlag(db, { id: SCHOLAR, flag: 'starred', value: true, meta: seenAs(SCHOLAR) }, 1000),
      markSeen(db, [seenAs(DOI, [SCHOLAR])], 2000),
      setFlag(db, { id: SCHOLAR, flag: 'read', value: true }, 3000),
      markSeen(db, [seenAs(ARXIV)], 4000),
      setFlag(db, { id: ARXIV, flag: 'starred', value: true, meta: seenAs(ARXIV, [DOI]) }, 5000),
      setFlag(db, { id: DOI, flag: 'read', value: false }, 6000),
      setFlag(db, { id: SCHOLAR, flag: 'read', value: true }, 7000),
      markSeen(db, [seenAs(SCHOLAR)], 8000),
    ];
    await Promise.all(writes);
    expect(await stored.papers()).toEqual([ARXIV]);
    expect(await stored.aliases()).toEqual({ [SCHOLAR]: ARXIV, [DOI]: ARXIV });
    expect((await getStates(db, [SCHOLAR]))[SCHOLAR]).toEqual({ ...EMPTY_STATE, starred: true, starredAt: 1000, read: true, readAt: 7000, firstSeenAt: 2000, lastSeenAt: 8000, marksAt: 7000, updatedAt: 8000 });
  });

  it('no state is lost in any merge (seeded random flags on records under four ids, merged in random orders)', async () => {
    let seed = 2024;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const ids = [ARXIV, DOI, ACL, SCHOLAR];
    for (let round = 0; round < 40; round++) {
      const round_db = await openPaperDb(`test-store-merge-random-${counter}-${round}`);
      let now = 1;
      const present = ids.filter(() => next() < 0.75);
      for (const id of present) {
        if (next() < 0.5) await markSeen(round_db, [seenAs(id)], now++);
        for (const flag of ['starred', 'read'] as const) {
          // Set, and sometimes unset again (an unset flag must stay unset unless another record has it).
          if (next() < 0.5) await setFlag(round_db, { id, flag, value: true, meta: seenAs(id) }, now++);
          if (next() < 0.3) await setFlag(round_db, { id, flag, value: false, meta: seenAs(id) }, now++);
        }
        if (next() < 0.5) await markSeen(round_db, [seenAs(id)], now++);
      }
      const before = await getStates(round_db, ids);
      // Link them in a random order, by pairs, each pair named by a page.
      const order = [...ids].sort(() => next() - 0.5);
      const linkAt = now;
      for (let i = 1; i < order.length; i++) await markSeen(round_db, [seenAs(order[i]!, [order[i - 1]!])], linkAt);
      const after = await getStates(round_db, ids);
      const expected = { ...mergeAllStates(Object.values(before)), firstSeenAt: null as number | null, lastSeenAt: linkAt, updatedAt: linkAt };
      expected.firstSeenAt = Math.min(linkAt, ...Object.values(before).flatMap((s) => (s.firstSeenAt === null ? [] : [s.firstSeenAt])));
      for (const id of ids) expect(after[id], `round ${round}, ${id}`).toEqual(expected);
      expect(await round_db.getAllKeys('papers')).toEqual([ARXIV]);
      expect(await round_db.getAllKeys('states')).toEqual([ARXIV]);
      expect((await round_db.getAll('aliases')).every((a) => a.id === ARXIV)).toBe(true);
      round_db.close();
    }
  });
});

describe('getStates through the alias table', () => {
  it('answers under the ids asked for, only those, and also when an alias and its paper are both asked', async () => {
    await markSeen(db, [seenAs(ARXIV, [SCHOLAR]), testPaper(7)], 100);
    const states = await getStates(db, [SCHOLAR, 'scholar:999', testPaper(7).id]);
    expect(Object.keys(states).sort()).toEqual([SCHOLAR, testPaper(7).id].sort());
    expect(states[SCHOLAR]).toMatchObject({ firstSeenAt: 100 });
  });

  it('costs a few range reads: the asked ids\' ranges in states and aliases, plus the ranges of alias targets', async () => {
    // A listing of 300 nearby arXiv ids and 20 Scholar results, 10 of which were merged into
    // far-apart arXiv papers.
    const listing = Array.from({ length: 300 }, (_, i) => testPaper(100 + i));
    await markSeen(db, listing, 1);
    const clusters = Array.from({ length: 20 }, (_, i) => `scholar:${1000 + i}`);
    for (const [i, cluster] of clusters.entries()) {
      if (i < 10) await markSeen(db, [seenAs(`arxiv:23${String(1 + i).padStart(2, '0')}.00001`, [cluster])], 2);
      else await markSeen(db, [seenAs(cluster)], 2);
    }
    const asked = [...listing.map((p) => p.id), ...clusters];
    const ranges = idRanges(asked).length;
    expect(ranges).toBe(21);

    const requests = { get: 0, getAll: 0, cursor: 0 };
    vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (this: IDBObjectStore, ...args) {
      requests.get++;
      return originalGet.apply(this, args);
    });
    vi.spyOn(IDBObjectStore.prototype, 'getAll').mockImplementation(function (this: IDBObjectStore, ...args) {
      requests.getAll++;
      return originalGetAll.apply(this, args);
    });
    vi.spyOn(IDBObjectStore.prototype, 'openCursor').mockImplementation(function (this: IDBObjectStore, ...args) {
      requests.cursor++;
      return originalOpenCursor.apply(this, args);
    });
    const states = await getStates(db, asked);
    expect(Object.keys(states)).toHaveLength(320);
    for (const cluster of clusters.slice(0, 10)) expect(states[cluster]).toMatchObject({ firstSeenAt: 2 });
    // 21 ranges in states + 21 in aliases + the 10 merged papers' own ranges; no single gets.
    expect(requests).toEqual({ get: 0, getAll: 2 * ranges + 10, cursor: 0 });

    // A plain arXiv listing with no aliases: two reads per range.
    requests.getAll = 0;
    await getStates(db, listing.map((p) => p.id));
    expect(requests.getAll).toBe(2 * idRanges(listing.map((p) => p.id)).length);
  });
});

describe('change notices through the background', () => {
  it('setFlag announces every id of the paper; markSeen announces merges only', async () => {
    const changed: string[][] = [];
    const messenger = backgroundMessenger(db, { changed, now: () => 100 });
    await messenger.send({ type: 'markSeen', papers: [seenAs(SCHOLAR)] });
    expect(changed).toEqual([]);
    await messenger.send({ type: 'markSeen', papers: [seenAs(ARXIV, [SCHOLAR]), seenAs(ARXIV, [SCHOLAR])] });
    expect(changed).toEqual([[ARXIV, SCHOLAR]]);
    const answer = await messenger.send({ type: 'setFlag', id: SCHOLAR, flag: 'starred', value: true });
    expect(answer.state).toMatchObject({ starred: true });
    expect(changed.at(-1)).toEqual([SCHOLAR, ARXIV]);
    // Pages get what they need of the state, packed: starred (flag 1), first seen.
    expect(await messenger.send({ type: 'getStates', ids: [SCHOLAR] })).toEqual({ states: { [SCHOLAR]: [1, answer.state.firstSeenAt] } });
  });

  it('markSeen announces an id it links to a paper already stored (a starred paper is starred under its new id too)', async () => {
    const changed: string[][] = [];
    const messenger = backgroundMessenger(db, { changed, now: () => 100 });
    await messenger.send({ type: 'setFlag', id: ARXIV, flag: 'starred', value: true, paper: seenAs(ARXIV) });
    changed.length = 0;
    await messenger.send({ type: 'markSeen', papers: [seenAs(ARXIV, [SCHOLAR])] });
    expect(changed).toEqual([[SCHOLAR]]);
    expect((await messenger.send({ type: 'getStates', ids: [SCHOLAR] })).states[SCHOLAR]![0]).toBe(1);
    // A paper not stored before links nothing a page could have shown.
    changed.length = 0;
    await messenger.send({ type: 'markSeen', papers: [seenAs('arxiv:2401.00001', ['scholar:456'])] });
    expect(changed).toEqual([]);
  });

  it('changes made by record id (the popup: bulk marks, their undo, tags) announce every id of the paper', async () => {
    const changed: string[][] = [];
    const messenger = backgroundMessenger(db, { changed, now: () => 100 });
    await messenger.send({ type: 'markSeen', papers: [seenAs(ARXIV, [SCHOLAR, DOI])] });
    changed.length = 0;
    const { before, states } = await messenger.send({ type: 'markPapers', ids: [ARXIV], flag: 'starred', value: true });
    expect(changed.at(-1)!.sort()).toEqual([ARXIV, DOI, SCHOLAR].sort());
    await messenger.send({ type: 'restoreMarks', marks: { [ARXIV]: datedMarksOf(before[ARXIV]!) }, flag: 'starred', left: { [ARXIV]: datedMarksOf(states[ARXIV]!) } });
    expect(changed.at(-1)!.sort()).toEqual([ARXIV, DOI, SCHOLAR].sort());
    await messenger.send({ type: 'tagPapers', ids: [ARXIV], add: ['survey'] });
    expect(changed.at(-1)!.sort()).toEqual([ARXIV, DOI, SCHOLAR].sort());
  });

  it('an import announces the papers it wrote by every id, not by the ids the file names', async () => {
    const changed: string[][] = [];
    const messenger = backgroundMessenger(db, { changed, now: () => 100 });
    await messenger.send({ type: 'markSeen', papers: [seenAs(ARXIV, [SCHOLAR, DOI])] });
    changed.length = 0;
    const record = { ...seenAs(DOI), ...EMPTY_STATE, starred: true, starredAt: 90, marksAt: 90, firstSeenAt: 90, lastSeenAt: 90, updatedAt: 90 };
    await messenger.send({ type: 'importLibrary', mode: 'merge', papers: [record], interests: null });
    expect(changed.at(-1)!.sort()).toEqual([ARXIV, DOI, SCHOLAR].sort());
    expect((await messenger.send({ type: 'getStates', ids: [SCHOLAR] })).states[SCHOLAR]![0]).toBe(1);
  });

  it('tagPapers tags a paper named by an alias, announces every id of the papers it changed, and leaves the rest', async () => {
    const changed: string[][] = [];
    const messenger = backgroundMessenger(db, { changed, now: () => 100 });
    await messenger.send({ type: 'markSeen', papers: [seenAs(ARXIV, [SCHOLAR]), testPaper(1)] });
    await messenger.send({ type: 'setTagsAndNote', id: testPaper(1).id, tags: ['Survey'] });
    changed.length = 0;
    const answer = await messenger.send({ type: 'tagPapers', ids: [SCHOLAR, testPaper(1).id, 'arxiv:2401.99999'], add: ['survey'] });
    // The paper named by its Scholar id is kept under its arXiv id; paper 1 had the tag; the last is not stored.
    expect(Object.keys(answer.states)).toEqual([ARXIV]);
    expect(answer.states[ARXIV]!.tags).toEqual(['survey']);
    expect(changed).toEqual([[ARXIV, SCHOLAR]]);
    expect((await messenger.send({ type: 'tagPapers', ids: [SCHOLAR], remove: [' SURVEY '] })).states[ARXIV]!.tags).toEqual([]);
    expect(await messenger.send({ type: 'tagPapers', ids: [SCHOLAR], remove: ['survey'] })).toEqual({ states: {}, before: {} });
  });

  it("the undo of a bulk star, given its flag, keeps a read mark merged in since from another of the paper's ids", async () => {
    let now = 100;
    const messenger = backgroundMessenger(db, { now: () => now });
    await messenger.send({ type: 'markSeen', papers: [seenAs(ARXIV), seenAs(SCHOLAR)] });
    await messenger.send({ type: 'setFlag', id: SCHOLAR, flag: 'read', value: true });
    now = 200;
    const { states, before } = await messenger.send({ type: 'markPapers', ids: [ARXIV], flag: 'starred', value: true });
    now = 300;
    await messenger.send({ type: 'markSeen', papers: [seenAs(ARXIV, [SCHOLAR])] }); // a page names both ids: one paper
    const undone = await messenger.send({
      type: 'restoreMarks',
      marks: { [ARXIV]: datedMarksOf(before[ARXIV]!) },
      flag: 'starred',
      left: { [ARXIV]: datedMarksOf(states[ARXIV]!) },
    });
    expect(undone.changedSince).toEqual([]);
    expect((await getStates(db, [ARXIV]))[ARXIV]).toMatchObject({ starred: false, starredAt: null, read: true });
  });

  it('tagPapers never pushes out a tag of a paper at LIMITS.tags: what does not fit is not added', async () => {
    const messenger = backgroundMessenger(db);
    const full = Array.from({ length: LIMITS.tags }, (_, i) => `t${String(i).padStart(2, '0')}`);
    await messenger.send({ type: 'markSeen', papers: [testPaper(1), testPaper(2)] });
    await messenger.send({ type: 'setTagsAndNote', id: testPaper(1).id, tags: full });
    await messenger.send({ type: 'setTagsAndNote', id: testPaper(2).id, tags: full.slice(1) });
    const answer = await messenger.send({ type: 'tagPapers', ids: [testPaper(1).id, testPaper(2).id], add: ['aaa', 'aab'] });
    expect(Object.keys(answer.states)).toEqual([testPaper(2).id]); // paper 1 is full: left as it was
    expect((await getPaper(db, testPaper(1).id))!.tags).toEqual(full);
    expect(answer.states[testPaper(2).id]!.tags).toEqual(['aaa', ...full.slice(1)]); // one place left
  });

  it('markPapers sets a mark on papers named by any id, once each, says what each was before, and restoreMarks puts that back', async () => {
    const changed: string[][] = [];
    let synced = 0;
    let now = 1000;
    const messenger = backgroundMessenger(db, { changed, now: () => now, onSync: () => synced++ });
    await messenger.send({ type: 'markSeen', papers: [seenAs(ARXIV, [SCHOLAR]), testPaper(1), testPaper(2)] });
    await messenger.send({ type: 'setFlag', id: testPaper(1).id, flag: 'starred', value: true });
    await messenger.send({ type: 'setFlag', id: testPaper(2).id, flag: 'dismissed', value: true });
    changed.length = 0;
    synced = 0;
    now = 2000;
    const ids = [SCHOLAR, ARXIV, testPaper(1).id, testPaper(2).id, 'arxiv:2401.99999'];
    const starred = await messenger.send({ type: 'markPapers', ids, flag: 'starred', value: true });
    // The paper named twice is starred once, under its record id; paper 1 was starred: left; the last is not stored.
    expect(Object.keys(starred.states).sort()).toEqual([ARXIV, testPaper(2).id].sort());
    expect(starred.states[testPaper(2).id]).toMatchObject({ starred: true, starredAt: 2000, dismissed: false, marksAt: 2000 });
    expect(starred.before[testPaper(2).id]).toMatchObject({ starred: false, starredAt: null, dismissed: true, marksAt: 1000 });
    expect(changed.map((ids) => ids.sort())).toEqual([[ARXIV, testPaper(2).id, SCHOLAR].sort()]);
    expect(synced).toBe(1);
    // Undo: the dismissal comes back, and the star of paper 1, untouched, keeps its date.
    now = 3000;
    const marksOf = (records: Record<string, PaperState>) => Object.fromEntries(Object.entries(records).map(([id, s]) => [id, datedMarksOf(s)]));
    const marks = marksOf(starred.before);
    const undo = { type: 'restoreMarks', marks, flag: 'starred', left: marksOf(starred.states) } as const;
    const restored = await messenger.send(undo);
    expect(restored.states[testPaper(2).id]).toMatchObject({ starred: false, starredAt: null, dismissed: true, marksAt: 3000 });
    expect(restored.states[ARXIV]).toMatchObject({ starred: false, marksAt: 3000 });
    expect((await getStates(db, [testPaper(1).id]))[testPaper(1).id]).toMatchObject({ starred: true, starredAt: 1000 });
    expect(synced).toBe(2);
    // Nothing left to change: nothing written, announced or synced.
    expect(await messenger.send(undo)).toEqual({ states: {}, changedSince: [] });
    expect(await messenger.send({ type: 'markPapers', ids: [testPaper(1).id], flag: 'starred', value: true })).toEqual({ states: {}, before: {} });
    expect(changed).toHaveLength(2);
    expect(synced).toBe(2);
  });

  it('recordIds resolves an alias to its record while another tab writes (the cache keeps nothing from that read)', async () => {
    await markSeen(db, [seenAs(ARXIV, [SCHOLAR])], 100);
    const other = markSeen(db, [testPaper(7)], 200); // a scrolling tab's sightings
    const records = await recordIds(db, [SCHOLAR, ARXIV, 'arxiv:2401.00001']);
    await other;
    expect([...records]).toEqual([
      [SCHOLAR, ARXIV],
      [ARXIV, ARXIV],
      ['arxiv:2401.00001', 'arxiv:2401.00001'],
    ]);
  });

  it('a sighting never makes two arXiv papers one: an arXiv id claimed as an alias of another is not linked, alone or in a chain', async () => {
    const a = testPaper(1);
    const b = testPaper(2);
    await setFlag(db, { id: a.id, flag: 'starred', value: true, meta: a }, 10);
    await setFlag(db, { id: b.id, flag: 'dismissed', value: true, meta: b }, 20);
    await markSeen(db, [{ ...a, aliases: [b.id, SCHOLAR] }], 30); // a hostile page, or a broken one
    expect((await stored.papers()).sort()).toEqual([a.id, b.id].sort());
    expect(await stored.aliases()).toEqual({ [SCHOLAR]: a.id }); // the rest of the claim is taken
    expect((await getStates(db, [b.id]))[b.id]).toMatchObject({ dismissed: true, starred: false });
    // A chain in one request: each paper naming the next as its alias.
    const library = Array.from({ length: 20 }, (_, i) => testPaper(100 + i));
    await markSeen(db, library, 40);
    await markSeen(db, library.map((p, i) => ({ ...p, aliases: [library[(i + 1) % library.length]!.id] })), 50);
    expect(await db.count('papers')).toBe(22);
    // Through a shared non-arXiv id too: two claims naming one DOI, each with another arXiv id.
    await markSeen(db, [{ ...seenAs(DOI), aliases: [a.id] }, { ...seenAs(DOI), aliases: [b.id] }], 60);
    expect((await stored.papers()).filter((id) => id === a.id || id === b.id).sort()).toEqual([a.id, b.id].sort());
    expect((await getStates(db, [b.id]))[b.id]).toMatchObject({ dismissed: true });
  });

  it("a page cannot chain the user's papers of one scheme into one: a stored paper with a DOI takes no other stored paper with another DOI", async () => {
    const doi = (i: number) => `doi:10.1234/p${i}`;
    const library = Array.from({ length: 100 }, (_, i) => seenAs(doi(i)));
    await markSeen(db, library, 10);
    await setFlag(db, { id: doi(0), flag: 'starred', value: true }, 20);
    await setFlag(db, { id: doi(50), flag: 'dismissed', value: true }, 30);
    // One request: each paper claiming the next nine as its aliases.
    await markSeen(db, library.map((p, i) => ({ ...p, aliases: Array.from({ length: 9 }, (_, j) => doi((i + j + 1) % 100)) })), 40);
    expect(await db.count('papers')).toBe(100);
    expect((await getStates(db, [doi(50)]))[doi(50)]).toMatchObject({ dismissed: true, starred: false });
    // Request after request through an arXiv paper: it takes one of them (a page may say a DOI is
    // the arXiv paper's, and the user's two records of it become one), not the next.
    for (let i = 0; i < 5; i++) await markSeen(db, [{ ...testPaper(7), aliases: [doi(i)] }], 50 + i);
    expect(await db.count('papers')).toBe(100);
    expect((await getPaper(db, doi(0)))!.id).toBe(testPaper(7).id);
    expect((await getPaper(db, doi(1)))!.id).toBe(doi(1));
    // Ids of a scheme the paper does not have yet, or the same again, still link.
    await markSeen(db, [{ ...testPaper(7), aliases: [doi(0), 'scholar:42'] }], 60);
    expect(await stored.aliases()).toEqual({ [doi(0)]: testPaper(7).id, 'scholar:42': testPaper(7).id });
  });

  it('at most MAX_ALIAS_RECORDS ids lead to one paper, however many claims name new ones', async () => {
    const a = testPaper(1);
    const papers = Array.from({ length: 300 }, (_, i) => ({ ...a, aliases: Array.from({ length: LIMITS.aliases }, (_, j) => `doi:10.1234/fake-${i}-${j}`) }));
    await markSeen(db, papers, 10);
    await markSeen(db, [{ ...a, aliases: ['doi:10.1234/later'] }], 20);
    expect(await db.count('aliases')).toBe(MAX_ALIAS_RECORDS);
    expect(await stored.papers()).toEqual([a.id]);
    // An existing record of the paper still merges in, over the cap.
    await markSeen(db, [seenAs(SCHOLAR)], 30);
    await markSeen(db, [{ ...a, aliases: [SCHOLAR] }], 40);
    expect(await stored.papers()).toEqual([a.id]);
    expect(await db.count('aliases')).toBe(MAX_ALIAS_RECORDS + 1);
  });

  it('markSeen counts each paper once', async () => {
    const messenger = backgroundMessenger(db);
    expect(await messenger.send({ type: 'markSeen', papers: [testPaper(1), testPaper(1), testPaper(2)] })).toEqual({ seen: 2 });
  });
});
