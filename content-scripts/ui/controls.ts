/**
 * The per-entry control: star, read and dismiss toggles, a "new" mark, a slot for the relevance badge.
 * It lives in an open shadow root so the page's CSS cannot restyle it and ours cannot leak
 * into the page. All text is set with textContent / attributes, never innerHTML: titles come
 * from the page and are hostile input.
 *
 * Contract (black-box tests rely on it): the host carries data-paper-radar-id="<canonical id>";
 * buttons carry data-paper-radar-action="star" | "read" | "dismiss" and show their state in
 * aria-pressed; the host has data-paper-radar-new while the paper is new to the user. The
 * relevance badge is `[data-paper-radar-score]` (its 0–100 score, `data-paper-radar-tier`), a
 * focusable element described (aria-describedby) by its explanation `[data-paper-radar-why]`,
 * which shows on hover and on keyboard focus; its text is in a closed shadow root (showRelevance).
 *
 * A listing can have 2,000 entries and a content script pays for every DOM node it touches
 * (each gets a wrapper object in the script's own world), so building a control is three DOM
 * calls: one clone of a prepared host whose shadow root is already filled (a clonable shadow
 * root: one native call makes the host, its shadow root and the buttons), the paper's id and
 * its name. The buttons are styled from the page's stylesheet through shadow parts (see
 * styles.ts), so a control needs no stylesheet of its own until it shows a relevance badge or
 * an error. The buttons themselves are looked up only when something about them changes. One
 * click listener serves the whole page.
 *
 * Accessible names: the host is a group named by the paper's title, its buttons are "Star",
 * "Read" and "Dismiss". Screen readers say the group's name when focus enters it
 * ("<title>, grouping, Star, toggle button, not pressed"), as keyboard triage moves from entry
 * to entry. Where the adapter gives the page's element showing the title, the group is named by
 * reference to it (ariaLabelledByElements: the page is not changed, and the browser reads the
 * text only when a screen reader asks; on arXiv the name is then the line as shown, "Title:
 * …"); otherwise, and in browsers without element reflection, by a copy of the title in
 * aria-label, cut at 90 characters. A heading the control sits in is meanwhile named by the
 * title alone (heading-name.ts), not by our buttons too. Naming each button "Star: <title>" instead
 * (aria-labelledby joining a hidden title element) made every control two attributes per button
 * and two nodes larger: ≈ 7 ms more to build 2,000 controls, a sixth of the time the whole
 * annotation may take.
 */
import type { PageState } from '../../src/core/paper';
import type { ExtractedEntry } from '../adapters/types';
import type { EntryScore } from '../../src/messages';
import { explanationLines } from '../../src/explanation';
import { SLOT_CSS } from './styles';
import { byUser } from '../lib/user-events';

export type ControlAction = 'star' | 'read' | 'dismiss';

export type SlotName = 'relevance' | 'error';

export interface ControlView {
  readonly host: HTMLElement;
  /** The element for a part shown only when there is something to show (made on first use). */
  slot(name: SlotName): HTMLElement;
  render(state: PageState | undefined, options: { isNew: boolean; pending?: boolean }): void;
  /** `announce`: in an alert a screen reader says at once (one failure for many entries is said once). */
  showError(message: string | null, announce?: boolean): void;
  /** Shows the entry's relevance badge and its explanation (null: none). */
  showRelevance(score: EntryScore | null): void;
}

/** Each control, by its host element (the page-wide click listener finds it from the button). */
const controls = new WeakMap<Element, Control>();

/**
 * Runs `action` of the control on `host`, as a click on its button does: for the keyboard's keys,
 * whose button.click() would be a synthetic click, which the click listener refuses.
 */
export function actOnControl(host: Element, action: ControlAction): void {
  const control = controls.get(host);
  if (control) control.onAction(control.id, action);
}

/** Per document, what stops the listeners of listenForClicks. */
const listening = new WeakMap<Document, AbortController>();

/**
 * One click listener per document serves every control (adding one per control is a DOM call
 * per entry). It listens in the capture phase, so our clicks are handled — and stopped — before
 * the page's own handlers see them (e.g. a card that navigates on click). Keyboard activation
 * of a button (Enter, Space) dispatches a click too.
 */
