/**
 * Papers to star from a RIS file (an EndNote, Mendeley or Zotero export, or ours). Pure, no
 * browser APIs. It reads as bibtex-import.ts does, for the same reasons:
 *   - which records become papers: those naming an arXiv id (`AN  - arXiv:…`, as we write it; or
 *     "arXiv:…" in the journal fields, as Google Scholar's "arXiv preprint arXiv:…", or
 *     "arXiv preprint hep-th/9711200" for an old-style id: arxivIdIn), a DOI (`DO`), or a paper
 *     URL we recognize (`UR`, `L1`…, each link of one holding several); a record naming several
 *     is one paper, the others its aliases. The notes (`N1`) are the user's text, which may cite
 *     other papers ("Builds on arXiv:1706.03762"): an id in running text there names the paper
 *     only when no other field names one; a note that is only an id (Mendeley writes the arXiv id
 *     so: "arXiv: 1706.03762") is the paper's. Records naming none are skipped and reported; a
 *     file where none names one is an error;
 *   - syntax: each record runs from `TY  - ` to `ER  - `; a line that is no field continues the
 *     one before (exporters wrap long abstracts), and between records is ignored (a header such
 *     as JSTOR's "Provider: …"). A broken record start or end — a field outside a record, a
 *     record starting inside another, one left open at the end of the file — is an error naming
 *     its line: importing the records around it would quietly lose papers.
 * Authors ("Family, Given, Suffix") are kept as pages write names ("Given Family Suffix").
 */
import type { PaperId } from '../core/ids';
import { winnerOf } from '../core/merge';
import { LIMITS, type PaperRecord } from '../core/paper';
import { collapseWhitespace, decodeHtmlEntities } from '../core/text';
import { IMPORT_LIMIT } from '../messages';
import { examples } from './bibtex-import';
import { formatCount } from './issues';
import { isLiteralName } from './names';
import { isHtmlNote, isIdNote } from './ris';
import { arxivIdIn, collectSeeds, doiFieldId, linksIn, paperIdOfLink, seedRecord, venueOf, type Seeds } from './seed';

/**
 * A field line: a tag of a capital and a capital or digit, two spaces, a hyphen (then a space
 * and the value). Some EndNote files put one space: the file's first record start says which.
 * The value may hold U+2028 (Taylor & Francis titles), which `.` and `$` take for a line end.
 */
const fieldLine = (gap: string) => new RegExp(`^([A-Z][A-Z0-9])${gap}-(?: (.*))?$`, 's');

/** A record's first line ("TY  - JOUR"), with the spaces before its hyphen: the file's field lines have as many. */
const RECORD_START = /^TY( {1,2})- ?\S/m;

/** Where the text's first RIS record starts (at the beginning of a line), or -1. */
export function firstRisRecord(text: string): number {
  return text.search(RECORD_START);
}

type Fields = Map<string, string[]>;

/** Seeds' `skipped` are the records' titles, or their line numbers where they have none. */
export function parseRisSeeds(text: string, now: number): { ok: true; seeds: Seeds } | { ok: false; message: string } {
  const gap = RECORD_START.exec(text)?.[1] ?? '  ';
  const FIELD = fieldLine(gap);
  const starts = text.match(new RegExp(`^TY${gap}-`, 'gm'))?.length ?? 0;
  if (starts > IMPORT_LIMIT) return { ok: false, message: `The file has ${formatCount(starts)} records; at most ${formatCount(IMPORT_LIMIT)} can be imported at once` };
  const records: Array<{ line: number; fields: Fields }> = [];
  let open: { line: number; fields: Fields; last: string[] } | null = null;
  const lines = text.split(/\r\n?|\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/^\uFEFF/, '');
    const m = FIELD.exec(line.trimEnd());
    if (!m) {
      // Inside a record: a wrapped value, the rest of the field above. Between records: text
      // readers ignore, such as the "Provider: JSTOR" header some sites put first.
      if (open?.last && line.trim() !== '') open.last[open.last.length - 1] += ` ${line.trim()}`;
      continue;
    }
    const [, tag, value = ''] = m;
    if (tag === 'TY') {
      if (open) return { ok: false, message: `Line ${formatCount(i + 1)}: a record starts before the one at line ${formatCount(open.line)} ended (ER  - )` };
      open = { line: i + 1, fields: new Map(), last: [] };
    } else if (!open) {
      return { ok: false, message: `Line ${formatCount(i + 1)}: a ${tag} field outside a record (records start with TY  - )` };
    }
    if (tag === 'ER') {
      records.push({ line: open.line, fields: open.fields });
      open = null;
      continue;
    }
    // A1 and AU are both authors, in the order given, mixed in some files.
    const key = tag === 'A1' ? 'AU' : tag!;
    const values = open.fields.get(key) ?? [];
    values.push(value.trim());
    open.fields.set(key, values);
    open.last = values;
  }
  if (open) return { ok: false, message: `The record starting at line ${formatCount(open.line)} has no end (ER  - )` };
  if (records.length === 0) return { ok: false, message: 'No RIS records found' };

  const seeds = collectSeeds(
    records,
    ({ fields }) => seedOf(fields, now),
    ({ line, fields }) => first(fields, 'TI', 'T1') || `line ${formatCount(line)}`,
  );
  if (seeds.papers.length === 0) {
    const n = records.length;
    return { ok: false, message: `No record names an arXiv id, DOI or paper URL (${formatCount(n)} ${n === 1 ? 'record' : 'records'}, e.g. ${examples(seeds.skipped)})` };
  }
  return { ok: true, seeds };
}

