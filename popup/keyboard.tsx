/**
 * Keyboard use of the library's list: the shortcuts, what each does, and the help overlay that
 * lists them (one table for both, so the overlay cannot drift from the behaviour).
 */
import { useEffect, useRef } from 'preact/hooks';
import type { PaperRecord } from '../src/core/paper';
import { safeHttpUrl } from '../src/core/text';
import type { Flag } from '../src/messages';
import type { LibraryApi } from './library-api';
import type { DetailHandle } from './PaperDetail';

export interface ListContext {
  count: number;
  active: PaperRecord | undefined;
  activeIndex: number;
  setActiveIndex: (i: number) => void;
  searchBox: HTMLInputElement | null;
  detail: DetailHandle | null;
  api: LibraryApi;
  /** Sets a mark on a paper as shown (see App's setFlag). */
  setFlag: (paper: PaperRecord, flag: Flag, value: boolean) => void;
  /** Takes back the newest change (see undo-line.ts). */
  undo: () => void;
  /** Turns search by meaning on or off (see meaning.ts). */
  toggleMeaning: () => void;
}

interface Shortcut {
  keys: string[];
  label: string;
  run: (ctx: ListContext) => void;
  /** Also when the list is empty (the change just made may have emptied it). */
  onEmptyList?: boolean;
}

const PAGE = 8;
const move = (ctx: ListContext, by: number) => ctx.setActiveIndex(Math.max(0, Math.min(ctx.count - 1, ctx.activeIndex + by)));
const open = (ctx: ListContext, which: 'url' | 'pdfUrl') => {
  const url = ctx.active && safeHttpUrl(ctx.active[which]);
  if (url) ctx.api.open(url);
};

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['j', 'ArrowDown'], label: 'Next paper', run: (ctx) => move(ctx, 1) },
  { keys: ['k', 'ArrowUp'], label: 'Previous paper', run: (ctx) => move(ctx, -1) },
  { keys: ['PageDown'], label: 'Down a page', run: (ctx) => move(ctx, PAGE) },
  { keys: ['PageUp'], label: 'Up a page', run: (ctx) => move(ctx, -PAGE) },
  { keys: ['Home'], label: 'First paper', run: (ctx) => ctx.setActiveIndex(0) },
  { keys: ['End'], label: 'Last paper', run: (ctx) => ctx.setActiveIndex(Math.max(0, ctx.count - 1)) },
  { keys: ['Enter', 'o'], label: 'Open its page', run: (ctx) => open(ctx, 'url') },
  { keys: ['p'], label: 'Open its PDF', run: (ctx) => open(ctx, 'pdfUrl') },
  { keys: ['s'], label: 'Star / unstar', run: (ctx) => ctx.active && ctx.setFlag(ctx.active, 'starred', !ctx.active.starred) },
  { keys: ['r'], label: 'Mark read / unread', run: (ctx) => ctx.active && ctx.setFlag(ctx.active, 'read', !ctx.active.read) },
  { keys: ['x'], label: 'Dismiss / undismiss', run: (ctx) => ctx.active && ctx.setFlag(ctx.active, 'dismissed', !ctx.active.dismissed) },
  { keys: ['z'], label: 'Undo the last change (again: the one before)', run: (ctx) => ctx.undo(), onEmptyList: true },
  { keys: ['t'], label: 'Add a tag', run: (ctx) => ctx.detail?.focusTags() },
  { keys: ['n'], label: 'Edit the note', run: (ctx) => ctx.detail?.focusNote() },
  { keys: ['/'], label: 'Search', run: (ctx) => ctx.searchBox?.focus() },
  { keys: ['m'], label: 'Search by meaning on / off', run: (ctx) => ctx.toggleMeaning(), onEmptyList: true },
];

const HELP_ROWS: ReadonlyArray<{ keys: string[]; label: string }> = [
  ...SHORTCUTS,
  { keys: ['?'], label: 'Show / hide this help' },
  { keys: ['Escape'], label: 'Leave a field, close this help' },
];

