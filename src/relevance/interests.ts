/**
 * What the user typed: topics with keyword phrases, followed and muted authors, muted keywords;
 * and the interest scorer that ranks papers by them before any paper has been starred.
 * Pure, no browser APIs.
 *
 * Preferred arXiv categories (per topic) are not text: see categories.ts and model.ts.
 *
 * A keyword phrase is matched as a phrase, on stems (but for the words of a stem that papers do
 * not use as one, word-families.ts: "experience" does not find "experiments"), stop words
 * included ("text-to-speech", "point cloud", "AI" all match), never across punctuation. A topic's score is BM25 over its
 * phrases: each phrase counts by its rarity (idf) and, with diminishing returns, by how often it
 * occurs; a match in the title counts as TITLE_BOOST matches in the abstract, since a title names
 * what a paper is about while an abstract also names what it merely uses. A phrase also matches
 * the other ways papers write it, abbreviated or spelled out ("LLM" ↔ "large language models",
 * abbreviations.ts), and counts as one phrase either way. A word typed in capitals ("AR", "CLIP",
 * "MoE") matches only words written in capitals (capitalsRequired), since the same letters in
 * small ones are mostly other words ("are", "clip").
 */
import { longFormStart, otherForms, SHIPPED_ABBREVIATIONS, type Abbreviation } from './abbreviations';
import { foldAccents, nameKeys, sameAuthor, sameKeys, spellUmlauts } from './authors';
import { compoundForms } from './compounds';
import { endsInMarkedVersion, versionForms } from './versions';
import { BIGRAM_SEP, gapPieces, isBreak, isCapital, isDigit, LEXICON, NO_GAPS, termStemOfCode, tokenize, wordHash, wordOf, type TokenStream } from './tokenize';
import { paperLength, type AnalyzedPaper, type IdfTable } from './vectorize';
import { notOneWord } from './word-families';
import { adjectiveForm } from './adjectives';
import { otherNumberForm } from './plurals';

export interface KeywordPhrase {
  phrase: string;
  /** Relative importance, default 1. */
  weight?: number;
}

export interface Topic {
  id: string;
  name: string;
  keywords: ReadonlyArray<string | KeywordPhrase>;
  /**
   * Preferred arXiv categories ("cs.LG", "hep-th"; an archive alone, "math", takes in its
   * subcategories). A paper listed in one gets a small bonus for this topic
   * (TRAINING.categoryBonus, model.ts): a hint, never a reason on its own, since a category is
   * far broader than a topic.
   */
  categories?: readonly string[];
}

export interface Interests {
  topics: readonly Topic[];
  followedAuthors?: readonly string[];
  mutedKeywords?: readonly string[];
  mutedAuthors?: readonly string[];
}

/**
 * The topics a starred paper is filed under by its tags: a tag that reads as a topic's name or id
 * (case and spacing aside). The library's tags double as the way to file a star under a topic,
 * as arxiv-sanity trains one model per tag.
 */
export function topicsTagged(tags: readonly string[] | undefined, topics: readonly Topic[]): string[] {
  if (!tags || tags.length === 0) return [];
  const wanted = new Set(tags.map(topicNameKey));
  return topics.filter((t) => wanted.has(topicNameKey(t.name)) || wanted.has(topicNameKey(t.id))).map((t) => t.id);
}

/** A topic's name as names are told apart (case and spacing aside): two topics never share one. */
export function topicNameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** BM25's usual constants: k1 sets how fast repeats saturate, b how much length matters. */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;
export const TITLE_BOOST = 3;

export interface CompiledPhrase {
  /** As the user typed it. */
  text: string;
  stems: string[];
  weight: number;
  /** BM25 idf of the phrase in the current corpus (of its most frequent form). */
  idf: number;
  /**
   * The other ways papers write it (otherForms: "large language models" for "LLM"), matched as
   * the phrase itself. Absent when there are none, and in models stored before format 4.
   */
  forms?: Array<{ text: string; stems: string[] }>;
}

/**
 * Document frequency of a phrase, estimated from term counts: a phrase occurs at most as often as
 * its rarest word or content bigram. (Exact phrase counts would need every paper's text kept.)
 */
