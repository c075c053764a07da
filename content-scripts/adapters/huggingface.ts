/**
 * The Hugging Face adapter: the paper listings on https://huggingface.co (/papers, which is the
 * daily view, /papers/date/YYYY-MM-DD, /papers/week/YYYY-Www, /papers/month/YYYY-MM,
 * /papers/trending, and search results, which are /papers?q=… and /papers/trending?q=…) and a
 * paper's own page (/papers/<arXiv id>). Every Hugging Face paper is an arXiv paper, so ids are
 * `arxiv:<id>` and the records meet the ones the arXiv adapter makes.
 *
 * Markup, as seen in the saved daily page (../shared/fixtures/pages/huggingface, build
 * kube-3b444dc, 2026-09-28), a Svelte app rendered on the server and hydrated in the tab:
 *
 *   <div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="{…json…}">
 *     …<article>                                   one card per paper, in page order
 *        <a href="/papers/<id>"><img …></a>         thumbnail (or video) link
 *        …<h3><a href="/papers/<id>">Title</a></h3> the title, a link
 *        …<a href="/papers/<id>"><ul><li title="Name">…</li>… · 48 authors</ul></a>
 *                                                    first author avatars (names or user
 *                                                    handles, at most 5): not a reliable list
 *        …<a href="/papers/<id>#community">2</a>     comment count
 *      </article>…
 *   </div>
 *
 * The cards are *inside* the hydrater element, and data-props holds the same list as JSON:
 * { dailyPapers: [{ paper: { id, title, summary, authors: [{ name, hidden, user? }], … },
 *   title, summary, … }], dateString, periodType, isTrending, query, … }. The JSON is the only
 * source of the abstract and the full author list; the DOM is the truth about what is shown.
 * After client-side navigation (another day, a search) the app re-renders the cards but the
 * attribute keeps the server's first list. So entries come from the cards, always, in DOM order,
 * and a JSON paper only enriches the card with the same /papers/<id> link: papers the JSON
 * lists but the DOM no longer shows are not entries, and cards the JSON does not know (or a page
 * without JSON) get authors [] and abstract null (mergeMeta then keeps what is stored).
 *
 * Class names are build artifacts (Tailwind) and are not used: cards are <article>s, titles
 * the first heading with a /papers/<id> link. Unverified (no saved page): /papers/trending and
 * search results are assumed to use the same cards (the DailyPapers props carry isTrending and
 * query, so one component serves them); a paper page is read from its <h1> and, when present, a
 * hydrater prop `paper` with the same id.
 */
import { arxivAbsUrl, arxivPaperId, arxivPdfUrl, parseArxivId } from '../../src/core/ids';
import { clampMeta, LIMITS, type PaperMeta } from '../../src/core/paper';
import { decodeHtmlEntities, decodeURIComponentSafe, truncate } from '../../src/core/text';
import { lazyEntry, titleElementFor, type ControlPlacement, type ExtractedEntry, type ExtractOptions, type SiteAdapter } from './types';
import { attempt, readText } from './read-text';

// ---------------------------------------------------------------------------------------------
// Selectors

/** Listing pages (daily / weekly / monthly / trending / search). */
const LIST = {
  /** The page's main element (the cards are in it); the whole body when it is missing. */
  root: 'main',
  /** One card per paper. */
  card: 'article',
  /** The title is the first heading of the card that links its paper. */
  heading: 'h1, h2, h3, h4',
  /** Links to a paper page, relative (what the app renders) or absolute. */
  paperLink: 'a[href^="/papers/"], a[href^="https://huggingface.co/papers/"]',
  /** Without any <article>: headings that link a paper stand for the cards. */
  fallbackHeading: 'h2, h3',
  /** The page's own heading ("Daily Papers"): the cards have no sections. */
  summary: 'main h1',
} as const;

/** A paper's own page. */
const PAPER_PAGE = {
  root: 'main',
  title: 'h1',
} as const;

/** The server-rendered props of the Svelte components (SVELTE_HYDRATER divs). */
const EMBEDDED = {
  hydrater: '[data-target][data-props]',
  propsAttribute: 'data-props',
} as const;

