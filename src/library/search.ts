/**
 * Searching the library as the user types in the popup. Pure, no browser APIs.
 *
 * The budget: a whole keystroke (search + rendering ~20 rows) within 16 ms on a slow two-core
 * machine, so a search over 10,000 papers with abstracts (13 MB of text) should stay around
 * 5 ms. Scanning all that text takes ~10–15 ms by itself, and a real inverted index (every word →
 * its papers) takes ~0.5 s more to build when the library opens. What this does instead
 * (scripts/bench/library-search.ts measures it):
 *
 * - Every paper's text is normalized once, when it enters the index (constructor/upsert): TeX
 *   folded, lower case, diacritics stripped, punctuation turned into spaces. Per paper, a
 *   "primary" string (title, authors, id) and a "secondary" one (abstract, tags, note); a paper
 *   whose every query word is in the primary string ranks first.
 * - In the same pass, what its words start with: the exact sets of 1-, 2- and 3-character
 *   prefixes and a Bloom filter of longer ones (see "What a paper's words start with"). The
 *   first keystrokes ("t", "tr", "tra", matching most papers) are answered from the exact sets
 *   without reading any text; a longer word skips the ~95% of non-matching papers with a few
 *   bit tests, and `indexOf` confirms the rest.
 * - Typing usually extends the previous query ("tra" → "tran"): when every previous term is
 *   inside a new one, only the previous matches can match, and a term that extends a previous
 *   one is looked for from where that one matched (usually it is the same word: one compare).
 * - Per-paper strings rather than one concatenated haystack with an offsets table: a full scan
 *   costs about the same either way (measured), and only per-paper strings let the prefix sets,
 *   the filters and the previous matches skip papers.
 * - The sort orders (by each view's date, by title, by relevance for one scores map) are kept
 *   sorted between keystrokes; a search walks the order and keeps what matches, so no keystroke
 *   sorts. Upsert/remove keep the orders up to date (binary insertion).
 * The cost is memory: ~2.2 KB per paper with an abstract beyond the record itself (22 MB for
 * 10,000), mostly the normalized text.
 *
 * Matching: every query word must be the start of a word (a "prefix match": "transf" finds
 * "Transformers", "former" does not), in any field; a word typed in the plural is cut to the
 * prefix its singular shares ("transformers" finds "Transformer": singularPrefix). Prefix rather
 * than substring because users type words from their start, substrings of short prefixes ("ion",
 * "net") match nearly everything, and prefixes are what can be indexed cheaply. A word with punctuation inside
 * ("vision-language", "2408.00001") must match as a phrase of its parts, and so must a quoted
 * phrase ("graph neural" finds "Graph Neural Networks", not "neural … graph"). A hyphenated word
 * also matches closed ("multi-agent" finds "Multiagent"), and a closed one finds it hyphenated:
 * the index holds the closed spelling of the papers' hyphenated words too.
 *
 * A query that is a paper's id in any form (as the detail pane cites it, "arXiv:2408.00001",
 * "doi:10.1000/x1" or "ACL W18-6560", with an arXiv version, an arxiv.org or doi.org link: what
 * canonicalId reads), or has one among its words (a pasted "Cite as:" line or reference), finds
 * the paper whose id or one of whose other ids it is, first; as words, an id's scheme is dropped
 * ("arXiv:2408.03" finds what "2408.03" does).
 */
import { canonicalId } from '../core/ids';
import { foldLetters, foldTexAccents, spellGreek } from '../core/fold';
import { aliasesOf, type PaperRecord } from '../core/paper';
import { afterQueuedTasks } from '../yield';

export type LibraryView = 'starred' | 'recommended' | 'history' | 'all';
export type LibrarySort = 'date' | 'relevance' | 'title';
export type LibraryStatus = 'any' | 'unread' | 'read' | 'dismissed';

export interface LibraryQuery {
  /** What the user typed: words (each the start of a word in the paper) and "quoted phrases". */
  text: string;
  /**
   * starred: starred papers, dated by starredAt.
   * recommended: seen, unread, not dismissed, not starred, dated by lastSeenAt.
   * history: every seen paper, dated by lastSeenAt.
   * all: every record, dated by updatedAt (its last change).
   */
  view: LibraryView;
  /** Only papers with this tag (case-insensitive), or null. */
  tag: string | null;
  /** Only papers from this site ("arxiv", …), or null. */
  site: string | null;
  /**
   * Only papers whose view date falls on the day of `from` or later / on the day of `to` or
   * earlier (local days, both inclusive: any time within the day selects the whole day). A paper
   * without a view date is left out once either bound is set.
   */
  from: number | null;
  to: number | null;
  /**
   * read / unread: by the read mark. dismissed: the papers marked "not interested", so a
   * dismissal made by mistake can be found and undone.
   */
  status: LibraryStatus;
  /**
   * date: the view's date, newest first. title: A→Z (Intl.Collator, base sensitivity, numeric).
   * relevance: highest score first; papers without a score after, newest first by the view's date.
   * With text, papers matching every word in title/authors come first, each group in this order.
   */
  sort: LibrarySort;
}

export const DEFAULT_QUERY: Readonly<LibraryQuery> = Object.freeze({
  text: '',
  view: 'all',
  tag: null,
  site: null,
  from: null,
  to: null,
  status: 'any',
  sort: 'date',
});

/** Whether the query leaves papers of its view out: words typed, a filter. */
export function narrows(query: LibraryQuery): boolean {
  return query.text.trim() !== '' || query.tag !== null || query.site !== null || query.from !== null || query.to !== null || query.status !== 'any';
}

// ---------------------------------------------------------------------------------------------
// Normalization

/** Font and formatting commands: the command goes, its argument stays (\mathcal{O} → O). */
const TEX_FORMAT = /\\(?:math[a-z]*|text[a-z]*|emph|underline|operatorname|boldsymbol|bm|em|rm|it|bf|sf|sl|tt|sc|up|md|cal|left|right|big|Big|bigg|Bigg)(?![A-Za-z])/g;
/** Other commands (\alpha, \log) are kept as words, so "alpha" finds $\alpha$. */
const TEX_COMMAND = /\\([A-Za-z]+)/g;
/**
 * Commands read as the letter they print, as its character is folded (ℓ is l, ε and ϵ are
 * epsilon: spellGreek): "l1" finds $\ell_1$, "epsilon" finds $\varepsilon$.
 */
