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

/** The first `count` papers of the shared arXiv listings, as a page would describe them. */
export function arxivPapers(count: number): PaperMeta[] {
  const papers: PaperMeta[] = [];
  for (const line of readFileSync(path.join(DATA_DIR, 'arxiv_daily_cs_listings.jsonl'), 'utf8').split('\n')) {
    if (papers.length >= count) break;
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { id: string; title: string; summary: string; authors: string[]; categories: string[] };
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
