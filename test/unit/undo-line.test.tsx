// @vitest-environment jsdom
/**
 * The undo line fades after LINE_MS, but not while focus is in it: a keyboard or screen-reader
 * user on its Undo (where focus goes when a change empties the list) keeps their place, and their
 * time; once focus leaves, it fades as usual.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { useRef } from 'preact/hooks';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { LINE_MS, useUndoLine, type UndoLine } from '../../popup/undo-line';
import { renderTarget } from '../support/render-target';

const container = renderTarget();
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

let changes: UndoLine;
function Line() {
  const line = useRef<HTMLParagraphElement>(null);
  changes = useUndoLine(() => line.current?.contains(document.activeElement) === true);
  return (
    <>
      <p ref={line} tabIndex={-1}>
        {changes.line?.text}
        {changes.line?.undoLabel && <button type="button">{changes.line.undoLabel}</button>}
      </p>
      <input class="search" />
    </>
  );
}
const text = () => container.querySelector('p')!.textContent;
const wait = (ms: number) => act(() => void vi.advanceTimersByTime(ms));

it('stays while focus is on its button, and fades once focus has left', async () => {
  render(<Line />, container);
  await act(() => changes.record({ text: 'Marked 2 papers read.', undo: () => {} }));
  container.querySelector('button')!.focus();
  await wait(LINE_MS * 3);
  expect(text()).toBe('Marked 2 papers read.Undo');
  expect(document.activeElement).toBe(container.querySelector('button'));

  container.querySelector<HTMLInputElement>('.search')!.focus();
  await wait(LINE_MS);
  expect(text()).toBe('');
});

it('fades after LINE_MS when focus is elsewhere', async () => {
  render(<Line />, container);
  await act(() => changes.record({ text: 'Unstarred: “A”.', undo: () => {} }));
  await wait(LINE_MS - 1);
  expect(text()).toBe('Unstarred: “A”.Undo');
  await wait(1);
  expect(text()).toBe('');
});
