/**
 * Training: one linear model per topic, from what the user typed and did. Pure, no browser APIs.
 *
 * For each topic the training set is
 *   + the topic's starred papers                          weight 1
 *   + the typed keywords as one pseudo-paper               weight max(1, stars): the interests
 *     never vanish under the stars, so the model does not do worse than the interests alone
 *   + pseudo-relevance feedback: the unlabeled corpus papers that match the keywords best
 *     (BM25, interests.ts), 1 % of the corpus (10–100 papers)  weight 0.2 each
 *   − dismissed papers ("not interested")                 weight 3 (a strong negative)
 *   − seen-but-not-starred papers                         weight 1 (a weak negative: the user
 *     may simply not have read them)
 * with classes balanced by count, learned by a linear SVM (svm.ts), C = 0.1.
 *
 * Pseudo-relevance feedback is what lets a few keywords reach papers that use other words for the
 * same thing: the best keyword matches bring their vocabulary into the model. In our evaluation
 * it lifted average precision by about 0.035 with no stars and 0.01 with 30.
 *
 * The final score of a topic is a z-score against the papers the user sees (the reference set):
 *   f = (a · svm(x) + c · interest(x) + b · inCategory(x) − μ) / σ
 * where interest(x) is the topic's BM25 keyword score and c gives it a fixed share
 * (interestShare) of the svm's spread, and inCategory(x) is 1 when the paper is listed in one of
 * the topic's preferred arXiv categories (b = categoryBonus). So 0 is a typical paper and 2 is two
 * standard deviations above it. The tiers come from the share of papers the user stars (see
 * calibrate()). A paper trained on without the user's say (seen, pseudo-relevant) is scored with
 * its own pull on the weights taken back, as if it had not been trained on (see ownPulls). Categories are never text features: the evaluation (scripts/eval-relevance.ts)
 * gives none, and with none f is exactly what it was without them.
 */
import { ARXIV_CATEGORY, matchingCategories } from './categories';
import { alsoWritten, localAbbreviations, withLocal, type Abbreviation } from './abbreviations';
import { authorKeys, compilePhrases, keywordScore, keywordScores, type CompiledPhrase, type Interests, type KeywordPhrase, type Topic } from './interests';
import { TOKENIZER_VERSION, countTerms, forEachTerm, surfaceText, tokenize, type TokenStream } from './tokenize';
import { decision, trainSvm, type TrainExample } from './svm';
import type { Corpus } from './corpus';
import { isAnalyzed, vectorizeTerms, type AnalyzedPaper, type PaperText } from './vectorize';

export type FeedbackLabel = 'starred' | 'dismissed' | 'seen';

export interface Feedback {
  paper: PaperText | AnalyzedPaper;
  label: FeedbackLabel;
  /** For a star: the topics it was starred for. Unset: the best-matching topic (see assignTopics). */
  topicIds?: readonly string[];
  /** For a star: when it was given (epoch ms); the newest stars keep their sketches (sketchMax). */
  at?: number;
  /**
   * The paper was never seen on a listing (a star imported from a file): it says what the user
   * likes, not how much of a listing they star, so calibrate leaves it out of that share (a
   * library of 1,000 imported stars made the top quarter of every listing "high").
   */
  unseen?: boolean;
}

/**
 * Hyperparameters. None is fitted to one dataset: C and the tolerance are liblinear's and
 * arxiv-sanity's usual values, the rest are shares and weights that read the same in any field.
 */