function listenForClicks(doc: Document): void {
  if (listening.has(doc)) return;
  const stop = new AbortController();
  listening.set(doc, stop);
  const options = { capture: true, signal: stop.signal };
  doc.addEventListener(
    'click',
    (event) => {
      const target = event.composedPath()[0];
      const button = target instanceof Element ? target.closest('button[data-paper-radar-action]') : null;
      if (!button || !byUser(event)) return; // a page's script clicking our buttons acts for no one
      const host = (button.getRootNode() as ShadowRoot).host;
      const control = host && controls.get(host);
      if (!control) return;
      event.stopPropagation();
      event.preventDefault();
      // A clicked button takes the focus, as it does in Chromium and elsewhere but not in
      // Firefox or Safari on macOS: the keys then act on the entry clicked (not the one they were
      // on), and a paper dismissed by a click stays in view while its control has the focus
      // (FocusedEntry), so what followed it does not move up under the pointer.
      if ((button.getRootNode() as ShadowRoot).activeElement !== button) (button as HTMLElement).focus({ preventScroll: true });
      control.onAction(control.id, button.getAttribute('data-paper-radar-action') as ControlAction);
    },
    options,
  );
  // Escape hides the explanation of the focused or hovered badge (WCAG 1.4.13: dismissible
  // without moving focus); it shows again when the badge is focused or pointed at anew.
  doc.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Escape') return;
      const target = event.composedPath()[0];
      const hide = (badge: Element | null | undefined) => {
        badge?.setAttribute('data-why-hidden', '');
        if (badge instanceof HTMLElement) showExplanation(badge);
      };
      if (target instanceof Element && target.classList.contains('badge')) hide(target);
      for (const host of doc.querySelectorAll('[data-paper-radar-id]:hover')) hide(host.shadowRoot?.querySelector('.badge'));
    },
    options,
  );
  const reveal = (target: Element) => {
    const badge = target.closest<HTMLElement>('.badge');
    if (badge) revealExplanation(badge);
  };
  doc.addEventListener(
    'focusin',
    (event) => {
      const target = event.composedPath()[0];
      if (target instanceof Element) reveal(target);
    },
    options,
  );
  // Pointing at a badge reveals its explanation; pointing at a button gives it its tooltip, set
  // when first needed (the browser shows it after a delay).
  doc.addEventListener(
    'pointerover',
    (event) => {
      const target = event.composedPath()[0];
      if (!(target instanceof Element)) return;
      reveal(target);
      const button = target.closest('button[data-paper-radar-action]');
      if (button instanceof HTMLElement && !button.hasAttribute('title')) setTooltip(button);
    },
    options,
  );
}

/** Stops the listeners listenForClicks added (a copy of the script cut off from the extension: main.ts). */
export function stopListeningForClicks(doc: Document): void {
  listening.get(doc)?.abort();
  listening.delete(doc);
}

/** The relevance slots the pointer is over (their explanations show: showExplanation). */
const pointed = new WeakSet<Element>();

/**
 * Shows and hides a badge's explanation as a popover (showExplanation). Listened for on the badge
 * and its slot, not the document: a focus or pointer moving within one control (from its star to
 * its badge) is not told to the document, as the event's target and related target are then
 * both the control's host.
 */
function explainOnFocusAndPointer(badge: HTMLElement): void {
  badge.addEventListener('focus', () => revealExplanation(badge));
  // Once the focus has moved (the badge's root says where it went only after this event).
  badge.addEventListener('blur', () => queueMicrotask(() => showExplanation(badge)));
  // The slot outlives its badges (a badge taken away and shown again is a new one).
  const slot = badge.parentElement!;
  if (listenedSlots.has(slot)) return;
  listenedSlots.add(slot);
  const slotBadge = () => slot.querySelector<HTMLElement>('.badge');
  slot.addEventListener('pointerenter', () => {
    pointed.add(slot);
    const current = slotBadge();
    if (current) revealExplanation(current);
  });
  slot.addEventListener('pointerleave', () => {
    pointed.delete(slot);
    const current = slotBadge();
    if (current) showExplanation(current);
  });
}
const listenedSlots = new WeakSet<Element>();

