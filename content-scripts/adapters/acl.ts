/**
 * The ACL Anthology adapter: pages on https://aclanthology.org that list papers. Author pages
 * (/people/<slug>/, /people/<slug>/unverified/, and the older /people/<letter>/<slug>/) are
 * verified against saved pages; event pages (/events/<event>/) and volume pages
 * (/volumes/<volume>/) are built by the same Hugo templates with the same paper rows and are
 * matched too, but UNVERIFIED (no saved page). The pre-2021 address of the same site,
 * https://www.aclweb.org/anthology/… (and /anthology/… paths on aclanthology.org) is accepted.
 *
 * Markup, as seen in the saved author pages under ../shared/fixtures/pages/acl (Hugo,
 * minified, unquoted attributes):
 *
 *   2021 build (aclweb.org era, every path under /anthology/):
 *     <section id=main>…<div class=col-lg-9><h4>2019</h4>
 *       <p class="d-sm-flex align-items-stretch">
 *         <span class="… list-button-row"><a … title="Open PDF" href=https://www.aclweb.org/anthology/W19-4201.pdf>pdf</a>
 *           <a … href=/anthology/W19-4201.bib>bib</a><a … aria-controls=abstract-W19-4201 title="Show Abstract">abs</a></span>
 *         <span class=d-block><strong><a class=align-middle href=/anthology/W19-4201/>Title…</a></strong><br>
 *           <a href=/anthology/people/a/andreas-madsack/>Author</a> | … <br>
 *           <a href=/anthology/volumes/W19-42/ class=text-muted>Proceedings of …</a></span></p>
 *       <div class="card … collapse abstract-collapse" id=abstract-W19-4201><div class=card-body>Abstract</div></div>
 *   2026 build: the same, with <div class="d-sm-flex …"> rows, links without the /anthology/
 *     prefix (/2022.in2writing-1.1/, /people/<slug>/unverified/, /volumes/…), the PDF on
 *     https://aclanthology.org/<id>.pdf, abstract ids with "." → "--" (abstract-2022--in2writing-1--1).
 *
 * Entries are the rows (.d-sm-flex) under #main, with the year heading (<h4>) they are under as
 * their section. Id: `acl:<anthology id>` from the title link (/anthology/<id>/ or /<id>/).
 * Aliases: a DOI the row links (https://doi.org/10.18653/v1/<id>, as paper pages show it) is
 * the entry's alias, so the store merges the paper with records kept under its DOI (e.g. from a
 * Scholar result). Neither saved author page links one (their rows have pdf/bib/abs badges,
 * title, authors, venue); the DOI is never guessed from the Anthology id, since not every
 * Anthology paper has the 10.18653/v1/<id> DOI.
 * On the sidebar (co-authors, venues) nothing matches: it has no .d-sm-flex rows.
 */
import { aclAnthologyUrl, aclIdOfTitleHref, canonicalId } from '../../src/core/ids';
import { clampAliases, clampMeta, LIMITS, type PaperMeta } from '../../src/core/paper';
import { safeHttpUrl, truncate } from '../../src/core/text';
import { lazyEntry, titleElementFor, type ControlPlacement, type ExtractedEntry, type ExtractOptions, type SiteAdapter } from './types';
import { attempt, readNames, readText } from './read-text';

// ---------------------------------------------------------------------------------------------
// Selectors

const LIST = {
  /** The page's content section (both builds); the whole body when it is missing. */
  rootId: 'main',
  /** One paper per row (2021: <p>, 2026: <div>). */
  row: '.d-sm-flex',
  /** Section headings (the year on author pages) and paper rows, in document order. */
  headingsAndRows: 'h4, .d-sm-flex',
  /** The title link, inside <strong> (both builds). */
  titleLink: 'strong > a[href]',
  /** Author links in the row (old: /anthology/people/a/<slug>/, new: /people/<slug>/…). */
  authorLinks: 'a[href*="/people/"]',
  /** The "pdf" badge. */
  pdfLink: 'a[title="Open PDF"], a[href$=".pdf"]',
  /** The "abs" badge; its aria-controls names the abstract's collapsible card. */
  abstractToggle: 'a[aria-controls^="abstract-"]',
  /** The volume the paper is in ("Proceedings of …"), under the author line. */
  volumeLink: 'a[href*="/volumes/"]',
  /** Links to a DOI (a doi.org or dx.doi.org URL), read as the entry's aliases. */
  doiLinks: 'a[href*="doi.org/"]',
  /** The abstract card that follows the row. */
  abstractClass: 'abstract-collapse',
} as const;

// ---------------------------------------------------------------------------------------------
// URLs

