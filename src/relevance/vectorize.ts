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
 * Terms are numbers here (TERMS, see TermTable in tokenize.ts): counts, idf and feature indices
 * are read from arrays by term id. Their text is for explanations, storage and tests.
 */
import { nameKeys } from './authors';
import { encodeText, forEachTermId, grown, LEXICON, NO_GAPS, streamLength, termStemOfCode, TOKENIZER_VERSION, TERMS, type TokenStream } from './tokenize';

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
 * TF-IDF terms are recounted from the words when needed (countTermIds): that takes a few
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
  /** Per author, same order, its other keys (nameKeys: "Müller" also as "mueller"); empty when no author has any. */
  otherAuthorKeys: ReadonlyArray<readonly string[]>;
  /** arXiv categories as listed (see PaperText), shared strings. */
  categories: readonly string[];
  /** textKey of the text it was made from: another page may show the same paper otherwise. */
  textKey: number;
}

/**
 * A 32-bit hash (FNV-1a) of everything analyzePaper reads of a paper: equal for the same text,
 * and different, but for a collision in four billion, for another page's text of the paper.
 */
export function textKey(p: PaperText): number {
  let hash = mixText(0x811c9dc5, p.title ?? '');
  hash = mixText(hash, p.abstract ?? '');
  for (const name of p.authors ?? []) hash = mixText(hash, name);
  hash = mixText(hash, '');
  for (const category of p.categories ?? []) hash = mixText(hash, category);
  return hash >>> 0;
}

function mixText(hash: number, text: string): number {
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return Math.imul(hash ^ 0xffff, 0x01000193); // ends the field: text moved between fields hashes apart
}

/** True for an analyzed paper (as opposed to the PaperText it was made from). */
export function isAnalyzed(p: PaperText | AnalyzedPaper): p is AnalyzedPaper {
  return typeof p.title !== 'string';
}

const NONE: readonly string[] = Object.freeze([]);
const NO_KEYS: ReadonlyArray<readonly string[]> = Object.freeze([]);

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
  const titleGaps: number[] = [];
  const abstractGaps: number[] = [];
  encodeText(p.title ?? '', codes, titleGaps);
  const titleEnd = codes.length;
  encodeText(p.abstract ?? '', codes, abstractGaps);
  const all = Int32Array.from(codes);
  const gapsOf = (gaps: number[]) => (gaps.length > 0 ? Int32Array.from(gaps) : NO_GAPS);
  const keyed = (p.authors ?? []).map((name) => ({ name, keys: nameKeys(name) })).filter((a) => a.keys.length > 0);
  const authorNames = keyed.map((a) => a.name);
  return {
    id: p.id,
    title: { codes: all, start: 0, end: titleEnd, gaps: gapsOf(titleGaps) },
    abstract: { codes: all, start: titleEnd, end: all.length, gaps: gapsOf(abstractGaps) },
    authors: keyed.length > 0 ? keyed.map((a) => a.keys[0]!) : NONE,
    authorNames: keyed.length > 0 ? authorNames : NONE,
    otherAuthorKeys: keyed.some((a) => a.keys.length > 1) ? keyed.map((a) => a.keys.slice(1)) : NO_KEYS,
    categories: p.categories && p.categories.length > 0 ? p.categories.map(internCategory) : NONE,
    textKey: textKey(p),
  };
}

/**
 * One paper's term counts (see countTermIds), in scratch arrays reused by the next call: the
 * terms in the order first met, and their counts.
 */
interface TermIdCounts {
  ids: Int32Array;
  tf: Float64Array;
  n: number;
}

const counted: TermIdCounts = { ids: new Int32Array(512), tf: new Float64Array(512), n: 0 };
/** Per term id: its position in `counted` + 1 while a paper is being counted (0: not met yet). */
let countedAt = new Int32Array(1 << 14);