/** A badge focused or pointed at anew: Escape's hiding of its explanation ends. */
function revealExplanation(badge: HTMLElement): void {
  badge.removeAttribute('data-why-hidden');
  showExplanation(badge);
}

/**
 * Shows a badge's explanation while the badge has the focus or the pointer is over it (and
 * Escape did not hide it), hides it otherwise. It is a popover, in the top layer, placed under
 * the badge (above it near the window's bottom): drawn inside the entry, it was cut off where an
 * ancestor clips what overflows (Hugging Face's paper cards do). Without popovers (before Chrome
 * 114, Firefox 125) the slot's CSS shows it in place (SLOT_CSS).
 */
function showExplanation(badge: HTMLElement): void {
  const why = badge.nextElementSibling as HTMLElement | null;
  if (!why || !why.hasAttribute('popover')) return;
  const root = badge.getRootNode() as ShadowRoot;
  const wanted = badge.isConnected && !badge.hasAttribute('data-why-hidden') && (root.activeElement === badge || pointed.has(badge.parentElement!));
  const open = why.matches(':popover-open');
  if (wanted && !open) {
    why.showPopover();
    placeUnder(why, badge);
    // It stays by its badge while the page scrolls under it (it is placed in the window), until
    // it is hidden, or gone with its badge (a popover taken out of the page closes).
    const view = badge.ownerDocument.defaultView!;
    const follow = () => {
      if (why.matches(':popover-open')) placeUnder(why, badge);
      else view.removeEventListener('scroll', follow, { capture: true });
    };
    view.addEventListener('scroll', follow, { capture: true, passive: true });
  } else if (!wanted && open) why.hidePopover();
}

function placeUnder(why: HTMLElement, badge: HTMLElement): void {
  const view = badge.ownerDocument.defaultView!;
  // The page's width, a vertical scrollbar aside (innerWidth and 100vw count it): a narrow window
  // (Hugging Face sets its titles large, and 26em of them went past a phone's edge) wraps it.
  const pageWidth = badge.ownerDocument.documentElement.clientWidth;
  why.style.maxWidth = `min(26em, ${pageWidth - 8}px)`;
  const at = badge.getBoundingClientRect();
  const { offsetWidth: width, offsetHeight: height } = why;
  const below = at.bottom + 4;
  why.style.top = `${below + height <= view.innerHeight || at.top - 4 - height < 0 ? below : at.top - 4 - height}px`;
  why.style.left = `${Math.max(4, Math.min(at.left, pageWidth - width - 4))}px`;
}

let sharedSheets: CSSStyleSheet[] | null | undefined;

/**
 * SLOT_CSS as one constructed stylesheet, in the one array every shadow root that needs it
 * adopts; null where none can be constructed (styleSlots then uses a <style>).
 */
function slotSheets(): CSSStyleSheet[] | null {
  if (sharedSheets !== undefined) return sharedSheets;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(SLOT_CSS);
    sharedSheets = [sheet];
  } catch {
    sharedSheets = null;
  }
  return sharedSheets;
}

/** Gives a control's shadow root the styles of its badge and error mark (once). */
function styleSlots(shadow: ShadowRoot): void {
  const sheets = slotSheets();
  if (sheets) {
    // Read and written inside the try: Firefox's Xray wrappers may refuse a content script the
    // one or the other, and jsdom has no adoptedStyleSheets at all.
    try {
      const adopted = shadow.adoptedStyleSheets as CSSStyleSheet[] | undefined;
      if (adopted && adopted.length > 0) return;
      if (adopted) {
        shadow.adoptedStyleSheets = sheets;
        return;
      }
    } catch {
      // A sheet the page's document will not adopt: a <style> instead.
    }
  }
  if (shadow.querySelector('style')) return;
  const style = shadow.ownerDocument.createElement('style');
  style.textContent = SLOT_CSS;
  shadow.append(style);
}

/**
 * Each button's accessible name, the symbol it shows when off and on, and its tooltip when off
 * and on. The words a button shows ("read", "✓ read", "✕ dismissed") are drawn by the page's
 * stylesheet from its part names (styles.ts), not written into it: find-in-page then finds only
 * the page's own words (searching a listing for "read" would otherwise stop at every entry).
 */
