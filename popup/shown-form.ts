/**
 * What "Tag these N" and "Mark these N" (the forms under the list that act on every paper it
 * shows) have alike: the notice they leave in the status line, and where focus goes.
 */
import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/** A change said in the status line, and how to take it back (none when nothing changed). */
export interface Notice {
  text: string;
  undo?: () => void;
}

/** "1 paper", "12 papers". */
export function papers(n: number): string {
  return `${n} ${n === 1 ? 'paper' : 'papers'}`;
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