function countTermId(id: number): void {
  if (id >= countedAt.length) countedAt = grown(countedAt, id + 1);
  const at = countedAt[id]!;
  if (at > 0) {
    counted.tf[at - 1]!++;
    return;
  }
  if (counted.n === counted.ids.length) {
    counted.ids = grown(counted.ids, counted.n + 1);
    const tf = new Float64Array(counted.ids.length);
    tf.set(counted.tf);
    counted.tf = tf;
  }
  counted.ids[counted.n] = id;
  counted.tf[counted.n] = 1;
  countedAt[id] = ++counted.n;
}

/**
 * TF-IDF term ids (content stems and bigrams) with their counts over title + abstract; valid
 * until the next call. `everyStem`: also every stem of the text, stop words included (see dfTermIds).
 */
function countTermIds(a: AnalyzedPaper, everyStem = false): TermIdCounts {
  counted.n = 0;
  forEachTermId(a.title, countTermId);
  forEachTermId(a.abstract, countTermId);
  if (everyStem) for (const ts of [a.title, a.abstract]) for (let i = ts.start; i < ts.end; i++) countTermId(TERMS.stemTerm(termStemOfCode(ts.codes[i]!)));
  for (let k = 0; k < counted.n; k++) countedAt[counted.ids[k]!] = 0;
  return counted;
}

/** TF-IDF terms (content stems and bigrams) with their counts over title + abstract. */
export function termCounts(a: AnalyzedPaper): Map<string, number> {
  const { ids, tf, n } = countTermIds(a);
  const out = new Map<string, number>();
  for (let k = 0; k < n; k++) out.set(TERMS.text(ids[k]!), tf[k]!);
  return out;
}

/** Length of a paper in words, stop words included. */
export function paperLength(a: AnalyzedPaper): number {
  return streamLength(a.title) + streamLength(a.abstract);
}

/**
 * The terms a paper adds to document-frequency counts, once each: its TF-IDF terms, plus every
 * stem of the full stream (stop words included) so that keyword phrases made of stop words
 * ("text", "AI") also get a document frequency.
 */
export function dfTermIds(a: AnalyzedPaper): Int32Array {
  const { ids, n } = countTermIds(a, true);
  return ids.slice(0, n);
}

/**
 * Document frequencies as the worker stores them. Each term is its stems, as indices into
 * `stems`: a restarted worker then numbers 0.1–0.4 million terms from their stem ids (see
 * TermTable), and reads each stem's text once. With the terms stored as text (format 1), it split
 * every bigram and looked up both halves: restoring the counts of the data set's 16,000 papers
 * took 68–78 ms in Node, in format 2 22–29 ms (the stored JSON is also 1.55 MB, not 2.12).
 */
export interface SerializedCorpusStats {
  v: 2;
  /** The tokenizer that counted them (TOKENIZER_VERSION; stored since version 8): see stats-upgrade.ts. */
  tokenizerVersion?: number;
  nDocs: number;
  totalLength: number;
  /** Ids of the papers counted (so that adding one again after a restore does not count it twice). */
  ids: string[];
  /** The stems the terms are made of, each once. */
  stems: string[];
  /** Per term: its stem's index in `stems` (a bigram's first stem's)… */
  first: number[];
  /** …a bigram's second stem's index (−1: a stem alone)… */
  second: number[];
  /** …and its document frequency. */
  df: number[];
}

/** Format 1 (before session 21): the terms as text ("languag model"). A stored one is still read. */
export interface SerializedCorpusStatsV1 {
  v: 1;
  nDocs: number;
  totalLength: number;
  ids: string[];
  terms: string[];
  df: number[];
}

/** Document frequencies by term id (see TermTable), readable by text too. */
export class DfCounts {
  private byId = new Int32Array(1 << 12);
  private terms = 0;

  /** Number of terms with a document frequency. */
  get size(): number {
    return this.terms;
  }

  ofId(termId: number): number {
    return termId >= 0 && termId < this.byId.length ? this.byId[termId]! : 0;
  }

