/**
 * Paper text as BibTeX/TeX field values. Pure, no browser APIs.
 *
 * The rule. Titles (and names, tags) come from hostile pages, and arXiv titles are TeX as their
 * authors typed it (`$\alpha$-Divergence`, `Search \& Rescue`, `BigO(Bench) -- Can LLMs…`):
 *   1. Inline math `$…$` is kept verbatim, wrapped in braces so that case-changing styles leave
 *      it alone — when it is *balanced* and *harmless*: the `$` pair follows pandoc's rule
 *      (the opening `$` has a non-space right after it, the closing one a non-space right before
 *      it and no digit right after it, so "from $5 to $10" is text), its braces balance, it has
 *      no unescaped `%` `#` `&` and no `^^` (TeX's notation for any character by its code), and
 *      it uses only standard math commands (MATH_COMMANDS: nothing that reads or writes files,
 *      defines macros, changes catcodes or loops). Anything else that looks like math is text,
 *      so it prints with its dollar signs.
 *   2. TeX's escaped specials `\& \% \$ \# \_` stand for the character and are kept as they
 *      are; TeX's dash and quote ligatures (`--`, `---`, ``` `` ```, `''`) are left as
 *      written, since authors who type them mean the dash or quote.
 *   3. Everything else is text: each character TeX would read as markup (`\ { } # $ % & _ ~ ^`,
 *      and `< > |`, which print as ¡ ¿ — in the default font encoding) is escaped so that it
 *      prints as shown. So other commands (`\textsc{X}`) print literally, as the popup shows them.
 *      Braces become `\textbraceleft{}` / `\textbraceright{}`, never `\{`: BibTeX counts every
 *      brace character, escaped or not, when it looks for the end of a field.
 *   4. Control characters and noncharacters are dropped and whitespace is collapsed (a blank
 *      line inside a field would be a paragraph break).
 * Every value this module returns has balanced braces, counting every brace character as
 * BibTeX does: rule 1 keeps only math whose brace characters balance, and every other brace is
 * written as a command, so no title can close a field early or swallow the rest of the file.
 */
import { collapseWhitespace } from '../core/text';
import { foldLetters } from '../core/fold';

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
/**
 * Control characters, and the noncharacters U+FDD0–U+FDEF (not for interchange: our BibTeX import
 * uses some as markers, and drops a file's own).
 */
const DROPPED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\uFDD0-\uFDEF]/g;

/**
 * The only commands a math span may use: standard LaTeX and amsmath math (Greek letters,
 * operators, relations, arrows, delimiters, fonts, accents, fractions, spacing). A hostile
 * title must not smuggle anything else into someone's document: a list of forbidden commands
 * (file I/O, definitions, catcodes, …) was always one command short (\pdffiledump reads a file,
 * \loop\iftrue\repeat never ends). Authors' own macros (\bW, \bigO) and MathJax's (\unicode)
 * would not compile in the reader's document either, so their spans print as text. In the 3,515
 * math spans of the titles and abstracts of ../shared/data's 16,000 arXiv papers, those, \href,
 * \cite and \space are the only commands this leaves out; all 95 spans of their titles are kept.
 */
