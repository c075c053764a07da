/**
 * Paper text as BibTeX/TeX field values. Pure, no browser APIs.
 *
 * The rule. Titles (and names, tags) come from hostile pages, and arXiv titles are TeX as their
 * authors typed it (`$\alpha$-Divergence`, `Search \& Rescue`, `BigO(Bench) -- Can LLMs…`):
 *   1. Inline math `$…$` is kept verbatim, wrapped in braces so that case-changing styles leave
 *      it alone — when it is *balanced* and *harmless*: the `$` pair follows pandoc's rule
 *      (the opening `$` has a non-space right after it, the closing one a non-space right before
 *      it and no digit right after it, so "from $5 to $10" is text), its braces balance, it has
 *      no unescaped `%` `#` `&`, and it uses no command that reads or writes files, defines
 *      macros, changes catcodes or opens environments (see UNSAFE_COMMANDS). Anything else that
 *      looks like math is text, so it prints with its dollar signs.
 *   2. TeX's escaped specials `\& \% \$ \# \_` stand for the character and are kept as they
 *      are; TeX's dash and quote ligatures (`--`, `---`, ``` `` ```, `''`) are left as
 *      written, since authors who type them mean the dash or quote.
 *   3. Everything else is text: each character TeX would read as markup (`\ { } # $ % & _ ~ ^`,
 *      and `< > |`, which print as ¡ ¿ — in the default font encoding) is escaped so that it
 *      prints as shown. So other commands (`\textsc{X}`) print literally, as the popup shows them.
 *      Braces become `\textbraceleft{}` / `\textbraceright{}`, never `\{`: BibTeX counts every
 *      brace character, escaped or not, when it looks for the end of a field.
 *   4. Control characters are dropped and whitespace is collapsed (a blank line inside a field
 *      would be a paragraph break).
 * Every value this module returns has balanced braces, counting every brace character as
 * BibTeX does: rule 1 keeps only math whose brace characters balance, and every other brace is
 * written as a command, so no title can close a field early or swallow the rest of the file.
 */
import { collapseWhitespace } from '../core/text';

const ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '#': '\\#',
  $: '\\$',
  '%': '\\%',
  '&': '\\&',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};
const ESCAPED_SPECIALS = new Set(['&', '%', '$', '#', '_']);
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * Commands a hostile title must not smuggle into someone's document through a math span: file
 * and terminal I/O (`\input{~/.ssh/id_rsa}` would print a private file into a paper), definitions
 * and catcode changes (which can redefine anything after the bibliography), environments, engine
 * hooks, and links.
 */
const UNSAFE_COMMANDS = new Set(
  (
    'input include includeonly InputIfFileExists IfFileExists openin openout read readline write immediate ' +
    'closein closeout newread newwrite def edef gdef xdef let futurelet global long outer protected csname ' +
    'endcsname expandafter noexpand catcode lccode uccode mathcode sfcode delcode special directlua latelua ' +
    'luaexec luadirect pdfprimitive primitive usepackage RequirePackage documentclass newcommand renewcommand ' +
    'providecommand DeclareRobustCommand DeclareMathOperator newenvironment renewenvironment makeatletter ' +
    'makeatother endinput begin end verb href url shipout output everypar everymath everydisplay everyhbox ' +
    'everyvbox everyjob everyeof afterassignment aftergroup scantokens typeout message errmessage batchmode ' +
    'scrollmode nonstopmode errorstopmode jobname count dimen skip toks setbox'
  ).split(' '),
);

/** Plain text as TeX: every special character escaped (rule 3), nothing kept. */
export function texEscape(text: string): string {
  let out = '';
  for (const ch of clean(text)) out += ESCAPES[ch] ?? ch;
  return out;
}

const UNESCAPES = new Map(Object.entries(ESCAPES).map(([ch, tex]) => [tex, ch]));

/**
 * Text written by texEscape, read back; also TeX's `\{ \}` and the other escaped specials. For
 * fields BibTeX parsers keep as the file writes them (keywords): grouping braces go, any other
 * command stays as written.
 */
