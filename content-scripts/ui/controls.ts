/**
 * The per-entry control: star and read toggles, a "new" mark, a slot for the relevance badge.
 * It lives in an open shadow root so the page's CSS cannot restyle it and ours cannot leak
 * into the page. All text is set with textContent / attributes, never innerHTML: titles come
 * from the page and are hostile input.
 *
 * Contract (black-box tests rely on it): the host carries data-paper-radar-id="<canonical id>";
 * buttons carry data-paper-radar-action="star" | "read" | "dismiss" and show their state in
 * aria-pressed; the host has data-paper-radar-new while the paper is new to the user. The
 * relevance badge is `[data-paper-radar-score]` (its 0–100 score, `data-paper-radar-tier`), a
 * focusable element described (aria-describedby) by its explanation `[data-paper-radar-why]`,
 * which shows on hover and on keyboard focus.
 *
 * A listing can have 2,000 entries, so building one control is kept to a handful of DOM calls:
 * one clone of a prepared template (already showing the default state), children found by
 * position, one shared stylesheet and one click listener for the whole page, and rendering that
 * touches only what changed.
 */
import type { PaperState } from '../../src/core/paper';
import type { EntryScore } from '../../src/messages';
import { CONTROL_CSS } from './styles';

export type ControlAction = 'star' | 'read' | 'dismiss';

export type SlotName = 'relevance' | 'error';

export interface ControlView {
  readonly host: HTMLElement;
  /** The element for a part shown only when there is something to show (made on first use). */
  slot(name: SlotName): HTMLElement;
  render(state: PaperState | undefined, options: { isNew: boolean; pending?: boolean }): void;
  showError(message: string | null): void;
  /** Shows the entry's relevance badge and its explanation (null: none). */
  showRelevance(score: EntryScore | null): void;
}

type ActionHandler = (action: ControlAction) => void;

/** The handler of each control, by its host element. */
const handlers = new WeakMap<Element, ActionHandler>();
const listening = new WeakSet<Document>();

/**
 * One click listener per document serves every control (adding one per control is a DOM call
 * per entry). It listens in the capture phase, so our clicks are handled — and stopped — before
 * the page's own handlers see them (e.g. a card that navigates on click). Keyboard activation
 * of a button (Enter, Space) dispatches a click too.
 */
function listenForClicks(doc: Document): void {
  if (listening.has(doc)) return;
  listening.add(doc);
  doc.addEventListener(
    'click',
    (event) => {
      const target = event.composedPath()[0];
      const button = target instanceof Element ? target.closest('button[data-paper-radar-action]') : null;
      if (!button) return;
      const host = (button.getRootNode() as ShadowRoot).host;
      const handler = host && handlers.get(host);
      if (!handler) return;
      event.stopPropagation();
      event.preventDefault();
      handler(button.getAttribute('data-paper-radar-action') as ControlAction);
    },
    true,
  );
  // Escape hides the explanation of the focused or hovered badge (WCAG 1.4.13: dismissible
  // without moving focus); it shows again when the badge is focused or pointed at anew.
  doc.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Escape') return;
      const target = event.composedPath()[0];
      if (target instanceof Element && target.classList.contains('badge')) target.setAttribute('data-why-hidden', '');
      for (const host of doc.querySelectorAll('[data-paper-radar-id]:hover')) host.shadowRoot?.querySelector('.badge')?.setAttribute('data-why-hidden', '');
    },
    true,
  );
  const reveal = (event: Event) => {
    const target = event.composedPath()[0];
    const badge = target instanceof Element ? target.closest('.badge') : null;
    if (badge) badge.removeAttribute('data-why-hidden');
  };
  doc.addEventListener('focusin', reveal, true);
  doc.addEventListener('pointerover', reveal, true);
}

let sharedSheet: CSSStyleSheet | null | undefined;

/** One constructed stylesheet shared by every shadow root. */
function constructedSheet(): CSSStyleSheet | null {
  if (sharedSheet !== undefined) return sharedSheet;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CONTROL_CSS);
    sharedSheet = sheet;
  } catch {
    sharedSheet = null; // e.g. a Firefox content script, whose sheets pages can't adopt: use <style>
  }
  return sharedSheet;
}

