import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testPaper } from '../support/papers';
import { DB_VERSION, openPaperDb, type PaperDb } from '../../src/store/db';
import { datedMarksOf, type PaperState } from '../../src/core/paper';
import { applyFlag, getPaper, getStates, listRecentlySeen, listStarred, markPapers, markSeen, readLibraryInChunks, readPapersInChunks, restoreMarks, setFlag, UnknownPaperError, updateAnnotations } from '../../src/store/papers';

let db: PaperDb;
let dbName: string;
let counter = 0;

const meta = testPaper;

beforeEach(async () => {
  dbName = `test-store-${++counter}`;
  db = await openPaperDb(dbName);
});
afterEach(() => db.close());

describe('store', () => {
  it('creates a record on first star and reads its state back', async () => {
    const state = await setFlag(db, { id: meta(1).id, flag: 'starred', value: true, meta: meta(1) }, 1000);
    expect(state).toMatchObject({ starred: true, starredAt: 1000, read: false, updatedAt: 1000 });
    expect(await getStates(db, [meta(1).id, meta(2).id])).toEqual({ [meta(1).id]: state });
  });

  it('refuses to flag an unknown paper without metadata, and writes nothing', async () => {
    await expect(setFlag(db, { id: meta(3).id, flag: 'read', value: true }, 1)).rejects.toBeInstanceOf(UnknownPaperError);
    expect(await getPaper(db, meta(3).id)).toBeUndefined();
  });

  it('keeps starredAt when starred again and clears it on unstar', async () => {
    await setFlag(db, { id: meta(1).id, flag: 'starred', value: true, meta: meta(1) }, 1000);
    expect((await setFlag(db, { id: meta(1).id, flag: 'starred', value: true }, 2000)).starredAt).toBe(1000);
    const unstarred = await setFlag(db, { id: meta(1).id, flag: 'starred', value: false }, 3000);
    expect(unstarred).toMatchObject({ starred: false, starredAt: null, updatedAt: 3000 });
  });

  it('marks read independently of star', async () => {
    await setFlag(db, { id: meta(1).id, flag: 'starred', value: true, meta: meta(1) }, 1000);
    const state = await setFlag(db, { id: meta(1).id, flag: 'read', value: true }, 2000);
    expect(state).toMatchObject({ starred: true, read: true, readAt: 2000 });
  });

  it('keeps first-seen and moves last-seen', async () => {
    await markSeen(db, [meta(1), meta(2)], 100);
    await markSeen(db, [meta(1)], 500);
    const states = await getStates(db, [meta(1).id, meta(2).id]);
    expect(states[meta(1).id]).toMatchObject({ firstSeenAt: 100, lastSeenAt: 500, starred: false });
    expect(states[meta(2).id]).toMatchObject({ firstSeenAt: 100, lastSeenAt: 100 });
  });

  it('never keeps first-seen after last-seen: seen again after the clock was set back, first-seen comes back with it', async () => {
    await markSeen(db, [meta(1)], 10_000_000);
    await markSeen(db, [meta(1)], 10_000_000 - 3_600_000); // an hour back (the clock corrected)
    expect((await getStates(db, [meta(1).id]))[meta(1).id]).toMatchObject({ firstSeenAt: 6_400_000, lastSeenAt: 6_400_000 });
  });

  it('merges metadata: a page without abstracts does not erase a stored abstract', async () => {
    await markSeen(db, [meta(1, { abstract: 'The abstract.', comments: '10 pages' })], 100);
    await markSeen(db, [meta(1, { title: 'Paper 1 (v2 title)' })], 200);
    const stored = await getPaper(db, meta(1).id);
    expect(stored).toMatchObject({ title: 'Paper 1 (v2 title)', abstract: 'The abstract.', comments: '10 pages' });
  });

  it("keeps a year a page showed when another page shows none; a record without one has none", async () => {
    await markSeen(db, [meta(1), meta(2, { year: 2002 })], 100);
    await markSeen(db, [meta(2)], 200);
    expect((await getPaper(db, meta(2).id))!.year).toBe(2002);
    const plain = (await getPaper(db, meta(1).id))!;
    expect('year' in plain).toBe(false);
  });

  it('lists starred newest first and recently seen newest first', async () => {
    for (let n = 1; n <= 5; n++) await setFlag(db, { id: meta(n).id, flag: 'starred', value: n !== 3, meta: meta(n) }, n * 10);
    await markSeen(db, [meta(2)], 100);
    await markSeen(db, [meta(4)], 50);
    expect((await listStarred(db)).map((p) => p.title)).toEqual(['Paper 5', 'Paper 4', 'Paper 2', 'Paper 1']);
    expect((await listStarred(db, 2)).map((p) => p.title)).toEqual(['Paper 5', 'Paper 4']);
    expect((await listRecentlySeen(db)).map((p) => p.title)).toEqual(['Paper 2', 'Paper 4']);
  });

  it('reads the states of a whole listing, near and far ids alike, and only those asked for', async () => {
    const far = testPaper(1, { id: 'arxiv:2301.00001' });
    const old = testPaper(1, { id: 'arxiv:hep-th/9901001' });
    const stored = [meta(10), meta(11), meta(900), meta(5000), far, old];
    await markSeen(db, stored, 100);
    const asked = [meta(10).id, meta(900).id, meta(5000).id, far.id, old.id, meta(12).id, 'doi:10.1000/none'];
    expect(Object.keys(await getStates(db, asked)).sort()).toEqual([meta(10).id, meta(900).id, meta(5000).id, far.id, old.id].sort());
    expect(await getStates(db, [])).toEqual({});
  });

  it('reads every paper record in chunks, in id order, each handed over before the next is read', async () => {
    await markSeen(db, [5, 1, 4, 2, 3].map((n) => testPaper(n)), 1_000);
    const chunks: string[][] = [];
    await readPapersInChunks(db, 2, async (metas) => {
      chunks.push(metas.map((m) => m.id));
      await markSeen(db, [testPaper(99)], 2_000); // written between chunks: read in a later one
    });
    expect(chunks).toEqual([[1, 2], [3, 4], [5, 99]].map((ns) => ns.map((n) => testPaper(n).id)));
  });

  it('reads new-style arXiv ids first, newest first, then the ids of other kinds', async () => {
    const ids = ['arxiv:2301.00001', 'acl:P19-1001', 'scholar:123', 'arxiv:hep-th/9901001', 'doi:10.1000/x', 'arxiv:0704.0001', 'arxiv:2408.00005', 'acl:2020.acl-main.1'];
    await markSeen(db, ids.map((id) => testPaper(1, { id })), 1_000);
    for (const chunk of [1, 2, 3, 100]) {
      const chunks: string[][] = [];
      await readLibraryInChunks(db, chunk, (records) => void chunks.push(records.map((r) => r.id)));
      expect(chunks.flat()).toEqual([
        ...['arxiv:2408.00005', 'arxiv:2301.00001', 'arxiv:0704.0001'],
        ...['scholar:123', 'doi:10.1000/x', 'arxiv:hep-th/9901001'],
        ...['acl:P19-1001', 'acl:2020.acl-main.1'],
      ]);
      expect(Math.max(...chunks.map((c) => c.length))).toBe(Math.min(chunk, 3));
    }
  });

  it('reads the library newest id first, a chunk ahead: the next chunk is read while the caller works on this one', async () => {
    await markSeen(db, [1, 2, 3, 4, 5].map((n) => testPaper(n)), 1_000);
    const log: string[] = [];
    // The same database, its transactions logged (each chunk is read in one).
    const watched = Object.create(db, {
      transaction: { value: (...args: Parameters<PaperDb['transaction']>) => (log.push('read'), db.transaction(...args)) },
    }) as PaperDb;
    const chunks: string[][] = [];
    await readLibraryInChunks(watched, 2, async (records) => {
      const n = chunks.length;
      log.push(`handle ${n}`);
      chunks.push(records.map((r) => r.id));
      // Long enough for fake-indexeddb's queued callbacks to finish first on a busy machine.
      await new Promise((resolve) => setTimeout(resolve, 50));
      log.push(`handled ${n}`);
    });
    // Newest ids first (testPaper(n) is arXiv 2408.0000n): a search meanwhile finds this year's papers first.
    expect(chunks).toEqual([[5, 4], [3, 2], [1]].map((ns) => ns.map((n) => testPaper(n).id)));
    // Each chunk after the first is read while the caller handles the one before it; with the
    // last, the ids of other kinds (none here) are looked for, one read each for those above and
    // below the new-style arXiv ids.
    expect(log).toEqual(['read', 'handle 0', 'read', 'handled 0', 'handle 1', 'read', 'handled 1', 'handle 2', 'read', 'read', 'handled 2']);
    // A library of whole chunks: none is empty, and every paper comes once.
    chunks.length = 0;
    await markSeen(db, [testPaper(6)], 1_000);
    await readLibraryInChunks(db, 3, (records) => void chunks.push(records.map((r) => r.id)));
    expect(chunks).toEqual([[6, 5, 4], [3, 2, 1]].map((ns) => ns.map((n) => testPaper(n).id)));
    chunks.length = 0;
    await readLibraryInChunks(db, 1, (records) => void chunks.push(records.map((r) => r.id)));
    expect(chunks).toEqual([6, 5, 4, 3, 2, 1].map((n) => [testPaper(n).id]));
  });

  it('applies concurrent writes in the order they were issued', async () => {
    const id = meta(1).id;
    const writes = [];
    for (let i = 0; i < 20; i++) writes.push(setFlag(db, { id, flag: 'starred', value: i % 2 === 0, meta: meta(1) }, i + 1));
    await Promise.all(writes);
    expect((await getStates(db, [id]))[id]).toMatchObject({ starred: false, updatedAt: 20 });
  });

  it('writes a note given with the note it replaces only while the stored note is that one (an undo racing another tab)', async () => {
    const id = meta(1).id;
    await setFlag(db, { id, flag: 'read', value: true, meta: meta(1) }, 1);
    await updateAnnotations(db, { id, note: 'Mine' }, 2);
    // The undo and another tab's note, sent at once: whichever comes second, the other tab's stays.
    const [undo] = await Promise.all([updateAnnotations(db, { id, note: '', noteWas: 'Mine' }, 3), updateAnnotations(db, { id, note: 'Theirs' }, 4)]);
    expect(undo.state.note).toBe('');
    expect((await getStates(db, [id]))[id]!.note).toBe('Theirs');
    const [, late] = await Promise.all([updateAnnotations(db, { id, note: 'Theirs again' }, 5), updateAnnotations(db, { id, note: '', noteWas: 'Theirs' }, 6)]);
    expect(late.state.note).toBe('Theirs again');
    expect((await getStates(db, [id]))[id]!.note).toBe('Theirs again');
  });
});

