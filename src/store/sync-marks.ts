/**
 * The marks side of the store, for sync: every paper the user ever marked (the marksAt index),
 * under each of its ids, and marks decided on another device written here. Marks from elsewhere
 * go through importRecords, so ids resolve and records merge as for any write.
 */
import { EMPTY_STATE, stateOf, withMarks, type PaperRecord } from '../core/paper';
import { seedRecord } from '../library/seed';
import { compareMarks, type SyncedMark } from '../sync/codec';
import type { PaperDb } from './db';
import { importRecords } from './papers';

/** The site recorded for papers first known here through sync (a page fills in the rest later). */
export const SYNC_SITE = 'sync';

/**
 * The marks of every paper the user ever marked (or unmarked), under its record id and under
 * each of its other ids. Another device may still keep the paper under one of those (a Scholar
 * cluster it starred before any page linked the cluster to the arXiv id): a mark under the record
 * id alone never reaches that record there, and when that device links the two ids later, its
 * old star merges back in ("starred if either") over an unstar made here since.
 */
export async function readMarks(db: PaperDb): Promise<SyncedMark[]> {
  const tx = db.transaction(['states', 'aliases']);
  const [states, aliases] = await Promise.all([tx.objectStore('states').index('marksAt').getAll(), tx.objectStore('aliases').getAll()]);
  const byRecord = new Map(states.map((state): [string, SyncedMark] => [state.id, { id: state.id, starred: state.starred, read: state.read, dismissed: state.dismissed, at: state.marksAt! }]));
  const marks = [...byRecord.values()];
  for (const { alias, id } of aliases) {
    const mark = byRecord.get(id);
    if (mark) marks.push({ ...mark, id: alias, alias: true });
  }
  return marks;
}

/** A record for a paper known only by its marks: what its id tells (seedRecord's title and links) and those marks. */
export function markedRecord(mark: SyncedMark, site = SYNC_SITE): PaperRecord {
  return { ...seedRecord({ id: mark.id }, mark.at), site, ...withMarks({ ...EMPTY_STATE, tags: [] }, mark, mark.at) };
}

/**
 * Writes marks decided elsewhere, in one transaction, each only if it still beats this device's
 * (a click here since the merge was computed wins). A paper not in the library arrives with the
 * little its id tells (seedRecord's title and links); an alias mark of an id this device does not
 * know is left for later (the paper arrives under its record id's mark). Returns every id of
 * the papers that changed.
 */
export async function applyRemoteMarks(db: PaperDb, remote: readonly SyncedMark[]): Promise<string[]> {
  const unknown = await unknownIds(db, remote.filter((mark) => mark.alias).map((mark) => mark.id));
  const marks = remote.filter((mark) => !unknown.has(mark.id));
  const byId = new Map(marks.map((mark) => [mark.id, mark]));
  const incoming = marks.map((mark) => markedRecord(mark));
  const { ids } = await importRecords(db, incoming, (local, record) => {
    const mark = byId.get(record.id)!;
    // Compared as marks of one kind: an alias mark saying what this record says changes nothing here.
    if (local && local.marksAt !== null && compareMarks(mark, { ...local, at: local.marksAt, alias: mark.alias }) <= 0) return local;
    return local ? { ...local, ...withMarks(stateOf(local), mark, mark.at) } : record;
  });
  return ids;
}

/** Those of `ids` this device keeps no paper under, as record id or alias. */
async function unknownIds(db: PaperDb, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const tx = db.transaction(['states', 'aliases']);
  const known = await Promise.all(ids.map(async (id) => (await tx.objectStore('states').getKey(id)) ?? (await tx.objectStore('aliases').getKey(id))));
  return new Set(ids.filter((_, i) => known[i] === undefined));
}
