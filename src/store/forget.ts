/**
 * Forgetting what the user only saw. Every paper a listing showed for a second is kept, with when
 * it was first and last seen, so that it is not "new" on the next visit and the History view can
 * list it. A reader of a busy category sees hundreds a day: tens of thousands within months, and
 * the library grows with them (see docs/performance.md on a large library). These papers carry
 * nothing the user made, so they can go: the user forgets them from the options page, or has
 * them forgotten after a while (HistorySettings, applied by the worker).
 *
 * Only papers the user did nothing with but see are forgotten: no star, read mark, dismissal,
 * tag or note, and never marked at all (a paper once starred and unstarred keeps its record:
 * sync compares the time of that decision with other devices', see src/sync/merge.ts). A
 * forgotten paper seen again is new again.
 */
import type { PaperState } from '../core/paper';
import type { PaperDb } from './db';
import { stateCacheOf } from './state-cache';

/** Papers forgotten per transaction: a large forget never holds the database for long. */
const FORGET_BATCH = 500;

/** True for a paper the user has only seen (see the module's comment). */
export function onlySeen(state: PaperState): boolean {
  return state.lastSeenAt !== null && !state.starred && !state.read && !state.dismissed && state.tags.length === 0 && state.note === '' && state.marksAt === null;
}

/**
 * How many papers the user has only seen, when the longest-unseen of them was last seen, and how
 * many were last seen before each of `cutoffs`.
 */
export async function seenOnlySummary(db: PaperDb, cutoffs: readonly number[] = []): Promise<{ count: number; oldestSeenAt: number | null; before: number[] }> {
  let count = 0;
  let oldestSeenAt: number | null = null;
  const before = cutoffs.map(() => 0);
  // Oldest first by last sighting: the first only-seen paper met is the oldest. Read in one
  // request, not by a cursor: a step per paper made this the options page's slowest read, and a
  // write waits for it (20,000 papers: 2.6 s by cursor, 0.12 s so, in Node with fake-indexeddb).
  const states = await db.transaction('states').store.index('lastSeenAt').getAll();
  for (const state of states) {
    if (!onlySeen(state)) continue;
    count++;
    oldestSeenAt ??= state.lastSeenAt;
    for (let i = 0; i < cutoffs.length; i++) if (state.lastSeenAt! < cutoffs[i]!) before[i]!++;
  }
  return { count, oldestSeenAt, before };
}

export interface ForgetResult {
  /** The papers forgotten. */
  ids: string[];
  /** The other ids they were known by (a page may show a paper under one of them). */
  aliases: string[];
  /**
   * Why the rest were not forgotten: a batch failed (a disk error) after `ids` were. Absent when
   * all were; a first batch failing throws, as nothing was forgotten.
   */
  failure?: unknown;
}

/**
 * Forgets the papers only seen, last seen before `before` (ms since the epoch; Infinity: all):
 * their records, states and the other ids they are known by. Returns both.
 */
export async function forgetSeen(db: PaperDb, before: number): Promise<ForgetResult> {
  const range = Number.isFinite(before) ? IDBKeyRange.upperBound(before, true) : undefined;
  const candidates = await db.transaction('states').store.index('lastSeenAt').getAllKeys(range);
  const forgotten: ForgetResult = { ids: [], aliases: [] };
  for (let start = 0; start < candidates.length; start += FORGET_BATCH) {
    try {
      const { gone, aliases } = await forgetBatch(db, candidates.slice(start, start + FORGET_BATCH), before);
      forgotten.ids.push(...gone);
      forgotten.aliases.push(...aliases);
    } catch (failure) {
      // Those forgotten in earlier batches are gone: the caller tells open pages and the engine.
      if (forgotten.ids.length === 0) throw failure;
      return { ...forgotten, failure };
    }
  }
  return forgotten;
}

/** One transaction's worth of forgetSeen. */
async function forgetBatch(db: PaperDb, ids: string[], before: number): Promise<{ gone: string[]; aliases: string[] }> {
  const tx = db.transaction(['papers', 'states', 'aliases'], 'readwrite');
  const work = async () => {
    const states = tx.objectStore('states');
    const aliases = tx.objectStore('aliases');
    const found = await Promise.all(ids.map((id) => states.get(id)));
    const gone: string[] = [];
    for (const state of found) {
      // Read again in this transaction: the user may have starred it since the keys were read.
      if (!state || !onlySeen(state) || state.lastSeenAt! >= before) continue;
      gone.push(state.id);
    }
    const aliasKeys = (await Promise.all(gone.map((id) => aliases.index('id').getAllKeys(id)))).flat();
    await Promise.all([...gone.flatMap((id) => [states.delete(id), tx.objectStore('papers').delete(id)]), ...aliasKeys.map((alias) => aliases.delete(alias))]);
    return { gone, aliases: aliasKeys };
  };
  // Awaited together: an aborted transaction rejects both, and neither goes unhandled.
  const [done] = await Promise.all([work(), tx.done]);
  stateCacheOf(db).invalidate(done.gone);
  return done;
}
