/**
 * Canonical paper ids. Every paper Paper Radar knows is keyed by one string of the form
 * `<scheme>:<value>` so that the same paper shares its state across sites:
 *   arxiv:2408.03961     new-style arXiv id, version stripped
 *   arxiv:hep-th/9901001 old-style arXiv id, subject class (e.g. `math.GT/…`) and version stripped
 *   doi:10.1000/xyz      DOI, lowercased (DOIs are case-insensitive)
 *   scholar:5362332738201102290
 *                        Google Scholar cluster id (an unsigned 64-bit number, in decimal), for
 *                        Scholar results that link neither a DOI nor an arXiv id
 *   acl:2020.acl-main.1  ACL Anthology id, new style (YYYY.venue-volume.N, 2020–, and the
 *   acl:P19-1001         retro-digitized 1952.earlymt-1.1 kind) or old style (X99-9999)
 * arXiv DOIs (10.48550/arXiv.<id>) are arXiv papers and normalize to the arxiv: form. (ACL DOIs,
 * 10.18653/v1/<anthology id>, stay doi: ids: mapping them to acl: would re-key stored records.
 * Their Anthology id is added as an alias instead: withImpliedIds.)
 * Bare strings are read conservatively: a digit string is not a Scholar cluster id and
 * "P19-1001" is not an ACL id unless written with the scheme (an aclanthology.org URL also
 * names an ACL paper unambiguously and is accepted).
 * Pure functions, no browser APIs.
 */

import { decodeURIComponentSafe } from './text';

export type PaperId = string;

