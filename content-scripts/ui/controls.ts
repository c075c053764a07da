/**
 * The per-entry control: star and read toggles, a "new" mark, a slot for the relevance badge.
 * It lives in an open shadow root so the page's CSS cannot restyle it and ours cannot leak
 * into the page. All text is set with textContent / attributes, never innerHTML: titles come
 * from the page and are hostile input.
 *
 * Contract (black-box tests rely on it): the host carries data-paper-radar-id="<canonical id>";
 * buttons carry data-paper-radar-action="star" | "read" and show their state in aria-pressed;
 * the host has data-paper-radar-new while the paper is new to the user.
 *
 * A listing can have 2,000 entries, so building one control is kept to a handful of DOM calls:
 * one clone of a prepared template (already showing the default state), children found by
 * position, one shared stylesheet and one click listener for the whole page, and rendering that
 * touches only what changed.
 */
import type { PaperState } from '../../src/core/paper';
import { CONTROL_CSS } from './styles';

export type ControlAction = 'star' | 'read';

export type SlotName = 'relevance' | 'error';

export interface ControlView {
  readonly host: HTMLElement;
  /** The element for a part shown only when there is something to show (made on first use). */
  slot(name: SlotName): HTMLElement;
  render(state: PaperState | undefined, options: { isNew: boolean; pending?: boolean }): void;
  showError(message: string | null): void;
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
  bar.append(button(doc, 'star', STAR.off, STAR.titleOff), button(doc, 'read', READ.off, READ.titleOff));
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
  private slots: Partial<Record<SlotName, HTMLElement>> | null = null;
  // What is on screen now; render() changes only what differs.
  private starred = false;
  private isRead = false;
  private isNew = false;
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
    this.read = this.bar.lastElementChild as HTMLButtonElement;
    const shortTitle = paper.title.length > 90 ? `${paper.title.slice(0, 87)}…` : paper.title;
    this.star.setAttribute('aria-label', `Star: ${shortTitle}`);
    this.read.setAttribute('aria-label', `Read: ${shortTitle}`);
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
      if (name === 'relevance') this.read.after(el);
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
}

function toggle(el: HTMLElement, on: boolean, labels: typeof STAR): void {
  el.setAttribute('aria-pressed', String(on));
  el.textContent = on ? labels.on : labels.off;
  el.title = on ? labels.titleOn : labels.titleOff;
}
