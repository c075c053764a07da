/**
 * Scoring with a trained model: per-topic z-scores, a 0–100 score, a tier, and explanations.
 * Pure, no browser APIs.
 *
 * f (see model.ts) is in standard deviations above the typical paper the user sees. Rules then
 * move it: a followed author lifts it by FOLLOW_BONUS, a muted keyword or author drops it by
 * MUTE_PENALTY and caps the tier at "low"; a paper in one of a topic's preferred arXiv categories
 * gains that topic's categoryWeight (about half a standard deviation, see TRAINING.categoryBonus).
 * The 0–100 score is piecewise linear in f, anchored on the calibrated tiers: low 0–50 (by
 * percentile among the papers the user sees), medium 50–75, high 75–100. "Relevant" means tier
 * high for at least one topic.
 */
import { matchingCategories } from './categories';
import { keywordScoreOf, matchingAuthors, phraseCounts, phraseScore, type PhraseMatch } from './interests';
import type { Corpus } from './corpus';
import { forEachTerm, surfaceText } from './tokenize';
import type { RelevanceModel, StarSketch, TopicModel } from './model';
import { termSurface } from './term-surface';
import type { AnalyzedPaper, PaperText, SparseVec, Vocab } from './vectorize';

export const FOLLOW_BONUS = 2;
export const MUTE_PENALTY = 4;
/**
 * A term contribution smaller than this (in standard deviations; a score point is a few
 * hundredths) explains nothing. Stored own pulls are rounded to 1e-3, so a word of the paper's
 * own keeps a residue below that once its pull is taken back.
 */
const NEGLIGIBLE = 1e-3;
/**
 * A starred paper is named as one a paper is like when their sketched cosine similarity is at
 * least this. TF-IDF over unigrams and bigrams makes even close papers' cosines small: on the
 * evaluation's listings, pairs above 0.08 share their subject ("KV cache compression" and "KV
 * residual connections"; two sparse-autoencoder papers), pairs near 0.06 often only a method.
 * `npm run eval:relevance` prints how often a star is named and how often the paper is relevant then.
 */
export const LIKE_MIN = 0.08;
/**
 * Stars of a topic from which its model alone says which papers are worth a look (see
 * hasTopicEvidence); below it, a keyword in a paper's title makes the paper at least medium
 * (shownScore).
 */
export const TRUSTED_STARS = 10;

export type Tier = 'high' | 'medium' | 'low';

export interface TopicScore {
  topicId: string;
  name: string;
  /** Standard deviations above the typical paper, rules included. */
  f: number;
  /** 0–100. */
  score: number;
  tier: Tier;
}

export interface PaperScore {
  id: string;
  /** The best topic's score (0–100) and tier; -1 / "low" when there are no topics. */
  score: number;
  tier: Tier;
  relevant: boolean;
  /** Every topic, best first. */
  topics: TopicScore[];
  /** Ids of the topics the paper is relevant to (tier high), best first. */
  matchedTopics: string[];
  followedAuthors: string[];
  muted: boolean;
}

export interface TermContribution {
  /** The term as written in the paper ("language models"), for display. */
  text: string;
  /** The model's term (stem or "stem stem" bigram). */
  term: string;
  /** w_j · x_j in f units (standard deviations). */
  contribution: number;
}

export interface Explanation {
  id: string;
  topicId: string;
  topicName: string;
  score: number;
  tier: Tier;
  f: number;
  /**
   * The topic's keyword phrases found in the paper; `score` is their part of f, `stems` those of
   * the phrase and of each of its other forms (the terms an explanation names by naming it).
   */
  keywords: Array<PhraseMatch & { stems: string[][] }>;
  /** The paper's categories that are among the topic's preferred ones ("cs.LG"), as listed. */
  categories: string[];
  /** Their part of f (the topic's categoryWeight, or 0). */
  categoryScore: number;
  followedAuthors: string[];
  mutedAuthors: string[];
  mutedKeywords: string[];
  /** Terms that raised / lowered f most, strongest first. */
  raising: TermContribution[];
  lowering: TermContribution[];
  /** f = offset + Σ all term contributions + unnamedPull + keyword part + categoryScore + rules. */
  offset: number;
  /**
   * The part of a seen paper's own pull, taken back (ownPulls in model.ts), that came through
   * words the model does not keep (pruned): in f, named under no word. 0 for other papers.
   */
  unnamedPull: number;
  rules: number;
  /** The starred paper of this topic it is most like, when alike enough (LIKE_MIN); not itself. */
  like: LikeStar | null;
  /** The paper is one of the stars this topic was learned from (its score is mostly its own). */
  starred: boolean;
  /** Why the paper may be lifted to medium for the topic (shownScore). */
  lift: Lift;
}

