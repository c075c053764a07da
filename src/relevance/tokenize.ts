/**
 * Text → stems. Pure, no browser APIs.
 *
 * One pass turns a title or abstract into a token stream (word ids into the Lexicon, compact
 * enough for a corpus of tens of thousands of papers) that serves two readers:
 *  - TF-IDF (vectorize.ts) uses content stems (stop words dropped) and bigrams of adjacent content
 *    stems;
 *  - keyword phrases (interests.ts) are matched on the full stem stream, stop words included,
 *    because a generic stop list drops words a user may well type ("text", "point", "face",
 *    "information", "AI" are all in the stopwords-iso English list).
 * Stop words come from stopwords-iso (English) and stems from the Porter stemmer (`stemmer`),
 * so there is no hand-made list to maintain; British spellings are stemmed as American ones.
 */
import { en as STOPWORDS_EN } from 'stopwords-iso';
import { stemmer } from 'stemmer';
import { foldLetters, foldTexAccents, spellGreek } from '../core/fold';
import { inflectionKey } from './inflection';
import { capitalTerm, stemFamily } from './stem-families';
import { americanSpelling } from './spelling';

/**
 * Bumped whenever the stems or terms a text yields change (the df prior must be rebuilt then, and
 * stored models are retrained; a version that splits a term off another says how in
 * stats-upgrade.ts, which brings stored counts to it). 2: British spellings stemmed as American ones (spelling.ts).
 * 3: letters folded as src/core/fold.ts does (ł, ø, ß; TeX accents), British -re words.
 * 4: a letter with a language's symbols is a word ("C++", "C#"; a single letter was none).
 * 5: a version joined to a name is split from it ("Qwen2.5" as "Qwen 2.5", "YOLOv8" as "YOLO 8");
 *    Greek letters read by name ("β-VAE" as "beta VAE", as TeX's `$\beta$-VAE` reads).
 * 6: TeX's text markup read as its content (`\textbf{R}einforcement` as "Reinforcement").
 * 7: the families of a stem that papers do not use as one are terms of their own (stem-families.ts).
 * 8: so are a stem's words written in capitals where papers use them as another word ("CLIP", "clips").
 * 9: a letter written as a TeX command inside a word is part of it ("S\o ren" is "Soren": fold.ts);
 *    a possessive's "s" is no break ("Alzheimer's disease"); typographic quotes and CJK
 *    punctuation end a phrase (wideKind); -ogue, -dgement, "ae"/"oe" spelled as American English
 *    spells them (spelling.ts).
 */
export const TOKENIZER_VERSION = 9;

const STOP = new Set<string>(STOPWORDS_EN);

/** Separator of the two stems of a bigram term ("languag model" reads well in a debugger). */
export const BIGRAM_SEP = ' ';

/**
 * Every distinct word seen, once: as written, its stem, and whether it is a stop word. Papers
 * store their words as numbers into it (TokenStream): an analyzed paper then takes under 2 KB,
 * authors included, instead of the ~20 KB its arrays of strings and flags took (see corpus.ts).
 * Ids never change, so it only grows; but it grows with the vocabulary (Heaps' law: ~50,000 words
 * for 16,000 arXiv abstracts), not with the number of papers, and a worker restart starts it
 * afresh.
 *
 * It also replaces a stem cache: a word is stemmed (Porter stemming is the costliest step of
 * tokenizing) once, when first seen.
 */
export class Lexicon {
  /**
   * Words by open addressing on their characters: per slot a word id + 1 (0: empty). A word is
   * looked up in the text it occurs in (wordIdIn), so a known word makes no string: with a Map
   * keyed by each word's slice, hashing the fresh strings took over half of analyzing a paper.
   */
  private slots: Int32Array;
  /** Per word id: the hash of its characters (wordHash), to grow the table and to probe quickly. */
  private hashes = new Int32Array(1 << 12);
  private readonly wordText: string[] = [];
  /** Per word id: its stem id × 2, + 1 when it is a stop word. */
  private wordInfo = new Int32Array(1 << 12);
  /** Per word id: the id of its class, an inflectionKey (see classOf). */
  private classInfo = new Int32Array(1 << 12);
  /** Per word id: the stem id TF-IDF reads it as (see termStemOf) × 2, + 1 when its family is known (familyOf). */
  private termStems = new Int32Array(1 << 12);
  /** Per word id: the stem id TF-IDF reads it as when written in capitals (see capitalTermStemOf). */
  private capitalTermStems = new Int32Array(1 << 12);
  /** Per word id written in capitals somewhere: how it is written so ("GNNs", "MoE"; see noteCapitals). */
  private readonly capitalSpelling = new Map<number, string>();
  /** The word ids whose capitalSpelling has small letters too (it is kept). */
  private readonly spelledMixed = new Set<number>();
  private readonly classIds = new Map<string, number>();
  private readonly stemIds = new Map<string, number>();
  private readonly stemText: string[] = [];