const TEX_MATH_LETTERS: Readonly<Record<string, string>> = { ell: 'l', varepsilon: 'epsilon', varphi: 'phi', vartheta: 'theta', varrho: 'rho', varsigma: 'sigma', varpi: 'pi', varkappa: 'kappa' };
/**
 * A command as a word. A Latin letter's keeps its sub- or superscript, for TEX_SCRIPT: $\ell_1$
 * is l1, as $L_1$ and $ℓ_1$ are (a Greek letter's name stays a word apart, as spellGreek spells
 * the character: $\pi_0$ and $π_0$ are "pi 0").
 */
const texCommandWord = (command: string, name: string, at: number, text: string): string => {
  const word = TEX_MATH_LETTERS[name] ?? name;
  const next = text[at + command.length];
  return word.length === 1 && (next === '_' || next === '^') ? ` ${word}` : ` ${word} `;
};
/**
 * In text with TeX math ($…$), a short sub- or superscript joins the word it is written on, as a
 * reader types it: "$G_2$", "CO$_2$", "$R^{2}$" are G2, CO2, R2 ("G2 lie algebra" found nothing).
 * As TeX reads it: one character, or a group of up to three in braces, that ends the word
 * ("$T^2d$" is T² d). Text without math keeps its snake_case words apart ("top_k", "jax_md").
 */
const TEX_SCRIPT = /\$?[_^](?:\{([A-Za-z0-9]{1,3})\}|([A-Za-z0-9]))\$?(?![A-Za-z0-9])/g;

/**
 * Titles and abstracts from arXiv carry TeX: "Schr\"odinger", "$\mathcal{O}(n \log n)$",
 * "$k$-Sparse". Reduces it to the plain words a reader would type. Only the markup the search
 * needs: math stays as its words, it is not rendered.
 */
export function foldTex(text: string): string {
  let folded = text.includes('\\') ? foldTexAccents(text).replace(TEX_FORMAT, ' ').replace(TEX_COMMAND, texCommandWord) : text;
  if (folded.includes('$') && (folded.includes('_') || folded.includes('^'))) folded = folded.replace(TEX_SCRIPT, '$1$2');
  // Braces group, they do not separate words: Schr{\"o}dinger, {G}aussian are one word each.
  return folded.includes('{') ? folded.replace(/[{}]/g, '') : folded;
}

/** Anything but letters and digits separates words. */
const NON_WORD = /[^\p{L}\p{N}]+/gu;
/** Chinese and Japanese have no spaces: each character is a word, so any run of them can match. */
const CJK = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])/gu;
const HAS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const ASCII = /^[\x00-\x7f]*$/;
/**
 * In lower-case ASCII: a run of separators with anything but a single space in it. Written so
 * that single spaces, the commonest separator, are not matches at all: replacing every non-word
 * run (/[^a-z0-9]+/g) takes twice as long on 10,000 abstracts.
 */
const ASCII_SEPARATORS = / ?[^a-z0-9 ][^a-z0-9]*| {2,}[^a-z0-9]*/g;

/**
 * The searchable form of a text: TeX folded, lower case, diacritics stripped (NFKD, combining
 * marks removed, a few letters spelled out: ß → ss), words (runs of letters and digits)
 * separated by one space, trimmed. "Schr\\"odinger's  Équation" → "schrodinger s equation".
 */
export function normalizeText(text: string): string {
  return normalizeFolded(foldTex(text));
}

/** normalizeText of a text whose TeX is folded already. */
function normalizeFolded(folded: string): string {
  let s = folded;
  // Most text is ASCII: skip the Unicode work (the index is built from 10,000 abstracts).
  if (ASCII.test(s)) return s.toLowerCase().replace(ASCII_SEPARATORS, ' ').trim();
  // Lower case last: folding makes capitals ("𝐁𝐄𝐑𝐓" → "BERT", "ℝ" → "R", "Λ" → "Lambda").
  s = spellGreek(foldLetters(s)).toLowerCase(); // "β-VAE" found by "beta", as `$\beta$-VAE` is
  if (HAS_CJK.test(s)) s = s.replace(CJK, ' $1 ');
  return s.replace(NON_WORD, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// What a paper's words start with
//
// Scanning a paper's text costs ~1 µs (an abstract is ~1,300 characters), so most papers must be
// ruled in or out without it. Built per paper in one pass over its normalized text:
//   - initials: the exact set of its words' first characters (a–z, 0–9), per field (primary,
//     secondary). A one-character query — the first keystroke, which matches nearly every
//     paper — is answered from them alone;
//   - short prefixes: the exact set of its words' 2- and 3-character prefixes made of a–z/0–9,
//     per field, as a string of one character per code. Query words of 2–3 characters
//     ("tr", "tra": the next keystrokes, which still match most papers) are answered from them;
//   - a Bloom filter of its longer prefixes (4, 5, 6 and 8 characters, and 2–3 of words with
//     other characters). A longer query word whose bits are missing cannot match; one whose bits
//     are there usually does, and `indexOf` confirms.
// Initials and filters are stored by column (one Int32Array, column × capacity + slot): a search
// reads the same few columns for every paper, so they stay in the CPU cache. Per-paper typed
// arrays were several times slower (a cache miss per paper) and cost ~150 bytes of overhead each.

/** 0–25 for a–z, 26–35 for 0–9, -1 for anything else. */
function alnum(c: number): number {
  if (c >= 97 && c <= 122) return c - 97;
  if (c >= 48 && c <= 57) return c - 22;
  return -1;
}

/** Code of a 2- or 3-character prefix from the code of the prefix one shorter (`alnum` for one character). */
function extendCode(code: number, length: number, a: number): number {
  return length === 2 ? 36 + code * 36 + a : 36 + 36 * 36 + (code - 36) * 36 + a;
}
/** Codes 36 … 47,987: below the UTF-16 surrogates, so a set of them is a plain string. */
const CODES = 36 + 36 * 36 + 36 * 36 * 36;

/** Columns 0–1: primary initials (letters, digits); 2–3: secondary initials; 4…: the filter. */
const INITIALS = 4;
/** Filter bits: 64 × 32 = 2,048 a paper (256 bytes; 2.5 MB for 10,000 papers). */
const FILTER_INTS = 64;
const FILTER_MASK = FILTER_INTS * 32 - 1;
const COLUMNS = INITIALS + FILTER_INTS;
/**
 * Bits set per prefix. An abstract has ~330 distinct longer prefixes; they fill ~38% of the
 * filter, so a paper without a given prefix still passes with probability 0.38³ ≈ 5%.
 */
const FILTER_K = 3;
/**
 * The prefix lengths the filter records (2 and 3 only for words with characters outside a–z/0–9;
 * the others' are in the exact sets). 7 and 9+ are left out to keep the filter sparse: a query
 * word of 7 characters is looked up by its first 6, one of 9+ by its first 8.
 */
const RECORDED = [false, false, true, true, true, true, true, false, true];
const LONGEST_RECORDED = RECORDED.length - 1;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

const UTF16 = new TextDecoder('utf-16le');

/** Which codes the text being indexed has, as a stamp per code (no clearing between texts). */
const seen = new Uint32Array(CODES);
let stamp = 0;

/**
 * Records the words of `text` (normalized: words split by ' ' or '\n') in `row` (one paper's
 * columns): initials at `initials` (0 primary, 2 secondary), longer prefixes in the filter.
 * Returns the codes of the 2–3 character prefixes, as a string.
 */
function indexWords(text: string, row: Int32Array, initials: number): string {
  stamp = (stamp + 1) >>> 0 || 1;
  const codes: number[] = [];
  let hash = FNV_OFFSET;
  let length = 0;
  let code = 0; // the code of the prefix so far, or -1 once it has a character outside a–z/0–9
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10) {
      length = 0;
      continue;
    }
    if (length === LONGEST_RECORDED) continue;
    const a = alnum(c);
    if (length === 0) {
      hash = FNV_OFFSET;
      code = a;
      if (a >= 0) row[initials + (a < 26 ? 0 : 1)]! |= 1 << (a < 26 ? a : a - 26);
    } else if (length < 3) code = a < 0 || code < 0 ? -1 : extendCode(code, length + 1, a);
    hash = Math.imul(hash ^ c, FNV_PRIME);
    length++;
    if (length > 1 && length <= 3 && code >= 0) {
      if (seen[code] !== stamp) {
        seen[code] = stamp;
        codes.push(code);
      }
    } else if (RECORDED[length]) setFilterBits(row, hash);
  }
  // A string of one character per code, in no order: a lookup is `includes` of one character, a
  // native scan of ~300 bytes, about as fast as a binary search (sorting 20,000 sets cost ~10% of
  // the build). A string rather than a Uint16Array: on the JS heap next to the paper's other
  // strings, no ArrayBuffer per paper. TextDecoder because String.fromCharCode(...codes) is slower.
  return UTF16.decode(new Uint16Array(codes));
}