export interface LikeStar {
  id: string;
  title: string;
  /** Their sketched cosine similarity, 0–1. */
  similarity: number;
}

/** Percentile of f among the reference papers (0..100), from the stored quantiles. */
function percentile(q: readonly number[], f: number): number {
  if (f <= q[0]!) return 0;
  if (f >= q[q.length - 1]!) return 100;
  let lo = 0;
  let hi = q.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (q[mid]! <= f) lo = mid;
    else hi = mid;
  }
  const span = q[hi]! - q[lo]!;
  return ((lo + (span > 0 ? (f - q[lo]!) / span : 0)) * 100) / (q.length - 1);
}

/**
 * f → 0–100 and tier, anchored on the topic's calibrated thresholds. A paper no higher than the
 * lowest of the reference papers stands out in nothing, whatever the thresholds: in a topic
 * with nothing yet to tell papers apart (no keyword it can match, no star), every paper has the
 * same f, the thresholds are that f, and every paper would be "high" for it. With no reference
 * papers at all (quantiles empty: a model trained before any paper was seen, as when interests
 * are typed first; a private window's listing adds none, so brings no retrain), there is nothing
 * to stand out from, and no paper does: low, 0.
 */
const TIER_RANGE: Record<Tier, readonly [number, number]> = { low: [0, 49], medium: [50, 74], high: [75, 100] };

export function toScore(t: TopicModel, f: number, muted: boolean): { score: number; tier: Tier } {
  if (t.quantiles.length === 0) return { score: 0, tier: 'low' };
  const floor = t.quantiles[0]! + QUANTILE_STEP;
  const standsOut = f > floor;
  const spanHigh = Math.max(t.high - t.medium, 0.5);
  let score: number;
  if (standsOut && f >= t.high) score = 75 + 25 * (1 - Math.exp(-(f - t.high) / spanHigh));
  else if (standsOut && f >= t.medium) score = 50 + (25 * (f - t.medium)) / Math.max(t.high - t.medium, 1e-9);
  else {
    const pm = percentile(t.quantiles, t.medium);
    score = pm > 0 ? (50 * Math.min(percentile(t.quantiles, f), pm)) / pm : 0;
  }
  const tier: Tier = muted || !standsOut ? 'low' : f >= t.high ? 'high' : f >= t.medium ? 'medium' : 'low';
  // Within its tier's range (low 0–49, medium 50–74, high 75–100): rounded up, a medium paper
  // just under the high line read "75 medium" beside a "75 high" one, highlighted and it not.
  const [least, most] = TIER_RANGE[tier];
  return { score: Math.min(most, Math.max(least, Math.round(score))), tier };
}

/**
 * What singles a paper out for a topic in the user's own words, neither muted nor dismissed
 * (Scorer.liftOf): an author followed, or one of the topic's keywords in the title while the
 * topic is learned from fewer than TRUSTED_STARS stars.
 */
export interface Lift {
  followed: boolean;
  keywordInTitle: boolean;
}

/**
 * A keyword in the title lifts a paper scored at least this (in the low range: its words rank it
 * above most of what the user sees). On the evaluation's pools with no stars, papers titled with a
 * keyword and scored 30–49 were relevant 21 % of the time; below 30, 1 in 149. So too, a paper the
 * user's dismissals push below it stays low.
 */
export const TITLE_LIFT_FROM = 30;

