/**
 * What a benchmark calls (scripts/bench/…): the engine's four costly operations, each one call,
 * plus the naive baseline to compare with. No timing here (the benchmark owns its clock) and no
 * browser APIs.
 *
 *   buildCorpus   analyze papers and count document frequencies (once per worker start)
 *   train         fit every topic's model (after a star, a dismissal or an interest edit)
 *   scoreMany     score a listing (every page load)
 *   explainMany   explain papers (when the user asks why)
 *   naiveScoreMany  the deliberately naive scorer (naive-baseline.ts), for a speed ratio
 */
import { Corpus, type CorpusOptions } from './corpus';
import type { Interests } from './interests';
import { trainModel, type Feedback, type RelevanceModel } from './model';
import { Scorer, type Explanation, type PaperScore } from './score';
import type { DfPrior, PaperText } from './vectorize';

export { naiveScoreMany } from './naive-baseline';

export function buildCorpus(papers: readonly PaperText[], prior: DfPrior | null = null, options: CorpusOptions = {}): Corpus {
  const corpus = new Corpus(prior, undefined, options);
  for (const p of papers) corpus.add(p);
  return corpus;
}

export function train(corpus: Corpus, interests: Interests, feedback: readonly Feedback[]): { model: RelevanceModel; scorer: Scorer } {
  const model = trainModel(corpus, interests, feedback);
  return { model, scorer: new Scorer(model, corpus) };
}

export function scoreMany(scorer: Scorer, papers: readonly PaperText[]): PaperScore[] {
  return scorer.scoreMany(papers);
}

export function explainMany(scorer: Scorer, papers: readonly PaperText[]): (Explanation | null)[] {
  return papers.map((p) => scorer.explain(p));
}

/**
 * A reproducible workload from a list of papers: the first `labeled` are feedback (every
 * `starEvery`-th starred, every `dismissEvery`-th dismissed, the rest seen), with one topic per
 * keyword list given.
 */
export function workload(
  papers: readonly PaperText[],
  topics: ReadonlyArray<{ name: string; keywords: string[] }>,
  labeled = 5000,
  starEvery = 50,
  dismissEvery = 17,
): { interests: Interests; feedback: Feedback[] } {
  return {
    interests: { topics: topics.map((t, i) => ({ id: `t${i}`, name: t.name, keywords: t.keywords })) },
    feedback: papers.slice(0, labeled).map((paper, i) => ({
      paper,
      label: i % starEvery === 0 ? 'starred' : i % dismissEvery === 0 ? 'dismissed' : 'seen',
    })),
  };
}
