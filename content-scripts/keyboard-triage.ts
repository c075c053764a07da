/**
 * Keyboard triage on listing pages: j / k walk the annotated entries (J / K only the relevant
 * ones, highlighted), s / r / x star, read and dismiss the current one, z takes the newest of
 * those back (also one made by mouse) and goes to its entry, o opens its abstract
 * page and p its PDF, A marks every paper on the page as seen, H shows or hides the dismissed
 * ones, ? shows the keys (all remappable in the options page, see src/keyboard-settings.ts).
 *
 * Decisions:
 * - The current entry gets data-paper-radar-current on its own elements (PAGE_CSS outlines it:
 *   no layout change) and its star button gets the focus. Focus, rather than aria-current, so a
 *   screen reader follows and says which paper (focus enters the control's group: "<title>,
 *   grouping, Star, toggle button, not pressed"), and Tab / Space / Enter carry on from there.
 *   Focusing a control by mouse or Tab makes its entry current too, so keys and clicks mix.
 * - s / r / x click the entry's own button: the very path a mouse click takes (optimistic
 *   display, the background write, revert on failure).
 * - o opens the abstract (p the PDF, where the page links one) in the same tab: no popup
 *   blocker can stop it (whether window.open from a key press counts as a user gesture differs
 *   between browsers), and Back returns to the listing. Opening counts as reading, as for a
 *   click on the link, and the read mark is written before the page goes.
 * - With no current entry, s / r / x / o / p only pick one (the one j would), so a key never
 *   acts on a paper the user has not seen outlined.
 * - A key is never taken from a field the user types in (inputs, textareas, selects,
 *   contenteditable, ARIA text widgets, also inside shadow roots: the composed path is checked,
 *   and what has the focus inside closed ones),
 *   with Ctrl / Meta or Alt and a letter or digit (see actionForKey), while an IME composes, when the page already handled it
 *   (defaultPrevented), or when nothing is annotated. Listening on the window, in the bubble
 *   phase, lets the page's own handlers go first.
 *
 * The entries come from the current PageSession's annotator through `source`, asked at each key:
 * entries a page adds later count at once, and a client-side navigation (a new session) needs
 * only reset().
 */
import { safeHttpUrl } from '../src/core/text';
import { KEY_ACTIONS, KEY_ACTION_LABELS, type KeyAction, type KeyboardSettings, type KeyMap } from '../src/keyboard-settings';
import type { PageView } from '../src/page-commands';
import { changeDone, type UndoneChange } from '../src/undo-words';
import { controlHostIn, RELEVANT_ATTRIBUTE, type AnnotatedEntry } from './page-annotator';
import { HELP_ATTRIBUTE, HELP_CSS, NOTICE_ATTRIBUTE } from './ui/styles';
import { actOnControl } from './ui/controls';
import { byUser } from './lib/user-events';

// ---------------------------------------------------------------------------------------------
// Pure: which action a key press asks for, and whether the user is typing

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  shiftKey?: boolean;
  /** The physical key ("KeyJ"), whatever the layout types with it. */
  code?: string;
  isComposing?: boolean;
  getModifierState?(key: string): boolean;
}

/**
 * The action of a key press, or null. Shift is allowed ("?" needs it); Meta, Ctrl and Alt with a
 * letter or digit are the browser's and the page's (menus, access keys, shortcuts). A character
 * that needs AltGr (Windows reports it as Ctrl+Alt, with the AltGraph modifier) or Option (macOS
 * reports Alt: Option+p is "π") counts as typed: the options page takes such keys ("@" on a
 * German layout), so they must work here.
 * Caps Lock is not Shift: with it on, "j" arrives as "J", which would move to the next relevant
 * entry instead of the next one (and "s", "r", "x" would do nothing). So with it on, a letter's
 * case is Shift's: the small letter without, the capital with, whichever the platform gives
 * (macOS gives "J" for Shift+j, Windows and Linux "j", as Shift undoes Caps Lock there).
 * A letter of a non-Latin layout (Russian, Greek, Hebrew…) that no key is set to, typed without
 * Alt or AltGr, acts as the Latin letter of the same physical key, in its case: the default keys
 * work without switching layouts, and a user who set keys in their own script keeps them.
 */
