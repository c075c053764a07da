/**
 * The local corpus: the papers the user has seen. Pure, no browser APIs; the storage layer feeds
 * it (add) and persists `stats.toJSON()` so that a restarted worker has the same idf at once.
 *
 * Two parts, bounded differently:
 *  - document frequencies (stats) count every paper ever added: they are counts, a few bytes per
 *    distinct term, and idf should reflect everything the user has seen;
 *  - analyzed papers, which training reads (pseudo-relevance feedback, the reference set for the
 *    tiers), are kept for the most recent `window` papers added, plus the labeled papers of the
 *    last training (retain), which training needs every time. Older papers are dropped, so
 *    analyzed papers (under 2 KB each, see Lexicon in tokenize.ts) take bounded memory however
 *    long a worker lives. What still grows are the counts: one entry per distinct term (with the
 *    vocabulary, not the papers) and one id per paper counted.
 *
 * Why a window loses nothing that matters: pseudo-relevance feedback takes the best 1 % of the
 * papers, capped at TRAINING.prfMax = 100 (reached at 10,000 papers), and the reference set is a
 * sample of TRAINING.referenceMax = 2,000; 20,000 recent papers feed both fully, and recent
 * papers are what the user's listings look like now.
 */
import { analyzePaper, CorpusStats, IdfTable, isAnalyzed, textKey, Vocab, vectorize, type AnalyzedPaper, type DfPrior, type PaperText, type SparseVec } from './vectorize';

/** Share of growth (or shrinkage) of the corpus after which idf is rebuilt. */
export const IDF_REFRESH = 0.05;

/** Analyzed papers kept for training by default (the most recently added). */
export const CORPUS_WINDOW = 20_000;

/** Papers analyzed for scoring only (not added) kept for a later call: a few listings' worth. */
const EXTRA_MAX = 5_000;

export interface CorpusOptions {
  /** How many of the most recently added papers are kept analyzed (default CORPUS_WINDOW). */
  window?: number;
}

export class Corpus {
  readonly stats: CorpusStats;
  readonly window: number;
  /** Term ↔ feature index of the current vectors; a new one with each idf (see refreshIdf). */
  private currentVocab = new Vocab();
  /** The kept papers by id, oldest first (a Map iterates in insertion order). */
  private readonly recent = new Map<string, AnalyzedPaper>();
  /** Labeled papers of the last training (retain): kept even once out of the window. */
  private labeled = new Map<string, AnalyzedPaper>();
  /** Papers analyzed for scoring or training but not part of the corpus. */
  private readonly extra = new Map<string, AnalyzedPaper>();
  /** all(), rebuilt on the first call after a change. */
  private list: AnalyzedPaper[] | null = null;
  private idfTable: IdfTable | null = null;
  private idfBuiltAt = 0;
  /** A paper's vector under the current idf; it goes when the paper is dropped. */
  private vectors = new WeakMap<AnalyzedPaper, SparseVec>();
  private memo = new Map<string, unknown>();
  private readonly textKeys = new WeakMap<PaperText, number>();
  /**
   * The analyses this corpus counted in `stats`. A paper counted before a restart is counted in
   * the restored statistics, but which text was counted is not stored: only an analysis counted
   * here can be taken out of the counts again.
   */
  private readonly counted = new WeakSet<AnalyzedPaper>();

  /**
   * `prior`: the shipped df prior (df-prior.json), blended in while the corpus is small.
   * `stats`: restored document frequencies, so a restarted worker scores at once. Re-adding their
   * papers later (for training) keeps them analyzed without counting them again.
   */
  constructor(
    readonly prior: DfPrior | null = null,
    stats?: CorpusStats,
    options: CorpusOptions = {},
  ) {
    this.stats = stats ?? new CorpusStats();
    this.window = Math.max(1, options.window ?? CORPUS_WINDOW);
  }

  get vocab(): Vocab {
    return this.currentVocab;
  }

  /** Number of papers kept analyzed (at most `window`; stats.nDocs counts every paper). */
  get size(): number {
    return this.recent.size;
  }

