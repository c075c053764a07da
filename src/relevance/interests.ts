/**
 * What the user typed: topics with keyword phrases, followed and muted authors, muted keywords;
 * and the interest scorer that ranks papers by them before any paper has been starred.
 * Pure, no browser APIs.
 *
 * A keyword phrase is matched as a phrase, on stems, stop words included ("text-to-speech",
 * "point cloud", "AI" all match), never across punctuation. A topic's score is BM25 over its
 * phrases: each phrase counts by its rarity (idf) and, with diminishing returns, by how often it
 * occurs; a match in the title counts as TITLE_BOOST matches in the abstract, since a title names
 * what a paper is about while an abstract also names what it merely uses.
 */
import { BIGRAM_SEP, authorKey, sameAuthor, tokenize, type TokenStream } from './tokenize';
import { paperLength, type AnalyzedPaper, type IdfTable } from './vectorize';

export interface KeywordPhrase {
  phrase: string;
  /** Relative importance, default 1. */
  weight?: number;
}

export interface Topic {
  id: string;
  name: string;
  keywords: ReadonlyArray<string | KeywordPhrase>;
}

export interface Interests {
  topics: readonly Topic[];
  followedAuthors?: readonly string[];
  mutedKeywords?: readonly string[];
  mutedAuthors?: readonly string[];
  /** Kept for the UI (e.g. to pick listing pages); never a scoring feature. */
  preferredCategories?: readonly string[];
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
  /** BM25 idf of the phrase in the current corpus. */
  idf: number;
}

/**
 * Document frequency of a phrase, estimated from term counts: a phrase occurs at most as often as
 * its rarest word or content bigram. (Exact phrase counts would need every paper's text kept.)
 */
export function phraseDf(ts: TokenStream, idf: IdfTable): number {
  const { stems, stop } = ts;
  let df = Infinity;
  for (let i = 0; i < stems.length; i++) {
    df = Math.min(df, idf.df(stems[i]!));
    if (i > 0 && !stop[i] && !stop[i - 1]) df = Math.min(df, idf.df(stems[i - 1]! + BIGRAM_SEP + stems[i]!));
  }
  return Number.isFinite(df) ? df : 0;
}

export function bm25Idf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

export function compilePhrases(list: ReadonlyArray<string | KeywordPhrase>, idf: IdfTable): CompiledPhrase[] {
  const out: CompiledPhrase[] = [];
  for (const k of list) {
    const text = typeof k === 'string' ? k : k.phrase;
    const weight = typeof k === 'string' ? 1 : (k.weight ?? 1);
    const ts = tokenize(text);
    if (ts.stems.length === 0 || !(weight > 0)) continue;
    out.push({ text, stems: ts.stems, weight, idf: bm25Idf(phraseDf(ts, idf), idf.n) });
  }
  return out;
}

/** stem → positions in the stream, built on first use and kept on the stream (see countPhrase). */
function positions(ts: TokenStream): Map<string, number[]> {
  if (!ts.positions) {
    const m = new Map<string, number[]>();
    ts.stems.forEach((s, i) => {
      const list = m.get(s);
      if (list) list.push(i);
      else m.set(s, [i]);
    });
    ts.positions = m;
  }
  return ts.positions;
}

/**
 * How many times the stem sequence occurs in the stream, not across punctuation. Looks only where
 * the phrase's first word is, which makes scoring a listing several times faster than scanning.
 */
export function countPhrase(ts: TokenStream, stems: readonly string[]): number {
  const starts = positions(ts).get(stems[0]!);
  if (!starts) return 0;
  const s = ts.stems;
  let n = 0;
  outer: for (const i of starts) {
    if (i + stems.length > s.length) continue;
    for (let j = 1; j < stems.length; j++) if (s[i + j] !== stems[j] || ts.brk[i + j]) continue outer;
    n++;
  }
  return n;
}

export interface PhraseMatch {
  phrase: string;
  inTitle: number;
  inAbstract: number;
  /** This phrase's share of the topic's interest score. */
  score: number;
}

/** BM25 term-frequency saturation with length normalization. */
function saturate(tf: number, len: number, avgLen: number): number {
  const norm = avgLen > 0 ? 1 - BM25_B + (BM25_B * len) / avgLen : 1;
  return (tf * (BM25_K1 + 1)) / (tf + BM25_K1 * norm);
}

/** The topic's BM25 score of a paper and the phrases that matched (for explanations). */
export function phraseScore(a: AnalyzedPaper, phrases: readonly CompiledPhrase[], avgLen: number): { score: number; matches: PhraseMatch[] } {
  const matches: PhraseMatch[] = [];
  const score = keywordScore(a, phrases, avgLen, matches);
  return { score, matches };
}

/** The topic's BM25 score of a paper; matches are appended to `matches` when given. */
export function keywordScore(a: AnalyzedPaper, phrases: readonly CompiledPhrase[], avgLen: number, matches?: PhraseMatch[]): number {
  let score = 0;
  for (const p of phrases) {
    const inTitle = countPhrase(a.title, p.stems);
    const inAbstract = countPhrase(a.abstract, p.stems);
    if (inTitle + inAbstract === 0) continue;
    const s = p.weight * p.idf * saturate(TITLE_BOOST * inTitle + inAbstract, paperLength(a), avgLen);
    score += s;
    matches?.push({ phrase: p.text, inTitle, inAbstract, score: s });
  }
  return score;
}

/** The listed authors of a paper that one of `keys` names (keys from authorKey). */
export function matchingAuthors(a: AnalyzedPaper, keys: readonly string[]): string[] {
  if (keys.length === 0) return [];
  return a.authors.filter((x) => keys.some((k) => sameAuthor(x, k)));
}

export function authorKeys(names: readonly string[] | undefined): string[] {
  return (names ?? []).map(authorKey).filter((k) => k !== '');
}