  /** `slots`: the word table's first size, a power of 2 (tests start small, to grow it often). */
  constructor(slots = 1 << 14) {
    this.slots = new Int32Array(slots);
  }

  /** The id of a word (accents stripped; case does not matter), added when new. */
  wordId(word: string): number {
    return this.wordIdIn(word, 0, word.length, wordHash(word, 0, word.length));
  }

  /** The id of a word, or −1 when no text has had it. */
  findWord(word: string): number {
    const slot = this.slotOf(word, 0, word.length, wordHash(word, 0, word.length));
    return this.slots[slot]! - 1;
  }

  /** The slot of a word: where it is, or the empty one where it would go. */
  private slotOf(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let known = this.slots[slot]!; known !== 0; known = this.slots[slot]!) {
      if (this.hashes[known - 1] === hash && sameWord(this.wordText[known - 1]!, text, start, end)) break;
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /** The id of the word `text.slice(start, end)`, whose wordHash is `hash`, added when new. */
  wordIdIn(text: string, start: number, end: number, hash: number): number {
    const slot = this.slotOf(text, start, end, hash);
    if (this.slots[slot] !== 0) return this.slots[slot]! - 1;
    const id = this.wordText.length;
    const w = detach(text.slice(start, end).toLowerCase());
    this.wordText.push(w);
    if (id >= this.wordInfo.length) {
      this.wordInfo = grown(this.wordInfo, id + 1);
      this.classInfo = grown(this.classInfo, id + 1);
      this.termStems = grown(this.termStems, id + 1);
      this.capitalTermStems = grown(this.capitalTermStems, id + 1);
      this.hashes = grown(this.hashes, id + 1);
    }
    const american = americanSpelling(w);
    const stemText = stemmer(american);
    const stem = this.stemId(stemText);
    this.wordInfo[id] = stem * 2 + (STOP.has(w) ? 1 : 0);
    const family = stemFamily(stemText, inflectionKey(american));
    this.termStems[id] = (family.ownTerm === null ? stem : this.stemId(family.ownTerm)) * 2 + (family.placed ? 1 : 0);
    const capitals = capitalTerm(stemText);
    this.capitalTermStems[id] = capitals === null ? this.termStems[id]! >> 1 : this.stemId(capitals);
    const key = family.classKey;
    let cls = this.classIds.get(key);
    if (cls === undefined) this.classIds.set(detach(key), (cls = this.classIds.size));
    this.classInfo[id] = cls;
    this.hashes[id] = hash;
    this.slots[slot] = id + 1;
    if ((id + 1) * 4 > this.slots.length * 3) this.growSlots();
    return id;
  }

  /** Doubles the word table, keeping it at most 3/4 full (short probes). */
  private growSlots(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.wordText.length; id++) {
      let slot = this.hashes[id]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }

  /** The id of a stem, added when new. */
  stemId(stem: string): number {
    let id = this.stemIds.get(stem);
    if (id === undefined) {
      id = this.stemText.length;
      const s = detach(stem);
      this.stemText.push(s);
      this.stemIds.set(s, id);
    }
    return id;
  }

  /** The id of a stem, or −1 when no word has had it. */
  findStem(stem: string): number {
    return this.stemIds.get(stem) ?? -1;
  }

  word(wordId: number): string {
    return this.wordText[wordId]!;
  }

  /**
   * Keeps how a word written in capitals (see isCapital) is spelled: the lexicon folds case, and a
   * model's terms are named to the user ("GNNs", not "gnns": Insights). The first spelling with
   * small letters too, else the first: a title all in capitals ("SPARSE MOE LAYERS FOR GNNS")
   * read first named the terms "MOE" and "GNNS" though every paper starred writes "MoE", "GNNs".
   */
  noteCapitals(wordId: number, text: string, start: number, end: number): void {
    if (this.spelledMixed.has(wordId)) return;
    let small = false;
    for (let k = start; k < end && !small; k++) small = text.charCodeAt(k) >= 97 && text.charCodeAt(k) <= 122;
    if (small) this.spelledMixed.add(wordId);
    else if (this.capitalSpelling.has(wordId)) return;
    this.capitalSpelling.set(wordId, detach(text.slice(start, end)));
  }

  /** How a word is written in capitals (its spelling noteCapitals kept), else as the lexicon has it. */
  wordInCapitals(wordId: number): string {
    return this.capitalSpelling.get(wordId) ?? this.wordText[wordId]!;
  }

  stem(stemId: number): string {
    return this.stemText[stemId]!;
  }

  /** The stem id of a word id. */
  stemOf(wordId: number): number {
    return this.wordInfo[wordId]! >> 1;
  }

  /**
   * The stem id of the term TF-IDF reads a word as: its stem, or its family's own term where papers
   * do not use the stem's words as one ("critical" → "critic", "critic" → "critic~critic"). Keyword
   * phrases match on stemOf (and classOf).
   */
  termStemOf(wordId: number): number {
    return this.termStems[wordId]! >> 1;
  }

  /**
   * The stem id of the term TF-IDF reads a word as when it is written in capitals: a term of its
   * own where papers use the capitals as another word ("CLIP", not "clips": stem-families.ts),
   * else termStemOf. See termStemOfCode.
   */
  capitalTermStemOf(wordId: number): number {
    return this.capitalTermStems[wordId]!;
  }

  /**
   * A word's family among its stem's (its termStemOf), or −1 when the table places it in none:
   * two words of one stem whose families are known and differ are not one word to a keyword.
   */
  familyOf(wordId: number): number {
    const info = this.termStems[wordId]!;
    return (info & 1) === 1 ? info >> 1 : -1;
  }

  /**
   * The id of a word's class: among the words of one stem, those that differ only by an
   * inflection ("experiment", "experiments"; not "experience"), a class too rare for the shipped
   * table joined with the named one that begins it ("critically" with "critical":
   * stem-families.ts). Only words of one stem are ever compared on it (words of two stems may
   * share one). See word-families.ts.
   */
  classOf(wordId: number): number {
    return this.classInfo[wordId]!;
  }

  isStop(wordId: number): boolean {
    return (this.wordInfo[wordId]! & 1) === 1;
  }

  /** Number of stems so far (stem ids are 0 … stemCount − 1). */
  get stemCount(): number {
    return this.stemText.length;
  }

  /** Number of words so far. */
  get wordCount(): number {
    return this.wordText.length;
  }
}

/**
 * A fresh copy of a string. V8 makes a substring of 13 or more characters (a regexp match, a
 * slice) a view of the whole string it was cut from: kept in the lexicon, "classification" would
 * keep the whole abstract it first appeared in alive.
 */
function detach(s: string): string {
  return s.length < 13 ? s : s.split('').join('');
}

/** FNV-1a over the characters of `text.slice(start, end)`, in lower case (ASCII). */
export function wordHash(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let k = start; k < end; k++) h = hashStep(h, lower(text.charCodeAt(k)));
  return h;
}
const FNV_OFFSET = 0x811c9dc5;
const hashStep = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);
/** An ASCII capital's small letter; any other character code as it is. */
const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/** True when `word` (lower case) is `text.slice(start, end)`, whatever the latter's case. */
function sameWord(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let k = 0; k < word.length; k++) {
    const w = word.charCodeAt(k);
    const c = text.charCodeAt(start + k);
    if (c !== w && (c < 65 || c > 90 || c + 32 !== w)) return false;
  }
  return true;
}

