/**
 * Papers → sparse TF-IDF vectors. Pure, no browser APIs.
 *
 *  - analyzePaper: tokenizes title and abstract once, compactly (cache the result per paper id:
 *    it is the costly step of scoring).
 *  - CorpusStats: document frequencies over the papers the user has seen, updated incrementally.
 *  - IdfTable: idf = ln((1 + N) / (1 + df)) + 1 (the smoothed form: never zero, so a term found
 *    in every paper still counts a little), with the shipped prior blended in while the local
 *    corpus is small.
 *  - Vocab + vectorize: sublinear tf (1 + ln tf) × idf, L2-normalized, as typed arrays.
 */
import { authorKey } from './authors';
import { countTerms, encodeText, forEachTerm, LEXICON, streamLength, type TokenStream } from './tokenize';

/** What the engine reads of a paper. */
export interface PaperText {
  id: string;
  title: string;
  /** The abstract; null or empty when the listing has none (title-only papers still score). */
  abstract?: string | null;
  authors?: readonly string[];
  /**
   * arXiv categories ("cs.LG", "hep-th"), primary first, when the listing gives them. Read only
   * by a topic's preferred categories (a small bonus, see model.ts), never as text features.
   */
  categories?: readonly string[];
}

/**
 * A paper tokenized once, compactly: its words are lexicon ids in one typed array (title and
 * abstract are two ranges of it), so that a corpus can keep tens of thousands (see corpus.ts).
 * TF-IDF terms are recounted from the words when needed (termCounts): that takes a few
 * microseconds, and the vectors made from them are cached.
 */
export interface AnalyzedPaper {
  id: string;
  title: TokenStream;
  abstract: TokenStream;
  /** Author keys (see authorKey), in listing order. */
  authors: readonly string[];
  /** Author names as listed, same order (for explanations). */
  authorNames: readonly string[];
  /** arXiv categories as listed (see PaperText), shared strings. */
  categories: readonly string[];
}

/** True for an analyzed paper (as opposed to the PaperText it was made from). */
export function isAnalyzed(p: PaperText | AnalyzedPaper): p is AnalyzedPaper {
  return typeof p.title !== 'string';
}

const NONE: readonly string[] = Object.freeze([]);

/**
 * Category names, once each: there are a few hundred, repeated on every paper of a listing, and
 * a kept paper should not keep its listing's copies alive.
 */
const categoryNames = new Map<string, string>();
function internCategory(c: string): string {
  let s = categoryNames.get(c);
  if (s === undefined) {
    s = c.split('').join('');
    if (categoryNames.size < 10_000) categoryNames.set(s, s);
  }
  return s;
}

/**
 * Tokenizes a paper once. Title and abstract terms are simply added up: weighting the title
 * higher, or adding author names as features, changed average precision by less than ±0.005 in
 * our evaluation, so the plain form stays.
 */
export function analyzePaper(p: PaperText): AnalyzedPaper {
  const codes: number[] = [];
  encodeText(p.title ?? '', codes);
  const titleEnd = codes.length;
  encodeText(p.abstract ?? '', codes);
  const all = Int32Array.from(codes);
  const authorNames = (p.authors ?? []).filter((n) => authorKey(n) !== '');
  return {
    id: p.id,
    title: { codes: all, start: 0, end: titleEnd },
    abstract: { codes: all, start: titleEnd, end: all.length },
    authors: authorNames.length > 0 ? authorNames.map(authorKey) : NONE,
    authorNames: authorNames.length > 0 ? authorNames : NONE,
    categories: p.categories && p.categories.length > 0 ? p.categories.map(internCategory) : NONE,
  };
}

/** TF-IDF terms (content stems and bigrams) with their counts over title + abstract. */
export function termCounts(a: AnalyzedPaper): Map<string, number> {
  return countTerms(a.abstract, countTerms(a.title));
}

