/**
 * Paper Radar's relevance engine: what its users take from it. Pure TypeScript, no browser APIs; the same code
 * runs in the extension's worker, in Node tests and in scripts/eval-relevance.ts.
 *
 * How the extension uses it:
 *   1. At start: `const corpus = createCorpus(storedStats)` (what step 4 saved; nothing on the
 *      first run) and `const model = parseModel(storedModelJson)`; when there is a model,
 *      `new Scorer(model, corpus)` scores at once.
 *   2. When a listing shows papers: `corpus.add(paper)` for each paper seen, then for each
 *      paper `scorer.score(paper)` → 0–100 score, tier, topics, and `scorer.explain(…)` at once
 *      (the badge's why goes to the page with its score: src/background/relevance.ts).
 *   3. When interests or labels change (star, dismiss, a batch of seen papers): make sure the
 *      corpus holds the stored papers (`corpus.add` each once per worker lifetime; papers already
 *      counted in restored stats are not counted again), then
 *      `trainModel(corpus, interests, feedback)` and `new Scorer(model, corpus)`.
 *   4. Persist `JSON.stringify(model)` and `JSON.stringify(corpus.stats.toJSON(2))` after training.
 */
import priorJson from './df-prior.json';
import { Corpus } from './corpus';
import { MODEL_FORMAT, type RelevanceModel } from './model';
import { countedBy, upgradeStats } from './stats-upgrade';
import { TOKENIZER_VERSION } from './tokenize';
import { CorpusStats, type DfPrior, type SerializedCorpusStats, type SerializedCorpusStatsV1 } from './vectorize';

// What the worker, the popup, the options page, the scripts and the tests take from the engine;
// the modules behind it are imported directly where one needs more.
export { Corpus } from './corpus';
export { TOKENIZER_VERSION } from './tokenize';
export { analyzePaper, CorpusStats, type DfPrior, type PaperText, type SerializedCorpusStats, type SerializedCorpusStatsV1 } from './vectorize';
export { ARXIV_CATEGORY, matchingCategories } from './categories';
export { compilePhrases, topicsTagged, type Interests, type KeywordPhrase, type Topic } from './interests';
export { trainModel, MODEL_FORMAT, TRAINING, type TrainingParams, type Feedback, type FeedbackLabel, type RelevanceModel } from './model';
export { Scorer, categoryReason, LIKE_MIN, type TermContribution, type Tier } from './score';

/** The shipped document-frequency prior (scripts/build-df-prior.ts). */
export const DF_PRIOR: DfPrior | null = (priorJson as DfPrior).tokenizerVersion === TOKENIZER_VERSION ? (priorJson as DfPrior) : null;

/**
 * A corpus with the shipped prior, optionally restored from stored document frequencies (those an
 * earlier tokenizer counted brought to this one by the prior: stats-upgrade.ts).
 */
export function createCorpus(stored?: SerializedCorpusStats | SerializedCorpusStatsV1 | null, prior: DfPrior | null = DF_PRIOR): Corpus {
  if (!stored) return new Corpus(prior);
  const stats = CorpusStats.fromJSON(stored);
  upgradeStats(stats, countedBy(stored), prior);
  return new Corpus(prior, stats);
}

/**
 * A stored model, or null when it is missing, malformed or was made by another tokenizer (then
 * retrain: the terms would not match).
 */
export function parseModel(json: unknown): RelevanceModel | null {
  const m = (typeof json === 'string' ? safeParse(json) : json) as RelevanceModel | null;
  if (!m || typeof m !== 'object' || (m.v !== 1 && m.v !== 2 && m.v !== 3 && m.v !== 4 && m.v !== MODEL_FORMAT) || m.tokenizerVersion !== TOKENIZER_VERSION || !Array.isArray(m.topics)) return null;
  return m;
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