describe('undoing a change to many papers', () => {
  it('puts back the mark it changed, keeps a star given meantime, and leaves a read mark given again since', async () => {
    for (const n of [1, 2, 3]) await markSeen(db, [meta(n)], 500);
    const ids = [meta(1).id, meta(2).id, meta(3).id];
    const { states, before } = await markPapers(db, { ids, flag: 'read', value: true }, 1000);
    // Meanwhile, on pages: paper 1 starred; paper 2 marked unread and read again (a new date);
    // paper 3 marked unread, which that change's own undo took back (as the bulk change left it).
    await setFlag(db, { id: meta(1).id, flag: 'starred', value: true }, 2000);
    await setFlag(db, { id: meta(2).id, flag: 'read', value: false }, 3000);
    await setFlag(db, { id: meta(2).id, flag: 'read', value: true }, 4000);
    await setFlag(db, { id: meta(3).id, flag: 'read', value: false }, 5000);
    await restoreMarks(db, { [meta(3).id]: datedMarksOf(states[meta(3).id]!) }, 6000, { flag: 'read', left: { [meta(3).id]: datedMarksOf((await getStates(db, [meta(3).id]))[meta(3).id]!) } });
    expect((await getStates(db, [meta(3).id]))[meta(3).id]).toMatchObject({ read: true, readAt: 1000 });

    const marksOf = (records: Record<string, PaperState>) => Object.fromEntries(Object.entries(records).map(([id, s]) => [id, datedMarksOf(s)]));
    const undone = await restoreMarks(db, marksOf(before), 7000, { flag: 'read', left: marksOf(states) });
    expect(undone.ids.sort()).toEqual([meta(1).id, meta(3).id].sort());
    expect(undone.changedSince).toEqual([meta(2).id]);
    const after = await getStates(db, ids);
    expect(after[meta(1).id]).toMatchObject({ starred: true, starredAt: 2000, read: false, readAt: null, marksAt: 7000 });
    expect(after[meta(2).id]).toMatchObject({ read: true, readAt: 4000 });
    expect(after[meta(3).id]).toMatchObject({ read: false, readAt: null, marksAt: 7000 });
    // Undone again: the papers are as they were, nothing is written.
    expect(await restoreMarks(db, marksOf(before), 8000, { flag: 'read', left: marksOf(states) })).toMatchObject({ ids: [], changedSince: [meta(2).id] });
  });
});

