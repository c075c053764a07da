/**
 * Reading an import file: our JSON library, a .bib file, a RIS file or a list of ids. Pure, no
 * browser APIs. The result is what the background's importLibrary message carries: JSON imports
 * merge (mergeImported), BibTeX, RIS and id lists seed starred papers (seedImported); see
 * merge-import.ts.
 *
 * What kind a file is: a file starting with `{` is JSON, one with a BibTeX entry (`@type{` at
 * the start of a line, after any comments) is BibTeX, one with a RIS record (`TY  - `, or `TY - ` as some EndNote files write it, at the
 * start of a line) RIS, anything else a list of ids. A `.json`, `.bib` or `.ris` name wins over the content's look when the content would be read as an id list, so
 * that a broken JSON or BibTeX file gets its own kind's error rather than "Line 1: … is not an
 * arXiv id".
 *
 * Id lists: one arXiv id, DOI or paper URL per line (anything canonicalId reads: arXiv and
 * doi.org URLs, Hugging Face and ACL Anthology paper pages, `arXiv:2408.00001v2`, canonical
 * ids); blank lines and comments (`#` at the start of a line, or after a space) are allowed;
 * the first line that names no paper is an error (`Line 7: "foo" is not an arXiv id, DOI or
 * paper URL`), since a typo silently dropped would be a paper silently not imported.
 */
import * as v from 'valibot';
import { canonicalId, type PaperId } from '../core/ids';
import type { PaperRecord } from '../core/paper';
import { truncate } from '../core/text';
import { IMPORT_LIMIT, PaperRecordSchema } from '../messages';
import type { Interests } from '../relevance/interests';
import { examples, parseBibtexSeeds } from './bibtex-import';
import { describeIssue, formatCount } from './issues';
import { parseLibraryJson } from './library-json';
import { firstRisRecord, parseRisSeeds } from './ris-import';
import { filedStarDate, seedRecord, type Seeds } from './seed';

/**
 * The largest file we read: 128 MiB. Our JSON export of 10,000 papers with abstracts, tags and
 * short notes is about 20 MB (scripts/bench/library-formats.ts measures it); real arXiv records
 * take ≈ 2 KB each, so a backup of IMPORT_LIMIT (50,000) papers is about 100 MB (at 32 MiB, one
 * of 17,000 could not be restored). The cap keeps a wrong file (a video, a database dump) from
 * being read whole.
 */
export const MAX_IMPORT_BYTES = 128 * 1024 * 1024;

export type ImportKind = 'json' | 'bibtex' | 'ris' | 'ids';

export interface ImportSkipped {
  /** How many entries named no paper (BibTeX entries without an arXiv id, DOI or paper URL). */
  count: number;
  /** The first few of their keys. */
  keys: string[];
}

export type ImportResult =
  | {
      ok: true;
      kind: ImportKind;
      papers: PaperRecord[];
      interests: Interests | null;
      skipped?: ImportSkipped;
      /** A sentence about what was left out, for the user (only when something was). */
      note?: string;
    }
  | { ok: false; message: string };

/**
 * Reads an import file (a File, or any Blob with a name): one over MAX_IMPORT_BYTES is refused
 * by its size before a byte is read; the rest is decoded (importFileText) and goes to parseImport.
 */
export async function readImportFile(file: Blob & { name: string }, now: number = Date.now()): Promise<ImportResult> {
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, message: `The file is ${megabytes(file.size)}; files up to ${megabytes(MAX_IMPORT_BYTES)} can be imported` };
  return parseImport(importFileText(new Uint8Array(await file.arrayBuffer())), file.name, now);
}

/**
 * An import file's text, from its bytes. Not every file is UTF-8 (Blob.text() reads every file
 * as UTF-8, and made each accented letter of any other a U+FFFD "�"): JabRef on Windows saved
 * .bib files in windows-1252 by default, writing "% Encoding: windows-1252" (older versions
 * "% Encoding: Cp1252") on a first line; JabRef's "UTF-16" and Windows Notepad's "Unicode" write
 * UTF-16 with a byte order mark. So: a UTF-16 byte order mark says UTF-16; else text that is valid
 * UTF-8 is UTF-8 (text in a legacy charset with any letter beyond ASCII hardly ever is); else the
 * charset a JabRef header names, else windows-1252, the most common legacy charset (a superset
 * of ISO-8859-1: browsers decode that label as windows-1252 too).
 */