const STAR = { on: '★', off: '☆', titleOn: 'Starred: click to unstar', titleOff: 'Star: save to your Paper Radar library' };
const READ = { on: '✓ read', off: 'read', titleOn: 'Read: click to mark unread', titleOff: 'Mark as read' };
const DISMISS = {
  on: '✕ dismissed',
  off: '✕',
  titleOn: 'Dismissed (not interested): click to undo',
  titleOff: 'Not interested: dismiss, and see fewer papers like this',
};
const TIER_LABEL = { high: 'high', medium: 'medium', low: 'low' } as const;

let template: { doc: Document; content: DocumentFragment } | null = null;

/**
 * The shadow content in its default state (not starred, not read). Just the two buttons: the
 * "new" mark is drawn by CSS from an attribute on the host, and the relevance badge and error
 * mark are added when there is something to show.
 */
function controlTemplate(doc: Document): DocumentFragment {
  if (template?.doc === doc) return template.content;
  const content = doc.createDocumentFragment();
  if (!constructedSheet()) {
    const style = doc.createElement('style');
    style.textContent = CONTROL_CSS;
    content.append(style);
  }
  const bar = doc.createElement('span');
  bar.className = 'bar';
  bar.append(
    button(doc, 'star', STAR.off, STAR.titleOff),
    button(doc, 'read', READ.off, READ.titleOff),
    button(doc, 'dismiss', DISMISS.off, DISMISS.titleOff),
  );
  content.append(bar);
  template = { doc, content };
  return content;
}

function button(doc: Document, action: ControlAction, text: string, title: string): HTMLButtonElement {
  const el = doc.createElement('button');
  el.type = 'button';
  el.className = action;
  el.dataset.paperRadarAction = action;
  el.setAttribute('aria-pressed', 'false');
  el.textContent = text;
  el.title = title;
  return el;
}

/** Builds a control (not yet in the page). `onAction` may be shared by every control of a page. */
export function createControl(
  doc: Document,
  paper: { id: string; title: string },
  onAction: (id: string, action: ControlAction) => void,
): ControlView {
  return new Control(doc, paper, onAction);
}

class Control implements ControlView {
  readonly host: HTMLElement;
  private readonly bar: Element;
  private readonly star: HTMLButtonElement;
  private readonly read: HTMLButtonElement;
  private readonly dismiss: HTMLButtonElement;
  private slots: Partial<Record<SlotName, HTMLElement>> | null = null;
  // What is on screen now; render() changes only what differs.
  private starred = false;
  private isRead = false;
  private dismissed = false;
  private isNew = false;
  private shownScore: EntryScore | null = null;
  private pending = false;

  constructor(
    private readonly doc: Document,
    paper: { id: string; title: string },
    onAction: (id: string, action: ControlAction) => void,
  ) {
    listenForClicks(doc);
    const host = doc.createElement('span');
    host.setAttribute('data-paper-radar-id', paper.id);
    const shadow = host.attachShadow({ mode: 'open' });
    const sheet = constructedSheet();
    if (sheet) shadow.adoptedStyleSheets = [sheet];
    const content = controlTemplate(doc).cloneNode(true) as DocumentFragment;
    this.bar = content.lastElementChild!;
    this.star = this.bar.firstElementChild as HTMLButtonElement;
    this.read = this.star.nextElementSibling as HTMLButtonElement;
    this.dismiss = this.read.nextElementSibling as HTMLButtonElement;
    const shortTitle = paper.title.length > 90 ? `${paper.title.slice(0, 87)}…` : paper.title;
    this.star.setAttribute('aria-label', `Star: ${shortTitle}`);
    this.read.setAttribute('aria-label', `Read: ${shortTitle}`);
    this.dismiss.setAttribute('aria-label', `Not interested: ${shortTitle}`);
    shadow.append(content);
    handlers.set(host, (action) => onAction(paper.id, action));
    this.host = host;
  }

  slot(name: SlotName): HTMLElement {
    this.slots ??= {};
    let el = this.slots[name];
    if (!el) {
      el = this.doc.createElement('span');
      el.className = name;
      el.dataset.paperRadarSlot = name;
      // The badge sits right after the buttons; the error mark last.
      if (name === 'relevance') this.dismiss.after(el);
      else this.bar.append(el);
      this.slots[name] = el;
    }
    return el;
  }

