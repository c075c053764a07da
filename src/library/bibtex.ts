/**
 * The library as BibTeX, for citing. Pure, no browser APIs.
 *
 * Each paper is an `@misc` entry (we never know a journal, so never `@article`) in the form
 * arXiv's own "Export BibTeX" and biblatex's eprint support read: title, author, year, eprint,
 * archivePrefix = {arXiv}, primaryClass, doi, url, `googlescholar` (the Google Scholar cluster page
 * of a paper Scholar named: no style prints it, and it is the only id of a paper only Scholar
 * names), `anthology` (the ACL Anthology page of a paper kept under another id: the star it was
 * given there shows there again after an import), and the user's tags as `keywords` joined by
 * ", " (no style prints keywords), a tag with a comma or semicolon in braces, which keep it one
 * keyword for our import and BibTeX tools that read groups (reference managers that split
 * keywords at every separator still make two of it) — except an
 * ACL Anthology paper whose volume a page named: `@inproceedings` with it as `booktitle`, as the
 * Anthology's own BibTeX. Another paper with a venue (from an imported file) has it as
 * `howpublished`, which styles print for `@misc`. A starred paper's entry says when it was starred
 * as BibDesk's `date-added` (no style prints it). The user's note is never exported here:
 * styles print `note`, and a private note has no place in a reference list.
 *   - Text fields follow the TeX rule in tex.ts (math kept, everything else escaped, braces
 *     always balanced); url, doi and eprint are verbatim fields, with `{ } \ $` and spaces
 *     percent-encoded so that they cannot unbalance an entry either.
 *   - Authors are "Last, First" (names.ts), at most MAX_AUTHORS (fewer where an entry would be
 *     longer than our import reads: entry), then "and others" (also where the page cut the
 *     list: authorsCut). Their non-ASCII letters are
 *     TeX commands (`{\'{A}}lvaro`, texName), which classic bibtex never cuts in two.
 *   - year: an ACL Anthology id's (2020.acl-main.1 → 2020, P19-1001 → 2019); else, for a paper
 *     with a venue, the year a file or page gave with it (a journal's, not its preprint's); else
 *     an arXiv id's (2408.00001 → 2024, hep-th/9901001 → 1999); else the year the page showed (a
 *     Scholar result's); omitted when unknown (when the user starred or saw a paper says nothing
 *     about when it appeared). See yearOf.
 *   - doi: the paper's DOI (its `doi:` id or alias); for an arXiv paper without one, arXiv's own
 *     DataCite DOI 10.48550/arXiv.<id>.
 * Citation keys: see citationKeys.
 */
import { canonicalId, idScheme, idValue, landingUrl, withImpliedIds, type PaperId } from '../core/ids';
import type { PaperRecord } from '../core/paper';
import { idsOf, yearOf } from './paper-facts';
import { familyForKey, splitName } from './names';
import { asciiFold, texEscape, texName, texTitle } from './tex';

/** More authors than this are cut, ending the list with "and others" (BibTeX's own "et al."). */
export const MAX_AUTHORS = 100;

/**
 * The longest entry our import reads (bibtex-import.ts): longer than any real one (a long abstract
 * is 5,000 characters), and its parser slows down badly past it (a field of ≈ 360 KB took 9 s).
 */
export const MAX_ENTRY_CHARS = 100_000;

/** The whole library as a .bib file (UTF-8), in the order given. */
export function toBibtex(records: readonly PaperRecord[]): string {
  const keys = citationKeys(records);
  const entries = records.map((r) => entry(r, keys.get(r.id) ?? citationKeyBase(r)));
  return ['% Encoding: UTF-8', ...entries].join('\n\n') + '\n';
}

/** One paper's entry ("copy BibTeX"): keyed by its base key, without the library's collision suffix. */
export function bibtexFor(record: PaperRecord): string {
  return entry(record, citationKeyBase(record)) + '\n';
}

/**
 * A paper's entry, at most MAX_ENTRY_CHARS long, so that our import reads back every export: TeX's
 * escapes make a hostile page's text up to 17 times longer (`\` is `\textbackslash{}`), and
 * past the limit the authors are cut further.
 */