const HOSTS = new Set(['aclanthology.org', 'www.aclanthology.org']);
const LEGACY_HOSTS = new Set(['aclweb.org', 'www.aclweb.org']);
/** /people/…, /events/<id>/, /volumes/<id>/ (with /anthology/ in front on the legacy site). */
const LISTING_PATH = /^(?:\/anthology)?\/(?:people\/[^?#]+|events\/[^/?#]+\/?|volumes\/[^/?#]+\/?)$/;

function isListingPage(url: URL): boolean {
  if (url.protocol !== 'https:') return false;
  const path = url.pathname;
  if (HOSTS.has(url.hostname)) return LISTING_PATH.test(path);
  return LEGACY_HOSTS.has(url.hostname) && path.startsWith('/anthology/') && LISTING_PATH.test(path);
}

// ---------------------------------------------------------------------------------------------
// The adapter

export const aclAdapter: SiteAdapter = {
  site: 'acl',

  matches(url: URL): boolean {
    return isListingPage(url);
  },

  entrySelector(): string {
    return LIST.row;
  },

  extract(doc: Document, url: URL, { skip = () => false }: ExtractOptions = {}): ExtractedEntry[] {
    try {
      if (!isListingPage(url)) return [];
      const root = doc.getElementById(LIST.rootId) ?? doc.body;
      if (!root) return [];
      const entries: ExtractedEntry[] = [];
      let section: string | null = null;
      let heading: Element | undefined;
      for (const el of root.querySelectorAll(LIST.headingsAndRows)) {
        if (el.localName === 'h4') {
          // An event page's volume heading starts with its "pdf (full)" and "bib (full)" links
          // (the Anthology's events template): the section is the volume's title alone.
          section = readText(el, { max: 300, skip: (child) => child.classList.contains('list-button-row') }) || null;
          heading = el;
          continue;
        }
        if (skip(el)) continue;
        const entry = attempt(() => rowEntry(el, section, heading, url));
        if (entry) entries.push(entry);
      }
      return entries;
    } catch {
      return [];
    }
  },
};

// ---------------------------------------------------------------------------------------------
// One row

function rowEntry(row: Element, section: string | null, heading: Element | undefined, pageUrl: URL): ExtractedEntry | null {
  const link = row.querySelector(LIST.titleLink);
  const anthologyId = link ? aclIdOfTitleHref(link.getAttribute('href')) : null;
  if (!link || !anthologyId) return null;
  const shown = readText(link, { max: LIMITS.title * 2 });
  if (!shown) return null;
  const title = truncate(shown, LIMITS.title);
  // After the <strong> around the title link: inline, before the <br> and the author line.
  const placement: ControlPlacement = { anchor: link.parentElement!, position: 'afterend' };
  // The abstract card right after the row is part of the entry: hidden, dimmed and moved with it
  // (opened by "abs", it would otherwise stay behind when the row is hidden or reordered).
  const card = abstractOf(row);
  const elements = card && card === row.nextElementSibling ? [row, card] : [row];
  const id = `acl:${anthologyId}`;
  const aliases = clampAliases(id, doisOf(row, pageUrl));
  return lazyEntry({ id, title, titleElement: titleElementFor(link, placement), section, sectionHeading: heading, elements, placement, aliases }, () =>
    paperMeta(anthologyId, aliases, title, row, card, pageUrl),
  );
}

function paperMeta(anthologyId: string, aliases: readonly string[], title: string, row: Element, card: Element | null, pageUrl: URL): PaperMeta {
  const pdf = row.querySelector(LIST.pdfLink);
  return clampMeta({
    id: `acl:${anthologyId}`,
    title,
    authors: readNames(row.querySelectorAll(LIST.authorLinks)),
    abstract: readText(card, { max: LIMITS.abstract }) || null,
    // The landing page on today's host, whichever build linked it (the 2021 one pointed at
    // www.aclweb.org/anthology/…, which now redirects there).
    url: aclAnthologyUrl(anthologyId),
    // The PDF as the page links it (http(s) only).
    pdfUrl: safeHttpUrl(pdf?.getAttribute('href'), pageUrl.href),
    primaryCategory: null,
    subjects: [],
    comments: null,
    site: 'acl',
    aliases,
    venue: readText(row.querySelector(LIST.volumeLink), { max: LIMITS.venue }) || undefined,
  });
}

/** The canonical ids of the DOIs the row links (an arXiv DOI is the arXiv paper), in page order. */
function doisOf(row: Element, pageUrl: URL): string[] {
  const ids: string[] = [];
  for (const link of row.querySelectorAll(LIST.doiLinks)) {
    const href = safeHttpUrl(link.getAttribute('href'), pageUrl.href);
    const id = href && /^https?:\/\/(?:dx\.)?doi\.org\//i.test(href) ? canonicalId(href) : null;
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The row's abstract card: the one its "abs" badge controls, else a card right after the row. */
function abstractOf(row: Element): Element | null {
  const controls = row.querySelector(LIST.abstractToggle)?.getAttribute('aria-controls');
  const byId = controls ? row.ownerDocument.getElementById(controls) : null;
  if (byId?.classList.contains(LIST.abstractClass)) return byId;
  const next = row.nextElementSibling;
  return next?.classList.contains(LIST.abstractClass) ? next : null;
}