export const TRAINING = {
  C: 0.1,
  /** Stopping tolerance of the solver (liblinear's default for this dual). */
  tol: 0.1,
  dismissedWeight: 3,
  seenWeight: 1,
  prfWeight: 0.2,
  /** Pseudo-relevant papers: this share of the unlabeled corpus, within [prfMin, prfMax]. */
  prfShare: 0.01,
  prfMin: 10,
  prfMax: 100,
  /** The keyword score's weight in f relative to the svm's, each measured in its own spread. */
  interestShare: 0.1,
  /** At most this many reference papers for spreads and percentiles (an even sample). */
  referenceMax: 2000,
  /** Weights kept per topic (the largest in magnitude): keeps the stored model small. */
  maxTerms: 10_000,
  /** Prior share of relevant papers (5 %), worth this many labeled papers, for the tiers. */
  baseRate: 0.05,
  baseRateStrength: 40,
  /**
   * What a paper listed in one of a topic's preferred categories gains, in the svm's standard
   * deviations, before f is put on the reference set's z-scale. Half a deviation: it lifts a
   * borderline paper over a tier line but never makes an off-topic one relevant, since a
   * category ("cs.LG") is far broader than a topic. As it is added before the z-scale, it is
   * relative: if every paper the user sees is in the category, it moves none of them.
   */
  categoryBonus: 0.5,
  /**
   * 1: a paper trained on without the user's say (seen, or pseudo-relevant) is scored as if it
   * had not been (see ownPulls); 0: as trained (the evaluation's A/B: `--param heldOut=0`).
   */
  heldOut: 1,
  /** At most this many papers per topic keep their own pull (the largest). */
  ownPullMax: 5_000,
  /** A starred paper's sketch (see StarSketch) keeps its this many strongest terms… */
  sketchTerms: 64,
  /** …and at most this many stars keep one (the newest: Feedback.at). */
  sketchMax: 1_000,
} as const;

export type TrainingParams = { -readonly [K in keyof typeof TRAINING]: number };

/** The part of the model that one topic needs to score a paper. Plain JSON. */
export interface TopicModel {
  id: string;
  name: string;
  phrases: CompiledPhrase[];
  /** Terms (stems and "stem stem" bigrams) and their weights, already scaled into f units. */
  terms: string[];
  weights: number[];
  /** f = Σ weights·x + interestWeight · interest + offset (+ categoryWeight, see below). */
  interestWeight: number;
  offset: number;
  /** Preferred arXiv categories, lowercased (Topic.categories); absent when none. */
  categories?: string[];
  /** Added to f when the paper is listed in one of `categories`. */
  categoryWeight?: number;
  /** f at percentiles 0, 1, …, 100 of the reference set (empty when there was none: then no paper stands out, see toScore). */
  quantiles: number[];
  /** f at or above: tier "high" (relevant); at or above `medium`: tier "medium". */
  high: number;
  medium: number;
  nStars: number;
  /**
   * The ids of the stars it was learned from (an explanation says a star's score is its star's).
   * Absent in models stored before it existed: then only the sketched stars are known (`stars`).
   */
  starIds?: string[];
  /**
   * Paper id → its own pull on its f, for the papers trained on without the user's say (seen:
   * negative; pseudo-relevant: positive). Scores subtract it (see ownPulls). Absent in models
   * stored before it existed: then none.
   */
  ownPull?: Record<string, number>;
}

/**
 * A starred paper as explanations compare others with it ("like “…”, which you starred"): its
 * strongest TF-IDF terms, their weights scaled to unit length again, so that the dot product
 * with a paper's (unit) vector is close to the two papers' cosine similarity.
 */
export interface StarSketch {
  id: string;
  /** As listed, cut to SKETCH_TITLE characters. */
  title: string;
  /** The topics it was filed under (see assignTopics). */
  topics: string[];
  terms: string[];
  weights: number[];
}

/** Each labeled paper's definitions (findDefinitions), found once: the corpus keeps labeled papers analyzed between retrains. */
const definitionsFound = new WeakMap<AnalyzedPaper, ReadonlyArray<readonly [string, string]>>();

/**
 * The stored model's format. 2: with own pulls (TopicModel.ownPull); 3: with star sketches
 * (RelevanceModel.stars); 4: keyword phrases with their other forms (CompiledPhrase.forms); 5: with
 * nouns and adjectives (adjectives.ts) and Latin and Greek plurals (plurals.ts) among those forms,
 * and the ids of the papers dismissed. An older model still
 * scores (as trained, without "like …"), and the worker retrains it before its next scores (the
 * migration).
 */
export const MODEL_FORMAT = 5;

