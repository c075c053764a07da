/**
 * The marks side of the store, for sync: every paper the user ever marked (the marksAt index),
 * and marks decided on another device written here. Marks from elsewhere go through
 * importRecords, so ids resolve and records merge as for any write.
 */
import { EMPTY_STATE, stateOf, withMarks, type PaperRecord } from '../core/paper';
import { seedRecord } from '../library/seed';
import { compareMarks, type SyncedMark } from '../sync/codec';
import type { PaperDb } from './db';
import { importRecords } from './papers';

/** The site recorded for papers first known here through sync (a page fills in the rest later). */
export const SYNC_SITE = 'sync';

/** The marks of every paper the user ever marked (or unmarked), under its record id. */
export async function readMarks(db: PaperDb): Promise<SyncedMark[]> {
  const states = await db.getAllFromIndex('states', 'marksAt');
  return states.map((state) => ({ id: state.id, starred: state.starred, read: state.read, dismissed: state.dismissed, at: state.marksAt! }));
}

/** A record for a paper known only by its marks: what its id tells (seedRecord's title and links) and those marks. */
export function markedRecord(mark: SyncedMark, site = SYNC_SITE): PaperRecord {
  return { ...seedRecord({ id: mark.id }, mark.at), site, ...withMarks({ ...EMPTY_STATE, tags: [] }, mark, mark.at) };
}

/**
 * Writes marks decided elsewhere, in one transaction, each only if it still beats this device's
 * (a click here since the merge was computed wins). A paper not in the library arrives with the
 * little its id tells (seedRecord's title and links). Returns the ids of the papers that changed.
 */
export async function applyRemoteMarks(db: PaperDb, marks: readonly SyncedMark[]): Promise<string[]> {
  const byId = new Map(marks.map((mark) => [mark.id, mark]));
  const changed: string[] = [];
  const incoming = marks.map((mark) => markedRecord(mark));
  await importRecords(db, incoming, (local, record) => {
    const mark = byId.get(record.id)!;
    if (local && local.marksAt !== null && compareMarks(mark, { ...local, at: local.marksAt }) <= 0) return local;
    changed.push(local?.id ?? record.id);
    return local ? { ...local, ...withMarks(stateOf(local), mark, mark.at) } : record;
  });
  return changed;
}
