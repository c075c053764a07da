/**
 * The Google Scholar adapter: result pages https://scholar.google.<tld>/scholar?… (searches,
 * "Cited by" lists ?cites=…, "All N versions" lists ?cluster=…) on every Scholar domain
 * (.com, .de, .co.jp, .com.au, …).
 *
 * Markup, as seen in the saved pages under ../shared/fixtures/pages/scholar:
 *
 *   2016 (#gs_ccl):  <div class="gs_r">[<div class="gs_ggs gs_fl">…side [PDF] link…</div>]
 *                      <div class="gs_ri">…</div></div>
 *   2020 (#gs_res_ccl_mid): <div class="gs_r gs_or gs_scl" data-cid="<result id>" data-did=…>
 *                      [<div class="gs_ggs gs_fl">…side link…</div>]<div class="gs_ri">…</div></div>
 *   and in both, inside div.gs_ri:
 *     h3.gs_rt       the title: a link (or, for [CITATION]s, a span), after an optional
 *                    span.gs_ctc / span.gs_ctu holding "[PDF]" / "[HTML]" / "[CITATION]" /
 *                    "[BOOK]" (twice: span.gs_ct1 long and span.gs_ct2 short form)
 *     div.gs_a       "A Author, B Author… - Venue, 2002 - host": authors before the first " - "
 *                    (Scholar writes NBSP before the dash), "…" when it cut the list
 *     div.gs_rs      the snippet (absent for some results)
 *     div.gs_fl      "Cited by N" (/scholar?cites=<cluster>), "Related articles"
 *                    (q=related:<result id>:…), "All N versions" (/scholar?cluster=<cluster>)
 *   Not results: div.gs_r.gs_alrt_btm (the "Create alert" button) has no div.gs_ri. The
 *   "not a robot" CAPTCHA page has the chrome and no div.gs_ri: zero entries, no error.
 *
 * Ids, first that applies:
 *   1. the paper a full-text link names, from the title link or the side link: canonicalId on
 *      the URL (arxiv.org, doi.org, aclanthology.org), plus a DOI in a publisher's
 *      /doi/[abs/]10.… path (e.g. onlinelibrary.wiley.com/doi/abs/10.1002/jqs.691). An arXiv id
 *      wins over an Anthology id over a DOI: that is the identity the arXiv and ACL adapters
 *      give the same paper (a preprint with a journal DOI is arxiv: there).
 *   2. `scholar:<cluster id>` from the result's "All N versions" link (cluster=),
 *   3. else from its "Cited by" link (cites=; the same number: in the 10 saved results that have
 *      both links, the two agree),
 *   4. else, on a ?cluster= page, the page's cluster (every result there is a version of it),
 *   5. else from the result id. data-cid (2020) and the related:<result id> link (2016) are the
 *      cluster id as 8 little-endian bytes plus a 0x09 byte, in URL-safe base64: all 13 results
 *      of the saved pages decode to their cites= number. Last, because a result id is a
 *      version's id, which only for a cluster's primary version is the cluster's.
 *   No id at all: not an entry.
 * Aliases: a result whose id comes from step 1 carries `scholar:<cluster>` (steps 2–5) as an alias
 * when it has one, so that a record kept under the cluster (the same result seen without its
 * link) is merged into the paper's (see src/core/merge.ts). Results keyed by their cluster have
 * none.
 */
import { arxivAbsUrl, arxivPdfUrl, canonicalId, landingUrl, parseDoi, parseScholarClusterId } from '../../src/core/ids';
import { clampMeta, LIMITS, type PaperMeta } from '../../src/core/paper';
import { decodeURIComponentSafe, safeHttpUrl, truncate } from '../../src/core/text';
import { lazyEntry, titleElementFor, type ControlPlacement, type ExtractedEntry, type ExtractOptions, type SiteAdapter } from './types';
import { attempt, readText } from './read-text';

// ---------------------------------------------------------------------------------------------
// Selectors