export function actionForKey(press: KeyPress, keys: Readonly<KeyMap>): KeyAction | null {
  if (press.metaKey || press.isComposing) return null;
  if (press.ctrlKey && press.getModifierState?.('AltGraph') !== true) return null;
  if ((press.ctrlKey || press.altKey) && /^[A-Za-z0-9]$/.test(press.key)) return null;
  const capsLocked = press.getModifierState?.('CapsLock') === true;
  const letter = [...press.key].length === 1 && press.key.toLowerCase() !== press.key.toUpperCase();
  const key = capsLocked && letter ? (press.shiftKey === true ? press.key.toUpperCase() : press.key.toLowerCase()) : press.key;
  const action = KEY_ACTIONS.find((a) => keys[a] === key);
  // Not with Alt or AltGr: those type other characters on purpose (Option+p is "π" on macOS).
  if (action || press.altKey || press.ctrlKey || !/^\p{L}$/u.test(key) || /\p{Script=Latin}/u.test(key) || !/^Key[A-Z]$/.test(press.code ?? '')) return action ?? null;
  // A script without case (Hebrew, Arabic…): Shift says which.
  const capital = letter ? key === key.toUpperCase() : press.shiftKey === true;
  const latin = capital ? press.code![3]! : press.code![3]!.toLowerCase();
  return KEY_ACTIONS.find((a) => keys[a] === latin) ?? null;
}

/** Gives an element's shadow root even when the page closed it (null when it has none). */
export type ShadowRootReader = (host: Element) => ShadowRoot | null;

/**
 * What has the focus inside `target`'s closed shadow roots, and its ancestors there, innermost
 * first. A key typed into a field inside a closed shadow root (a web component's search box)
 * comes to the window with the component's host as its target and its inside left off the
 * composed path: seen from there, the user is not typing. Only a content script can look in.
 */
function focusedInClosedRoots(target: EventTarget, closedShadowRoot: ShadowRootReader): Element[] {
  const inside: Element[] = [];
  let host = (target as Node).nodeType === 1 ? (target as Element) : null;
  for (let depth = 0; host && depth < 10; depth++) {
    const root = host.shadowRoot ?? closedShadowRoot(host);
    const focused = root?.activeElement ?? null;
    if (!root || !focused) break;
    const level: Element[] = [];
    for (let el: Element | null = focused; el; el = el.parentElement) level.push(el);
    inside.unshift(...level);
    host = focused;
  }
  return inside;
}

/** Input types that take no text: a letter typed on them does nothing, so keys stay ours. */
const NON_TEXT_INPUTS = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'image']);
/** ARIA widgets that take typed characters (custom fields, type-ahead lists). */
const TEXT_ROLES = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton']);

/**
 * True when the key press goes to something the user types in: any element on the event's
 * composed path (target first, up through shadow roots) is a text field, a select, editable
 * content or an ARIA text widget. Duck-typed, not instanceof: content-script globals are not
 * the page's in Firefox, nor a test page's in jsdom.
 */
export function isTypingTarget(path: readonly EventTarget[], closedShadowRoot?: ShadowRootReader): boolean {
  // The path as it would be if the closed roots were open: what has the focus in them first.
  const full = closedShadowRoot && path.length > 0 ? [...focusedInClosedRoots(path[0]!, closedShadowRoot), ...path] : path;
  for (const node of full) {
    if ((node as Node).nodeType !== 1) continue; // shadow roots, the document, the window
    const el = node as HTMLElement;
    const tag = el.localName;
    if (tag === 'textarea' || tag === 'select') return true;
    if (tag === 'input' && !NON_TEXT_INPUTS.has((el as HTMLInputElement).type)) return true;
    const role = el.getAttribute('role');
    if (role !== null && TEXT_ROLES.has(role)) return true;
    if (typeof el.isContentEditable === 'boolean') {
      if (el.isContentEditable) return true;
    } else {
      // No isContentEditable (jsdom): the nearest contenteditable attribute decides.
      const editable = el.getAttribute('contenteditable');
      if (editable !== null) return editable.toLowerCase() !== 'false';
    }
  }
  return false;
}


