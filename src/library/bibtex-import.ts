/**
 * Papers to star from a .bib file (a thesis bibliography, a Zotero or Google Scholar export).
 * Pure, no browser APIs. Parsing is @retorquere/bibtex-parser's (Better BibTeX for Zotero's
 * parser): it knows BibTeX's and biblatex's syntax, @string macros, names ("von Last, Jr,
 * First"), and turns TeX into Unicode text (`{\"u}` → ü, `$\alpha$` → α), which we need since
 * titles are shown as text.
 *
 * Which entries become papers: those naming an arXiv id (`eprint` with archivePrefix arXiv or
 * none, biblatex `eprinttype = {arxiv}`, Mendeley's `arxivid`, Google Scholar's `journal =
 * {arXiv preprint arXiv:…}` or, for an old-style id, `{arXiv preprint math/0211159}`), a DOI
 * (`doi`), or a paper URL we recognize (`url`, each link of one holding several as Mendeley
 * writes them: arXiv, doi.org, ACL Anthology, Hugging Face papers). An entry naming several is
 * one paper with the best id (arXiv first) and the others as aliases. Entries naming none
 * (books, web pages) are skipped and reported (count and first keys) — a note, not an error,
 * since most real bibliographies have some; but a file where no entry has an id is an error. Syntax errors are
 * errors: importing the entries around a broken one would quietly lose papers. The parser's
 * own error for unbalanced braces often points at the entry after the broken one, so braces are
 * checked first (braceProblem) to name the entry and line where it starts.
 */
import { FieldMode, parse, type Creator, type Entry } from '@retorquere/bibtex-parser';
import { canonicalId, parseArxivId, type PaperId } from '../core/ids';
import { winnerOf } from '../core/merge';
import { LIMITS, type PaperRecord } from '../core/paper';
import { collapseWhitespace, errorText } from '../core/text';
import { IMPORT_LIMIT } from '../messages';
import { MAX_ENTRY_CHARS } from './bibtex';
import { formatCount } from './issues';
import { texUnescape } from './tex';
import { arxivIdIn, collectSeeds, doiFieldId, linksIn, paperIdOfLink, seedRecord, venueOf, type Seeds } from './seed';


export function parseBibtexSeeds(text: string, now: number): { ok: true; seeds: Seeds; undefinedMacros: string[] } | { ok: false; message: string } {
  // Before the parser (about a millisecond an entry): a file over the import limit is refused at
  // once. Entries are counted wherever they start, not only at a line's start: one line can hold
  // a whole file.
  const entries = text.match(ENTRY_STARTS)?.length ?? 0;
  if (entries > IMPORT_LIMIT) return { ok: false, message: `The file has ${formatCount(entries)} entries; at most ${formatCount(IMPORT_LIMIT)} can be imported at once` };
  const braces = braceProblem(text);
  if (braces) return { ok: false, message: braces };
  const input = prepareValues(protectAngles(text)); // markers after a file's own noncharacters are dropped
  let library;
  let undefinedMacros: string[] = [];
  try {
    library = parse(input, PARSE_OPTIONS);
    // A venue's @string macro defined in another file (abbrev.bib, IEEEabrv.bib), as BibTeX
    // itself does with a warning: read as its name. In a field naming the paper it stays an error.
    undefinedMacros = venueMacros(input, library.errors);
    if (undefinedMacros.length > 0) library = parse(undefinedMacros.map((name) => `@string{${name} = {${name}}}\n`).join('') + input, PARSE_OPTIONS);
  } catch (error) {
    return { ok: false, message: `This BibTeX could not be read: ${oneLine(errorText(error))}` };
  }
  const syntax = library.errors[0];
  if (syntax) return { ok: false, message: `${whereIs(text, syntax.input, syntax.error)}${oneLine(syntax.error)}` };
  if (library.entries.length === 0) return { ok: false, message: 'No BibTeX entries found' };

  const keywords = keywordTexts(library.entries);
  const seeds = collectSeeds(library.entries, (entry) => seedOf(entry, now, keywords), (entry) => entry.key);
  if (seeds.papers.length === 0) {
    const n = library.entries.length;
    return { ok: false, message: `No entry names an arXiv id, DOI or paper URL (${formatCount(n)} ${n === 1 ? 'entry' : 'entries'}, e.g. ${examples(seeds.skipped)})` };
  }
  return { ok: true, seeds, undefinedMacros };
}