describe("undoing a page's change of one mark", () => {
  const id = meta(1).id;
  const undoStar = async (since: (at: number) => Promise<unknown>) => {
    const { before, state } = await applyFlag(db, { id, flag: 'starred', value: true, meta: meta(1) }, 1000);
    await since(2000);
    return restoreMarks(db, { [id]: datedMarksOf(before) }, 3000, { flag: 'starred', left: { [id]: datedMarksOf(state) } });
  };

  it('takes back the star and leaves a read mark given since', async () => {
    const undone = await undoStar((at) => setFlag(db, { id, flag: 'read', value: true }, at));
    expect(undone.changedSince).toEqual([]);
    expect((await getStates(db, [id]))[id]).toMatchObject({ starred: false, starredAt: null, read: true, readAt: 2000 });
  });

  it('does not take back a dismissal made since', async () => {
    expect((await undoStar((at) => setFlag(db, { id, flag: 'dismissed', value: true }, at))).changedSince).toEqual([id]);
    expect((await getStates(db, [id]))[id]).toMatchObject({ starred: false, dismissed: true, marksAt: 2000 });
  });

  it('does not take back a star taken back and given again since (it has a new date)', async () => {
    const undone = await undoStar(async (at) => {
      await setFlag(db, { id, flag: 'starred', value: false }, at);
      await setFlag(db, { id, flag: 'starred', value: true }, at + 500);
    });
    expect(undone.changedSince).toEqual([id]);
    expect((await getStates(db, [id]))[id]).toMatchObject({ starred: true, starredAt: 2500 });
  });

  it('has nothing to do for a read mark taken back since, and leaves one given again since', async () => {
    const { before, state } = await applyFlag(db, { id, flag: 'read', value: true, meta: meta(1) }, 1000);
    const undo = (at: number) => restoreMarks(db, { [id]: datedMarksOf(before) }, at, { flag: 'read', left: { [id]: datedMarksOf(state) } });
    await setFlag(db, { id, flag: 'read', value: false }, 2000);
    await setFlag(db, { id, flag: 'starred', value: true }, 2500);
    // Unread already: nothing to put back, and nothing refused.
    expect(await undo(3000)).toMatchObject({ ids: [], changedSince: [] });
    await setFlag(db, { id, flag: 'read', value: true }, 3500);
    expect((await undo(4000)).changedSince).toEqual([id]);
    expect((await getStates(db, [id]))[id]).toMatchObject({ read: true, readAt: 3500, starred: true });
  });

  it('puts back no time later than now, whatever the undo names (a page could name any)', async () => {
    const { state } = await applyFlag(db, { id, flag: 'starred', value: true, meta: meta(1) }, 1000);
    const forged = { ...datedMarksOf(state), starredAt: Number.MAX_SAFE_INTEGER };
    await restoreMarks(db, { [id]: forged }, 2000, { flag: 'starred', left: { [id]: datedMarksOf(state) } });
    expect((await getStates(db, [id]))[id]).toMatchObject({ starred: true, starredAt: 2000 });
  });

  it('without the marks the change left, puts nothing back', async () => {
    const { before } = await applyFlag(db, { id, flag: 'starred', value: true, meta: meta(1) }, 1000);
    expect((await restoreMarks(db, { [id]: datedMarksOf(before) }, 2000, { flag: 'starred', left: {} })).changedSince).toEqual([id]);
    expect((await getStates(db, [id]))[id]).toMatchObject({ starred: true });
  });
});

describe('schema', () => {
  it('opens at the current version with its stores and indexes', () => {
    expect(db.version).toBe(DB_VERSION);
    expect(DB_VERSION).toBe(8);
    expect([...db.objectStoreNames]).toEqual(['aliases', 'papers', 'relevance', 'settings', 'states']);
    const tx = db.transaction(['states', 'aliases']);
    expect([...tx.objectStore('states').indexNames].sort()).toEqual(['lastSeenAt', 'marksAt', 'starredAt', 'tags']);
    expect([...tx.objectStore('aliases').indexNames]).toEqual(['id']);
    expect(tx.objectStore('aliases').keyPath).toBe('alias');
  });
});