// YYMM.NNNN (2007–2014) or YYMM.NNNNN (2015–), optional version. Month must be 01–12.
const YYMM_NUMBER = String.raw`(\d{2}(?:0[1-9]|1[0-2]))\.(\d{4,5})`;
const NEW_STYLE = new RegExp(String.raw`^${YYMM_NUMBER}(?:v\d{1,3})?$`);
// The same, as a canonical id ("arxiv:" and no version), for isCanonicalId's fast path.
const CANONICAL_NEW_STYLE = new RegExp(`^arxiv:${YYMM_NUMBER}$`);
// archive[.SUBJECT]/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136, cs/0112017v2
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)?)(?:\.[A-Za-z]{2})?\/(\d{2}(?:0[1-9]|1[0-2])\d{3})(?:v\d{1,3})?$/;
// What may precede an id in free text or a URL path.
const ARXIV_URL = /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html|format|ps)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i;
// Hugging Face paper pages are named by the arXiv id: huggingface.co/papers/2408.03961
const HF_PAPER_URL = /^(?:https?:\/\/)?huggingface\.co\/papers\/(\d{4}\.\d{4,5}(?:v\d+)?)\/?(?:[?#].*)?$/i;
const DOI = /^10\.\d{4,9}\/\S+$/;
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;

const MAX_ID_INPUT = 300;

// Google Scholar cluster ids: unsigned 64-bit, printed in decimal without leading zeros.
const SCHOLAR_CLUSTER = /^\d{1,20}$/;
const UINT64_MAX = 18_446_744_073_709_551_615n;
// ACL Anthology ids. New style (2020–, and retro-digitized volumes such as 1952.earlymt-1.1):
// <year>.<venue>-<volume>.<paper>, e.g. 2020.acl-main.1, 2020.findings-emnlp.12, 2022.in2writing-1.1.
const ACL_NEW_STYLE = /^((?:19|20)\d{2})\.([a-z0-9]+)-([a-z0-9]+)\.(0|[1-9]\d{0,4})$/;
// Old style (until 2019): one letter for the venue, two digits for the year, four for the paper,
// e.g. P19-1001 (ACL), W17-5401 (workshop), K18-3004 (CoNLL), J90-1001 (CL journal).
const ACL_OLD_STYLE = /^([A-Z])(\d{2})-(\d{4})$/;
// Anthology paper URLs: https://aclanthology.org/<id>/ (or <id>.pdf, a revision's <id>v2.pdf,
// <id>.bib), the older https://aclanthology.org/anthology/<id>/ links,
// https://www.aclweb.org/anthology/<id>/, the layout before 2019 still common in BibTeX files
// (aclweb.org/anthology[-new]/D/D14/D14-1181.pdf) and aclanthology.info/papers/<ID>/<id>.
const ACL_URL =
  /^(?:https?:\/\/)?(?:(?:www\.)?aclanthology\.org(?:\/anthology)?|(?:www\.)?aclweb\.org\/anthology(?:-new)?(?:\/[a-z]\/[a-z]\d{2})?|(?:www\.)?aclanthology\.info\/papers\/[^/?#]+)\/([^/?#]+?)(?:(?:v\d{1,2})?\.pdf|\.bib|\.xml)?\/?(?:[?#].*)?$/i;

/** The bare arXiv id (no version, no prefix) in `input`, or null when it is not one. */
export function parseArxivId(input: string): string | null {
  if (typeof input !== 'string' || input.length > MAX_ID_INPUT) return null;
  // The common case first, in one step: a bare new-style id, as read from a listing's links.
  const bare = NEW_STYLE.exec(input);
  if (bare) return newStyleId(bare);
  // Punctuation of the running text around it: "(arXiv:2408.03961)", "… arXiv:2408.03961."
  let s = input.trim().replace(/^\((.*)\)$/, '$1').replace(/[.,;:]+$/, '');
  const url = ARXIV_URL.exec(s) ?? HF_PAPER_URL.exec(s);
  if (url) s = decodeURIComponentSafe(url[1]!);
  s = s.replace(/^arxiv:/i, '');
  const doi = ARXIV_DOI.exec(s);
  if (doi) s = doi[1]!;
  const n = NEW_STYLE.exec(s);
  if (n) return newStyleId(n);
  const o = OLD_STYLE.exec(s);
  if (o) return `${o[1]}/${o[2]}`;
  return null;
}

/** The id of a NEW_STYLE match without its version, or null when its length does not fit its year. */
function newStyleId([, yymm, number]: RegExpExecArray): string | null {
  // 4-digit numbers only existed before 2015, 5-digit only since.
  if ((number!.length === 5) !== (Number(yymm!.slice(0, 2)) >= 15)) return null;
  return `${yymm}.${number}`;
}

/**
 * Text without its invisible format characters (soft hyphens, zero-width spaces and joiners,
 * word joiners: Unicode's Cf), which publishers' pages put into long DOIs to break their lines,
 * and which come along when one is copied: kept, they made another id of the same paper.
 */
function withoutFormatCharacters(s: string): string {
  return FORMAT_CHARACTER.test(s) ? s.replace(FORMAT_CHARACTERS, '') : s;
}
const FORMAT_CHARACTER = /\p{Cf}/u;
const FORMAT_CHARACTERS = /\p{Cf}/gu;

/** A lowercased DOI from `10.…`, `doi:10.…` or a doi.org URL; null when it is not one. */
export function parseDoi(input: string): string | null {
  if (typeof input !== 'string' || input.length > MAX_ID_INPUT) return null;
  let s = withoutFormatCharacters(input).trim().replace(/^doi:\s*/i, '');
  // In a doi.org URL, a ? or # that belongs to the DOI is percent-encoded: a raw one starts the
  // query (?utm_source=…) or fragment, which name no other paper.
  const url = /^(?:https?:\/\/)?(?:dx\.)?doi\.org\/([^?#]+?)\/?(?:[?#].*)?$/i.exec(s);
  if (url) s = decodeURIComponentSafe(url[1]!);
  s = s.replace(/[.,;]+$/, ''); // trailing punctuation from running text
  // At most what a canonical id may be ("doi:" and the DOI): a longer one would be refused with
  // every other id of the request it came in (isCanonicalId).
  return DOI.test(s) && s.length <= MAX_ID_INPUT - 'doi:'.length ? s.toLowerCase() : null;
}

/**
 * A Google Scholar cluster id (decimal digits, no leading zeros) from `scholar:<digits>` or
 * bare digits; null when it is not one. Bare digits are accepted here because the caller says
 * what the number is (canonicalId does not: there a bare number is nothing).
 */
export function parseScholarClusterId(input: string): string | null {
  if (typeof input !== 'string' || input.length > MAX_ID_INPUT) return null;
  const s = input.trim().replace(/^scholar:/i, '');
  if (!SCHOLAR_CLUSTER.test(s)) return null;
  const value = BigInt(s);
  return value > 0n && value <= UINT64_MAX ? value.toString() : null;
}

/**
 * An ACL Anthology id from `acl:<id>`, a bare id or an Anthology paper URL; null when it is not
 * a known form. Old-style ids come out with their letter uppercased, new-style ones lowercased.
 */
export function parseAclId(input: string): string | null {
  if (typeof input !== 'string' || input.length > MAX_ID_INPUT) return null;
  let s = input.trim();
  const url = ACL_URL.exec(s);
  if (url) s = decodeURIComponentSafe(url[1]!);
  s = s.replace(/^acl:/i, '');
  const old = ACL_OLD_STYLE.exec(s.toUpperCase());
  if (old) return `${old[1]}${old[2]}-${old[3]}`;
  const lower = s.toLowerCase();
  return ACL_NEW_STYLE.test(lower) ? lower : null;
}

/** An Anthology listing's title link: /<id>/, /anthology/<id>/, or the same absolute. */
const ACL_PAPER_HREF =
  /^(?:https?:\/\/(?:www\.)?(?:aclanthology\.org|aclweb\.org))?(?:\/anthology)?\/([^/?#]+)\/?(?:[?#].*)?$/;

/**
 * The Anthology id a listing's title link names (its href as written, e.g. "/2022.in2writing-1.1/"
 * or "/anthology/W19-4201/"); null when it names none. Shared by the ACL adapter and the ask made
 * as the page is parsed (content-scripts/early-states.ts), which must read the same ids.
 */
export function aclIdOfTitleHref(href: string | null): string | null {
  const match = href ? ACL_PAPER_HREF.exec(href.trim()) : null;
  return match ? parseAclId(decodeURIComponentSafe(match[1]!)) : null;
}

/**
 * The canonical id for anything that names a paper: an existing canonical id, an arXiv id or
 * URL, a DOI or doi.org URL, an ACL Anthology paper URL. Null for anything else. Records are kept
 * under these ids: a change to what this gives for an id already canonical needs a schema step
 * that moves the records kept under it (as version 8's, store/db.ts).
 */
export function canonicalId(input: string): PaperId | null {
  if (typeof input !== 'string' || input.length > MAX_ID_INPUT) return null;
  const s = withoutFormatCharacters(input).trim();
  if (/^scholar:/i.test(s)) {
    const cluster = parseScholarClusterId(s);
    return cluster ? `scholar:${cluster}` : null;
  }
  if (/^acl:/i.test(s) || ACL_URL.test(s)) {
    const acl = parseAclId(s);
    return acl ? `acl:${acl}` : null;
  }
  if (/^doi:/i.test(s) || /^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i.test(s) || /^10\./.test(s)) {
    const doi = parseDoi(s);
    if (!doi) return null;
    const arxiv = ARXIV_DOI.exec(doi);
    if (arxiv) {
      const id = parseArxivId(arxiv[1]!);
      return id ? `arxiv:${id}` : null;
    }
    return `doi:${doi}`;
  }
  const arxiv = parseArxivId(s);
  return arxiv ? `arxiv:${arxiv}` : null;
}

/** True when `id` is already in canonical form (what the store and the message protocol accept). */
export function isCanonicalId(id: unknown): id is PaperId {
  if (typeof id !== 'string' || id.length > MAX_ID_INPUT) return false;
  // The common case in one step: a listing's state request carries 2,000 new-style arXiv ids.
  // Through canonicalId, validating it took 2–10 ms in the service worker; 0.4–3 ms this way.
  const arxiv = CANONICAL_NEW_STYLE.exec(id);
  if (arxiv) return newStyleId(arxiv) !== null;
  return canonicalId(id) === id;
}

/** ACL's DOIs name their Anthology paper: doi:10.18653/v1/<anthology id>. */
const ACL_DOI = /^doi:10\.18653\/v1\/(.+)$/;

/**
 * `ids` and the ids they imply, for a paper's aliases: an ACL DOI's Anthology id
 * (doi:10.18653/v1/w19-4201 → acl:W19-4201), so that a paper a Scholar result or an import knows
 * by its DOI meets its Anthology listing. Only this way round: not every Anthology paper has a DOI.
 */
export function withImpliedIds(ids: readonly PaperId[]): PaperId[] {
  const all = [...ids];
  for (const id of ids) {
    const doi = ACL_DOI.exec(id);
    const acl = doi ? parseAclId(doi[1]!) : null;
    if (acl && !all.includes(`acl:${acl}`)) all.push(`acl:${acl}`);
  }
  return all;
}

/** The scheme of a canonical id: "arxiv", "doi", … */
export function idScheme(id: PaperId): string {
  return id.slice(0, id.indexOf(':'));
}

/** The id without its scheme ("arxiv:2408.03961" → "2408.03961"). */
export function idValue(id: PaperId): string {
  return id.slice(id.indexOf(':') + 1);
}

/** The ACL Anthology landing page of an Anthology id (canonical or bare). */
export function aclAnthologyUrl(id: string): string {
  return `https://aclanthology.org/${id.replace(/^acl:/, '')}/`;
}

/** The paper's page for a canonical id: arXiv abstract page, ACL Anthology page, a Scholar cluster, doi.org. */
export function landingUrl(id: PaperId): string {
  switch (idScheme(id)) {
    case 'arxiv':
      return arxivAbsUrl(id);
    case 'acl':
      return aclAnthologyUrl(id);
    case 'scholar':
      return `https://scholar.google.com/scholar?cluster=${idValue(id)}`;
    default:
      // A DOI's own last slash is encoded: a raw one ends a link, and is read as no part of it (parseDoi).
      return `https://doi.org/${idValue(id).split('/').map(encodeURIComponent).join('/').replace(/\/$/, '%2F')}`;
  }
}

/** The canonical id of a bare id parseArxivId gave (its form already canonical: no version). */
export function arxivPaperId(bareId: string): PaperId {
  return `arxiv:${bareId}`;
}

/** The arXiv abstract page of an arXiv id (canonical or bare). */
export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id.replace(/^arxiv:/, '')}`;
}

/** The arXiv PDF of an arXiv id (canonical or bare). */
export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id.replace(/^arxiv:/, '')}`;
}
