/** Which papers a keyword phrase matches, as the engine matches them (tests of keyword matching). */
import type { Abbreviation } from '../../src/relevance/abbreviations';
import { compilePhrases, phraseScore } from '../../src/relevance/interests';
import { analyzePaper, CorpusStats, IdfTable, type AnalyzedPaper } from '../../src/relevance/vectorize';

/** The ids of the `papers` that `keyword` matches, in their order; abbreviations from `table` only. */
export function matched(keyword: string, papers: readonly AnalyzedPaper[], table: readonly Abbreviation[] = []): string[] {
  const phrases = compilePhrases([keyword], new IdfTable(CorpusStats.of(papers)), table);
  return papers.filter((p) => phraseScore(p, phrases, 10).score > 0).map((p) => p.id);
}

/** Papers made of [id, title, abstract] rows, analyzed. */
export function papersOf(rows: ReadonlyArray<readonly [string, string, string]>): AnalyzedPaper[] {
  return rows.map(([id, title, abstract]) => analyzePaper({ id, title, abstract }));
}