/** k bits by double hashing (h1 + i·h2): a Bloom filter with k hash functions. */
function setFilterBits(row: Int32Array, hash: number): void {
  const h2 = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) | 1;
  for (let k = 0, bit = hash; k < FILTER_K; k++, bit = (bit + h2) | 0) {
    const b = bit & FILTER_MASK;
    row[INITIALS + (b >>> 5)]! |= 1 << (b & 31);
  }
}

/** Every paper's initials and filter, by column (see above). Slots of removed papers are reused. */
class Columns {
  capacity = 0;
  data = new Int32Array(0);
  private readonly free: number[] = [];
  private next = 0;

  /** Stores `row` (COLUMNS ints) for a new paper; returns its slot. */
  add(row: Int32Array): number {
    const slot = this.free.pop() ?? this.next++;
    if (slot >= this.capacity) this.grow(Math.max(1024, this.capacity * 2));
    for (let c = 0; c < COLUMNS; c++) this.data[c * this.capacity + slot] = row[c]!;
    return slot;
  }

  /** Room for `count` papers without growing (growing copies every column). */
  reserve(count: number): void {
    if (count > this.capacity) this.grow(count);
  }

  release(slot: number): void {
    for (let c = 0; c < COLUMNS; c++) this.data[c * this.capacity + slot] = 0;
    this.free.push(slot);
  }

  private grow(capacity: number): void {
    const data = new Int32Array(COLUMNS * capacity);
    for (let c = 0; c < COLUMNS; c++) data.set(this.data.subarray(c * this.capacity, (c + 1) * this.capacity), c * capacity);
    this.data = data;
    this.capacity = capacity;
  }
}

// ---------------------------------------------------------------------------------------------
// Query terms and matching

/** One query term: a normalized word or phrase, with what a paper must have to match it. */
interface Term {
  /** Words joined by one space; matches where it starts a word. */
  readonly text: string;
  /** A single word of one character a–z/0–9: its initials [column, mask]; they decide alone. */
  readonly initial: readonly [number, number] | null;
  /** A single word of 2–3 characters a–z/0–9: its code (as a character), which decides alone. Else ''. */
  readonly code: string;
  /** Codes of the term's 2–3 character words (the "ne" of "graph ne"): each must be in the paper. */
  readonly codes: readonly string[];
  /** Filter [column, mask] pairs of its longer words: all must be set. */
  readonly bits: readonly number[];
  /** What else matches it: a hyphenated word's closed spelling ("multi agent" or "multiagent"). */
  readonly alt: Term | null;
}

/**
 * Separates a term's spellings in parseQuery's strings: "multi agent|multiagent". Never in
 * normalized text, which is letters, digits and spaces.
 */
const ALT = '|';
const hasAlt = (text: string) => text.includes(ALT);

