/**
 * npm run bench — prints every figure the issues ask for, each beside a baseline measured in the
 * same run. Timings never decide pass/fail here; they are for reading and comparing.
 */
import { chromiumProblem } from '../lib/browser';
import { requireShared } from '../lib/shared';
import { benchAnnotation } from './annotation';
import { benchBadges } from './badges';
import { benchDynamic } from './dynamic';
import { benchFirefox } from './firefox';
import { benchLibraryPopup } from './library';
import { benchLibrarySearch } from './library-search';
import { benchRelayout } from './relayout';
import { benchRelevance } from './relevance';
import { benchRetrain } from './retrain';
import { benchSync } from './sync';
import { formatRows, type BenchRow } from './stats';

async function main(): Promise<void> {
  const noChromium = chromiumProblem();
  if (noChromium) throw new Error(noChromium);
  if (!requireShared('the benchmark', 'fixtures/pages/arxiv')) return;
  const rows: BenchRow[] = [];
  const only = process.argv.slice(2);
  const wanted = (name: string) => only.length === 0 || only.includes(name);
  if (wanted('annotate')) rows.push(...(await benchAnnotation()));
  if (wanted('firefox')) rows.push(...(await benchFirefox()));
  if (wanted('badges') && requireShared('the badges benchmark', 'data/arxiv_daily_cs_listings.jsonl')) rows.push(...(await benchBadges()));
  if (wanted('relayout')) rows.push(...(await benchRelayout()));
  if (wanted('dynamic')) rows.push(...(await benchDynamic()));
  if (wanted('relevance') && requireShared('the relevance benchmark', 'data/arxiv_daily_cs_listings.jsonl')) rows.push(...(await benchRelevance()));
  if (wanted('library') && requireShared('the library benchmark', 'data/arxiv_daily_cs_listings.jsonl')) rows.push(...(await benchLibraryPopup()));
  if (wanted('search') && requireShared('the library search benchmark', 'data/arxiv_daily_cs_listings.jsonl')) rows.push(...(await benchLibrarySearch()).rows);
  if (wanted('retrain') && requireShared('the retraining benchmark', 'data/arxiv_daily_cs_listings.jsonl')) rows.push(...(await benchRetrain()));
  if (wanted('sync') && requireShared('the sync benchmark', 'data/arxiv_daily_cs_listings.jsonl')) rows.push(...(await benchSync()));
  console.log(formatRows(rows));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
