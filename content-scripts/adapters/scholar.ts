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
 * Ids and aliases: see scholar-results.ts (the part of this adapter wake.ts runs too).
 */
import { arxivAbsUrl, arxivPdfUrl, landingUrl } from '../../src/core/ids';
import { clampAliases, clampMeta, LIMITS, type PaperMeta } from '../../src/core/paper';
import { safeHttpUrl, truncate } from '../../src/core/text';
import { lazyEntry, titleElementFor, type ControlPlacement, type ExtractedEntry, type ExtractOptions, type SiteAdapter } from './types';
import { attempt, readText } from './read-text';
import { aliasesOf, isResultsPage, keyOfResult, pageClusterOf, resultCandidates, RESULTS } from './scholar-results';

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
      const pageCluster = pageClusterOf(url);
      const entries: ExtractedEntry[] = [];
      for (const result of resultCandidates(doc)) {
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
  const base = pageUrl.href;
  const key = keyOfResult(result, base, pageCluster);
  if (!key) return null;
  const { id, body, heading, titleLink, sideLinks } = key;
  const title = readTitle(heading);
  if (!title) return null;
  // At the end of h3.gs_rt, i.e. right after the title link, not inside it.
  const placement: ControlPlacement = { anchor: heading, position: 'beforeend', heading };
  // A result keyed by the paper its link names also carries its cluster, the id the same result
  // had (and may still have on other Scholar pages) without that link: the store merges the two.
  const aliases = clampAliases(id, aliasesOf(key, result, base, pageCluster));
  return lazyEntry({ id, title, titleElement: titleElementFor(titleLink, placement), section: null, elements: [result], placement, aliases }, () =>
    paperMeta(id, aliases, title, body, heading, titleLink, sideLinks, pageUrl),
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
  aliases: readonly string[],
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
    ...readAuthors(line),
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
 * url: for an arXiv paper its abstract page and PDF (the links every adapter stores for it), else the
 * title link, else the id's own page: doi.org, the Anthology, a cluster's "All versions" page.
 */
function landingUrls(id: string, titleHref: string | null, pdfUrl: string | null, pageUrl: URL) {
  // An arXiv paper's PDF is arXiv's, not the copy a [PDF] side link may give (a lab's page, ResearchGate).
  if (id.startsWith('arxiv:')) return { url: arxivAbsUrl(id), pdfUrl: arxivPdfUrl(id) };
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
 * first " - ". "S Bannister, J Yu, B Leitner… - …": Scholar cut the list there; the "…" is
 * dropped and the list said to be cut.
 */
const ELLIPSIS_AT_END = /(?:…|\.\.\.)\s*$/;

function readAuthors(text: string): { authors: string[]; authorsCut?: true } {
  const dash = text.indexOf(' - ');
  if (dash <= 0) return { authors: [] };
  const parts = text.slice(0, dash).split(',');
  const cut = ELLIPSIS_AT_END.test(parts.at(-1)!);
  const names = parts.map((part) => part.replace(ELLIPSIS_AT_END, '').trim()).filter((name) => name !== '');
  return cut && names.length > 0 ? { authors: names, authorsCut: true } : { authors: names };
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