function seedOf(fields: Fields, now: number): PaperRecord | null {
  const ids = idsOf(fields);
  if (ids.length === 0) return null;

  return seedRecord(
    {
      id: winnerOf(ids),
      aliases: ids,
      title: first(fields, 'TI', 'T1'),
      url: linksIn(first(fields, 'UR'))[0],
      authors: (fields.get('AU') ?? []).map(nameOf).filter((name) => name !== ''),
      abstract: first(fields, 'AB', 'N2') || null,
      year: Number(/^\s*(\d{4})/.exec(first(fields, 'PY', 'Y1', 'DA'))?.[1]) || undefined,
      // A conference paper's proceedings (CONF's C3; ours, and Zotero's), before the conference's name.
      venue: venueOf(first(fields, ...(first(fields, 'TY').toUpperCase() === 'CONF' ? ['C3'] : []), 'T2', 'JO', 'JF', 'BT', 'JA')),
      tags: (fields.get('KW') ?? []).map(collapseWhitespace).filter((tag) => tag !== ''),
      note: (fields.get('N1') ?? []).map(noteText).filter((note) => note !== '').join('\n\n'),
    },
    now,
  );
}

/**
 * A notes field as the paper's note: an HTML one (isHtmlNote) is read as its text; a field that
 * only names the paper's arXiv id (Mendeley's "arXiv: 1706.03762"), already read as an id, is
 * no note.
 */
function noteText(field: string): string {
  // Cut first: a note is kept to LIMITS.note anyway, and the file is untrusted (a tag left open
  // over a long field made the markup scan slow).
  const value = field.slice(0, 4 * LIMITS.note);
  if (isIdNote(value)) return '';
  if (!isHtmlNote(value)) return value.trim();
  const text = value
    .replace(/<br\s*\/?>|<\/(?:p|div|h[1-6]|li|blockquote|pre)>/gi, '\n')
    .replace(/<[^<>]*>/g, '');
  return decodeHtmlEntities(text)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Every canonical id the record names. */
function idsOf(fields: Fields): PaperId[] {
  const found = new Set<PaperId>();
  const add = (id: string | null) => id && found.add(id);
  const notes = fields.get('N1') ?? [];
  for (const tag of ['AN', 'JO', 'JF', 'T2', 'M1', 'M3']) for (const value of fields.get(tag) ?? []) add(arxivIdIn(value));
  for (const note of notes) if (isIdNote(note)) add(arxivIdIn(note));
  for (const doi of fields.get('DO') ?? []) add(doiFieldId(doi));
  for (const tag of ['UR', 'L1', 'L2', 'LK']) for (const field of fields.get(tag) ?? []) for (const url of linksIn(field)) add(paperIdOfLink(url));
  if (found.size === 0) for (const note of notes) add(arxivIdIn(note));
  return [...found];
}

/** The first non-empty value among these tags, as one line. */
function first(fields: Fields, ...tags: string[]): string {
  for (const tag of tags) for (const value of fields.get(tag) ?? []) if (value.trim() !== '') return collapseWhitespace(value);
  return '';
}

/**
 * "Family, Given, Suffix" as pages write names: "Given Family Suffix"; anything else, and a name
 * that is no person's ("Google Research, Brain Team"; isLiteralName), as it is.
 */
function nameOf(value: string): string {
  const parts = value.split(',').map((part) => collapseWhitespace(part));
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => part === '') || isLiteralName(value)) return collapseWhitespace(value);
  const [family, given, suffix] = parts;
  return [given, family, suffix].filter(Boolean).join(' ');
}
