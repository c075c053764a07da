/**
 * What "Tag these N" and "Mark these N" (the forms under the list that act on every paper it
 * shows) have alike: the notice they leave in the status line, what a change that stopped part
 * way did, and where focus goes.
 */
import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { PartlyDone, type BulkAnswer } from './library-api';

/** A change said in the status line, and how to take it back (none when nothing changed). */
export interface Notice {
  text: string;
  undo?: () => void;
}

/** "1 paper", "12 papers". */
export function papers(n: number): string {
  return `${n} ${n === 1 ? 'paper' : 'papers'}`;
}

/** What a change to the papers shown did: all of it, or (failure) all but `left` papers, or perhaps them too (`unknown`). */
export interface Reached {
  answer: BulkAnswer;
  left: number;
  failure: string | null;
  unknown?: boolean;
}

/** What the status says of the papers a change that stopped part way did not reach (`what`: "marks", "tags"). */
export function notReachedText(what: string, { left, failure, unknown }: Reached): string {
  if (unknown) return `Whether the ${what} of ${papers(left)} were changed is not known: ${failure}. Reopen Paper Radar to see them as they are.`;
  return `Could not change the ${what} of ${papers(left)}: ${failure}`;
}

/**
 * What `change` did, also when it stopped part way (see PartlyDone): the papers it changed are
 * then shown, said and undone as a whole change's, and the rest said to have failed. A change
 * that wrote nothing rejects as before.
 */
export async function reached(change: Promise<BulkAnswer>): Promise<Reached> {
  try {
    return { answer: await change, left: 0, failure: null };
  } catch (e) {
    if (e instanceof PartlyDone) return { answer: e.done, left: e.left, failure: e.message, unknown: e.unknown };
    throw e;
  }
}

/**
 * Focus for a form that opens from a button: what `first` returns is focused as soon as the form is in the
 * page (a layout effect, before the next key event: with an effect, keys typed at once went to
 * the popup's shortcuts, t, r, s…), and the returned opener again once it closes, so focus stays
 * where the user was. A form that emptied the list closes onto a disabled opener, which cannot
 * take focus (it fell to the page's body, out of reach of Tab's order): then what `elsewhere`
 * returns takes it.
 */
export function useFormFocus(
  open: boolean,
  first: () => HTMLElement | null | undefined,
  elsewhere: () => HTMLElement | null | undefined,
): RefObject<HTMLButtonElement | null> {
  const opener = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  useLayoutEffect(() => {
    if (open) first()?.focus();
    else if (opened.current) (opener.current && !opener.current.disabled ? opener.current : elsewhere())?.focus();
    opened.current = open;
  }, [open]);
  return opener;
}