// ---------------------------------------------------------------------------------------------
// The controller

/** What triage needs of a page's annotator (PageAnnotator implements it). */
export interface TriageSource {
  /** The entries with a control, in the order the page shows them. */
  entriesInPageOrder(): AnnotatedEntry[];
  /** The entry whose control `host` is, or null. */
  entryWithControl(host: Element): AnnotatedEntry | null;
  /** The paper's page (its abstract page on arXiv) or its PDF, as the page links them. */
  paperUrl(id: string, kind: PaperLink): string | null;
  /** The paper's title as the page shows it (what a notice names it by). */
  paperTitle(id: string): string | null;
  /** The paper was opened from the listing: counts as reading it. */
  opened(id: string): Promise<void>;
  /** Every paper on the page counts as seen now; how many, null when that failed, 'private' in a private window (nothing stored). */
  markAllSeen(): Promise<number | null | 'private'>;
  /** Takes back the newest star, read or dismissal made on this page; what it was, or null when there is none. */
  undoLast(): ShownUndo | null;
}

/**
 * A change taken back; `shown` resolves when the page shows it so, null when it does already;
 * `refused` to what to tell the user when it was not taken back after all (marked again
 * elsewhere since), else null.
 */
export interface ShownUndo extends UndoneChange {
  shown: Promise<void> | null;
  refused: Promise<string | null>;
}

export type PaperLink = 'page' | 'pdf';

export const CURRENT_ATTRIBUTE = 'data-paper-radar-current';
/** How long a notice stays. */
const NOTICE_MS = 5_000;

/** Held keys repeat; only moving should (holding s must not flip the star back and forth). */
const REPEATABLE = new Set<KeyAction>(['next', 'prev', 'nextRelevant', 'prevRelevant']);
/** The longest `o` waits for the read mark to be written before leaving the page. */
const OPEN_WAIT_MS = 300;

export interface KeyboardTriageOptions {
  /** Reads closed shadow roots (the extension's own API; see closedShadowRootOf in main.ts), so keys typed inside them stay the page's. */
  closedShadowRoot?: ShadowRootReader;
  /** Goes to a URL (same tab). Tests pass a fake; jsdom cannot navigate. */
  navigate?: (url: string) => void;
  /**
   * Shows this page's dismissed papers that the options page hides, or hides them again; answers
   * with the page's view after it (how many, whether shown), or null where nothing is hidden (the
   * option is off, a paper's own page).
   */
  toggleDismissed?: () => PageView | null;
}

export class KeyboardTriage {
  /** null until configure(): keys wait for the stored settings (the user may have turned it off). */
  private settings: KeyboardSettings | null = null;
  private current: AnnotatedEntry | null = null;
  private help: { host: HTMLElement; returnFocus: Element | null } | null = null;
  private notice: HTMLElement | null = null;
  private readonly win: Window;
  private readonly navigate: (url: string) => void;
  private readonly toggleDismissed: () => PageView | null;
  private readonly closedShadowRoot: ShadowRootReader | undefined;

  constructor(
    private readonly doc: Document,
    private readonly source: () => TriageSource | null,
    options: KeyboardTriageOptions = {},
  ) {
    this.win = doc.defaultView!;
    this.navigate = options.navigate ?? ((url) => this.win.location.assign(url));
    this.toggleDismissed = options.toggleDismissed ?? (() => null);
    this.closedShadowRoot = options.closedShadowRoot;
    this.win.addEventListener('keydown', this.onKeyDown);
    doc.addEventListener('focusin', this.onFocusIn, true);
  }

  /** The id of the current entry (for tests and the page's state), or null. */
  get currentId(): string | null {
    return this.current?.id ?? null;
  }

  /** New settings, applied at once: turning it off drops the outline and closes the help. */
  configure(settings: KeyboardSettings): void {
    this.settings = settings;
    if (!settings.enabled) {
      this.reset();
      this.closeHelp(false);
    } else if (this.help) {
      // Shows the new keys. The focus stays where the user is: in the help if it was there (it
      // would fall to the page with the old panel), and Escape still gives it back to where it was.
      const { host, returnFocus } = this.help;
      const hadFocus = host.shadowRoot?.activeElement != null;
      this.closeHelp(false);
      this.openHelp(hadFocus, returnFocus);
    }
  }

