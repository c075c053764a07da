/**
 * The relevance engine in the background: it keeps the corpus (every paper a page asked to score,
 * and every stored paper: all counted in document frequencies, the most recent CORPUS_WINDOW and
 * the labeled ones kept analyzed for training, see src/relevance/corpus.ts), the trained model and
 * the user's interests, scores pages' entries and retrains after each star, dismissal or
 * interests change. Free of extension APIs (timers are
 * passed in) so it runs in Node tests against fake-indexeddb.
 *
 * What survives the worker being stopped (in the database, `relevance` store): the model and the
 * corpus's document frequencies, so a restarted worker scores at once; and a `stale` mark set when
 * a label or the interests change and cleared by the retrain that learns it, so a worker stopped
 * before its debounced retrain retrains before it next scores.
 */
import type { PaperMeta, PaperState } from '../core/paper';
import { movingTerms, termsShown, type ScoreTerm } from '../explanation';
import type { EntryScore } from '../messages';
import { createCorpus, LIKE_MIN, MODEL_FORMAT, parseModel, Scorer, topicsTagged, trainModel, type Corpus, type Feedback, type FeedbackLabel, type Interests, type PaperText, type SerializedCorpusStats, type SerializedCorpusStatsV1, type TermContribution } from '../relevance/index';
import { FOLLOWED_TOPIC } from '../relevance/model';
import { shownScore, toScore, TRUSTED_STARS, type Explanation } from '../relevance/score';
import { alsoWritten, withLocal } from '../relevance/abbreviations';
import { BIGRAM_SEP } from '../relevance/tokenize';
import { baseStem } from '../relevance/stem-families';
import { analyzePaper, dot, vectorize, type IdfTable, type SparseVec, type Vocab } from '../relevance/vectorize';
import type { PaperDb, StoredState } from '../store/db';
import { libraryChangesSince, libraryGeneration, readPapersInChunks, recordIds } from '../store/papers';
import { afterQueuedTasks } from '../yield';
import { getInterests, readRelevance, writeRelevance } from '../store/settings';

export interface RelevanceOptions {
  now?: () => number;
  /** How long to wait after a change before retraining (more changes meanwhile: one retrain). */
  retrainDelayMs?: number;
  /** How long to wait before writing the corpus's document frequencies after scoring. */
  persistDelayMs?: number;
  /** Terms seen in fewer papers than this are not stored (the long tail; see CorpusStats.toJSON). */
  storedMinDf?: number;
  /** At most this many seen-but-not-starred papers (the most recent) are weak negatives. */
  maxSeen?: number;
  /** At most this many labeled papers' records are kept between retrains (default KEPT_RECORDS_MAX). */
  keptRecordsMax?: number;
  /** The longest the worker spends making the library's vectors before it lets other messages in (default VECTOR_SLICE_MS). */
  vectorSliceMs?: number;
  /** Told after each retrain, and whether there is anything to score by (pages re-request their scores). */
  onRetrained?: (scoring: boolean) => void;
  /** Told once the stored model is loaded, and whether there is anything to score by. */
  onLoaded?: (scoring: boolean) => void;
}

/**
 * Seen-only papers used in training. Each must be analyzed once per worker lifetime (about
 * 0.3–0.6 ms a paper), and an MV3 worker restarts often: this bounds the first retrain after a
 * restart to about a second.
 */
export const MAX_SEEN = 3000;

/** A model calibrated on fewer papers than this (see needsTraining) is retrained before scoring once the corpus has more. */
const MIN_REFERENCE = 50;

/** Terms named per list in an explanation (fewer when the paper has fewer worth naming). */
const EXPLAIN_TERMS = 5;

/** At most this many papers answer "more like this". */
const SIMILAR_MAX = 5;

/**
 * A search by meaning answers with at most this many papers, each with at least this cosine. A
 * typed text is a few words, so a paper sharing its rare words scores ≈ 0.1–0.35 and one sharing
 * only a common word ≈ 0.02 (on 10,000 papers of the listings data, "KV cache compressed by
 * quantization": the best eight are all about KV caches, 0.35–0.23; the 40th, about serving LLMs,
 * 0.10).
 */
const ABOUT_MAX = 30;
const ABOUT_MIN = 0.04;