/**
 * Runs the shortcut for `event`, if any. In the search box only the arrows, Enter and Escape act
 * (they move to the list); in other fields no key is taken.
 */
export function handleListKey(event: KeyboardEvent, ctx: ListContext): void {
  // A key that picks or confirms an input method's candidate (Enter, the arrows) is the IME's.
  if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented || event.isComposing) return;
  const target = event.target as HTMLElement | null;
  const inSearch = target === ctx.searchBox && ctx.searchBox !== null;
  if (inSearch) {
    if (event.key === 'Escape') {
      ctx.searchBox!.blur();
      event.preventDefault();
      return;
    }
    if (!['ArrowDown', 'ArrowUp', 'Enter'].includes(event.key)) return;
  } else if (isField(target)) return;
  // The import's question (its checkboxes and buttons) is no part of the list: Enter or s there
  // would open or unstar the active paper.
  if (target?.closest?.('[data-paper-radar-import-question]')) return;
  // Links and buttons keep their own Enter.
  if (event.key === 'Enter' && !inSearch && target && hasOwnEnter(target)) return;
  const shortcut = SHORTCUTS.find((s) => s.keys.includes(event.key));
  if (!shortcut || (ctx.count === 0 && !shortcut.onEmptyList)) return;
  event.preventDefault();
  shortcut.run(ctx);
}

/** The index in `papers` of the row `target` is in (its title link, a toggle), or -1. */
export function rowIndexOf(target: EventTarget | null, papers: readonly PaperRecord[]): number {
  const id = rowIdOf(target);
  return id === null ? -1 : papers.findIndex((paper) => paper.id === id);
}

/** The id of the paper whose row `target` is in, or null. */
export function rowIdOf(target: EventTarget | null): string | null {
  const row = (target as HTMLElement | null)?.closest?.<HTMLElement>('.paper[data-paper-radar-id]');
  return row?.dataset['paperRadarId'] ?? null;
}

export function isField(el: HTMLElement | null): boolean {
  if (!el || !el.tagName) return false;
  return el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el.tagName === 'INPUT' && !BUTTON_INPUTS.has((el as HTMLInputElement).type));
}

/** Inputs nothing is typed into: the list's keys act there (Import… is a file input, focused after an import). */
const BUTTON_INPUTS = new Set(['button', 'submit', 'reset', 'file', 'checkbox', 'radio']);

/** A control whose own Enter the list must leave to it (a link, a button, Import…). */
function hasOwnEnter(el: HTMLElement): boolean {
  return el.tagName === 'A' || el.tagName === 'BUTTON' || el.tagName === 'SUMMARY' || (el.tagName === 'INPUT' && BUTTON_INPUTS.has((el as HTMLInputElement).type));
}

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  // Focus goes back where it was when the help closes (its button, a row): else it fell to the
  // page's body, and Tab started again from the top. Meanwhile what the help covers is inert: a
  // modal dialog keeps Tab (and a screen reader) in it; Tab went on to the buttons behind it.
  useEffect(() => {
    const before = document.activeElement;
    const behind = [...(backdrop.current?.parentElement?.children ?? [])].filter((el) => el !== backdrop.current && !el.hasAttribute('inert'));
    for (const el of behind) el.setAttribute('inert', '');
    close.current?.focus();
    return () => {
      for (const el of behind) el.removeAttribute('inert');
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);
  return (
    <div class="help-backdrop" ref={backdrop} onClick={onClose}>
      <div class="help" role="dialog" aria-modal="true" aria-labelledby="help-title" onClick={(e) => e.stopPropagation()}>
        <h2 id="help-title">Keyboard shortcuts</h2>
        <table>
          <tbody>
            {HELP_ROWS.map(({ keys, label }) => (
              <tr key={label}>
                <td>
                  {keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && ' or '}
                      <kbd>{k === ' ' ? 'Space' : k}</kbd>
                    </span>
                  ))}
                </td>
                <td>{label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button ref={close} type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
