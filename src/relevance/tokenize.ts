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
 * so there is no hand-made list to maintain.
 */
import { en as STOPWORDS_EN } from 'stopwords-iso';
import { stemmer } from 'stemmer';
import { normalizeText } from './authors';

/** Bumped whenever the stems or terms a text yields change (the df prior must be rebuilt then). */
export const TOKENIZER_VERSION = 1;

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
  private readonly wordIds = new Map<string, number>();
  private readonly wordText: string[] = [];
  /** Per word id: its stem id × 2, + 1 when it is a stop word. */
  private wordInfo = new Int32Array(1 << 12);
  private readonly stemIds = new Map<string, number>();
  private readonly stemText: string[] = [];

  /** The id of a word (lowercased, accents stripped), added when new. */
  wordId(word: string): number {
    let id = this.wordIds.get(word);
    if (id === undefined) {
      id = this.wordText.length;
      const w = detach(word);
      this.wordText.push(w);
      this.wordIds.set(w, id);
      if (id >= this.wordInfo.length) {
        const grown = new Int32Array(this.wordInfo.length * 2);
        grown.set(this.wordInfo);
        this.wordInfo = grown;
      }
      this.wordInfo[id] = this.stemId(stemmer(w)) * 2 + (STOP.has(w) ? 1 : 0);
    }
    return id;
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

  word(wordId: number): string {
    return this.wordText[wordId]!;
  }

  stem(stemId: number): string {
    return this.stemText[stemId]!;
  }

  /** The stem id of a word id. */
  stemOf(wordId: number): number {
    return this.wordInfo[wordId]! >> 1;
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

/** The one lexicon: papers analyzed anywhere (corpus, scorer, tests) can be compared. */
export const LEXICON = new Lexicon();

/**
 * A tokenized text: a range of `codes`, one number per word, the word's lexicon id × 2, + 1 when
 * punctuation that ends a phrase (. , ; : ! ? brackets, quotes) precedes it. A paper's title and
 * abstract are two ranges of one array (one typed array per paper, not two). Positions (`first`,
 * `last` below) are indices into `codes`.
 */
export interface TokenStream {
  readonly codes: Int32Array;
  readonly start: number;
  readonly end: number;
}

/** The word id at position i. */
export const wordAt = (ts: TokenStream, i: number): number => ts.codes[i]! >> 1;
/** The stem id at position i. */
export const stemAt = (ts: TokenStream, i: number): number => LEXICON.stemOf(ts.codes[i]! >> 1);
/** True when phrase-breaking punctuation precedes the word at position i. */
export const breakAt = (ts: TokenStream, i: number): boolean => (ts.codes[i]! & 1) === 1;
/** Number of words, stop words included. */
export const streamLength = (ts: TokenStream): number => ts.end - ts.start;

/** The stream as plain arrays (tests, debugging). */
export function describeStream(ts: TokenStream): { stems: string[]; surface: string[]; stop: number[]; brk: number[] } {
  const out = { stems: [] as string[], surface: [] as string[], stop: [] as number[], brk: [] as number[] };
  for (let i = ts.start; i < ts.end; i++) {
    const w = wordAt(ts, i);
    out.stems.push(LEXICON.stem(LEXICON.stemOf(w)));
    out.surface.push(LEXICON.word(w));
    out.stop.push(LEXICON.isStop(w) ? 1 : 0);
    out.brk.push(breakAt(ts, i) ? 1 : 0);
  }
  return out;
}

// Runs of letters/digits (words), or one phrase-breaking punctuation mark. Hyphens, slashes and
// apostrophes fall between words without breaking the phrase ("text-to-speech" stays a phrase).
const PIECE = /[a-z0-9]+|[.,;:!?()[\]{}"]/g;
const HAS_LETTER = /[a-z]/;


/** True for a stop word (a lowercased surface word) of the stopwords-iso English list. */
export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

/**
 * Splits text into words. A word has at least two characters and one letter ("3d", "gpt4" and
 * "llm" are words; "a", "2024" are not): single letters and bare numbers carry no topic.
 */
export function tokenize(text: string): TokenStream {
  const codes: number[] = [];
  encodeText(text, codes);
  return { codes: Int32Array.from(codes), start: 0, end: codes.length };
}

/** Appends the codes (see TokenStream) of a text's words to `out`. */
export function encodeText(text: string, out: number[]): void {
  let pendingBreak = false;
  const norm = normalizeText(text);
  PIECE.lastIndex = 0;
  for (let m = PIECE.exec(norm); m !== null; m = PIECE.exec(norm)) {
    const w = m[0];
    const c = w.charCodeAt(0);
    const isWordChar = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (!isWordChar) {
      pendingBreak = true;
      continue;
    }
    if (w.length < 2 || !HAS_LETTER.test(w)) {
      // A number or single letter between two words still separates them.
      pendingBreak = true;
      continue;
    }
    out.push(LEXICON.wordId(w) * 2 + (pendingBreak ? 1 : 0));
    pendingBreak = false;
  }
}

/**
 * Visits the TF-IDF terms of a token stream: content stems, and bigrams of two content stems that
 * follow each other with no punctuation and no stop word between them ("large language model" →
 * "languag", "model", "languag model"). `first`..`last` are the term's word positions (equal for
 * a stem), so a caller can show the words as written. Not spanning stop words keeps bigrams like
 * "result show" out; spanning them changed average precision by < 0.003 in our evaluation.
 */
export function forEachTerm(ts: TokenStream, fn: (term: string, first: number, last: number) => void): void {
  const { codes } = ts;
  let prev = -1;
  let prevStem = '';
  for (let i = ts.start; i < ts.end; i++) {
    const code = codes[i]!;
    const w = code >> 1;
    if (LEXICON.isStop(w)) {
      prev = -1;
      continue;
    }
    const stem = LEXICON.stem(LEXICON.stemOf(w));
    fn(stem, i, i);
    if (prev >= 0 && (code & 1) === 0) fn(prevStem + BIGRAM_SEP + stem, prev, i);
    prev = i;
    prevStem = stem;
  }
}

/** The words a term stands for in a stream, as written ("language models"). */
export function surfaceText(ts: TokenStream, first: number, last: number): string {
  const a = LEXICON.word(wordAt(ts, first));
  return first === last ? a : a + ' ' + LEXICON.word(wordAt(ts, last));
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