const RESULTS = {
  /** The result list: 2020 markup, then 2016; the whole body when neither is there. */
  rootIds: ['gs_res_ccl_mid', 'gs_ccl'],
  /** Result candidates; only those with a div.gs_ri child are results. */
  result: '.gs_r',
  /** "About 30 results (0.05 sec)": its inner line (2020 markup), else the bar itself (2016; empty on some pages). */
  summary: ['#gs_ab_md .gs_ab_mdw', '#gs_ab_md'],
  bodyClass: 'gs_ri',
  title: 'h3.gs_rt',
  titleLink: 'a[href]',
  /** "[PDF]", "[CITATION]" … labels: span.gs_ctc / gs_ctu / gs_ctg2 (with gs_ct1, gs_ct2 inside). */
  labelClassPrefix: 'gs_ct',
  /** The side link(s) to a full text ("[PDF] unisi.it"), outside div.gs_ri. */
  sideLinks: '.gs_ggs a[href]',
  authorsLine: '.gs_a',
  snippet: '.gs_rs',
  /** The links under the result: Cited by, Related articles, All N versions, … */
  footerLinks: '.gs_fl a[href]',
  /** 2020: the result id. */
  resultIdAttribute: 'data-cid',
} as const;

// ---------------------------------------------------------------------------------------------
// URLs

/** scholar.google.com, .de, .co.jp, .com.au, … and Catalonia's .cat. */
const HOST = /^scholar\.google\.(?:com|cat|(?:com?\.)?[a-z]{2})$/;
const RESULTS_PATH = /^\/scholar\/?$/;

function isResultsPage(url: URL): boolean {
  return url.protocol === 'https:' && HOST.test(url.hostname) && RESULTS_PATH.test(url.pathname);
}

// ---------------------------------------------------------------------------------------------
// The adapter

export const scholarAdapter: SiteAdapter = {
  site: 'scholar',

  matches(url: URL): boolean {
    return isResultsPage(url);
  },

  listingSummary(doc: Document, url: URL): Element | null {
    if (!isResultsPage(url)) return null;
    return RESULTS.summary.map((selector) => doc.querySelector(selector)).find((el) => el !== null) ?? null;
  },

  entrySelector(): string {
    return RESULTS.result;
  },

  extract(doc: Document, url: URL, { skip = () => false }: ExtractOptions = {}): ExtractedEntry[] {
    try {
      if (!isResultsPage(url)) return [];
      const root = RESULTS.rootIds.map((id) => doc.getElementById(id)).find((el) => el !== null) ?? doc.body;
      if (!root) return [];
      const pageCluster = parseScholarClusterId(url.searchParams.get('cluster') ?? '');
      const entries: ExtractedEntry[] = [];
      for (const result of root.querySelectorAll(RESULTS.result)) {
        if (skip(result)) continue;
        const entry = attempt(() => resultEntry(result, url, pageCluster));
        if (entry) entries.push(entry);
      }
      return entries;
    } catch {
      return [];
    }
  },
};

// ---------------------------------------------------------------------------------------------
// One result

function resultEntry(result: Element, pageUrl: URL, pageCluster: string | null): ExtractedEntry | null {
  const body = findChildWithClass(result, RESULTS.bodyClass);
  const heading = body?.querySelector(RESULTS.title);
  if (!body || !heading) return null;
  const title = readTitle(heading);
  if (!title) return null;
  const base = pageUrl.href;
  const titleLink = heading.querySelector(RESULTS.titleLink);
  const sideLinks = Array.from(result.querySelectorAll(RESULTS.sideLinks));
  const fullTextLinks = [titleLink, ...sideLinks].filter((a): a is Element => a !== null);
  const paperId = paperIdFromLinks(fullTextLinks, base);
  const cluster = paperId ? null : clusterIdOf(result, body, base, pageCluster);
  const id = paperId ?? (cluster ? `scholar:${cluster}` : null);
  if (!id) return null;
  // A result keyed by the paper its link names also carries its cluster, the id the same result
  // had (and may still have on other Scholar pages) without that link: the store merges the two.
  const aliases = (): string[] => {
    if (!paperId) return [];
    const ofCluster = clusterIdOf(result, body, base, pageCluster);
    return ofCluster ? [`scholar:${ofCluster}`] : [];
  };
  // At the end of h3.gs_rt, i.e. right after the title link, not inside it.
  const placement: ControlPlacement = { anchor: heading, position: 'beforeend', heading };
  return lazyEntry(
    { id, title, titleElement: titleElementFor(titleLink, placement), section: null, elements: [result], placement },
    () => paperMeta(id, aliases(), title, body, heading, titleLink, sideLinks, pageUrl),
  );
}