export function texUnescape(tex: string): string {
  return tex.replace(/\\[a-zA-Z]+\{\}|\\[#$%&_{}]|[{}]/g, (m) => UNESCAPES.get(m) ?? (m.length === 2 ? m[1]! : m.length === 1 ? '' : m));
}

/** A title (or other TeX-ish text from arXiv) by the rule above. */
export function texTitle(title: string): string {
  const s = clean(title);
  if (!/[\\{}#$%&_~^<>|]/.test(s)) return protectCase(s, s); // most titles: nothing to escape
  return texSegments(s)
    .map((segment) => (segment.math ? `{${segment.tex}}` : protectCase(segment.tex, segment.words)))
    .join('');
}

/** A piece of a title: math kept verbatim, or text (already escaped; `words` says where words are). */
interface Segment {
  math: boolean;
  tex: string;
  words: string;
}

/**
 * Splits cleaned text into math spans and escaped text. For text, `words` is the unescaped
 * text, which protectCase reads (word boundaries are the same in both: only spaces split words
 * and escaping never adds or removes spaces).
 */
function texSegments(s: string): Segment[] {
  const segments: Segment[] = [];
  let tex = '';
  let words = '';
  const flush = () => {
    if (tex !== '') segments.push({ math: false, tex, words });
    tex = '';
    words = '';
  };
  for (let i = 0; i < s.length; ) {
    const ch = s[i]!;
    if (ch === '\\' && ESCAPED_SPECIALS.has(s[i + 1] ?? '')) {
      tex += s.slice(i, i + 2); // rule 2: `\&` already means "&"
      words += s[i + 1];
      i += 2;
    } else if (ch === '$') {
      const end = closingDollar(s, i);
      if (end !== -1 && safeMath(s.slice(i + 1, end))) {
        flush();
        segments.push({ math: true, tex: s.slice(i, end + 1), words: '' });
        i = end + 1;
      } else {
        tex += '\\$';
        words += '$';
        i += 1;
      }
    } else {
      tex += ESCAPES[ch] ?? ch;
      words += ch;
      i += 1;
    }
  }
  flush();
  return segments;
}

/** The index of the `$` that closes the one at `open` (pandoc's rule), or -1. */
function closingDollar(s: string, open: number): number {
  const first = s[open + 1];
  if (first === undefined || first === '$' || first === ' ') return -1;
  for (let j = open + 1; j < s.length; j++) {
    if (s[j] === '\\') j += 1;
    else if (s[j] === '$') return s[j - 1] !== ' ' && !/[0-9]/.test(s[j + 1] ?? '') ? j : -1;
  }
  return -1;
}

/** True when a math span's content is balanced and uses no unsafe command (rule 1). */
function safeMath(content: string): boolean {
  let group = 0; // TeX's groups ({…}, not \{)
  let chars = 0; // brace characters, escaped or not, as BibTeX counts them
  for (let i = 0; i < content.length; i++) {
    const ch = content[i]!;
    if (ch === '{' || ch === '}') {
      chars += ch === '{' ? 1 : -1;
      if (chars < 0) return false;
    }
    if (ch === '\\') {
      const name = /^[A-Za-z@]+/.exec(content.slice(i + 1))?.[0];
      if (name !== undefined) {
        if (name.includes('@') || UNSAFE_COMMANDS.has(name)) return false;
        i += name.length;
      } else if (i + 1 >= content.length) return false;
      else {
        // `\{`, `\,`, `\%`: one escaped character (an escaped brace still counts for BibTeX)
        i += 1;
        if (content[i] === '{' || content[i] === '}') chars += content[i] === '{' ? 1 : -1;
        if (chars < 0) return false;
      }
    } else if (ch === '{') group++;
    else if (ch === '}' && --group < 0) return false;
    else if (ch === '%' || ch === '#' || ch === '&') return false;
  }
  return group === 0 && chars === 0;
}

/**
 * Braces around each word with a capital after its first letter or digit ("GANs", "GPT-4",
 * "BigO(Bench)", "3D"), so that styles which lower-case titles keep it as written, while "Attention
 * Is All You Need" can still be sentence-cased.
 */
function protectCase(tex: string, words: string): string {
  const texWords = tex.split(' ');
  const plainWords = words.split(' ');
  return texWords.map((w, i) => (/[\p{L}\p{N}]\p{Lu}/u.test(plainWords[i] ?? '') ? `{${w}}` : w)).join(' ');
}

function clean(text: string): string {
  return collapseWhitespace(text.replace(CONTROL, ''));
}

/**
 * Lower-case ASCII letters and digits only (for citation keys): accents removed, ß → ss, æ → ae,
 * …; characters without an ASCII form (CJK, Cyrillic) are dropped.
 */
export function asciiFold(text: string): string {
  if (/^[a-z0-9]*$/.test(text)) return text;
  if (/^[A-Za-z0-9]*$/.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => FOLDS[c] ?? '')
    .replace(/[^a-z0-9]/g, '');
}
const FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