  /** Forgets the current entry (the page changed under it: a new session). */
  reset(): void {
    this.select(null);
  }

  destroy(): void {
    this.reset();
    this.closeHelp(false);
    this.notice?.remove();
    this.win.removeEventListener('keydown', this.onKeyDown);
    this.doc.removeEventListener('focusin', this.onFocusIn, true);
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const settings = this.settings;
    // A page's script dispatching keys acts for no one (it could mark a whole listing seen).
    if (!settings?.enabled || event.defaultPrevented || !byUser(event)) return;
    if (event.key === 'Escape' && this.help && !event.ctrlKey && !event.altKey && !event.metaKey) {
      if (isTypingTarget(event.composedPath(), this.closedShadowRoot)) return;
      event.preventDefault();
      this.closeHelp(true);
      return;
    }
    const action = actionForKey(event, settings.keys);
    if (action === null) return;
    if (this.doc.designMode === 'on' || isTypingTarget(event.composedPath(), this.closedShadowRoot)) return;
    const source = this.source();
    const entries = source?.entriesInPageOrder() ?? [];
    if (!source || entries.length === 0) return; // not a page we annotated: the key is the page's
    // Ours: keep the browser from acting on it too (Firefox's find-as-you-type, "'" and "/").
    event.preventDefault();
    if (event.repeat && !REPEATABLE.has(action)) return;
    this.perform(action, source, entries);
  };

  private perform(action: KeyAction, source: TriageSource, entries: AnnotatedEntry[]): void {
    if (action === 'help') return this.help ? this.closeHelp(true) : this.openHelp();
    if (action === 'next' || action === 'prev') return this.move(action === 'next' ? 1 : -1, entries, isShown);
    if (action === 'nextRelevant' || action === 'prevRelevant') return this.move(action === 'nextRelevant' ? 1 : -1, entries, isShownRelevant);
    if (action === 'seenAll') return void this.markAllSeen(source);
    if (action === 'showDismissed') return this.showOrHideDismissed();
    if (action === 'undo') return this.undo(source, entries);
    const outlined = this.current;
    const entry = this.resolveCurrent(entries);
    // A current entry the page has hidden since (dismissed while dismissed papers are hidden, a
    // filter): no key acts on a paper the user no longer sees; the key picks one instead.
    if (!entry || !isShown(entry)) return this.move(1, entries, isShown);
    // Drawn anew by the page (its outline went with its old elements; a list re-sorted by the
    // site puts the paper elsewhere): the key outlines it again, and acts when pressed again.
    if (entry !== outlined) return this.goTo(entry);
    if (action === 'open' || action === 'pdf') return void this.open(entry, source, action === 'pdf' ? 'pdf' : 'page');
    const button = entry.host.shadowRoot?.querySelector<HTMLButtonElement>(`button[data-paper-radar-action="${action}"]`);
    if (!button) return;
    const wasStarred = starButton(entry)?.getAttribute('aria-pressed') === 'true';
    actOnControl(entry.host, action);
    // The focus stays on the entry's star: without a word, a screen reader would not say what r or
    // x did (and the entry may go, as dismissed papers can be hidden). The page shows the new mark
    // at once, before it is saved; a failed save shows its error on the entry.
    const flag = action === 'star' ? 'starred' : action === 'read' ? 'read' : 'dismissed';
    const value = button.getAttribute('aria-pressed') === 'true';
    this.showNotice(changeDone(flag, value, source.paperTitle(entry.id) ?? entry.id, wasStarred));
  }

  /**
   * The current entry if it is still on the page. An entry the page re-rendered has a new
   * control for the same paper: the current entry becomes the paper's new one.
   */
  private resolveCurrent(entries: readonly AnnotatedEntry[]): AnnotatedEntry | null {
    const current = this.current;
    if (!current) return null;
    if (current.host.isConnected && entries.includes(current)) return current;
    const again = entries.find((entry) => entry.id === current.id) ?? null;
    this.select(again);
    return again;
  }

