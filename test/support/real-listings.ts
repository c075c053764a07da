/** The shared data set's papers, for tests that read real titles and abstracts (callers check requireShared first). */
import { readFileSync } from 'node:fs';
import { DATA_DIR } from '../../scripts/lib/shared';

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