export function phraseDf(ts: TokenStream, idf: IdfTable): number {
  // As TF-IDF counts them: a word of a family, or written in capitals, with a term of its own by that term (stem-families.ts).
  const stem = (i: number) => LEXICON.stem(termStemOfCode(ts.codes[i]!));
  const stop = (i: number) => LEXICON.isStop(wordOf(ts.codes[i]!));
  let df = Infinity;
  for (let i = ts.start; i < ts.end; i++) {
    df = Math.min(df, idf.df(stem(i)));
    if (i > ts.start && !stop(i) && !stop(i - 1)) df = Math.min(df, idf.df(stem(i - 1) + BIGRAM_SEP + stem(i)));
  }
  return Number.isFinite(df) ? df : 0;
}

export function bm25Idf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/**
 * The other ways papers write a keyword phrase, each once: abbreviated or spelled out
 * (abbreviations.ts), its compounds (compounds.ts), its marked versions (versions.ts), its
 * nouns and adjectives ("holography", "holographic": adjectives.ts) and its Latin and Greek
 * plurals ("corpus", "corpora": plurals.ts) written the other way, and its umlauts spelled out
 * ("Kähler" → "Kaehler", as followed authors' names are; a paper writing "Kahler" matches it as
 * typed, accents folded), or, typed spelled out, as umlauts (unspelledUmlauts).
 */
export function otherSpellings(phrase: string, abbreviations: readonly Abbreviation[] = SHIPPED_ABBREVIATIONS): string[] {
  const forms = [
    ...otherForms(phrase, abbreviations),
    ...compoundForms(phrase),
    ...versionForms(phrase),
    adjectiveForm(phrase) ?? phrase,
    otherNumberForm(phrase) ?? phrase,
    spellUmlauts(phrase),
    unspelledUmlauts(phrase),
  ];
  return forms.filter((form, i) => form !== phrase && forms.indexOf(form) === i);
}

/**
 * A phrase with umlauts typed spelled out ("Kaehler", "Schroedinger", "Groebner") as papers write
 * them with the umlaut, which the tokenizer folds ("Kähler", TeX's `K\"ahler` → "kahler"): ae,
 * oe, ue between two consonants (not after a q, nor before a plural's s) as a, o, u. Between
 * consonants only, so that "blue", "true values", "Boeing", "aerial" have no such form; the few
 * it makes of English words ("fuel" → "ful", "poems" → "poms") are words no paper writes.
 */
function unspelledUmlauts(phrase: string): string {
  return phrase.replace(SPELLED_UMLAUT, '$1');
}
const SPELLED_UMLAUT = /(?<=[bcdfghjklmnprstvwxz])([aou])e(?=(?!s\b)[bcdfghjklmnprstvwxz])/gi;

/** `abbreviations`: the table otherForms reads (tests pass their own). */
export function compilePhrases(list: ReadonlyArray<string | KeywordPhrase>, idf: IdfTable, abbreviations: readonly Abbreviation[] = SHIPPED_ABBREVIATIONS): CompiledPhrase[] {
  const out: CompiledPhrase[] = [];
  const stemsOf = (ts: TokenStream) => Array.from(ts.codes, (c) => LEXICON.stem(LEXICON.stemOf(wordOf(c))));
  for (const k of list) {
    const text = typeof k === 'string' ? k : k.phrase;
    const weight = typeof k === 'string' ? 1 : (k.weight ?? 1);
    const ts = tokenize(text);
    if (ts.end === 0 || !(weight > 0)) continue;
    const otherTexts = otherSpellings(text, abbreviations);
    const others = otherTexts.map(tokenize);
    // A paper matching any form matches the phrase: its document frequency is at least the
    // most frequent form's.
    const df = Math.max(phraseDf(ts, idf), ...others.map((o) => phraseDf(o, idf)));
    const phrase: CompiledPhrase = { text, stems: stemsOf(ts), weight, idf: bm25Idf(df, idf.n) };
    if (others.length > 0) phrase.forms = others.map((o, i) => ({ text: otherTexts[i]!, stems: stemsOf(o) }));
    const same = out.find((earlier) => sameTerm(earlier, phrase));
    if (same) absorbPhrase(same, phrase);
    else out.push(phrase);
  }
  return out;
}

/** Whether two phrases name one term: one is the other, or one of its forms ("GNN" and "graph neural networks"). */
function sameTerm(a: CompiledPhrase, b: CompiledPhrase): boolean {
  const spellings = (p: CompiledPhrase) => [p.stems, ...(p.forms ?? []).map((f) => f.stems)].map((stems) => stems.join(' '));
  const ofA = new Set(spellings(a));
  return spellings(b).some((spelling) => ofA.has(spelling));
}