  /**
   * The next (+1) or previous (-1) entry that is `wanted` (visible; for J / K also relevant).
   * From the current one while any of it is on screen; otherwise (the first key, or the user
   * scrolled away) from what the user looks at: j takes the first entry at or below the top of
   * the viewport, k the last one ending above its bottom. Past the last one wanted the current
   * entry stays.
   */
  private move(step: 1 | -1, entries: readonly AnnotatedEntry[], wanted: (entry: AnnotatedEntry) => boolean): void {
    const current = this.resolveCurrent(entries);
    let target: AnnotatedEntry | null = null;
    if (current && this.onScreen(current)) {
      for (let i = entries.indexOf(current) + step; i >= 0 && i < entries.length; i += step) {
        if (wanted(entries[i]!)) {
          target = entries[i]!;
          break;
        }
      }
      target ??= current;
    } else {
      target = step === 1 ? this.firstFromTop(entries, wanted) : this.lastFromBottom(entries, wanted);
    }
    if (target) this.goTo(target);
  }

  /** Makes `entry` the current one: outlined, scrolled into view, its star button focused. */
  private goTo(entry: AnnotatedEntry): void {
    this.select(entry);
    this.reveal(entry);
    // The star button takes the focus: screen readers announce the paper. preventScroll, as
    // focus() would scroll by its own rules (often centring) and we have just scrolled.
    starButton(entry)?.focus({ preventScroll: true });
  }

  /**
   * Page order is top-to-bottom order, so the first match is the one, and the walk stops there
   * (a long listing has 2,000 entries). Past the end (all above the viewport): the last entry.
   */
  private firstFromTop(entries: readonly AnnotatedEntry[], wanted: (entry: AnnotatedEntry) => boolean): AnnotatedEntry | null {
    for (const entry of entries) if (wanted(entry) && rectOf(entry).top >= -1) return entry;
    return entries.findLast(wanted) ?? null;
  }

  private lastFromBottom(entries: readonly AnnotatedEntry[], wanted: (entry: AnnotatedEntry) => boolean): AnnotatedEntry | null {
    const bottom = this.viewportHeight() + 1;
    for (let i = entries.length - 1; i >= 0; i--) if (wanted(entries[i]!) && rectOf(entries[i]!).bottom <= bottom) return entries[i]!;
    return entries.find(wanted) ?? null;
  }

  /** Whether part of the entry is in the viewport: a hidden one (an empty box at 0) is not, wherever the page is scrolled. */
  private onScreen(entry: AnnotatedEntry): boolean {
    const { top, bottom } = rectOf(entry);
    return bottom > top && bottom >= 0 && top <= this.viewportHeight();
  }

  /**
   * Scrolls the entry into view only if part of it is out of view. Its last element first, then
   * its first, each to the nearest edge: the whole entry shows when it fits, its top when it
   * does not. Instant: a smooth scroll per key makes fast triage lag behind the keys. With the
   * help open, "in view" ends above it: fixed in the bottom corner, it covered the entry j had
   * just moved to.
   */
  private reveal(entry: AnnotatedEntry): void {
    const help = this.help?.host.getBoundingClientRect();
    const end = help && help.height > 0 ? Math.min(this.viewportHeight(), help.top - 8) : this.viewportHeight();
    const { top, bottom } = rectOf(entry);
    if (top >= 0 && bottom <= end) return;
    const first = entry.elements[0];
    const last = entry.elements.at(-1);
    for (const el of new Set([last, first])) el?.scrollIntoView?.({ block: 'nearest', inline: 'nearest', behavior: 'instant' });
    const now = rectOf(entry);
    if (now.bottom > end && now.top > 0) this.win.scrollBy({ top: Math.min(now.bottom - end, now.top), behavior: 'instant' });
  }

  private viewportHeight(): number {
    return this.win.innerHeight || this.doc.documentElement.clientHeight;
  }

  /** Moves the outline to `entry` (null: none). */
  private select(entry: AnnotatedEntry | null): void {
    if (this.current === entry) return;
    for (const el of this.current?.elements ?? []) el.removeAttribute(CURRENT_ATTRIBUTE);
    this.current = entry;
    for (const el of entry?.elements ?? []) el.setAttribute(CURRENT_ATTRIBUTE, '');
  }

