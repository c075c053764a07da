/**
 * The library as RIS, the tagged format EndNote, Mendeley, Zotero and most other reference
 * managers import (for those who keep their references there rather than in a .bib file). Pure.
 *
 * One record per paper, `TY  - ` to `ER  - `, one `TAG  - value` line per field, CRLF line ends
 * as the format's specification writes them:
 *   - TY: CONF for an ACL Anthology paper whose volume a page named (as @inproceedings in
 *     bibtex.ts), with the volume as C3, the proceedings' title (in CPAPER, and as CONF's T2, it
 *     is the conference's name: Zotero filed it so, and styles that print the proceedings left
 *     it out); else GEN (as @misc: we never know a journal);
 *   - TI, AU (one per author, "Family, Given" as in BibTeX), PY (the year as BibTeX works it
 *     out), T2 (the venue, but for CONF), AB (the abstract), UR (the paper's page; again, its Google Scholar cluster page for
 *     a paper Scholar named, see scholarPageOf, and its ACL Anthology page, see anthologyPageOf), L1 (its PDF), DO (its DOI,
 *     or arXiv's own for an arXiv paper), AN (its arXiv id, "arXiv:2408.03961"), KW (one per tag),
 *     N1 (the user's note, a field per paragraph: reference managers keep it as a note on the
 *     item, not in citations; a paragraph of several lines, or that would read as Zotero's HTML,
 *     isHtmlNote, or as Mendeley's arXiv id, isIdNote, is written as HTML, so that it reads back
 *     as written: a note "arXiv:1810.04805" on another paper made the two papers one).
 * A value is one line: line breaks and other control characters become spaces, so no text from
 * a page can end a record or start a field.
 */
import type { PaperRecord } from '../core/paper';
import { anthologyPageOf, arxivIdOf, citedDoi, inProceedings, scholarPageOf } from './bibtex';
import { splitName } from './names';
import { yearOf } from './paper-facts';

export function toRis(records: readonly PaperRecord[]): string {
  return records.map(record).join('');
}

function record(r: PaperRecord): string {
  const arxiv = arxivIdOf(r);
  const year = yearOf(r);
  const proceedings = inProceedings(r);
  const fields: Array<[string, string | null | undefined]> = [
    ['TY', proceedings ? 'CONF' : 'GEN'],
    ['TI', r.title],
    ...r.authors.map((name): [string, string] => ['AU', risName(name)]),
    ['PY', year === null ? null : String(year)],
    [proceedings ? 'C3' : 'T2', r.venue],
    ['AB', r.abstract],
    ['UR', r.url],
    ['UR', scholarPageOf(r)],
    ['UR', anthologyPageOf(r)],
    ['L1', r.pdfUrl],
    ['DO', citedDoi(r)],
    ['AN', arxiv && `arXiv:${arxiv}`],
    ...r.tags.map((tag): [string, string] => ['KW', tag]),
    // One N1 per paragraph: a field holds one line, and readers (ours too) join several N1 with a
    // blank line. A paragraph of several lines (a list) is HTML, as Zotero writes notes, its line
    // breaks <br>: on one line they ran together ("line one line two - a - b").
    ...r.note.split(/\n\s*\n/).map((paragraph): [string, string] => ['N1', noteParagraph(paragraph)]),
  ];
  const lines = fields.map(([tag, value]) => [tag, oneLine(value ?? '')]).filter(([, value]) => value !== '');
  return [...lines.map(([tag, value]) => `${tag}  - ${value}`), 'ER  - ', ''].join('\r\n');
}

function risName(name: string): string {
  const split = splitName(name);
  if ('literal' in split) return split.literal;
  return [split.family, split.given, split.suffix].filter((part) => part !== '').join(', ');
}

/**
 * True when a notes field is HTML, as Zotero writes each note (`<p>…</p>`): it starts with a
 * block element, which it also closes ("<p> vs <div>: which to use" is text).
 */
export function isHtmlNote(value: string): boolean {
  const tag = /^\s*<(p|div|h[1-6]|ul|ol|blockquote|pre)\b[^>]*>/i.exec(value)?.[1];
  return tag !== undefined && new RegExp(`</${tag}\\s*>`, 'i').test(value);
}

/**
 * True when a notes field only names an arXiv id ("arXiv: 1706.03762"): Mendeley's way of giving
 * the paper's, which our import reads as the paper's id.
 */
export function isIdNote(value: string): boolean {
  return /^\s*arXiv:\s*\S+\s*$/i.test(value);
}

/** A note's paragraph as an N1 value: as written, or as HTML where plain text would not come back as itself. */
function noteParagraph(paragraph: string): string {
  const lines = paragraph.trim().split('\n');
  if (lines.length === 1 && !isHtmlNote(paragraph) && !isIdNote(paragraph)) return paragraph;
  return `<p>${lines.map(escapeHtml).join('<br>')}</p>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** The value on one line: control characters (line breaks first) and separators become spaces. */
function oneLine(value: string): string {
  return value.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').replace(/ {2,}/g, ' ').trim();
}