function makeTerm(text: string): Term {
  if (hasAlt(text)) {
    const cut = text.indexOf(ALT);
    return { ...makeTerm(text.slice(0, cut)), text: text.slice(0, cut), alt: makeTerm(text.slice(cut + 1)) };
  }
  const codes: string[] = [];
  const row = new Int32Array(COLUMNS);
  const words = text.split(' ');
  for (const word of words) {
    // The longest prefix the index records for every word this one is a prefix of.
    let length = Math.min(word.length, LONGEST_RECORDED);
    while (length > 3 && !RECORDED[length]) length--;
    let code = 0;
    let hash = FNV_OFFSET;
    for (let i = 0; i < length; i++) {
      const c = word.charCodeAt(i);
      const a = alnum(c);
      code = i === 0 ? a : i < 3 && a >= 0 && code >= 0 ? extendCode(code, i + 1, a) : -1;
      hash = Math.imul(hash ^ c, FNV_PRIME);
    }
    if (length >= 2 && length <= 3 && code >= 0) codes.push(String.fromCharCode(code));
    else if (length >= 2) setFilterBits(row, hash);
    // (A one-character word of a phrase says little; a single one is handled below.)
  }
  const bits: number[] = [];
  row.forEach((mask, column) => void (mask !== 0 && bits.push(column, mask)));
  const single = words.length === 1 && bits.length === 0;
  const a = alnum(text.charCodeAt(0));
  return {
    text,
    initial: single && text.length === 1 && a >= 0 ? [a < 26 ? 0 : 1, 1 << (a < 26 ? a : a - 26)] : null,
    code: single && codes.length === 1 ? codes[0]! : '',
    codes,
    bits,
    alt: null,
  };
}

/**
 * The query's terms: normalized words and "quoted phrases". A word with punctuation inside
 * becomes a phrase of its parts; an unclosed quote runs to the end (the user is still typing it).
 * Terms contained in another term are dropped (a paper matching "transformer" matches "trans").
 * Longest first: usually the rarest, so a paper without it is dropped after one test.
 */
export function parseQuery(text: string): string[] {
  const raw: string[] = [];
  const add = (chunk: string, quoted: boolean) => {
    // An id's scheme is no paper's word (ids are indexed without it: makeEntry): "arXiv:2408.03"
    // typed on its way to a whole id finds what "2408.03" does.
    const term = normalizeText(chunk.replace(ID_SCHEME, ''));
    if (term === '') return;
    // A typed word in the plural also finds the singular; a quoted phrase is taken as written.
    if (quoted || term.includes(' ')) raw.push(!quoted && HYPHENATED.test(chunk) ? `${term}${ALT}${term.replaceAll(' ', '')}` : term);
    else raw.push(singularPrefix(term));
  };
  // A word may hold a TeX accent's quote (Schr\\"odinger, as a title is shown): it opens no phrase.
  const chunks = /"([^"]*)"?|(?:\\"|[^\s"])+/g;
  for (let m = chunks.exec(text); m !== null; m = chunks.exec(text)) {
    if (m[1] !== undefined) add(m[1], true);
    // Initials as citations write them are words of their own, as "J. P. Bouchaud" is.
    else for (const word of m[0].replace(INITIAL, '$1 ').split(' ')) add(word, false);
  }
  const unique = [...new Set(raw)];
  // A term inside another (every spelling of it) goes: what matches that one matches it.
  const inside = (t: string, u: string) => u !== t && !hasAlt(t) && u.split(ALT).every((spelling) => findWordStart(spelling, t, 0) !== -1);
  return unique.filter((t) => !unique.some((u) => inside(t, u))).sort((a, b) => b.length - a.length);
}

/**
 * Words joined by hyphens: "multi-agent", "pre-trained", "vision-language", "GPT-4"; or by an
 * apostrophe: "don't". Papers write many of them closed as well ("multiagent": the saved listings
 * have 28 and 11 of these two, "pretrained" 21 against "pre-trained" 6; "GPT4"), so a query for
 * one spelling also finds the other; makeEntry indexes a joined word's closed spelling too. Not
 * numbers alone ("2020-2021").
 */
const HYPHENATED = /^(?=[^]*\p{L})[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)+$/u;

/** An initial as citations write it: "J." or "J.-" ("J.-P. Bouchaud", "K.W. Chang", "A.Vaswani"). */
const INITIAL = /(?<![\p{L}\p{N}])(\p{L})\.-?/gu;

/** A scheme before an id: "arXiv:", "doi:". */
const ID_SCHEME = /^(?:arxiv|doi):(?=\S)/i;

/**
 * An English plural cut to the prefix its singular shares ("transformers" → "transformer",
 * "strategies" → "strateg", "approaches" → "approach", "biases" → "bias", "hypotheses" →
 * "hypothes", "matrices" → "matr"), so that a prefix match finds both forms: users type
 * "transformers" for papers titled "Transformer …". Words that only end in s ("analysis",
 * "focus", "class", "news") and short ones are left as they are.
 */
