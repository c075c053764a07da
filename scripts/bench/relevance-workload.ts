/**
 * What a benchmark calls (scripts/bench/…): the engine's costly set-up, each one call, plus the
 * naive baseline to compare with (scoring is the Scorer's own scoreMany). No timing here (the
 * benchmark owns its clock) and no browser APIs.
 *
 *   buildCorpus   analyze papers and count document frequencies (once per worker start)
 *   train         fit every topic's model (after a star, a dismissal or an interest edit)
 *   naiveScoreMany  the deliberately naive scorer (naive-scorer.ts), for a speed ratio
 */
import { Corpus, type CorpusOptions } from '../../src/relevance/corpus';
import type { Interests } from '../../src/relevance/interests';
import { trainModel, type Feedback, type RelevanceModel } from '../../src/relevance/model';
import { Scorer } from '../../src/relevance/score';
import type { DfPrior, PaperText } from '../../src/relevance/vectorize';

export { naiveScoreMany } from './naive-scorer';

export function buildCorpus(papers: readonly PaperText[], prior: DfPrior | null = null, options: CorpusOptions = {}): Corpus {
  const corpus = new Corpus(prior, undefined, options);
  for (const p of papers) corpus.add(p);
  return corpus;
}

export function train(corpus: Corpus, interests: Interests, feedback: readonly Feedback[]): { model: RelevanceModel; scorer: Scorer } {
  const model = trainModel(corpus, interests, feedback);
  return { model, scorer: new Scorer(model, corpus) };
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