/**
 * The score a paper shows for topic `t`: toScore's, except that a paper the user's own words
 * single out (`lift`) is at least medium. The tiers are quantiles of what the user sees: with a
 * few keywords and no stars, a paper titled with one of them ("… Large Language Models") scored
 * "15 low", below papers naming other keywords in their abstracts. On the evaluation's pools with
 * no stars, such papers were relevant 17.6 % of the time against the low tier's 3.3 % (medium's
 * 45 %); with 30 stars, 2.4 %, below the pools' 5 %: the model then knows better, hence only until
 * TRUSTED_STARS, and only from TITLE_LIFT_FROM. With topics typed, a paper of an author the user
 * follows, lifted by FOLLOW_BONUS only, scored "49 low" (6 of 29 such papers on a cs listing): it
 * is medium whatever its words.
 */
export function shownScore(t: TopicModel, f: number, muted: boolean, lift: Lift): { score: number; tier: Tier } {
  const scored = toScore(t, f, muted);
  if (scored.tier !== 'low' || muted) return scored;
  return lift.followed || (lift.keywordInTitle && scored.score >= TITLE_LIFT_FROM) ? { score: TIER_RANGE.medium[0], tier: 'medium' } : scored;
}

/**
 * A score with no reason to name (see hasTopicEvidence): low, at most the top of low. Its f, and so
 * its place in any ranking, stays.
 */
function unexplained(scored: { score: number; tier: Tier }): { score: number; tier: Tier } {
  return { score: Math.min(scored.score, TIER_RANGE.low[1]), tier: 'low' };
}

const NO_LIFT: Lift = { followed: false, keywordInTitle: false };

/** Where a paper has a topic's keywords: anywhere, and in its title. */
interface KeywordsFound {
  any: boolean;
  inTitle: boolean;
}
const NO_KEYWORDS: KeywordsFound = { any: false, inTitle: false };

/** How finely stored quantiles are rounded (model.ts): f within this of one is at it. */
const QUANTILE_STEP = 1e-6;

/**
 * A trained model bound to a corpus (its vocabulary and idf). Build one after training or after
 * loading a stored model, and again after the corpus changed a lot (cheap: a few ms).
 */
export class Scorer {
  /**
   * All topics' weights in one table: feature index → slot (0: no weight), slot → one weight per
   * topic, side by side. Scoring a paper then reads one slot and one short row per term, instead
   * of one large array per topic: far fewer cache misses on a listing of thousands.
   * Feature indices are the corpus's current vocabulary's, which changes when idf is rebuilt:
   * bind() rebuilds the table then.
   */
  private slot = new Int32Array(0);
  private table = new Float64Array(0);
  private vocab: Vocab | null = null;
  private readonly nTopics: number;
  /** Per topic: paper id → its own pull (TopicModel.ownPull). */
  private readonly pulls: Array<ReadonlyMap<string, number>>;
  /** The papers the user dismissed (RelevanceModel.dismissedIds). */
  private readonly dismissed: ReadonlySet<string>;
  /** Per topic: the ids of its stars (TopicModel.starIds); undefined for a model stored without them. */
  private readonly starIds: Array<ReadonlySet<string> | undefined>;
  /** The well-formed star sketches, and per feature index their [star, weight, star, weight, …]. */
  private readonly stars: StarSketch[];
  private postings = new Map<number, number[]>();

  constructor(
    readonly model: RelevanceModel,
    readonly corpus: Corpus,
  ) {
    this.nTopics = model.topics.length;
    this.pulls = model.topics.map((t) => new Map(Object.entries(t.ownPull ?? {}).filter(([, v]) => Number.isFinite(v))));
    this.dismissed = new Set(Array.isArray(model.dismissedIds) ? model.dismissedIds : []);
    this.starIds = model.topics.map((t) => (Array.isArray(t.starIds) ? new Set(t.starIds.filter((id) => typeof id === 'string')) : undefined));
    this.stars = (Array.isArray(model.stars) ? model.stars : []).filter(isSketch);
    this.bind();
  }