/** data-props longer than this are not parsed (the saved daily page's is 190 KB). */
export const MAX_PROPS_CHARS = 4_000_000;
/** Papers read from one JSON list at most (a month view shows a few hundred). */
const MAX_JSON_PAPERS = 5_000;

// ---------------------------------------------------------------------------------------------
// URLs

const HOSTS = new Set(['huggingface.co']);
const LISTING_PATH = new RegExp(
  '^/papers(?:/(?:trending' +
    '|date/\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])' +
    '|week/\\d{4}-W(?:0[1-9]|[1-4]\\d|5[0-3])' +
    '|month/\\d{4}-(?:0[1-9]|1[0-2])))?/?$',
);
const PAPER_PATH = /^\/papers\/([^/]+)\/?$/;
/** An href naming a paper page: /papers/<id>, optionally absolute, with any #fragment or ?query. */
const PAPER_HREF = /^(?:https:\/\/huggingface\.co)?\/papers\/([^/?#]+)\/?(?:[?#].*)?$/;

type Page = { kind: 'listing' } | { kind: 'paper'; bareId: string };
type Skip = NonNullable<ExtractOptions['skip']>;

function pageOf(url: URL): Page | null {
  if (url.protocol !== 'https:' || !HOSTS.has(url.hostname)) return null;
  const path = url.pathname;
  if (LISTING_PATH.test(path)) return { kind: 'listing' };
  const paper = PAPER_PATH.exec(path);
  const bareId = paper ? parseArxivId(decodeURIComponentSafe(paper[1]!)) : null;
  return bareId ? { kind: 'paper', bareId } : null;
}

// ---------------------------------------------------------------------------------------------
// The adapter

export const huggingfaceAdapter: SiteAdapter = {
  site: 'huggingface',

  matches(url: URL): boolean {
    return pageOf(url) !== null;
  },

  isPaperPage(url: URL): boolean {
    return pageOf(url)?.kind === 'paper';
  },

  listingSummary(doc: Document, url: URL): Element | null {
    return pageOf(url)?.kind === 'listing' ? doc.querySelector(LIST.summary) : null;
  },

  entrySelector(url: URL): string {
    // Cards; headings stand for them on a listing without <article>s.
    return pageOf(url)?.kind === 'paper' ? PAPER_PAGE.title : `${LIST.card}, ${LIST.fallbackHeading}`;
  },

  extract(doc: Document, url: URL, { skip = () => false }: ExtractOptions = {}): ExtractedEntry[] {
    try {
      const page = pageOf(url);
      if (!page) return [];
      // Parsed on the first metadata read, once for all entries of this extraction.
      const embedded = once(() => attempt(() => readEmbeddedPapers(doc)) ?? new Map<string, JsonPaper>());
      return page.kind === 'listing'
        ? extractListing(doc, embedded, skip)
        : extractPaperPage(doc, page.bareId, embedded, skip);
    } catch {
      return [];
    }
  },
};

// ---------------------------------------------------------------------------------------------
// Listings

function extractListing(doc: Document, embedded: () => EmbeddedPapers, skip: Skip): ExtractedEntry[] {
  const root = doc.querySelector(LIST.root) ?? doc.body;
  if (!root) return [];
  const entries: ExtractedEntry[] = [];
  const cards = root.querySelectorAll(LIST.card);
  if (cards.length > 0) {
    for (const card of cards) {
      if (skip(card)) continue;
      const entry = attempt(() => cardEntry(card, embedded));
      if (entry) entries.push(entry);
    }
    return entries;
  }
  for (const heading of root.querySelectorAll(LIST.fallbackHeading)) {
    if (skip(heading)) continue;
    const entry = attempt(() => headingEntry(heading, embedded));
    if (entry) entries.push(entry);
  }
  return entries;
}

function cardEntry(card: Element, embedded: () => EmbeddedPapers): ExtractedEntry | null {
  const found = findTitle(card);
  if (!found) return null;
  return entryOf(found, [card], embedded);
}

/** A heading standing for a card (pages without <article>s): it must link the paper itself. */
function headingEntry(heading: Element, embedded: () => EmbeddedPapers): ExtractedEntry | null {
  const link = firstPaperLink(heading);
  if (!link) return null;
  return entryOf({ titleEl: link.el, bareId: link.bareId }, [heading], embedded);
}

interface FoundTitle {
  /** The element whose text is the title: the heading's paper link, else the heading. */
  titleEl: Element;
  bareId: string;
}

/**
 * The card's title and paper: the first heading with a /papers/<id> link (the saved page's h3),
 * else the first heading with text and the card's first paper link (or a link around the card).
 */
function findTitle(card: Element): FoundTitle | null {
  let firstHeading: Element | null = null;
  for (const heading of card.querySelectorAll(LIST.heading)) {
    const link = firstPaperLink(heading);
    if (link) return { titleEl: link.el, bareId: link.bareId };
    firstHeading ??= heading;
  }
  if (!firstHeading) return null;
  const link = firstPaperLink(card) ?? enclosingPaperLink(card);
  return link ? { titleEl: firstHeading, bareId: link.bareId } : null;
}

function entryOf(found: FoundTitle, elements: Element[], embedded: () => EmbeddedPapers): ExtractedEntry | null {
  const { titleEl, bareId } = found;
  const shown = readText(titleEl, { max: LIMITS.title * 2 });
  if (!shown) return null;
  const title = truncate(shown, LIMITS.title);
  const placement = placementAfterTitle(titleEl);
  return lazyEntry(
    { id: arxivPaperId(bareId), title, titleElement: titleElementFor(titleEl, placement), section: null, elements, placement },
    () => paperMeta(bareId, title, embedded().get(bareId) ?? null),
  );
}

// ---------------------------------------------------------------------------------------------
// A paper's own page (unverified: no saved page)

function extractPaperPage(
  doc: Document,
  bareId: string,
  embedded: () => EmbeddedPapers,
  skip: Skip,
): ExtractedEntry[] {
  const root = doc.querySelector(PAPER_PAGE.root) ?? doc.body;
  const h1 = root?.querySelector(PAPER_PAGE.title) ?? null;
  if (!h1 || skip(h1)) return [];
  const shown = readText(h1, { max: LIMITS.title * 2 });
  if (!shown) return [];
  const title = truncate(shown, LIMITS.title);
  return [
    lazyEntry(
      { id: arxivPaperId(bareId), title, section: null, elements: [h1], placement: placementAfterTitle(h1) },
      () => paperMeta(bareId, title, embedded().get(bareId) ?? null),
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// Placement

/**
 * Inline right after the title. The control must not sit inside a link (a click on it would
 * follow the link): when the title is in one (the card's <h3><a>), it goes after the outermost
 * link around the title; otherwise at the end of the title element. Either way it is usually
 * inside the card's heading, which says so (ControlPlacement.heading).
 */
function placementAfterTitle(titleEl: Element): ControlPlacement {
  let outerLink: Element | null = null;
  for (let el: Element | null = titleEl; el; el = el.parentElement) {
    if (el.localName === 'a') outerLink = el;
  }
  const [anchor, position, parent]: [Element, InsertPosition, Element | null] = outerLink ? [outerLink, 'afterend', outerLink.parentElement] : [titleEl, 'beforeend', titleEl];
  return { anchor, position, heading: parent?.closest('h1, h2, h3, h4, h5, h6') ?? undefined };
}

// ---------------------------------------------------------------------------------------------
// The embedded JSON

/** What the JSON says about one paper, validated. */
interface JsonPaper {
  title: string | null;
  summary: string | null;
  authors: string[];
}

/** JSON papers by bare arXiv id (the first one seen wins). */
type EmbeddedPapers = Map<string, JsonPaper>;

/**
 * Every paper in the page's hydrater props: the `dailyPapers` list (each item `{ paper, title,
 * summary }` or a bare paper), a `papers` list, or a single `paper`. Props that are too long,
 * do not parse or have another shape are skipped.
 */
function readEmbeddedPapers(doc: Document): EmbeddedPapers {
  const papers: EmbeddedPapers = new Map();
  for (const el of doc.querySelectorAll(EMBEDDED.hydrater)) {
    const raw = el.getAttribute(EMBEDDED.propsAttribute);
    // A cheap look before parsing: most hydraters are theme switchers and headers.
    if (!raw || raw.length > MAX_PROPS_CHARS || !/"(?:dailyPapers|papers|paper)"/.test(raw)) continue;
    const props = attempt(() => JSON.parse(raw) as unknown);
    if (!isObject(props)) continue;
    for (const list of [props.dailyPapers, props.papers]) {
      if (!Array.isArray(list)) continue;
      for (const item of list.slice(0, MAX_JSON_PAPERS)) addJsonPaper(papers, item);
    }
    if (props.paper !== undefined) addJsonPaper(papers, props.paper);
  }
  return papers;
}

/** Adds one list item (`{ paper: {…}, title, summary }` or a paper object itself) when valid. */
function addJsonPaper(papers: EmbeddedPapers, item: unknown): void {
  if (!isObject(item)) return;
  const paper = isObject(item.paper) ? item.paper : item;
  const bareId = typeof paper.id === 'string' ? parseArxivId(paper.id) : null;
  if (!bareId || papers.has(bareId)) return;
  papers.set(bareId, {
    title: decoded(stringOrNull(paper.title) ?? stringOrNull(item.title)),
    summary: decoded(stringOrNull(paper.summary) ?? stringOrNull(item.summary)),
    authors: jsonAuthors(paper.authors),
  });
}

function jsonAuthors(authors: unknown): string[] {
  if (!Array.isArray(authors)) return [];
  const names: string[] = [];
  for (const author of authors) {
    const name = isObject(author) ? stringOrNull(author.name) : null;
    if (name !== null && name.trim() !== '') names.push(decodeHtmlEntities(name));
    if (names.length > LIMITS.authors) break; // one more than kept: clampMeta says the list was cut
  }
  return names;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * The JSON's text as the paper's: some of it is HTML-escaped once too often at its source (on the
 * saved daily page, "Christopher D&#39;Mello", whom arXiv lists as D'Mello).
 */
function decoded(text: string | null): string | null {
  return text === null ? null : decodeHtmlEntities(text);
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

/**
 * The record of arXiv paper `bareId`. Its url is the arXiv abstract page, not the Hugging Face
 * page: it is the paper's canonical landing page, and the arXiv adapter stores the same url, so
 * visiting both sites does not flip the stored url back and forth (mergeMeta takes the newer).
 */
function paperMeta(bareId: string, shownTitle: string, json: JsonPaper | null): PaperMeta {
  return clampMeta({
    id: arxivPaperId(bareId),
    title: shownTitle || json?.title || '',
    authors: json?.authors ?? [],
    abstract: json?.summary ?? null,
    url: arxivAbsUrl(bareId),
    pdfUrl: arxivPdfUrl(bareId),
    primaryCategory: null,
    subjects: [],
    comments: null,
    site: 'huggingface',
  });
}

/** The first link under `root` to a paper page, with its bare arXiv id. */
function firstPaperLink(root: Element): { el: Element; bareId: string } | null {
  for (const link of root.querySelectorAll(LIST.paperLink)) {
    const bareId = paperIdOfHref(link.getAttribute('href'));
    if (bareId) return { el: link, bareId };
  }
  return null;
}

/** A paper link the card is inside of (a card that is one big link). */
function enclosingPaperLink(card: Element): { el: Element; bareId: string } | null {
  const link = card.parentElement?.closest('a') ?? null;
  const bareId = link ? paperIdOfHref(link.getAttribute('href')) : null;
  return link && bareId ? { el: link, bareId } : null;
}

function paperIdOfHref(href: string | null): string | null {
  const match = href ? PAPER_HREF.exec(href) : null;
  return match ? parseArxivId(decodeURIComponentSafe(match[1]!)) : null;
}

function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}