/** The one lexicon: papers analyzed anywhere (corpus, scorer, tests) can be compared. */
export const LEXICON = new Lexicon();

/**
 * A tokenized text: a range of `codes`, one number per word: the word's lexicon id × 4, + 2 when
 * it is written in capitals (see isCapital), + 1 when punctuation that ends a phrase
 * (. , ; : ! ? brackets, quotes) precedes it. A paper's title and abstract are two ranges of one
 * array (one typed array per paper, not two). Positions (`first`, `last` below) are indices into
 * `codes`.
 */
export interface TokenStream {
  readonly codes: Int32Array;
  readonly start: number;
  readonly end: number;
  /**
   * The numbers and single letters the words leave out ("type 2 diabetes", "Q-learning",
   * "GPT-4", "Llama 3.1"), which only keyword phrases look at: per such piece, in text order, a
   * pair of a position (relative to `start`: the word it precedes; `end - start` after the last
   * word) and the piece's wordHash ("3.1" is two pieces, "3" and "1"). Kept piece by piece so
   * that a keyword's version can be the start of a paper's ("Llama 3" finds "Llama 3.1"; see
   * interests.ts). Absent or empty when there are none.
   */
  readonly gaps?: Int32Array;
}

/** No gaps (shared). */
export const NO_GAPS = new Int32Array(0);

/**
 * Where the pieces just before word `position` of `ts` are in `ts.gaps`: from index `from` (of
 * the pair's position) up to `to`, two per piece; from === to when there are none.
 */
export function gapPieces(ts: TokenStream, position: number): { from: number; to: number } {
  const gaps = ts.gaps ?? NO_GAPS;
  let from = 0;
  while (from < gaps.length && gaps[from]! < position) from += 2;
  let to = from;
  while (to < gaps.length && gaps[to] === position) to += 2;
  return { from, to };
}

/** The word id of a code. */
export const wordOf = (code: number): number => code >> 2;
/** True when phrase-breaking punctuation precedes a code's word. */
export const isBreak = (code: number): boolean => (code & 1) === 1;
/**
 * True when a code's word is written in capitals: with a capital after its first letter ("RL",
 * "LLMs", "MoE", "ChatGPT"), as abbreviations and names are, and as "are", "it", "us" or "clip"
 * are not. A keyword typed so matches only words written so (interests.ts).
 */