/**
 * After at most this many papers written since the last retrain, the next reads only those
 * papers' states again; after more, every state (a bulk change, a day of listings).
 */
const TRAINING_PATCH_MAX = 5_000;

/** At most this many labeled papers' records are kept from one retrain to the next (see feedback). */
const KEPT_RECORDS_MAX = 10_000;

/** What training needs of a paper's state: its label, when it was seen and starred, its tags. */
type Labels = Pick<StoredState, 'id' | 'starred' | 'dismissed' | 'lastSeenAt' | 'starredAt' | 'tags'>;

/** The longest the worker spends making the library's vectors before it lets other messages in. */
export const VECTOR_SLICE_MS = 40;
/** Records read at once for the library's vectors (one request each: ≈ 1,000 records deserialize in a slice's time). */
const LIBRARY_CHUNK = 1_000;

export class RelevanceService {
  private loaded: Promise<void> | null = null;
  private corpus!: Corpus;
  private scorer: Scorer | null = null;
  private interests: Interests = { topics: [] };
  /** Stored papers are added to the corpus once per worker lifetime. */
  private storedPapersAdded = false;
  private stale = false;
  /** Papers in the corpus when the model was trained. */
  private trainedOn = 0;
  /**
   * The library's vectors for "more like this" and search by meaning, with the idf and vocabulary
   * they were made with, each with the title and abstract it was made from. Made again when the
   * corpus rebuilds its idf (it has grown or shrunk by IDF_REFRESH, 5 %): an IdfTable reads its
   * terms' counts as they are now but the number of papers as it was, so an idf kept longer drifts
   * (a corpus grown from 1,000 to 6,000 papers gave "model" 0.07 in place of 1.19, and *More like
   * this* the same five papers as a fresh worker for 10 % of papers; session 51).
   */
  private libraryVectors: { idf: IdfTable; vocab: Vocab; byId: Map<string, { title: string; abstract: string | null; vector: SparseVec }> } | null = null;
  /**
   * The library as the last ask read it, each paper's vector by id, and the store's write
   * generation then (libraryGeneration): until something is written, the next ask reads nothing;
   * after a few writes (a page marked papers seen, a star), it reads only the records written
   * (libraryChangesSince). Reading 10,000 records took most of an ask once the vectors were kept
   * (≈ 0.25 s of ≈ 0.28 s).
   */
  private libraryList: { generation: number; papers: Map<string, SparseVec> } | null = null;
  /**
   * The library being read or caught up now: an ask arriving meanwhile (search by meaning turned
   * on, then text typed at once) waits for it instead of reading the library a second time.
   */
  private libraryReading: Promise<Library> | null = null;
  /**
   * What training reads, kept between retrains (see feedback): each stored paper's labels, and the
   * records of the papers the last training learned from, as of the store's write generation.
   */
  private trainingInput: { generation: number; labels: Map<string, Labels>; records: Map<string, PaperMeta> } | null = null;
  /** Counts changes, so a retrain knows whether one arrived while it trained. */
  private changes = 0;
  private retrainTimer: ReturnType<typeof setTimeout> | null = null;
  private persistTimer: ReturnType<typeof setTimeout> | null = null;
  private training: Promise<void> | null = null;
  private readonly now: () => number;

