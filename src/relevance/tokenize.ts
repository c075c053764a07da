/**
 * Text → stems. Pure, no browser APIs.
 *
 * One pass turns a title or abstract into a token stream that serves two readers:
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

/** Bumped whenever the stems or terms a text yields change (the df prior must be rebuilt then). */
export const TOKENIZER_VERSION = 1;

const STOP = new Set<string>(STOPWORDS_EN);

/** Separator of the two stems of a bigram term ("languag model" reads well in a debugger). */
export const BIGRAM_SEP = ' ';

export interface TokenStream {
  /** Stem of every word, stop words included. */
  stems: string[];
  /** The word as written (lowercased, accents stripped), for showing terms in plain words. */
  surface: string[];
  /** 1 where the word is a stop word. */
  stop: Uint8Array;
  /** 1 where punctuation that ends a phrase (. , ; : ! ? brackets, quotes) precedes the word. */
  brk: Uint8Array;
  /** stem → its positions; filled on first use by phrase matching (interests.ts). */
  positions?: Map<string, number[]>;
}

// Runs of letters/digits (words), or one phrase-breaking punctuation mark. Hyphens, slashes and
// apostrophes fall between words without breaking the phrase ("text-to-speech" stays a phrase).
const PIECE = /[a-z0-9]+|[.,;:!?()[\]{}"]/g;
const HAS_LETTER = /[a-z]/;

// Cache stems: scientific text repeats its vocabulary and Porter stemming is the costliest step.
const stemCache = new Map<string, string>();
const STEM_CACHE_MAX = 200_000;

function stemOf(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = stemmer(word);
    if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** Lowercases and strips accents (é → e, ü → u), so that spellings with and without them match. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** True for a stop word (a lowercased surface word) of the stopwords-iso English list. */
export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

/**
 * Splits text into words. A word has at least two characters and one letter ("3d", "gpt4" and
 * "llm" are words; "a", "2024" are not): single letters and bare numbers carry no topic.
 */
export function tokenize(text: string): TokenStream {
  const stems: string[] = [];
  const surface: string[] = [];
  const stop: number[] = [];
  const brk: number[] = [];
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
    stems.push(stemOf(w));
    surface.push(w);
    stop.push(STOP.has(w) ? 1 : 0);
    brk.push(pendingBreak ? 1 : 0);
    pendingBreak = false;
  }
  return { stems, surface, stop: Uint8Array.from(stop), brk: Uint8Array.from(brk) };
}

/**
 * Visits the TF-IDF terms of a token stream: content stems, and bigrams of two content stems that
 * follow each other with no punctuation and no stop word between them ("large language model" →
 * "languag", "model", "languag model"). `first`..`last` are the term's word positions (equal for
 * a stem), so a caller can show the words as written. Not spanning stop words keeps bigrams like
 * "result show" out; spanning them changed average precision by < 0.003 in our evaluation.
 */
export function forEachTerm(ts: TokenStream, fn: (term: string, first: number, last: number) => void): void {
  const { stems, stop, brk } = ts;
  let prev = -1;
  for (let i = 0; i < stems.length; i++) {
    if (stop[i]) {
      prev = -1;
      continue;
    }
    fn(stems[i]!, i, i);
    if (prev >= 0 && !brk[i]) fn(stems[prev]! + BIGRAM_SEP + stems[i]!, prev, i);
    prev = i;
  }
}

/** The words a term stands for in a stream, as written ("language models"). */
export function surfaceText(ts: TokenStream, first: number, last: number): string {
  return first === last ? ts.surface[first]! : ts.surface[first]! + ' ' + ts.surface[last]!;
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

/**
 * A key for an author name that survives the usual variations between sites: accents, case,
 * punctuation, hyphens and middle names or initials. "José M. Álvarez-Pérez" → "jose alvarezperez".
 * Namesakes collide: the key is a hint, not an identity.
 */
export function authorKey(name: string): string {
  const words = normalizeText(name)
    .split(/[\s,]+/)
    .map((w) => w.replace(/[^a-z]/g, ''))
    .filter((w) => w.length > 0);
  if (words.length === 0) return '';
  const last = words[words.length - 1]!;
  return words.length === 1 ? last : `${words[0]} ${last}`;
}

/**
 * True when two author keys name the same person, allowing an initial for the first name
 * ("y lecun" matches "yann lecun"), since listings abbreviate first names inconsistently.
 */
export function sameAuthor(a: string, b: string): boolean {
  if (a === b) return a !== '';
  const sa = a.indexOf(' ');
  const sb = b.indexOf(' ');
  if (sa < 0 || sb < 0) return false;
  if (a.slice(sa) !== b.slice(sb)) return false;
  const fa = a.slice(0, sa);
  const fb = b.slice(0, sb);
  return (fa.length === 1 || fb.length === 1) && fa[0] === fb[0];
}