export const isCapital = (code: number): boolean => (code & 2) === 2;
/** The word id at position i. */
export const wordAt = (ts: TokenStream, i: number): number => wordOf(ts.codes[i]!);
/** The stem id at position i. */
export const stemAt = (ts: TokenStream, i: number): number => LEXICON.stemOf(wordOf(ts.codes[i]!));

/** The stem id of the term TF-IDF reads a word as where it is written as `code` says (in capitals or not). */
export const termStemOfCode = (code: number): number => (isCapital(code) ? LEXICON.capitalTermStemOf(wordOf(code)) : LEXICON.termStemOf(wordOf(code)));
/** True when phrase-breaking punctuation precedes the word at position i. */
export const breakAt = (ts: TokenStream, i: number): boolean => isBreak(ts.codes[i]!);
/** Number of words, stop words included. */
export const streamLength = (ts: TokenStream): number => ts.end - ts.start;

/** The stream as plain arrays (tests, debugging). */
export function describeStream(ts: TokenStream): { stems: string[]; surface: string[]; stop: number[]; brk: number[]; capital: number[] } {
  const out = { stems: [] as string[], surface: [] as string[], stop: [] as number[], brk: [] as number[], capital: [] as number[] };
  for (let i = ts.start; i < ts.end; i++) {
    const w = wordAt(ts, i);
    out.stems.push(LEXICON.stem(LEXICON.stemOf(w)));
    out.surface.push(LEXICON.word(w));
    out.stop.push(LEXICON.isStop(w) ? 1 : 0);
    out.brk.push(breakAt(ts, i) ? 1 : 0);
    out.capital.push(isCapital(ts.codes[i]!) ? 1 : 0);
  }
  return out;
}

/**
 * Per character code below 128: 1 for a letter or digit (a-z, A-Z, 0-9: what words are made of,
 * once accents are stripped), 2 for punctuation that ends a phrase (. , ; : ! ? brackets, quotes;
 * beyond ASCII, wideKind). Anything else (spaces, hyphens, slashes, apostrophes, other scripts)
 * falls between words without breaking the phrase ("text-to-speech" stays a phrase).
 */
const CHAR_KIND = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CHAR_KIND[c] = 1;
for (let c = 97; c <= 122; c++) CHAR_KIND[c] = 1;
for (let c = 65; c <= 90; c++) CHAR_KIND[c] = 1;
for (const c of '.,;:!?()[]{}"') CHAR_KIND[c.charCodeAt(0)] = 2;
/** Punctuation beyond ASCII that ends a phrase, as its ASCII kin do: typographic quotes, CJK punctuation. */
const WIDE_BREAKS = new Set([0x201c, 0x201d, 0x2018, 0x00ab, 0x00bb, 0x3002, 0xff0c, 0xff1b, 0xff1a, 0x3001, 0xff01, 0xff1f]);
const RIGHT_QUOTE = 0x2019;

/** CHAR_KIND of a character beyond ASCII: 2 for WIDE_BREAKS and a closing ’ (not an apostrophe, which a letter follows), else 0. */
function wideKind(text: string, i: number, c: number): number {
  if (WIDE_BREAKS.has(c)) return 2;
  return c === RIGHT_QUOTE && !isWordCode(text.charCodeAt(i + 1)) ? 2 : 0;
}

function isWordCode(c: number): boolean {
  return c < 128 && CHAR_KIND[c] === 1;
}

/** Whether text[i, j) is the "s" of a possessive: after a word and an apostrophe (' or ’), before no more of a word. */
function isPossessive(text: string, i: number, j: number): boolean {
  const apostrophe = text.charCodeAt(i - 1);
  return (apostrophe === 39 || apostrophe === RIGHT_QUOTE) && isWordCode(text.charCodeAt(i - 2)) && !isWordCode(text.charCodeAt(j));
}

/** "+" and "#", of "C++" and "C#". */
const PLUS = 43;
const HASH = 35;

/** True for a stop word (a lowercased surface word) of the stopwords-iso English list. */
export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

/**
 * Splits text into words. A word has at least two characters and one letter ("3d", "llm" and
 * "4o" are words; "a", "2024" are not): single letters and bare numbers carry no topic. A
 * letter with a programming language's symbols is a word too ("C++", "C#", "F#", "Q#"). A
 * version joined to a name is read as if apart (see joinedVersion): "Qwen2.5" as "Qwen 2.5",
 * "GPT4o" as "GPT 4o", "YOLOv8" as "YOLO 8".
 */