export interface RelevanceModel {
  v: 1 | 2 | 3 | 4 | typeof MODEL_FORMAT;
  tokenizerVersion: number;
  trainedAt: number;
  /** Mean paper length at training, for the keyword scores' length normalization. */
  avgLength: number;
  topics: TopicModel[];
  followedAuthors: string[];
  mutedAuthors: string[];
  mutedKeywords: CompiledPhrase[];
  /** Term → the words most often written for it in the training papers. */
  surface: Record<string, string>;
  /** The starred papers others are compared with; absent in models stored before format 3. */
  stars?: StarSketch[];
  /**
   * The abbreviations the papers it learned from define, where the shipped table says nothing
   * or otherwise (localAbbreviations); absent when none. Search by meaning reads texts with them.
   */
  abbreviations?: Abbreviation[];
  /**
   * How many papers the tiers were calibrated on (the reference set: papers seen or met on pages,
   * never starred or dismissed; at most TRAINING.referenceMax). Absent in models stored before it.
   */
  referenceSize?: number;
  /**
   * The papers the user dismissed, as trained on: a keyword in the title lifts none of them to
   * medium (shownScore in score.ts), since the user said otherwise. Absent before format 5.
   */
  dismissedIds?: string[];
}

export interface TrainOptions {
  /** Epoch ms to record (tests pass a fixed one). */
  now?: number;
  /** Overrides of TRAINING (for experiments). */
  params?: Partial<TrainingParams>;
}

/** With no topic typed yet, stars still train one. */
export const DEFAULT_TOPIC: Topic = { id: 'starred', name: 'Starred', keywords: [] };
/** With no topic and no star, authors followed still rank: see followedOnly. */
export const FOLLOWED_TOPIC: Topic = { id: 'followed', name: 'Followed authors', keywords: [] };

const SURFACE_PAPERS = 300;
const SKETCH_TITLE = 200;
/** Terms spelled per topic, for and against each. */
const SURFACE_TERMS = 100;

/** Rounds stored figures to 6 decimals: shorter JSON, and what is stored is exactly what scores. */
const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * Trains the model for every topic. `corpus` holds the papers the user has seen (its unlabeled
 * ones feed pseudo-relevance feedback and the reference set); feedback papers need not be in it.
 */