const MATH_COMMANDS = new Set(
  [
    // Greek
    'alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa varkappa lambda mu nu xi pi varpi rho',
    'varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega',
    // fonts and text
    'mathbb mathbf mathcal mathfrak mathit mathrm mathsf mathtt mathscr mathds mathbbm mathnormal boldsymbol bm pmb text',
    'textrm textit textbf texttt textsf textsc textnormal textup emph mbox operatorname mathop rm bf it sf tt cal',
    // operators
    'times cdot pm mp div ast star circ bullet oplus ominus otimes oslash odot cup cap setminus smallsetminus sqcup sqcap',
    'uplus wedge vee land lor lnot neg dagger ddagger amalg diamond triangleleft triangleright bigcup bigcap bigoplus',
    'bigotimes bigodot bigvee bigwedge bigsqcup biguplus sum prod coprod int iint iiint oint',
    // relations
    'leq le geq ge neq ne approx sim simeq cong equiv propto asymp doteq ll gg lesssim gtrsim leqslant geqslant prec succ',
    'preceq succeq subset supset subseteq supseteq subsetneq supsetneq sqsubseteq sqsupseteq in notin ni owns mid nmid',
    'parallel nparallel perp vdash dashv models triangleq coloneqq not',
    // arrows
    'to gets rightarrow leftarrow leftrightarrow Rightarrow Leftarrow Leftrightarrow longrightarrow longleftarrow',
    'longleftrightarrow Longrightarrow Longleftarrow Longleftrightarrow mapsto longmapsto hookrightarrow hookleftarrow',
    'twoheadrightarrow uparrow downarrow updownarrow Uparrow Downarrow nearrow searrow swarrow nwarrow rightleftharpoons',
    'implies iff',
    // symbols
    'infty partial nabla ell hbar hslash imath jmath wp Re Im aleph beth emptyset varnothing forall exists nexists top',
    'bot angle triangle square Box prime backslash surd checkmark flat natural sharp clubsuit diamondsuit heartsuit',
    'spadesuit circledR dots ldots cdots vdots ddots colon',
    // delimiters
    'langle rangle lceil rceil lfloor rfloor lvert rvert lVert rVert vert Vert left right middle big Big bigg Bigg bigl',
    'bigr Bigl Bigr biggl biggr Biggl Biggr',
    // functions
    'log ln lg exp sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh coth max min sup inf lim liminf limsup',
    'arg det dim ker deg gcd hom Pr mod bmod pmod',
    // accents
    'hat widehat tilde widetilde bar overline underline vec dot ddot acute grave breve check mathring overbrace',
    'underbrace overrightarrow overleftarrow',
    // structure and spacing
    'frac dfrac tfrac binom dbinom tbinom sqrt over choose stackrel overset underset substack limits nolimits',
    'displaystyle textstyle scriptstyle scriptscriptstyle quad qquad',
  ]
    .join(' ')
    .split(' '),
);

/** Plain text as TeX: every special character escaped (rule 3), nothing kept. */
export function texEscape(text: string): string {
  let out = '';
  for (const ch of clean(text)) out += ESCAPES[ch] ?? ch;
  return out;
}

/**
 * A name as TeX: escaped as texEscape does, with non-ASCII letters written so that classic bibtex
 * cannot cut one in two. bibtex counts bytes, not characters: styles that abbreviate given names
 * (abbrv, IEEEtran, abbrvnat) or build labels from the first letters of family names (alpha)
 * cut "Álvaro" to the first byte of "Á", which is invalid UTF-8 and stops LaTeX (60 of
 * ../shared/data's 16,000 papers). A "special character" (a brace group starting with a command)
 * is never cut:
 *   - letters LaTeX has an accent or letter command for are written with it, wherever they are
 *     (`{\'{A}}lvaro`, `Mi{\l}osz`), as DBLP and Better BibTeX write names; every BibTeX reader
 *     decodes them;
 *   - any other character is `{\relax Ж}` (one character to bibtex and biber) where styles cut:
 *     among the first three characters of a word or of a hyphenated part (an initial, an alpha
 *     label's "Жук"); elsewhere it stays as it is, since the long form, eleven bytes a letter,
 *     overflows bibtex's 500-byte strings in natbib's labels for a long Cyrillic family name.
 * Invisible format characters (bidi controls, zero-width joiners, soft hyphens) are dropped: LaTeX
 * cannot print them, and one starting a name would be its initial.
 */
export function texName(name: string): string {
  let out = '';
  let inPart = 0; // characters since the start of the word or hyphenated part
  // A letter with its marks is one character; a mark after anything else (a space) stands alone.
  for (const [cluster] of clean(name.replace(/\p{Cf}/gu, '')).normalize('NFC').matchAll(/\p{L}\p{M}*|\P{M}|\p{M}+/gu)) {
    if (cluster === ' ' || cluster === '-') inPart = 0;
    else inPart += 1;
    out += ESCAPES[cluster] ?? (/^[\x00-\x7f]$/.test(cluster) ? cluster : nonAsciiAsTex(cluster, inPart <= 3));
  }
  return out;
}

/** LaTeX's commands for letters that are not an ASCII letter with accents. */
const LETTER_COMMANDS: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', å: 'aa', Å: 'AA', ı: 'i', ȷ: 'j',
};
/** LaTeX's accent commands by the Unicode combining mark they put on a letter. */
const ACCENT_COMMANDS: Readonly<Record<string, string>> = {
  '\u0300': '`', '\u0301': "'", '\u0302': '^', '\u0303': '~', '\u0304': '=', '\u0306': 'u', '\u0307': '.', '\u0308': '"',
  '\u030a': 'r', '\u030b': 'H', '\u030c': 'v', '\u0323': 'd', '\u0327': 'c', '\u0328': 'k',
};
/** The accents set below the letter: outermost, since TeX's \d, \c and \k build a box an accent above would miss. */
const BELOW = new Set(['\u0323', '\u0327', '\u0328']);