  constructor(
    private readonly db: PaperDb,
    private readonly options: RelevanceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Loads the stored model and corpus statistics, so that the first scores need not wait for them. */
  warm(): Promise<void> {
    return this.load();
  }

  /**
   * Scores papers from a page; they join the corpus, unless `counted` is false (a private
   * window's page: what it shows leaves no trace, not even in the stored document frequencies,
   * which name the papers counted). Nothing to score by yet: ready false. Each
   * is scored under the id its record is kept under, which training knew it by: a seen paper shown
   * under an alias (a Scholar cluster merged into its arXiv id) is then scored as if it had not
   * been trained on (its own pull, see model.ts), and counted once in the corpus.
   */
  async score(papers: readonly PaperMeta[], { counted = true }: { counted?: boolean } = {}): Promise<{ ready: boolean; scores: Record<string, EntryScore> }> {
    const [records] = await Promise.all([recordIds(this.db, papers.map((p) => p.id)), this.load()]);
    const texts = papers.map((paper) => ({ ...textOf(paper), id: records.get(paper.id)! }));
    if (counted) {
      for (const text of texts) this.corpus.add(text);
      this.schedulePersist();
    }
    // A change not learned yet (a star a moment ago, or before the worker stopped): learn it first,
    // so a reloaded page shows scores that moved. The page's papers are in the corpus by then.
    // So also when the model was trained on (next to) no papers: its tiers, calibrated on the
    // papers the user sees, would mean nothing (interests typed before any listing was opened).
    if (this.needsTraining()) {
      await this.retrainNow();
    } else if (this.scorer && this.corpus.stats.nDocs >= 2 * this.trainedOn) {
      // The corpus doubled since training: idf, pseudo-relevance feedback and the tiers have
      // moved. Retrain once the page has sent all its papers; pages then ask again.
      this.scheduleRetrain();
    }
    const scorer = this.scorer;
    if (!scorer || !this.scoring) return { ready: false, scores: {} };
    const scores: Record<string, EntryScore> = {};
    for (const [i, paper] of papers.entries()) {
      const text = texts[i]!;
      const s = scorer.score(text);
      const best = s.topics[0];
      // More terms than shown: some are left out as already said, or as moving nothing (termsShown).
      const why = best ? scorer.explain(text, best.topicId, 4 * EXPLAIN_TERMS) : null;
      // A paper of an author followed, with nothing else of the topic that scored it best (no
      // keyword, no star it is like: Scorer.hasTopicEvidence), is worth a look for its author
      // alone: not called a paper of that topic, with words that "raised" it for it.
      const byFollowOnly = why !== null && s.followedAuthors.length > 0 && s.tier !== 'low' && why.keywords.length === 0 && !why.like;
      // A phrase found as its other form says so: "LLM (large language models)".
      const keywords = why?.keywords.map((k) => (k.as ? `${k.phrase} (${k.as.join(', ')})` : k.phrase)) ?? [];
      const shown = why && !byFollowOnly ? this.termsShown(why, s.muted, `${text.title}\n${text.abstract ?? ''}`) : { raising: [], lowering: [] };
      scores[paper.id] = {
        score: Math.max(0, s.score),
        tier: s.tier,
        topic: byFollowOnly ? FOLLOWED_TOPIC.name : (best?.name ?? null),
        relevant: s.relevant,
        why: {
          keywords,
          authors: s.followedAuthors,
          muted: why ? [...why.mutedKeywords, ...why.mutedAuthors] : [],
          categories: byFollowOnly ? [] : (why?.categories ?? []),
          ...shown,
          ...(why?.like && !byFollowOnly ? { like: why.like.title } : {}),
          ...(why?.starred && !byFollowOnly ? { starred: true as const } : {}),
          ...(why && this.liftedByTitle(why, s.muted) ? { titleKeywordUntilStars: TRUSTED_STARS } : {}),
          ...(why && !byFollowOnly ? this.heldLow(why, s.muted) : {}),
        },
      };
    }
    return { ready: true, scores };
  }

  /** Whether the score is medium only for a keyword in the title (shownScore), not for an author followed. */
  private liftedByTitle(why: Explanation, muted: boolean): boolean {
    const topic = this.topicOf(why);
    return !why.lift.followed && toScore(topic, why.f, muted).tier === 'low' && shownScore(topic, why.f, muted, why.lift).tier !== 'low';
  }

  /** What the paper's words alone score it, when that is more than low and it is held at low (Scorer's unexplained). */
  private heldLow(why: Explanation, muted: boolean): { heldLow?: NonNullable<EntryScore['why']['heldLow']> } {
    if (why.tier !== 'low' || muted) return {};
    const { score, tier } = toScore(this.topicOf(why), why.f, muted);
    return tier === 'low' ? {} : { heldLow: { score, tier, untilStars: TRUSTED_STARS } };
  }

  private topicOf(why: Explanation) {
    return this.scorer!.model.topics.find((t) => t.id === why.topicId)!;
  }

  /** The words an explanation names as raising and lowering the score (see termsShown). */
  private termsShown(why: Explanation, muted: boolean, text: string): { raising: string[]; lowering: string[] } {
    const topic = this.topicOf(why);
    const scoreWithout = (contribution: number) => shownScore(topic, why.f - contribution, muted, why.lift).score;
    const shown = scoreWithout(0);
    const terms = (cs: readonly TermContribution[]) => {
      // A star's own words are not named together: its score is its star's, which is said.
      const moving = movingTerms(cs, (contribution) => scoreWithout(contribution) !== shown, !why.starred);
      return cs.map((c) => ({ ...scoreTerm(c), moves: moving.has(c) }));
    };
    const abbreviations = withLocal(this.scorer!.model.abbreviations);
    return termsShown(terms(why.raising), terms(why.lowering), {
      named: why.keywords.flatMap((k) => k.stems),
      text,
      moves: (t) => t.moves,
      max: EXPLAIN_TERMS,
      otherForms: (term) => alsoWritten(term, abbreviations),
    });
  }

  /**
   * The stored papers most like stored paper `id`, best first: TF-IDF cosine over title and
   * abstract, with the corpus's idf, at least LIKE_MIN (the bar a star must clear to be named in
   * an explanation; on the listings data, full-vector neighbours above it share their subject
   * too). See nearest for the cost.
   */
  async similar(id: string): Promise<Array<{ id: string; similarity: number }>> {
    return this.nearest(({ papers }) => papers.get(id) ?? null, id, SIMILAR_MAX, LIKE_MIN);
  }

  /**
   * The stored papers nearest in meaning to a text the user typed ("KV cache compressed by
   * quantization"), best first: the text as a paper's title, so its words are stemmed and
   * weighted by rarity as a paper's are, and any of them may match. Unlike the popup's search,
   * which wants every word as written, it finds a paper described in other words. A text whose
   * words are all stop words, or unknown, finds nothing. An empty text finds nothing but makes
   * the library's vectors: the popup sends one when search by meaning is turned on, so that the
   * first ask's cost is paid while the user types.
   */
  async about(text: string): Promise<Array<{ id: string; similarity: number }>> {
    if (text.trim() === '') {
      await this.libraryWithVectors();
      return [];
    }
    // "RL" also reads "reinforcement learning" (alsoWritten), each form a phrase of its own: no
    // bigram joins one to the next.
    const query = [text, ...alsoWritten(text, withLocal(this.scorer?.model.abbreviations))].join('. ');
    return this.nearest(({ idf, vocab }) => vectorize(analyzePaper({ id: '', title: query }), idf, vocab), null, ABOUT_MAX, ABOUT_MIN);
  }

  /**
   * One pass over the library: each stored paper's cosine with the vector `targetOf` gives (in
   * the library's vocabulary), the `max` best of at least `min`, never paper `skip`. On 10,000
   * papers the first ask takes ≈ 1.1 s in Chromium, most of it making the vectors (≈ 18 MB,
   * kept); the next ones read only the records written since (npm run bench -- library). Ties
   * go by id, so an answer does not depend on the order the library was read in.
   */
  private async nearest(
    targetOf: (library: Library) => SparseVec | null,
    skip: string | null,
    max: number,
    min: number,
  ): Promise<Array<{ id: string; similarity: number }>> {
    const library = await this.libraryWithVectors();
    const x = targetOf(library);
    if (!x || x.idx.length === 0) return [];
    // The target as dense weights: dot() then reads one array slot per term of each other paper.
    const weights = new Float64Array(library.vocab.size);
    for (let k = 0; k < x.idx.length; k++) weights[x.idx[k]!] = x.val[k]!;
    const found: Array<{ id: string; similarity: number }> = [];
    for (const [id, vector] of library.papers) {
      if (id === skip) continue;
      const sum = dot(weights, vector);
      if (sum >= min) found.push({ id, similarity: Math.round(sum * 100) / 100 });
    }
    return found.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1)).slice(0, max);
  }

  /**
   * Every stored paper with its vector (see libraryVectors), made again when its title or
   * abstract changed (a page showed its abstract at last). The whole library is read on the first
   * ask, and again only when more was written since the last than LIBRARY_CHUNK records (see
   * libraryList). Vectors are made in slices of at most VECTOR_SLICE_MS with the worker's other
   * messages let in between: a page's states must not wait seconds behind a large library.
   */
  private libraryWithVectors(): Promise<Library> {
    this.libraryReading ??= this.readLibrary().finally(() => (this.libraryReading = null));
    return this.libraryReading;
  }

  private async readLibrary(): Promise<Library> {
    await this.load();
    const idfNow = this.corpus.idf();
    if (this.libraryVectors?.idf !== idfNow) {
      // The first ask, or the corpus has grown (or shrunk) enough for idf to be rebuilt: vectors
      // made with the idf before would not compare with a query's or a new paper's made now.
      this.libraryVectors = { idf: idfNow, vocab: this.corpus.vocab, byId: new Map() };
      this.libraryList = null;
    }
    const { idf, vocab } = this.libraryVectors;
    const kept = this.libraryList;
    if (kept?.generation === libraryGeneration(this.db)) return { papers: kept.papers, idf, vocab };
    const changes = kept && (await libraryChangesSince(this.db, kept.generation, LIBRARY_CHUNK));
    if (kept && changes) {
      for (const id of changes.gone) kept.papers.delete(id);
      await this.addVectors(changes.records, kept.papers);
      kept.generation = changes.generation;
      return { papers: kept.papers, idf, vocab };
    }
    const generation = libraryGeneration(this.db); // before reading: a write meanwhile moves it
    const papers = new Map<string, SparseVec>();
    await readPapersInChunks(this.db, LIBRARY_CHUNK, (metas) => this.addVectors(metas, papers));
    this.libraryList = { generation, papers };
    return { papers, idf, vocab };
  }

  /** Puts each paper's vector into `papers`, letting other messages in every VECTOR_SLICE_MS. */
  private async addVectors(metas: readonly PaperMeta[], papers: Map<string, SparseVec>): Promise<void> {
    const { idf, vocab, byId } = this.libraryVectors!;
    let sliceStart = performance.now(); // reading the records let other messages in
    for (const meta of metas) {
      if (performance.now() - sliceStart > (this.options.vectorSliceMs ?? VECTOR_SLICE_MS)) {
        // With scheduler.yield() instead, a page's request waited out the whole first ask.
        await afterQueuedTasks();
        sliceStart = performance.now();
      }
      let made = byId.get(meta.id);
      if (!made || made.title !== meta.title || made.abstract !== meta.abstract) {
        made = { title: meta.title, abstract: meta.abstract, vector: vectorize(analyzePaper(textOf(meta)), idf, vocab) };
        byId.set(meta.id, made);
      }
      papers.set(meta.id, made.vector);
    }
  }

  /** The user forgot these papers (src/store/forget.ts): the engine forgets them too, on disk as in memory. */
  async forgot(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.load();
    this.corpus.forget(ids);
    for (const id of ids) this.libraryVectors?.byId.delete(id);
    await this.persistCorpus(); // now: the stored statistics name the papers counted
    // The stored model names the seen papers it was trained on (their own pulls): retrained without them.
    await this.labelsChanged();
  }

  /**
   * The interests as stored. Read directly (not through load()): the popup and the options page
   * ask at start, and restoring the model and corpus statistics is not needed to answer.
   */
  async getInterests(): Promise<Interests> {
    return this.loaded ? (await this.loaded, this.interests) : getInterests(this.db);
  }

  /** What the current model learned from the user's papers to read as abbreviations ("CMB" ↔ "cosmic microwave background"). */
  async learnedAbbreviations(): Promise<Array<[string, string]>> {
    await this.load();
    return (this.scorer?.model.abbreviations ?? []).map(([short, long]) => [short, long]);
  }

  /**
   * The interests were replaced (already stored): retrain soon. They are read as stored now, not
   * taken from the caller: a caller that awaited something first (an import telling pages of its
   * papers) would put back interests saved over since.
   */
  async interestsChanged(): Promise<void> {
    await this.load();
    this.interests = await getInterests(this.db);
    await this.labelsChanged();
  }

  /**
   * A star or dismissal changed: retrain soon, and mark the model stale (stored, so that a worker
   * stopped before the retrain learns it when it starts). The retrain is scheduled first: a full
   * disk refusing the mark must not keep this worker from learning the change.
   */
  async labelsChanged(): Promise<void> {
    this.changes++;
    this.scheduleRetrain();
    await this.load();
    if (!this.stale) {
      this.stale = true;
      await writeRelevance(this.db, { stale: this.now() });
    }
  }

  private scheduleRetrain(): void {
    if (this.retrainTimer) clearTimeout(this.retrainTimer);
    this.retrainTimer = setTimeout(() => {
      this.retrainTimer = null;
      void this.retrainNow().catch((error: unknown) => console.error('Paper Radar: retraining failed', error));
    }, this.options.retrainDelayMs ?? 400);
    unref(this.retrainTimer);
  }

  /** Retrains now (one training at a time; a call during one waits for it, then trains again if still stale). */
  async retrainNow(): Promise<void> {
    await this.load();
    if (this.retrainTimer) {
      clearTimeout(this.retrainTimer);
      this.retrainTimer = null;
    }
    let waited = false;
    while (this.training) {
      waited = true;
      await this.training;
    }
    // Another caller's training (e.g. a second tab scoring at the same time) learned everything,
    // on the papers this caller brought. Not when it began before they came: a retrain that
    // started with no paper seen yet would else calibrate the first page's scores on nothing.
    if (waited && !this.needsTraining()) return;
    this.training = this.train().finally(() => (this.training = null));
    await this.training;
  }

  /** Writes pending state now (tests; a worker about to stop). */
  async flush(): Promise<void> {
    // A retrain scheduled or under way: its model is stored before this returns.
    while (this.retrainTimer || this.training) await (this.retrainTimer ? this.retrainNow() : this.training);
    if (this.persistTimer) {
      clearTimeout(this.persistTimer);
      this.persistTimer = null;
      await this.persistCorpus();
    }
  }

  get modelTrainedAt(): number | null {
    return this.scorer?.model.trainedAt ?? null;
  }

  /** Whether there is anything to score by: a model with at least one topic (else pages show no badge). */
  private get scoring(): boolean {
    return (this.scorer?.model.topics.length ?? 0) > 0;
  }

  /** Whether interests alone give something to score by: a topic, or an author followed (see followedOnly in model.ts). */
  private canTrain(): boolean {
    return this.interests.topics.length > 0 || (this.interests.followedAuthors?.length ?? 0) > 0;
  }

  /**
   * Whether scores must wait for a retrain: a change not learned yet, interests with no model, or
   * a model calibrated on (next to) no papers while the corpus has more now. Calibrated on the
   * papers the user meets, not the starred ones: a library of stars imported before any listing
   * was opened left every topic's tiers empty, and every listing scored "0 low" until the corpus
   * doubled.
   */
  private needsTraining(): boolean {
    if (this.stale) return true;
    if (!this.scorer) return this.canTrain();
    const calibratedOn = this.scorer.model.referenceSize ?? this.trainedOn;
    return calibratedOn < MIN_REFERENCE && this.corpus.stats.nDocs > this.trainedOn;
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const [interests, stored] = await Promise.all([getInterests(this.db), readRelevance(this.db)]);
      this.interests = interests;
      this.corpus = createCorpus(parseStats(stored.corpus));
      const model = parseModel(stored.model ?? null);
      this.scorer = model ? new Scorer(model, this.corpus) : null;
      // A model stored by an earlier version scores meanwhile, and is retrained before the next
      // scores; one not read at all (another tokenizer's, damaged) is retrained too: stars alone
      // train one (no topic typed), and nothing else would start it until the next star.
      this.stale = stored.stale !== undefined || (stored.model !== undefined && (model === null || model.v !== MODEL_FORMAT));
      this.trainedOn = stored.trainedOn ?? 0;
      this.options.onLoaded?.(this.scoring);
    })().catch((error: unknown) => {
      this.loaded = null;
      throw error;
    });
    return this.loaded;
  }

  private async train(): Promise<void> {
    const generation = this.changes;
    const feedback = await this.feedback();
    const stars = feedback.some((f) => f.label === 'starred');
    if (!this.canTrain() && !stars) {
      // Nothing to score by: no model (pages show no badge). Pages showing badges are told.
      const hadModel = this.scorer !== null;
      this.scorer = null;
      const learnedAll = this.changes === generation;
      if (learnedAll) this.stale = false;
      await writeRelevance(this.db, { model: null, ...(learnedAll ? { stale: null } : {}) });
      if (hadModel) this.options.onRetrained?.(false);
      return;
    }
    const model = trainModel(this.corpus, this.interests, feedback, { now: this.now() });
    this.scorer = new Scorer(model, this.corpus);
    this.trainedOn = this.corpus.stats.nDocs;
    // A change that arrived while training is not learned yet: it stays stale (its retrain is scheduled).
    const learnedAll = this.changes === generation;
    if (learnedAll) this.stale = false;
    await writeRelevance(this.db, {
      model: JSON.stringify(model),
      corpus: JSON.stringify(this.corpus.stats.toJSON(this.options.storedMinDf ?? 2)),
      trainedOn: this.trainedOn,
      ...(learnedAll ? { stale: null } : {}),
    });
    this.options.onRetrained?.(this.scoring);
  }

  /**
   * Every stored paper with a label: starred (positive), dismissed (strong negative), seen but
   * neither (weak negative). Stored papers join the corpus (once per worker lifetime).
   *
   * A large library is mostly papers seen long ago, which training does not use: only the labeled
   * papers' records are read (reading every record with its abstract took 1.4–2.4 s of each
   * retrain on 48,000 papers with 500 stars), and after the first retrain only the states and
   * records of the papers written since (a star: one). Labeled papers go in id order, ties in
   * when they were seen by id, so that what was kept trains the same model as a fresh read.
   */
  private async feedback(): Promise<Feedback[]> {
    const input = await this.readTrainingInput();
    const labels = [...input.labels.values()];
    // Stars and dismissals all count; of the seen-only papers, the most recently seen
    // (analyzing every stored paper after each worker restart would grow without bound).
    const seenOnly = labels.filter((st) => !st.starred && !st.dismissed && st.lastSeenAt !== null);
    seenOnly.sort((a, b) => b.lastSeenAt! - a.lastSeenAt! || byId(a, b));
    const keptSeen = new Set(seenOnly.slice(0, this.options.maxSeen ?? MAX_SEEN).map((st) => st.id));
    const labeled = labels.flatMap((state) => {
      const label: FeedbackLabel | null = state.starred ? 'starred' : state.dismissed ? 'dismissed' : keptSeen.has(state.id) ? 'seen' : null;
      return label ? [{ state, label }] : [];
    });
    labeled.sort((a, b) => byId(a.state, b.state));
    const unread = labeled.filter(({ state }) => !input.records.has(state.id)).map(({ state }) => state.id);
    // One request per record, unless they are much of the library (a library of stars): then
    // one request for every record beats tens of thousands of small ones.
    const tx = this.db.transaction('papers');
    const read = unread.length > input.labels.size / 4 ? await tx.store.getAll() : await Promise.all(unread.map((id) => tx.store.get(id)));
    await tx.done;
    const fetched = new Map<string, PaperMeta>();
    for (const meta of read) if (meta) fetched.set(meta.id, meta);
    const records = new Map<string, PaperMeta>();
    const out: Feedback[] = [];
    for (const { state, label } of labeled) {
      const meta = input.records.get(state.id) ?? fetched.get(state.id);
      if (!meta) continue;
      records.set(state.id, meta);
      const paper = recordText(meta);
      if (!this.storedPapersAdded) this.corpus.add(paper);
      // A star tagged with a topic's name is filed under that topic (else: its best match).
      const topicIds = label === 'starred' ? topicsTagged(state.tags, this.interests.topics) : [];
      const at = label === 'starred' ? (state.starredAt ?? undefined) : undefined;
      out.push({ paper, label, ...(topicIds.length > 0 ? { topicIds } : {}), ...(at !== undefined ? { at } : {}), ...(state.lastSeenAt === null ? { unseen: true } : {}) });
    }
    // Only the papers learned from (the others may not be needed again), and only so many: their
    // text is kept besides their analysis (≈ 1.2 KB a paper with its abstract).
    input.records = records.size <= (this.options.keptRecordsMax ?? KEPT_RECORDS_MAX) ? records : new Map();
    this.storedPapersAdded = true;
    return out;
  }

  /** Every stored paper's labels: kept from the last retrain, with the papers written since read again. */
  private async readTrainingInput(): Promise<NonNullable<RelevanceService['trainingInput']>> {
    const kept = this.trainingInput;
    const changes = kept && (await libraryChangesSince(this.db, kept.generation, TRAINING_PATCH_MAX));
    if (kept && changes) {
      for (const id of changes.gone) {
        kept.labels.delete(id);
        kept.records.delete(id);
      }
      for (const record of changes.records) {
        kept.labels.set(record.id, labelsOf(record));
        kept.records.set(record.id, record); // its title or abstract may have changed
      }
      kept.generation = changes.generation;
      return kept;
    }
    const generation = libraryGeneration(this.db); // before reading: a write meanwhile moves it
    const states = await this.db.getAll('states');
    this.trainingInput = { generation, labels: new Map(states.map((state) => [state.id, labelsOf(state)])), records: new Map() };
    return this.trainingInput;
  }

  private schedulePersist(): void {
    if (this.persistTimer) return;
    this.persistTimer = setTimeout(() => {
      this.persistTimer = null;
      void this.persistCorpus().catch((error: unknown) => console.error('Paper Radar: could not store corpus statistics', error));
    }, this.options.persistDelayMs ?? 2000);
    unref(this.persistTimer);
  }

  /** Stops pending work (tests: before the database closes). */
  dispose(): void {
    if (this.retrainTimer) clearTimeout(this.retrainTimer);
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.retrainTimer = this.persistTimer = null;
  }

  private async persistCorpus(): Promise<void> {
    await writeRelevance(this.db, { corpus: JSON.stringify(this.corpus.stats.toJSON(this.options.storedMinDf ?? 2)) });
  }
}