export function trainModel(corpus: Corpus, interests: Interests, feedback: readonly Feedback[], options: TrainOptions = {}): RelevanceModel {
  const P: TrainingParams = { ...TRAINING, ...options.params };
  const idf = corpus.idf();
  const avgLength = idf.avgLength;
  const hasStars = feedback.some((f) => f.label === 'starred');
  const followedAuthors = authorKeys(interests.followedAuthors);
  const typed = interests.topics.length > 0 ? interests.topics : hasStars ? [DEFAULT_TOPIC] : followedAuthors.length > 0 ? [FOLLOWED_TOPIC] : [];

  // Stars go to their topics; everything else is a negative for every topic.
  // Learned from the text each paper is stored with, whatever a page showed of it.
  const labeled = feedback.map((f) => ({ f, a: corpus.analyzeText(f.paper) }));
  // The next retrain reads the same papers again: keep them analyzed even out of the window.
  corpus.retain(labeled.map((l) => l.a));
  const unseen = new Set(labeled.flatMap((l) => (l.f.unseen === true ? [l.a] : [])));
  /** Whether the paper counts toward the share of a listing the user stars (calibrate). */
  const onListings = (a: AnalyzedPaper) => !unseen.has(a);
  const localPairs = localAbbreviations(
    labeled.flatMap(({ f, a }) => (isAnalyzed(f.paper) ? [] : [{ analyzed: a, text: `${f.paper.title}. ${f.paper.abstract ?? ''}` }])),
    definitionsFound,
  );
  const abbreviations = withLocal(localPairs);
  const typedPhrases = typed.map((t) => compilePhrases(t.keywords, idf, abbreviations));
  // Each star's topics. With several topics, a star none of them names (no tag of theirs, no
  // keyword) is about none of them: filed under "Starred", a topic of its own, not under every
  // one (a string-theory paper starred made string theory "high" for a topic on language models).
  // With one topic, under it: its keywords may not say all the user reads.
  const filedAs = labeled.map(({ f, a }) => (f.label === 'starred' ? assignTopics(a, f, typed, typedPhrases, avgLength) : null));
  const unnamed = typed.length > 1 && !typed.some((t) => t.id === DEFAULT_TOPIC.id) && filedAs.some((filed) => filed?.size === 0);
  const topics = unnamed ? [...typed, DEFAULT_TOPIC] : typed;
  const phrases = unnamed ? [...typedPhrases, []] : typedPhrases;
  const starsByTopic = new Map<string, AnalyzedPaper[]>(topics.map((t) => [t.id, []]));
  const negatives: TrainExample[] = [];
  // The seen papers among the negatives, by their index there (see ownPulls).
  const seenAt: Array<AnalyzedPaper | null> = [];
  const sketched: Array<{ f: Feedback; a: AnalyzedPaper; filed: Set<string> }> = [];
  for (const [i, { f, a }] of labeled.entries()) {
    if (f.label === 'starred') {
      const named = filedAs[i]!;
      const filed = named.size > 0 ? named : unnamed ? new Set([DEFAULT_TOPIC.id]) : new Set(typed.map((t) => t.id));
      for (const id of filed) starsByTopic.get(id)!.push(a);
      if (!isAnalyzed(f.paper) && f.paper.title !== '') sketched.push({ f, a, filed });
    } else {
      negatives.push({ x: corpus.vector(a), y: -1, weight: f.label === 'dismissed' ? P.dismissedWeight : P.seenWeight });
      seenAt.push(f.label === 'seen' ? a : null);
    }
  }

  const sketches = sketched
    .sort((p, q) => (q.f.at ?? 0) - (p.f.at ?? 0))
    .slice(0, P.sketchMax)
    .map(({ f, a, filed }) => sketch(a, (f.paper as PaperText).title, [...filed], corpus, P.sketchTerms));

  // Unlabeled corpus papers are the candidates for pseudo-relevance feedback.
  const labeledIds = new Set(labeled.map((l) => l.a.id));
  const unlabeled = corpus.all().filter((a) => !labeledIds.has(a.id));
  const prfK = Math.min(P.prfMax, Math.max(P.prfMin, Math.round(unlabeled.length * P.prfShare)));
  const reference = referenceSample(
    labeled.filter((l) => l.f.label === 'seen').map((l) => l.a),
    unlabeled,
    P.referenceMax,
  );
  const refVecs = reference.map((a) => corpus.vector(a));

  // Keyword scores of the corpus, for every topic in one pass (cached until the corpus changes:
  // retraining after a star reuses them).
  const corpusInterest = corpus.cached(`interest:${JSON.stringify(phrases)}`, () => corpusKeywordScores(corpus, phrases, avgLength));

  const surfaceCounts = new Map<string, Map<string, number>>();
  /** The unlabeled papers trained on as relevant (every topic's): their words have weights too. */
  const pseudoRelevant = new Set<AnalyzedPaper>();
  const topicModels = topics.map((topic, ti): TopicModel => {
    if (topic === FOLLOWED_TOPIC) return followedOnly(topic);
    const tp = phrases[ti]!;
    const stars = starsByTopic.get(topic.id)!;

    const interest = corpusInterest[ti]!;
    const prf = topPositive(interest, labeledIds, prfK);
    for (const a of prf) pseudoRelevant.add(a);

    const examples: TrainExample[] = [...negatives];
    // The paper behind each example whose own pull is taken back (see ownPulls); null for what
    // the user said (stars, dismissals) and for the keywords.
    const unsaid: Array<AnalyzedPaper | null> = [...seenAt];
    const add = (example: TrainExample, paper: AnalyzedPaper | null) => {
      examples.push(example);
      unsaid.push(paper);
    };
    for (const a of stars) add({ x: corpus.vector(a), y: 1, weight: 1 }, null);
    const kw = keywordTerms(topic.keywords, abbreviations);
    if (kw.size > 0) add({ x: vectorizeTerms(kw, idf, corpus.vocab), y: 1, weight: Math.max(1, stars.length) }, null);
    for (const a of prf) add({ x: corpus.vector(a), y: 1, weight: P.prfWeight }, a);
    const svm = trainSvm(examples, corpus.vocab.size, { C: P.C, tol: P.tol });
    const kept = prune(svm.w, P.maxTerms);
    const pulls = P.heldOut > 0 ? ownPulls(examples, unsaid, svm.alpha) : new Map<AnalyzedPaper, number>();

    // Put the svm and the keyword score on one scale, then f on the reference set's z-scale.
    // The reference set's papers, too, count as if they had not been trained on.
    const svmRef = Float64Array.from(refVecs, (x, k) => decision(svm, x) - (pulls.get(reference[k]!) ?? 0));
    // A window paper missing from `interest` scores 0; a labeled one out of the window is scored here.
    const intRef = Float64Array.from(reference, (a) => interest.get(a) ?? (corpus.holds(a) ? 0 : keywordScore(a, tp, avgLength)));
    const a = 1 / meanStd(svmRef).std;
    const c = intRef.some((v) => v > 0) ? P.interestShare / meanStd(intRef).std : 0;
    const categories = preferredCategories(topic);
    const inCategory = (x: AnalyzedPaper) => (categories.length > 0 && matchingCategories(x.categories, categories).length > 0 ? P.categoryBonus : 0);
    const raw = svmRef.map((s, k) => a * s + c * intRef[k]! + inCategory(reference[k]!));
    const { mean, std } = reference.length >= 2 ? meanStd(raw) : { mean: 0, std: 1 };
    const f = raw.map((v) => (v - mean) / std).sort();

    // The strongest terms each way: those against are weaker, and fewer, than those for.
    for (const sign of [1, -1]) {
      for (const j of largest(kept.filter((j) => sign * svm.w[j]! > 0), svm.w, SURFACE_TERMS)) surfaceCounts.set(corpus.vocab.term(j), new Map());
    }
    return {
      id: topic.id,
      name: topic.name,
      phrases: tp.map((p) => ({ ...p, idf: round(p.idf) })),
      terms: Array.from(kept, (j) => corpus.vocab.term(j)),
      weights: Array.from(kept, (j) => round((svm.w[j]! * a) / std)),
      interestWeight: round(c / std),
      offset: round((svm.bias * a - mean) / std),
      ...(categories.length > 0 ? { categories, categoryWeight: round(P.categoryBonus / std) } : {}),
      ...calibrate(f, stars.filter(onListings).length, labeled.filter((l) => onListings(l.a)).length, P),
      nStars: stars.length,
      starIds: stars.map((star) => star.id),
      ...(pulls.size > 0 ? { ownPull: inF(pulls, a / std, P.ownPullMax) } : {}),
    };
  });

  const byStarsFirst = labeled.filter((l) => l.f.label === 'starred').concat(labeled.filter((l) => l.f.label !== 'starred')).map((l) => l.a);
  return {
    v: MODEL_FORMAT,
    tokenizerVersion: TOKENIZER_VERSION,
    trainedAt: options.now ?? Date.now(),
    avgLength: round(avgLength),
    topics: topicModels,
    followedAuthors,
    mutedAuthors: authorKeys(interests.mutedAuthors),
    mutedKeywords: compilePhrases(interests.mutedKeywords ?? [], idf, abbreviations).map((p) => ({ ...p, idf: round(p.idf) })),
    surface: surfaceWords(
      byStarsFirst.slice(0, SURFACE_PAPERS),
      [...byStarsFirst.slice(SURFACE_PAPERS), ...pseudoRelevant],
      surfaceCounts,
      topics.flatMap((t) => t.keywords.map((k) => tokenize(typeof k === 'string' ? k : k.phrase))),
    ),
    ...(sketches.length > 0 ? { stars: sketches } : {}),
    ...(localPairs.length > 0 ? { abbreviations: localPairs } : {}),
    referenceSize: reference.length,
    dismissedIds: labeled.filter((l) => l.f.label === 'dismissed').map((l) => l.a.id),
  };
}