const TEXTS: Record<ControlAction, { name: string; off: string; on: string; titleOff: string; titleOn: string }> = {
  star: { name: 'Star', off: '☆', on: '★', titleOff: 'Star: keep it among your starred papers', titleOn: 'Starred: click to unstar' },
  read: { name: 'Read', off: '', on: '', titleOff: 'Mark as read', titleOn: 'Read: click to mark unread' },
  dismiss: {
    name: 'Dismiss',
    off: '✕',
    on: '✕',
    titleOff: 'Dismiss: not interested, see fewer papers like this',
    titleOn: 'Dismissed (not interested): click to undo',
  },
};
const TIER_LABEL = { high: 'high', medium: 'medium', low: 'low' } as const;

/**
 * A control's host in its default state (not starred, not read, new), for cloning. Its shadow
 * root holds just the three buttons; the host itself lays them out in a row (PAGE_CSS), one
 * element fewer to clone than a wrapper would be. The "new" mark is drawn by CSS from an
 * attribute on the host; the relevance badge and error mark are added when there is something
 * to show.
 *
 * `clonable` is true when cloning the host also clones its shadow root (clonable shadow roots:
 * Chrome 124, Firefox 123). Otherwise each control attaches its own shadow root and clones the
 * shadow content into it.
 */
interface Prototype {
  doc: Document;
  host: HTMLElement;
  clonable: boolean;
  /** Whether the browser names an element by reference to others (ariaLabelledByElements: Chrome 135, Firefox 136). */
  namesByReference: boolean;
}

let prototype: Prototype | null = null;

/** On the host while the paper is new to the user. */
const NEW_ATTRIBUTE = 'data-paper-radar-new';
/** On the host once it has shown a badge. */
const SCORED_ATTRIBUTE = 'data-paper-radar-scored';

function controlPrototype(doc: Document): Prototype {
  if (prototype?.doc === doc) return prototype;
  const host = doc.createElement('span');
  // New to the user until the stored state says otherwise: on a day's listing most entries are,
  // so most controls need no change once their state is known.
  host.setAttribute(NEW_ATTRIBUTE, '');
  host.setAttribute('role', 'group'); // named by the paper's title
  const shadow = host.attachShadow({ mode: 'open', clonable: true } as ShadowRootInit);
  shadow.append(button(doc, 'star'), button(doc, 'read'), button(doc, 'dismiss'));
  const clonable = (host.cloneNode(true) as HTMLElement).shadowRoot !== null;
  prototype = { doc, host, clonable, namesByReference: 'ariaLabelledByElements' in host };
  return prototype;
}

/** A new host with its shadow root filled, in the default state. */
function cloneHost(proto: Prototype): HTMLElement {
  if (proto.clonable) return proto.host.cloneNode(true) as HTMLElement;
  const host = proto.host.cloneNode(false) as HTMLElement; // its attributes, without the shadow root
  const shadow = host.attachShadow({ mode: 'open' });
  for (const child of proto.host.shadowRoot!.childNodes) shadow.append(child.cloneNode(true));
  return host;
}

/**
 * A toggle button, off. Every attribute here is copied into each of a listing's
 * 2,000 controls, at ≈ 0.4 µs a copy, so a button has only what it needs: no id or class (CSS
 * selects its part), no type (a button in a shadow root has no form to submit), and its tooltip
 * (title) is set when first pointed at.
 */
function button(doc: Document, action: ControlAction): HTMLButtonElement {
  const el = doc.createElement('button');
  el.setAttribute('part', partNames(action, false));
  el.dataset.paperRadarAction = action;
  el.setAttribute('aria-pressed', 'false');
  el.setAttribute('aria-label', TEXTS[action].name);
  if (TEXTS[action].off) el.textContent = TEXTS[action].off;
  return el;
}

/** A button's part names: every button is a "button" and its action; a pressed one is also "<action>-pressed". */
function partNames(action: ControlAction, pressed: boolean): string {
  return pressed ? `button ${action} ${action}-pressed` : `button ${action}`;
}