/**
 * `a` takes in `b`, a phrase naming the same term typed again in another form ("graph neural
 * networks" and "GNN" in one topic): one phrase, matched by either form, counted once (a paper
 * writing either counted for both, twice the score of one typed alone, and named twice in its
 * explanation). Its weight is the greater, its idf that of its most frequent form.
 */
function absorbPhrase(a: CompiledPhrase, b: CompiledPhrase): void {
  a.weight = Math.max(a.weight, b.weight);
  a.idf = Math.min(a.idf, b.idf);
  const forms = [...(a.forms ?? [])];
  for (const form of [{ text: b.text, stems: b.stems }, ...(b.forms ?? [])]) {
    const spelling = form.stems.join(' ');
    if (spelling !== a.stems.join(' ') && !forms.some((f) => f.stems.join(' ') === spelling)) forms.push(form);
  }
  if (forms.length > 0) a.forms = forms;
}

/** Above this many characters, a word typed in capitals alone is shouted, not an abbreviation. */
const LONGEST_ABBREVIATION = 6;

/**
 * Per word of a keyword phrase, 1 when it matches only words written in capitals (isCapital), as
 * it is typed: 7,423 of the 7,573 papers in our sample that "AR" matched on stems only wrote "are",
 * and 144 of the 455 that "CLIP" matched only wrote "clip" or "clips". Null when no word is so
 * typed. A phrase typed in capitals throughout ("GRAPH NEURAL NETWORKS", "TRANSFORMERS") reads
 * as shouted, not as abbreviations, and matches in any case.
 */
export function capitalsRequired(text: string, codes: Int32Array = tokenize(text).codes): Uint8Array | null {
  const required = Uint8Array.from(codes, (c) => (isCapital(c) ? 1 : 0));
  if (!required.includes(1)) return null;
  const folded = foldAccents(text);
  const shouted = !/[a-z]/.test(folded) && (codes.length > 1 || folded.trim().length > LONGEST_ABBREVIATION);
  return shouted ? null : required;
}

/**
 * A list of phrases ready to match on word ids: each phrase's stem ids, and which phrases start
 * with a given stem. Made once per phrase list (a topic's phrases are one array for the life of
 * a model), so matching a paper is one pass over its words, whatever the number of phrases.
 */
interface PhraseMatcher {
  /** Every form of every phrase (CompiledPhrase.stems, then its forms), as stem ids. */
  stems: Int32Array[];
  /** Per form: which of its words must be written in capitals (capitalsRequired), or null. */
  capitals: Array<Uint8Array | null>;
  /** Per form: its words as typed (word ids), for the words of a stem that are not one word (notOneWord). */
  words: Int32Array[];
  /**
   * Per form: the numbers and single letters it writes around its words (TokenStream.gaps: "2"
   * in "type 2 diabetes", "Q" in "Q-learning", "4" in "GPT-4"), which a paper must write at the
   * same places (sameGaps); null when it writes none.
   */
  gaps: Array<Int32Array | null>;
  /**
   * Per form: 1 before each word (and after the last) where a paper may break the phrase: where
   * it has such a gap, or a full stop as typed ("Node.js", "St. Petersburg"); null when nowhere.
   */
  breakBefore: Array<Uint8Array | null>;
  /** Per form: it ends in a marked version ("YOLOv8"), after which a letter names a variant, not a unit (sameGaps). */
  markedVersion: Uint8Array;
  /** Per form: the index of its phrase. */
  phraseOf: Int32Array;
  /**
   * Per form: when it is one word typed in capitals (an abbreviation: "ASR"), its letters in small
   * letters, a plural's "s" aside, else null; and per phrase, its spellings of two words or more,
   * as stem ids. An abbreviation a paper defines as none of them ("attack success rate (ASR)") is
   * another word there: not counted (definedOtherwise).
   */
  letters: Array<string | null>;
  spellings: Int32Array[][];
  /** Whether any form is such an abbreviation. */
  anyLetters: boolean;
  /** Per form: its text when it is one of a phrase's other forms, else null (the phrase as typed). */
  otherText: Array<string | null>;
  /** First stem id → the indices of the forms that begin with it. */
  byFirst: Map<number, number[]>;
  /**
   * 1 at (stem id & FILTER_MASK) for every first stem: most words are ruled out by one array
   * read, and only the few that pass are looked up in byFirst.
   */
  filter: Uint8Array;
}