const PARSE_OPTIONS = { sentenceCase: false, english: false, caseProtection: false, unsupported: unknownTex } as const;

/** The fields that name the paper: a macro the file does not define there leaves its id unknown. */
const ID_FIELDS = new Set(['eprint', 'arxivid', 'doi', 'url', 'archiveprefix', 'eprinttype', 'primaryclass']);

/**
 * The @string macros the parser found undefined, when every one is used only in fields that do
 * not name the paper (a venue: `booktitle = NIPS`); none when any is used in one that does
 * (`eprint = x2408`: that entry's paper would be lost), or the parse has other errors.
 */
function venueMacros(bib: string, errors: ReadonlyArray<{ error: string }>): string[] {
  const names = errors.map((e) => /^Unresolved @string reference "([A-Za-z][\w:.+/-]*)"/.exec(e.error)?.[1]);
  if (names.length === 0 || names.some((name) => name === undefined)) return [];
  const unique = [...new Set(names as string[])];
  for (const name of unique) {
    const escaped = name.replace(/[.+/]/g, (c) => `\\${c}`);
    // From a word's start only, and each part of a concatenation (`x # "y" # {z} # NAME`) up to
    // its own `#`: a file with a long run of letters or spaces before the macro took seconds a
    // macro (retried at each letter, the overlapping \s* and [^…]* backtracking), hours for a
    // large file.
    for (const [, field] of bib.matchAll(new RegExp(String.raw`(?<![\w-])([A-Za-z][\w-]*)\s*=(?:(?:[^,{}"=#]|"[^"]*"|\{[^{}]*\})*#)*\s*${escaped}(?![\w:.+/-])`, 'gi'))) {
      if (ID_FIELDS.has(field!.toLowerCase())) return [];
    }
  }
  return unique;
}

/**
 * Keywords as text. The parser keeps them as written, TeX and all (it splits them at commas and
 * semicolons first), and a bibliography kept in ASCII writes "Schr{\\"o}dinger bridge": those with
 * TeX in them are read as a title is, in one parse of them all. Keywords whose braces do not
 * balance are left to texUnescape.
 */
function keywordTexts(entries: readonly Entry[]): Map<string, string> {
  const tex = [...new Set(entries.flatMap((entry) => entry.fields.keywords ?? []))].filter((k) => /[\\$]/.test(k) && braceProblem(`@misc{k, title = {${k}}}`) === null);
  const texts = new Map<string, string>();
  if (tex.length === 0) return texts;
  try {
    const parsed = parse(tex.map((k, i) => `@misc{k${i}, title = {${k}}}`).join('\n'), PARSE_OPTIONS);
    for (const entry of parsed.entries) texts.set(tex[Number(entry.key.slice(1))]!, entry.fields.title ?? '');
  } catch {
    // Read as before: texUnescape.
  }
  return texts;
}

/** The first few keys, for a message: "knuth1984, lamport1994, goossens1993 and 4 more". */
export function examples(keys: readonly string[], max = 3): string {
  const shown = keys.slice(0, max).map((k) => oneLine(k).slice(0, 60) || '(no key)');
  return keys.length > max ? `${shown.join(', ')} and ${formatCount(keys.length - max)} more` : shown.join(', ');
}

/** A starred record for an entry that names a paper, or null. */
function seedOf(entry: Entry, now: number, keywords: ReadonlyMap<string, string>): PaperRecord | null {
  const ids = idsOf(entry);
  if (ids.length === 0) return null;
  const f = entry.fields;
  const category = text(f.primaryclass ?? f.eprintclass);
  const names = (f.author ?? []).map(nameOf).filter((name) => name !== '');
  return seedRecord(
    {
      id: winnerOf(ids),
      aliases: ids,
      title: text(f.title),
      url: linksIn(verbatim(f.url))[0],
      // "and others": BibTeX's "et al." (ours where a page cut the list or it was too long).
      authors: names.filter((name) => name !== 'others'),
      authorsCut: names.includes('others'),
      abstract: text(f.abstract) || null,
      primaryCategory: category.length <= LIMITS.category ? category || null : null,
      // year = {2015}, or biblatex's date = {2015-03-01}; anything else ("n.d.") is no year.
      year: Number(/^\s*(\d{4})(?:-|\s*$)/.exec(text(f.year ?? f.date))?.[1]) || undefined,
      venue: venueOf(text(f.booktitle ?? f.journal ?? f.journaltitle) || publishedVenue(f.howpublished)),
      tags: tagsOf(entry, keywords),
      note: noteText(f.annote ?? f.annotation),
      addedAt: addedAtOf(f),
    },
    now,
  );
}

