/**
 * "Mark these N": marks every paper the list shows (after a search, a filter or in a view) read
 * or unread, or stars or unstars them all: clearing the Recommended queue, or taking back a
 * mistaken import (Starred, from the day of the import). The status line says what it did, with an
 * undo that puts back each changed paper's marks with their times, so a star keeps its date and
 * the Starred list its order.
 */
import { useRef, useState } from 'preact/hooks';
import { datedMarksOf, type PaperRecord, type PaperState } from '../src/core/paper';
import type { BulkFlag } from '../src/messages';
import { PartlyDone, type LibraryApi, type RestoreAnswer } from './library-api';
import { notReachedText, papers, reached, useFormFocus, type Notice } from './shown-form';
import { errorText } from '../src/core/text';

interface Action {
  flag: BulkFlag;
  value: boolean;
  label: string;
  /** What the status line says it did to `n` papers. */
  done: (n: string) => string;
  /** What the papers it left had already. */
  already: string;
}

const ACTIONS: readonly Action[] = [
  { flag: 'read', value: true, label: 'Read', done: (n) => `Marked ${n} read`, already: 'already read' },
  { flag: 'read', value: false, label: 'Unread', done: (n) => `Marked ${n} unread`, already: 'already unread' },
  { flag: 'starred', value: true, label: 'Star', done: (n) => `Starred ${n}`, already: 'already starred' },
  { flag: 'starred', value: false, label: 'Unstar', done: (n) => `Unstarred ${n}`, already: 'not starred' },
];

interface Props {
  api: LibraryApi;
  shown: readonly PaperRecord[];
  /** The new states of the papers changed, to show at once. */
  onChanged: (states: Record<string, PaperState>) => void;
  onNotice: (notice: Notice) => void;
  onError: (message: string) => void;
  /** What takes focus when the form closes on a list it emptied (see useFormFocus). */
  focusElsewhere: () => HTMLElement | null;
}

export function MarkShown({ api, shown, onChanged, onNotice, onError, focusElsewhere }: Props) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const opener = useFormFocus(open, () => form.current?.querySelector<HTMLButtonElement>('button:not(:disabled)'), focusElsewhere);
  const count = shown.length;
  /** How many of the papers shown each action would change. */
  const changes = (action: Action) => shown.reduce((n, paper) => (paper[action.flag] === action.value ? n : n + 1), 0);

  const failed = (e: unknown) => onError(`Could not change the marks: ${errorText(e)}`);
  const apply = async (action: Action) => {
    setBusy(true);
    try {
      // Stopped part way (see PartlyDone): the papers it marked are shown, said and undone as a
      // whole change's, the rest said to have failed, and the form stays to try again.
      const result = await reached(api.markPapers(shown.map((p) => p.id), action.flag, action.value));
      const { states, before } = result.answer;
      onChanged(states);
      const changed = Object.keys(states);
      const left = count - result.left - changed.length;
      const text = `${action.done(papers(changed.length))}${left > 0 ? `; ${left} ${action.already}` : ''}.`;
      // Undo puts back exactly the papers it changed, unless marked again since, and only the mark
      // it changed (a read mark a paper gained since, merged in from another of its ids, stays).
      const marks = Object.fromEntries(changed.map((id) => [id, datedMarksOf(before[id]!)]));
      const leftAs = Object.fromEntries(changed.map((id) => [id, datedMarksOf(states[id]!)]));
      const undo = () =>
        void api.restoreMarks(marks, action.flag, leftAs).then(
          ({ states: restored, changedSince }) => {
            onChanged(restored);
            const left = changedSince.length;
            if (left > 0) onNotice({ text: `Undone, but for ${papers(left)} marked again since (in another tab or on another device): left as ${left === 1 ? 'it is' : 'they are'}.` });
          },
          (e: unknown) => {
            if (!(e instanceof PartlyDone)) return failed(e);
            // Stopped part way: those put back show so, and the rest are said to be as they were.
            const { states: restored } = (e as PartlyDone<RestoreAnswer>).done;
            onChanged(restored);
            const undone = `Undone for ${papers(Object.keys(restored).length)}`;
            onError(e.unknown ? `${undone}; whether ${papers(e.left)} more were is not known: ${e.message}.` : `${undone}; ${papers(e.left)} stay as the change left them: ${e.message}`);
          },
        );
      onNotice(changed.length > 0 ? { text, undo } : { text });
      if (result.failure === null) setOpen(false);
      else onError(notReachedText('marks', result));
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <button type="button" ref={opener} class="mark-shown" data-paper-radar-action="mark-shown" disabled={count === 0} onClick={() => setOpen(true)}>
        {`Mark these ${count}…`}
      </button>
    );
  }
  return (
    <form
      ref={form}
      class="shown-form"
      aria-label={`Mark these ${count} papers`}
      onSubmit={(e) => e.preventDefault()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <span>{`Mark these ${count}: `}</span>
      {ACTIONS.map((action) => {
        const n = changes(action);
        return (
          <button
            key={action.label}
            type="button"
            disabled={busy || n === 0}
            data-paper-radar-action={`mark-shown-${action.label.toLowerCase()}`}
            aria-label={`${action.label}: ${papers(n)} would change`}
            onClick={() => void apply(action)}
          >
            {`${action.label} (${n})`}
          </button>
        );
      })}
      {/* A narrow close: the four actions and it fit one line of the popup. */}
      <button type="button" class="link-button" aria-label="Cancel" title="Cancel (Esc)" onClick={() => setOpen(false)}>
        ✕
      </button>
      <span class="shown-form-busy" role="status">
        {busy ? `Changing ${papers(count)}…` : ''}
      </span>
    </form>
  );
}