/** The title without its "[PDF]" / "[CITATION]" labels, within LIMITS.title. */
function readTitle(heading: Element): string {
  const isLabel = (el: Element) => (el.getAttribute('class') ?? '').split(/\s+/).some(isLabelClass);
  // The markup's labels are skipped; a bare "[PDF] " text prefix is dropped too.
  const text = readText(heading, { skip: isLabel, max: LIMITS.title * 2 }).replace(LABEL_PREFIX, '');
  return truncate(text, LIMITS.title);
}

const LABEL_PREFIX = /^(?:\[(?:PDF|HTML|CITATION|BOOK|B|C|DOC|PS)\]\s*)+/i;

function isLabelClass(cls: string): boolean {
  return cls.startsWith(RESULTS.labelClassPrefix);
}

function paperMeta(
  id: string,
  aliases: string[],
  title: string,
  body: Element,
  heading: Element,
  titleLink: Element | null,
  sideLinks: Element[],
  pageUrl: URL,
): PaperMeta {
  const base = pageUrl.href;
  const titleHref = safeHttpUrl(titleLink?.getAttribute('href'), base);
  const pdfUrl = pdfLink(heading, titleHref, sideLinks, base);
  const links = landingUrls(id, titleHref, pdfUrl, pageUrl);
  const line = readText(body.querySelector(RESULTS.authorsLine), { max: 4_000 });
  return clampMeta({
    id,
    title,
    authors: readAuthors(line),
    year: readYear(line),
    abstract: readText(body.querySelector(RESULTS.snippet), { max: LIMITS.abstract }) || null,
    url: links.url,
    pdfUrl: links.pdfUrl,
    primaryCategory: null,
    subjects: [],
    comments: null,
    site: 'scholar',
    aliases,
  });
}

/**
 * url: for an arXiv paper its abstract page (the url every adapter stores for it), else the
 * title link, else the id's own page: doi.org, the Anthology, a cluster's "All versions" page.
 */
function landingUrls(id: string, titleHref: string | null, pdfUrl: string | null, pageUrl: URL) {
  if (id.startsWith('arxiv:')) return { url: arxivAbsUrl(id), pdfUrl: pdfUrl ?? arxivPdfUrl(id) };
  // Without a title link ([CITATION]s), the id's own page: a cluster's on this Scholar domain.
  const url = titleHref ?? (id.startsWith('scholar:') ? `${pageUrl.origin}/scholar?cluster=${id.slice('scholar:'.length)}` : landingUrl(id));
  return { url, pdfUrl };
}

/** A side link labelled [PDF], else the title link when the title is labelled [PDF]. */
function pdfLink(heading: Element, titleHref: string | null, sideLinks: Element[], base: string): string | null {
  for (const link of sideLinks) {
    if (/\[PDF\]/i.test(link.textContent ?? '')) {
      const href = safeHttpUrl(link.getAttribute('href'), base);
      if (href) return href;
    }
  }
  const label = heading.firstElementChild;
  const labelled = label !== null && isLabelClass(label.getAttribute('class') ?? '') && /\[PDF\]/i.test(label.textContent ?? '');
  return labelled ? titleHref : null;
}

/**
 * "MJ Isaac, TJ Chinn, SW Edbrooke, PJ Forsyth - Antarctica. …, 1996" → the names before the
 * first " - ". "S Bannister, J Yu, B Leitner… - …": the "…" marking a cut list is dropped.
 */
function readAuthors(text: string): string[] {
  const dash = text.indexOf(' - ');
  if (dash <= 0) return [];
  const names: string[] = [];
  for (const part of text.slice(0, dash).split(',')) {
    const name = part.replace(/(?:…|\.\.\.)\s*$/, '').trim();
    if (name !== '') names.push(name);
    if (names.length >= LIMITS.authors) break;
  }
  return names;
}

/**
 * The year in the line's middle part ("Venue, 2002" or "2002"), or undefined. Only there: a
 * venue's name or a host may hold other numbers ("ICML 2019 Workshop", "arxiv.org").
 */