function entry(r: PaperRecord, key: string): string {
  for (let authors = MAX_AUTHORS; ; authors = Math.floor(authors / 2)) {
    const text = entryText(r, key, authors);
    if (text.length <= MAX_ENTRY_CHARS || authors === 0) return text;
  }
}

function entryText(r: PaperRecord, key: string, maxAuthors: number): string {
  const arxiv = arxivIdOf(r);
  const doi = citedDoi(r);
  const year = yearOf(r);
  const proceedings = inProceedings(r);
  const fields: Array<[string, string | null]> = [
    ['title', texTitle(r.title)],
    ['author', r.authors.length > 0 ? authorList(r.authors, maxAuthors, r.authorsCut === true) : null],
    [proceedings ? 'booktitle' : 'howpublished', r.venue ? texEscape(r.venue) : null],
    ['year', year === null ? null : String(year)],
    ['eprint', arxiv && verbatim(arxiv)],
    ['archivePrefix', arxiv && 'arXiv'],
    ['primaryClass', arxiv && r.primaryCategory ? texEscape(r.primaryCategory) : null],
    ['doi', doi && verbatim(doi)],
    ['url', r.url ? verbatim(r.url) : null],
    ['googlescholar', scholarPageOf(r)],
    ['anthology', anthologyPageOf(r)],
    ['keywords', r.tags.length > 0 ? r.tags.map(keyword).join(', ') : null],
    ['date-added', r.starred && r.starredAt !== null ? bibdeskDate(r.starredAt) : null],
  ];
  const body = fields.filter((f): f is [string, string] => f[1] !== null && f[1] !== '').map(([name, value]) => `  ${name} = {${value}}`);
  return `@${proceedings ? 'inproceedings' : 'misc'}{${key},\n${body.join(',\n')}\n}`;
}

/**
 * When the user starred the paper, as BibDesk writes `date-added` ("2019-03-04 10:22:33 +0000",
 * in UTC): what BibDesk and JabRef show as the day an entry was added, and what our import dates a
 * star by (bibtex-import.ts, ADDED_FIELDS), so that an exported library read back keeps its stars'
 * dates rather than all taking the import's.
 */
function bibdeskDate(ms: number): string | null {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  // An impossible time (a record from a broken clock) has no such form: left out, not thrown.
  return year >= 1000 && year <= 9999 ? `${date.toISOString().slice(0, 19).replace('T', ' ')} +0000` : null;
}

/** A tag as a keyword: in braces when it holds a separator ("ML; theory" → `{ML; theory}`). */
function keyword(tag: string): string {
  return /[,;]/.test(tag) ? `{${texEscape(tag)}}` : texEscape(tag);
}

/** "Last, First and …", ending with "and others" when cut here or by the page (`cut`). */
function authorList(authors: readonly string[], max: number, cut: boolean): string {
  const names = authors.slice(0, max).map((name) => {
    const split = splitName(name);
    if ('literal' in split) return /[\s,]/.test(split.literal) ? `{${texName(split.literal)}}` : texName(split.literal);
    return [split.family, split.suffix, split.given].filter((part) => part !== '').map(texName).join(', ');
  });
  if (authors.length > max || cut) names.push('others');
  return names.join(' and ');
}

/**
 * A verbatim field (url, doi, eprint): what could unbalance the entry (braces, backslashes,
 * spaces) is percent-encoded, and so is `$`, which some readers take for math even there, and `^`:
 * where a style typesets the field as plain TeX (plainnat without the url package), TeX reads
 * "^^5c" as a backslash, and "^^5cinput" as \input.
 */
