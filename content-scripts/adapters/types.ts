/**
 * The site adapter contract. One module per site (content-scripts/adapters/<site>.ts), each
 * saying which URLs it handles and how to find paper entries in a Document. Adapters are plain
 * DOM code: they run unchanged in the content script and in Node (jsdom) for tests and the
 * `npm run detect` CLI. They never modify the page.
 */
import type { PaperId } from '../../src/core/ids';
import type { PaperMeta } from '../../src/core/paper';

/** Where the Paper Radar control of an entry goes, relative to an element of the entry. */
export interface ControlPlacement {
  anchor: Element;
  position: InsertPosition;
  /** The heading the control goes into, where it goes into one: named by the title alone meanwhile (ui/heading-name.ts). */
  heading?: Element | undefined;
}

export interface ExtractedEntry {
  /** The canonical paper id. */
  id: PaperId;
  /** The title as the page shows it (within LIMITS.title). May be read from the page when first asked for. */
  readonly title: string;
  /**
   * An element of the page that shows the title and does not hold the control, where there is
   * one. The control's group is then named by reference to it (ariaLabelledByElements): the
   * browser reads its text when a screen reader asks, and the annotation need not read 2,000
   * titles up front. Without it (or in a browser without element reflection) the group is named
   * by a copy of `title`.
   */
  readonly titleElement?: Element;
  /** The listing section the entry is in, e.g. "new", "cross-list", "replacement"; null when the page has none. */
  section: string | null;
  /**
   * The heading the page shows above the entry's section (arXiv's "Cross submissions for …" or
   * day, an ACL year), where it has one: hidden with the section's entries when every one of
   * them is hidden, so that no empty section is left behind.
   */
  readonly sectionHeading?: Element | undefined;
  /** The elements that make up the entry on the page (e.g. arXiv's <dt> and <dd>), in page order. */
  elements: Element[];
  placement: ControlPlacement;
  /**
   * The other ids the page gives the paper (its `paper.aliases`), read up front by the adapters
   * whose pages name some (a Scholar result's cluster next to its arXiv id, an ACL entry's DOI):
   * the entry shows the marks of the paper stored under any of them. Absent: none.
   */
  readonly aliases?: readonly PaperId[];
  /**
   * Everything the page says about the paper. Read on first use and then kept: reading every
   * field of a 2,000-entry listing (some 18,000 author names) costs more than annotating it, and
   * the controls need only the id and title.
   */
  readonly paper: PaperMeta;
}

/**
 * `titleEl` as an entry's titleElement: unless a control placed at `placement` would sit inside
 * it (the group's name would then take in its own buttons' text).
 */
export function titleElementFor(titleEl: Element | null, placement: ControlPlacement): Element | undefined {
  if (!titleEl) return undefined;
  const { anchor, position } = placement;
  const intoAnchor = position === 'afterbegin' || position === 'beforeend';
  const inside = intoAnchor ? titleEl.contains(anchor) : titleEl !== anchor && titleEl.contains(anchor);
  return inside ? undefined : titleEl;
}

/** An ExtractedEntry whose `paper` is read by `readPaper` when first asked for. */
export function lazyEntry(fields: Omit<ExtractedEntry, 'paper'>, readPaper: () => PaperMeta): ExtractedEntry {
  return new LazyEntry(fields, readPaper);
}

// A class, not an object literal with a getter: a listing makes thousands of these, and
// literals mixing spread and accessors take V8's slow path (and feed the garbage collector).
class LazyEntry implements ExtractedEntry {
  readonly id: PaperId;
  readonly title: string;
  readonly titleElement: Element | undefined;
  readonly section: string | null;
  readonly sectionHeading: Element | undefined;
  readonly elements: Element[];
  readonly placement: ControlPlacement;
  readonly aliases: readonly PaperId[] | undefined;
  private read: (() => PaperMeta) | null;
  private meta: PaperMeta | null = null;

  constructor(fields: Omit<ExtractedEntry, 'paper'>, readPaper: () => PaperMeta) {
    this.id = fields.id;
    this.title = fields.title;
    this.titleElement = fields.titleElement;
    this.section = fields.section;
    this.sectionHeading = fields.sectionHeading;
    this.elements = fields.elements;
    this.placement = fields.placement;
    this.aliases = fields.aliases;
    this.read = readPaper;
  }

  get paper(): PaperMeta {
    if (this.meta === null) {
      this.meta = this.read!();
      this.read = null;
    }
    return this.meta;
  }
}

export interface ExtractOptions {
  /**
   * Entries whose first element this returns true for are left out without reading anything
   * else: when a list grows, only the new entries are read.
   */
  skip?: (first: Element) => boolean;
}

export interface SiteAdapter {
  /** Short site name used in output and stored records: "arxiv", … */
  readonly site: string;
  /** True when this adapter handles pages at `url` (listing, search or paper pages it knows). */
  matches(url: URL): boolean;
  /**
   * A CSS selector matching the first element of every entry on pages at `url`. When the page
   * adds nodes (infinite scroll, client-side rendering), only nodes matching or containing it
   * lead to a new extraction; other changes cost nothing.
   */
  entrySelector(url: URL): string;
  /** Every paper entry on the page, in page order. Must not throw on unexpected markup. */
  extract(doc: Document, url: URL, options?: ExtractOptions): ExtractedEntry[];
  /**
   * True when pages at `url` are about one paper (arXiv's /abs/<id>): its entry is the page's
   * own content, which is never hidden, even when the user hides dismissed papers. Absent: none.
   */
  isPaperPage?(url: URL): boolean;
  /**
   * The element that sums up a listing at `url` whose entries are under no section heading
   * (arXiv search's "Showing 1–50 of 1,234 results", Scholar's "About 30 results"): where the
   * user hides dismissed papers, it says how many of them are hidden. Null when the page has
   * none; absent on sites whose listings all have section headings.
   */
  listingSummary?(doc: Document, url: URL): Element | null;
}