/** A starred paper's sketch: its `k` strongest terms, scaled to unit length (3 decimals). */
function sketch(a: AnalyzedPaper, title: string, topics: string[], corpus: Corpus, k: number): StarSketch {
  const x = corpus.vector(a);
  const strongest = Array.from(x.idx.keys()).sort((p, q) => x.val[q]! - x.val[p]!).slice(0, k);
  const norm = Math.hypot(...strongest.map((i) => x.val[i]!)) || 1;
  return {
    id: a.id,
    title: title.length > SKETCH_TITLE ? `${title.slice(0, SKETCH_TITLE - 1)}…` : title,
    topics,
    terms: strongest.map((i) => corpus.vocab.term(x.idx[i]!)),
    weights: strongest.map((i) => Math.round((x.val[i]! / norm) * 1e3) / 1e3),
  };
}

/**
 * The tiers. We expect a share `rate` of papers to be relevant to a topic: the topic's share of
 * the user's labels (stars / labeled papers), pulled toward baseRate while labels are few. Then
 * "high" is the top `rate` of the reference papers (the ones the user sees) and "medium" the next
 * 2 × rate. So a user who stars 2 % of what they see gets about 2 % flagged relevant.
 */
export function calibrate(sortedF: Float64Array, nStars: number, nLabeled: number, P: TrainingParams): Pick<TopicModel, 'quantiles' | 'high' | 'medium'> {
  if (sortedF.length === 0) return { quantiles: [], high: 0, medium: -1 };
  const rate = Math.min(0.25, Math.max(0.01, (nStars + P.baseRate * P.baseRateStrength) / (nLabeled + P.baseRateStrength)));
  return {
    quantiles: Array.from({ length: 101 }, (_, p) => round(quantile(sortedF, p / 100))),
    high: round(quantile(sortedF, 1 - rate)),
    medium: round(quantile(sortedF, 1 - 3 * rate)),
  };
}