function labelsOf({ id, starred, dismissed, lastSeenAt, starredAt, tags }: PaperState & { id: string }): Labels {
  return { id, starred, dismissed, lastSeenAt, starredAt, tags };
}

/** Id order, as the store keeps records. */
const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** In Node (tests), a pending timer does not keep the process alive; browsers have no unref. */
function unref(timer: unknown): void {
  (timer as { unref?: () => void } | null)?.unref?.();
}

/** The stored papers as More like this and search by meaning compare them: each one's vector by id, with the idf and vocabulary they were made with. */
interface Library {
  papers: ReadonlyMap<string, SparseVec>;
  idf: IdfTable;
  vocab: Vocab;
}

/**
 * A term of an explanation as termsToName compares it: its stems (a bigram's two are one term),
 * as a keyword's are (a family's own term "critic~critic" is "critic", "CLIP" is "clip").
 */
function scoreTerm(t: TermContribution): ScoreTerm {
  return { text: t.text, stems: t.term.split(BIGRAM_SEP).map(baseStem) };
}

/** What the engine reads of a paper; categories (primary first) only feed topics' preferred categories. */
/** Each record's text, made once: training passes the same kept records at every retrain (see Corpus.analyzeText). */
const recordTexts = new WeakMap<PaperMeta, PaperText>();

function recordText(meta: PaperMeta): PaperText {
  let text = recordTexts.get(meta);
  if (!text) recordTexts.set(meta, (text = textOf(meta)));
  return text;
}

function textOf(meta: PaperMeta): PaperText {
  const categories = meta.primaryCategory && !meta.subjects.includes(meta.primaryCategory) ? [meta.primaryCategory, ...meta.subjects] : meta.subjects;
  return { id: meta.id, title: meta.title, abstract: meta.abstract, authors: meta.authors, categories };
}

/** The stored corpus statistics, in either format (see SerializedCorpusStats); null when missing or malformed. */
function parseStats(json: string | undefined): SerializedCorpusStats | SerializedCorpusStatsV1 | null {
  if (!json) return null;
  try {
    const stats = JSON.parse(json) as SerializedCorpusStats | SerializedCorpusStatsV1;
    if (!stats || !Array.isArray(stats.ids) || !Array.isArray(stats.df)) return null;
    if (stats.v === 1) return Array.isArray(stats.terms) ? stats : null;
    return stats.v === 2 && Array.isArray(stats.stems) && Array.isArray(stats.first) && Array.isArray(stats.second) ? stats : null;
  } catch {
    return null;
  }
}
