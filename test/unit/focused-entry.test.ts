// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FOCUSED_ATTRIBUTE, FocusedEntry } from '../../content-scripts/focused-entry';
import { HELP_ATTRIBUTE } from '../../content-scripts/ui/styles';
import type { AnnotatedEntry } from '../../content-scripts/page-annotator';

/** Entries of these papers (two by default), each a <div> holding a control host with a star and a dismiss button (in its shadow root, as built). */
function page(ids = ['a', 'b']): { entries: AnnotatedEntry[]; button: (entry: number, action: 'star' | 'dismiss') => HTMLButtonElement } {
  document.body.replaceChildren();
  const entries = ids.map((id) => {
    const element = document.createElement('div');
    const host = document.createElement('span');
    host.setAttribute('data-paper-radar-id', id);
    const shadow = host.attachShadow({ mode: 'open' });
    for (const action of ['star', 'dismiss']) {
      const button = document.createElement('button');
      button.setAttribute('data-paper-radar-action', action);
      shadow.append(button);
    }
    element.append(host);
    document.body.append(element);
    return { id, host, elements: [element] };
  });
  return { entries, button: (i, action) => entries[i]!.host.shadowRoot!.querySelector(`[data-paper-radar-action="${action}"]`)! };
}

/** A pointer event of the main button (0) or another (2: the right one). */
const pointer = (type: 'pointerdown' | 'pointerup' | 'click' | 'contextmenu', button = 0) => document.body.dispatchEvent(new MouseEvent(type, { bubbles: true, button }));

describe('FocusedEntry', () => {
  let entries: AnnotatedEntry[];
  let button: ReturnType<typeof page>['button'];
  const marked = () => entries.map((entry) => entry.elements[0]!.hasAttribute(FOCUSED_ATTRIBUTE));

  // One for the document's lifetime, as in the content script; each test makes the page anew.
  beforeAll(
    () =>
      void new FocusedEntry(document, () => ({
        entryWithControl: (host) => entries.find((entry) => entry.host === host) ?? null,
        entriesOf: (id) => entries.filter((entry) => entry.id === id),
      })),
  );
  beforeEach(() => {
    vi.useFakeTimers();
    ({ entries, button } = page());
  });
  afterEach(() => vi.useRealTimers());

  it('moves the mark with the focus at once when no pointer is down (the keyboard)', () => {
    button(0, 'dismiss').focus();
    expect(marked()).toEqual([true, false]);
    button(1, 'star').focus();
    expect(marked()).toEqual([false, true]);
    button(1, 'star').blur();
    expect(marked()).toEqual([false, false]);
  });

  it('keeps the entry the pointer took the focus from until the pointer is released and its click delivered', () => {
    button(0, 'dismiss').focus();
    pointer('pointerdown');
    button(1, 'dismiss').focus(); // the next paper's ✕ pressed
    expect(marked()).toEqual([true, true]);
    pointer('pointerup');
    expect(marked()).toEqual([true, true]); // the click comes after pointerup (a tap's in a later task)
    vi.advanceTimersByTime(50);
    expect(marked()).toEqual([true, true]);
    pointer('click');
    expect(marked()).toEqual([true, true]); // the click is being delivered
    vi.advanceTimersByTime(0);
    expect(marked()).toEqual([false, true]);
  });

  it('a context menu takes the release: after a right click, or a Ctrl-click on a Mac, the mark moves with the keys at once', () => {
    button(0, 'dismiss').focus();
    pointer('pointerdown', 2); // a right click on the next paper's ✕: its menu opens, no pointerup comes
    button(1, 'dismiss').focus();
    expect(marked()).toEqual([false, true]);
    button(0, 'dismiss').focus(); // keys move on (j)
    expect(marked()).toEqual([true, false]);
    pointer('pointerdown'); // the main button, with Ctrl on a Mac: a context menu too
    pointer('contextmenu');
    vi.runAllTimers();
    button(1, 'star').focus();
    expect(marked()).toEqual([false, true]);
  });

  it('keeps the entry while the keyboard help has the focus it gives back, not once the focus goes elsewhere', () => {
    const help = document.createElement('div');
    help.setAttribute(HELP_ATTRIBUTE, '');
    const panel = document.createElement('div');
    panel.tabIndex = -1;
    help.attachShadow({ mode: 'open' }).append(panel);
    document.body.append(help);
    button(0, 'dismiss').focus();
    panel.focus(); // ? pressed
    expect(marked()).toEqual([true, false]);
    button(0, 'dismiss').focus(); // Esc: the focus back
    expect(marked()).toEqual([true, false]);
    panel.focus();
    panel.blur(); // the help closed by a click elsewhere
    expect(marked()).toEqual([false, false]);
  });

  it('waits for the last release when the pointer is pressed again meanwhile', () => {
    button(0, 'dismiss').focus();
    pointer('pointerdown');
    button(1, 'dismiss').focus();
    pointer('pointerup');
    pointer('pointerdown');
    vi.runAllTimers();
    expect(marked()).toEqual([true, true]);
    pointer('pointerup');
    vi.runAllTimers();
    expect(marked()).toEqual([false, true]);
  });

  it('keeps the mark of an entry whose own buttons the pointer moves between', () => {
    button(0, 'star').focus();
    pointer('pointerdown');
    button(0, 'dismiss').focus();
    pointer('pointerup');
    vi.runAllTimers();
    expect(marked()).toEqual([true, false]);
  });

  it("marks every entry of the focused one's paper: a copy listed above (a cross-list) hidden as dismissed would move it", () => {
    ({ entries, button } = page(['a', 'b', 'a']));
    button(2, 'dismiss').focus();
    expect(marked()).toEqual([true, false, true]);
    button(1, 'star').focus();
    expect(marked()).toEqual([false, true, false]);
  });

  it('clears the mark on release when the pointer took the focus to nothing of ours (a click in the margin)', () => {
    button(1, 'dismiss').focus();
    pointer('pointerdown');
    button(1, 'dismiss').blur();
    expect(marked()).toEqual([false, true]);
    pointer('pointerup');
    vi.runAllTimers();
    expect(marked()).toEqual([false, false]);
  });
});