  /** Focus entering one of our controls (Tab, a click) makes its entry the current one. */
  private readonly onFocusIn = (event: FocusEvent): void => {
    if (!this.settings?.enabled) return;
    const host = controlHostIn(event);
    if (!host || host === this.current?.host) return;
    const entry = this.source()?.entryWithControl(host);
    if (entry) this.select(entry);
  };

  private async open(entry: AnnotatedEntry, source: TriageSource, kind: PaperLink): Promise<void> {
    const url = safeHttpUrl(source.paperUrl(entry.id, kind), this.doc.baseURI);
    if (!url) return;
    // The read mark is written by the background; give it a moment before the page goes, so
    // Back shows it (a slow write still completes in the background).
    await Promise.race([source.opened(entry.id).catch(() => {}), new Promise((resolve) => setTimeout(resolve, OPEN_WAIT_MS))]);
    this.navigate(url);
  }

  /**
   * z: the newest change made on this page is taken back, and its entry becomes the current one,
   * scrolled into view: the paper dismissed by mistake three entries ago is one key away, and
   * the user sees which it was.
   */
  private undo(source: TriageSource, entries: readonly AnnotatedEntry[]): void {
    const undone = source.undoLast();
    if (!undone) return this.showNotice('Nothing to undo on this page.');
    // The current entry where it shows the paper (a paper listed twice: the copy acted on).
    const current = this.current?.id === undone.id && entries.includes(this.current) ? this.current : null;
    const entry = current ?? entries.find((e) => e.id === undone.id);
    if (entry) this.goTo(entry);
    this.showNotice(`Undone: ${undone.done}`);
    // Taken back before the click was answered (z right after x): shown only now, so an entry
    // hidden as dismissed until now could not take the focus then.
    void undone.shown?.then(() => entry && this.current === entry && this.goTo(entry));
    void undone.refused.then((message) => message && this.showNotice(message));
  }

  private async markAllSeen(source: TriageSource): Promise<void> {
    const count = await source.markAllSeen();
    this.showNotice(
      count === null
        ? 'Paper Radar could not mark the papers as seen. Try again in a moment.'
        : count === 'private'
          ? 'This is a private window: Paper Radar keeps no record of the papers seen here.'
          : `Marked ${count} ${count === 1 ? 'paper' : 'papers'} as seen: none will be new on your next visit.`,
    );
  }

  private showOrHideDismissed(): void {
    const view = this.toggleDismissed();
    const papers = (count: number) => `${count} dismissed ${count === 1 ? 'paper' : 'papers'}`;
    this.showNotice(
      view === null
        ? 'No dismissed papers are hidden here: the settings page can hide them.'
        : view.showingDismissed
          ? `Showing the ${papers(view.dismissed)} on this page until you leave it.`
          : `Hiding the ${papers(view.dismissed)} on this page again.`,
    );
  }

  /**
   * A line in the corner where the help shows, saying what a key did; read out by screen readers
   * (a status), gone after a few seconds. Text only (textContent).
   */
  private showNotice(text: string): void {
    this.notice?.remove();
    const { host, panel } = cornerPanel(this.doc, NOTICE_ATTRIBUTE);
    panel.setAttribute('role', 'status');
    panel.textContent = text;
    this.notice = host;
    this.noticeAboveHelp();
    setTimeout(() => {
      host.remove();
      if (this.notice === host) this.notice = null;
    }, NOTICE_MS);
  }

  /** The notice above the help when it is open (the same corner): it covered the help's last rows, or the help it. */
  private noticeAboveHelp(): void {
    const help = this.help?.host.getBoundingClientRect();
    if (this.notice && help && help.height > 0) this.notice.style.insetBlockEnd = `${Math.round(this.win.innerHeight - help.top + 8)}px`;
  }

