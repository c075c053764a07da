/**
 * The worker answers what pages ask of states from memory (getPageStates, src/store/state-cache.ts):
 * it must always answer what the database holds. Random writes of every kind (sightings that merge records
 * under aliases, flags, bulk marks and tags, imports, undo), some running at once with reads,
 * are checked against a read of the database itself.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { datedMarksOf, packPageState, type PackedPageState, type PaperMeta, type PaperState } from '../../src/core/paper';
import { seedImported } from '../../src/library/merge-import';
import { seedRecord } from '../../src/library/seed';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { forgetSeen } from '../../src/store/forget';
import {
  applyFlag,
  getPageStates,
  getStates,
  importRecords,
  libraryChangesSince,
  libraryGeneration,
  markPapers,
  markSeen,
  primePageStates,
  readPapersInChunks,
  restoreMarks,
  retagPapers,
  UnknownPaperError,
} from '../../src/store/papers';
import { JOURNAL_MAX, StateCache, stateCacheOf } from '../../src/store/state-cache';
import { testPaper } from '../support/papers';

/** A small world of ids, so that writes meet: arXiv ids, DOIs and Scholar ids naming the same papers. */
const IDS = ['arxiv:2408.00001', 'arxiv:2408.00002', 'arxiv:2408.00003', 'doi:10.1000/a', 'doi:10.1000/b', 'scholar:1', 'scholar:2'];
const id = fc.constantFrom(...IDS);
const ids = fc.uniqueArray(id, { minLength: 1, maxLength: 4 });

function meta(paperId: string, aliases: string[]): PaperMeta {
  return testPaper(1, { id: paperId, aliases: aliases.filter((a) => a !== paperId), title: `Seen as ${paperId}`, url: `https://example.org/${encodeURIComponent(paperId)}` });
}

type Op =
  | { kind: 'seen'; id: string; aliases: string[] }
  | { kind: 'flag'; id: string; flag: 'starred' | 'read' | 'dismissed'; value: boolean; withMeta: boolean }
  | { kind: 'mark'; ids: string[]; flag: 'starred' | 'read'; value: boolean; undo: boolean }
  | { kind: 'tag'; ids: string[] }
  | { kind: 'import'; id: string; aliases: string[] }
  | { kind: 'get'; ids: string[] }
  | { kind: 'prime' }
  | { kind: 'forget' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('seen' as const), id, aliases: fc.uniqueArray(id, { maxLength: 2 }) }),
  fc.record({ kind: fc.constant('flag' as const), id, flag: fc.constantFrom('starred' as const, 'read' as const, 'dismissed' as const), value: fc.boolean(), withMeta: fc.boolean() }),
  fc.record({ kind: fc.constant('mark' as const), ids, flag: fc.constantFrom('starred' as const, 'read' as const), value: fc.boolean(), undo: fc.boolean() }),
  fc.record({ kind: fc.constant('tag' as const), ids }),
  fc.record({ kind: fc.constant('import' as const), id, aliases: fc.uniqueArray(id, { maxLength: 2 }) }),
  fc.record({ kind: fc.constant('get' as const), ids }),
  fc.record({ kind: fc.constant('prime' as const) }),
  fc.record({ kind: fc.constant('forget' as const) }),
);

let db: PaperDb;
/** A second connection to the same database, read without the cache: the database itself. */
let truth: PaperDb;
let counter = 0;
let now = 1_000;

beforeEach(async () => {
  const name = `state-cache-${++counter}`;
  db = await openPaperDb(name);
  truth = await openPaperDb(name);
});
afterEach(() => {
  db.close();
  truth.close();
});