/**
 * The fields where reference managers write when they got an entry: BibDesk's `date-added`
 * ("2019-03-04 10:22:33 +0000"), JabRef's `creationdate` ("2021-03-04T10:22:33") and its older
 * `timestamp` ("2019-03-04", "2019.03.04"), BibSonomy's `added-at`
 * ("2019-03-04T10:22:33.000+0100"). The first that holds a date wins.
 */
const ADDED_FIELDS = ['date-added', 'creationdate', 'added-at', 'timestamp'] as const;

/** When the entry's reference manager got it (ADDED_FIELDS), or undefined: the paper's star time. */
function addedAtOf(fields: Entry['fields']): number | undefined {
  for (const name of ADDED_FIELDS) {
    const value = fields[name];
    const time = typeof value === 'string' ? addedDate(value) : null;
    if (time !== null) return time;
  }
  return undefined;
}

/** A date, with a time and an offset from UTC or without. */
const ADDED_DATE = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
/** No reference manager dates an entry before this (BibTeX itself is from 1985); an earlier "date" is a placeholder. */
const EARLIEST_ADDED = Date.UTC(1985, 0, 1);

/**
 * The time a date field names (ms), or null when it names none (no date, Feb 30, 0000-00-00). A
 * time without an offset is the user's local time, as JabRef writes it; a date alone is its noon
 * there, so that it shows as that day.
 */
export function addedDate(text: string): number | null {
  const match = ADDED_DATE.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute = 0, second = 0] = match.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part)));
  if (!isCalendarDate(year!, month!, day!)) return null;
  const withTime = hour !== undefined;
  if (withTime && (hour > 23 || minute > 59 || second > 59)) return null;
  const fields = [year!, month! - 1, day!, withTime ? hour : 12, minute, second] as const;
  const offset = match[7];
  const time = offset === undefined ? new Date(...fields).getTime() : Date.UTC(...fields) - offsetMs(offset);
  return time >= EARLIEST_ADDED ? time : null;
}

/** Whether the day is on the calendar (not Feb 30, not month 13: Date.UTC would roll them over). */
function isCalendarDate(year: number, month: number, day: number): boolean {
  const noon = new Date(Date.UTC(year, month - 1, day, 12));
  return noon.getUTCFullYear() === year && noon.getUTCMonth() === month - 1 && noon.getUTCDate() === day;
}

/** "+0100", "-05:30", "Z" → its offset from UTC in ms. */
function offsetMs(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const ms = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  return offset.startsWith('-') ? -ms : ms;
}

/**
 * The entry's tags: its keywords (ours are the user's tags; Zotero and JabRef write theirs
 * there), read as text (keywordTexts, else texUnescape: ours escape only _ & # and braces), and
 * Mendeley's `mendeley-tags`.
 */
function tagsOf(entry: Entry, keywords: ReadonlyMap<string, string>): string[] {
  const mendeley = entry.fields['mendeley-tags'];
  const read = (k: string) => {
    const parsed = keywords.get(k);
    const tag = parsed === undefined ? collapseWhitespace(restoreAngles(texUnescape(k))) : text(parsed);
    return tag.replaceAll(KEYWORD_COMMA, ',').replaceAll(KEYWORD_SEMICOLON, ';');
  };
  return [...(entry.fields.keywords ?? []).map(read), ...(typeof mendeley === 'string' ? mendeley.split(/[,;]/).map((tag) => collapseWhitespace(restoreAngles(tag))) : [])].filter((tag) => tag !== '');
}

/**
 * A @misc entry's howpublished, where our own export writes a paper's venue (bibtex.ts), unless
 * it is an address (howpublished = {\url{…}}, as many web page entries have).
 */
function publishedVenue(value: string | undefined): string {
  const published = text(value);
  return /^(?:https?:\/\/|www\.)/i.test(published) ? '' : published;
}

