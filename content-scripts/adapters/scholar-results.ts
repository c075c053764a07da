/**
 * Where Google Scholar's results are, and which paper each one is: the part of the Scholar
 * adapter (scholar.ts) that wake.ts also runs, to ask for the results' states as the page is
 * parsed (early-states.ts). So it imports only pure modules.
 *
 * A result's id, the first that applies:
 *   1. the paper a full-text link names, from the title link or the side link: canonicalId on
 *      the URL (arxiv.org, doi.org, aclanthology.org), plus a DOI in a publisher's
 *      /doi/[abs/]10.… path (e.g. onlinelibrary.wiley.com/doi/abs/10.1002/jqs.691); or the
 *      arXiv id the authors line gives as the venue, as Scholar writes an arXiv preprint
 *      ("arXiv preprint arXiv:1206.5538, 2012") and a citation from DBLP ("CoRR,
 *      abs/1206.5538, 2012"). An arXiv id wins over an Anthology id over a DOI: that is the
 *      identity the arXiv and ACL adapters give the same paper (a preprint with a journal DOI
 *      is arxiv: there).
 *   2. `scholar:<cluster id>` from the result's "All N versions" link (cluster=),
 *   3. else from its "Cited by" link (cites=; the same number: in the 10 saved results that have
 *      both links, the two agree),
 *   4. else, on a ?cluster= page, the page's cluster (every result there is a version of it),
 *   5. else from the result id. data-cid (2020) and the related:<result id> link (2016) are the
 *      cluster id as 8 little-endian bytes plus a 0x09 byte, in URL-safe base64: all 13 results
 *      of the saved pages decode to their cites= number. Last, because a result id is a
 *      version's id, which only for a cluster's primary version is the cluster's.
 *   No id at all: not an entry.
 * Aliases: a result whose id comes from step 1 carries the other papers' ids its links name (one
 * per scheme: an Anthology title link beside an arXiv PDF link, or an ACL DOI, whose Anthology id
 * it implies: withImpliedIds), and `scholar:<cluster>` (steps 2–5) when it has one. So a record
 * kept under the cluster (the same result seen without its link) or under the Anthology id (the
 * paper starred on its Anthology page) is merged into the paper's (see src/core/merge.ts).
 * Results keyed by their cluster have none.
 */
import { canonicalId, idScheme, parseDoi, parseScholarClusterId, withImpliedIds } from '../../src/core/ids';
import { decodeURIComponentSafe, safeHttpUrl } from '../../src/core/text';
import { findChildWithClass } from './dom';

// ---------------------------------------------------------------------------------------------
// Selectors