/** Length of a paper in words, stop words included. */
export function paperLength(a: AnalyzedPaper): number {
  return streamLength(a.title) + streamLength(a.abstract);
}

/**
 * The keys a paper adds to document-frequency counts: its TF-IDF terms, plus every stem of the
 * full stream (stop words included) so that keyword phrases made of stop words ("text", "AI")
 * also get a document frequency.
 */
export function dfKeys(a: AnalyzedPaper): Set<string> {
  const keys = new Set<string>();
  const addTerm = (t: string) => keys.add(t);
  forEachTerm(a.title, addTerm);
  forEachTerm(a.abstract, addTerm);
  for (const ts of [a.title, a.abstract]) for (let i = ts.start; i < ts.end; i++) keys.add(LEXICON.stem(LEXICON.stemOf(ts.codes[i]! >> 1)));
  return keys;
}

export interface SerializedCorpusStats {
  v: 1;
  nDocs: number;
  totalLength: number;
  /** Ids of the papers counted (so that adding one again after a restore does not count it twice). */
  ids: string[];
  /** Terms and their document frequencies, in the same order. */
  terms: string[];
  df: number[];
}

/** Document frequencies over a corpus of papers, added (and removed) one paper at a time. */
export class CorpusStats {
  nDocs = 0;
  /** Sum of paper lengths in words (title + abstract), for BM25's length normalization. */
  totalLength = 0;
  readonly df = new Map<string, number>();
  /** The papers counted, by id. */
  readonly ids = new Set<string>();

  get avgLength(): number {
    return this.nDocs > 0 ? this.totalLength / this.nDocs : 0;
  }

  /** Counts a paper, once per id; false when it was already counted. */
  add(a: AnalyzedPaper): boolean {
    if (this.ids.has(a.id)) return false;
    this.ids.add(a.id);
    this.nDocs++;
    this.totalLength += paperLength(a);
    for (const k of dfKeys(a)) this.df.set(k, (this.df.get(k) ?? 0) + 1);
    return true;
  }

  remove(a: AnalyzedPaper): void {
    if (!this.ids.delete(a.id)) return;
    this.nDocs--;
    this.totalLength = Math.max(0, this.totalLength - paperLength(a));
    for (const k of dfKeys(a)) {
      const n = (this.df.get(k) ?? 0) - 1;
      if (n > 0) this.df.set(k, n);
      else this.df.delete(k);
    }
  }

  static of(papers: Iterable<AnalyzedPaper>): CorpusStats {
    const s = new CorpusStats();
    for (const a of papers) s.add(a);
    return s;
  }

  /**
   * Plain JSON. `minDf` > 1 drops the long tail of terms seen once, which is most of the table
   * and changes little: a dropped term reads back as df 0 instead of 1.
   */
  toJSON(minDf = 1): SerializedCorpusStats {
    const terms: string[] = [];
    const df: number[] = [];
    for (const [t, n] of this.df) {
      if (n >= minDf) {
        terms.push(t);
        df.push(n);
      }
    }
    return { v: 1, nDocs: this.nDocs, totalLength: this.totalLength, ids: [...this.ids], terms, df };
  }

  static fromJSON(j: SerializedCorpusStats): CorpusStats {
    const s = new CorpusStats();
    s.nDocs = j.nDocs;
    s.totalLength = j.totalLength;
    for (const id of j.ids) s.ids.add(id);
    for (let i = 0; i < j.terms.length; i++) s.df.set(j.terms[i]!, j.df[i]!);
    return s;
  }
}

/**
 * A document-frequency prior: the df of the most frequent terms in a large public sample of
 * paper listings (see scripts/build-df-prior.ts). Terms not listed are rarer than `floorDf`.
 */
export interface DfPrior {
  tokenizerVersion: number;
  nDocs: number;
  /** Mean paper length in words (title + abstract). */
  avgLength: number;
  /** Listed terms have df ≥ floorDf; an unlisted term is taken to have floorDf / 2. */
  floorDf: number;
  terms: string[];
  df: number[];
}