/** Every canonical id the entry names, in no particular order. */
function idsOf(entry: Entry): PaperId[] {
  const f = entry.fields;
  const found = new Set<PaperId>();
  const add = (id: string | null) => id && found.add(id);
  const archive = (f.archiveprefix ?? f.eprinttype ?? 'arxiv').toLowerCase();
  if (f.eprint && archive === 'arxiv') {
    // Very old entries give the number and the archive apart: eprint = {9901001}, primaryClass =
    // {hep-th} (biblatex: eprintclass).
    const archiveClass = f.primaryclass ?? f.eprintclass;
    const eprint = /^\d{7}(?:v\d+)?$/.test(f.eprint) && archiveClass ? `${archiveClass}/${f.eprint}` : f.eprint;
    add(arxivCanonical(eprint));
  }
  if (f.arxivid) add(arxivCanonical(f.arxivid));
  for (const field of [f.journal, f.note, f.howpublished, f.journaltitle]) if (field) add(arxivIdIn(field));
  // Semantic Scholar (journal = {ArXiv}) and DBLP (journal = {CoRR}) name the paper as arXiv's
  // listing did: volume = {abs/1706.03762}.
  const volume = /^abs\/(.+)$/.exec(text(f.volume))?.[1];
  if (volume && /^(?:arxiv|corr)$/i.test(text(f.journal ?? f.journaltitle))) add(arxivCanonical(volume));
  // A hand-written @misc often gives its link only there: howpublished = {\url{https://arxiv.org/abs/…}}.
  // (Its "%" is read as "\%", as in the field's text: a link's percent escape, "%2F", is not.)
  for (const field of [f.note, f.howpublished]) for (const [link] of (field ?? '').matchAll(/https?:\/\/[^\s"<>{}\uFDD0\uFDD1]+/g)) add(canonicalId(link.replaceAll('\\%', '%')));
  const doi = unescapedDoi(verbatim(f.doi));
  if (doi) add(doiFieldId(doi));
  for (const field of [f.url, f.googlescholar, f.anthology]) for (const link of linksIn(verbatim(field))) add(paperIdOfLink(link));
  return [...found];
}

function arxivCanonical(s: string): PaperId | null {
  const bare = parseArxivId(s.trim());
  return bare ? `arxiv:${bare}` : null;
}

/** A name as pages write it: "Jörg van der Berg Jr.". */
function nameOf(c: Creator): string {
  return text(c.name ?? [c.firstName, c.prefix, c.lastName, c.suffix].filter(Boolean).join(' '));
}

// The parser turns TeX into text but marks up some commands as HTML (\emph → <i>…</i>, \url →
// <a href>). It also prints a bare < or > as ¡ ¿, as TeX's default font encoding does. So
// angle brackets of the file (raw, or \textless / \textgreater) become markers before parsing
// and come back after the parser's markup is removed: the only < > left in a parsed value are the
// parser's tags, and the file's own come back exactly. The markers are Unicode noncharacters
// (for a program's own use, never text: a file's own are dropped, see NONCHARACTERS), so that
// any character of a file, a private-use one too, comes back as it was.
const LT = '\uFDD0';
const GT = '\uFDD1';
const NONCHARACTERS = /[\uFDD0-\uFDEF]/g;

function protectAngles(bib: string): string {
  return bib
    .replace(NONCHARACTERS, '')
    .replace(/\\textless(?:\{\}|\b\s*)|</g, LT)
    .replace(/\\textgreater(?:\{\}|\b\s*)|>/g, GT);
}

function restoreAngles(value: string): string {
  return value.replace(/\uFDD0/g, '<').replace(/\uFDD1/g, '>');
}

/** A parsed field as one line of plain text. */
function text(value: string | undefined): string {
  if (!value) return '';
  // NFC: the parser writes accents it decodes ({\"u}) as a letter and a combining mark. An accent
  // over TeX's dotless \i or \j (na\"{\i}ve: the dot gives way to the accent) is one over i or j;
  // left as ı + mark, it has no composed form ("naı̈ve").
  const marked = value.replace(/<[^<>]*>/g, '').replace(/\u0131(?=\p{M})/gu, 'i').replace(/\u0237(?=\p{M})/gu, 'j');
  return collapseWhitespace(restoreAngles(operatorSpaces(marked))).normalize('NFC');
}

/**
 * Mark an operator name's ends (unknownTex): TeX sets "\log n" as "log n", "\sqrt{T}\log T" as
 * "√T log T" and "\min$-$" as "min-", a space only beside a letter, digit or closing bracket,
 * which the parser's callback cannot see.
 */
const OPERATOR = '\uFDD2';
/** A comma and a semicolon inside braces in keywords (prepareValues). */
const KEYWORD_COMMA = '\uFDD3';
const KEYWORD_SEMICOLON = '\uFDD4';

function operatorSpaces(value: string): string {
  return value
    .replace(/\uFDD2+/g, OPERATOR)
    .replace(/(?<=[\p{Lu}\p{Ll}\p{Lo}\p{Nd})\]])\uFDD2(?=[\p{Lu}\p{Ll}\p{Lo}])/gu, ' ')
    .replace(/(?<=[\p{Lu}\p{Ll}\p{Lo}])\uFDD2(?=[\p{Lu}\p{Ll}\p{Lo}\p{Nd}(])/gu, ' ')
    .replace(/\uFDD2/g, '');
}

/** Math operators TeX writes as their name in upright letters ("$O(\log n)$" is "O(log n)"). */
const OPERATOR_NAMES = new Set('log ln lg exp max min argmax argmin arg lim liminf limsup sup inf Pr det dim ker deg gcd hom sin cos tan cot sec csc sinh cosh tanh arcsin arccos arctan mod bmod pmod'.split(' '));
/** Accents over a math letter ("$\tilde{O}$"): the letter is what a title in plain text can keep. */
const MATH_ACCENTS = new Set('tilde widetilde hat widehat bar overline underline vec dot ddot check breve acute grave mathring'.split(' '));
/** Logos the parser does not know. */
const LOGOS: Readonly<Record<string, string>> = { TeX: 'TeX', LaTeX: 'LaTeX', LaTeXe: 'LaTeX2e', BibTeX: 'BibTeX', XeTeX: 'XeTeX', LuaTeX: 'LuaTeX' };

/**
 * What a TeX command the parser cannot turn into text becomes: an operator its name, a logo its
 * name, a math accent the letter under it, anything else nothing (its argument, which the
 * parser reads apart, stays: "\citet{foo}" is "foo"). Left to the parser, each of those became
 * nothing: "$O(\log n)$ Regret" read back as "O(n) Regret", and our own BibTeX export keeps such
 * commands (tex.ts).
 */
function unknownTex(node: { type: string; content?: unknown }, tex: string): string {
  const name = node.type === 'macro' && typeof node.content === 'string' ? node.content : null;
  if (name === null) return '';
  if (OPERATOR_NAMES.has(name)) return OPERATOR + name + OPERATOR;
  if (LOGOS[name] !== undefined) return LOGOS[name]!;
  // Known to take an argument, unlike the commands it does not know at all: the TeX holds it.
  if (MATH_ACCENTS.has(name)) return tex.replace(/^\\[A-Za-z]+\s*/, '').replace(/^\{([\s\S]*)\}$/, '$1');
  return '';
}

/**
 * A parsed note field as the paper's note: the parser marks a blank line of the file (a TeX
 * paragraph break) as `<p>`, which becomes a blank line again; removed like the other markup,
 * it ran the paragraphs' words together ("Read section 3.Compare with BERT.").
 */
function noteText(value: string | undefined): string {
  return (value ?? '')
    .split(/<\/?p>/)
    .map(text)
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

/**
 * "Entry "key" (line 12): " for the parser's error: the entry whose source the error quotes, or
 * (when it quotes none, as for an unknown @string) the entry around the first place the text
 * the message names in quotes occurs; "BibTeX error: " when neither is found.
 */
function whereIs(bib: string, input: string | undefined, message: string): string {
  const named = /"([^"]{1,100})"/.exec(message)?.[1];
  const source = input ? restoreAngles(input) : '';
  const at = source ? bib.indexOf(source) : named ? bib.indexOf(named) : -1;
  if (at === -1) return 'BibTeX error: ';
  // The last entry starting at or before `at`: the quoted source usually starts with the broken
  // entry's own "@type{key", which a cut at `at` would leave out (blaming the entry before).
  const entry = [...bib.matchAll(/@\s*\w+\s*[{(]\s*([^,\s{}()]+)/g)].findLast((start) => start.index <= at);
  if (!entry) return 'BibTeX error: ';
  return `Entry "${entry[1]!.slice(0, 60)}" (line ${formatCount(bib.slice(0, entry.index).split('\n').length)}): `;
}

/**
 * A verbatim field (doi, url) as plain text: the file's own angle brackets back, and the TeX
 * escapes some exporters write there undone (doi = {10.1002/abc\_def}; Mendeley braces them:
 * {10.1007/978-3-319-24574-4{\_}28}). Our own export writes no braces there (it encodes them).
 */
function verbatim(value: string | undefined): string {
  return restoreAngles(value ?? '')
    .replace(/\{\\([_%&#$~])\}/g, '$1')
    .replace(/\\([_%&#$~])/g, '$1');
}

/**
 * A DOI with what our export percent-encodes in it decoded (braces, backslash, `$`, `^`:
 * bibtex.ts's verbatim), so that `doi:10.1000/a{b}` comes back as itself; a DOI holding "%7B" as
 * written is not one anybody has registered.
 */
function unescapedDoi(doi: string): string {
  return doi.replace(/%(7B|7D|5C|24|5E)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function oneLine(s: string): string {
  return collapseWhitespace(restoreAngles(s)).slice(0, 300);
}

/** Where an entry starts: "@type{" or "@type(". */
const ENTRY_HEAD = String.raw`@[ \t]*([A-Za-z]+)[ \t]*([{(])`;
/** An entry starting here: its type, its opening bracket and its key. */
const ENTRY_START = new RegExp(String.raw`^${ENTRY_HEAD}[ \t]*([^,\s{}()]*)`);
/** Every place an entry starts, anywhere in the text. */
const ENTRY_STARTS = new RegExp(ENTRY_HEAD, 'g');

const VERBATIM_FIELDS = FieldMode.verbatim;

/**
 * The text with two things in fields' values made safe for the parser. Braces and escapes are
 * counted as in braceProblem, which has already checked them.
 *  - Every `%` written `\%`, except in verbatim fields (url, doi, …), where the parser keeps it.
 *    The parser takes `%` as the start of a TeX comment everywhere, so "Pruning Cuts 90% of
 *    Parameters" (as IEEE Xplore exports write it) came out as "Pruning Cuts 90", silently;
 *    BibTeX itself keeps the `%`. A `%` outside values (a comment line between entries, or
 *    between fields, as biber allows) stays a comment.
 *  - A comma or semicolon inside braces within `keywords` made a marker (KEYWORD_COMMA,
 *    KEYWORD_SEMICOLON; tagsOf puts them back): the parser splits keywords at every one, braces
 *    or not, so the tag "ML; theory", which our export writes `{ML; theory}`, came back as two.
 */
function prepareValues(bib: string): string {
  if (!/%|keywords/i.test(bib)) return bib;
  let out = '';
  let from = 0; // bib[from, i) is still to be copied to out
  let depth = 0;
  let paren = false; // an @type( … ) entry: only its closing parenthesis ends it
  let quoted = false; // in a "…" value at the entry's own level
  let field = ''; // the field whose value this is
  let nameFrom = 0; // where the text naming the next field starts (after the entry's "{" or a ",")
  for (let i = 0; i < bib.length; i++) {
    const ch = bib[i]!;
    if (depth === 0) {
      if (ch === '%') {
        const end = bib.indexOf('\n', i);
        i = end === -1 ? bib.length : end - 1;
      } else if (ch === '@') {
        const start = ENTRY_START.exec(bib.slice(i, i + 300));
        if (start) {
          depth = 1;
          paren = start[2] === '(';
          quoted = false;
          i += start[0].length - 1;
          nameFrom = i + 1;
        }
      }
      continue;
    }
    if (ch === '\\') {
      i++;
      continue;
    }
    const inValue = depth > 1 || quoted;
    if (ch === '%' && inValue && !isVerbatim(field)) {
      out += `${bib.slice(from, i)}\\%`;
      from = i + 1;
    } else if ((ch === ',' || ch === ';') && field === 'keywords' && depth > (quoted ? 1 : 2)) {
      out += bib.slice(from, i) + (ch === ',' ? KEYWORD_COMMA : KEYWORD_SEMICOLON);
      from = i + 1;
    } else if (ch === '{') depth++;
    else if (ch === '}' || (ch === ')' && paren && depth === 1 && !quoted)) depth--;
    else if (ch === '"' && depth === 1) quoted = !quoted;
    else if (ch === '=' && depth === 1 && !quoted) {
      field = bib.slice(nameFrom, i).trim().toLowerCase();
      // The name is read once: more `=` before the next comma must not read it all again.
      nameFrom = i + 1;
    }
    else if (ch === ',' && depth === 1 && !quoted) nameFrom = i + 1;
  }
  return out + bib.slice(from);
}

function isVerbatim(field: string): boolean {
  return VERBATIM_FIELDS.some((name) => (typeof name === 'string' ? name === field : name.test(field)));
}

/**
 * Where braces do not balance, in words naming the entry and its line; null when they do.
 * Counted like the parser counts them (`\{` is an escaped brace, not a group). Inside an entry,
 * a line starting with an entry's head and key (`@type{key,`) while a brace is still open means
 * the entry above never closed. A line that only starts like one (an abstract's
 * "@dataclass(frozen=True)", a note's "@alice{…}") is the value's text unless the entry never
 * closes: then it is where the next entry began. Outside entries (where BibTeX ignores text), a
 * brace means an entry closed early.
 */
export function braceProblem(bib: string): string | null {
  // (And an entry too long to be a reference: one long field makes the parser slow to a crawl.)
  let depth = 0;
  let key = '';
  let entryLine = 0;
  let entryFrom = 0;
  let line = 1;
  let lineStart = true;
  let paren = false; // an @type( … ) entry: its closing parenthesis ends it
  let quoted = false; // in a "…" value at the entry's own level, where a ")" ends no entry
  let last = ''; // the entry before the current position, for "closed early"
  let nextEntryAt: string | null = null; // said if the current entry never closes
  for (let i = 0; i < bib.length; i++) {
    const ch = bib[i]!;
    if (ch === '\n') {
      line++;
      lineStart = true;
      continue;
    }
    const atLineStart = lineStart && ch !== ' ' && ch !== '\t' && ch !== '\r';
    if (atLineStart) lineStart = false;
    const start = ch === '@' ? ENTRY_START.exec(bib.slice(i, i + 300)) : null;
    if (depth === 0) {
      if (ch === '%') {
        const end = bib.indexOf('\n', i);
        i = end === -1 ? bib.length : end - 1; // a comment line: its braces do not count
      } else if (start) {
        depth = 1;
        paren = start[2] === '(';
        quoted = false;
        key = (start[3] || start[1]!).slice(0, 60);
        entryLine = line;
        entryFrom = i;
        i += start[0].length - 1;
      } else if (ch === '{' || ch === '}') {
        return last
          ? `Entry "${last}" (line ${formatCount(entryLine)}): unbalanced braces — it ends before line ${formatCount(line)}, which still has a "${ch}" (an extra "}" in the entry?)`
          : `Line ${formatCount(line)}: a "${ch}" outside any entry`;
      }
      continue;
    }
    if (ch === '\\' && bib[i + 1] !== '\n') i++;
    else if (ch === '{') depth++;
    else if (ch === '}' && paren && depth === 1)
      return `Entry "${key}" (line ${formatCount(entryLine)}): unbalanced braces — an extra "}" on line ${formatCount(line)}`;
    else if (ch === '"' && depth === 1) quoted = !quoted; // as prepareValues reads values
    else if ((ch === '}' || (ch === ')' && paren && depth === 1 && !quoted)) && --depth === 0) {
      last = key;
      nextEntryAt = null;
      if (i - entryFrom > MAX_ENTRY_CHARS) return `Entry "${key}" (line ${formatCount(entryLine)}) is longer than ${formatCount(MAX_ENTRY_CHARS)} characters: no reference is (the parser would take minutes over it)`;
    }
    else if (atLineStart && start && start[1]!.toLowerCase() !== 'comment') {
      const problem = `Entry "${key}" (line ${formatCount(entryLine)}): unbalanced braces — a "{" is still open where the next entry starts, on line ${formatCount(line)}`;
      if (/^\s*,/.test(bib.slice(i + start[0].length, i + start[0].length + 20))) return problem;
      nextEntryAt ??= problem;
    }
  }
  return depth > 0 ? (nextEntryAt ?? `Entry "${key}" (line ${formatCount(entryLine)}): unbalanced braces — a "{" is never closed`) : null;
}
