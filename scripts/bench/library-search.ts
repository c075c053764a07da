/**
 * Library search figures (src/library/search.ts), in Node: the popup runs the same pure code.
 * 10,000 real arXiv papers from ../shared/data (title, abstract, authors) with made-up state
 * (seen over six months, some starred/read/dismissed, tags on one in eight, notes on one in
 * twenty) and:
 *   (a) building the index,
 *   (b) typing "transformer attention" one keystroke at a time ("t", "tr", …), per keystroke
 *       median and p95 over several repetitions, after a warm-up,
 *   (c) in the same run, a naive search per keystroke (each paper's fields joined and
 *       lower-cased, `includes` for every word, then sorted by date), for a ratio,
 *   (d) the matching alone over both text layouts considered (a string per paper vs one
 *       concatenated haystack with an offsets table), a full scan per keystroke, to back the
 *       choice of layout.
 *
 *   npm run bench -- search, or alone: npx tsx scripts/bench/library-search.ts (with --expose-gc
 *   also the index's heap; npm run bench runs with it)
 *
 * benchLibrarySearch reads the dataset without checking for it: callers check first with
 * requireShared('…', 'data/arxiv_daily_cs_listings.jsonl'), as running this file alone does.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EMPTY_STATE, type PaperRecord } from '../../src/core/paper';
import { LibraryIndex, normalizeText, parseQuery, type LibraryQuery } from '../../src/library/search';
import { arxivPapers, seededRandom } from '../lib/library-records';
import { requireShared } from '../lib/shared';
import { formatRows, median, type BenchRow } from './stats';

const DATASET = 'data/arxiv_daily_cs_listings.jsonl';
const PAPERS = 10_000;
const TYPED = 'transformer attention';
const REPETITIONS = 15;
const TAGS = ['to-read', 'survey', 'LLM', 'vision', 'RL', 'benchmark', 'théorie', 'reproduce', 'group meeting', 'ICML'];
const SITES = ['arxiv', 'arxiv', 'arxiv', 'arxiv', 'arxiv', 'arxiv', 'huggingface', 'scholar', 'acl'];
const DAY = 86_400_000;

export interface LibrarySearchFigures {
  papers: number;
  buildMs: number;
  /** Heap the index takes beyond the records (NaN unless run with --expose-gc). */
  indexMb: number;
  keystrokeMedianMs: number;
  keystrokeP95Ms: number;
  naiveMedianMs: number;
  naiveP95Ms: number;
  /** The same keystrokes without the previous one's matches to narrow from (e.g. text pasted at once). */
  fullScanMedianMs: number;
  fullScanP95Ms: number;
  perPaperLayoutMedianMs: number;
  concatenatedLayoutMedianMs: number;
  rows: BenchRow[];
}


function loadRecords(count: number): PaperRecord[] {
  const rand = seededRandom(42);
  const now = Date.UTC(2025, 5, 1);
  return arxivPapers(count).map((meta) => {
    const seen = now - Math.floor(rand() * 180 * DAY);
    const starred = rand() < 0.05;
    const read = rand() < 0.2;
    const tags = rand() < 0.125 ? [...new Set([0, 1, 2].slice(0, 1 + Math.floor(rand() * 3)).map(() => TAGS[Math.floor(rand() * TAGS.length)]!))] : [];
    return {
      ...meta,
      ...EMPTY_STATE,
      site: SITES[Math.floor(rand() * SITES.length)]!,
      starred,
      starredAt: starred ? seen + DAY : null,
      read,
      readAt: read ? seen + DAY : null,
      dismissed: !starred && rand() < 0.03,
      firstSeenAt: seen,
      lastSeenAt: seen + Math.floor(rand() * 10 * DAY),
      tags,
      note: rand() < 0.05 ? 'Compare with our baseline; the ablation in section 4 looks relevant to the attention project.' : '',
      updatedAt: seen + 10 * DAY,
    };
  });
}

/** "t", "tr", …, "transformer", "transformer ", "transformer a", … */
function keystrokes(text: string): string[] {
  return Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1));
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * A full collection, then a pause for the collector's background sweeping to finish (on two
 * cores, a collection forced right before a timed keystroke made that keystroke 10× slower).
 */
