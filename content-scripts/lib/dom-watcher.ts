/**
 * One MutationObserver for the document's lifetime. Most page changes are unrelated to paper
 * entries (a ticking clock, a tooltip, ads): for those the callback only checks node types and
 * one string, and returns. It calls back when
 *   - the URL changed (client-side navigation: pushState happens with DOM changes; back and
 *     forward: popstate, and the Navigation API's navigatesuccess where there is one),
 *   - nodes were added that are, or contain, entries (`selector`), e.g. infinite scroll,
 *   - entries or our controls were removed (the page may re-render them),
 *   - a link's address changed, or links were added (a framework may patch a list in place, so
 *     that the same element now shows another paper).
 */
export interface DomWatcherCallbacks {
  /** The CSS selector of entries on the current page, or null when no adapter handles it. */
  selector(): string | null;
  onUrlChange(): void;
  /** Entries were added (and no links: see onLinksChanged). */
  onEntriesAdded(): void;
  onRemoved(): void;
  /**
   * Links (<a href>) the page added or whose href it changed; none of ours. `entriesAdded`:
   * entries were added in the same batch, and are the callee's to annotate (onEntriesAdded is not
   * called): cards arriving hold links, and reading the page twice per batch, once for each
   * callback, made a long infinite scroll's every batch cost twice what it needs.
   */
  onLinksChanged(links: Element[], entriesAdded: boolean): void;
}

export class DomWatcher {
  private readonly observer: MutationObserver;
  private href: string;
  private connected = true;

  constructor(
    private readonly doc: Document,
    private readonly callbacks: DomWatcherCallbacks,
  ) {
    this.href = pageAddress(doc);
    const MO = doc.defaultView?.MutationObserver ?? MutationObserver;
    this.observer = new MO((records) => this.handle(records));
    this.observe();
    const win = doc.defaultView;
    win?.addEventListener('popstate', this.onNavigation);
    (win as { navigation?: EventTarget } | null)?.navigation?.addEventListener('navigatesuccess', this.onNavigation);
  }

  private readonly onNavigation = (): void => void this.checkUrl();

  private observe(): void {
    // Of attributes only href: a page changing classes and styles as the user points and scrolls
    // costs the observer nothing.
    this.observer.observe(this.doc.documentElement, { childList: true, subtree: true, attributeFilter: ['href'] });
  }

  /**
   * Checks the URL (also called on popstate / navigation events). A change of the fragment alone
   * is no new page: following an in-page link (arXiv's "Cross-lists" jump to #item15, a "skip to
   * content" link) fires popstate, and ending the session there lost the page's undo history,
   * its "new" marks and the entry keyboard triage was on.
   */
  checkUrl(): boolean {
    // A copy of the script cut off from the extension (updated, turned off) must start nothing
    // when the user goes back: its controls could only fail, and would take the live copy's off.
    if (!this.connected) return false;
    const href = pageAddress(this.doc);
    if (href === this.href) return false;
    this.href = href;
    this.callbacks.onUrlChange();
    return true;
  }

  /**
   * Runs `change` (our own insertions and moves) unobserved. JavaScript runs to completion, so
   * nothing else can change the page meanwhile: nothing is missed, and the observer makes no
   * records of 2,000 insertions only to have them dropped. Records queued before are handled
   * as usual, in a microtask as the observer would have.
   */
  unwatched(change: () => void): void {
    const queued = this.observer.takeRecords();
    this.observer.disconnect();
    try {
      change();
    } finally {
      if (this.connected) this.observe();
      if (queued.length > 0) queueMicrotask(() => this.handle(queued));
    }
  }

  disconnect(): void {
    this.connected = false;
    this.observer.disconnect();
    const win = this.doc.defaultView;
    win?.removeEventListener('popstate', this.onNavigation);
    (win as { navigation?: EventTarget } | null)?.navigation?.removeEventListener('navigatesuccess', this.onNavigation);
  }

  private handle(records: MutationRecord[]): void {
    if (this.checkUrl()) return; // a new page: the session for it extracts everything anyway
    const selector = this.callbacks.selector();
    if (selector === null) return;
    const removedSelector = `${selector}, ${CONTROL_SELECTOR}`;
    let added = false;
    let removed = false;
    const links: Element[] = [];
    for (const record of records) {
      if (record.type === 'attributes') {
        if ((record.target as Element).localName === 'a') links.push(record.target as Element);
        continue;
      }
      removed ||= anyMatches(record.removedNodes, removedSelector);
      added ||= anyMatches(record.addedNodes, selector);
      addLinks(record.addedNodes, links);
    }
    if (removed) this.callbacks.onRemoved();
    if (links.length > 0) this.callbacks.onLinksChanged(links, added);
    else if (added) this.callbacks.onEntriesAdded();
  }
}

/** The document's address without its fragment. */
function pageAddress(doc: Document): string {
  const href = doc.location?.href ?? '';
  const hash = href.indexOf('#');
  return hash === -1 ? href : href.slice(0, hash);
}

/** Our controls' hosts (see ui/controls.ts). */
const CONTROL_SELECTOR = '[data-paper-radar-id]';

/** Adds the links among `nodes` and inside them to `links`. */
function addLinks(nodes: NodeList, links: Element[]): void {
  for (const node of nodes) {
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (el.localName === 'a' && el.hasAttribute('href')) links.push(el);
    // One by one: spread as arguments, a subtree of some 130,000 links overflowed the stack.
    else if (el.firstElementChild !== null) for (const link of el.querySelectorAll('a[href]')) links.push(link);
  }
}

/** True when one of `nodes` is, or contains, an element matching `selector`. */
function anyMatches(nodes: NodeList, selector: string): boolean {
  for (const node of nodes) {
    if (node.nodeType !== 1) continue; // text: a clock tick, a counter
    const el = node as Element;
    if (el.matches(selector) || el.querySelector(selector) !== null) return true;
  }
  return false;
}