  /**
   * A small panel listing the keys, fixed in a corner. Built with textContent only (the keys are
   * the user's, but nothing here is parsed as HTML). It takes the focus so a screen reader reads
   * it; closing gives the focus back.
   */
  private openHelp(takeFocus = true, returnFocus = deepActiveElement(this.doc)): void {
    const keys = this.settings?.keys;
    if (!keys || this.help) return;
    const doc = this.doc;
    const { host, panel } = cornerPanel(doc, HELP_ATTRIBUTE);
    panel.tabIndex = -1;
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-modal', 'false');
    panel.setAttribute('aria-labelledby', 'paper-radar-help-title');
    const title = doc.createElement('h2');
    title.id = 'paper-radar-help-title';
    title.textContent = 'Paper Radar keyboard shortcuts';
    const close = doc.createElement('button');
    close.type = 'button';
    close.className = 'close';
    close.textContent = '×';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', () => this.closeHelp(true));
    const list = doc.createElement('dl');
    const row = (key: string, label: string) => {
      const dt = doc.createElement('dt');
      const kbd = doc.createElement('kbd');
      kbd.textContent = key;
      dt.append(kbd);
      const dd = doc.createElement('dd');
      dd.textContent = label;
      list.append(dt, dd);
    };
    for (const action of KEY_ACTIONS) row(keys[action], KEY_ACTION_LABELS[action]);
    row('Esc', 'Close this help');
    const hint = doc.createElement('p');
    hint.className = 'hint';
    hint.textContent = 'Keys do nothing while you type in a field. Change them or turn them off in Paper Radar’s settings.';
    panel.append(title, close, list, hint);
    this.help = { host, returnFocus };
    // Fixed in the corner, it may cover the entry the user is on and the notice of what a key did: they move above it.
    if (this.current && this.onScreen(this.current)) this.reveal(this.current);
    this.noticeAboveHelp();
    if (takeFocus) panel.focus({ preventScroll: true });
  }

  private closeHelp(restoreFocus: boolean): void {
    if (!this.help) return;
    const { host, returnFocus } = this.help;
    this.help = null;
    // Focus goes back only if it is still in the panel (not if j moved it on meanwhile), and
    // before the panel goes: taken out with the focus in it, the focus fell to the page, and a
    // paper dismissed while hiding is on was hidden before its button could take it back.
    const hadFocus = host.shadowRoot?.activeElement != null;
    if (restoreFocus && hadFocus && returnFocus?.isConnected) (returnFocus as HTMLElement).focus?.({ preventScroll: true });
    host.remove();
  }
}

/**
 * An empty panel fixed in the page's corner (HELP_CSS), in the open shadow root of a host marked
 * with `attribute`, already in the page: the help and the notices are built in it.
 */
function cornerPanel(doc: Document, attribute: string): { host: HTMLElement; panel: HTMLElement } {
  const host = doc.createElement('div');
  host.setAttribute(attribute, '');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = HELP_CSS;
  const panel = doc.createElement('div');
  panel.className = 'panel';
  shadow.append(style, panel);
  (doc.body ?? doc.documentElement).append(host);
  return { host, panel };
}

function starButton(entry: AnnotatedEntry): HTMLButtonElement | null {
  return entry.host.shadowRoot?.querySelector<HTMLButtonElement>('button[data-paper-radar-action="star"]') ?? null;
}

/** The entry's box, from the top of its first element to the bottom of its last. */
function rectOf(entry: AnnotatedEntry): { top: number; bottom: number } {
  const first = entry.elements[0]!.getBoundingClientRect();
  const last = entry.elements.length > 1 ? entry.elements.at(-1)!.getBoundingClientRect() : first;
  return { top: first.top, bottom: Math.max(first.bottom, last.bottom) };
}

/** False for entries the page hides (a filter, a collapsed section): j / k skip them. */
function isShown(entry: AnnotatedEntry): boolean {
  const el = entry.elements[0]! as Element & { checkVisibility?: () => boolean };
  return typeof el.checkVisibility !== 'function' || el.checkVisibility();
}

/** Shown, and highlighted as relevant to the user's interests (PageAnnotator marks it so): J / K stop there. */
function isShownRelevant(entry: AnnotatedEntry): boolean {
  return entry.elements[0]!.hasAttribute(RELEVANT_ATTRIBUTE) && isShown(entry);
}

/** The focused element, looking into open shadow roots (the focus may be in one of our controls). */
function deepActiveElement(doc: Document): Element | null {
  let active: Element | null = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active === doc.body ? null : active;
}
