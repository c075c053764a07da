/**
 * Reads and writes of paper records. Each write is one readwrite transaction, so concurrent
 * writes from several tabs are applied one after the other, in arrival order.
 */
import { mergeMeta, stateOf, withFlag, withSeen, type PaperMeta, type PaperRecord, type PaperState } from '../core/paper';
import type { PaperDb } from './db';

export class UnknownPaperError extends Error {
  constructor(id: string) {
    super(`no stored paper ${id} and no metadata to create it`);
  }
}

/** The states of those `ids` that have a record. One transaction, all reads in flight at once. */
export async function getStates(db: PaperDb, ids: readonly string[]): Promise<Record<string, PaperState>> {
  const tx = db.transaction('papers');
  const records = await Promise.all(ids.map((id) => tx.store.get(id)));
  await tx.done;
  const states: Record<string, PaperState> = {};
  for (const record of records) if (record) states[record.id] = stateOf(record);
  return states;
}

export function getPaper(db: PaperDb, id: string): Promise<PaperRecord | undefined> {
  return db.get('papers', id);
}

/** Stores `flag` = `value` for paper `id`, creating the record from `meta` when it is new. */
export async function setFlag(
  db: PaperDb,
  change: { id: string; flag: 'starred' | 'read'; value: boolean; meta?: PaperMeta | undefined },
  now: number,
): Promise<PaperState> {
  const tx = db.transaction('papers', 'readwrite');
  const stored = await tx.store.get(change.id);
  const meta = stored ? (change.meta ? mergeMeta(stored, change.meta) : stored) : change.meta;
  if (!meta) {
    tx.abort();
    await tx.done.catch(() => {});
    throw new UnknownPaperError(change.id);
  }
  const record: PaperRecord = { ...metaOf(meta), ...withFlag(stateOf(stored), change.flag, change.value, now) };
  await tx.store.put(record);
  await tx.done;
  return stateOf(record);
}

/** Records that these papers were seen at `now`: first-seen is kept, last-seen moves. */
export async function markSeen(db: PaperDb, papers: readonly PaperMeta[], now: number): Promise<void> {
  const tx = db.transaction('papers', 'readwrite');
  await Promise.all(
    papers.map(async (paper) => {
      const stored = await tx.store.get(paper.id);
      const meta = stored ? mergeMeta(stored, paper) : paper;
      await tx.store.put({ ...metaOf(meta), ...withSeen(stateOf(stored), now) });
    }),
  );
  await tx.done;
}

/** Starred papers, most recently starred first. */
export function listStarred(db: PaperDb, limit = Infinity): Promise<PaperRecord[]> {
  return walkIndexNewestFirst(db, 'starredAt', limit);
}

/** Papers by when they were last seen, most recent first. */
export function listRecentlySeen(db: PaperDb, limit = Infinity): Promise<PaperRecord[]> {
  return walkIndexNewestFirst(db, 'lastSeenAt', limit);
}

async function walkIndexNewestFirst(db: PaperDb, index: 'starredAt' | 'lastSeenAt', limit: number): Promise<PaperRecord[]> {
  const out: PaperRecord[] = [];
  let cursor = await db.transaction('papers').store.index(index).openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

/** Only the metadata fields of a record (so that state fields never leak in from elsewhere). */
function metaOf(meta: PaperMeta): PaperMeta {
  const { id, title, authors, abstract, url, pdfUrl, primaryCategory, subjects, comments, site } = meta;
  return { id, title, authors, abstract, url, pdfUrl, primaryCategory, subjects, comments, site };
}