/**
 * One letter with its marks as TeX: `{\'{e}}`, `{\~{\^{e}}}`, `{\d{\^{e}}}` (ệ), `{\ss}`; any
 * other character `{\relax Ж}` when `cut` (styles may cut here), else as it is.
 */
function nonAsciiAsTex(cluster: string, cut: boolean): string {
  const letter = LETTER_COMMANDS[cluster];
  if (letter !== undefined) return `{\\${letter}}`;
  const [base = '', ...marks] = cluster.normalize('NFD');
  if (/^[A-Za-z]$/.test(base) && marks.length > 0 && marks.every((mark) => ACCENT_COMMANDS[mark] !== undefined)) {
    const above = marks.filter((mark) => !BELOW.has(mark));
    // An accent above i or j goes over the dotless letter, as TeX sets it (Martín: `{\'{\i}}`).
    let tex = (base === 'i' || base === 'j') && above.length > 0 ? `\\${base}` : base;
    for (const mark of [...above, ...marks.filter((mark) => BELOW.has(mark))]) tex = `\\${ACCENT_COMMANDS[mark]!}{${tex}}`;
    return `{${tex}}`;
  }
  // A mark may follow a character TeX reads as markup (a hostile page's "{" + U+0301).
  const text = [...cluster].map((ch) => ESCAPES[ch] ?? ch).join('');
  return cut ? `{\\relax ${text}}` : text;
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
  // TeX reads ^^5c as a backslash, ^^69 as i, ^^25 as %: any character, past every check here
  // ("\\^^69nput" is \input). Anywhere: after a backslash the loop below skips the first ^.
  if (content.includes('^^')) return false;
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
        if (!MATH_COMMANDS.has(name)) return false;
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
 * "BigO(Bench)", "3D"), or after one joined to it by "&", "/" or "." ("Q&A", "A/B", "U.S."), a
 * capital before a digit ("T5", "L2", "A100"), a single capital before a hyphen ("U-Net",
 * "Q-Learning", "X-Ray") and the word "I", so that styles which lower-case titles keep it as
 * written ("with t5 and l2 regularization", "u-net" before), while "Attention Is All You Need"
 * (and "Vision-Language") can still be sentence-cased.
 */
function protectCase(tex: string, words: string): string {
  const texWords = tex.split(' ');
  const plainWords = words.split(' ');
  return texWords.map((w, i) => (CASE_KEPT.test(plainWords[i] ?? '') ? protect(w) : w)).join(' ');
}

const CASE_KEPT = /[\p{L}\p{N}][&/.]?\p{Lu}|\p{Lu}\p{N}|^[^\p{L}\p{N}]*\p{Lu}[-\u2010\u2011]|^[^\p{L}\p{N}]*I[^\p{L}\p{N}]*$/u;

/**
 * A word in braces. One that starts with a command ("\#MeToo", "\$10M") gets two: BibTeX reads
 * `{\…}` at a field's top level as one "special character" and lower-cases the letters in it
 * ("#metoo"), but leaves everything inside a group that starts with a brace as written.
 */
function protect(word: string): string {
  // Punctuation around it stays outside the braces: a colon inside them is hidden from the styles
  // that keep a subtitle's first capital ("{GANs:} A Survey" was printed "GANs: a survey").
  const [, lead = '', core = '', trail = ''] = /^([([]*)(.*?)([.,:;!?)\]]*)$/s.exec(word)!;
  if (core === '') return word;
  return lead + (core.startsWith('\\') ? `{{${core}}}` : `{${core}}`) + trail;
}

function clean(text: string): string {
  return collapseWhitespace(text.replace(DROPPED, ''));
}

/**
 * Lower-case ASCII letters and digits only (for citation keys): accents removed, ß → ss, æ → ae,
 * …; characters without an ASCII form (CJK, Cyrillic) are dropped.
 */
export function asciiFold(text: string): string {
  if (/^[a-z0-9]*$/.test(text)) return text;
  if (/^[A-Za-z0-9]*$/.test(text)) return text.toLowerCase();
  return foldLetters(text)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