/** Builds a control (not yet in the page). `onAction` may be shared by every control of a page. */
export function createControl(
  doc: Document,
  entry: NamedEntry,
  onAction: (id: string, action: ControlAction) => void,
): ControlView {
  return new Control(doc, entry, onAction);
}

/** What a control is named by: the page's element showing the title where there is one, else a copy of the title. */
type NamedEntry = Pick<ExtractedEntry, 'id' | 'title' | 'titleElement'>;

/** ARIA element reflection, not yet in TypeScript's DOM types. */
type Reflecting = HTMLElement & { ariaLabelledByElements: Element[] | null };

/** The parts of a control that change, found when first needed. */
interface Parts {
  star: HTMLButtonElement;
  read: HTMLButtonElement;
  dismiss: HTMLButtonElement;
  slots: Partial<Record<SlotName, HTMLElement>>;
}

class Control implements ControlView {
  readonly host: HTMLElement;
  readonly id: string;
  private found: Parts | null = null;
  // What is on screen now; render() changes only what differs.
  private starred = false;
  private isRead = false;
  private dismissed = false;
  private isNew = true; // as cloned (see controlPrototype)
  private shownScore: EntryScore | null = null;
  /** The badge shown, and the closed root of its explanation's lines: updated in place. */
  private badge: { badge: HTMLElement; lines: ShadowRoot } | null = null;
  private pending = false;

  constructor(
    private readonly doc: Document,
    entry: NamedEntry,
    readonly onAction: (id: string, action: ControlAction) => void,
  ) {
    listenForClicks(doc);
    const proto = controlPrototype(doc);
    const host = cloneHost(proto);
    host.setAttribute('data-paper-radar-id', entry.id);
    if (entry.titleElement && proto.namesByReference) (host as Reflecting).ariaLabelledByElements = [entry.titleElement];
    else host.setAttribute('aria-label', entry.title.length > 90 ? `${entry.title.slice(0, 87)}…` : entry.title);
    controls.set(host, this);
    this.host = host;
    this.id = entry.id;
  }

  private get parts(): Parts {
    if (!this.found) {
      const [star, read, dismiss] = this.host.shadowRoot!.children as unknown as HTMLButtonElement[]; // as cloned
      this.found = { star: star!, read: read!, dismiss: dismiss!, slots: {} };
    }
    return this.found;
  }

  slot(name: SlotName): HTMLElement {
    const { slots, dismiss } = this.parts;
    let el = slots[name];
    if (!el) {
      styleSlots(this.host.shadowRoot!);
      el = this.doc.createElement('span');
      el.className = name;
      el.dataset.paperRadarSlot = name;
      // The badge sits right after the buttons; the error mark last.
      if (name === 'relevance') dismiss.after(el);
      else this.host.shadowRoot!.append(el);
      slots[name] = el;
    }
    return el;
  }

  render(state: PageState | undefined, { isNew, pending = false }: { isNew: boolean; pending?: boolean }): void {
    const starred = state?.starred ?? false;
    const isRead = state?.read ?? false;
    const dismissed = state?.dismissed ?? false;
    if (starred !== this.starred) toggle(this.parts.star, 'star', (this.starred = starred));
    if (isRead !== this.isRead) toggle(this.parts.read, 'read', (this.isRead = isRead));
    if (dismissed !== this.dismissed) toggle(this.parts.dismiss, 'dismiss', (this.dismissed = dismissed));
    if (isNew !== this.isNew) this.host.toggleAttribute(NEW_ATTRIBUTE, (this.isNew = isNew));
    if (pending !== this.pending) this.host.toggleAttribute('data-paper-radar-pending', (this.pending = pending));
  }

  /**
   * The error mark: a "!" with the message as its tooltip, for the eye; the message itself, for
   * a screen reader, in the alert it announces (a hidden "!" alone announced only "!"), and
   * focusable, so that a keyboard user can reach it and read it again.
   */
  showError(message: string | null, announce = true): void {
    if (message === null && !this.found?.slots.error) return;
    const error = this.slot('error');
    error.hidden = message === null;
    error.title = message ?? '';
    if (message === null) {
      error.replaceChildren();
      error.removeAttribute('role');
      error.removeAttribute('tabindex');
      return;
    }
    const shown = this.doc.createElement('span');
    shown.setAttribute('aria-hidden', 'true');
    shown.textContent = '!';
    const said = this.doc.createElement('span');
    said.className = 'unseen';
    said.textContent = message;
    error.replaceChildren(shown, said);
    if (announce) error.setAttribute('role', 'alert');
    else error.removeAttribute('role');
    error.tabIndex = 0;
  }

