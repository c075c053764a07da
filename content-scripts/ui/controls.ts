/**
 * The per-entry control: star and read toggles, a "new" mark and a slot for the relevance badge.
 * It lives in an open shadow root so the page's CSS cannot restyle it and ours cannot leak
 * into the page. All text is set with textContent / attributes, never innerHTML: titles come
 * from the page and are hostile input.
 *
 * Contract (black-box tests rely on it): the host carries data-paper-radar-id="<canonical id>";
 * buttons carry data-paper-radar-action="star" | "read" and show their state in aria-pressed.
 */
import type { PaperState } from '../../src/core/paper';
import { CONTROL_CSS } from './styles';

export type ControlAction = 'star' | 'read';

export interface ControlView {
  readonly host: HTMLElement;
  render(state: PaperState | undefined, options: { isNew: boolean; pending?: boolean }): void;
  showError(message: string | null): void;
}

let sharedSheet: CSSStyleSheet | null | undefined;

/** One constructed stylesheet shared by every shadow root (cheap for 2,000 entries). */
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

let template: HTMLTemplateElement | null = null;
function controlTemplate(doc: Document): HTMLTemplateElement {
  if (template && template.ownerDocument === doc) return template;
  template = doc.createElement('template');
  const bar = doc.createElement('span');
  bar.className = 'bar';
  bar.append(
    button(doc, 'star', 'star'),
    button(doc, 'read', 'read'),
    slot(doc, 'relevance', 'badge'),
    slot(doc, 'new', 'new'),
    slot(doc, 'error', 'error'),
  );
  template.content.append(bar);
  return template;
}

function button(doc: Document, action: ControlAction, className: string): HTMLButtonElement {
  const el = doc.createElement('button');
  el.type = 'button';
  el.className = className;
  el.dataset.paperRadarAction = action;
  el.setAttribute('aria-pressed', 'false');
  return el;
}

function slot(doc: Document, name: string, className: string): HTMLSpanElement {
  const el = doc.createElement('span');
  el.className = className;
  el.dataset.paperRadarSlot = name;
  el.hidden = true;
  return el;
}

export function createControl(
  doc: Document,
  paper: { id: string; title: string },
  onAction: (action: ControlAction) => void,
): ControlView {
  const host = doc.createElement('span');
  host.dataset.paperRadarId = paper.id;
  host.className = 'paper-radar-control';
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = constructedSheet();
  if (sheet) shadow.adoptedStyleSheets = [sheet];
  else {
    const style = doc.createElement('style');
    style.textContent = CONTROL_CSS;
    shadow.append(style);
  }
  shadow.append(controlTemplate(doc).content.cloneNode(true));

  const star = shadow.querySelector<HTMLButtonElement>('[data-paper-radar-action="star"]')!;
  const read = shadow.querySelector<HTMLButtonElement>('[data-paper-radar-action="read"]')!;
  const isNewMark = shadow.querySelector<HTMLElement>('[data-paper-radar-slot="new"]')!;
  const error = shadow.querySelector<HTMLElement>('[data-paper-radar-slot="error"]')!;
  const shortTitle = paper.title.length > 90 ? `${paper.title.slice(0, 87)}…` : paper.title;
  star.setAttribute('aria-label', `Star: ${shortTitle}`);
  read.setAttribute('aria-label', `Read: ${shortTitle}`);
  isNewMark.textContent = 'new';
  isNewMark.title = 'You have not seen this paper before';

  shadow.addEventListener('click', (event) => {
    const target = (event.target as Element).closest<HTMLButtonElement>('button[data-paper-radar-action]');
    if (!target) return;
    // The page must not see our clicks as clicks on its own entry (e.g. a card that navigates).
    event.stopPropagation();
    event.preventDefault();
    onAction(target.dataset.paperRadarAction as ControlAction);
  });

  return {
    host,
    render(state, { isNew, pending = false }) {
      const starred = state?.starred ?? false;
      const isRead = state?.read ?? false;
      star.setAttribute('aria-pressed', String(starred));
      star.textContent = starred ? '★' : '☆';
      star.title = starred ? 'Starred: click to unstar' : 'Star: save to your Paper Radar library';
      read.setAttribute('aria-pressed', String(isRead));
      read.textContent = isRead ? '✓ read' : 'read';
      read.title = isRead ? 'Read: click to mark unread' : 'Mark as read';
      isNewMark.hidden = !isNew;
      host.toggleAttribute('data-paper-radar-pending', pending);
    },
    showError(message) {
      error.hidden = message === null;
      error.textContent = message === null ? '' : '!';
      error.title = message ?? '';
      if (message !== null) error.setAttribute('role', 'alert');
      else error.removeAttribute('role');
    },
  };
}