async function run(o: Op): Promise<void> {
  now += 10;
  switch (o.kind) {
    case 'seen':
      await markSeen(db, [meta(o.id, o.aliases)], now);
      return;
    case 'flag':
      await applyFlag(db, { id: o.id, flag: o.flag, value: o.value, meta: o.withMeta ? meta(o.id, []) : undefined }, now).catch((e: unknown) => {
        if (!(e instanceof UnknownPaperError)) throw e;
      });
      return;
    case 'mark': {
      const { before, states } = await markPapers(db, { ids: o.ids, flag: o.flag, value: o.value }, now);
      const marksOf = (records: Record<string, PaperState>) => Object.fromEntries(Object.entries(records).map(([k, s]) => [k, datedMarksOf(s)]));
      if (o.undo && Object.keys(before).length > 0) await restoreMarks(db, marksOf(before), now + 1, { flag: o.flag, left: marksOf(states) });
      return;
    }
    case 'tag':
      await retagPapers(db, { ids: o.ids, add: [`t${now}`] }, now);
      return;
    case 'import':
      await importRecords(db, [seedRecord({ id: o.id, aliases: o.aliases }, now)], seedImported(now));
      return;
    case 'get':
      await getPageStates(db, o.ids);
      return;
    case 'prime':
      // As a worker that starts: every stored state read in at once.
      stateCacheOf(db).primed = false;
      await primePageStates(db);
      return;
    case 'forget':
      // The options page's History: papers only seen, seen before the last few writes.
      await forgetSeen(db, now - 25);
  }
}

/** Every paper record the database holds (its title), by id, read without the cache. */
async function databasePapers(): Promise<Map<string, string>> {
  const papers = new Map<string, string>();
  await readPapersInChunks(truth, 1_000, (metas) => metas.forEach((meta) => papers.set(meta.id, meta.title)));
  return papers;
}

/** What the database holds, read without the cache, packed as pages get it. */
async function databaseStates(): Promise<Record<string, PackedPageState>> {
  const states = await getStates(truth, IDS);
  return Object.fromEntries(Object.entries(states).map(([id, state]) => [id, packPageState(state)]));
}

