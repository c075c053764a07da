/**
 * The marks side of the store, for sync: every paper the user ever marked (the marksAt index)
 * with the links of its other ids, and what another device decided written here. Marks from
 * elsewhere go through importRecords, so ids resolve and records merge as for any write.
 */
import { EMPTY_STATE, stateOf, withMarks, type PaperRecord } from '../core/paper';
import { seedRecord } from '../library/seed';
import type { PaperId } from '../core/ids';
import { compareMarks, type SyncedLink, type SyncedMark } from '../sync/codec';
import type { PaperDb } from './db';
import { importRecords } from './papers';

/** The site recorded for papers first known here through sync (a page fills in the rest later). */
export const SYNC_SITE = 'sync';

/**
 * What sync carries of this library: the marks of every paper the user ever marked (or
 * unmarked), under its record id, and the links of those papers' other ids to it.
 */
export async function readMarks(db: PaperDb): Promise<{ marks: SyncedMark[]; links: SyncedLink[] }> {
  const tx = db.transaction(['states', 'aliases']);
  const [states, aliases] = await Promise.all([tx.objectStore('states').index('marksAt').getAll(), tx.objectStore('aliases').getAll()]);
  const marks = states.map((state): SyncedMark => ({ id: state.id, starred: state.starred, read: state.read, dismissed: state.dismissed, at: state.marksAt! }));
  const marked = new Set(marks.map((mark) => mark.id));
  return { marks, links: aliases.filter((link) => marked.has(link.id)).map(({ alias, id }) => ({ alias, id })) };
}

/** A record for a paper known only by its marks, as of `now`: what its id tells (seedRecord's title and links) and those marks. */
export function markedRecord(mark: SyncedMark, now: number, site = SYNC_SITE): PaperRecord {
  const at = Math.min(mark.at, now);
  return { ...seedRecord({ id: mark.id }, at), site, ...withMarks({ ...EMPTY_STATE, tags: [] }, mark, mark.at, now) };
}

/**
 * Writes what another device decided, in one transaction:
 *   - `marks` that beat this device's (a click here since the merge was computed wins); a paper
 *     not in the library arrives with the little its id tells (seedRecord's title and links);
 *   - the `links` (alias → record id) whose alias this device keeps a paper under: that paper
 *     and the link's record become one, as a page naming both ids would make them, with the
 *     record's mark in sync storage (`remote`) weighed against this device's by time, as any
 *     mark is. A link whose alias this device never met changes nothing.
 * Returns every id of the papers that changed.
 */
export async function applyRemoteMarks(
  db: PaperDb,
  { marks, links, remote, now }: { marks: readonly SyncedMark[]; links: ReadonlyMap<PaperId, PaperId>; remote: ReadonlyMap<PaperId, SyncedMark>; now: number },
): Promise<string[]> {
  const applying = new Map(marks.map((mark) => [mark.id, mark]));
  // The aliases known here, or arriving now with a mark of their own (a device that kept the
  // paper under one): those become one record with the link's.
  const linked = new Map<PaperId, PaperId[]>();
  const unlinked = new Set(await keptApart(db, links));
  for (const [alias, id] of links) if (unlinked.has(alias) || applying.has(alias)) linked.set(id, [...(linked.get(id) ?? []), alias]);
  for (const id of linked.keys()) {
    const mark = remote.get(id);
    if (mark && !applying.has(id)) applying.set(id, mark);
  }
  if (applying.size === 0) return [];
  const incoming = [...applying.values()].map((mark) => ({ ...markedRecord(mark, now), aliases: linked.get(mark.id) ?? [] }));
  const { ids } = await importRecords(db, incoming, (local, record) => {
    const mark = applying.get(record.id)!;
    if (local && local.marksAt !== null && compareMarks(mark, { ...local, at: local.marksAt }) <= 0) return local;
    return local ? { ...local, ...withMarks(stateOf(local), mark, mark.at, now) } : record;
  }, { eachRecord: true });
  return ids;
}

/**
 * The aliases of `links` this device keeps a paper under apart from the link's record: as a
 * record of its own, or as an alias of another. (One already leading to the link's record needs
 * no write: each pass would merge it again for nothing.)
 */
async function keptApart(db: PaperDb, links: ReadonlyMap<PaperId, PaperId>): Promise<PaperId[]> {
  if (links.size === 0) return [];
  const tx = db.transaction(['states', 'aliases']);
  const aliases = [...links.keys()];
  const apart = await Promise.all(
    aliases.map(async (alias) => {
      const pointing = await tx.objectStore('aliases').get(alias);
      return pointing ? pointing.id !== links.get(alias) : (await tx.objectStore('states').getKey(alias)) !== undefined;
    }),
  );
  return aliases.filter((_, i) => apart[i]);
}
