// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { DisplaySettings, type DisplayApi } from '../../options/DisplaySettings';
import { DEFAULT_DISPLAY, parseDisplay, type DisplaySettings as Settings } from '../../src/display-settings';
import { DEFAULT_KEYBOARD, keyMapProblems, keyProblem, parseKeyboard, typedKey } from '../../src/keyboard-settings';
import { renderTarget } from '../support/render-target';

const container = renderTarget();

const defaults = (): Settings => structuredClone({ dimBelowThreshold: false, hideDismissed: false, keyboard: DEFAULT_KEYBOARD }) as Settings;

/**
 * storage.local's one key, as every options tab sees it: a save is heard by each watcher, after
 * it (as storage.onChanged is), each save in turn.
 */
function fakeStore(initial: Settings) {
  let stored = structuredClone(initial);
  const saved: Settings[] = [];
  const watchers = new Set<(s: Settings) => void>();
  const api: DisplayApi = {
    load: async () => structuredClone(stored),
    save: async (s) => {
      stored = structuredClone(s);
      saved.push(structuredClone(s));
      queueMicrotask(() => {
        for (const w of watchers) w(structuredClone(s));
      });
    },
    watch: (onChange) => {
      watchers.add(onChange);
      return () => watchers.delete(onChange);
    },
  };
  return { api, saved, stored: () => stored };
}

async function mount(initial: Settings, into = container) {
  const { api, saved } = fakeStore(initial);
  await act(async () => render(<DisplaySettings api={api} />, into));
  await act(async () => {});
  return saved;
}