  /**
   * Adds a seen paper (once per id): it counts in document frequencies from now on, and is kept
   * analyzed until `window` newer papers have been added.
   */
  add(p: PaperText | AnalyzedPaper): AnalyzedPaper {
    const known = this.recent.get(p.id);
    if (known && !this.tellsMore(known, p)) return known;
    const a = isAnalyzed(p) ? p : (this.usable(this.labeled.get(p.id), p) ?? this.usable(this.extra.get(p.id), p) ?? analyzePaper(p));
    this.extra.delete(p.id);
    if (known) {
      // Seen before with less of it (see tellsMore): its text counts as shown now, in place of
      // the one shown first; unless that was counted before a restart (then the restored counts
      // stay as they are: taking out a text they may not hold would count the paper twice).
      if (this.counted.has(known)) this.stats.remove(known);
      this.recent.delete(p.id);
    }
    this.recent.set(a.id, a);
    if (this.stats.add(a)) this.counted.add(a);
    if (this.recent.size > this.window) {
      // The oldest: a Map's first key.
      this.recent.delete(this.recent.keys().next().value!);
    }
    this.changed();
    return a;
  }

  /**
   * Forgets papers (the user forgot them, see src/store/forget.ts): their ids and kept analyses
   * go. A paper counted by this corpus and still analyzed is taken out of the document
   * frequencies too; one no longer analyzed (out of the window), or counted before a restart,
   * leaves its counts behind, as anonymous word counts among everyone else's.
   */
  forget(ids: Iterable<string>): void {
    for (const id of ids) {
      const kept = this.recent.get(id);
      if (kept && this.counted.has(kept)) this.stats.remove(kept);
      else this.stats.ids.delete(id);
      this.recent.delete(id);
      this.labeled.delete(id);
      this.extra.delete(id);
    }
    this.changed();
  }

  /**
   * Keeps these (labeled) papers analyzed, whether or not they are in the window, until the next
   * call: training passes its feedback, which it reads again on every retrain.
   */
  retain(papers: Iterable<AnalyzedPaper>): void {
    const next = new Map<string, AnalyzedPaper>();
    for (const a of papers) next.set(a.id, a);
    this.labeled = next;
  }