async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 100));
}

function heapMb(): number {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) return Number.NaN;
  collect();
  return process.memoryUsage().heapUsed / 1e6;
}

/**
 * Times `run` for each keystroke, `repetitions` times over the sequence (after one warm-up pass);
 * each keystroke's times also go to `byText` when given.
 */
function timeKeystrokes(typed: readonly string[], repetitions: number, run: (text: string) => unknown, byText?: Map<string, number[]>): number[] {
  for (const text of typed) run(text);
  const times: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    for (const text of typed) {
      const start = performance.now();
      run(text);
      const time = performance.now() - start;
      times.push(time);
      byText?.get(text)?.push(time);
    }
  }
  return times;
}

/** The naive search: what one would write first. */
function naiveSearch(records: readonly PaperRecord[], text: string): PaperRecord[] {
  const words = text.toLowerCase().split(/\s+/).filter((w) => w !== '');
  return records
    .filter((r) => {
      const hay = `${r.title} ${r.authors.join(' ')} ${r.abstract ?? ''} ${r.tags.join(' ')} ${r.note}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    })
    .sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0));
}

/** True when `term` starts a word in `hay` between `from` and `end` (hay's words are space-separated). */
function startsWordIn(hay: string, term: string, from: number, end: number): number {
  let at = hay.indexOf(term, from);
  while (at !== -1 && at < end) {
    const before = hay.charCodeAt(at - 1);
    if (at === 0 || before === 32 || before === 10) return at;
    at = hay.indexOf(term, at + 1);
  }
  return -1;
}

/**
 * The two layouts, matching only (no filters, no order, no reuse of the previous keystroke):
 * per paper, `indexOf` in each paper's string; concatenated, `indexOf` through one string of
 * every paper, mapping hits to papers with an offsets table and skipping to the next paper.
 */
function layouts(records: readonly PaperRecord[], typed: readonly string[]) {
  const texts = records.map((r) =>
    [r.title, ...r.authors, r.id, r.abstract ?? '', ...r.tags, r.note]
      .map(normalizeText)
      .filter((f) => f !== '')
      .join('\n'),
  );
  const haystack = texts.join('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const t of texts) {
    starts.push(offset);
    offset += t.length + 1;
  }
  const paperAt = (pos: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const perPaper = (text: string) => {
    const terms = parseQuery(text);
    const out: number[] = [];
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i]!;
      if (terms.every((term) => startsWordIn(t, term, 0, t.length) !== -1)) out.push(i);
    }
    return out;
  };
  const concatenated = (text: string) => {
    const terms = parseQuery(text);
    let hits: Uint8Array | null = null;
    for (const term of terms) {
      const found = new Uint8Array(texts.length);
      let pos = 0;
      for (;;) {
        const at = startsWordIn(haystack, term, pos, haystack.length);
        if (at === -1) break;
        const paper = paperAt(at);
        found[paper] = 1;
        pos = paper + 1 < starts.length ? starts[paper + 1]! : haystack.length;
      }
      if (hits) for (let i = 0; i < hits.length; i++) hits[i]! &= found[i]!;
      else hits = found;
    }
    const out: number[] = [];
    if (hits) for (let i = 0; i < hits.length; i++) if (hits[i]) out.push(i);
    return out;
  };
  // Same answers, or the comparison means nothing.
  for (const text of typed) {
    const a = perPaper(text);
    const b = concatenated(text);
    if (a.length !== b.length || a.some((x, i) => x !== b[i])) throw new Error(`layouts disagree on "${text}"`);
  }
  return { perPaper, concatenated };
}

export async function benchLibrarySearch(): Promise<LibrarySearchFigures> {
  const records = loadRecords(PAPERS);
  const typed = keystrokes(TYPED);
  const query = (text: string): LibraryQuery => ({ text, view: 'all', tag: null, site: null, from: null, to: null, status: 'any', sort: 'date' });

  // (a) Build: a few times, the median (the first includes compiling the code). Then the heap
  // the index adds to the records (with --expose-gc; NaN without).
  const builds: number[] = [];
  let index = new LibraryIndex([]);
  for (let i = 0; i < 5; i++) {
    index = new LibraryIndex([]);
    await settle();
    const start = performance.now();
    index = new LibraryIndex(records);
    index.search(query('')); // builds the date order: part of opening the library
    builds.push(performance.now() - start);
  }
  index = new LibraryIndex([]);
  const heapBefore = heapMb();
  index = new LibraryIndex(records);
  index.search(query(''));
  const indexMb = heapMb() - heapBefore;

  // (b) Typing: each keystroke after the previous one, as in the popup.
  await settle();
  const perKeystroke = new Map<string, number[]>(typed.map((text) => [text, []]));
  const typing = timeKeystrokes(typed, REPETITIONS, (text) => index.search(query(text)), perKeystroke);
  const slowest = [...perKeystroke]
    .map(([text, times]) => [text, median(times)] as const)
    .sort((x, y) => y[1] - x[1])
    .slice(0, 3);

  // The same keystrokes with nothing to narrow from (text pasted, a filter just changed): a
  // query nothing refines runs before each, untimed.
  const fullScan: number[] = [];
  await settle();
  for (let r = 0; r <= REPETITIONS; r++) {
    for (const text of typed) {
      index.search(query('zzzz'));
      const start = performance.now();
      index.search(query(text));
      if (r > 0) fullScan.push(performance.now() - start); // r = 0: warm-up
    }
  }

  // (c) The naive baseline, same keystrokes, same records.
  await settle();
  const naive = timeKeystrokes(typed, Math.max(3, Math.round(REPETITIONS / 3)), (text) => naiveSearch(records, text));

  // (d) The two text layouts, matching only.
  const layout = layouts(records, typed);
  await settle();
  const perPaper = timeKeystrokes(typed, 5, layout.perPaper);
  const concatenated = timeKeystrokes(typed, 5, layout.concatenated);

  const figures = {
    papers: records.length,
    buildMs: median(builds),
    indexMb,
    keystrokeMedianMs: median(typing),
    keystrokeP95Ms: percentile(typing, 95),
    naiveMedianMs: median(naive),
    naiveP95Ms: percentile(naive, 95),
    fullScanMedianMs: median(fullScan),
    fullScanP95Ms: percentile(fullScan, 95),
    perPaperLayoutMedianMs: median(perPaper),
    concatenatedLayoutMedianMs: median(concatenated),
  };
  const group = `library search (${records.length.toLocaleString('en')} papers with abstracts, typing "${TYPED}")`;
  const rows: BenchRow[] = [
    {
      group,
      name: 'build the index (normalize every paper, date order)',
      value: figures.buildMs,
      unit: 'ms',
      extra: Number.isNaN(indexMb) ? undefined : `index heap ${indexMb.toFixed(1)} MB beyond the records`,
    },
    {
      group,
      name: 'one keystroke, median',
      value: figures.keystrokeMedianMs,
      unit: 'ms',
      baseline: figures.naiveMedianMs,
      baselineName: 'naive filter + sort',
      extra: `${typed.length} keystrokes × ${REPETITIONS}; slowest (median): ${slowest.map(([text, ms]) => `"${text}" ${ms.toFixed(1)} ms`).join(', ')}`,
    },
    { group, name: 'one keystroke, p95', value: figures.keystrokeP95Ms, unit: 'ms', baseline: figures.naiveP95Ms, baselineName: 'naive, p95' },
    {
      group,
      name: 'one keystroke with nothing to narrow from, median',
      value: figures.fullScanMedianMs,
      unit: 'ms',
      baseline: figures.naiveMedianMs,
      baselineName: 'naive',
      extra: `p95 ${figures.fullScanP95Ms.toFixed(1)} ms`,
    },
    {
      group,
      name: 'layout choice: indexOf per paper string, median per keystroke (scan only)',
      value: figures.perPaperLayoutMedianMs,
      unit: 'ms',
      baseline: figures.concatenatedLayoutMedianMs,
      baselineName: 'one concatenated haystack + offsets',
    },
  ];
  return { ...figures, rows };
}

// Run alone: npx tsx scripts/bench/library-search.ts
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  if (requireShared('the library search benchmark', DATASET)) {
    benchLibrarySearch()
      .then((figures) => console.log(formatRows(figures.rows)))
      .catch((error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      });
  }
}