describe('page states answered from memory', () => {
  it('always answers what the database holds, whatever was written, also while reads and writes run at once (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }), async (batches) => {
        // A database of its own for each run (run() writes through `db`).
        db.close();
        truth.close();
        const name = `state-cache-${++counter}`;
        db = await openPaperDb(name);
        truth = await openPaperDb(name);
        for (const batch of batches) {
          // A batch's operations start together: reads may begin before writes end, and after.
          await Promise.all(batch.map(run));
          // Each id alone first, then all: a stale entry would be answered either way.
          const expected = await databaseStates();
          for (const one of IDS) expect(await getPageStates(db, [one])).toEqual(one in expected ? { [one]: expected[one] } : {});
          expect(await getPageStates(db, IDS)).toEqual(expected);
        }
      }),
      { numRuns: Number(process.env.RUNS ?? 60) },
    );
  });

  it('the papers written since a read, read again and applied to it, give the records the database holds, also when read while writes run (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 8 }), async (batches, max) => {
        db.close();
        truth.close();
        const name = `state-cache-${++counter}`;
        db = await openPaperDb(name);
        truth = await openPaperDb(name);
        // As the worker keeps its library: read whole, then only the papers written since (or whole
        // again); a paper that names no record now, or another one (merged away), leaves it.
        let kept = { generation: libraryGeneration(db), papers: new Map<string, string>() };
        const catchUp = async () => {
          const changes = await libraryChangesSince(db, kept.generation, max);
          if (!changes) {
            const generation = libraryGeneration(db);
            const papers = new Map<string, string>();
            await readPapersInChunks(db, 2, (metas) => metas.forEach((meta) => papers.set(meta.id, meta.title)));
            kept = { generation, papers };
            return;
          }
          for (const id of changes.gone) kept.papers.delete(id);
          for (const record of changes.records) kept.papers.set(record.id, record.title);
          kept.generation = changes.generation;
        };
        for (const batch of batches) {
          await Promise.all([...batch.map(run), catchUp()]); // a catch-up while the batch writes
          await catchUp();
          expect(kept.papers).toEqual(await databasePapers());
        }
      }),
      { numRuns: Number(process.env.RUNS ?? 60) },
    );
  });

  it('names the ids invalidated since a generation, until more than JOURNAL_MAX were invalidated since', () => {
    const cache = new StateCache();
    const start = cache.generation;
    cache.invalidate(['arxiv:2408.00001', 'scholar:1']);
    const middle = cache.generation;
    cache.invalidate(['arxiv:2408.00002']);
    cache.clear(); // the cache starting over writes nothing: the journal stays whole
    expect(cache.invalidatedSince(start)).toEqual(new Set(['arxiv:2408.00001', 'scholar:1', 'arxiv:2408.00002']));
    expect(cache.invalidatedSince(middle)).toEqual(new Set(['arxiv:2408.00002']));
    expect(cache.invalidatedSince(cache.generation)).toEqual(new Set());
    const beforeBulk = cache.generation;
    cache.invalidate(Array.from({ length: JOURNAL_MAX - 1 }, (_, i) => `arxiv:2409.${String(10_000 + i)}`));
    expect(cache.invalidatedSince(start)).toBeNull(); // the first invalidation's ids were dropped
    expect(cache.invalidatedSince(middle)?.size).toBe(JOURNAL_MAX);
    const afterBulk = cache.generation;
    cache.invalidate(['arxiv:2410.00001', 'arxiv:2410.00002']); // the bulk invalidation is dropped whole
    expect(cache.invalidatedSince(middle)).toBeNull();
    expect(cache.invalidatedSince(beforeBulk)).toBeNull();
    expect(cache.invalidatedSince(afterBulk)).toEqual(new Set(['arxiv:2410.00001', 'arxiv:2410.00002']));
  });

  it('a read that began before a write changed something keeps nothing (it may hold what the write replaced)', () => {
    const cache = new StateCache();
    const generation = cache.generation;
    cache.invalidate(['arxiv:2408.00001']);
    cache.fill(generation, ['arxiv:2408.00001'], new Map());
    expect(cache.lookup(['arxiv:2408.00001'])).toEqual({ states: {}, missing: ['arxiv:2408.00001'] });
    cache.fill(cache.generation, ['arxiv:2408.00001'], new Map());
    expect(cache.lookup(['arxiv:2408.00001'])).toEqual({ states: {}, missing: [] });
  });

  it('asks the database nothing when every id was asked for since it last changed, and only for the ids a write changed', async () => {
    await markSeen(db, [testPaper(1), testPaper(2)], 100);
    const asked = [testPaper(1).id, testPaper(2).id, 'arxiv:2408.00003'];
    const first = await getPageStates(db, asked);
    const transactions = vi.spyOn(db, 'transaction');
    expect(await getPageStates(db, asked)).toEqual(first);
    expect(transactions).not.toHaveBeenCalled();
    await applyFlag(db, { id: testPaper(2).id, flag: 'starred', value: true }, 200);
    expect(stateCacheOf(db).lookup(asked).missing).toEqual([testPaper(2).id]); // only it is read again
    transactions.mockClear();
    expect((await getPageStates(db, asked))[testPaper(2).id]).toEqual([1, 100]);
    expect(transactions).toHaveBeenCalledTimes(1);
  });

  it('a worker that starts reads every stored state in, under each id of its paper: asks for them read nothing more', async () => {
    await markSeen(db, [testPaper(1, { aliases: ['scholar:1'] }), testPaper(2)], 100);
    await applyFlag(db, { id: 'scholar:1', flag: 'starred', value: true }, 200);
    await primePageStates(db);
    const transactions = vi.spyOn(db, 'transaction');
    expect(await getPageStates(db, ['scholar:1', testPaper(1).id, testPaper(2).id])).toEqual({ 'scholar:1': [1, 100], [testPaper(1).id]: [1, 100], [testPaper(2).id]: [0, 100] });
    expect(transactions).not.toHaveBeenCalled();
    expect(await getPageStates(db, ['arxiv:2408.00003'])).toEqual({}); // not stored: read, and found missing
    expect(transactions).toHaveBeenCalledTimes(1);
  });

  it('of a library too large to keep whole, a starting worker reads in the papers seen most recently', async () => {
    await markSeen(db, [testPaper(1)], 100); // seen long ago
    await markSeen(db, [testPaper(2), testPaper(3, { aliases: ['scholar:3'] })], 200);
    await primePageStates(db, { whole: 2 });
    expect(stateCacheOf(db).lookup([testPaper(1).id, testPaper(2).id, testPaper(3).id, 'scholar:3']).missing).toEqual([testPaper(1).id, 'scholar:3']);
    expect(await getPageStates(db, [testPaper(1).id, 'scholar:3'])).toEqual({ [testPaper(1).id]: [0, 100], 'scholar:3': [0, 200] });
  });
});
