/**
 * What the popup's and the listing page's undo share: the words for a change of a mark (their
 * lines say "Dismissed: “…”." and then "Undone: Dismissed: “…”.") and how many changes
 * each keeps to take back. Pure.
 */
import { truncate } from './core/text';
import type { Flag } from './messages';

/** What a change did, by flag, when set false and true. */
export const CHANGE_DONE: Readonly<Record<Flag, readonly [string, string]>> = {
  starred: ['Unstarred', 'Starred'],
  read: ['Marked unread', 'Marked read'],
  dismissed: ['Undismissed', 'Dismissed'],
};

/** A change a listing page took back: the paper, and the words for it (changeDone). */
export interface UndoneChange {
  id: string;
  done: string;
}

/** At most this many changes are kept to take back. */
export const UNDO_DEPTH = 20;

/** Cut without splitting a surrogate pair: half an emoji shows as a replacement character. */
const quoted = (title: string) => `“${title.length > 70 ? `${truncate(title, 69)}…` : title}”`;

/**
 * "Dismissed: “A title cut at 70 characters…”." `wasStarred`: the paper was starred
 * before, so that a dismissal took its star (a dismissed paper is not starred), which is said too.
 */
export function changeDone(flag: Flag, value: boolean, title: string, wasStarred = false): string {
  const unstarred = flag === 'dismissed' && value && wasStarred;
  return `${CHANGE_DONE[flag][Number(value)]}${unstarred ? ' and unstarred' : ''}: ${quoted(title)}.`;
}

/** "Tags changed: “A title…”." (the detail pane's tag or note edit, as z takes it back). */
export function annotationChanged(field: 'tags' | 'note', title: string): string {
  return `${field === 'tags' ? 'Tags' : 'Note'} changed: ${quoted(title)}.`;
}

/**
 * An undo on a listing that left the paper as it is, and why: its mark changed again since
 * (notUndone), it could not be written, or whether the change (or the undo) was stored is not
 * known (an answer lost). The entry says more.
 */
export function notUndoneBecause(why: 'changedSince' | 'failed' | 'unknown', title: string): string {
  if (why === 'changedSince') return notUndone(title);
  return why === 'failed' ? `Not undone: ${quoted(title)} could not be saved.` : `Not undone: whether ${quoted(title)} was saved is not known.`;
}

/** A note's undo that left it as it is: it was written again after the edit it was to undo. */
export function noteNotUndone(title: string): string {
  return `Not undone: the note on ${quoted(title)} was changed since, in another tab or on another device.`;
}

/** An undo that left the paper as it is: its marks changed again after the change it was to undo. */
export function notUndone(title: string): string {
  return `Not undone: ${quoted(title)} was marked again since, in another tab or on another device.`;
}