export function importFileText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes); // the decoder drops the mark
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return legacyDecoder(bytes).decode(bytes);
  }
}

/** The decoder for a file that is not UTF-8: the charset its JabRef header names, else windows-1252. */
function legacyDecoder(bytes: Uint8Array): TextDecoder {
  // The header is ASCII, in the first lines (after "% This file was created with JabRef …").
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 1024));
  // Java's names: "ISO8859_1" is the label "iso8859-1"; "Cp1252", "UTF8" are labels as they are.
  const named = /^%[ \t]*Encoding:[ \t]*([\w.:-]+)/im.exec(head)?.[1]?.replace(/_/g, '-');
  if (named) {
    try {
      return new TextDecoder(named);
    } catch {
      // A charset no browser decodes: read as the default below.
    }
  }
  return new TextDecoder('windows-1252');
}

export function parseImport(text: string, fileName?: string, now: number = Date.now()): ImportResult {
  if (exceedsUtf8(text, MAX_IMPORT_BYTES)) return { ok: false, message: `The file is larger than ${megabytes(MAX_IMPORT_BYTES)}, the most that can be imported` };
  const body = text.replace(/^\uFEFF/, '');
  if (!/\S/.test(body)) return { ok: false, message: 'The file is empty' };
  const kind = importKind(body, fileName);
  const result = kind === 'json' ? fromJson(body) : kind === 'bibtex' ? fromBibtex(body, now) : kind === 'ris' ? fromRis(body, now) : fromIds(body, now, fileName);
  if (result.ok && result.papers.length > IMPORT_LIMIT)
    return { ok: false, message: `The file names ${formatCount(result.papers.length)} papers; at most ${formatCount(IMPORT_LIMIT)} can be imported at once` };
  if (result.ok && result.papers.length === 0 && kind !== 'json') return { ok: false, message: 'The file names no papers' };
  return result.ok ? (refusal(result.papers) ?? result) : result;
}

/**
 * The first paper the background would refuse, as an error, or null. The readers keep what they
 * make within importLibrary's schema; should one not, the background would refuse the whole
 * import as an "invalid message", and this names the paper instead.
 */
function refusal(papers: readonly PaperRecord[]): ImportResult | null {
  for (const paper of papers) {
    const checked = v.safeParse(PaperRecordSchema, paper);
    if (!checked.success) return { ok: false, message: `Paper ${paper.id} cannot be imported: ${describeIssue(checked.issues[0])}` };
  }
  return null;
}

export function importKind(text: string, fileName?: string): ImportKind {
  if (/^\s*\{/.test(text)) return 'json';
  // Whichever starts first: a RIS abstract may wrap onto a line such as "@dataclass(frozen=True)".
  const bibtexAt = text.search(/^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]/m);
  const risAt = firstRisRecord(text);
  if (bibtexAt !== -1 && (risAt === -1 || bibtexAt < risAt)) return 'bibtex';
  if (risAt !== -1) return 'ris';
  const extension = /\.([A-Za-z]+)$/.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (extension === 'json') return 'json';
  if (extension === 'bib' || extension === 'bibtex') return 'bibtex';
  if (extension === 'ris') return 'ris';
  return 'ids';
}

function fromJson(text: string): ImportResult {
  const parsed = parseLibraryJson(text);
  return parsed.ok ? { ok: true, kind: 'json', papers: parsed.papers, interests: parsed.interests } : parsed;
}

function fromBibtex(text: string, now: number): ImportResult {
  const parsed = parseBibtexSeeds(text, now);
  if (!parsed.ok) return parsed;
  const result = seeded('bibtex', parsed.seeds, ['entry names', 'entries name']);
  if (!result.ok) return result;
  const said: string[] = [];
  const macros = parsed.undefinedMacros;
  if (macros.length > 0)
    said.push(`${formatCount(macros.length)} @string ${macros.length === 1 ? 'macro' : 'macros'} the file uses but does not define (a venue's, from another .bib file) ${macros.length === 1 ? 'was' : 'were'} read as ${macros.length === 1 ? 'its name' : 'their names'}: ${examples(macros)}.`);
  // Said, since a star dated years ago is listed under Starred by that date, not at the top.
  const dated = result.papers.filter((paper) => filedStarDate(paper, now) !== null).length;
  if (dated > 0) said.push(`The file dates when ${formatCount(dated)} of them ${dated === 1 ? 'was' : 'were'} added (date-added, creationdate): a new star takes that date.`);
  return said.length === 0 ? result : { ...result, note: [result.note, ...said].filter(Boolean).join(' ') };
}