/**
 * The topics a star belongs to: the ones it was starred for, else the topic whose keywords match it
 * best; none when neither (trainModel decides).
 */
export function assignTopics(a: AnalyzedPaper, f: Feedback, topics: readonly Topic[], phrases: CompiledPhrase[][], avgLen: number): Set<string> {
  const known = new Set(topics.map((t) => t.id));
  const given = (f.topicIds ?? []).filter((id) => known.has(id));
  if (given.length > 0) return new Set(given);
  let best = -1;
  let bestScore = 0;
  topics.forEach((_, i) => {
    const s = keywordScore(a, phrases[i]!, avgLen);
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  });
  return best >= 0 ? new Set([topics[best]!.id]) : new Set();
}

/** The keywords of a topic as one short pseudo-paper (term counts scaled by each phrase's weight). */
function keywordTerms(keywords: ReadonlyArray<string | KeywordPhrase>, abbreviations: readonly Abbreviation[]): Map<string, number> {
  const terms = new Map<string, number>();
  for (const k of keywords) {
    const w = typeof k === 'string' ? 1 : (k.weight ?? 1);
    const text = typeof k === 'string' ? k : k.phrase;
    if (w > 0) for (const form of [text, ...alsoWritten(text, abbreviations)]) countTerms(tokenize(form), terms, w);
  }
  return terms;
}

/**
 * Every topic's keyword score of every corpus paper that matches one of its phrases, in corpus
 * order (the others score 0). One pass over each paper's words for all topics' phrases.
 */
function corpusKeywordScores(corpus: Corpus, phrases: readonly CompiledPhrase[][], avgLen: number): Map<AnalyzedPaper, number>[] {
  const out = phrases.map(() => new Map<AnalyzedPaper, number>());
  const all = phrases.flat();
  if (all.length === 0) return out;
  for (const a of corpus.all()) {
    const scores = keywordScores(a, phrases, all, avgLen);
    for (let t = 0; t < scores.length; t++) if (scores[t]! > 0) out[t]!.set(a, scores[t]!);
  }
  return out;
}

/**
 * The topic of a user who follows authors but typed no topic and starred nothing: every paper is
 * at f = 0, so a followed author's bonus (FOLLOW_BONUS in score.ts) alone makes a paper stand
 * out, "high", and every other paper is "0 low". Nothing is learned: with no keyword and no star
 * to learn from, a model trained on the papers seen ranked them by chance, above the followed
 * authors' papers. Before, nothing was scored at all: no badge, no Recommended.
 */
function followedOnly(topic: Topic): TopicModel {
  return { id: topic.id, name: topic.name, phrases: [], terms: [], weights: [], interestWeight: 0, offset: 0, quantiles: new Array<number>(101).fill(0), high: 0, medium: 0, nStars: 0 };
}

