// @vitest-environment jsdom
/**
 * Keyboard triage on the saved arXiv hep-th /new page (49 entries), annotated by a real
 * PageSession with the background's request path over fake-indexeddb. jsdom has no layout, so a
 * small fake one is installed: entry i is 100 px tall (a 20 px <dt>, an 80 px <dd>) and starts
 * at 100 + 100·i px; scrollIntoView({ block: 'nearest' }) moves a fake scrollY.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { arxivAdapter } from '../../content-scripts/adapters/arxiv';
import { actionForKey, isTypingTarget, KeyboardTriage, CURRENT_ATTRIBUTE, type KeyPress } from '../../content-scripts/keyboard-triage';
import { safeHttpUrl as openableUrl } from '../../src/core/text';
import { RELEVANT_ATTRIBUTE, type AnnotatedEntry } from '../../content-scripts/page-annotator';
import { PageSession } from '../../content-scripts/page-session';
import { FocusedEntry } from '../../content-scripts/focused-entry';
import { DEFAULT_KEYBOARD, type KeyboardSettings } from '../../src/keyboard-settings';
import { HIDE_DISMISSED_ATTRIBUTE } from '../../src/display-settings';
import { HELP_ATTRIBUTE, NOTICE_ATTRIBUTE, PAGE_CSS } from '../../content-scripts/ui/styles';
import type { Request } from '../../src/messages';
import type { Messenger } from '../../src/messenger';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { getStates, setFlag } from '../../src/store/papers';
import { ARXIV_PAGES } from '../../scripts/lib/demo-pages';
import { PAGES_DIR, requireShared } from '../../scripts/lib/shared';
import { backgroundMessenger } from '../support/papers';

const PAGE = ARXIV_PAGES.hepThNew;
/** What "hide papers I dismissed" hides: the selector of the page style's rule (jsdom applies no display: none). */
const HIDDEN_BY_PAGE_STYLE = new RegExp(`^(\\[${HIDE_DISMISSED_ATTRIBUTE}\\][^{]*)\\{ display: none`, 'm').exec(PAGE_CSS)![1]!.trim();
const available = requireShared('the keyboard triage unit test', `fixtures/pages/${PAGE.file}`);