function fromRis(text: string, now: number): ImportResult {
  const parsed = parseRisSeeds(text, now);
  return parsed.ok ? seeded('ris', parsed.seeds, ['record names', 'records name']) : parsed;
}

/** Papers seeded from a file, with a note on the entries (records) that named none. */
function seeded(kind: ImportKind, { papers, skipped }: Seeds, [one, many]: [string, string]): ImportResult {
  if (skipped.length === 0) return { ok: true, kind, papers, interests: null };
  const n = skipped.length;
  return {
    ok: true,
    kind,
    papers,
    interests: null,
    skipped: { count: n, keys: skipped.slice(0, 5) },
    note: `${formatCount(n)} ${n === 1 ? one : many} no arXiv id, DOI or paper URL and ${n === 1 ? 'was' : 'were'} not imported: ${examples(skipped)}.`,
  };
}

function fromIds(text: string, now: number, fileName?: string): ImportResult {
  const papers = new Map<PaperId, PaperRecord>();
  const lines = text.split(/\r\n?|\n/);
  for (const [i, line] of lines.entries()) {
    const item = withoutComment(line).trim();
    if (item === '') continue;
    const id = canonicalId(item);
    if (!id) {
      const other = papers.size === 0 ? formatNotImported(fileName, item) : null;
      if (other) return { ok: false, message: `This looks like ${other}, which cannot be imported. Import a JSON export of Paper Radar's (a backup), a BibTeX or RIS file, or a list of arXiv ids, DOIs or paper URLs, one per line` };
      return { ok: false, message: `Line ${formatCount(i + 1)}: "${shorten(item)}" is not an arXiv id, DOI or paper URL` };
    }
    if (!papers.has(id)) papers.set(id, seedRecord({ id }, now));
  }
  return { ok: true, kind: 'ids', papers: [...papers.values()], interests: null };
}

/**
 * The kind of file, in words, that a file read as an id list is instead, by its name or its
 * first line (`first`), or null: our own CSV and Markdown exports (for spreadsheets and notes;
 * only the JSON export is a backup), a PDF. Said so, not "Line 1: "id,title,…" is not an arXiv id".
 */
function formatNotImported(fileName: string | undefined, first: string): string | null {
  const extension = /\.([A-Za-z]+)$/.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (extension === 'csv' || extension === 'tsv' || /^"?id"?[,;\t]"?title"?[,;\t]/i.test(first)) return 'a CSV file (a CSV export is for spreadsheets)';
  if (extension === 'md' || extension === 'markdown' || /^[-*] \[/.test(first)) return 'a Markdown file (a Markdown export is a reading list)';
  if (extension === 'pdf' || first.startsWith('%PDF-')) return 'a PDF';
  return null;
}

/** A line of an id list without its `# comment` (a `#` at its start or after a space; a URL's `#` is kept). */
function withoutComment(line: string): string {
  for (let at = line.indexOf('#'); at >= 0; at = line.indexOf('#', at + 1)) {
    if (at === 0 || /\s/.test(line[at - 1]!)) return line.slice(0, at);
  }
  return line;
}

/** Text quoted in a message: one line, at most 60 characters. */
function shorten(s: string): string {
  const line = s.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return line.length > 60 ? `${truncate(line, 57)}…` : line;
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** True when `text` takes more than `limit` bytes in UTF-8 (counted only when it can). */
function exceedsUtf8(text: string, limit: number): boolean {
  if (text.length > limit) return true; // at least one byte per UTF-16 unit
  if (text.length * 3 <= limit) return false; // at most three bytes per unit (four per pair)
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair: one code point beyond the BMP
      i++;
    } else bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
  }
  return bytes > limit;
}
