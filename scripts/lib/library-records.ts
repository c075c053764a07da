/**
 * A realistic library for benchmarks: real arXiv papers from ../shared/data (title, abstract,
 * authors, categories) with made-up but deterministic state — seen over six months, every one
 * starred (the largest Starred view), some read, tags on one in eight, notes on one in twenty.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { clampMeta, EMPTY_STATE, normalizeTags, type PaperMeta, type PaperRecord } from '../../src/core/paper';
import { rng } from '../../src/relevance/svm';
import { DATA_DIR } from './shared';

const TAGS = ['to-read', 'survey', 'LLM', 'vision', 'RL', 'benchmark', 'théorie', 'reproduce', 'group meeting', 'ICML'];
const DAY = 86_400_000;

/** A deterministic generator, so that every run measures the same library. */
export const seededRandom = rng;

/** Copies of the data set a library of more than its 16,000 papers is made of, at most (see arxivPapers). */
const MAX_COPIES = 3;
/** What each copy adds to an id's number: the data set's go up to 32,023, so copies stay 5 digits and distinct. */
const COPY_SHIFT = 33_000;

/**
 * The first `count` papers of the shared arXiv listings, as a page would describe them. Beyond
 * the data set's 16,000, its papers again (up to MAX_COPIES times in all) under other ids: the
 * same yymm, the number moved up by COPY_SHIFT per copy (2408.03961 → 2408.36961).
 */
export function arxivPapers(count: number): PaperMeta[] {
  type Row = { id: string; title: string; summary: string; authors: string[]; categories: string[] };
  const rows: Row[] = [];
  for (const line of readFileSync(path.join(DATA_DIR, 'arxiv_daily_cs_listings.jsonl'), 'utf8').split('\n')) {
    if (rows.length >= count) break;
    if (line.trim() !== '') rows.push(JSON.parse(line) as Row);
  }
  if (count > rows.length * MAX_COPIES) throw new Error(`at most ${rows.length * MAX_COPIES} benchmark papers (the data set ${MAX_COPIES} times), not ${count}`);
  const papers: PaperMeta[] = [];
  for (let i = 0; i < count; i++) {
    const copy = Math.floor(i / rows.length);
    const source = rows[i % rows.length]!;
    const [yymm, number] = source.id.split('.') as [string, string];
    const row = copy === 0 ? source : { ...source, id: `${yymm}.${String(Number(number) + copy * COPY_SHIFT).padStart(5, '0')}` };
    papers.push(
      clampMeta({
        id: `arxiv:${row.id}`,
        title: row.title,
        authors: row.authors,
        abstract: row.summary,
        url: `https://arxiv.org/abs/${row.id}`,
        pdfUrl: `https://arxiv.org/pdf/${row.id}`,
        primaryCategory: row.categories[0] ?? null,
        subjects: row.categories,
        comments: null,
        site: 'arxiv',
      }),
    );
  }
  return papers;
}

/** `count` papers with the state described above. */
export function benchLibrary(count: number, now = Date.UTC(2026, 10, 1)): PaperRecord[] {
  const rand = seededRandom(42);
  return arxivPapers(count).map((meta) => {
    const seen = now - Math.floor(rand() * 180 * DAY);
    const starredAt = seen + Math.floor(rand() * DAY);
    const read = rand() < 0.2;
    return {
      ...meta,
      ...EMPTY_STATE,
      starred: true,
      starredAt,
      read,
      readAt: read ? starredAt : null,
      marksAt: starredAt,
      firstSeenAt: seen,
      lastSeenAt: seen,
      tags: rand() < 0.125 ? normalizeTags([TAGS[Math.floor(rand() * TAGS.length)]!, TAGS[Math.floor(rand() * TAGS.length)]!]) : [],
      note: rand() < 0.05 ? `Check the ablation in section ${1 + Math.floor(rand() * 6)}; compare with our baseline.` : '',
      updatedAt: starredAt,
    };
  });
}