const FILTER_MASK = (1 << 12) - 1;
const matchers = new WeakMap<readonly CompiledPhrase[], PhraseMatcher>();

function matcherOf(phrases: readonly CompiledPhrase[]): PhraseMatcher {
  let m = matchers.get(phrases);
  if (!m) {
    m = makeMatcher(phrases);
    matchers.set(phrases, m);
  }
  return m;
}

function makeMatcher(phrases: readonly CompiledPhrase[]): PhraseMatcher {
  const forms = phrases.flatMap((p, k) => [{ stems: p.stems, k, text: null }, ...(p.forms ?? []).map((f) => ({ stems: f.stems, k, text: f.text }))]);
  const stems = forms.map((f) => Int32Array.from(f.stems, (s) => LEXICON.stemId(s)));
  // Capitals and words come from the text (stored models keep only the stems).
  const typed = forms.map((f) => f.text ?? phrases[f.k]!.text);
  const streams = typed.map((text) => tokenize(text));
  const codes = streams.map((ts) => ts.codes);
  const capitals = typed.map((text, k) => {
    const required = capitalsRequired(text, codes[k]);
    return required?.length === stems[k]!.length ? required : null;
  });
  const gaps = streams.map((ts, k) => (ts.gaps && ts.gaps.length > 0 && ts.codes.length === stems[k]!.length ? ts.gaps : null));
  // A gap inside the phrase breaks it as punctuation does, and so does a full stop typed inside
  // it: there the paper's break is expected ("Node.js" matched no paper, not even "Node.js"). The
  // options page refuses other marks between words (a list on one line: InterestsEditor.tsx).
  const breakBefore = gaps.map((g, k) => {
    // (Positions are the typed words': a model stored by another tokenizer may have other stems.)
    const stops = codes[k]!.length === stems[k]!.length ? fullStopBreaks(typed[k]!, codes[k]!) : [];
    if (!g && stops.length === 0) return null;
    const before = new Uint8Array(stems[k]!.length + 1);
    if (g) for (let i = 0; i < g.length; i += 2) before[g[i]!] = 1;
    for (const j of stops) before[j] = 1;
    return before;
  });
  const markedVersion = Uint8Array.from(typed, (text) => (endsInMarkedVersion(text) ? 1 : 0));
  const letters = codes.map((c, k) => (c.length === 1 && capitals[k]?.[0] === 1 ? singularLetters(LEXICON.word(wordOf(c[0]!))) : null));
  const spellings = phrases.map(() => [] as Int32Array[]);
  stems.forEach((ids, k) => {
    if (ids.length >= 2) spellings[forms[k]!.k]!.push(ids);
  });
  const words = codes.map((c) => Int32Array.from(c, wordOf));
  const phraseOf = Int32Array.from(forms, (f) => f.k);
  const otherText = forms.map((f) => f.text);
  const byFirst = new Map<number, number[]>();
  const filter = new Uint8Array(FILTER_MASK + 1);
  stems.forEach((ids, k) => {
    if (ids.length === 0) return;
    const s = ids[0]!;
    const list = byFirst.get(s);
    if (list) list.push(k);
    else byFirst.set(s, [k]);
    filter[s & FILTER_MASK] = 1;
  });
  const anyLetters = letters.some((l) => l !== null);
  return { stems, capitals, words, gaps, breakBefore, markedVersion, phraseOf, letters, spellings, anyLetters, otherText, byFirst, filter };
}

/** The words of a typed phrase (`codes`, its tokens) that a full stop breaks from the word before ("js" of "Node.js"). */
function fullStopBreaks(text: string, codes: Int32Array): number[] {
  if (!text.includes('.')) return [];
  const without = tokenize(text.replaceAll('.', ' ')).codes;
  if (without.length !== codes.length) return [];
  const out: number[] = [];
  for (let j = 1; j < codes.length; j++) if (isBreak(codes[j]!) && !isBreak(without[j]!)) out.push(j);
  return out;
}

/**
 * Adds to counts[k] the occurrences of phrase k (any of its forms) in the stream, on stems, not
 * across punctuation, in capitals where the form's word is (capitalsRequired), not where the
 * stemmer made two words one (notOneWord); and to `byForm`, when given, each form's
 * (explanations name the form found).
 */