  /** (Re)builds the weight table for the corpus's current vocabulary. */
  private bind(): void {
    const vocab = this.corpus.vocab;
    if (vocab === this.vocab) return;
    this.vocab = vocab;
    const T = this.nTopics;
    const ids = this.model.topics.map((t) => Int32Array.from(t.terms, (term) => vocab.id(term)));
    this.slot = new Int32Array(vocab.size);
    let slots = 0;
    for (const id of ids) for (const j of id) if (this.slot[j] === 0) this.slot[j] = ++slots;
    this.table = new Float64Array((slots + 1) * T);
    this.model.topics.forEach((t, ti) => {
      const id = ids[ti]!;
      for (let k = 0; k < id.length; k++) this.table[this.slot[id[k]!]! * T + ti] = t.weights[k]!;
    });
    this.postings = new Map();
    this.stars.forEach((star, si) => {
      star.terms.forEach((term, k) => {
        const j = vocab.id(term);
        const list = this.postings.get(j);
        if (list) list.push(si, star.weights[k]!);
        else this.postings.set(j, [si, star.weights[k]!]);
      });
    });
  }

  /** The starred paper of the topic (default: the paper's best) the paper is most like, when alike enough. */
  like(paper: PaperText | AnalyzedPaper, topicId?: string): LikeStar | null {
    const a = this.corpus.analyze(paper);
    const id = topicId ?? this.score(a).topics[0]?.topicId;
    return id === undefined ? null : this.likeStar(this.vectorOf(a), a.id, id);
  }

  /**
   * The star of topic `topicId` most like the paper (x: its vector), other than the paper itself,
   * when alike enough. Walks only the postings of the paper's terms: a few hundred additions.
   */
  private likeStar(x: SparseVec, paperId: string, topicId: string): LikeStar | null {
    if (this.stars.length === 0) return null;
    const sums = new Map<number, number>();
    for (let k = 0; k < x.idx.length; k++) {
      const list = this.postings.get(x.idx[k]!);
      if (!list) continue;
      const v = x.val[k]!;
      for (let p = 0; p < list.length; p += 2) sums.set(list[p]!, (sums.get(list[p]!) ?? 0) + list[p + 1]! * v);
    }
    let best = -1;
    let bestSum = LIKE_MIN;
    for (const [si, sum] of sums) {
      const star = this.stars[si]!;
      if (sum < bestSum || star.id === paperId || !star.topics.includes(topicId)) continue;
      best = si;
      bestSum = sum;
    }
    if (best < 0) return null;
    const { id, title } = this.stars[best]!;
    return { id, title, similarity: Math.round(bestSum * 100) / 100 };
  }

  /** A paper's vector, with the weight table bound to the vocabulary it is in. */
  private vectorOf(a: AnalyzedPaper): SparseVec {
    const x = this.corpus.vector(a);
    this.bind();
    return x;
  }

  /** Σ w_j x_j for every topic. */
  private linear(x: SparseVec): Float64Array {
    const T = this.nTopics;
    const out = new Float64Array(T);
    const { slot, table } = this;
    for (let k = 0; k < x.idx.length; k++) {
      const s = slot[x.idx[k]!];
      if (!s) continue;
      const v = x.val[k]!;
      for (let t = 0, o = s * T; t < T; t++, o++) out[t] = out[t]! + table[o]! * v;
    }
    return out;
  }

  /** The weight of a feature in a topic. */
  private weight(ti: number, j: number): number {
    const s = this.slot[j];
    return s ? this.table[s * this.nTopics + ti]! : 0;
  }

  /** The paper's categories among the topic's preferred ones. */
  private categoriesOf(t: TopicModel, a: AnalyzedPaper): string[] {
    return t.categories && t.categoryWeight ? matchingCategories(a.categories, t.categories) : [];
  }

  /** f for topic `ti`, and where the paper has the topic's keywords (its phrases counted once). */
  private topicF(lin: Float64Array, ti: number, a: AnalyzedPaper): { f: number; keywords: KeywordsFound } {
    const t = this.model.topics[ti]!;
    let f = t.offset + lin[ti]! - (this.pulls[ti]!.get(a.id) ?? 0);
    const { keywords, score } = this.keywordsIn(t, a);
    if (t.interestWeight !== 0) f += t.interestWeight * score;
    if (this.categoriesOf(t, a).length > 0) f += t.categoryWeight!;
    return { f, keywords };
  }

  /** Where the paper has topic `t`'s keywords, and their BM25 score (its phrases counted once). */
  private keywordsIn(t: TopicModel, a: AnalyzedPaper): { keywords: KeywordsFound; score: number } {
    if (t.phrases.length === 0) return { keywords: NO_KEYWORDS, score: 0 };
    const counts = phraseCounts(a, t.phrases);
    const score = keywordScoreOf(a, t.phrases, counts, this.model.avgLength);
    return { keywords: { any: score > 0, inTitle: counts.inTitle.some((n) => n > 0) }, score };
  }

