/**
 * Our own library file: everything the extension knows, versioned, for backups and moving to
 * another browser. Pure, no browser APIs.
 *
 *   { "format": "paper-radar-library", "version": 3, "exportedAt": "<ISO 8601>",
 *     "interests": <Interests> | null, "papers": [<PaperRecord>, …] }
 *
 * One paper per line (a 10,000-paper library stays readable and diffable, and ~10% smaller than
 * indented JSON); record fields in a fixed order. Reading it validates everything as the
 * background validates messages (PaperRecordSchema, InterestsSchema: LIMITS, canonical ids,
 * http(s) URLs only, no unknown fields) and then brings each record to the store's normal form
 * (clampMeta, normalizeTags, normalizeNote), so a hand-edited file imports like an exported one.
 * A time later than the export is read as it is (a mark synced from a device whose clock runs
 * fast): the import takes it as the moment of the import (notAfter in merge-import.ts).
 * Errors say what and where: "Entry 12 (arxiv:2408.00001): abstract is longer than 10,000
 * characters", "Not valid JSON: unexpected end of input at line 3, column 14".
 */
import * as v from 'valibot';
import { isCanonicalId, type PaperId } from '../core/ids';
import { aliasesOf, clampMeta, normalizeNote, normalizeTags, stateOf, type PaperRecord } from '../core/paper';
import { IMPORT_LIMIT, InterestsSchema, PAPER_RECORD_KEYS, PaperRecordSchema } from '../messages';
import type { Interests } from '../relevance/interests';
import { describeIssue, formatCount } from './issues';
import { errorText } from '../core/text';

export const LIBRARY_FORMAT = 'paper-radar-library';
export const LIBRARY_VERSION = 4;
/**
 * Versions this release reads: 1 has no marksAt (implied from the flags when read), 1 and 2 no
 * annotatedAt (implied from the tags and note), 1 to 3 no authorsCut (optional: lists taken as
 * complete). Each new record field is a new version: older releases refuse unknown fields, and
 * say so by the version instead.
 */
const READABLE_VERSIONS: readonly unknown[] = [1, 2, 3, 4];

/** Record fields in the order they are written (the schema's, so a new field cannot be forgotten). */
const RECORD_KEYS = PAPER_RECORD_KEYS;
const ENVELOPE_KEYS = new Set(['format', 'version', 'exportedAt', 'interests', 'papers']);

export function toLibraryJson(records: readonly PaperRecord[], interests: Interests | null, now: number): string {
  const head = [
    `  "format": ${JSON.stringify(LIBRARY_FORMAT)}`,
    `  "version": ${LIBRARY_VERSION}`,
    `  "exportedAt": ${JSON.stringify(new Date(now).toISOString())}`,
    `  "interests": ${JSON.stringify(interests, null, 2).replace(/\n/g, '\n  ')}`,
  ];
  const papers = records.map((r) => `    ${JSON.stringify(ordered(r))}`);
  const list = papers.length === 0 ? '[]' : `[\n${papers.join(',\n')}\n  ]`;
  return `{\n${head.join(',\n')},\n  "papers": ${list}\n}\n`;
}

/** The record's fields in RECORD_KEYS order (records stored before tags/notes existed get the defaults). */
function ordered(r: PaperRecord): Record<string, unknown> {
  const full: Record<string, unknown> = { ...r, aliases: aliasesOf(r), ...stateOf(r) };
  const out: Record<string, unknown> = {};
  for (const key of RECORD_KEYS) out[key] = full[key];
  return out;
}

export type LibraryParse =
  | { ok: true; papers: PaperRecord[]; interests: Interests | null; exportedAt: string }
  | { ok: false; message: string };