export function singularPrefix(word: string): string {
  if (word.length < 4 || !word.endsWith('s') || /(?:ss|us|is)$/.test(word) || /\d/.test(word) || NOT_PLURALS.has(word)) return word;
  // "strategies" → "strateg"; "studies" is "studie" or "study" ("stud" would find "student" too),
  // "queries" "querie" or "query".
  if (word.length >= 8 && word.endsWith('ies')) return word.slice(0, -3);
  if (word.length >= 6 && word.endsWith('ies')) return `${word.slice(0, -1)}${ALT}${word.slice(0, -3)}y`;
  // Latin plurals: "matrices", "vertices" (matrix, vertex); a stem of 4 letters at least.
  if (word.length >= 8 && word.endsWith('ices')) return word.slice(0, -4);
  // "-ses" is the plural of "-s", "-se" and "-sis" alike ("biases", "responses", "hypotheses"):
  // without "es", a prefix of each singular.
  if (word.length >= 6 && word.endsWith('ses')) return word.slice(0, -2);
  if (/(?:x|z|ch|sh|ss)es$/.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

/** Words that end in s without being plurals, whose cut form would find other words ("new"). */
const NOT_PLURALS: ReadonlySet<string> = new Set(['news', 'lens', 'physics', 'mathematics', 'always', 'perhaps']);

/**
 * The paper ids a query names: the whole text as one id (the pane cites an ACL Anthology id as
 * "ACL W18-6560"), else each of its words that is one, so that an id pasted with what surrounds
 * it ("arXiv:2106.09608 [cs.LG]" from a "Cite as:" line, "arXiv preprint arXiv:2408.00001, 2024."
 * from a reference list) finds its paper. canonicalId reads no ordinary word as an id.
 */
function idsIn(text: string): Set<string> {
  const whole = canonicalId(text.trim().replace(/^acl\s+/i, 'acl:'));
  if (whole !== null) return new Set([whole]);
  const ids = new Set<string>();
  for (const word of text.replace(/\bacl\s+/gi, 'acl:').split(/\s+/)) {
    const id = word.length > 6 ? canonicalId(word.replace(/^[([{<"']+|[)\]}>"',;.]+$/g, '')) : null;
    if (id !== null) ids.add(id);
  }
  return ids;
}

/** Where `term` first starts a word in `hay` at or after `from` (hay normalized: words split by ' ' or '\n'), or -1. */
function findWordStart(hay: string, term: string, from: number): number {
  // indexOf the term itself, not " " + term: V8 finds the first character with memchr, and a
  // space is the commonest character there is. Then check what precedes.
  let at = hay.indexOf(term, from);
  while (at !== -1) {
    const before = at === 0 ? 32 : hay.charCodeAt(at - 1);
    if (before === 32 || before === 10) return at;
    at = hay.indexOf(term, at + 1);
  }
  return -1;
}

/**
 * Where a term matched a paper: 2·position in the primary text, or 2·position + 1 in the
 * secondary text (the primary text is tried first, so a secondary hit means no primary one).
 * A hit found from initials or codes alone has position 0. NO_HIT when it does not match.
 */
type Hit = number;
const NO_HIT = -1;
const inPrimary = (hit: Hit) => (hit & 1) === 0;

/**
 * Whether `term` matches `entry`, and where. `hint`, when not NO_HIT, is where a term that
 * `term` extends ("tra" → "tran") matched this paper: the first place `term` can be, since every
 * occurrence of `term` is one of that term.
 */
function matchTerm(entry: Entry, term: Term, hint: Hit, columns: Columns): Hit {
  const hit = matchSpelling(entry, term, hint, columns);
  if (term.alt === null || (hit !== NO_HIT && inPrimary(hit))) return hit;
  // The other spelling, where this one is not, or is only in the abstract, tags or note.
  const other = matchSpelling(entry, term.alt, NO_HIT, columns);
  return other !== NO_HIT && (hit === NO_HIT || inPrimary(other)) ? other : hit;
}

function matchSpelling(entry: Entry, term: Term, hint: Hit, columns: Columns): Hit {
  const { data, capacity } = columns;
  const { slot } = entry;
  if (term.initial !== null) {
    const [column, mask] = term.initial;
    return (data[column * capacity + slot]! & mask) !== 0 ? 0 : (data[(column + 2) * capacity + slot]! & mask) !== 0 ? 1 : NO_HIT;
  }
  if (term.code !== '') return entry.primaryCodes.includes(term.code) ? 0 : entry.secondaryCodes.includes(term.code) ? 1 : NO_HIT;
  const { bits, codes } = term;
  for (let i = 0; i < bits.length; i += 2) if ((data[bits[i]! * capacity + slot]! & bits[i + 1]!) === 0) return NO_HIT;
  for (const code of codes) if (!entry.primaryCodes.includes(code) && !entry.secondaryCodes.includes(code)) return NO_HIT;
  const primaryToo = hint === NO_HIT || inPrimary(hint);
  if (primaryToo) {
    const at = findWordStart(entry.primary, term.text, hint === NO_HIT ? 0 : hint >>> 1);
    if (at !== -1) return at * 2;
  }
  const at = findWordStart(entry.secondary, term.text, primaryToo ? 0 : hint >>> 1);
  return at === -1 ? NO_HIT : at * 2 + 1;
}

// ---------------------------------------------------------------------------------------------
// The index

interface Entry {
  readonly record: PaperRecord;
  /** Title, authors and ids, normalized, one field per line (a phrase never spans two fields). */
  readonly primary: string;
  /** Abstract, tags and note, likewise. */
  readonly secondary: string;
  /** The 2–3 character word prefixes of each (see indexWords). */
  readonly primaryCodes: string;
  readonly secondaryCodes: string;
  /** Its row in the index's Columns (initials and filter). */
  readonly slot: number;
  /** Tags folded to lower case, for the tag filter. */
  readonly tagKeys: readonly string[];
  /** The title as the title sort compares it (TeX markup out). */
  readonly sortTitle: string;
}

/** A paper's tags, tolerating records stored before tags existed. */
function tagsOf(record: PaperRecord): readonly string[] {
  return Array.isArray(record.tags) ? record.tags : [];
}

const tagKey = (tag: string) => tag.trim().toLowerCase();

/** One paper's columns while it is indexed (then copied into Columns). */
const scratchRow = new Int32Array(COLUMNS);

/**
 * The closed spellings of the words joined by hyphens or apostrophes in `folded` (fields, their
 * TeX folded): "multi-agent" → "multiagent", "GPT-4" → "GPT4", "COVID-19", "don't" → "dont",
 * "$k$-NN" → "kNN"; each a field of its own (a phrase of two of them is in no paper's text). A
 * run of digits alone ("2020-2021") is no word. Walked from each joiner, out to the word's ends:
 * this runs on every abstract as the index is built.
 */
function closedSpellings(folded: readonly string[]): string[] {
  const closed: string[] = [];
  for (const field of folded) {
    if (!JOINER.test(field)) continue;
    const text = field.includes('$') ? field.replaceAll('$', '') : field;
    const joiners = new RegExp(JOINERS);
    for (let found = joiners.exec(text); found !== null; found = joiners.exec(text)) {
      const at = found.index;
      let start = at;
      while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
      if (start === at) continue;
      // Each joiner followed by a word, as far as they go ("state-of-the-art").
      let end = at;
      while (isJoiner(text.charCodeAt(end)) && isWordChar(text.charCodeAt(end + 1))) {
        end += 2;
        while (isWordChar(text.charCodeAt(end))) end++;
      }
      if (end === at) continue;
      const word = text.slice(start, end).replace(JOINERS, '');
      if (!/^\d+$/.test(word)) closed.push(word);
      joiners.lastIndex = end; // on from the word's end
    }
  }
  return closed;
}

/** Hyphens and apostrophes (straight and typographic), which join the parts of a word. */
const JOINER = /['\u2019-]/;
const JOINERS = /['\u2019-]/g;
const isJoiner = (c: number) => c === 45 || c === 39 || c === 0x2019;

/** A letter or digit, roughly: a–z, A–Z, 0–9, or anything beyond Latin-1's symbols but ’ (NaN, past the end: no). */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c >= 0xc0 && c !== 0x2019);
}

function makeEntry(record: PaperRecord, columns: Columns): Entry {
  const tags = tagsOf(record);
  const note = typeof record.note === 'string' ? record.note : '';
  // Each field's TeX folded once, for its words and its closed spellings.
  const lines = (fields: readonly string[]) => {
    const folded = fields.map(foldTex);
    return [...folded, ...closedSpellings(folded)]
      .map(normalizeFolded)
      .filter((f) => f !== '')
      .join('\n');
  };
  // The ids without their scheme ("2408.00001", "10.18653/v1/…", its other ids too): pasting one,
  // or typing its start, finds the paper.
  const ids = [record.id, ...aliasesOf(record)].map((id) => id.slice(id.indexOf(':') + 1));
  const primaryFields = [record.title, ...record.authors, ...ids];
  const secondaryFields = [record.abstract ?? '', ...tags, note];
  const primary = lines(primaryFields);
  const secondary = lines(secondaryFields);
  scratchRow.fill(0);
  const primaryCodes = indexWords(primary, scratchRow, 0);
  const secondaryCodes = indexWords(secondary, scratchRow, 2);
  return {
    record,
    primary,
    secondary,
    primaryCodes,
    secondaryCodes,
    slot: columns.add(scratchRow),
    tagKeys: tags.map(tagKey),
    sortTitle: foldTex(record.title).replace(/\$/g, '').trim(),
  };
}

/** The date a view shows and sorts by. */
function viewDate(record: PaperRecord, view: LibraryView): number | null {
  switch (view) {
    case 'starred':
      return record.starredAt;
    case 'recommended':
    case 'history':
      return record.lastSeenAt;
    case 'all':
      return record.updatedAt;
  }
}

function inView(record: PaperRecord, view: LibraryView): boolean {
  switch (view) {
    case 'starred':
      return record.starred;
    case 'recommended':
      return record.lastSeenAt !== null && !record.read && !record.dismissed && !record.starred;
    case 'history':
      return record.lastSeenAt !== null;
    case 'all':
      return true;
  }
}

/** Whether a paper passes the Status filter (also: whether a change takes it off a list so filtered). */
export function hasStatus(record: PaperRecord, status: LibraryStatus): boolean {
  switch (status) {
    case 'any':
      return true;
    case 'unread':
      return !record.read;
    case 'read':
      return record.read;
    case 'dismissed':
      return record.dismissed;
  }
}

/** Start of the local day of `time`, and of the day after (DST-safe: built from the calendar date). */
function dayStart(time: number, after = 0): number {
  const d = new Date(time);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + after).getTime();
}

/** A sorted list of entries kept sorted across upserts. */
interface Order {
  readonly compare: (a: Entry, b: Entry) => number;
  readonly entries: Entry[];
}

/** Newest first; no date last; ties by id so the order is total (binary insertion needs that). */
function byDate(view: LibraryView) {
  return (a: Entry, b: Entry) => {
    const da = viewDate(a.record, view) ?? -Infinity;
    const db = viewDate(b.record, view) ?? -Infinity;
    return da !== db ? (db > da ? 1 : -1) : byId(a, b);
  };
}

function byId(a: Entry, b: Entry): number {
  return a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0;
}

interface LastSearch {
  /** Everything but the text: when it differs, the previous matches say nothing. */
  key: string;
  scores: ReadonlyMap<string, number> | undefined;
  version: number;
  terms: string[];
  /** The entries that passed the filters and matched `terms`, in the sort order. */
  matched: Entry[];
  /** Where each matched: hits[i · terms.length + t] for matched[i] and terms[t]. */
  hits: Hit[];
}

export class LibraryIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly columns = new Columns();
  /** Tag key → how many papers have it, and its spelling (the smallest, as normalizeTags keeps). */
  private readonly tagCounts = new Map<string, { tag: string; count: number }>();
  private readonly siteCounts = new Map<string, number>();
  /** Sort orders built on first use, then maintained by upsert/remove. */
  private readonly orders = new Map<string, Order>();
  /** The scores map the 'relevance:*' orders were built for. */
  private orderedScores: ReadonlyMap<string, number> | undefined;
  /** Created once: constructing a collator costs far more than a comparison. */
  private readonly collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  /** Bumped by every change, so that the last search is not reused across one. */
  private version = 0;
  private last: LastSearch | null = null;

  /** Indexes `records` at once (~50 µs a paper with an abstract: 0.5 s for 10,000 on a slow machine). */
  constructor(records: readonly PaperRecord[] = []) {
    this.columns.reserve(records.length);
    for (const record of records) this.addRecord(record);
  }

  /**
   * The same index, built in slices of about `sliceMs` with the event loop free in between, so
   * that a popup opening on a large library keeps painting and answering input meanwhile.
   */
  static async build(records: readonly PaperRecord[], sliceMs = 10): Promise<LibraryIndex> {
    const index = new LibraryIndex();
    index.columns.reserve(records.length);
    let deadline = performance.now() + sliceMs;
    for (let i = 0; i < records.length; i++) {
      index.addRecord(records[i]!);
      // Checking the clock every 32 papers (~1.5 ms) keeps its cost out of the way.
      if ((i & 31) === 31 && performance.now() >= deadline) {
        await afterQueuedTasks();
        deadline = performance.now() + sliceMs;
      }
    }
    return index;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Adds a paper or replaces the one with its id. */
  /** Adds or replaces a paper; false when it is indexed as it is already (nothing changed). */
  upsert(record: PaperRecord): boolean {
    if (!this.differs(record)) return false;
    this.replace(record);
    return true;
  }

  /**
   * Adds or replaces many papers at once; returns how many changed (a change the popup made
   * itself comes back as a notice naming papers it shows as they are already). The sort orders
   * are dropped and rebuilt (one sort) when next searched, instead of kept by insertion: each
   * upsert moves entries of every order, which for "Tag these 10,000" made the popup's part
   * seconds long.
   */
  upsertAll(records: readonly PaperRecord[]): number {
    const changed = records.filter((record) => this.differs(record));
    if (changed.length > 64) this.orders.clear();
    for (const record of changed) this.replace(record);
    return changed.length;
  }

  /** Whether `record` is new here, or differs from the paper as indexed. */
  private differs(record: PaperRecord): boolean {
    const indexed = this.entries.get(record.id)?.record;
    return !indexed || !sameRecord(indexed, record);
  }

  /** Puts `record` in place of the paper indexed under its id, if any, in every order kept. */
  private replace(record: PaperRecord): void {
    this.removeEntry(record.id);
    const entry = makeEntry(record, this.columns);
    this.add(entry);
    for (const order of this.orders.values()) insertSorted(order, entry);
    this.version++;
  }

  remove(id: string): void {
    if (this.removeEntry(id)) this.version++;
  }

  /**
   * How many papers `view` holds (a tab's count), those `where` takes if given: a count, not a
   * search (three searches, each sorting and listing the library, ran after every star).
   */
  count(view: LibraryView, where?: (record: PaperRecord) => boolean): number {
    const passes = this.filter({ ...DEFAULT_QUERY, view });
    let n = 0;
    for (const entry of this.entries.values()) if (passes(entry) && (!where || where(entry.record))) n++;
    return n;
  }

  /** The paper with this id, as indexed. */
  get(id: string): PaperRecord | undefined {
    return this.entries.get(id)?.record;
  }

  /** Every paper, in no particular order. */
  all(): PaperRecord[] {
    return Array.from(this.entries.values(), (entry) => entry.record);
  }

  /** Every tag with the number of papers carrying it, most used first (then A→Z). */
  tags(): { tag: string; count: number }[] {
    return this.byCount([...this.tagCounts.values()].map(({ tag, count }) => ({ tag, count })));
  }

  /**
   * The tags of the papers `query`'s view and filters other than the tag leave (its text aside),
   * with how many of them have each: the Tag filter's choices, each counting what choosing it
   * shows. The tag chosen stays a choice, with 0 when none of them has it.
   */
  tagsIn(query: LibraryQuery): { tag: string; count: number }[] {
    const passes = this.filter({ ...query, tag: null });
    const counts = new Map<string, number>();
    for (const entry of this.entries.values()) if (entry.tagKeys.length > 0 && passes(entry)) for (const k of entry.tagKeys) counts.set(k, (counts.get(k) ?? 0) + 1);
    if (query.tag !== null && !counts.has(tagKey(query.tag))) counts.set(tagKey(query.tag), 0);
    return this.byCount([...counts].map(([k, count]) => ({ tag: this.tagCounts.get(k)?.tag ?? query.tag!, count })));
  }

  private byCount(tags: { tag: string; count: number }[]): { tag: string; count: number }[] {
    return tags.sort((a, b) => b.count - a.count || this.collator.compare(a.tag, b.tag));
  }

  /** The sites papers came from, A→Z. */
  sites(): string[] {
    return [...this.siteCounts.keys()].sort();
  }

  /**
   * The papers of `query.view` that pass its filters and match its text, in its order (a paper
   * the text names by one of its ids first). `scores` (paper id → relevance) is needed for sort
   * 'relevance'; pass the same Map object from keystroke to keystroke (a new Map means re-sorting
   * by it once).
   */
  search(query: LibraryQuery, scores?: ReadonlyMap<string, number>): PaperRecord[] {
    const byId = this.searchById(query, scores);
    if (byId === null) return this.searchText(query, scores);
    // Then the papers whose text has it as words (one citing it in its abstract, say).
    const found = new Set(byId);
    return byId.concat(this.searchText(query, scores).filter((record) => !found.has(record)));
  }

  /**
   * When the query's text names a paper by an id (see canonicalId), the papers of the view that
   * pass the filters and have it as their id or another of their ids, in the query's order; else null.
   */
  private searchById(query: LibraryQuery, scores: ReadonlyMap<string, number> | undefined): PaperRecord[] | null {
    const ids = idsIn(query.text);
    if (ids.size === 0) return null;
    const passes = this.filter(query);
    return this.order(query, scores)
      .filter((entry) => (ids.has(entry.record.id) || aliasesOf(entry.record).some((id) => ids.has(id))) && passes(entry))
      .map((entry) => entry.record);
  }

  /** The papers of the view that pass the filters and match the query's words. */
  private searchText(query: LibraryQuery, scores: ReadonlyMap<string, number> | undefined): PaperRecord[] {
    const texts = parseQuery(query.text);
    const terms = texts.map(makeTerm);
    const order = this.order(query, scores);
    const scoresUsed = query.sort === 'relevance' ? scores : undefined;
    const key = [query.view, query.sort, query.tag === null ? '' : tagKey(query.tag), query.site ?? '', query.from, query.to, query.status].join('\u0000');

    // While typing, each query usually narrows the previous one: when every previous term is
    // inside a new one, only the previous matches can match (and they passed the filters).
    // A new term that extends a previous one ("tra" → "tran") starts looking where that matched.
    const last = this.last;
    const narrows =
      last !== null &&
      last.version === this.version &&
      last.key === key &&
      last.scores === scoresUsed &&
      // (Not with a term of two spellings: a hit of one says nothing of where the other is.)
      !texts.some(hasAlt) &&
      !last.terms.some(hasAlt) &&
      last.terms.every((p) => texts.some((t) => findWordStart(t, p, 0) !== -1));
    const candidates = narrows ? last.matched : order;
    const passes = narrows ? null : this.filter(query);
    const previous = narrows ? texts.map((t) => longestPrefixIndex(last.terms, t)) : texts.map(() => -1);
    const stride = narrows ? last.terms.length : 0;

    // Walk the candidates in order: the matches come out sorted. Papers with every term in the
    // title/authors go first; the others keep the same order after them.
    const matched: Entry[] = [];
    const hits: Hit[] = [];
    const first: PaperRecord[] = [];
    const rest: PaperRecord[] = [];
    const entryHits: Hit[] = terms.map(() => NO_HIT);
    for (let i = 0; i < candidates.length; i++) {
      const entry = candidates[i]!;
      if (passes !== null && !passes(entry)) continue;
      let allPrimary = true;
      let t = 0;
      for (; t < terms.length; t++) {
        const p = previous[t]!;
        const hint = p === -1 ? NO_HIT : last!.hits[i * stride + p]!;
        // The same term as before: the same hit.
        const hit = p !== -1 && last!.terms[p] === texts[t] ? hint : matchTerm(entry, terms[t]!, hint, this.columns);
        if (hit === NO_HIT) break;
        entryHits[t] = hit;
        if (!inPrimary(hit)) allPrimary = false;
      }
      if (t < terms.length) continue;
      matched.push(entry);
      for (const hit of entryHits) hits.push(hit);
      (allPrimary ? first : rest).push(entry.record);
    }
    this.last = { key, scores: scoresUsed, version: this.version, terms: texts, matched, hits };
    return rest.length === 0 ? first : first.concat(rest);
  }

  // -- internals ------------------------------------------------------------------------------

  /** Construction: a repeated id replaces the earlier record, as upsert does. */
  private addRecord(record: PaperRecord): void {
    this.removeEntry(record.id);
    this.add(makeEntry(record, this.columns));
  }

  private add(entry: Entry): void {
    const { record } = entry;
    this.entries.set(record.id, entry);
    for (const tag of tagsOf(record)) {
      const k = tagKey(tag);
      const counted = this.tagCounts.get(k);
      if (counted) {
        counted.count++;
        if (tag < counted.tag) counted.tag = tag;
      } else this.tagCounts.set(k, { tag, count: 1 });
    }
    this.siteCounts.set(record.site, (this.siteCounts.get(record.site) ?? 0) + 1);
  }

  private removeEntry(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.entries.delete(id);
    this.columns.release(entry.slot);
    for (const k of entry.tagKeys) {
      const counted = this.tagCounts.get(k);
      if (counted && --counted.count === 0) this.tagCounts.delete(k);
      // The kept spelling may have been this paper's: it stays until the tag is gone (a cosmetic
      // choice between "ML" and "ml", not worth a rescan of every paper).
    }
    const sites = (this.siteCounts.get(entry.record.site) ?? 1) - 1;
    if (sites === 0) this.siteCounts.delete(entry.record.site);
    else this.siteCounts.set(entry.record.site, sites);
    for (const order of this.orders.values()) {
      const at = order.entries.indexOf(entry);
      if (at !== -1) order.entries.splice(at, 1);
    }
    return true;
  }

  /** The filters other than the text, as one predicate. */
  private filter(query: LibraryQuery): (entry: Entry) => boolean {
    const { view, site, status } = query;
    const tag = query.tag === null ? null : tagKey(query.tag);
    const from = query.from === null ? -Infinity : dayStart(query.from);
    const to = query.to === null ? Infinity : dayStart(query.to, 1);
    const dated = query.from !== null || query.to !== null;
    return ({ record, tagKeys }) => {
      if (!inView(record, view)) return false;
      if (site !== null && record.site !== site) return false;
      if (!hasStatus(record, status)) return false;
      if (tag !== null && !tagKeys.includes(tag)) return false;
      if (dated) {
        const date = viewDate(record, view);
        if (date === null || date < from || date >= to) return false;
      }
      return true;
    };
  }

  /** Every entry in the query's sort order, built on first use and kept sorted afterwards. */
  private order(query: LibraryQuery, scores: ReadonlyMap<string, number> | undefined): Entry[] {
    // starred is dated by starredAt, recommended/history by lastSeenAt, all by updatedAt.
    const dateKind = query.view === 'starred' ? 'starred' : query.view === 'all' ? 'all' : 'history';
    let name: string;
    let compare: (a: Entry, b: Entry) => number;
    if (query.sort === 'title') {
      name = 'title';
      compare = (a, b) => this.collator.compare(a.sortTitle, b.sortTitle) || byId(a, b);
    } else if (query.sort === 'relevance') {
      if (scores !== this.orderedScores) {
        for (const k of [...this.orders.keys()]) if (k.startsWith('relevance:')) this.orders.delete(k);
        this.orderedScores = scores;
      }
      name = `relevance:${dateKind}`;
      const date = byDate(dateKind);
      // A missing or non-finite score counts as none (NaN would make the order inconsistent).
      const score = (entry: Entry) => {
        const value = scores?.get(entry.record.id);
        return value !== undefined && Number.isFinite(value) ? value : null;
      };
      compare = (a, b) => {
        const sa = score(a);
        const sb = score(b);
        if (sa === null || sb === null) return sa === sb ? date(a, b) : sa === null ? 1 : -1;
        return sa !== sb ? (sb > sa ? 1 : -1) : date(a, b);
      };
    } else {
      name = `date:${dateKind}`;
      compare = byDate(dateKind);
    }
    let order = this.orders.get(name);
    if (!order) {
      // By relevance: the few papers scored (2,000 at most) sorted, then the rest in the date
      // order, kept already (what sorting them all gives, as unscored papers rank by date). New
      // scores arrive while a listing is read elsewhere, and sorting 20,000 entries by a score
      // looked up at each comparison took ≈ 100 ms each time.
      const entries =
        query.sort === 'relevance'
          ? partition(this.order({ ...query, sort: 'date' }, undefined), (entry) => scores?.get(entry.record.id), compare)
          : [...this.entries.values()].sort(compare);
      order = { compare, entries };
      this.orders.set(name, order);
    }
    return order.entries;
  }
}

/** `dated` (in date order) with the entries that have a finite score first, sorted by `compare`. */
function partition(dated: readonly Entry[], scoreOf: (entry: Entry) => number | undefined, compare: (a: Entry, b: Entry) => number): Entry[] {
  const scored: Entry[] = [];
  const rest: Entry[] = [];
  for (const entry of dated) {
    const value = scoreOf(entry);
    (value !== undefined && Number.isFinite(value) ? scored : rest).push(entry);
  }
  return scored.sort(compare).concat(rest);
}

/** The index of the longest of `terms` that `text` starts with, or -1. */
function longestPrefixIndex(terms: readonly string[], text: string): number {
  let best = -1;
  terms.forEach((term, i) => {
    if (text.startsWith(term) && (best === -1 || term.length > terms[best]!.length)) best = i;
  });
  return best;
}

/** Inserts `entry` at its place (binary search: the order is total). */
function insertSorted(order: Order, entry: Entry): void {
  const { entries, compare } = order;
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(entries[mid]!, entry) < 0) lo = mid + 1;
    else hi = mid;
  }
  entries.splice(lo, 0, entry);
}

/** Whether two records are the same, field by field (a record read twice from the database). */
function sameRecord(a: PaperRecord, b: PaperRecord): boolean {
  const keys = Object.keys(a) as Array<keyof PaperRecord>;
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => {
    const [x, y] = [a[key], b[key]];
    return x === y || (Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => v === y[i]));
  });
}