function type(el: HTMLInputElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

const keyInput = (action: string) => container.querySelector<HTMLInputElement>(`[data-paper-radar-key="${action}"]`)!;
const problemOf = (action: string) => container.querySelector(`[data-paper-radar-key-problem="${action}"]`)?.textContent ?? null;


/** The settings in two options tabs over one store: this test's container, and `other`. */
async function twoTabs() {
  const store = fakeStore(defaults());
  const other = document.createElement('div');
  document.body.append(other);
  await act(async () => {
    render(<DisplaySettings api={store.api} />, container);
    render(<DisplaySettings api={store.api} />, other);
  });
  await act(async () => {});
  return { store, other };
}

describe('display settings', () => {
  it('parse what is stored, and fall back to the defaults on anything else', () => {
    expect(parseDisplay({ dimBelowThreshold: true })).toEqual({ dimBelowThreshold: true, hideDismissed: false, keyboard: DEFAULT_KEYBOARD });
    // Stored before hiding dismissed papers existed: off.
    expect(parseDisplay({ dimBelowThreshold: false, keyboard: DEFAULT_KEYBOARD }).hideDismissed).toBe(false);
    expect(parseDisplay({ hideDismissed: true }).hideDismissed).toBe(true);
    for (const junk of [undefined, null, 'x', 3, { dimBelowThreshold: 'yes' }, { hideDismissed: 1 }]) expect(parseDisplay(junk)).toEqual(DEFAULT_DISPLAY);
  });

  it.each([
    ['dim-below-threshold', 'dimBelowThreshold'],
    ['hide-dismissed', 'hideDismissed'],
  ] as const)('the options page checkbox %s saves at once', async (setting, field) => {
    const saved = await mount(defaults());
    const box = container.querySelector<HTMLInputElement>(`[data-paper-radar-setting="${setting}"]`)!;
    expect(box.checked).toBe(false);
    await act(async () => box.click());
    expect(saved).toEqual([{ ...defaults(), [field]: true }]);
  });

  it('changes made faster than storage reports them back are each kept (an older report does not undo a newer change)', async () => {
    // storage.onChanged as the browser delivers it: later than the save, here when the test says.
    let stored = defaults();
    const reports: Settings[] = [];
    let watcher: ((s: Settings) => void) | null = null;
    const api: DisplayApi = {
      load: async () => structuredClone(stored),
      save: async (s) => {
        stored = structuredClone(s);
        reports.push(structuredClone(s));
      },
      watch: (onChange) => {
        watcher = onChange;
        return () => (watcher = null);
      },
    };
    const report = () => act(async () => watcher!(reports.shift()!));
    await act(async () => render(<DisplaySettings api={api} />, container));
    await act(async () => {});
    const box = (setting: string) => container.querySelector<HTMLInputElement>(`[data-paper-radar-setting="${setting}"]`)!;
    await act(async () => box('dim-below-threshold').click());
    await act(async () => box('hide-dismissed').click());
    await report(); // the first change heard back, the second not yet
    expect(box('hide-dismissed').checked).toBe(true);
    await act(async () => box('keyboard-enabled').click());
    expect(stored).toMatchObject({ dimBelowThreshold: true, hideDismissed: true, keyboard: { enabled: false } });
    await report();
    await report();
    expect([box('dim-below-threshold').checked, box('hide-dismissed').checked, box('keyboard-enabled').checked]).toEqual([true, true, false]);
    // A change another tab makes is still shown.
    stored = { ...stored, dimBelowThreshold: false };
    await act(async () => watcher!(structuredClone(stored)));
    expect(box('dim-below-threshold').checked).toBe(false);
  });

  it('two options tabs: a change made in one is not undone by the next made in the other', async () => {
    const { store, other } = await twoTabs();
    const box = (tab: HTMLElement, setting: string) => tab.querySelector<HTMLInputElement>(`[data-paper-radar-setting="${setting}"]`)!;
    await act(async () => box(container, 'dim-below-threshold').click());
    expect(box(other, 'dim-below-threshold').checked).toBe(true);
    await act(async () => box(other, 'hide-dismissed').click());
    expect(store.stored()).toMatchObject({ dimBelowThreshold: true, hideDismissed: true });
    // A key half typed in one tab (a clash, not stored) stays as typed while the other tab saves.
    await act(async () => type(keyInput('star'), 'j'));
    await act(async () => box(other, 'dim-below-threshold').click());
    expect(keyInput('star').value).toBe('j');
    expect(container.querySelector('[data-paper-radar-keys-unsaved]')).not.toBeNull();
    expect(store.stored()).toMatchObject({ dimBelowThreshold: false, hideDismissed: true, keyboard: DEFAULT_KEYBOARD });
    render(null, other);
  });

  it('two options tabs: fixing a half-typed key in one does not undo a key changed in the other', async () => {
    const { store, other } = await twoTabs();
    const otherKey = (action: string) => other.querySelector<HTMLInputElement>(`[data-paper-radar-key="${action}"]`)!;
    // Half typed here (a clash, not stored); meanwhile the other tab changes another key.
    await act(async () => type(keyInput('star'), 'j'));
    await act(async () => type(otherKey('open'), 'O'));
    expect(store.stored().keyboard.keys).toEqual({ ...DEFAULT_KEYBOARD.keys, open: 'O' });
    expect(keyInput('star').value).toBe('j');
    expect(keyInput('open').value).toBe('O');
    // Fixed here: saved together with the other tab's key.
    await act(async () => type(keyInput('star'), 'S'));
    expect(store.stored().keyboard.keys).toEqual({ ...DEFAULT_KEYBOARD.keys, open: 'O', star: 'S' });
    expect(otherKey('star').value).toBe('S');
    // A key half typed here that the other tab then frees is valid, and saved as typed.
    await act(async () => type(keyInput('read'), 'J'));
    expect(problemOf('read')).toMatch(/also the key for next relevant paper/);
    await act(async () => type(otherKey('nextRelevant'), 'N'));
    expect(problemOf('read')).toBeNull();
    expect(container.querySelector('[data-paper-radar-keys-unsaved]')).toBeNull();
    expect(store.stored().keyboard.keys).toEqual({ ...DEFAULT_KEYBOARD.keys, open: 'O', star: 'S', nextRelevant: 'N', read: 'J' });
    await act(async () => {}); // the save made here reaches the other tab
    expect(otherKey('read').value).toBe('J');
    render(null, other);
  });
});

describe('keyboard settings', () => {
  it('a key is one printable character', () => {
    for (const ok of ['j', 'J', '?', '/', 'é', 'ж', '😀']) expect(keyProblem(ok)).toBeNull();
    expect(keyProblem('')).toMatch(/one key/i);
    expect(keyProblem('jk')).toMatch(/single character/);
    for (const blank of [' ', '\t', '\n', '\u00a0', '\u0007']) expect(keyProblem(blank)).toMatch(/visible/);
  });

  it('a key map must use each key once; a clash is reported on both actions', () => {
    expect(keyMapProblems(DEFAULT_KEYBOARD.keys)).toEqual({});
    const problems = keyMapProblems({ ...DEFAULT_KEYBOARD.keys, star: 'j' });
    expect(Object.keys(problems).sort()).toEqual(['next', 'star']);
    expect(problems.star).toMatch(/also the key for next paper/);
  });

  it('parses defensively: bad keys fall back one by one, a clash falls back to all defaults', () => {
    expect(parseKeyboard({ enabled: false, keys: { next: 'n', prev: 'q' } })).toEqual({
      enabled: false,
      keys: { ...DEFAULT_KEYBOARD.keys, next: 'n', prev: 'q' },
    });
    expect(parseKeyboard({ keys: { next: 'nn', star: 7, read: '' } })).toEqual(DEFAULT_KEYBOARD);
    // "k" for next clashes with prev's default: every key falls back, so no key does two things.
    expect(parseKeyboard({ enabled: true, keys: { ...DEFAULT_KEYBOARD.keys, next: 'k' } })).toEqual(DEFAULT_KEYBOARD);
    for (const junk of [undefined, null, 'x', [], { enabled: 'yes', keys: 'jk' }]) expect(parseKeyboard(junk)).toEqual(DEFAULT_KEYBOARD);
  });

  it('an action added since the keys were stored takes its default key, or a free one: the user keeps theirs', () => {
    // Stored before "Open the PDF" (p), the jumps between relevant papers (J, K), "Mark every
    // paper on the page as seen" (A) and showing the hidden dismissed papers (H) existed.
    const before = { next: 'j', prev: 'k', star: 's', read: 'r', dismiss: 'x', open: 'o', help: '?' };
    const added = { nextRelevant: 'J', prevRelevant: 'K', undo: 'z', pdf: 'p', seenAll: 'A', showDismissed: 'H' };
    expect(parseKeyboard({ enabled: true, keys: before }).keys).toEqual({ ...before, ...added });
    // The user had made p their key for "previous": theirs stays, the new action takes P.
    expect(parseKeyboard({ enabled: true, keys: { ...before, prev: 'p' } }).keys).toEqual({ ...before, ...added, prev: 'p', pdf: 'P' });
    expect(parseKeyboard({ enabled: true, keys: { ...before, prev: 'p', star: 'P' } }).keys).toEqual({ ...before, ...added, prev: 'p', star: 'P', pdf: 'a' });
    // J taken: the first free letter (a–z, in order; "j" and "k" are).
    expect(parseKeyboard({ enabled: true, keys: { ...before, star: 'J' } }).keys).toEqual({ ...before, ...added, star: 'J', nextRelevant: 'a' });
    // A taken (its upper case is itself): the first free letter too.
    expect(parseKeyboard({ enabled: true, keys: { ...before, star: 'A' } }).keys).toEqual({ ...before, ...added, star: 'A', seenAll: 'a' });
    // H taken: the first free letter.
    expect(parseKeyboard({ enabled: true, keys: { ...before, read: 'H' } }).keys).toEqual({ ...before, ...added, read: 'H', showDismissed: 'a' });
    // z taken (undo came later still): its upper case.
    expect(parseKeyboard({ enabled: true, keys: { ...before, star: 'z' } }).keys).toEqual({ ...before, ...added, star: 'z', undo: 'Z' });
  });

  it('the options page turns shortcuts off at once', async () => {
    const saved = await mount(defaults());
    const box = container.querySelector<HTMLInputElement>('[data-paper-radar-setting="keyboard-enabled"]')!;
    expect(box.checked).toBe(true);
    await act(async () => box.click());
    expect(saved.at(-1)!.keyboard).toEqual({ ...DEFAULT_KEYBOARD, enabled: false });
  });

  it('the options page saves a changed key, and refuses clashes and non-keys with a message', async () => {
    const saved = await mount(defaults());
    expect(KEYS_SHOWN()).toEqual(['j', 'k', 'J', 'K', 's', 'r', 'x', 'z', 'o', 'p', 'A', 'H', '?']);

    await act(async () => type(keyInput('next'), 'n'));
    expect(saved.at(-1)!.keyboard.keys.next).toBe('n');
    expect(problemOf('next')).toBeNull();

    // A clash: both fields say so, nothing is saved, and the inputs are marked invalid.
    const before = saved.length;
    await act(async () => type(keyInput('star'), 'n'));
    expect(problemOf('star')).toMatch(/“n” is also the key for next paper/);
    expect(problemOf('next')).toMatch(/“n” is also the key for star/);
    expect(keyInput('star').getAttribute('aria-invalid')).toBe('true');
    expect(keyInput('star').getAttribute('aria-describedby')).toContain('key-star-problem');
    expect(saved.length).toBe(before);

    // Two characters, then blank: refused.
    await act(async () => type(keyInput('star'), 'ss'));
    expect(problemOf('star')).toMatch(/single character/);
    await act(async () => type(keyInput('star'), ' '));
    expect(problemOf('star')).toMatch(/visible/);
    expect(saved.length).toBe(before);

    // Fixed: saved, messages gone.
    await act(async () => type(keyInput('star'), 'S'));
    expect(problemOf('star')).toBeNull();
    expect(problemOf('next')).toBeNull();
    expect(saved.at(-1)!.keyboard.keys).toEqual({ ...DEFAULT_KEYBOARD.keys, next: 'n', star: 'S' });

    // Restore the defaults.
    await act(async () => container.querySelector<HTMLButtonElement>('[data-paper-radar-setting="keyboard-defaults"]')!.click());
    expect(saved.at(-1)!.keyboard.keys).toEqual(DEFAULT_KEYBOARD.keys);
    expect(KEYS_SHOWN()).toEqual(['j', 'k', 'J', 'K', 's', 'r', 'x', 'z', 'o', 'p', 'A', 'H', '?']);
  });

  it('an input method: nothing is taken while it composes; a full-width letter it typed is saved as the key a page gets', async () => {
    const saved = await mount(defaults());
    const field = keyInput('star');
    await act(async () => {
      field.value = 'ｎ'; // composing: unfinished
      field.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true }));
    });
    expect(saved).toEqual([]);
    expect(problemOf('star')).toBeNull();
    await act(async () => void field.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: 'ｎ' })));
    expect(saved.at(-1)!.keyboard.keys.star).toBe('n');
    // Stored full-width by an earlier build: read as the key it stands for.
    expect(parseKeyboard({ keys: { ...DEFAULT_KEYBOARD.keys, star: 'ｓ', help: '？' } }).keys).toMatchObject({ star: 's', help: '?' });
    expect(typedKey('²')).toBe('²'); // a key of its own (French layouts), not "2"
  });

  it('says a key was not saved in a status region that was there before (a region added with its text is often not read out)', async () => {
    await mount(defaults());
    const region = container.querySelector('.keyboard-settings [role="status"]');
    expect(region?.textContent).toBe('');
    await act(async () => type(keyInput('star'), 'j'));
    expect(container.querySelector('.keyboard-settings [role="status"]')).toBe(region);
    expect(region!.textContent).toMatch(/not saved until/);
  });
});

const KEYS_SHOWN = () => [...container.querySelectorAll<HTMLInputElement>('[data-paper-radar-key]')].map((input) => input.value);