  showRelevance(score: EntryScore | null): void {
    if (sameScore(score, this.shownScore)) return;
    this.shownScore = score;
    if (score === null) {
      this.found?.slots.relevance?.replaceChildren();
      this.badge = null;
      // Room is kept for a badge again (styles.ts): one coming back (interests typed again) does
      // not move the line.
      this.host.removeAttribute(SCORED_ATTRIBUTE);
      return;
    }
    // A new score changes the badge shown, not the element: focus stays on it (a retrain arrives
    // while the user reads its explanation), and an explanation closed with Escape stays closed.
    const { badge, lines } = this.badge ?? this.makeBadge();
    badge.className = `badge ${score.tier}`;
    badge.dataset.paperRadarScore = String(score.score);
    badge.dataset.paperRadarTier = score.tier;
    const label = `Relevance ${score.score} of 100, ${TIER_LABEL[score.tier]}${score.topic && score.tier !== 'low' ? `, topic ${score.topic}` : ''}`;
    badge.setAttribute('aria-label', label);
    // What it shows ("81 high · Black holes") is drawn from these attributes (SLOT_CSS), so
    // that find-in-page does not stop at every badge when the user searches the listing for
    // words of their own topic, or for "high" and "low".
    if (score.topic) badge.dataset.paperRadarTopic = score.topic;
    else delete badge.dataset.paperRadarTopic;
    lines.replaceChildren(
      ...explanationLines(score).map((line) => {
        const div = this.doc.createElement('div');
        div.textContent = line;
        return div;
      }),
    );
  }

  /** The badge and its explanation, in the relevance slot. */
  private makeBadge(): { badge: HTMLElement; lines: ShadowRoot } {
    const slot = this.slot('relevance');
    this.host.setAttribute(SCORED_ATTRIBUTE, ''); // its badge takes the room kept for it (styles.ts)
    const doc = this.doc;
    // Ids are scoped to this shadow root, so every control can use the same one.
    const badge = doc.createElement('span');
    badge.tabIndex = 0;
    badge.setAttribute('role', 'note');
    badge.setAttribute('aria-describedby', 'paper-radar-why');
    const why = doc.createElement('span');
    why.className = 'why';
    why.id = 'paper-radar-why';
    why.setAttribute('role', 'tooltip');
    why.dataset.paperRadarWhy = '';
    // Its lines in a closed shadow root of their own: the control's root is open (the buttons are
    // the page's to find, see the contract above), so the page's scripts could read the user's
    // keywords, followed authors and starred papers' titles ("Like …, which you starred") from
    // every badge. A closed root keeps them from the page, not from screen readers.
    const lines = why.attachShadow({ mode: 'closed' });
    slot.replaceChildren(badge, why);
    if ('showPopover' in why) {
      why.setAttribute('popover', 'manual');
      explainOnFocusAndPointer(badge);
    }
    this.badge = { badge, lines };
    return this.badge;
  }
}

function sameScore(a: EntryScore | null, b: EntryScore | null): boolean {
  return a === b || (a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));
}

function toggle(el: HTMLElement, action: ControlAction, on: boolean): void {
  el.setAttribute('aria-pressed', String(on));
  el.setAttribute('part', partNames(action, on));
  const { on: onText, off: offText } = TEXTS[action];
  if (onText !== offText) el.textContent = on ? onText : offText;
  if (el.hasAttribute('title')) setTooltip(el);
}

/** The tooltip that says what a click on this button does now. */
function setTooltip(button: HTMLElement): void {
  const texts = TEXTS[button.getAttribute('data-paper-radar-action') as ControlAction];
  if (texts) button.title = button.getAttribute('aria-pressed') === 'true' ? texts.titleOn : texts.titleOff;
}