  /**
   * Whether the paper gives a reason to call it a paper of topic `t`: one of its keywords, or a
   * star of it the paper is like (LIKE_MIN); any paper of a topic learned from TRUSTED_STARS
   * stars or more, whose model is the user's own choices. The tiers are quantiles of what the
   * user has seen, so with keywords and a few stars, the few best of a listing about something
   * else (a hep-th page, a topic on language models) reached "high" on words such as "key", with
   * nothing to name.
   */
  private hasTopicEvidence(t: TopicModel, a: AnalyzedPaper, x: SparseVec, keywords: KeywordsFound): boolean {
    if ((t.nStars ?? 0) >= TRUSTED_STARS || keywords.any) return true;
    return this.likeStar(x, a.id, t.id) !== null;
  }

  /** What may lift the paper to medium for topic `t` (Lift, shownScore); nothing when it is muted or dismissed. */
  private liftOf(t: TopicModel, a: AnalyzedPaper, r: { followed: readonly string[] }, muted: boolean, keywords: KeywordsFound): Lift {
    if (muted || this.dismissed.has(a.id)) return NO_LIFT;
    return { followed: r.followed.length > 0, keywordInTitle: keywords.inTitle && (t.nStars ?? 0) < TRUSTED_STARS };
  }

  private rules(a: AnalyzedPaper): { followed: string[]; mutedAuthors: string[]; mutedKeywords: string[]; delta: number } {
    const m = this.model;
    if (m.followedAuthors.length === 0 && m.mutedAuthors.length === 0 && m.mutedKeywords.length === 0) return { followed: [], mutedAuthors: [], mutedKeywords: [], delta: 0 };
    const followed = matchingAuthors(a, m.followedAuthors).map((k) => a.authorNames[a.authors.indexOf(k)] ?? k);
    const mutedAuthors = matchingAuthors(a, m.mutedAuthors).map((k) => a.authorNames[a.authors.indexOf(k)] ?? k);
    const counts = phraseCounts(a, m.mutedKeywords);
    const mutedKeywords = m.mutedKeywords.filter((_, k) => counts.inTitle[k]! + counts.inAbstract[k]! > 0).map((p) => p.text);
    const muted = mutedAuthors.length > 0 || mutedKeywords.length > 0;
    const delta = (followed.length > 0 ? FOLLOW_BONUS : 0) - (muted ? MUTE_PENALTY : 0);
    return { followed, mutedAuthors, mutedKeywords, delta };
  }

  score(paper: PaperText | AnalyzedPaper): PaperScore {
    const a = this.corpus.analyze(paper);
    const x = this.vectorOf(a);
    const r = this.rules(a);
    const muted = r.mutedAuthors.length > 0 || r.mutedKeywords.length > 0;
    const lin = this.linear(x);
    const topics: TopicScore[] = this.model.topics.map((t, ti) => {
      const { f: own, keywords } = this.topicF(lin, ti, a);
      const f = own + r.delta;
      const scored = toScore(t, f, muted);
      const { score, tier } =
        scored.tier === 'low'
          ? shownScore(t, f, muted, this.liftOf(t, a, r, muted, keywords))
          : r.followed.length > 0 || this.hasTopicEvidence(t, a, x, keywords)
            ? scored
            : unexplained(scored);
      return { topicId: t.id, name: t.name, f, score, tier };
    });
    if (topics.length > 1) topics.sort((p, q) => q.score - p.score || q.f - p.f);
    const best = topics[0];
    const matchedTopics = topics.filter((t) => t.tier === 'high').map((t) => t.topicId);
    return {
      id: a.id,
      score: best ? best.score : -1,
      tier: best ? best.tier : 'low',
      relevant: matchedTopics.length > 0,
      topics,
      matchedTopics,
      followedAuthors: r.followed,
      muted,
    };
  }

  scoreMany(papers: ReadonlyArray<PaperText | AnalyzedPaper>): PaperScore[] {
    return papers.map((p) => this.score(p));
  }

