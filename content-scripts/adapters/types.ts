/**
 * The site adapter contract. One module per site (content-scripts/adapters/<site>.ts), each
 * saying which URLs it handles and how to find paper entries in a Document. Adapters are plain
 * DOM code: they run unchanged in the content script and in Node (jsdom) for tests and the
 * `npm run detect` CLI. They never modify the page.
 */
import type { PaperMeta } from '../../src/core/paper';

/** Where the Paper Radar control of an entry goes, relative to an element of the entry. */
export interface ControlPlacement {
  anchor: Element;
  position: InsertPosition;
}

export interface ExtractedEntry {
  paper: PaperMeta;
  /** The listing section the entry is in, e.g. "new", "cross-list", "replacement"; null when the page has none. */
  section: string | null;
  /** The elements that make up the entry on the page (e.g. arXiv's <dt> and <dd>), in page order. */
  elements: Element[];
  placement: ControlPlacement;
}

export interface SiteAdapter {
  /** Short site name used in output and stored records: "arxiv", … */
  readonly site: string;
  /** True when this adapter handles pages at `url` (listing, search or paper pages it knows). */
  matches(url: URL): boolean;
  /** Every paper entry on the page, in page order. Must not throw on unexpected markup. */
  extract(doc: Document, url: URL): ExtractedEntry[];
}