function countPhrases(ts: TokenStream, m: PhraseMatcher, counts: Int32Array, byForm: Int32Array | undefined, abstract: TokenStream, verdicts: Int8Array): void {
  const { codes, end } = ts;
  const { filter, byFirst, stems, capitals, words, gaps, breakBefore, markedVersion, phraseOf, letters } = m;
  for (let i = ts.start; i < end; i++) {
    const s = LEXICON.stemOf(wordOf(codes[i]!));
    if (filter[s & FILTER_MASK] === 0) continue;
    const ks = byFirst.get(s);
    if (!ks) continue;
    // Two forms of one phrase may match at one place ("YOLO v8" and its form "YOLOv8", whose
    // version the paper's next word "v8" gives): the phrase occurs there once.
    let countedHere: number[] | null = null;
    outer: for (const k of ks) {
      const p = stems[k]!;
      if (i + p.length > end) continue;
      const caps = capitals[k];
      const typed = words[k]!;
      const breaks = breakBefore[k];
      for (let j = 0; j < p.length; j++) {
        const code = codes[i + j]!;
        if (j > 0 && ((isBreak(code) && breaks?.[j] !== 1) || LEXICON.stemOf(wordOf(code)) !== p[j])) continue outer;
        if (caps && caps[j] === 1 && !isCapital(code)) continue outer;
        if (typed.length === p.length && notOneWord(typed[j]!, wordOf(code))) continue outer;
      }
      const around = gaps[k];
      if (around && !sameGaps(around, ts, i - ts.start, p.length, markedVersion[k] === 1)) continue;
      const phrase = phraseOf[k]!;
      if (countedHere?.includes(phrase)) continue;
      if (letters[k] !== null && definedOtherwise(abstract, m, k, verdicts)) continue;
      (countedHere ??= []).push(phrase);
      counts[phrase]!++;
      if (byForm) byForm[k]!++;
    }
  }
}

/** A word's letters without a plural's "s" ("asrs" → "asr"). */
function singularLetters(word: string): string {
  return word.length > 2 && word.endsWith('s') ? word.slice(0, -1) : word;
}

const NO_VERDICTS = new Int8Array(0);

/**
 * Whether the abstract defines abbreviation k of the matcher (its stem `stems[k][0]`, its
 * `letters`) as something none of its phrase's spellings is about: the first place where the
 * abbreviation follows punctuation (its bracket) and the words before it spell its letters, read
 * as findDefinitions reads a text (longFormStart), with no content stem in common with any
 * spelling. "attack success rate (ASR)": 30 of the 171 papers the keyword "speech recognition"
 * found by its form "ASR" were jailbreak papers measuring attacks; "automated speech recognition
 * (ASR)" shares "speech" with it and counts. Asked only where such a form matched, once per paper
 * (`verdicts`: 0 not asked, 1 no, 2 yes); with no spelling to compare, it is not judged.
 */
function definedOtherwise(abstract: TokenStream, m: PhraseMatcher, k: number, verdicts: Int8Array): boolean {
  if (verdicts[k] === 0) verdicts[k] = readDefinition(abstract, m.stems[k]![0]!, m.letters[k]!, m.spellings[m.phraseOf[k]!]!) ? 2 : 1;
  return verdicts[k] === 2;
}

function readDefinition(abstract: TokenStream, stem: number, letters: string, spellings: readonly Int32Array[]): boolean {
  if (spellings.length === 0) return false;
  const { codes, start, end } = abstract;
  for (let i = start + 1; i < end; i++) {
    if (!isBreak(codes[i]!) || LEXICON.stemOf(wordOf(codes[i]!)) !== stem) continue;
    // The words since the punctuation before them, as many as a long form of it may have.
    let from = i - 1;
    while (from > start && !isBreak(codes[from]!) && i - from < letters.length + 3) from--;
    const words = Array.from(codes.subarray(from, i), (code) => LEXICON.word(wordOf(code)));
    const first = longFormStart(words, letters);
    if (first < 0 || words.length - first < 2) continue;
    const long = new Set<number>();
    for (const code of codes.subarray(from + first, i)) if (!LEXICON.isStop(wordOf(code))) long.add(LEXICON.stemOf(wordOf(code)));
    return !spellings.some((spelling) => spelling.some((s) => long.has(s)));
  }
  return false;
}