export function tokenize(text: string): TokenStream {
  const codes: number[] = [];
  const gaps: number[] = [];
  encodeText(text, codes, gaps);
  return { codes: Int32Array.from(codes), start: 0, end: codes.length, gaps: gaps.length > 0 ? Int32Array.from(gaps) : NO_GAPS };
}

/** The words of a text as tokenize finds them, as written (case kept, accents stripped). */
export function writtenWords(text: string): string[] {
  return writtenWordsIn(text).words.map((w) => w.word);
}

/** A word as writtenWordsIn finds it: as written, and where it is, [from, to). */
export interface WrittenWord {
  word: string;
  from: number;
  to: number;
}

/**
 * The words of a text as tokenize finds them (writtenWords), each with where it is in `text`:
 * the text itself, or with its TeX accents read when it has any (`Schr\"odinger`). A word of
 * letters folded or spelled by name is where those letters are ("naïve", "β" for "beta"), so a
 * caller can rewrite some words and keep the rest of the text as written.
 */
export function writtenWordsIn(given: string): { text: string; words: WrittenWord[] } {
  const text = readTex(given);
  let read = spellGreek(foldLetters(text));
  // Where each character of what is read comes from in `text`, and where that character ends
  // there: folded a character at a time, as folding folds each.
  let from: number[] | null = null;
  let to: number[] | null = null;
  if (read !== text) {
    read = '';
    from = [];
    to = [];
    for (let i = 0; i < text.length; ) {
      const c = String.fromCodePoint(text.codePointAt(i)!);
      const folded = spellGreek(foldLetters(c));
      read += folded;
      for (let k = 0; k < folded.length; k++) {
        from.push(i);
        to.push(i + c.length);
      }
      i += c.length;
      // A character that folds to nothing (an accent written apart, "e\u0301") goes with the one before.
      if (folded === '' && to.length > 0) to[to.length - 1] = i;
    }
  }
  const words: WrittenWord[] = [];
  for (const { 0: run, index } of read.matchAll(/(?<![A-Za-z0-9])[A-Za-z](?:\+\+|#)|[A-Za-z0-9]+/g)) {
    const nameEnd = joinedVersion(run, 0, run.length);
    const pieces: Array<[start: number, end: number]> = nameEnd < 0 ? [[0, run.length]] : [[0, nameEnd], [versionStart(run, nameEnd), run.length]];
    for (const [start, end] of pieces) {
      const word = run.slice(start, end);
      if (word.length < 2 || !/[A-Za-z]/.test(word)) continue;
      const first = index + start;
      const last = index + end - 1;
      words.push({ word, from: from ? from[first]! : first, to: to ? to[last]! : last + 1 });
    }
  }
  return { text, words };
}

/**
 * TeX text markup: \textbf{…}, \emph{…}, \textit{…} and their kin, and the older {\em …},
 * {\bf …}. Its content reads with nothing put between it and the text around it: arXiv
 * abstracts set in bold the letters an acronym takes ("\textbf{R}einforcement \textbf{L}earning
 * (RL)") or stress a word of a phrase ("\emph{equivariant} graph neural networks"); read as a
 * word and braces, which end a phrase, they made "einforcement" a word and broke the phrase.
 * Nested markup is read from the inside out; content with other braces stays as it is.
 */
const TEX_MARKUP = /\\(?:emph|underline|text(?:bf|it|tt|sc|sl|sf|rm|up|md|normal))\s*\{([^{}]*)\}|\{\\(?:em|bf|it|tt|sc|sl|sf|rm)(?![A-Za-z])\s*([^{}]*)\}/g;

/** A text with TeX's accented letters (src/core/fold.ts) and its text markup (TEX_MARKUP) read. */
function readTex(text: string): string {
  if (!text.includes('\\')) return text;
  let read = foldTexAccents(text);
  for (let before = ''; read !== before; ) {
    before = read;
    read = read.replace(TEX_MARKUP, (_, command?: string, declaration?: string) => command ?? declaration ?? '');
  }
  return read;
}

/** Whether a character code is an ASCII digit. */
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isSmallLetter = (c: number): boolean => c >= 97 && c <= 122;

/**
 * Where the name ends when a run of letters and digits (`text.slice(start, end)`) is a name
 * with its version joined to it, else −1. Papers write model names both ways ("Qwen2.5" and
 * "Qwen 2.5", "LLaMA3" and "Llama 3", "ResNet50" and "ResNet-50", "GPT4o" and "GPT-4o"), and a
 * keyword should find both: so the name is the word and the version what follows it. A version
 * is the run's last digits, perhaps with one small letter after them ("4o", "2b"); the name is
 * at least two characters, begins and ends with a letter ("x86", "H100", "L2" and "256x256" stay
 * words). A "v" just before the digits is a version mark when its case differs from the letter
 * before it ("YOLOv8", "MobileNetV2", "IPv6"; not "conv1"), and is dropped: the name ends before it.
 */
export function joinedVersion(text: string, start: number, end: number): number {
  let digitsEnd = end;
  if (end - start >= 3 && isSmallLetter(text.charCodeAt(end - 1)) && isDigit(text.charCodeAt(end - 2))) digitsEnd--;
  let nameEnd = digitsEnd;
  while (nameEnd > start && isDigit(text.charCodeAt(nameEnd - 1))) nameEnd--;
  if (nameEnd === digitsEnd || nameEnd - start < 2 || !isLetter(text.charCodeAt(start)) || !isLetter(text.charCodeAt(nameEnd - 1))) return -1;
  const mark = text.charCodeAt(nameEnd - 1);
  const before = text.charCodeAt(nameEnd - 2);
  if ((mark === 118 || mark === 86) && nameEnd - 1 - start >= 2 && isLetter(before) && isSmallLetter(mark) !== isSmallLetter(before)) nameEnd--;
  return nameEnd;
}

/** Where the version starts, after a name that ends at `nameEnd` (past a dropped "v"). */
const versionStart = (text: string, nameEnd: number): number => (isDigit(text.charCodeAt(nameEnd)) ? nameEnd : nameEnd + 1);

/**
 * Appends the codes (see TokenStream) of a text's words to `out`. A plain scan of character
 * codes: a regular expression's matches took ≈ 40 % longer (each match an object and a string).
 */
export function encodeText(text: string, out: number[], gaps?: number[]): void {
  const base = out.length;
  let pendingBreak = false;
  // Case is kept for isCapital: the lexicon folds it (wordHash, sameWord).
  const norm = spellGreek(foldLetters(readTex(text)));
  const length = norm.length;
  let i = 0;
  while (i < length) {
    const c = norm.charCodeAt(i);
    const kind = c < 128 ? CHAR_KIND[c]! : wideKind(norm, i, c);
    if (kind !== 1) {
      if (kind === 2) pendingBreak = true;
      i++;
      continue;
    }
    let hasLetter = c >= 65;
    let capital = false;
    let hash = hashStep(FNV_OFFSET, lower(c)); // the lexicon's key, made as the word is scanned
    let j = i + 1;
    for (; j < length; j++) {
      let d = norm.charCodeAt(j);
      if (d >= 128 || CHAR_KIND[d] !== 1) break;
      if (d >= 65) {
        hasLetter = true;
        if (d <= 90) {
          capital = true;
          d += 32;
        }
      }
      hash = hashStep(hash, d);
    }
    if (j === i + 1 && hasLetter) {
      // A letter with a language's symbols is a word: "C++", "C#", "F#", "Q#".
      const symbols = norm.charCodeAt(j) === PLUS ? (norm.charCodeAt(j + 1) === PLUS ? 2 : 0) : norm.charCodeAt(j) === HASH ? 1 : 0;
      for (const end = j + symbols; j < end; j++) hash = hashStep(hash, norm.charCodeAt(j));
    }
    if (j === i + 1 && (c === 115 || c === 83) && isPossessive(norm, i, j)) {
      // The "s" of a possessive is no word and no gap: "Alzheimer's disease" reads as "Alzheimer disease".
      i = j;
      continue;
    }
    if (j - i < 2 || !hasLetter) {
      // A number or single letter between two words still separates them.
      pendingBreak = true;
      gaps?.push(out.length - base, hash);
      i = j;
      continue;
    }
    const nameEnd = joinedVersion(norm, i, j);
    if (nameEnd < 0) {
      const id = LEXICON.wordIdIn(norm, i, j, hash);
      if (capital) LEXICON.noteCapitals(id, norm, i, j);
      out.push(id * 4 + (capital ? 2 : 0) + (pendingBreak ? 1 : 0));
      pendingBreak = false;
    } else {
      // A name and its version ("Qwen2", "GPT4o"): the name, then the version as if written apart.
      const id = LEXICON.wordIdIn(norm, i, nameEnd, wordHash(norm, i, nameEnd));
      const nameCapital = hasCapitalAfterFirst(norm, i, nameEnd);
      if (nameCapital) LEXICON.noteCapitals(id, norm, i, nameEnd);
      out.push(id * 4 + (nameCapital ? 2 : 0) + (pendingBreak ? 1 : 0));
      const from = versionStart(norm, nameEnd);
      const versionHash = wordHash(norm, from, j);
      pendingBreak = isDigit(norm.charCodeAt(j - 1)); // a number ("2") separates, as "Qwen 2" does; "4o" is a word
      if (pendingBreak) gaps?.push(out.length - base, versionHash);
      else out.push(LEXICON.wordIdIn(norm, from, j, versionHash) * 4);
    }
    i = j;
  }
}

/** Whether `text.slice(start, end)` has a capital after its first character (see isCapital). */
export function hasCapitalAfterFirst(text: string, start: number, end: number): boolean {
  for (let k = start + 1; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/**
 * Every TF-IDF term seen (see forEachTerm), once, with a number: document frequencies, idf and
 * feature indices are then arrays indexed by term id, not maps keyed by strings. With strings,
 * vectorizing a paper looked up each of its ~140 terms in three maps of up to hundreds of
 * thousands of keys (document frequencies, the df prior, the vocabulary), and made a new string
 * for each bigram: 10,000 papers took ≈ 1.2 s, most of the first ask of *More like this*.
 *
 * A term is its stem ids: one for a stem, two for a bigram. A stem's term is found by its stem
 * id, a bigram's in an open-addressing table on its two, so numbering a paper's terms makes and
 * hashes no string. A term's text is made when asked for (explanations, storage); a term given
 * as text (a keyword phrase's, a stored model's) is split into its stems. So the table keeps no
 * string of its own: 8 bytes per term, and 4 per slot of the bigram table. Like the lexicon, it
 * only grows, with the vocabulary.
 */
export class TermTable {
  /** Per term id: its stem id (a bigram's first). */
  private firstStems = new Int32Array(1 << 12);
  /** Per term id: a bigram's second stem id; −1 for a stem alone. */
  private secondStems = new Int32Array(1 << 12);
  private count = 0;
  /** Per stem id: the term id of the stem alone + 1 (0: not numbered yet). */
  private stemTerms = new Int32Array(1 << 12);
  /** Bigrams, by open addressing on their two stem ids: per slot a term id + 1 (0: empty). */
  private pairSlots: Int32Array;
  private pairs = 0;

  /** `pairSlots`: the bigram table's first size, a power of 2 (tests start small, to grow it often). */
  constructor(pairSlots = 1 << 14) {
    this.pairSlots = new Int32Array(pairSlots);
  }

  /** Number of terms so far (term ids are 0 … size − 1). */
  get size(): number {
    return this.count;
  }

  /** A term's text: its stem, or its two stems joined by BIGRAM_SEP ("languag model"). */
  text(termId: number): string {
    const first = LEXICON.stem(this.firstStems[termId]!);
    const second = this.secondStems[termId]!;
    return second < 0 ? first : first + BIGRAM_SEP + LEXICON.stem(second);
  }

  /** Makes room for `n` more terms at once (restoring stored counts), instead of growing as they come. */
  reserve(n: number): void {
    this.roomForTerms(n);
    this.roomForPairs(n);
  }

  /** A term's stem id (a bigram's first). */
  firstStem(termId: number): number {
    return this.firstStems[termId]!;
  }

  /** A bigram's second stem id; −1 for a stem alone. */
  secondStem(termId: number): number {
    return this.secondStems[termId]!;
  }

  /** The id of a term given as text, added when new. */
  intern(text: string): number {
    const sep = text.indexOf(BIGRAM_SEP);
    if (sep < 0) return this.stemTerm(LEXICON.stemId(text));
    return this.pairTerm(LEXICON.stemId(text.slice(0, sep)), LEXICON.stemId(text.slice(sep + 1)));
  }

  /** The id of a term given as text, or −1 when no paper or phrase has had it. */
  find(text: string): number {
    const sep = text.indexOf(BIGRAM_SEP);
    const first = LEXICON.findStem(sep < 0 ? text : text.slice(0, sep));
    if (first < 0) return -1;
    if (sep < 0) return first < this.stemTerms.length ? this.stemTerms[first]! - 1 : -1;
    const second = LEXICON.findStem(text.slice(sep + 1));
    return second < 0 ? -1 : this.pairSlots[this.pairSlot(first, second)]! - 1;
  }

  /** The term of a single stem. */
  stemTerm(stemId: number): number {
    if (stemId >= this.stemTerms.length) this.stemTerms = grown(this.stemTerms, stemId + 1);
    const known = this.stemTerms[stemId]!;
    if (known > 0) return known - 1;
    const id = this.add(stemId, -1);
    this.stemTerms[stemId] = id + 1;
    return id;
  }

  /** The term of two stems in a row. */
  pairTerm(first: number, second: number): number {
    let slot = this.pairSlot(first, second);
    const known = this.pairSlots[slot]!;
    if (known > 0) return known - 1;
    const id = this.add(first, second);
    if (this.roomForPairs(1)) slot = this.pairSlot(first, second);
    this.pairSlots[slot] = id + 1;
    this.pairs++;
    return id;
  }

  /** The slot of a bigram: where it is, or the empty one where it would go. */
  private pairSlot(first: number, second: number): number {
    const mask = this.pairSlots.length - 1;
    let slot = (Math.imul(first, 0x9e3779b1) ^ Math.imul(second + 1, 0x85ebca77)) & mask;
    for (let id = this.pairSlots[slot]!; id !== 0; id = this.pairSlots[slot]!) {
      if (this.firstStems[id - 1] === first && this.secondStems[id - 1] === second) break;
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private add(first: number, second: number): number {
    this.roomForTerms(1);
    this.firstStems[this.count] = first;
    this.secondStems[this.count] = second;
    return this.count++;
  }

  private roomForTerms(n: number): void {
    if (this.count + n <= this.firstStems.length) return;
    this.firstStems = grown(this.firstStems, this.count + n);
    this.secondStems = grown(this.secondStems, this.count + n);
  }

  /**
   * Grows the bigram table, when needed, so that `n` more bigrams keep it at most 3/4 full (short
   * probes; a 16,000-paper corpus's 0.4 million terms in 2 MB). True when it grew (slots moved).
   */
  private roomForPairs(n: number): boolean {
    let slots = this.pairSlots.length;
    while ((this.pairs + n) * 4 > slots * 3) slots *= 2;
    if (slots === this.pairSlots.length) return false;
    this.pairSlots = new Int32Array(slots);
    for (let id = 0; id < this.count; id++) {
      if (this.secondStems[id]! >= 0) this.pairSlots[this.pairSlot(this.firstStems[id]!, this.secondStems[id]!)] = id + 1;
    }
    return true;
  }
}

/** A copy of `a` at least `min` long (doubling), the rest zero. */
export function grown(a: Int32Array, min: number): Int32Array<ArrayBuffer> {
  let size = Math.max(1, a.length);
  while (size < min) size *= 2;
  const out = new Int32Array(size);
  out.set(a);
  return out;
}

/** The one term table (see LEXICON). */
export const TERMS = new TermTable();

/**
 * Visits the TF-IDF terms of a token stream: content stems, and bigrams of two content stems that
 * follow each other with no punctuation and no stop word between them ("large language model" →
 * "languag", "model", "languag model"). `first`..`last` are the term's word positions (equal for
 * a stem), so a caller can show the words as written. Not spanning stop words keeps bigrams like
 * "result show" out; spanning them changed average precision by < 0.003 in our evaluation.
 */
export function forEachTermId(ts: TokenStream, fn: (termId: number, first: number, last: number) => void): void {
  const { codes } = ts;
  let prev = -1;
  let prevStem = 0;
  for (let i = ts.start; i < ts.end; i++) {
    const code = codes[i]!;
    const w = wordOf(code);
    if (LEXICON.isStop(w)) {
      prev = -1;
      continue;
    }
    const stem = termStemOfCode(code);
    fn(TERMS.stemTerm(stem), i, i);
    if (prev >= 0 && !isBreak(code)) fn(TERMS.pairTerm(prevStem, stem), prev, i);
    prev = i;
    prevStem = stem;
  }
}

/** forEachTerm with each term as text ("languag model"). */
export function forEachTerm(ts: TokenStream, fn: (term: string, first: number, last: number) => void): void {
  forEachTermId(ts, (id, first, last) => fn(TERMS.text(id), first, last));
}

/** The words a term stands for in a stream, as written ("language models"; a capitals' own term as it is named, "CLIP"). */
export function surfaceText(ts: TokenStream, first: number, last: number): string {
  const a = surfaceWord(ts.codes[first]!);
  return first === last ? a : a + ' ' + surfaceWord(ts.codes[last]!);
}

/** A word as written in capitals where it is (see noteCapitals), else as the lexicon has it (in small letters). */
function surfaceWord(code: number): string {
  const w = wordOf(code);
  return isCapital(code) ? LEXICON.wordInCapitals(w) : LEXICON.word(w);
}

/** The name of the term of its own a word has when written in capitals ("CLIP"), or null. */
function capitalsName(wordId: number): string | null {
  const term = LEXICON.capitalTermStemOf(wordId);
  return term !== LEXICON.termStemOf(wordId) ? LEXICON.stem(term) : null;
}

/**
 * The terms of their own that a text's words written in small letters have when written in
 * capitals, as named ("clip guidance" → ["CLIP"]; none for "CLIP", "llm"). A word typed in small
 * letters matches either way as a keyword (interests.ts), so what reads a typed text as terms
 * reads these too (alsoWritten).
 */
export function capitalsOfSmallWords(text: string): string[] {
  const names = new Set<string>();
  for (const word of writtenWords(text)) {
    if (hasCapitalAfterFirst(word, 0, word.length)) continue;
    const name = capitalsName(LEXICON.wordId(word));
    if (name !== null) names.add(name);
  }
  return [...names];
}

/** Term counts of a token stream (see forEachTerm), added to `into`, each occurrence counting `weight`. */
export function countTerms(ts: TokenStream, into: Map<string, number> = new Map(), weight = 1): Map<string, number> {
  forEachTerm(ts, (t) => into.set(t, (into.get(t) ?? 0) + weight));
  return into;
}

/** Convenience: the term counts of a plain text. */
export function termsOf(text: string): Map<string, number> {
  return countTerms(tokenize(text));
}

