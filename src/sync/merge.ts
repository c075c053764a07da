/**
 * Marks of this device against marks in sync storage: for each paper the last change wins
 * (compareMarks), whole — starred, read and dismissed together, as the user left them at that
 * time. A paper missing on one side is not a deletion (undoing a mark is itself a mark, "0", kept
 * in sync storage), so a device that is behind never erases what another did. Pure.
 */
import type { PaperId } from '../core/ids';
import { compareMarks, type SyncedMark } from './codec';

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