/**
 * Whether the paper (`ts`, where the phrase of `length` words was found at `at`) writes the
 * numbers and single letters of the phrase (`want`, pieces as in TokenStream.gaps) where the
 * phrase has them. Before the phrase's first word, the paper's pieces there must end with the
 * phrase's ("a Q-learning agent" for "Q-learning", "3 X-ray scanners" for "X-ray"); after a word,
 * start with them, as a version starts a longer one ("Llama 3.1" and "Qwen2.5-VL" for "Llama 3"
 * and "Qwen 2", not "GPT-40" for "GPT-4"). After the phrase's last word, the digits that begin
 * the paper's next word, after a "v", count as a piece there ("GPT-4o" and "GPT-4V" for "GPT-4",
 * "YOLO v8" for "YOLOv8"; "YOLOv8x" for "YOLOv8", whose version is marked: `markedVersion`).
 */
function sameGaps(want: Int32Array, ts: TokenStream, at: number, length: number, markedVersion: boolean): boolean {
  const have = ts.gaps ?? NO_GAPS;
  for (let g = 0; g < want.length; ) {
    const position = want[g]!;
    let next = g + 2;
    while (next < want.length && want[next] === position) next += 2;
    const count = (next - g) / 2;
    const { from, to } = gapPieces(ts, at + position);
    const written = (to - from) / 2;
    let found: boolean;
    if (position === 0) found = written >= count && samePieces(want, g, have, to - 2 * count, count);
    else if (written >= count) found = samePieces(want, g, have, from, count);
    else
      found =
        position === length &&
        written === count - 1 &&
        samePieces(want, g, have, from, count - 1) &&
        leadingDigitsHash(ts, at + position, markedVersion) === want[next - 1];
    if (!found) return false;
    g = next;
  }
  return true;
}

/** Whether `count` pieces of `a` from index `i` are those of `b` from index `j` (pairs: position, hash). */
function samePieces(a: Int32Array, i: number, b: Int32Array, j: number, count: number): boolean {
  for (let t = 0; t < 2 * count; t += 2) if (a[i + t + 1] !== b[j + t + 1]) return false;
  return true;
}

/**
 * When the word at `position` of `ts` is a version, the wordHash of its digits, else 0: digits
 * after a "v" ("v8" in "YOLO v8"), or before letters ("4o", "4v"; "5vl" of "Qwen2.5VL") but one
 * unit's ("3b", "7m", "4k", "1t": sizes; "3d", "2x": dimensions, factors). After a keyword's
 * marked version (`markedVersion`: "YOLOv8"), one letter is a variant, whichever it is
 * ("YOLOv8m", "YOLOv8x", "YOLO v8x").
 */
function leadingDigitsHash(ts: TokenStream, position: number, markedVersion: boolean): number {
  if (position >= ts.end - ts.start) return 0;
  const word = LEXICON.word(wordOf(ts.codes[ts.start + position]!));
  const start = word[0] === 'v' && isDigit(word.charCodeAt(1)) ? 1 : 0;
  let end = start;
  while (end < word.length && isDigit(word.charCodeAt(end))) end++;
  if (end === start) return 0;
  const oneLetterAfter = end === word.length - 1;
  const version = markedVersion
    ? end === word.length || oneLetterAfter
    : start === 1
      ? end === word.length
      : !(oneLetterAfter && UNIT_LETTERS.includes(word[end]!));
  return version ? wordHash(word, start, end) : 0;
}

/** Letters that make a number a size, dimension or factor, not a version (leadingDigitsHash). */
const UNIT_LETTERS = 'bmktdx';

/** How many times each phrase occurs in a paper's title and in its abstract. */
export function phraseCounts(a: AnalyzedPaper, phrases: readonly CompiledPhrase[], byForm?: Int32Array): { inTitle: Int32Array; inAbstract: Int32Array } {
  const m = matcherOf(phrases);
  const inTitle = new Int32Array(phrases.length);
  const inAbstract = new Int32Array(phrases.length);
  if (phrases.length > 0) {
    // Whether the paper defines each abbreviation otherwise, asked once (definedOtherwise).
    const verdicts = m.anyLetters ? new Int8Array(m.letters.length) : NO_VERDICTS;
    countPhrases(a.title, m, inTitle, byForm, a.abstract, verdicts);
    countPhrases(a.abstract, m, inAbstract, byForm, a.abstract, verdicts);
  }
  return { inTitle, inAbstract };
}

