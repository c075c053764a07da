/**
 * Issue 4 figures, in Node (the engine is pure; the extension runs the same code in its worker):
 * score 2,000 entries, retrain on 5,000 labeled papers, the engine's memory with a 50,000-paper
 * corpus, and, in the same run, a deliberately naive scorer (naive-scorer.ts:
 * dense TF-IDF recomputed on every call, cosine to the starred papers' centroid) for a ratio.
 * Papers are the real arXiv listings in ../shared/data (title, abstract, authors).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { buildCorpus, naiveScoreMany, train, workload } from './relevance-workload';
import { CORPUS_WINDOW } from '../../src/relevance/corpus';
import { DF_PRIOR } from '../../src/relevance/index';
import type { PaperText } from '../../src/relevance/vectorize';
import { DATA_DIR } from '../lib/shared';
import { median, type BenchRow } from './stats';

const TOPICS = [
  { name: 'Vision-language models', keywords: ['vision-language model', 'multimodal large language model', 'visual question answering'] },
  { name: 'Robot learning', keywords: ['robot manipulation', 'embodied agent', 'grasping'] },
  { name: 'Speech', keywords: ['speech recognition', 'text-to-speech', 'speaker'] },
];

/** The data set's papers as the engine reads them (title, abstract, authors). */
export function loadPapers(): PaperText[] {
  const lines = readFileSync(path.join(DATA_DIR, 'arxiv_daily_cs_listings.jsonl'), 'utf8').split('\n');
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line) as { id: string; title: string; summary: string; authors: string[] };
      return { id: `arxiv:${row.id}`, title: row.title, abstract: row.summary, authors: row.authors };
    });
}

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const value = run();
  return [value, performance.now() - start];
}

/** JS heap plus ArrayBuffer memory (typed arrays' contents live outside the JS heap). */
function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 1e6;
}

export async function benchRelevance(): Promise<BenchRow[]> {
  const papers = loadPapers();
  const memoryRow = memoryOf50k();
  const group = 'relevance (issue 4)';
  const rows: BenchRow[] = [];
  const corpus = buildCorpus(papers.slice(0, 10_000), DF_PRIOR);
  const page = papers.slice(10_000, 12_000);
  const fresh = papers.slice(12_000, 14_000);
  const { interests, feedback } = workload(papers, TOPICS.slice(0, 1), 5_000);

  // Retrain on 5,000 labeled papers (one topic; then three).
  train(corpus, interests, feedback); // first training also rebuilds idf: warm up
  const trainOne: number[] = [];
  for (let i = 0; i < 5; i++) trainOne.push(time(() => train(corpus, interests, feedback))[1]);
  const three = workload(papers, TOPICS, 5_000);
  train(corpus, three.interests, three.feedback);
  const trainThree: number[] = [];
  for (let i = 0; i < 3; i++) trainThree.push(time(() => train(corpus, three.interests, three.feedback))[1]);

  // Score a 2,000-entry listing: papers already analysed (seen before), and first sight.
  const { scorer } = train(corpus, interests, feedback);
  for (const p of page) corpus.add(p);
  scorer.scoreMany(page);
  const scoreSeen: number[] = [];
  for (let i = 0; i < 7; i++) scoreSeen.push(time(() => scorer.scoreMany(page))[1]);
  const [, firstSight] = time(() => scorer.scoreMany(fresh));

  // The naive scorer on the same listing, with a 5,000-paper corpus (it recomputes everything).
  const starred = papers.slice(0, 5_000).filter((_, i) => feedback[i]?.label === 'starred');
  const [, naive] = time(() => naiveScoreMany(papers.slice(0, 5_000), starred, page));

  rows.push({
    group,
    name: 'score 2,000 listing entries already analysed (1 topic)',
    value: median(scoreSeen),
    unit: 'ms',
    baseline: naive,
    baselineName: 'naive dense TF-IDF cosine, recomputed per call',
    extra: `first sight of 2,000 new papers (tokenize + stem + score): ${firstSight.toFixed(0)} ms`,
  });
  rows.push({ group, name: 'retrain on 5,000 labeled papers, 1 topic', value: median(trainOne), unit: 'ms', extra: `3 topics: ${median(trainThree).toFixed(0)} ms` });

  rows.push(memoryRow);
  return rows;
}

/**
 * The memory the engine's corpus of 50,000 papers holds (the 16,000 real ones, repeated with
 * other ids): as the worker keeps it (analyzed papers for the most recent CORPUS_WINDOW, document
 * frequencies for all), and, as the baseline, the same corpus keeping every paper analyzed. Each
 * is filled in a process of its own (this file, run with PAPER_RADAR_CORPUS_WINDOW set): the
 * lexicon and the term table are shared by every corpus of a process, so in one process the
 * second corpus would not pay for them. (Before the compact papers and the window, the engine
 * held 1,065 MB here.)
 */
function memoryOf50k(): BenchRow {
  const fill = (window: number) => {
    const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      env: { ...process.env, PAPER_RADAR_CORPUS_WINDOW: String(window) },
      encoding: 'utf8',
    });
    return Number(out.trim().split('\n').pop());
  };
  const bounded = fill(CORPUS_WINDOW);
  const unbounded = fill(Infinity);
  return {
    group: 'relevance (issue 4)',
    name: `engine memory with a 50,000-paper corpus (the last ${CORPUS_WINDOW.toLocaleString('en')} kept analyzed, counts for all)`,
    value: bounded,
    unit: 'MB',
    baseline: unbounded,
    baselineName: 'every paper kept analyzed',
    extra: (globalThis as { gc?: unknown }).gc ? 'JS heap + array buffers, after GC, each in a fresh process' : 'heap growth without forced GC (run with --expose-gc for exact figures)',
  };
}

/** In the child process: fills one corpus and prints the MB it holds. */
function fillCorpus(window: number): number {
  const papers = loadPapers();
  const before = heapMb();
  const corpus = buildCorpus([], DF_PRIOR, { window });
  for (let i = 0; i < 50_000; i++) {
    const p = papers[i % papers.length]!;
    corpus.add({ ...p, id: `${p.id}#${Math.floor(i / papers.length)}` });
  }
  const mb = heapMb() - before;
  if (corpus.stats.nDocs !== 50_000 || corpus.size !== Math.min(window, 50_000)) throw new Error('the corpus did not count every paper');
  return mb;
}

const childWindow = process.env.PAPER_RADAR_CORPUS_WINDOW;
if (childWindow) console.log(fillCorpus(Number(childWindow)));