/** A topic's preferred categories as matched: lowercased, valid, once each. */
export function preferredCategories(topic: Topic): string[] {
  return [...new Set((topic.categories ?? []).map((c) => c.trim().toLowerCase()).filter((c) => ARXIV_CATEGORY.test(c)))];
}

/** The seen papers and an even sample of the unlabeled ones: at most `max` papers in all. */
function referenceSample(seen: readonly AnalyzedPaper[], unlabeled: readonly AnalyzedPaper[], max: number): AnalyzedPaper[] {
  const n = seen.length + unlabeled.length;
  const step = Math.max(1, n / max);
  const out: AnalyzedPaper[] = [];
  for (let x = 0; x < n; x += step) {
    const r = Math.floor(x);
    out.push(r < seen.length ? seen[r]! : unlabeled[r - seen.length]!);
  }
  return out;
}

/** Zeroes all but the `max` largest weights; returns the indices of the non-zero ones. */
function prune(w: Float64Array, max: number): Int32Array {
  let nonZero = 0;
  for (let j = 0; j < w.length; j++) if (w[j] !== 0) nonZero++;
  const used = new Int32Array(nonZero);
  for (let j = 0, k = 0; j < w.length; j++) if (w[j] !== 0) used[k++] = j;
  const kept = largest(used, w, max);
  if (kept.length < used.length) {
    const keep = new Uint8Array(w.length);
    for (const j of kept) keep[j] = 1;
    for (const j of used) if (!keep[j]) w[j] = 0;
  }
  return kept;
}

/** The (at most k) indices of `idx` with the largest |w|, in the order of `idx`. */
function largest(idx: Int32Array, w: Float64Array, k: number): Int32Array {
  if (idx.length <= k) return idx;
  const mags = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) mags[i] = Math.abs(w[idx[i]!]!);
  const cut = kthSmallest(mags, mags.length - k);
  const out = new Int32Array(k);
  let n = 0;
  for (let i = 0; i < idx.length && n < k; i++) if (Math.abs(w[idx[i]!]!) >= cut) out[n++] = idx[i]!;
  return out.subarray(0, n);
}

/**
 * The value that would be at index r if `a` were sorted (a is reordered): quickselect, linear
 * time. Training prunes 100,000+ weights to 10,000 per topic, where a full sort cost ~40 ms.
 */
export function kthSmallest(a: Float64Array, r: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    // Median of three as the pivot, then Hoare partition.
    const mid = (lo + hi) >> 1;
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (r <= j) hi = j;
    else if (r >= i) lo = i;
    else return a[r]!;
  }
  return a[r]!;
}

/** The papers (ids not in `excluded`) with the k largest values > 0, best first; ties in map order. */
function topPositive(values: Map<AnalyzedPaper, number>, excluded: ReadonlySet<string>, k: number): AnalyzedPaper[] {
  return [...values.entries()]
    .filter(([a, v]) => v > 0 && !excluded.has(a.id))
    .sort((a, b) => b[1] - a[1]) // stable: ties keep corpus order
    .slice(0, k)
    .map(([a]) => a);
}

/** Percentile p (0..1) of a sorted array, linearly interpolated. */
function quantile(sorted: Float64Array, p: number): number {
  const x = p * (sorted.length - 1);
  const lo = Math.floor(x);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (x - lo);
}

function meanStd(xs: Float64Array): { mean: number; std: number } {
  if (xs.length === 0) return { mean: 0, std: 1 };
  let m = 0;
  for (const x of xs) m += x;
  m /= xs.length;
  let v = 0;
  for (const x of xs) v += (x - m) * (x - m);
  const std = Math.sqrt(v / xs.length);
  return { mean: m, std: std > 1e-9 ? std : 1 };
}

/**
 * The usual spelling of the wanted terms in some papers, so explanations of the model can say
 * "language models", not "languag model". (Explaining one paper uses that paper's own words.)
 * The spelling is the one most used in `papers`; a term none of them wrote takes the first
 * spelling found in `further` (the other papers trained on: with thousands of seen papers, the
 * strongest terms against are often written in none of the first few hundred), or else as the
 * user typed it in a keyword phrase: the phrases are strong terms, and a new model has few papers.
 */
