/**
 * Reads and writes of papers: metadata in the `papers` store, state in `states`. Each write is
 * one readwrite transaction, so concurrent writes from several tabs are applied one after the
 * other, in arrival order.
 */
import { idRanges } from '../core/id-ranges';
import { mergeMeta, stateOf, withFlag, withSeen, type PaperMeta, type PaperRecord, type PaperState } from '../core/paper';
import type { PaperDb, StoredState } from './db';

export class UnknownPaperError extends Error {
  constructor(id: string) {
    super(`no stored paper ${id} and no metadata to create it`);
  }
}

/**
 * The states of those `ids` that have one. Read as a few key ranges (see idRanges): a listing's
 * 2,000 ids cost a handful of reads, not 2,000.
 */
export async function getStates(db: PaperDb, ids: readonly string[]): Promise<Record<string, PaperState>> {
  const wanted = new Set(ids);
  const tx = db.transaction('states');
  const batches = await Promise.all(idRanges(wanted).map(([low, high]) => tx.store.getAll(IDBKeyRange.bound(low, high))));
  await tx.done;
  const states: Record<string, PaperState> = {};
  for (const batch of batches) for (const stored of batch) if (wanted.has(stored.id)) states[stored.id] = stateOf(stored);
  return states;
}

export async function getPaper(db: PaperDb, id: string): Promise<PaperRecord | undefined> {
  const tx = db.transaction(['papers', 'states']);
  const [meta, state] = await Promise.all([tx.objectStore('papers').get(id), tx.objectStore('states').get(id)]);
  return meta ? { ...meta, ...stateOf(state) } : undefined;
}

/** Stores `flag` = `value` for paper `id`, creating the record from `meta` when it is new. */
export async function setFlag(
  db: PaperDb,
  change: { id: string; flag: 'starred' | 'read'; value: boolean; meta?: PaperMeta | undefined },
  now: number,
): Promise<PaperState> {
  const tx = db.transaction(['papers', 'states'], 'readwrite');
  const papers = tx.objectStore('papers');
  const states = tx.objectStore('states');
  const [storedMeta, storedState] = await Promise.all([papers.get(change.id), states.get(change.id)]);
  if (!storedMeta && !change.meta) {
    tx.abort();
    await tx.done.catch(() => {});
    throw new UnknownPaperError(change.id);
  }
  if (change.meta) void papers.put(storedMeta ? mergeMeta(storedMeta, change.meta) : metaOf(change.meta));
  const state = withFlag(stateOf(storedState), change.flag, change.value, now);
  void states.put({ id: change.id, ...state });
  await tx.done;
  return state;
}

/** Records that these papers were seen at `now`: first-seen is kept, last-seen moves. */
export async function markSeen(db: PaperDb, seen: readonly PaperMeta[], now: number): Promise<void> {
  const tx = db.transaction(['papers', 'states'], 'readwrite');
  const papers = tx.objectStore('papers');
  const states = tx.objectStore('states');
  await Promise.all(
    seen.map(async (paper) => {
      const [storedMeta, storedState] = await Promise.all([papers.get(paper.id), states.get(paper.id)]);
      await Promise.all([
        papers.put(storedMeta ? mergeMeta(storedMeta, paper) : metaOf(paper)),
        states.put({ id: paper.id, ...withSeen(stateOf(storedState), now) }),
      ]);
    }),
  );
  await tx.done;
}

/** Starred papers, most recently starred first. */
export function listStarred(db: PaperDb, limit = Infinity): Promise<PaperRecord[]> {
  return walkNewestFirst(db, 'starredAt', limit);
}

/** Papers by when they were last seen, most recent first. */
export function listRecentlySeen(db: PaperDb, limit = Infinity): Promise<PaperRecord[]> {
  return walkNewestFirst(db, 'lastSeenAt', limit);
}

async function walkNewestFirst(db: PaperDb, index: 'starredAt' | 'lastSeenAt', limit: number): Promise<PaperRecord[]> {
  const tx = db.transaction(['papers', 'states']);
  const found: StoredState[] = [];
  let cursor = await tx.objectStore('states').index(index).openCursor(null, 'prev');
  while (cursor && found.length < limit) {
    found.push(cursor.value);
    cursor = await cursor.continue();
  }
  const metas = await Promise.all(found.map((state) => tx.objectStore('papers').get(state.id)));
  return found.flatMap((state, i) => {
    const meta = metas[i];
    return meta ? [{ ...meta, ...stateOf(state) }] : [];
  });
}

/** Only the metadata fields (so that nothing else a caller passed is stored). */
function metaOf(meta: PaperMeta): PaperMeta {
  const { id, title, authors, abstract, url, pdfUrl, primaryCategory, subjects, comments, site } = meta;
  return { id, title, authors, abstract, url, pdfUrl, primaryCategory, subjects, comments, site };
}