export function parseLibraryJson(text: string): LibraryParse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${jsonErrorText(error, text)}` };
  }
  const envelope = checkEnvelope(data);
  if (typeof envelope === 'string') return { ok: false, message: envelope };

  let interests: Interests | null = null;
  if (envelope.interests !== null) {
    const parsed = v.safeParse(InterestsSchema, envelope.interests);
    if (!parsed.success) return { ok: false, message: `Interests: ${describeIssue(parsed.issues[0])}` };
    interests = parsed.output;
  }

  const papers: PaperRecord[] = [];
  const entryOf = new Map<PaperId, number>();
  for (const [i, entry] of envelope.papers.entries()) {
    const id = (entry as { id?: unknown } | null)?.id;
    const where = `Entry ${formatCount(i + 1)}${isCanonicalId(id) ? ` (${id})` : ''}`;
    const parsed = v.safeParse(PaperRecordSchema, entry);
    if (!parsed.success) return { ok: false, message: `${where}: ${describeIssue(parsed.issues[0])}` };
    const record = parsed.output;
    // A paper once, by any of its ids: two entries of one paper would each replace the other's marks.
    const ids = [record.id, ...record.aliases];
    const earlier = ids.map((paperId) => entryOf.get(paperId)).find((entry) => entry !== undefined);
    if (earlier !== undefined) return { ok: false, message: `${where}: the same paper as entry ${formatCount(earlier + 1)}` };
    for (const paperId of ids) entryOf.set(paperId, i);
    // The schema refused a blank title, site or venue: clampMeta (collapsing whitespace) cannot empty
    // them. Its metadata only: a field it leaves out (authorsCut with no authors) stays out.
    papers.push({ ...clampMeta(record), ...stateOf(record), tags: normalizeTags(record.tags), note: normalizeNote(record.note) });
  }
  return { ok: true, papers, interests, exportedAt: envelope.exportedAt };
}

interface Envelope {
  exportedAt: string;
  interests: unknown;
  papers: unknown[];
}

/** The envelope's fields, or what is wrong with them. */
function checkEnvelope(data: unknown): Envelope | string {
  const notOurs = `Not a Paper Radar library: the file is JSON but has no "format": "${LIBRARY_FORMAT}"`;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return notOurs;
  const o = data as Record<string, unknown>;
  if (o.format !== LIBRARY_FORMAT) return notOurs;
  if (!READABLE_VERSIONS.includes(o.version)) {
    const newer = typeof o.version === 'number' && o.version > LIBRARY_VERSION;
    return (
      `Unknown library version ${JSON.stringify(o.version) ?? '(none)'}: this Paper Radar reads version ${LIBRARY_VERSION}` +
      (newer ? ' (the file was written by a newer Paper Radar; update this one to import it)' : '')
    );
  }
  const unknown = Object.keys(o).find((key) => !ENVELOPE_KEYS.has(key));
  if (unknown !== undefined) return `Unknown field "${unknown.slice(0, 40)}" in the library file`;
  if (typeof o.exportedAt !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(o.exportedAt) || Number.isNaN(Date.parse(o.exportedAt)))
    return '"exportedAt" must be an ISO 8601 time';
  if (!Array.isArray(o.papers)) return '"papers" must be a list';
  if (o.papers.length > IMPORT_LIMIT)
    return `The file lists ${formatCount(o.papers.length)} papers; at most ${formatCount(IMPORT_LIMIT)} can be imported at once`;
  if (!('interests' in o)) return 'missing field "interests" (null when there are none)';
  return { exportedAt: o.exportedAt, interests: o.interests, papers: o.papers };
}

/**
 * JSON.parse's complaint, in our words and with a line and column when the engine gives a
 * position. Engines word it differently: V8 (Node, Chromium) says "… in JSON at position 22"
 * (Chromium adds "(line 3 column 12)") or "Unexpected end of JSON input", Firefox "JSON.parse:
 * … at line 3 column 12 of the JSON data". A position at the end of the text is reported as
 * "unexpected end of input" whatever the engine expected there (a truncated file).
 */
export function jsonErrorText(error: unknown, text: string): string {
  const raw = errorText(error);
  let position: number | null = null;
  const at = /at position (\d+)/.exec(raw);
  const lineColumn = /line (\d+) column (\d+)/.exec(raw);
  if (at) position = Number(at[1]);
  else if (lineColumn) position = offsetOf(text, Number(lineColumn[1]), Number(lineColumn[2]));
  const atEnd = /end of (?:JSON )?(?:input|data)/i.test(raw) || (position !== null && text.slice(position).trim() === '');
  if (atEnd) return `unexpected end of input${where(text, text.trimEnd().length)}`;
  const what = raw
    .replace(/^JSON\.parse: /, '')
    .replace(/,? ?(?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '') // V8 quotes the text around the error
    .replace(/ (?:in JSON )?at position \d+.*$/s, '')
    .replace(/ at line \d+ column \d+.*$/s, '')
    .trim();
  const sentence = what.charAt(0).toLowerCase() + what.slice(1);
  return `${sentence.slice(0, 200)}${position === null ? '' : where(text, position)}`;
}

function where(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - (before.lastIndexOf('\n') + 1) + 1;
  return ` at line ${formatCount(line)}, column ${formatCount(column)}`;
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) break;
    offset = next + 1;
  }
  return offset + column - 1;
}