  get(term: string): number | undefined {
    const n = this.ofId(TERMS.find(term));
    return n > 0 ? n : undefined;
  }

  has(term: string): boolean {
    return this.get(term) !== undefined;
  }

  /** Adds `delta` to a term's count (a count that falls to 0 is no longer listed). */
  add(termId: number, delta: number): void {
    if (termId >= this.byId.length) this.byId = grown(this.byId, termId + 1);
    const before = this.byId[termId]!;
    const after = Math.max(0, before + delta);
    this.byId[termId] = after;
    this.terms += (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
  }

  /** Terms (as text) and their counts, in term-id order. */
  entries(): Array<[string, number]> {
    const out: Array<[string, number]> = [];
    this.forEachId((id, n) => out.push([TERMS.text(id), n]));
    return out;
  }

  /** Each term id with a count, and its count, in term-id order. */
  forEachId(fn: (termId: number, n: number) => void): void {
    for (let id = 0; id < this.byId.length; id++) if (this.byId[id]! > 0) fn(id, this.byId[id]!);
  }
}

/** Document frequencies over a corpus of papers, added (and removed) one paper at a time. */
export class CorpusStats {
  nDocs = 0;
  /** Sum of paper lengths in words (title + abstract), for BM25's length normalization. */
  totalLength = 0;
  readonly df = new DfCounts();
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
    for (const id of dfTermIds(a)) this.df.add(id, 1);
    return true;
  }

  remove(a: AnalyzedPaper): void {
    if (!this.ids.delete(a.id)) return;
    this.nDocs--;
    this.totalLength = Math.max(0, this.totalLength - paperLength(a));
    for (const id of dfTermIds(a)) this.df.add(id, -1);
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
    const out: SerializedCorpusStats = { v: 2, tokenizerVersion: TOKENIZER_VERSION, nDocs: this.nDocs, totalLength: this.totalLength, ids: [...this.ids], stems: [], first: [], second: [], df: [] };
    const indexOf = new Map<number, number>(); // stem id → its index in out.stems
    const stemIndex = (stemId: number) => {
      let i = indexOf.get(stemId);
      if (i === undefined) {
        i = out.stems.push(LEXICON.stem(stemId)) - 1;
        indexOf.set(stemId, i);
      }
      return i;
    };
    this.df.forEachId((id, n) => {
      if (n < minDf) return;
      const second = TERMS.secondStem(id);
      out.first.push(stemIndex(TERMS.firstStem(id)));
      out.second.push(second < 0 ? -1 : stemIndex(second));
      out.df.push(n);
    });
    return out;
  }

