/** The shared data set's papers, for tests that read real titles and abstracts (callers check requireShared first). */
import { readFileSync } from 'node:fs';
import { DATA_DIR } from '../../scripts/lib/shared';
import { analyzePaper, type AnalyzedPaper } from '../../src/relevance/vectorize';

export interface ListedPaper {
  id: string;
  title: string;
  summary: string;
}

/** The first `count` papers of ../shared/data/arxiv_daily_cs_listings.jsonl. */
export function realListings(count: number): ListedPaper[] {
  const lines = readFileSync(`${DATA_DIR}/arxiv_daily_cs_listings.jsonl`, 'utf8').trim().split('\n').slice(0, count);
  return lines.map((line) => JSON.parse(line) as ListedPaper);
}

/** The papers as the engine analyzes them (title and abstract), in the same order. */
export function analyzed(papers: readonly ListedPaper[]): AnalyzedPaper[] {
  return papers.map((t) => analyzePaper({ id: t.id, title: t.title, abstract: t.summary }));
}