function readYear(text: string): number | undefined {
  const parts = text.split(' - ');
  if (parts.length < 2) return undefined;
  const m = /(?:^|[\s,])(1[5-9]\d{2}|2\d{3})$/.exec(parts[1]!.trim());
  return m ? Number(m[1]) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Ids

/** Schemes a full-text link may give, best first. */
const LINK_SCHEMES = ['arxiv:', 'acl:', 'doi:'] as const;

/** The best id any of the links names (see LINK_SCHEMES); null when none names a paper. */
function paperIdFromLinks(links: Element[], base: string): string | null {
  const ids = links.map((link) => idOfUrl(safeHttpUrl(link.getAttribute('href'), base)));
  for (const scheme of LINK_SCHEMES) {
    const id = ids.find((candidate) => candidate?.startsWith(scheme));
    if (id) return id;
  }
  return null;
}

/** The paper a full-text URL names: arXiv, doi.org, Anthology URLs, or a publisher's /doi/ path. */
function idOfUrl(href: string | null): string | null {
  if (!href) return null;
  const direct = canonicalId(href);
  if (direct) return direct;
  const path = DOI_PATH.exec(href);
  if (!path) return null;
  const doi = parseDoi(decodeURIComponentSafe(path[1]!).replace(DOI_PATH_TAIL, ''));
  return doi ? canonicalId(doi) : null;
}

/** Publishers' DOI landing paths: /doi/10.…, /doi/abs/10.…, /doi/full/…, /doi/pdf/…, /doi/epdf/… */
const DOI_PATH = /^https?:\/\/[^/?#]+\/doi\/(?:(?:abs|full|pdf|epdf|pdfdirect|book)\/)?(10\.\d{4,9}\/[^?#]+)/i;
/** Old Wiley-style page suffixes after the DOI: /doi/10.1002/x.1/abstract. */
const DOI_PATH_TAIL = /\/(?:abstract|full|pdf|epdf|summary|references|figures)\/?$/i;

/** The result's cluster id (steps 2–5 of the header comment), or null. */
function clusterIdOf(result: Element, body: Element, base: string, pageCluster: string | null): string | null {
  let cites: string | null = null;
  let relatedResultId: string | null = null;
  for (const link of body.querySelectorAll(RESULTS.footerLinks)) {
    const params = scholarParams(link.getAttribute('href'), base);
    if (!params) continue;
    const cluster = parseScholarClusterId(params.get('cluster') ?? '');
    if (cluster) return cluster;
    cites ??= parseScholarClusterId(params.get('cites') ?? '');
    relatedResultId ??= /^related:([A-Za-z0-9_-]{12}):/.exec(params.get('q') ?? '')?.[1] ?? null;
  }
  return (
    cites ??
    pageCluster ??
    clusterOfResultId(result.getAttribute(RESULTS.resultIdAttribute)) ??
    clusterOfResultId(relatedResultId)
  );
}

/** The query of a link to a Scholar results page (relative, or on a Scholar host), else null. */
function scholarParams(href: string | null, base: string): URLSearchParams | null {
  const abs = safeHttpUrl(href, base);
  if (!abs) return null;
  const url = new URL(abs);
  return HOST.test(url.hostname) && RESULTS_PATH.test(url.pathname) ? url.searchParams : null;
}

/**
 * "cXeT3ShOpHEJ" → "8188755959889491825": 12 URL-safe base64 characters = 9 bytes, the cluster
 * id as a little-endian 64-bit number and a 0x09 byte. Anything else → null.
 */
export function clusterOfResultId(resultId: string | null): string | null {
  if (!resultId || !/^[A-Za-z0-9_-]{12}$/.test(resultId)) return null;
  const bytes: number[] = [];
  let bits = 0;
  let buffer = 0;
  for (const char of resultId) {
    buffer = ((buffer << 6) | BASE64URL.indexOf(char)) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  if (bytes.length !== 9 || bytes[8] !== 0x09) return null;
  let value = 0n;
  for (let i = 7; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  return parseScholarClusterId(value.toString());
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

// ---------------------------------------------------------------------------------------------
// Shared helpers

function findChildWithClass(parent: Element, className: string): Element | null {
  for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
    if (child.classList.contains(className)) return child;
  }
  return null;
}


