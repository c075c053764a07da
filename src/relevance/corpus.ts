/**
 * The local corpus: every paper the user has seen, analyzed once, with its document frequencies
 * and an index from stem to papers. Pure, no browser APIs; the storage layer feeds it (add) and
 * persists `stats.toJSON()` so that a restarted worker has the same idf at once.
 *
 * It is also where training draws unlabeled papers for pseudo-relevance feedback (model.ts).
 */
import { analyzePaper, CorpusStats, IdfTable, Vocab, vectorize, type AnalyzedPaper, type DfPrior, type PaperText, type SparseVec } from './vectorize';

/** Share of growth (or shrinkage) of the corpus after which idf is rebuilt. */
export const IDF_REFRESH = 0.05;

export class Corpus {
  readonly stats: CorpusStats;
  readonly vocab = new Vocab();
  private readonly papers: AnalyzedPaper[] = [];
  private readonly byId = new Map<string, number>();
  /** stem → indices (into papers) of the papers whose title or abstract has it. */
  private readonly postings = new Map<string, number[]>();
  /** Papers analyzed for scoring or training but not part of the corpus. */
  private readonly extra = new Map<string, AnalyzedPaper>();
  private idfTable: IdfTable | null = null;
  private idfBuiltAt = 0;
  private vectors = new Map<string, SparseVec>();
  private memo = new Map<string, unknown>();

  /**
   * `prior`: the shipped df prior (df-prior.json), blended in while the corpus is small.
   * `stats`: restored document frequencies, so a restarted worker scores at once. Re-adding their
   * papers later (for training) indexes them without counting them again.
   */
  constructor(
    readonly prior: DfPrior | null = null,
    stats?: CorpusStats,
  ) {
    this.stats = stats ?? new CorpusStats();
  }

  get size(): number {
    return this.papers.length;
  }

  /** Adds a seen paper (once per id): it counts in document frequencies from now on. */
  add(p: PaperText | AnalyzedPaper): AnalyzedPaper {
    const known = this.byId.get(p.id);
    if (known !== undefined) return this.papers[known]!;
    const a = 'terms' in p ? p : (this.extra.get(p.id) ?? analyzePaper(p));
    this.extra.delete(p.id);
    const i = this.papers.length;
    this.papers.push(a);
    this.byId.set(a.id, i);
    this.stats.add(a);
    for (const s of new Set([...a.title.stems, ...a.abstract.stems])) {
      let list = this.postings.get(s);
      if (!list) this.postings.set(s, (list = []));
      list.push(i);
    }
    this.memo.clear();
    return a;
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

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The index of a paper in all(), or -1. */
  indexOf(id: string): number {
    return this.byId.get(id) ?? -1;
  }

  /** All papers in the corpus, in the order they were added. */
  all(): readonly AnalyzedPaper[] {
    return this.papers;
  }

  /** Indices of the papers whose text has this stem. */
  withStem(stem: string): readonly number[] {
    return this.postings.get(stem) ?? [];
  }

  paperAt(i: number): AnalyzedPaper {
    return this.papers[i]!;
  }

  /** The analysis of a paper: from the corpus when it is in it, else analyzed and cached. */
  analyze(p: PaperText | AnalyzedPaper): AnalyzedPaper {
    if ('terms' in p) return p;
    const i = this.byId.get(p.id);
    if (i !== undefined) return this.papers[i]!;
    let a = this.extra.get(p.id);
    if (!a) {
      a = analyzePaper(p);
      // Bounded: a listing page is at most a few thousand papers.
      if (this.extra.size >= 20_000) this.extra.clear();
      this.extra.set(p.id, a);
    }
    return a;
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

  /** Rebuilds idf now (tests, or after a bulk import). */
  refreshIdf(): void {
    this.idfTable = new IdfTable(this.stats, this.prior);
    this.idfBuiltAt = this.stats.nDocs;
    this.vectors = new Map();
    this.memo.clear();
  }

  /** The TF-IDF vector of a paper under the current idf, cached until the corpus changes. */
  vector(a: AnalyzedPaper): SparseVec {
    const idf = this.idf();
    let v = this.vectors.get(a.id);
    if (!v) {
      v = vectorize(a, idf, this.vocab);
      this.vectors.set(a.id, v);
    }
    return v;
  }
}