export interface PhraseMatch {
  phrase: string;
  inTitle: number;
  inAbstract: number;
  /** This phrase's share of the topic's interest score. */
  score: number;
  /** The phrase's other forms (CompiledPhrase.forms) the paper writes, when any ("large language models" for "LLM"). */
  as?: string[];
}

/** BM25 term-frequency saturation with length normalization. */
function saturate(tf: number, len: number, avgLen: number): number {
  const norm = avgLen > 0 ? 1 - BM25_B + (BM25_B * len) / avgLen : 1;
  return (tf * (BM25_K1 + 1)) / (tf + BM25_K1 * norm);
}

/** The topic's BM25 score of a paper and the phrases that matched (for explanations). */
export function phraseScore(a: AnalyzedPaper, phrases: readonly CompiledPhrase[], avgLen: number): { score: number; matches: PhraseMatch[] } {
  const m = matcherOf(phrases);
  const byForm = new Int32Array(m.stems.length);
  const { inTitle, inAbstract } = phraseCounts(a, phrases, byForm);
  const matches: PhraseMatch[] = [];
  const score = bm25(a, phrases, inTitle, inAbstract, 0, avgLen, matches);
  for (const match of matches) {
    const as = m.otherText.filter((text, k) => text !== null && byForm[k]! > 0 && phrases[m.phraseOf[k]!]!.text === match.phrase) as string[];
    if (as.length > 0) match.as = as;
  }
  return { score, matches };
}

/** The topic's BM25 score of a paper; matches are appended to `matches` when given. */
export function keywordScore(a: AnalyzedPaper, phrases: readonly CompiledPhrase[], avgLen: number, matches?: PhraseMatch[]): number {
  if (phrases.length === 0) return 0;
  return keywordScoreOf(a, phrases, phraseCounts(a, phrases), avgLen, matches);
}

/** keywordScore from the phrases' counts in the paper, made already (phraseCounts). */
export function keywordScoreOf(a: AnalyzedPaper, phrases: readonly CompiledPhrase[], counts: { inTitle: Int32Array; inAbstract: Int32Array }, avgLen: number, matches?: PhraseMatch[]): number {
  return bm25(a, phrases, counts.inTitle, counts.inAbstract, 0, avgLen, matches);
}

/**
 * The BM25 scores of a paper for several topics at once (one pass over its words for all their
 * phrases): what training needs for every corpus paper.
 */
export function keywordScores(a: AnalyzedPaper, lists: ReadonlyArray<readonly CompiledPhrase[]>, all: readonly CompiledPhrase[], avgLen: number): Float64Array {
  const out = new Float64Array(lists.length);
  if (all.length === 0) return out;
  const { inTitle, inAbstract } = phraseCounts(a, all);
  for (let t = 0, offset = 0; t < lists.length; offset += lists[t]!.length, t++) out[t] = bm25(a, lists[t]!, inTitle, inAbstract, offset, avgLen);
  return out;
}

/** BM25 of `phrases`, whose counts are at `offset` onward in inTitle / inAbstract. */
function bm25(a: AnalyzedPaper, phrases: readonly CompiledPhrase[], inTitle: Int32Array, inAbstract: Int32Array, offset: number, avgLen: number, matches?: PhraseMatch[]): number {
  let score = 0;
  for (let k = 0; k < phrases.length; k++) {
    const t = inTitle[offset + k]!;
    const ab = inAbstract[offset + k]!;
    if (t + ab === 0) continue;
    const p = phrases[k]!;
    const s = p.weight * p.idf * saturate(TITLE_BOOST * t + ab, paperLength(a), avgLen);
    score += s;
    matches?.push({ phrase: p.text, inTitle: t, inAbstract: ab, score: s });
  }
  return score;
}

/** The listed authors of a paper (their keys) that one of `keys` names (keys from authorKeys), by any of their keys. */
export function matchingAuthors(a: AnalyzedPaper, keys: readonly string[]): string[] {
  if (keys.length === 0) return [];
  return a.authors.filter((x, i) => keys.some((k) => sameAuthor(x, k)) || (a.otherAuthorKeys.length > 0 && sameKeys(a.otherAuthorKeys[i]!, keys)));
}

/** Every key of the names (nameKeys), one list: a paper's author matching any of them is theirs. */
export function authorKeys(names: readonly string[] | undefined): string[] {
  return (names ?? []).flatMap(nameKeys);
}