function surfaceWords(
  papers: readonly AnalyzedPaper[],
  further: Iterable<AnalyzedPaper>,
  wanted: Map<string, Map<string, number>>,
  typed: readonly TokenStream[],
): Record<string, string> {
  const count = (a: AnalyzedPaper, terms: Map<string, Map<string, number>>) => {
    for (const ts of [a.title, a.abstract]) {
      forEachTerm(ts, (term, first, last) => {
        const m = terms.get(term);
        if (m) m.set(surfaceText(ts, first, last), (m.get(surfaceText(ts, first, last)) ?? 0) + 1);
      });
    }
  };
  for (const a of papers) count(a, wanted);
  // Not a term only a keyword has (no paper it was trained on writes it: they would all be read
  // for nothing, at every retrain); it is spelled as typed, below.
  const typedTerms = new Set<string>();
  for (const ts of typed) forEachTerm(ts, (term) => void typedTerms.add(term));
  const unwritten = new Map([...wanted].filter(([term, m]) => m.size === 0 && !typedTerms.has(term)));
  for (const a of further) {
    if (unwritten.size === 0) break;
    count(a, unwritten);
    for (const [term, m] of unwritten) if (m.size > 0) unwritten.delete(term);
  }
  // No prototype: a term is any word ("constructor" too), never an inherited property.
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [t, m] of wanted) {
    let best = '';
    let n = 0;
    for (const [w, c] of m) if (c > n || (c === n && w < best)) [best, n] = [w, c];
    if (best) out[t] = best;
  }
  for (const ts of typed) {
    forEachTerm(ts, (term, first, last) => {
      if (wanted.has(term) && !Object.hasOwn(out, term)) out[term] = surfaceText(ts, first, last);
    });
  }
  return out;
}

/**
 * Each paper's own pull on its decision value, for the examples `unsaid` names (else null).
 *
 * Why: a seen paper is a (weak) negative, and the solver gives most weight to the negatives that
 * look most like the positives — the very papers the keywords match — each pulling its own words
 * down. Scored as trained, a paper fell from "high" to "low" once the user had scrolled past it,
 * and the Recommended view (papers all seen) was scored low throughout; likewise the best keyword
 * matches, trained on as pseudo-relevant, scored higher than they would have otherwise.
 *
 * How: w = Σ alpha_i y_i x_i, so example i moved its own decision by alpha_i y_i |x_i|² (its
 * share of the bias moves every paper alike). Taking that back is the classic leave-one-out
 * estimate (the other coefficients would shift a little to make up for it). Through all of the
 * paper's words, the pruned ones too: counted through the kept words only, seen papers scored
 * further from their unseen scores (docs/relevance.md); explanations name only the kept ones.
 */
function ownPulls(examples: readonly TrainExample[], unsaid: ReadonlyArray<AnalyzedPaper | null>, alpha: Float64Array): Map<AnalyzedPaper, number> {
  const out = new Map<AnalyzedPaper, number>();
  unsaid.forEach((a, i) => {
    const coefficient = alpha[i]!;
    if (!a || coefficient <= 0) return;
    const { x, y } = examples[i]!;
    let squared = 0;
    for (const v of x.val) squared += v * v;
    out.set(a, (out.get(a) ?? 0) + coefficient * y * squared);
  });
  return out;
}

/**
 * The pulls in f units (× `scale`), the `max` largest in size, by paper id. To a thousandth of a
 * standard deviation (a score point is a few hundredths): nearly every seen paper has one (a
 * median of ≈ 0.2 with 5,000 labeled papers), so this is most of the stored model's growth.
 */
function inF(pulls: ReadonlyMap<AnalyzedPaper, number>, scale: number, max: number): Record<string, number> {
  const largest = [...pulls].sort((p, q) => Math.abs(q[1]) - Math.abs(p[1])).slice(0, max);
  const out: Record<string, number> = {};
  for (const [a, v] of largest) {
    const f = Math.round(v * scale * 1000) / 1000;
    if (f !== 0) out[a.id] = f;
  }
  return out;
}