  render(state: PaperState | undefined, { isNew, pending = false }: { isNew: boolean; pending?: boolean }): void {
    const starred = state?.starred ?? false;
    const isRead = state?.read ?? false;
    if (starred !== this.starred) toggle(this.star, (this.starred = starred), STAR);
    if (isRead !== this.isRead) toggle(this.read, (this.isRead = isRead), READ);
    const dismissed = state?.dismissed ?? false;
    if (dismissed !== this.dismissed) toggle(this.dismiss, (this.dismissed = dismissed), DISMISS);
    if (isNew !== this.isNew) this.host.toggleAttribute('data-paper-radar-new', (this.isNew = isNew));
    if (pending !== this.pending) this.host.toggleAttribute('data-paper-radar-pending', (this.pending = pending));
  }

  showError(message: string | null): void {
    if (message === null && !this.slots?.error) return;
    const error = this.slot('error');
    error.hidden = message === null;
    error.textContent = message === null ? '' : '!';
    error.title = message ?? '';
    if (message !== null) error.setAttribute('role', 'alert');
    else error.removeAttribute('role');
  }

  showRelevance(score: EntryScore | null): void {
    if (sameScore(score, this.shownScore)) return;
    this.shownScore = score;
    if (score === null) {
      if (this.slots?.relevance) this.slots.relevance.replaceChildren();
      return;
    }
    const slot = this.slot('relevance');
    const doc = this.doc;
    // Ids are scoped to this shadow root, so every control can use the same one.
    const badge = doc.createElement('span');
    badge.className = `badge ${score.tier}`;
    badge.tabIndex = 0;
    badge.setAttribute('role', 'note');
    badge.dataset.paperRadarScore = String(score.score);
    badge.dataset.paperRadarTier = score.tier;
    badge.setAttribute('aria-describedby', 'paper-radar-why');
    const label = `Relevance ${score.score} of 100, ${TIER_LABEL[score.tier]}${score.topic ? `, topic ${score.topic}` : ''}`;
    badge.setAttribute('aria-label', label);
    const value = doc.createElement('b');
    value.textContent = String(score.score);
    badge.append(value, ` ${TIER_LABEL[score.tier]}`);
    if (score.topic) {
      const topic = doc.createElement('span');
      topic.className = 'topic';
      topic.textContent = score.topic;
      badge.append(' · ', topic);
    }
    const why = doc.createElement('span');
    why.className = 'why';
    why.id = 'paper-radar-why';
    why.setAttribute('role', 'tooltip');
    why.dataset.paperRadarWhy = '';
    for (const line of explanationLines(score)) {
      const el = doc.createElement('span');
      el.textContent = line;
      why.append(el);
    }
    slot.replaceChildren(badge, why);
  }
}

/** The explanation as sentences (all text from the engine and the user's own interests). */
export function explanationLines(score: EntryScore): string[] {
  const list = (xs: readonly string[]) => xs.map((x) => `“${x}”`).join(', ');
  const lines = [`Relevance ${score.score}/100 (${TIER_LABEL[score.tier]})${score.topic ? ` for ${score.topic}` : ''}.`];
  const { why } = score;
  if (why.keywords.length > 0) lines.push(`Matches your keywords: ${list(why.keywords)}.`);
  if (why.authors.length > 0) lines.push(`By ${why.authors.length === 1 ? 'an author' : 'authors'} you follow: ${why.authors.join(', ')}.`);
  if (why.muted.length > 0) lines.push(`Muted: ${list(why.muted)}.`);
  if (why.categories.length > 0) lines.push(`In your ${why.categories.length === 1 ? 'category' : 'categories'} ${why.categories.join(', ')}.`);
  if (why.raising.length > 0) lines.push(`Raised by: ${list(why.raising)}.`);
  if (why.lowering.length > 0) lines.push(`Lowered by: ${list(why.lowering)}.`);
  if (lines.length === 1) lines.push('Nothing in it matches your interests or the papers you starred.');
  return lines;
}

function sameScore(a: EntryScore | null, b: EntryScore | null): boolean {
  return a === b || (a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));
}

function toggle(el: HTMLElement, on: boolean, labels: typeof STAR): void {
  el.setAttribute('aria-pressed', String(on));
  el.textContent = on ? labels.on : labels.off;
  el.title = on ? labels.titleOn : labels.titleOff;
}
