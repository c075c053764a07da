/**
 * Canonical paper ids. Every paper Paper Radar knows is keyed by one string of the form
 * `<scheme>:<value>` so that the same paper shares its state across sites:
 *   arxiv:2408.03961     new-style arXiv id, version stripped
 *   arxiv:hep-th/9901001 old-style arXiv id, subject class (e.g. `math.GT/…`) and version stripped
 *   doi:10.1000/xyz      DOI, lowercased (DOIs are case-insensitive)
 * arXiv DOIs (10.48550/arXiv.<id>) are arXiv papers and normalize to the arxiv: form.
 * Pure functions, no browser APIs.
 */

export type PaperId = string;

// YYMM.NNNN (2007–2014) or YYMM.NNNNN (2015–), optional version. Month must be 01–12.
const NEW_STYLE = /^(\d{2}(?:0[1-9]|1[0-2]))\.(\d{4,5})(?:v\d{1,3})?$/;
// archive[.SUBJECT]/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136, cs/0112017v2
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)?)(?:\.[A-Za-z]{2})?\/(\d{2}(?:0[1-9]|1[0-2])\d{3})(?:v\d{1,3})?$/;
// What may precede an id in free text or a URL path.
const ARXIV_URL = /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html|format|ps)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i;
const DOI = /^10\.\d{4,9}\/\S+$/;
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;

const MAX_ID_INPUT = 300;

/** The bare arXiv id (no version, no prefix) in `input`, or null when it is not one. */
export function parseArxivId(input: string): string | null {
  if (typeof input !== 'string' || input.length > MAX_ID_INPUT) return null;
  let s = input.trim();
  const url = ARXIV_URL.exec(s);
  if (url) s = decodeURIComponentSafe(url[1]!);
  s = s.replace(/^arxiv:/i, '');
  const doi = ARXIV_DOI.exec(s);
  if (doi) s = doi[1]!;
  const n = NEW_STYLE.exec(s);
  if (n) {
    // 4-digit numbers only existed before 2015, 5-digit only since.
    const year = Number(n[1]!.slice(0, 2));
    if ((n[2]!.length === 5) !== (year >= 15)) return null;
    return `${n[1]}.${n[2]}`;
  }
  const o = OLD_STYLE.exec(s);
  if (o) return `${o[1]}/${o[2]}`;
  return null;
}

/** A lowercased DOI from `10.…`, `doi:10.…` or a doi.org URL; null when it is not one. */
export function parseDoi(input: string): string | null {
  if (typeof input !== 'string' || input.length > MAX_ID_INPUT) return null;
  let s = input.trim().replace(/^doi:\s*/i, '');
  const url = /^(?:https?:\/\/)?(?:dx\.)?doi\.org\/(.+)$/i.exec(s);
  if (url) s = decodeURIComponentSafe(url[1]!);
  s = s.replace(/[.,;]+$/, ''); // trailing punctuation from running text
  return DOI.test(s) ? s.toLowerCase() : null;
}

/**
 * The canonical id for anything that names a paper: an existing canonical id, an arXiv id or
 * URL, a DOI or doi.org URL. Null for anything else.
 */
export function canonicalId(input: string): PaperId | null {
  if (typeof input !== 'string' || input.length > MAX_ID_INPUT) return null;
  const s = input.trim();
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
  return typeof id === 'string' && id.length <= MAX_ID_INPUT && canonicalId(id) === id;
}

/** The scheme of a canonical id: "arxiv", "doi", … */
export function idScheme(id: PaperId): string {
  return id.slice(0, id.indexOf(':'));
}

/** The id without its scheme ("arxiv:2408.03961" → "2408.03961"). */
export function idValue(id: PaperId): string {
  return id.slice(id.indexOf(':') + 1);
}

/** The arXiv abstract page of an arXiv id (canonical or bare). */
export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id.replace(/^arxiv:/, '')}`;
}

/** The arXiv PDF of an arXiv id (canonical or bare). */
export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id.replace(/^arxiv:/, '')}`;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
