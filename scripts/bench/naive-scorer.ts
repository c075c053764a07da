/**
 * A deliberately naive relevance scorer, only for benchmarks to measure the engine against (never
 * used by the extension). It does what a first attempt would: on every call it re-tokenizes
 * every paper, recomputes idf over the whole corpus, builds dense TF-IDF vectors over the whole
 * vocabulary, and scores each paper by cosine similarity to the mean vector of the starred papers
 * (a Rocchio centroid; no keywords, no negatives, no learning). Same tokenizer as the engine, so
 * the speed ratio measures the engine's design (caching, sparse vectors, one-pass training), not
 * tokenization differences.
 */
import { termsOf } from '../../src/relevance/tokenize';
import { sublinearTf, type PaperText } from '../../src/relevance/vectorize';

function textOf(p: PaperText): string {
  return `${p.title} ${p.abstract ?? ''}`;
}

/** Cosine similarity of each of `papers` to the centroid of `starred`, idf from `corpus`. */
export function naiveScoreMany(corpus: readonly PaperText[], starred: readonly PaperText[], papers: readonly PaperText[]): number[] {
  // Vocabulary and document frequencies, recomputed from scratch.
  const vocab = new Map<string, number>();
  const df: number[] = [];
  for (const p of corpus) {
    for (const t of termsOf(textOf(p)).keys()) {
      let j = vocab.get(t);
      if (j === undefined) {
        j = vocab.size;
        vocab.set(t, j);
        df.push(0);
      }
      df[j]!++;
    }
  }
  const n = corpus.length;
  const dense = (p: PaperText): Float64Array => {
    const v = new Float64Array(vocab.size);
    for (const [t, tf] of termsOf(textOf(p))) {
      const j = vocab.get(t);
      if (j !== undefined) v[j] = sublinearTf(tf) * (Math.log((1 + n) / (1 + df[j]!)) + 1);
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < v.length; j++) v[j]! /= norm;
    return v;
  };
  const centroid = new Float64Array(vocab.size);
  for (const s of starred) {
    const v = dense(s);
    for (let j = 0; j < v.length; j++) centroid[j]! += v[j]! / Math.max(1, starred.length);
  }
  let cn = 0;
  for (const x of centroid) cn += x * x;
  cn = Math.sqrt(cn) || 1;
  return papers.map((p) => {
    const v = dense(p);
    let s = 0;
    for (let j = 0; j < v.length; j++) s += v[j]! * centroid[j]!;
    return s / cn;
  });
}