function verbatim(value: string): string {
  return value.replace(/[{}\\\s$^]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The bare arXiv id of the paper (its id or an alias), or null. */
export function arxivIdOf(r: PaperRecord): string | null {
  const id = idsOf(r).find((i) => idScheme(i) === 'arxiv');
  return id ? idValue(id) : null;
}

/**
 * The Google Scholar cluster page of a paper Scholar named, else null: for a paper only Scholar
 * names, the one id an import can read it back by (see paperIdOfLink).
 */
export function scholarPageOf(r: PaperRecord): string | null {
  const id = idsOf(r).find((i) => idScheme(i) === 'scholar');
  return id ? landingUrl(id) : null;
}

/**
 * The ACL Anthology page of a paper kept under another id (an arXiv paper a page linked to its
 * Anthology id) whose link and DOI do not name it already, else null.
 */
export function anthologyPageOf(r: PaperRecord): string | null {
  const id = idsOf(r).find((i) => idScheme(i) === 'acl');
  const doi = doiOf(r);
  if (!id || id === r.id || canonicalId(r.url) === id || (doi !== null && withImpliedIds([`doi:${doi}`]).includes(id))) return null;
  return landingUrl(id);
}

function doiOf(r: PaperRecord): string | null {
  const id = idsOf(r).find((i) => idScheme(i) === 'doi');
  return id ? idValue(id) : null;
}

/** The DOI to cite: the paper's own (its id or an alias), else for an arXiv paper arXiv's DataCite DOI. */
export function citedDoi(r: PaperRecord): string | null {
  const arxiv = arxivIdOf(r);
  return doiOf(r) ?? (arxiv ? `10.48550/arXiv.${arxiv}` : null);
}

/** An ACL Anthology paper whose volume a page named: cited as a paper in those proceedings. */
export function inProceedings(r: PaperRecord): boolean {
  return Boolean(r.venue) && idsOf(r).some((id) => idScheme(id) === 'acl');
}

/** Words a citation key skips when it takes the title's first significant word. */
const STOP_WORDS = new Set(
  'a an the on of in for and to with towards toward via from by at is are do does can what how why when where which who whose our your we you it its this that these those as or not into onto over under using beyond'.split(' '),
);

/**
 * A paper's key before collisions: first author's family name, year, first significant title
 * word ("vaswani2017attention"), ASCII-folded and lower-cased; parts that are unknown or have no
 * ASCII form are left out, and "paper" stands in when nothing is left.
 */
export function citationKeyBase(r: PaperRecord): string {
  const author = r.authors[0] ? asciiFold(familyForKey(r.authors[0])).slice(0, 24) : '';
  const year = yearOf(r);
  const title = r.title.replace(/\$[^$]*\$/g, ' ').replace(/\\[A-Za-z]+/g, ' ');
  let word = '';
  for (const w of title.split(/[^\p{L}\p{N}\p{M}]+/u)) {
    word = asciiFold(w);
    if (word !== '' && !STOP_WORDS.has(word)) break;
    word = '';
  }
  return `${author}${year ?? ''}${word.slice(0, 24)}` || 'paper';
}

/**
 * Unique, stable keys for a library, by id. A paper whose base key no other paper has keeps it.
 * Papers that share one get it in id order: the first the bare key, the others suffixes a, b, …,
 * z, aa, … that are no paper's base key. The same library always gets the same keys whatever
 * its order, and adding a paper changes no other paper's key unless they share a base key and
 * the new one's id sorts first (arXiv ids grow with time, so a newer paper usually sorts last).
 */
export function citationKeys(records: readonly PaperRecord[]): Map<PaperId, string> {
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const bases = new Map(sorted.map((r) => [r.id, citationKeyBase(r)]));
  const taken = new Set(bases.values());
  const given = new Set<string>();
  const keys = new Map<PaperId, string>();
  for (const r of sorted) {
    if (keys.has(r.id)) continue;
    const base = bases.get(r.id)!;
    let key = base;
    if (given.has(base)) {
      for (let n = 0; ; n++) {
        key = base + suffix(n);
        if (!taken.has(key)) break;
      }
      taken.add(key);
    }
    given.add(key);
    keys.set(r.id, key);
  }
  return keys;
}

/** a, b, …, z, aa, ab, … */
function suffix(n: number): string {
  let s = '';
  for (n += 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(97 + ((n - 1) % 26)) + s;
  return s;
}
