/**
 * Marks of this device against marks in sync storage: for each paper the last change wins
 * (compareMarks), whole — starred, read and dismissed together, as the user left them at that
 * time. A paper missing on one side is not a deletion (undoing a mark is itself a mark, "0", kept
 * in sync storage), so a device that is behind never erases what another did. Pure.
 */
import type { PaperId } from '../core/ids';
import { winnerOf } from '../core/merge';
import { compareMarks, syncTime, type SyncedLink, type SyncedMark } from './codec';

export interface MarksMerge {
  /** The winning mark of every paper either side knows: what sync storage should hold. */
  merged: SyncedMark[];
  /** Marks from sync storage that beat this device's (or that it lacks): to apply here. */
  toLocal: SyncedMark[];
}

export function mergeMarks(local: Iterable<SyncedMark>, remote: ReadonlyMap<PaperId, SyncedMark>): MarksMerge {
  const winners = new Map(remote);
  for (const mark of local) {
    const theirs = remote.get(mark.id);
    if (!theirs || compareMarks(mark, theirs) >= 0) winners.set(mark.id, mark);
  }
  const toLocal: SyncedMark[] = [];
  // Still the remote mark after every local one had its say: this device lacks it or is older.
  for (const [id, mark] of remote) if (winners.get(id) === mark) toLocal.push(mark);
  return { merged: [...winners.values()], toLocal };
}

/**
 * `marks` without those under an id that is a link's alias when its record's mark is as new:
 * every device that knows the alias applies the record's mark to it through the link, and one
 * that does not would make a second record of the paper from it. (A mark under the alias left
 * there by a device that kept the paper under it, before any linked the two.)
 */
export function withoutMarksOfAliases(marks: readonly SyncedMark[], links: readonly SyncedLink[]): SyncedMark[] {
  const recordOf = new Map(links.map((link) => [link.alias, link.id]));
  const byId = new Map(marks.map((mark) => [mark.id, mark]));
  return marks.filter((mark) => {
    const record = byId.get(recordOf.get(mark.id) ?? '');
    return !record || syncTime(record.at) < syncTime(mark.at);
  });
}

/**
 * The links of this device and of sync storage: every one either knows (never dropped: two ids
 * of one paper stay so). Where two name different records for one alias, the best-ranked, as
 * the store merges records.
 */
export function mergeLinks(local: Iterable<SyncedLink>, remote: ReadonlyMap<PaperId, PaperId>): SyncedLink[] {
  const merged = new Map(remote);
  for (const { alias, id } of local) {
    const held = merged.get(alias);
    merged.set(alias, held === undefined ? id : winnerOf([held, id]));
  }
  return [...merged].map(([alias, id]) => ({ alias, id }));
}