  /** Stored counts (either format); a term that names no stored stem, or counts nothing, is skipped. */
  static fromJSON(j: SerializedCorpusStats | SerializedCorpusStatsV1): CorpusStats {
    const s = new CorpusStats();
    s.nDocs = j.nDocs;
    s.totalLength = j.totalLength;
    for (const id of j.ids) s.ids.add(id);
    if (j.v === 1) {
      for (let i = 0; i < j.terms.length; i++) if (j.df[i]! > 0) s.df.add(TERMS.intern(j.terms[i]!), j.df[i]!);
      return s;
    }
    const stemIds = j.stems.map((stem) => LEXICON.stemId(stem));
    TERMS.reserve(j.df.length);
    for (let i = 0; i < j.df.length; i++) {
      const first = stemIds[j.first[i]!];
      const second = j.second[i]! < 0 ? -1 : stemIds[j.second[i]!];
      if (first === undefined || second === undefined || !(j.df[i]! > 0)) continue;
      s.df.add(second < 0 ? TERMS.stemTerm(first) : TERMS.pairTerm(first, second), j.df[i]!);
    }
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

/**
 * A prior's document frequencies by term id (−1: not listed). Term ids never change, so each
 * prior is numbered once per worker, not at every rebuild of idf.
 */
const priorsById = new WeakMap<DfPrior, Float64Array>();
function priorById(prior: DfPrior): Float64Array {
  let table = priorsById.get(prior);
  if (!table) {
    const ids = prior.terms.map((t) => TERMS.intern(t));
    table = new Float64Array(Math.max(-1, ...ids) + 1).fill(-1);
    ids.forEach((id, i) => (table![id] = prior.df[i]!));
    priorsById.set(prior, table);
  }
  return table;
}

export class IdfTable {
  private readonly priorDf: Float64Array | null;
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
      this.priorDf = priorById(prior);
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
    return this.dfOf(TERMS.find(term));
  }

  /** The (blended) document frequency of a term id (−1: a term never met, so not in the prior either). */
  dfOf(termId: number): number {
    const local = this.stats.df.ofId(termId);
    if (!this.priorDf) return local;
    const prior = termId >= 0 && termId < this.priorDf.length ? this.priorDf[termId]! : -1;
    return local + (prior >= 0 ? prior : this.priorFloor) * this.priorScale;
  }

  idf(term: string): number {
    return this.idfOf(TERMS.find(term));
  }

  idfOf(termId: number): number {
    return Math.log((1 + this.n) / (1 + this.dfOf(termId))) + 1;
  }
}

/** Term ↔ feature index, grown as new terms appear. Lives in memory only. */
export class Vocab {
  /** Per term id: its feature index + 1 (0: none yet). */
  private features = new Int32Array(1 << 12);
  /** Per feature index: the term id. */
  private readonly termIds: number[] = [];

  /** The feature index of a term given as text, added when new. */
  id(term: string): number {
    return this.featureOf(TERMS.intern(term));
  }

  /** The feature index of a term id, added when new. */
  featureOf(termId: number): number {
    if (termId >= this.features.length) this.features = grown(this.features, termId + 1);
    let j = this.features[termId]! - 1;
    if (j < 0) {
      j = this.termIds.length;
      this.termIds.push(termId);
      this.features[termId] = j + 1;
    }
    return j;
  }

  /** The term (as text) of a feature index. */
  term(j: number): string {
    return TERMS.text(this.termIds[j]!);
  }

  get size(): number {
    return this.termIds.length;
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

/** Sublinear tf × idf, L2-normalized, of terms given as text (a topic's keywords). */
export function vectorizeTerms(terms: Map<string, number>, idf: IdfTable, vocab: Vocab): SparseVec {
  const ids = Int32Array.from(terms.keys(), (t) => TERMS.intern(t));
  return vectorizeCounts(ids, Float64Array.from(terms.values()), terms.size, idf, vocab);
}

export function vectorize(a: AnalyzedPaper, idf: IdfTable, vocab: Vocab): SparseVec {
  const { ids, tf, n } = countTermIds(a);
  return vectorizeCounts(ids, tf, n, idf, vocab);
}

/** Sublinear tf × idf, L2-normalized, of the first `n` term ids and counts. */
function vectorizeCounts(ids: Int32Array, tfs: Float64Array, n: number, idf: IdfTable, vocab: Vocab): SparseVec {
  const idx = new Int32Array(n);
  const val = new Float32Array(n);
  let k = 0;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const tf = tfs[i]!;
    if (tf <= 0) continue;
    const v = sublinearTf(tf) * idf.idfOf(ids[i]!);
    idx[k] = vocab.featureOf(ids[i]!);
    val[k] = v;
    norm += v * v;
    k++;
  }
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < k; i++) val[i] = val[i]! * inv;
  return k === n ? { idx, val } : { idx: idx.slice(0, k), val: val.slice(0, k) };
}

/** w · x for a dense weight array (features beyond its end weigh 0). */
export function dot(w: Float64Array, x: SparseVec): number {
  let s = 0;
  const { idx, val } = x;
  for (let i = 0; i < idx.length; i++) s += (w[idx[i]!] ?? 0) * val[i]!;
  return s;
}