  /** Why a paper scores as it does for a topic (default: its best topic). */
  explain(paper: PaperText | AnalyzedPaper, topicId?: string, top = 5): Explanation | null {
    const a = this.corpus.analyze(paper);
    const x = this.vectorOf(a);
    const scored = this.score(a);
    const id = topicId ?? scored.topics[0]?.topicId;
    const ti = this.model.topics.findIndex((t) => t.id === id);
    if (ti < 0) return null;
    const t = this.model.topics[ti]!;
    const words = surfaceOf(a);
    const contributions: TermContribution[] = [];
    // A paper's own pull is taken back from its words in the share it came from (x_j² each).
    // The share of words the model does not keep is named under no word: the model gives them
    // no weight, and naming them "raised by" told of words it ignores.
    const pull = this.pulls[ti]!.get(a.id) ?? 0;
    let unnamedPull = 0;
    for (let k = 0; k < x.idx.length; k++) {
      const w = this.weight(ti, x.idx[k]!);
      const c = (w - pull * x.val[k]!) * x.val[k]!;
      if (w === 0) {
        unnamedPull += c;
        continue;
      }
      if (Math.abs(c) < NEGLIGIBLE) continue;
      const term = this.vocab!.term(x.idx[k]!);
      contributions.push({ term, text: words.get(term) ?? termSurface(this.model, term), contribution: c });
    }
    const byMagnitude = (p: TermContribution, q: TermContribution) => Math.abs(q.contribution) - Math.abs(p.contribution);
    const ts = scored.topics.find((s) => s.topicId === t.id)!;
    const r = this.rules(a);
    const kw = phraseScore(a, t.phrases, this.model.avgLength).matches.map((m) => {
      const phrase = t.phrases.find((p) => p.text === m.phrase)!;
      return { ...m, score: m.score * t.interestWeight, stems: [phrase.stems, ...(phrase.forms ?? []).map((f) => f.stems)] };
    });
    const categories = this.categoriesOf(t, a);
    return {
      id: a.id,
      topicId: t.id,
      topicName: t.name,
      score: ts.score,
      tier: ts.tier,
      f: ts.f,
      keywords: kw.sort((p, q) => q.score - p.score),
      categories,
      categoryScore: categories.length > 0 ? t.categoryWeight! : 0,
      followedAuthors: r.followed,
      mutedAuthors: r.mutedAuthors,
      mutedKeywords: r.mutedKeywords,
      raising: contributions.filter((c) => c.contribution > 0).sort(byMagnitude).slice(0, top),
      lowering: contributions.filter((c) => c.contribution < 0).sort(byMagnitude).slice(0, top),
      offset: t.offset,
      unnamedPull,
      rules: r.delta,
      like: this.likeStar(x, a.id, t.id),
      starred: this.starIds[ti]?.has(a.id) ?? this.stars.some((star) => star.id === a.id && star.topics.includes(t.id)),
      lift: this.liftOf(t, a, r, scored.muted, this.keywordsIn(t, a).keywords),
    };
  }
}

/** A stored star sketch that can be used (the stored model is ours, but may be damaged). */
function isSketch(s: unknown): s is StarSketch {
  const k = s as StarSketch;
  return (
    typeof k === 'object' && k !== null && typeof k.id === 'string' && typeof k.title === 'string' && Array.isArray(k.topics) &&
    Array.isArray(k.terms) && Array.isArray(k.weights) && k.terms.length === k.weights.length && k.weights.every(Number.isFinite)
  );
}

/**
 * The categories part of an explanation in words: "in your category cs.LG", "in your categories
 * cs.LG, cs.CL"; empty when there are none.
 */
export function categoryReason(categories: readonly string[]): string {
  if (categories.length === 0) return '';
  return `in your ${categories.length === 1 ? 'category' : 'categories'} ${categories.join(', ')}`;
}

/** Term → the words this paper wrote for it (first occurrence). */
function surfaceOf(a: AnalyzedPaper): Map<string, string> {
  const out = new Map<string, string>();
  for (const ts of [a.title, a.abstract]) {
    forEachTerm(ts, (term, first, last) => {
      if (!out.has(term)) out.set(term, surfaceText(ts, first, last));
    });
  }
  return out;
}
