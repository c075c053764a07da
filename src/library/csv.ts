/**
 * The library as CSV, for spreadsheets. Pure, no browser APIs.
 *
 * RFC 4180: a header row, CRLF after every row, a field quoted when it has a comma, a quote, CR
 * or LF, quotes inside doubled. Lists (authors, tags) are joined with "; ". Times are ISO 8601
 * (UTC), empty when unset; flags are `true`/`false`. The string has no byte-order mark: whoever
 * saves it as a file adds CSV_BOM (the popup's export does: without it Excel reads the file as
 * Windows-1252).
 *
 * Formula injection: titles, authors and abstracts come from hostile pages, and a spreadsheet
 * runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or CR, which some strip first) as
 * a formula (`=HYPERLINK(…)`, `=cmd|…`). Such a text cell gets a leading apostrophe (OWASP's
 * advice): spreadsheets then show it as text, and a program reading the CSV can recognize and
 * remove the apostrophe (unguardCell). The guard is applied to every text column — ids, URLs,
 * times and flags never start with those characters, so only user and page text is ever changed.
 * Spreadsheets in locales that separate lists by `;` (Excel in Germany, France…) split rows at
 * semicolons, and honour a quote only at the start of what they split, so a title "x;=cmd|…"
 * would start a cell there: a formula character after a semicolon is guarded too.
 */
import type { PaperRecord } from '../core/paper';
import { yearOf } from './paper-facts';

export const CSV_BOM = '\uFEFF';

/** The columns, in order, and how each is written. */
const COLUMNS: ReadonlyArray<readonly [string, (r: PaperRecord) => string]> = [
  ['id', (r) => r.id],
  ['title', (r) => r.title],
  ['authors', (r) => r.authors.join('; ')],
  ['abstract', (r) => r.abstract ?? ''],
  ['url', (r) => r.url],
  ['pdf_url', (r) => r.pdfUrl ?? ''],
  ['primary_category', (r) => r.primaryCategory ?? ''],
  ['site', (r) => r.site],
  ['starred', (r) => String(r.starred)],
  ['starred_at', (r) => isoTime(r.starredAt)],
  ['read', (r) => String(r.read)],
  ['read_at', (r) => isoTime(r.readAt)],
  ['dismissed', (r) => String(r.dismissed)],
  ['first_seen_at', (r) => isoTime(r.firstSeenAt)],
  ['last_seen_at', (r) => isoTime(r.lastSeenAt)],
  ['tags', (r) => r.tags.join('; ')],
  ['note', (r) => r.note],
  // Last, so that the columns before keep their places for scripts written for earlier exports.
  ['year', (r) => String(yearOf(r) ?? '')],
  ['venue', (r) => r.venue ?? ''],
  // The page named only the first authors (authorsCut): `authors` is not the whole list.
  ['authors_cut', (r) => String(r.authorsCut === true)],
];

export const CSV_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

export function toCsv(records: readonly PaperRecord[]): string {
  const rows = [CSV_COLUMNS.map(csvCell)];
  for (const r of records) rows.push(COLUMNS.map(([, value]) => csvCell(value(r))));
  return rows.map((row) => row.join(',') + '\r\n').join('');
}

/**
 * Where a spreadsheet would read a formula: a formula character at the start of the cell, or of
 * a line in it, or after a semicolon (and spaces): a reader that splits at ";" and honours no
 * quote in mid-field starts a cell there, and a row at a line break. After any apostrophes (text
 * that already has "'=" there is guarded too, so that unguardCell is exact).
 */
const FORMULA_STARTS = /(^|[;\n] *)(?='*[=+\-@\t\r])/g;
/** The guard's apostrophes, as unguardCell finds them. */
const GUARDS = /(^|[;\n] *)'(?='*[=+\-@\t\r])/g;

/** One cell, guarded against formula injection and quoted as RFC 4180 requires. */
export function csvCell(value: string): string {
  const guarded = value.replace(FORMULA_STARTS, "$1'");
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** A cell's text as it was before the guard (for programs that read our CSV back). */
export function unguardCell(cell: string): string {
  return cell.replace(GUARDS, '$1');
}

/** ISO 8601 in UTC; a time beyond what Date can hold (±275,000 years) as its number. */
function isoTime(ms: number | null): string {
  if (ms === null) return '';
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}