  /**
   * A value derived from the corpus as it is now (e.g. every paper's keyword score for a topic),
   * computed once and forgotten when a paper is added. Retraining after a star reuses it.
   */
  cached<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const v = compute();
    if (this.memo.size > 100) this.memo.clear();
    this.memo.set(key, v);
    return v;
  }

  /** True when the paper is kept analyzed in the window. */
  has(id: string): boolean {
    return this.recent.has(id);
  }

  /** True when this very analysis is the one kept in the window (so it is among all()). */
  holds(a: AnalyzedPaper): boolean {
    return this.recent.get(a.id) === a;
  }

  /** The papers of the window, oldest first. */
  all(): readonly AnalyzedPaper[] {
    this.list ??= [...this.recent.values()];
    return this.list;
  }

  /**
   * The analysis of a paper: from the corpus when it is in it (whichever page's text of it came
   * first, unless this one tells more, see add), else analyzed and cached.
   */
  analyze(p: PaperText | AnalyzedPaper): AnalyzedPaper {
    if (isAnalyzed(p)) return p;
    const kept = this.usable(this.recent.get(p.id), p) ?? this.usable(this.labeled.get(p.id), p);
    if (kept) return kept;
    return this.usable(this.extra.get(p.id), p) ?? this.keepExtra(analyzePaper(p));
  }

  /** The kept analysis, unless `p` tells more of the paper (see tellsMore). */
  private usable(kept: AnalyzedPaper | undefined, p: PaperText | AnalyzedPaper): AnalyzedPaper | undefined {
    return kept && !this.tellsMore(kept, p) ? kept : undefined;
  }

  /**
   * True when `p` tells more of the paper than the text its kept analysis was made from: an
   * abstract it lacked (arXiv's /pastweek and /recent show titles only), or, with no less
   * abstract, authors or categories, more authors or categories (Google Scholar and Hugging Face
   * cut author lists and give no categories; a followed author or a topic's category counts only
   * if read). Otherwise the kept analysis is used as it is: the same paper's text hardly changes
   * between pages, and analyzing it on every page would cost. As what is told only grows, pages
   * showing a paper differently do not take turns at it. Counts decide first; the text's hash,
   * last, keeps the same text from being analyzed twice (a name analyzePaper drops counts here).
   */
  private tellsMore(kept: AnalyzedPaper, p: PaperText | AnalyzedPaper): boolean {
    const hasAbstract = kept.abstract.end > kept.abstract.start;
    const gainsAbstract = !hasAbstract && (isAnalyzed(p) ? p.abstract.end > p.abstract.start : Boolean(p.abstract?.trim()));
    if (!gainsAbstract) {
      if (hasAbstract && (isAnalyzed(p) ? p.abstract.end === p.abstract.start : !p.abstract?.trim())) return false;
      const authors = (isAnalyzed(p) ? p.authorNames : p.authors)?.length ?? 0;
      const categories = p.categories?.length ?? 0;
      if (authors < kept.authorNames.length || categories < kept.categories.length) return false;
      if (authors === kept.authorNames.length && categories === kept.categories.length) return false;
    }
    return (isAnalyzed(p) ? p.textKey : this.keyOf(p)) !== kept.textKey;
  }

  /** textKey of a text, once per text object: a page's paper is added, scored and explained. */
  private keyOf(p: PaperText): number {
    let key = this.textKeys.get(p);
    if (key === undefined) this.textKeys.set(p, (key = textKey(p)));
    return key;
  }

  private keepExtra(a: AnalyzedPaper): AnalyzedPaper {
    // Bounded: a listing page is at most a few thousand papers, and the worker adds what it scores.
    this.extra.delete(a.id);
    if (this.extra.size >= EXTRA_MAX) this.extra.delete(this.extra.keys().next().value!);
    this.extra.set(a.id, a);
    return a;
  }

  /**
   * The analysis of exactly this text (training: a stored paper's text, where analyze may give
   * what another page showed of it first): the kept one when made from it, else made now.
   */
  analyzeText(p: PaperText | AnalyzedPaper): AnalyzedPaper {
    if (isAnalyzed(p)) return p;
    // Once per text object: a retrain passes the same stored records' texts every time.
    const key = this.keyOf(p);
    for (const kept of [this.recent.get(p.id), this.labeled.get(p.id), this.extra.get(p.id)]) if (kept?.textKey === key) return kept;
    return this.keepExtra(analyzePaper(p));
  }

  /**
   * The current idf. It is rebuilt (and every cached vector recomputed) only once the corpus has
   * grown or shrunk by IDF_REFRESH since the last build: a few more papers barely move idf, and
   * re-vectorizing thousands of papers after each listing would cost more than training.
   * Terms first seen since then still get their live document frequency.
   */
  idf(): IdfTable {
    const n = this.stats.nDocs;
    if (!this.idfTable || Math.abs(n - this.idfBuiltAt) > IDF_REFRESH * Math.max(this.idfBuiltAt, 20)) this.refreshIdf();
    return this.idfTable!;
  }

  /**
   * Rebuilds idf now (tests, or after a bulk import). Every vector is recomputed after this, so
   * the vocabulary starts afresh too: it then holds the terms of the papers vectorized since (the
   * training set, the listings scored), not of every paper ever scored. A Scorer notices the new
   * vocabulary and rebinds its weights to it.
   */
  refreshIdf(): void {
    this.idfTable = new IdfTable(this.stats, this.prior);
    this.idfBuiltAt = this.stats.nDocs;
    this.vectors = new WeakMap();
    this.currentVocab = new Vocab();
    this.memo.clear();
  }

  /** The TF-IDF vector of a paper under the current idf, cached until idf is rebuilt. */
  vector(a: AnalyzedPaper): SparseVec {
    const idf = this.idf();
    let v = this.vectors.get(a);
    if (!v) {
      v = vectorize(a, idf, this.currentVocab);
      this.vectors.set(a, v);
    }
    return v;
  }

  private changed(): void {
    this.list = null;
    this.memo.clear();
  }
}
