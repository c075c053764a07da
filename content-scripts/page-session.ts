/**
 * Paper Radar on one page (one URL): extracts and annotates the entries, then keeps up with the
 * page — entries added later (infinite scroll, client-side rendering) are annotated once, entries
 * the page removes and re-renders get their control back, entries the page reuses for another
 * paper get that paper's control, and destroy() removes every trace when the user navigates
 * away (client-side navigation keeps the document, so this matters).
 */
import type { Messenger } from '../src/messenger';
import type { SiteAdapter } from './adapters/types';
import { SeenTracker } from './lib/seen-tracker';
import { PageAnnotator } from './page-annotator';

export interface SessionReport {
  entries: number;
  annotated: number;
  /** When reading the entries began (performance.now()), for the benchmark's phases. */
  extractStartedAt: number;
}

export class PageSession {
  readonly annotator: PageAnnotator;
  readonly selector: string;
  /** The site the adapter reads (what the page's report names). */
  readonly site: string;
  private destroyed = false;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly adapter: SiteAdapter,
    private readonly doc: Document,
    private readonly url: URL,
    messenger: Messenger,
    /** `afterNavigation`: not the document's first session (the site navigated client-side). */
    private readonly options: {
      trackSeen?: boolean;
      privateWindow?: boolean;
      afterNavigation?: boolean;
      unwatched?: (change: () => void) => void;
      /** See AnnotatorOptions.seenInDocument. */
      seenInDocument?: Set<string>;
    } = {},
  ) {
    this.selector = adapter.entrySelector(url);
    this.site = adapter.site;
    this.annotator = new PageAnnotator({
      doc,
      messenger,
      unwatched: options.unwatched,
      privateWindow: options.privateWindow,
      seenInDocument: options.seenInDocument,
      createSeenTracker: options.trackSeen === false ? undefined : (onSeen) => new SeenTracker(doc, onSeen),
    });
  }

  /** The first extraction and annotation. */
  async start(): Promise<SessionReport> {
    let found = 0;
    let extractMs = 0;
    let extractStartedAt = 0;
    const annotated = await this.serialize(() => {
      extractStartedAt = performance.now();
      const entries = this.adapter.extract(this.doc, this.url);
      this.findListingSummary();
      extractMs = performance.now() - extractStartedAt;
      found = entries.length;
      // After client-side navigation, the site may have cloned cards with the last page's controls.
      const removeCopies = this.options.afterNavigation === true;
      return this.placed(() => this.annotator.annotate(entries, { taskStartedAt: extractStartedAt, removeCopies }));
    });
    this.annotator.lastTimings.extract = extractMs;
    return { entries: found, annotated, extractStartedAt };
  }

  /** New entries may be on the page: annotate those not annotated yet (and only read those). */
  entriesAdded(): Promise<number> {
    return this.serialize(() => this.annotateNew());
  }

  /** Entries or controls were removed: forget what left, re-annotate what lost its control. */
  removed(): Promise<number> {
    return this.serialize(() => {
      this.annotator.prune();
      return this.annotateNew();
    });
  }

  /**
   * The page added these links or changed their addresses. An entry holding one may now show
   * another paper (a framework reusing its elements): it is read again, and if its paper
   * changed, it gets a control of the new paper's (and none if it no longer shows one). An entry
   * without a control may now show one. `entriesAdded`: the page added entries too, annotated here.
   */
  linksChanged(links: readonly Element[], entriesAdded = false): Promise<number> {
    return this.serialize(() => {
      const suspects = this.annotator.entriesHolding(links);
      if (suspects.size === 0) {
        if (entriesAdded) return this.annotateNew();
        // A link in an entry without a control may make it show a paper (a placeholder card
        // given its address, a card rewritten from showing none): new entries are looked for.
        const inNewEntry = links.some((link) => {
          const entry = link.closest(this.selector);
          return entry !== null && !this.annotator.isAnnotated(entry);
        });
        return inNewEntry ? this.annotateNew() : Promise.resolve(0);
      }
      const reread = (el: Element) => suspects.has(el) || !this.annotator.isAnnotated(el);
      const current = this.adapter.extract(this.doc, this.url, { skip: (el) => !reread(el) });
      if (entriesAdded) this.findListingSummary(); // drawn anew with the entries, perhaps (as annotateNew)
      this.annotator.forgetReused(suspects, current);
      return this.placed(() => this.annotator.annotate(current, { stateFirst: false }));
    });
  }

  /** Resolves once the updates under way (the first annotation, entries added) are done. */
  async idle(): Promise<void> {
    await this.pending;
  }

  /** Reads again the states of `ids` (by default every paper shown) and shows them. */
  refresh(ids?: readonly string[]): Promise<void> {
    return this.annotator.refresh(ids);
  }

  /** The model changed: every entry's score is asked for again. */
  rescore(): Promise<void> {
    return this.annotator.rescore();
  }

  destroy(): void {
    this.destroyed = true;
    this.annotator.destroy();
  }

  private annotateNew(): Promise<number> {
    const entries = this.adapter.extract(this.doc, this.url, { skip: this.annotator.isAnnotated });
    this.findListingSummary(); // the page may have drawn it anew with the entries
    return this.placed(() => this.annotator.annotate(entries, { stateFirst: false }));
  }

  /**
   * Runs `annotate`, then reads again, once, the entries it could place no control in: controls
   * are made while the states are on their way and put in afterwards, and a page that redrew an
   * entry meanwhile (a framework hydrating, a slow worker start) took away the element a control
   * goes beside, with no change of the page's to come that would bring it back. Annotated with
   * stateFirst false, their controls go in before any wait. Resolves to the entries annotated.
   */
  private async placed(annotate: () => Promise<number>): Promise<number> {
    const unplaced = this.annotator.unplaced;
    const annotated = await annotate();
    if (this.destroyed || this.annotator.unplaced === unplaced) return annotated;
    const entries = this.adapter.extract(this.doc, this.url, { skip: this.annotator.isAnnotated });
    return annotated + (await this.annotator.annotate(entries, { stateFirst: false }));
  }

  private findListingSummary(): void {
    this.annotator.setListingSummary(this.adapter.listingSummary?.(this.doc, this.url) ?? null);
  }

  /** One update at a time, in order: an update never sees another's half-built controls. */
  private serialize(update: () => Promise<number>): Promise<number> {
    const next = this.pending.then(() => (this.destroyed ? 0 : update()));
    this.pending = next.catch(() => {});
    return next;
  }
}