describe('key mapping (pure)', () => {
  const keys = DEFAULT_KEYBOARD.keys;
  const press = (key: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean; isComposing: boolean }> = {}) =>
    actionForKey({ key, ctrlKey: false, altKey: false, metaKey: false, ...mods }, keys);

  it('maps each key to its action, case sensitive, Shift allowed', () => {
    expect(['j', 'k', 'J', 'K', 's', 'r', 'x', 'z', 'o', 'p', 'A', 'H', '?'].map((k) => press(k))).toEqual(['next', 'prev', 'nextRelevant', 'prevRelevant', 'star', 'read', 'dismiss', 'undo', 'open', 'pdf', 'seenAll', 'showDismissed', 'help']);
    expect(press('S')).toBeNull();
    expect(press('a')).toBeNull();
    expect(press('Enter')).toBeNull();
  });

  it('Caps Lock is not Shift: with it on, J without Shift is j, and Shift still gives the capital’s action', () => {
    const capsLock = (key: string, shiftKey: boolean) =>
      actionForKey({ key, ctrlKey: false, altKey: false, metaKey: false, shiftKey, getModifierState: (name) => name === 'CapsLock' }, keys);
    expect(['J', 'K', 'S', 'R', 'X', 'Z'].map((k) => capsLock(k, false))).toEqual(['next', 'prev', 'star', 'read', 'dismiss', 'undo']);
    expect(capsLock('J', true)).toBe('nextRelevant'); // Caps Lock and Shift where the platform gives a capital (macOS)
    // … and where it gives a small letter (Windows, Linux: Shift undoes Caps Lock): the capitals' actions stay reachable.
    expect(['j', 'k', 'a', 'h'].map((k) => capsLock(k, true))).toEqual(['nextRelevant', 'prevRelevant', 'seenAll', 'showDismissed']);
    expect(['j', 's'].map((k) => capsLock(k, false))).toEqual(['next', 'star']); // a small letter without Shift (a layout that ignores Caps Lock)
    expect(capsLock('?', false)).toBe('help');
    expect(capsLock('?', true)).toBe('help');
  });

  it('takes no key with Ctrl, Alt or Meta, nor while an IME composes', () => {
    for (const mod of ['ctrlKey', 'altKey', 'metaKey', 'isComposing'] as const) expect(press('j', { [mod]: true })).toBeNull();
  });

  it('takes a character typed with AltGr or Option, which the options page lets the user choose', () => {
    const custom = { ...keys, star: '@', read: 'π', help: '2' };
    const altGr = (key: string, mods: Partial<KeyPress> = {}) =>
      actionForKey({ key, ctrlKey: true, altKey: true, metaKey: false, getModifierState: (name) => name === 'AltGraph', ...mods }, custom);
    expect(altGr('@')).toBe('star'); // AltGr+q on a German layout in Windows: Ctrl+Alt with AltGraph
    expect(actionForKey({ key: 'π', ctrlKey: false, altKey: true, metaKey: false }, custom)).toBe('read'); // Option+p on macOS
    expect(actionForKey({ key: '@', ctrlKey: false, altKey: false, metaKey: false, getModifierState: (name) => name === 'AltGraph' }, custom)).toBe('star'); // Linux
    // Ctrl+Alt is not AltGr without the AltGraph modifier; Meta is never typing.
    expect(actionForKey({ key: '@', ctrlKey: true, altKey: true, metaKey: false }, custom)).toBeNull();
    expect(altGr('@', { metaKey: true })).toBeNull();
    // Alt (or AltGr) with a letter or digit is a menu's, a page's access key or the browser's.
    expect(altGr('2')).toBeNull();
    expect(actionForKey({ key: '2', ctrlKey: false, altKey: true, metaKey: false }, custom)).toBeNull();
    expect(actionForKey({ key: 'j', ctrlKey: false, altKey: true, metaKey: false, getModifierState: (name) => name === 'AltGraph' }, custom)).toBeNull();
  });

  it('on a non-Latin layout, a letter acts as the Latin letter of its physical key, unless a key is set to it', () => {
    const typed = (key: string, code: string, mods: Partial<KeyPress> = {}) => actionForKey({ key, code, ctrlKey: false, altKey: false, metaKey: false, ...mods }, keys);
    // Russian: the J key types "о", Shift+J "О", the S key "ы"; Greek: the X key "χ"; Hebrew: the J key "ח".
    expect([typed('о', 'KeyJ'), typed('О', 'KeyJ', { shiftKey: true }), typed('ы', 'KeyS'), typed('χ', 'KeyX'), typed('ח', 'KeyJ'), typed('ח', 'KeyJ', { shiftKey: true })]).toEqual(['next', 'nextRelevant', 'star', 'dismiss', 'next', 'nextRelevant']);
    expect(typed('О', 'KeyJ', { shiftKey: false, getModifierState: (name) => name === 'CapsLock' })).toBe('next'); // Caps Lock is not Shift here either
    // A key set in the user's own script is theirs; the physical key's Latin letter then does nothing more.
    expect(actionForKey({ key: 'ы', code: 'KeyS', ctrlKey: false, altKey: false, metaKey: false }, { ...keys, star: 'ы' })).toBe('star');
    // Latin layouts type what they type (AZERTY's A key is "KeyQ"; Turkish "ı" is a letter of its own), and Alt or Option
    // typing a letter of another script ("π", Option+p on macOS) is not that letter's key.
    expect([typed('a', 'KeyQ'), typed('ı', 'KeyI'), typed('π', 'KeyP', { altKey: true }), typed('π', 'KeyP', { ctrlKey: true, altKey: true, getModifierState: (name) => name === 'AltGraph' })]).toEqual([null, null, null, null]);
    expect(typed('5', 'Digit5')).toBeNull();
  });

  it('custom keys replace the defaults', () => {
    const custom = { ...keys, next: 'n', star: 'S' };
    expect(actionForKey({ key: 'n', ctrlKey: false, altKey: false, metaKey: false }, custom)).toBe('next');
    expect(actionForKey({ key: 'j', ctrlKey: false, altKey: false, metaKey: false }, custom)).toBeNull();
    expect(actionForKey({ key: 'S', ctrlKey: false, altKey: false, metaKey: false }, custom)).toBe('star');
  });

  it('knows where the user types, through shadow roots', () => {
    const el = (html: string) => {
      const t = document.createElement('template');
      t.innerHTML = html; // test markup only
      return t.content.firstElementChild!;
    };
    for (const typing of ['<input>', '<input type="search">', '<textarea></textarea>', '<select></select>', '<div contenteditable></div>', '<div contenteditable="plaintext-only"></div>', '<div role="textbox"></div>']) {
      expect(isTypingTarget([el(typing)]), typing).toBe(true);
    }
    for (const not of ['<button></button>', '<input type="checkbox">', '<a href="#">x</a>', '<div contenteditable="false"></div>']) {
      expect(isTypingTarget([el(not)]), not).toBe(false);
    }
    // A span inside an editable region: an ancestor on the path decides.
    const editor = el('<div contenteditable="true"><b>x</b></div>');
    expect(isTypingTarget([editor.firstElementChild!, editor, document])).toBe(true);
  });

  it('opens only http(s) addresses', () => {
    expect(openableUrl('https://arxiv.org/abs/2408.03941', 'https://arxiv.org/list/hep-th/new')).toBe('https://arxiv.org/abs/2408.03941');
    expect(openableUrl('/abs/2408.03941', 'https://arxiv.org/list/hep-th/new')).toBe('https://arxiv.org/abs/2408.03941');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'ftp://x/y', 'https://arxiv.org@evil.example/abs/1', '', null]) expect(openableUrl(bad, 'https://arxiv.org/')).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------

let db: PaperDb;
let counter = 0;
let sent: Request[];
/** markSeen fails (the background could not store it). */
let failSeen = false;
/** Undos refused as by a full disk. */
let failRestore = false;
let session: PageSession;
let triage: KeyboardTriage;
let navigated: string[];
let scrollY: number;
let scrolls: Element[];
/** Each element's box in the page (`fixed`: in the viewport, as position: fixed puts it). */
const layout = new Map<Element, { top: number; height: number; fixed?: boolean }>();
/** The box a help panel has from the moment it is made (null: none until a test sets one). */
let helpBox: { top: number; height: number; fixed: true } | null = null;
const restore: Array<() => void> = [];
/** The closed shadow roots a test made, as the extension's API would give them. */
const closedRoots = new WeakMap<Element, ShadowRoot>();

function loadSavedPage(): void {
  const html = readFileSync(path.join(PAGES_DIR, PAGE.file), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.replaceChild(document.importNode(parsed.documentElement, true), document.documentElement);
}

/** Entry i's elements at 100 + 100·i px (its <dt> 20 px, its <dd> 80 px). */
function layOut(entries: readonly AnnotatedEntry[]): void {
  layout.clear();
  entries.forEach((entry, i) => {
    let top = 100 + 100 * i;
    for (const el of entry.elements) {
      const height = el.localName === 'dt' ? 20 : 80;
      layout.set(el, { top, height });
      top += height;
    }
  });
}

function installFakeLayout(): void {
  const rect = Element.prototype.getBoundingClientRect;
  Element.prototype.getBoundingClientRect = function (this: Element) {
    // What the page style hides (display: none) has an empty box, as in a browser.
    if (this.matches(HIDDEN_BY_PAGE_STYLE)) return new DOMRect(0, 0, 0, 0);
    const box = layout.get(this) ?? (helpBox && this.hasAttribute(HELP_ATTRIBUTE) ? helpBox : { top: 0, height: 0 });
    return new DOMRect(0, box.fixed ? box.top : box.top - scrollY, 600, box.height);
  };
  // checkVisibility as a browser answers it under the page style (jsdom has none).
  Object.defineProperty(Element.prototype, 'checkVisibility', {
    configurable: true,
    writable: true,
    value(this: Element) {
      for (let el: Element | null = this; el; el = el.parentElement) if (el.matches(HIDDEN_BY_PAGE_STYLE)) return false;
      return true;
    },
  });
  Object.defineProperty(Element.prototype, 'scrollIntoView', {
    configurable: true,
    writable: true,
    value(this: Element) {
      scrolls.push(this);
      const { top, bottom } = this.getBoundingClientRect();
      if (top < 0) scrollY += top;
      else if (bottom > innerHeight) scrollY += bottom - innerHeight;
    },
  });
  const scrollBy = window.scrollBy;
  window.scrollBy = ((options: ScrollToOptions) => void (scrollY += options.top ?? 0)) as typeof window.scrollBy;
  restore.push(() => {
    Element.prototype.getBoundingClientRect = rect;
    delete (Element.prototype as Partial<Element>).scrollIntoView;
    window.scrollBy = scrollBy;
    delete (Element.prototype as Partial<Element> & { checkVisibility?: unknown }).checkVisibility;
  });
}

async function startSession({ privateWindow = false } = {}): Promise<PageSession> {
  const base = backgroundMessenger(db);
  const messenger: Messenger = {
    send: (request) => {
      sent.push(structuredClone(request));
      if (failSeen && request.type === 'markSeen') return Promise.reject(new Error('the disk is full'));
      if (failRestore && request.type === 'restoreMarks') return Promise.reject(new Error('the disk is full'));
      return base.send(request);
    },
  };
  const s = new PageSession(arxivAdapter, document, new URL(PAGE.url), messenger, { trackSeen: false, privateWindow });
  await s.start();
  layOut(s.annotator.entriesInPageOrder());
  return s;
}

/** The focused element, inside shadow roots. */
function focused(): Element {
  let el = document.activeElement ?? document.body;
  while (el.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** A keydown as the browser sends it: to the focused element, composed, cancelable. */
function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = focused()): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

const entries = () => session.annotator.entriesInPageOrder();
const indexOfCurrent = () => entries().findIndex((e) => e.id === triage.currentId);
const flagsSent = () => sent.filter((r) => r.type === 'setFlag').map((r) => r.type === 'setFlag' && [r.id, r.flag, r.value]);
const button = (entry: AnnotatedEntry, action: string) => entry.host.shadowRoot!.querySelector<HTMLButtonElement>(`[data-paper-radar-action="${action}"]`)!;
const outlined = () => [...document.querySelectorAll(`[${CURRENT_ATTRIBUTE}]`)];
const helpHost = () => document.querySelector(`[${HELP_ATTRIBUTE}]`);
const configure = (settings: Partial<KeyboardSettings>) => triage.configure({ ...structuredClone(DEFAULT_KEYBOARD), ...settings });

describe.skipIf(!available)('keyboard triage on the saved hep-th /new page', () => {
  beforeEach(async () => {
    db = await openPaperDb(`triage-${++counter}`);
    sent = [];
    failSeen = false;
    failRestore = false;
    navigated = [];
    scrollY = 0;
    scrolls = [];
    helpBox = null;
    loadSavedPage();
    installFakeLayout();
    session = await startSession();
    triage = new KeyboardTriage(document, () => session.annotator, { navigate: (url) => navigated.push(url), closedShadowRoot: (host) => closedRoots.get(host) ?? null });
    configure({});
  });
  afterEach(() => {
    triage.destroy();
    session.destroy();
    db.close();
    for (const undo of restore.splice(0)) undo();
  });

  it('j starts at the first entry at or below the top of the viewport, then j / k move one by one', () => {
    expect(entries()).toHaveLength(49);
    scrollY = 1050; // entry 10 starts at 1000 (cut off), entry 11 at 1100
    expect(press('j').defaultPrevented).toBe(true);
    expect(indexOfCurrent()).toBe(10);
    const first = entries()[10]!;
    expect(first.elements.every((el) => el.hasAttribute(CURRENT_ATTRIBUTE))).toBe(true);
    expect(focused()).toBe(button(first, 'star'));

    press('j');
    expect(indexOfCurrent()).toBe(11);
    expect(outlined()).toEqual([...entries()[11]!.elements]); // the outline moved, none left behind
    expect(focused()).toBe(button(entries()[11]!, 'star'));
    expect(scrolls).toEqual([]); // visible already: no scrolling

    press('k');
    press('k');
    expect(indexOfCurrent()).toBe(9);
    // Entry 9 (1000–1100) is cut off at the top: scrolled to the nearest edge.
    expect(scrolls.length).toBeGreaterThan(0);
    expect(scrollY).toBe(1000);
  });

  it('J / K jump between the entries highlighted as relevant, from the current one or from the viewport', () => {
    // What PageAnnotator marks on a relevant entry's own elements once its badge is high.
    const relevant = [3, 17, 30];
    for (const i of relevant) for (const el of entries()[i]!.elements) el.setAttribute(RELEVANT_ATTRIBUTE, '');
    press('J');
    expect(indexOfCurrent()).toBe(3);
    expect(focused()).toBe(button(entries()[3]!, 'star'));
    press('J');
    expect(indexOfCurrent()).toBe(17);
    press('j'); // one by one in between
    expect(indexOfCurrent()).toBe(18);
    press('J');
    expect(indexOfCurrent()).toBe(30);
    press('J'); // the last relevant one: it stays
    expect(indexOfCurrent()).toBe(30);
    press('K');
    press('K');
    expect(indexOfCurrent()).toBe(3);
    // Scrolled away: K takes the last relevant entry ending above the viewport's bottom.
    scrollY = 2500; // entries 25–31 on screen
    press('K');
    expect(indexOfCurrent()).toBe(30);
    // With none relevant, J moves nowhere.
    for (const i of relevant) for (const el of entries()[i]!.elements) el.removeAttribute(RELEVANT_ATTRIBUTE);
    press('J');
    expect(indexOfCurrent()).toBe(30);
  });

  it('scrolls only when the next entry is out of view, and stops at the ends', () => {
    press('j'); // entry 0 at 100
    for (let i = 0; i < 5; i++) press('j');
    expect(indexOfCurrent()).toBe(5);
    expect(scrolls).toEqual([]);
    // Entries 6 (700–800) crosses the bottom edge (768): scrolled so its bottom shows.
    press('j');
    expect(indexOfCurrent()).toBe(6);
    expect(scrollY).toBe(800 - innerHeight);
    // k at the first entry stays there.
    for (let i = 0; i < 10; i++) press('k');
    expect(indexOfCurrent()).toBe(0);
    expect(scrollY).toBe(800 - innerHeight); // entry 0 (100–200) is in view: no scroll
    for (let i = 0; i < 60; i++) press('j');
    expect(indexOfCurrent()).toBe(48);
  });

  it('the first k takes the last entry ending above the bottom of the viewport', () => {
    scrollY = 400; // visible 400–1168: entry 9 ends at 1100, entry 10 at 1200
    press('k');
    expect(indexOfCurrent()).toBe(9);
  });

  it('j after scrolling away starts again from what is on screen', () => {
    press('j');
    expect(indexOfCurrent()).toBe(0);
    scrollY = 3000;
    press('j');
    expect(indexOfCurrent()).toBe(29); // 29 starts at 3000
  });

  it('s / r / x send the same setFlag a click sends, and toggle back', async () => {
    press('j');
    press('j');
    const entry = entries()[1]!;
    press('s');
    expect(flagsSent()).toEqual([[entry.id, 'starred', true]]);
    expect(button(entry, 'star').getAttribute('aria-pressed')).toBe('true');
    await vi.waitFor(async () => expect((await getStates(db, [entry.id]))[entry.id]?.starred).toBe(true), { timeout: 5_000 });
    press('r');
    press('x');
    expect(flagsSent().slice(1)).toEqual([
      [entry.id, 'read', true],
      [entry.id, 'dismissed', true],
    ]);
    // Dismissing unstars (src/core/paper.ts withFlag), on the page as in the database.
    await vi.waitFor(async () => expect((await getStates(db, [entry.id]))[entry.id]).toMatchObject({ starred: false, read: true, dismissed: true }), { timeout: 5_000 });
    expect(button(entry, 'star').getAttribute('aria-pressed')).toBe('false');
    expect(button(entry, 'dismiss').getAttribute('aria-pressed')).toBe('true');
    press('x');
    expect(flagsSent().at(-1)).toEqual([entry.id, 'dismissed', false]);
    // The same as clicking the button: a click goes the same way.
    button(entry, 'read').click();
    expect(flagsSent().at(-1)).toEqual([entry.id, 'read', false]);
    // A held key does not flip the star back and forth.
    press('s', { repeat: true });
    expect(flagsSent().at(-1)).toEqual([entry.id, 'read', false]);
  });

  it('a clicked button takes the focus (macOS Firefox and Safari give it none): the keys then act on the entry clicked', async () => {
    press('j');
    const second = entries()[1]!;
    button(second, 'star').click(); // jsdom's click, like those browsers', focuses nothing
    expect(second.host.shadowRoot!.activeElement).toBe(button(second, 'star'));
    expect(triage.currentId).toBe(second.id);
    press('r');
    expect(flagsSent().at(-1)).toEqual([second.id, 'read', true]);
  });

  it('z whose write fails says it was not undone, not "Undone"', async () => {
    const notice = () => document.querySelector(`[${NOTICE_ATTRIBUTE}]`)?.shadowRoot?.querySelector('[role="status"]')?.textContent;
    press('j');
    const first = entries()[0]!;
    press('s');
    await vi.waitFor(async () => expect((await getStates(db, [first.id]))[first.id]?.starred).toBe(true), { timeout: 5_000 });
    failRestore = true;
    press('z');
    await vi.waitFor(() => expect(notice()).toMatch(/^Not undone: “.+” could not be saved\.$/), { timeout: 5_000 });
    expect(button(first, 'star').getAttribute('aria-pressed')).toBe('true');
  });

  it('z takes back the newest star, read or dismissal made on the page, by key or click, marks and dates as they were, and goes to its entry', async () => {
    const notice = () => document.querySelector(`[${NOTICE_ATTRIBUTE}]`)?.shadowRoot?.querySelector('[role="status"]')?.textContent;
    const stored = async (id: string) => (await getStates(db, [id]))[id];
    const restored = () => sent.filter((r) => r.type === 'restoreMarks').map((r) => r.type === 'restoreMarks' && r.marks);
    press('j');
    press('j');
    const second = entries()[1]!;
    press('s'); // a paper starred earlier…
    await vi.waitFor(async () => expect((await stored(second.id))?.starred).toBe(true), { timeout: 5_000 });
    const starredAt = (await stored(second.id))!.starredAt!;
    await new Promise((resolve) => setTimeout(resolve, 5)); // so that "now" is not the star's time
    press('x'); // …dismissed by mistake (dismissing unstars)
    for (let i = 0; i < 3; i++) press('j');
    const fifth = entries()[4]!;
    press('s');
    const eighth = entries()[7]!;
    button(eighth, 'read').click(); // a click counts too
    await vi.waitFor(async () => expect((await stored(eighth.id))?.read).toBe(true), { timeout: 5_000 });
    expect(await stored(second.id)).toMatchObject({ starred: false, dismissed: true });

    press('z');
    await vi.waitFor(() => expect(restored()).toHaveLength(1), { timeout: 5_000 });
    expect(restored()[0]).toEqual({ [eighth.id]: { starred: false, starredAt: null, read: false, readAt: null, dismissed: false } });
    expect(triage.currentId).toBe(eighth.id);
    press('z');
    expect(triage.currentId).toBe(fifth.id);
    expect(notice()).toMatch(/^Undone: Starred: “.+”\.$/);
    // …three entries back: z goes there, takes the dismissal back, and the star button has the focus.
    press('z');
    expect(triage.currentId).toBe(second.id);
    expect(focused()).toBe(button(second, 'star'));
    expect(notice()).toMatch(/^Undone: Dismissed and unstarred: “.+”\.$/);
    // The star comes back with the dismissal gone, from its own date: on the page and in the database.
    await vi.waitFor(async () => expect(await stored(second.id)).toMatchObject({ starred: true, starredAt, dismissed: false }), { timeout: 5_000 });
    await vi.waitFor(() => expect(button(second, 'star').getAttribute('aria-pressed')).toBe('true'), { timeout: 5_000 });
    expect(button(second, 'dismiss').getAttribute('aria-pressed')).toBe('false');
    expect(await stored(fifth.id)).toMatchObject({ starred: false, starredAt: null });
    expect(await stored(eighth.id)).toMatchObject({ read: false });
    // The fourth takes back the star itself; the fifth has nothing left.
    press('z');
    await vi.waitFor(async () => expect(await stored(second.id)).toMatchObject({ starred: false, dismissed: false }), { timeout: 5_000 });
    const sentBefore = sent.length;
    press('z');
    expect(sent).toHaveLength(sentBefore);
    expect(notice()).toBe('Nothing to undo on this page.');
    expect(sent.filter((r) => r.type === 'setFlag' && !r.value)).toEqual([]); // undone by restoring marks, never by a second click
  });

  it('z on a dismissal while dismissed papers are hidden: the entry is shown again before it takes the focus', async () => {
    document.documentElement.setAttribute(HIDE_DISMISSED_ATTRIBUTE, '');
    restore.push(() => document.documentElement.removeAttribute(HIDE_DISMISSED_ATTRIBUTE));
    const hidden = (entry: AnnotatedEntry) => entry.elements.some((el) => el.matches(HIDDEN_BY_PAGE_STYLE));
    // jsdom has no layout, so it would focus a hidden button: what the page shows is checked as the focus moves.
    const hiddenWhenFocused = (entry: AnnotatedEntry) => {
      const star = button(entry, 'star');
      const seen: boolean[] = [];
      const focus = star.focus.bind(star);
      star.focus = (options) => {
        seen.push(hidden(entry));
        focus(options);
      };
      return seen;
    };
    press('j');
    const first = entries()[0]!;
    press('x');
    await vi.waitFor(() => expect(first.host.hasAttribute('data-paper-radar-pending')).toBe(false), { timeout: 5_000 }); // answered
    press('j');
    expect(hidden(first)).toBe(true);
    const seenFirst = hiddenWhenFocused(first);
    press('z');
    expect(seenFirst).toEqual([false]);
    expect(triage.currentId).toBe(first.id);
    expect(focused()).toBe(button(first, 'star'));

    // z right after x, before the dismissal is answered: the focus goes there once it is taken back.
    press('j');
    const second = entries()[1]!;
    press('x');
    press('j');
    expect(hidden(second)).toBe(true);
    const seenSecond = hiddenWhenFocused(second);
    press('z');
    await vi.waitFor(() => expect(seenSecond.at(-1)).toBe(false), { timeout: 5_000 });
    expect(triage.currentId).toBe(second.id);
    expect(focused()).toBe(button(second, 'star'));
    await vi.waitFor(async () => expect((await getStates(db, [second.id]))[second.id]).toMatchObject({ dismissed: false }), { timeout: 5_000 });
  });

  it('z takes back only the mark it made: a read mark given in the popup since stays', async () => {
    const stored = async (id: string) => (await getStates(db, [id]))[id];
    press('j');
    const first = entries()[0]!;
    press('s');
    await vi.waitFor(async () => expect((await stored(first.id))?.starred).toBe(true), { timeout: 5_000 });
    await backgroundMessenger(db).send({ type: 'markPapers', ids: [first.id], flag: 'read', value: true }); // the popup's "Mark these N"
    press('z');
    await vi.waitFor(async () => expect(await stored(first.id)).toMatchObject({ starred: false, starredAt: null }), { timeout: 5_000 });
    expect(await stored(first.id)).toMatchObject({ read: true });
  });

  it('z does not take back a star when the paper was dismissed elsewhere since, and says so', async () => {
    const stored = async (id: string) => (await getStates(db, [id]))[id];
    const notice = () => document.querySelector(`[${NOTICE_ATTRIBUTE}]`)?.shadowRoot?.querySelector('[role="status"]')?.textContent;
    press('j');
    const first = entries()[0]!;
    press('s');
    await vi.waitFor(async () => expect((await stored(first.id))?.starred).toBe(true), { timeout: 5_000 });
    await setFlag(db, { id: first.id, flag: 'dismissed', value: true }, Date.now()); // in the popup
    press('z');
    await vi.waitFor(() => expect(notice()).toMatch(/^Not undone: “.+” was marked again since/), { timeout: 5_000 });
    expect(await stored(first.id)).toMatchObject({ starred: false, dismissed: true });
    expect(button(first, 'dismiss').getAttribute('aria-pressed')).toBe('true');
    expect(button(first, 'star').getAttribute('aria-pressed')).toBe('false');
  });

  it('z does not take back a star taken back and given again elsewhere since (a newer decision), and says so', async () => {
    const stored = async (id: string) => (await getStates(db, [id]))[id];
    const notice = () => document.querySelector(`[${NOTICE_ATTRIBUTE}]`)?.shadowRoot?.querySelector('[role="status"]')?.textContent;
    press('j');
    const first = entries()[0]!;
    press('s');
    await vi.waitFor(async () => expect((await stored(first.id))?.starred).toBe(true), { timeout: 5_000 });
    const now = Date.now();
    await setFlag(db, { id: first.id, flag: 'starred', value: false }, now + 1_000); // in the popup
    await setFlag(db, { id: first.id, flag: 'starred', value: true }, now + 2_000);
    press('z');
    await vi.waitFor(() => expect(notice()).toMatch(/^Not undone: “.+” was marked again since/), { timeout: 5_000 });
    expect(await stored(first.id)).toMatchObject({ starred: true, starredAt: now + 2_000 });
    expect(button(first, 'star').getAttribute('aria-pressed')).toBe('true');
  });

  /** The first entry made current, dismissed while dismissed papers are hidden, and hidden once the focus leaves it. */
  const dismissFirstAndHideIt = async () => {
    // As main.ts runs it, for the document's life: this test's only (it keeps no other test's entries in view).
    let active = true;
    new FocusedEntry(document, () => (active ? session.annotator : null));
    restore.push(() => void (active = false));
    document.documentElement.setAttribute(HIDE_DISMISSED_ATTRIBUTE, '');
    restore.push(() => document.documentElement.removeAttribute(HIDE_DISMISSED_ATTRIBUTE));
    press('j');
    const first = entries()[0]!;
    press('x');
    await vi.waitFor(() => expect(first.host.hasAttribute('data-paper-radar-pending')).toBe(false), { timeout: 5_000 });
    expect(first.elements[0]!.checkVisibility()).toBe(true); // kept in view while its control has the focus
    button(first, 'star').blur(); // a click on the page's text: the focus leaves, the dismissed paper is hidden
    expect(first.elements[0]!.checkVisibility()).toBe(false);
    return first;
  };

  it('a key does not act on a current entry the page has hidden since (dismissed while dismissed papers are hidden): it picks a shown one', async () => {
    const first = await dismissFirstAndHideIt();
    press('r', {}, document.body);
    expect(flagsSent()).not.toContainEqual([first.id, 'read', true]);
    expect(triage.currentId).toBe(entries()[1]!.id);
  });

  it('j after scrolling away from a current entry the page has hidden since starts from what is on screen, not from it', async () => {
    await dismissFirstAndHideIt();
    scrollY = 3000;
    press('j', {}, document.body);
    expect(indexOfCurrent()).toBe(29); // 29 starts at 3000, as after any scroll
  });

  it('r and x say what they did in a status a screen reader reads (the focus stays on the star)', async () => {
    const notice = () => document.querySelector(`[${NOTICE_ATTRIBUTE}]`)?.shadowRoot?.querySelector('[role="status"]')?.textContent;
    press('j');
    const first = entries()[0]!;
    expect(focused()).toBe(button(first, 'star'));
    press('x');
    expect(notice()).toMatch(/^Dismissed: “.+”\.$/);
    await vi.waitFor(() => expect(first.host.hasAttribute('data-paper-radar-pending')).toBe(false), { timeout: 5_000 });
    press('r');
    expect(notice()).toMatch(/^Marked read: “.+”\.$/);
    press('r');
    expect(notice()).toMatch(/^Marked unread: “.+”\.$/);
    expect(focused()).toBe(button(first, 'star'));
  });

  it('x on a starred paper says the star went with the dismissal', async () => {
    const notice = () => document.querySelector(`[${NOTICE_ATTRIBUTE}]`)?.shadowRoot?.querySelector('[role="status"]')?.textContent;
    press('j');
    const first = entries()[0]!;
    press('s');
    await vi.waitFor(() => expect(first.host.hasAttribute('data-paper-radar-pending')).toBe(false), { timeout: 5_000 });
    press('x');
    expect(notice()).toMatch(/^Dismissed and unstarred: “.+”\.$/);
    expect(button(first, 'star').getAttribute('aria-pressed')).toBe('false');
  });

  it('a notice given while the help is open shows above it, not over its last rows', () => {
    press('j');
    press('?', { shiftKey: true });
    layout.set(helpHost()!, { top: 500, height: 200 });
    press('s');
    const notice = document.querySelector<HTMLElement>(`[${NOTICE_ATTRIBUTE}]`)!;
    expect(notice.shadowRoot!.querySelector('[role="status"]')!.textContent).toMatch(/^Starred: /);
    expect(notice.style.insetBlockEnd).toBe(`${innerHeight - 500 + 8}px`);
  });

  it('with the help open, j scrolls the next entry above it, not under it', () => {
    press('?', { shiftKey: true });
    layout.set(helpHost()!, { top: 508, height: 200, fixed: true }); // 508–708 of a 768 px viewport
    for (let i = 0; i < 4; i++) press('j');
    expect(indexOfCurrent()).toBe(3); // 400–500: above the help (and its 8 px)
    expect(scrollY).toBe(0);
    press('j'); // 500–600: in the viewport, under the help
    expect(indexOfCurrent()).toBe(4);
    expect(scrollY).toBe(100);
    press('j'); // 600–700: under it again
    expect(scrollY).toBe(200);
    press('?', { shiftKey: true });
    press('j'); // help closed: 700–800 shows whole (500–600 in the viewport), no scroll
    expect(indexOfCurrent()).toBe(6);
    expect(scrollY).toBe(200);
  });

  it('opening the help scrolls the current entry above it, and lifts the notice of the last key above it', () => {
    for (let i = 0; i < 6; i++) press('j');
    expect(indexOfCurrent()).toBe(5); // 600–700 of a 768 px viewport
    expect(scrollY).toBe(0);
    press('s');
    const notice = document.querySelector<HTMLElement>(`[${NOTICE_ATTRIBUTE}]`)!;
    expect(notice.style.insetBlockEnd).toBe('');
    helpBox = { top: 508, height: 200, fixed: true };
    press('?', { shiftKey: true });
    expect(scrollY).toBe(200); // 400–500: above the help (and its 8 px)
    expect(notice.style.insetBlockEnd).toBe(`${innerHeight - 508 + 8}px`);
  });

  it('keys changed in the options page while the help has the focus: the help keeps it, and Escape gives it back', () => {
    press('j');
    const star = focused();
    press('?', { shiftKey: true });
    expect(focused()).toBe(helpHost()!.shadowRoot!.querySelector('[role="dialog"]'));
    configure({ keys: { ...DEFAULT_KEYBOARD.keys, next: 'n' } });
    expect(focused()).toBe(helpHost()!.shadowRoot!.querySelector('[role="dialog"]'));
    press('Escape');
    expect(helpHost()).toBeNull();
    expect(focused()).toBe(star);
  });

  it('the current entry drawn anew by the page (its outline gone with its old elements): a key outlines it again, and acts only when pressed again', async () => {
    press('j');
    press('j');
    const paper = triage.currentId;
    const old = entries()[1]!;
    for (const el of old.elements) {
      const fresh = el.cloneNode(true) as Element;
      fresh.querySelector('[data-paper-radar-id]')?.remove();
      for (const node of [fresh, ...fresh.querySelectorAll('*')]) for (const name of node.getAttributeNames()) if (name.startsWith('data-paper-radar')) node.removeAttribute(name);
      el.replaceWith(fresh);
    }
    await session.removed();
    layOut(entries());
    expect(outlined()).toEqual([]);
    press('s', {}, document.body);
    expect(flagsSent()).toEqual([]);
    expect(triage.currentId).toBe(paper);
    expect(outlined()).toEqual(entries()[1]!.elements);
    expect(focused()).toBe(button(entries()[1]!, 'star'));
    press('s');
    expect(flagsSent()).toEqual([[paper, 'starred', true]]);
  });

  it('s with no current entry only picks one', () => {
    press('s');
    expect(flagsSent()).toEqual([]);
    expect(indexOfCurrent()).toBe(0);
    press('s');
    expect(flagsSent()).toEqual([[entries()[0]!.id, 'starred', true]]);
  });

  it('ignores keys typed into the page’s search box, a field in a shadow root, and editable content', () => {
    press('j');
    const search = document.querySelector<HTMLInputElement>('input[name="query"]')!;
    search.focus();
    for (const key of ['s', 'j', 'r', 'x', '?']) expect(press(key).defaultPrevented).toBe(false);

    const widget = document.createElement('div');
    document.body.append(widget);
    const field = widget.attachShadow({ mode: 'open' }).appendChild(document.createElement('input'));
    field.focus();
    expect(focused()).toBe(field);
    for (const key of ['s', 'j']) expect(press(key).defaultPrevented).toBe(false);

    const editor = document.createElement('div');
    editor.setAttribute('contenteditable', 'true');
    editor.append(document.createElement('b'));
    document.body.append(editor);
    expect(press('s', {}, editor.firstElementChild!).defaultPrevented).toBe(false);

    // A field inside a closed shadow root: the key reaches the window from the host alone.
    const component = document.createElement('search-box');
    document.body.append(component);
    const closed = component.attachShadow({ mode: 'closed' });
    closedRoots.set(component, closed);
    const label = closed.appendChild(document.createElement('label'));
    const hidden = label.appendChild(document.createElement('input'));
    hidden.focus();
    expect(document.activeElement).toBe(component);
    for (const key of ['s', 'j']) expect(press(key, {}, hidden).defaultPrevented).toBe(false);

    expect(flagsSent()).toEqual([]);
    expect(indexOfCurrent()).toBe(0);
    expect(helpHost()).toBeNull();
  });

  it('ignores keys with Ctrl, Alt or Meta', () => {
    for (const mod of ['ctrlKey', 'altKey', 'metaKey'] as const) {
      expect(press('j', { [mod]: true }).defaultPrevented).toBe(false);
      expect(press('s', { [mod]: true }).defaultPrevented).toBe(false);
    }
    expect(triage.currentId).toBeNull();
    expect(flagsSent()).toEqual([]);
  });

  it('takes no key when turned off, and drops the outline and the help at once', () => {
    press('j');
    press('?');
    expect(helpHost()).not.toBeNull();
    configure({ enabled: false });
    expect(outlined()).toEqual([]);
    expect(helpHost()).toBeNull();
    for (const key of ['j', 's', '?']) expect(press(key, {}, document.body).defaultPrevented).toBe(false);
    expect(triage.currentId).toBeNull();
    expect(flagsSent()).toEqual([]);
    configure({ enabled: true });
    press('j', {}, document.body);
    expect(indexOfCurrent()).toBe(0);
  });

  it('custom keys work and the defaults then do nothing', () => {
    configure({ keys: { ...DEFAULT_KEYBOARD.keys, next: 'n', prev: 'p', star: 'S' } });
    expect(press('j').defaultPrevented).toBe(false);
    expect(triage.currentId).toBeNull();
    press('n');
    press('n');
    press('p');
    expect(indexOfCurrent()).toBe(0);
    press('s');
    expect(flagsSent()).toEqual([]);
    press('S', { shiftKey: true });
    expect(flagsSent()).toEqual([[entries()[0]!.id, 'starred', true]]);
  });

  it('? toggles a help overlay listing the keys (as text), Escape closes it and gives the focus back', () => {
    press('j');
    const star = focused();
    press('?', { shiftKey: true });
    const host = helpHost()!;
    expect(host).not.toBeNull();
    const panel = host.shadowRoot!.querySelector('[role="dialog"]')!;
    expect(panel.getAttribute('aria-labelledby')).toBe('paper-radar-help-title');
    const rows = [...panel.querySelectorAll('dt')].map((dt) => `${dt.textContent} ${dt.nextElementSibling!.textContent}`);
    expect(rows).toContain('j Next paper');
    expect(rows).toContain('? Show / hide this help');
    expect(rows).toContain('Esc Close this help');
    expect(focused()).toBe(panel);
    press('Escape');
    expect(helpHost()).toBeNull();
    expect(focused()).toBe(star);
    press('?');
    expect(helpHost()).not.toBeNull();
    press('?');
    expect(helpHost()).toBeNull();
    // The keys shown are the user's.
    configure({ keys: { ...DEFAULT_KEYBOARD.keys, help: 'h', next: '<' } });
    press('h');
    const text = helpHost()!.shadowRoot!.textContent!;
    expect(text).toContain('<Next paper');
    expect(helpHost()!.shadowRoot!.querySelector('dt kbd')!.textContent).toBe('<');
  });

  it('o opens the current paper’s abstract page in the tab, counting it as read', async () => {
    press('j');
    press('j');
    const entry = entries()[1]!;
    press('o');
    await vi.waitFor(() => expect(navigated).toEqual([`https://arxiv.org/abs/${entry.id.replace('arxiv:', '')}`]), { timeout: 5_000 });
    expect(flagsSent()).toEqual([[entry.id, 'read', true]]);
  });

  it('p opens the current paper’s PDF in the tab, counting it as read', async () => {
    press('j');
    const entry = entries()[0]!;
    press('p');
    await vi.waitFor(() => expect(navigated).toEqual([`https://arxiv.org/pdf/${entry.id.replace('arxiv:', '')}`]), { timeout: 5_000 });
    expect(flagsSent()).toEqual([[entry.id, 'read', true]]);
  });

  it('A marks every paper on the page as seen, stored at once, and says so; they are not new on the next visit', async () => {
    const ids = entries().map((e) => e.id);
    expect(ids).toHaveLength(49);
    expect(Object.values(await getStates(db, ids)).filter((s) => s.firstSeenAt !== null)).toHaveLength(0);
    press('A');
    const notice = () => document.querySelector(`[${NOTICE_ATTRIBUTE}]`)?.shadowRoot?.querySelector('[role="status"]')?.textContent;
    await vi.waitFor(() => expect(notice()).toBe('Marked 49 papers as seen: none will be new on your next visit.'), { timeout: 5_000 });
    const seen = sent.filter((r) => r.type === 'markSeen').flatMap((r) => (r.type === 'markSeen' ? r.papers.map((p) => p.id) : []));
    expect(seen.sort()).toEqual([...ids].sort());
    const states = await getStates(db, ids);
    expect(ids.every((id) => states[id]?.firstSeenAt != null)).toBe(true);
    // This visit keeps its "new" marks; a new visit has none.
    expect(entries().filter((e) => e.host.hasAttribute('data-paper-radar-new'))).toHaveLength(49);
    session.destroy();
    session = await startSession();
    expect(entries().filter((e) => e.host.hasAttribute('data-paper-radar-new'))).toHaveLength(0);
  });

  it('A says so when the papers could not be stored', async () => {
    failSeen = true;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    press('A');
    const notice = () => document.querySelector(`[${NOTICE_ATTRIBUTE}]`)?.shadowRoot?.querySelector('[role="status"]')?.textContent;
    await vi.waitFor(() => expect(notice()).toBe('Paper Radar could not mark the papers as seen. Try again in a moment.'), { timeout: 5_000 });
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('in a private window, A stores nothing and says why, and o opens the paper without marking it read', async () => {
    session.destroy();
    session = await startSession({ privateWindow: true });
    press('A');
    const notice = () => document.querySelector(`[${NOTICE_ATTRIBUTE}]`)?.shadowRoot?.querySelector('[role="status"]')?.textContent;
    await vi.waitFor(() => expect(notice()).toBe('This is a private window: Paper Radar keeps no record of the papers seen here.'), { timeout: 5_000 });
    press('j');
    const entry = entries()[0]!;
    press('o');
    await vi.waitFor(() => expect(navigated).toEqual([`https://arxiv.org/abs/${entry.id.replace('arxiv:', '')}`]), { timeout: 5_000 });
    expect(sent.filter((r) => r.type === 'markSeen' || r.type === 'setFlag')).toEqual([]);
  });

  it('a control focused by Tab or a click makes its entry the current one', () => {
    press('j');
    button(entries()[4]!, 'read').focus();
    expect(indexOfCurrent()).toBe(4);
    press('j');
    expect(indexOfCurrent()).toBe(5);
  });

  it('walks entries the page adds later (infinite scroll)', async () => {
    const last = entries().at(-1)!;
    const list = last.elements[0]!.parentElement!; // the last section's list (the page has one per section)
    // Two more entries: copies of the last one under new ids.
    for (const n of ['2408.99991', '2408.99992']) {
      const [dt, dd] = last.elements.map((el) => el.cloneNode(true) as Element);
      dt!.querySelector('[data-paper-radar-id]')?.remove();
      for (const a of dt!.querySelectorAll('a[href]')) a.setAttribute('href', a.getAttribute('href')!.replace(last.id.replace('arxiv:', ''), n));
      list.append(dt!, dd!);
    }
    expect(await session.entriesAdded()).toBe(2);
    layOut(entries());
    expect(entries()).toHaveLength(51);
    for (let i = 0; i < 60; i++) press('j');
    expect(triage.currentId).toBe('arxiv:2408.99992');
  });

  it('follows a client-side navigation: a new session, the old outline gone', async () => {
    press('j');
    press('j');
    const old = outlined();
    expect(old).toHaveLength(2);
    // What main.ts does: the old session goes, the page is replaced, a new session starts.
    session.destroy();
    triage.reset();
    expect(old.some((el) => el.hasAttribute(CURRENT_ATTRIBUTE))).toBe(false);
    loadSavedPage();
    session = await startSession();
    expect(triage.currentId).toBeNull();
    press('j', {}, document.body);
    expect(indexOfCurrent()).toBe(0);
    press('s');
    expect(flagsSent().at(-1)).toEqual([entries()[0]!.id, 'starred', true]);
  });

  it('takes no key on a page with nothing annotated', () => {
    session.destroy();
    expect(press('j', {}, document.body).defaultPrevented).toBe(false);
    expect(press('?', {}, document.body).defaultPrevented).toBe(false);
    expect(helpHost()).toBeNull();
  });

  it('never parses page text as HTML', () => {
    press('j');
    press('?');
    expect(helpHost()!.shadowRoot!.querySelector('img, script')).toBeNull();
  });
});