/**
 * How many papers the prior counts as, at most. Small enough that a few hundred papers of the
 * user's own field outweigh it (so a physicist's corpus soon sets "field" and "energy" right),
 * large enough that the first day's listing does not make "propose" and "result" look rare.
 */
export const PRIOR_PSEUDO_DOCS = 1000;

export class IdfTable {
  private readonly priorDf: Map<string, number> | null;
  private readonly priorScale: number;
  private readonly priorFloor: number;
  /** Total (blended) number of documents. */
  readonly n: number;
  /** Mean paper length in words (blended), for BM25. */
  readonly avgLength: number;

  constructor(
    readonly stats: CorpusStats,
    prior: DfPrior | null = null,
  ) {
    if (prior && prior.nDocs > 0) {
      this.priorDf = new Map();
      for (let i = 0; i < prior.terms.length; i++) this.priorDf.set(prior.terms[i]!, prior.df[i]!);
      this.priorScale = Math.min(1, PRIOR_PSEUDO_DOCS / prior.nDocs);
      this.priorFloor = prior.floorDf / 2;
      const pn = prior.nDocs * this.priorScale;
      this.n = stats.nDocs + pn;
      this.avgLength = (stats.totalLength + prior.avgLength * pn) / this.n;
    } else {
      this.priorDf = null;
      this.priorScale = 0;
      this.priorFloor = 0;
      this.n = stats.nDocs;
      this.avgLength = stats.avgLength;
    }
  }

  /** The (blended) document frequency of a term. */
  df(term: string): number {
    const local = this.stats.df.get(term) ?? 0;
    if (!this.priorDf) return local;
    return local + (this.priorDf.get(term) ?? this.priorFloor) * this.priorScale;
  }

  idf(term: string): number {
    return Math.log((1 + this.n) / (1 + this.df(term))) + 1;
  }
}

/** Term ↔ feature index, grown as new terms appear. Lives in memory only. */
export class Vocab {
  readonly index = new Map<string, number>();
  readonly terms: string[] = [];

  id(term: string): number {
    let i = this.index.get(term);
    if (i === undefined) {
      i = this.terms.length;
      this.terms.push(term);
      this.index.set(term, i);
    }
    return i;
  }

  get size(): number {
    return this.terms.length;
  }
}

/** A sparse vector: feature indices and their values. */
export interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

/** Sublinear tf: 1 + ln tf for counts ≥ 1; a fractional count (a down-weighted keyword) as is. */
export function sublinearTf(tf: number): number {
  return tf > 1 ? 1 + Math.log(tf) : tf;
}

/** Sublinear tf × idf, L2-normalized. */
export function vectorizeTerms(terms: Map<string, number>, idf: IdfTable, vocab: Vocab): SparseVec {
  const idx = new Int32Array(terms.size);
  const val = new Float32Array(terms.size);
  let k = 0;
  let norm = 0;
  for (const [t, tf] of terms) {
    if (tf <= 0) continue;
    const v = sublinearTf(tf) * idf.idf(t);
    idx[k] = vocab.id(t);
    val[k] = v;
    norm += v * v;
    k++;
  }
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < k; i++) val[i] = val[i]! * inv;
  return k === terms.size ? { idx, val } : { idx: idx.slice(0, k), val: val.slice(0, k) };
}

export function vectorize(a: AnalyzedPaper, idf: IdfTable, vocab: Vocab): SparseVec {
  return vectorizeTerms(termCounts(a), idf, vocab);
}

/** w · x for a dense weight array (features beyond its end weigh 0). */
export function dot(w: Float64Array, x: SparseVec): number {
  let s = 0;
  const { idx, val } = x;
  for (let i = 0; i < idx.length; i++) s += (w[idx[i]!] ?? 0) * val[i]!;
  return s;
}