export const RESULTS = {
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

export function isResultsPage(url: URL): boolean {
  return url.protocol === 'https:' && HOST.test(url.hostname) && RESULTS_PATH.test(url.pathname);
}

// ---------------------------------------------------------------------------------------------
// Results

/** The result candidates of a page (only those keyOfResult accepts are results). */
export function resultCandidates(doc: Document): Element[] {
  const root = RESULTS.rootIds.map((id) => doc.getElementById(id)).find((el) => el !== null) ?? doc.body;
  return root ? Array.from(root.querySelectorAll(RESULTS.result)) : [];
}

/** On a ?cluster= page, the cluster every result there is a version of (step 4). */
export function pageClusterOf(url: URL): string | null {
  return parseScholarClusterId(url.searchParams.get('cluster') ?? '');
}

/** A result's parts the adapter reads, and its id. */
export interface ResultKey {
  id: string;
  /** Set when the id is the paper a full-text link names (step 1): the result's cluster is then an alias. */
  paperId: string | null;
  /** Every paper id the result's links and venue name (step 1), the id among them. */
  namedIds: string[];
  body: Element;
  heading: Element;
  titleLink: Element | null;
  sideLinks: Element[];
}

/** The result's parts and id; null when it is not a result (no div.gs_ri with a title) or has no id. */
export function keyOfResult(result: Element, base: string, pageCluster: string | null): ResultKey | null {
  const body = findChildWithClass(result, RESULTS.bodyClass);
  const heading = body?.querySelector(RESULTS.title);
  if (!body || !heading) return null;
  const titleLink = heading.querySelector(RESULTS.titleLink);
  const sideLinks = Array.from(result.querySelectorAll(RESULTS.sideLinks));
  const links = [titleLink, ...sideLinks].filter((a): a is Element => a !== null);
  const namedIds = [...links.map((link) => idOfUrl(safeHttpUrl(link.getAttribute('href'), base))), arxivIdOfVenue(body)].filter((id): id is string => id !== null);
  const paperId = bestPaperId(namedIds);
  const cluster = paperId ? null : clusterIdOf(result, body, base, pageCluster);
  const id = paperId ?? (cluster ? `scholar:${cluster}` : null);
  return id ? { id, paperId, namedIds, body, heading, titleLink, sideLinks } : null;
}

/**
 * A result keyed by its paper: the other ids its links name, one per scheme (the store refuses
 * a second paper of a scheme anyway), then its cluster (see the header comment).
 */
export function aliasesOf(key: ResultKey, result: Element, base: string, pageCluster: string | null): string[] {
  if (!key.paperId) return [];
  const firstOfScheme = new Map<string, string>();
  for (const id of withImpliedIds([key.paperId, ...key.namedIds])) if (!firstOfScheme.has(idScheme(id))) firstOfScheme.set(idScheme(id), id);
  const others = [...firstOfScheme.values()].filter((id) => id !== key.paperId);
  const cluster = clusterIdOf(result, key.body, base, pageCluster);
  return cluster ? [...others, `scholar:${cluster}`] : others;
}

/**
 * The ids of a page's first `max` results, in page order, for the early ask: the adapter keeps
 * only those with a title, so a few more may be asked for than it finds.
 */
export function resultIds(doc: Document, url: URL, max: number): string[] {
  if (!isResultsPage(url)) return [];
  const pageCluster = pageClusterOf(url);
  const ids: string[] = [];
  for (const result of resultCandidates(doc)) {
    if (ids.length === max) break;
    try {
      const key = keyOfResult(result, url.href, pageCluster);
      if (key) ids.push(key.id);
    } catch {
      // A result that breaks the reading is left to the adapter, which skips it too.
    }
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Ids

/** Schemes a full-text link may give, best first. */
const LINK_SCHEMES = ['arxiv:', 'acl:', 'doi:'] as const;

/** The best of these ids (see LINK_SCHEMES); null when none names a paper. */
function bestPaperId(ids: readonly string[]): string | null {
  for (const scheme of LINK_SCHEMES) {
    const id = ids.find((candidate) => candidate.startsWith(scheme));
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

/**
 * The arXiv id the authors line names as the venue ("… - arXiv preprint arXiv:1206.5538, 2012 -
 * arxiv.org", "… - CoRR, abs/1206.5538, 2012"); null when it names none. An id Scholar cut short
 * ("arXiv:1206.553…") is none.
 */
function arxivIdOfVenue(body: Element): string | null {
  const line = body.querySelector(RESULTS.authorsLine)?.textContent;
  const named = line ? VENUE_ARXIV_ID.exec(line.slice(0, 1_000)) : null;
  return named ? canonicalId(`arXiv:${named[1] ?? named[2]}`) : null;
}

/** "arXiv:<id>" or DBLP's "CoRR, abs/<id>" (new-style ids: Scholar's lines are after 2007). */
const VENUE_ARXIV_ID = /\barXiv:(\d{4}\.\d{4,5})(?![\d…]|\.\d)|\bCoRR,? abs\/(\d{4}\.\d{4,5})(?![\d…]|\.\d)/;

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

/**
 * The cluster a link to a Scholar results page is about ("All N versions": cluster=, "Cited by":
 * cites=), else null. Such links are how a Scholar page names its papers (countPaperLinks).
 */
export function clusterOfLink(href: string | null, base: string): string | null {
  const params = scholarParams(href, base);
  return params && (parseScholarClusterId(params.get('cluster') ?? '') ?? parseScholarClusterId(params.get('cites') ?? ''));
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



