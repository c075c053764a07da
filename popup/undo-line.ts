/**
 * The line under the tabs that says what a change did ("Dismissed: “…”", "Tagged 12
 * papers …"), and the changes the user can take back, newest last: the line's Undo and the `z`
 * key take back the newest, again for the one before, as in a mail client's triage. The line
 * fades after a while; the changes stay undoable while the popup is open.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { UNDO_DEPTH } from '../src/undo-words';
import type { Notice } from './shown-form';

/** How long the line stays (longer while focus is in it). */
export const LINE_MS = 10_000;

export interface UndoLine {
  /** What the line shows now, and whether its button takes something back (and which words it has). */
  line: { text: string; undoLabel: string | null } | null;
  /**
   * Says what a change did (shown: in the line) and keeps its undo, if it has one. `run`: the
   * change continues the newest one kept with the same run (a note saved as it is typed): that
   * one's undo, to before the run began, is kept, not another.
   */
  record: (notice: Notice, options?: { show?: boolean; run?: string }) => void;
  /** Takes back the newest change kept; false when there is none. */
  undoLast: () => boolean;
}

/**
 * `focused`: whether focus is in the line. The line stays while it is: a keyboard or screen-reader
 * user on its Undo (where focus goes when a change empties the list) would else lose their place
 * to the page's body when the button goes, and a time limit must let them take their time.
 */
export function useUndoLine(focused: () => boolean = () => false): UndoLine {
  const changes = useRef<Array<Required<Notice> & { run?: string | undefined }>>([]);
  const [line, setLine] = useState<UndoLine['line']>(null);
  const isFocused = useRef(focused);
  isFocused.current = focused;
  useEffect(() => {
    if (!line) return;
    let timer: ReturnType<typeof setTimeout>;
    const fade = () => (isFocused.current() ? (timer = setTimeout(fade, LINE_MS)) : setLine(null));
    timer = setTimeout(fade, LINE_MS);
    return () => clearTimeout(timer);
  }, [line]);

  const record = useCallback((notice: Notice, { show = true, run }: { show?: boolean; run?: string } = {}) => {
    const { text, undo } = notice;
    const continues = run !== undefined && changes.current.at(-1)?.run === run;
    if (undo && !continues) {
      changes.current.push({ text, undo, run });
      if (changes.current.length > UNDO_DEPTH) changes.current.shift();
    }
    // A change the user sees happen (it stays in the list) needs no line; it clears an old one.
    setLine(show ? { text, undoLabel: undo ? 'Undo' : null } : null);
  }, []);

  const undoLast = useCallback(() => {
    const last = changes.current.pop();
    if (!last) {
      setLine({ text: 'Nothing to undo.', undoLabel: null });
      return false;
    }
    last.undo();
    setLine({ text: `Undone: ${last.text}`, undoLabel: changes.current.length > 0 ? 'Undo the one before' : null });
    return true;
  }, []);

  return { line, record, undoLast };
}
