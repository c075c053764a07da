/**
 * Library formats (issue 5) in Node: export n papers as BibTeX, CSV and our JSON, and import the
 * JSON back, with realistic records built from the real arXiv listings in ../shared/data (title,
 * abstract, authors, categories; a share starred, read, tagged and annotated as a user would).
 * Also the sizes, which MAX_IMPORT_BYTES in src/library/import.ts is chosen from, and the
 * BibTeX import (the parser is the heaviest part). Timings are medians of a few runs.
 *
 *   npx tsx scripts/bench/library-formats.ts [n]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clampMeta, EMPTY_STATE, normalizeTags, type PaperRecord } from '../../src/core/paper';
import { toBibtex } from '../../src/library/bibtex';
import { toCsv } from '../../src/library/csv';
import { MAX_IMPORT_BYTES, parseImport } from '../../src/library/import';
import { toLibraryJson } from '../../src/library/library-json';
import { DATA_DIR, requireShared } from '../lib/shared';
import { median, type BenchRow } from './stats';

const DATA = 'data/arxiv_daily_cs_listings.jsonl';

export interface LibraryFormatTimings {
  n: number;
  /** Median milliseconds. */
  ms: { toBibtex: number; toCsv: number; toLibraryJson: number; parseImportJson: number; parseImportBibtex: number };
  /** UTF-8 sizes of the outputs. */
  bytes: { bibtex: number; csv: number; json: number };
}

/** Timings for a library of `n` papers; null (after a loud SKIPPED notice) without the shared data. */
export function benchLibraryFormats(n = 10_000): LibraryFormatTimings | null {
  if (!requireShared('the library formats benchmark', DATA)) return null;
  const records = loadRecords(n);
  const now = Date.UTC(2026, 10, 28);
  const bibtex = time(() => toBibtex(records));
  const csv = time(() => toCsv(records));
  const json = time(() => toLibraryJson(records, { topics: [{ id: 'vlm', name: 'Vision-language models', keywords: ['vision-language model'] }] }, now));
  const parsedJson = time(() => parseImport(json.value, 'library.json', now));
  if (!parsedJson.value.ok || parsedJson.value.papers.length !== n) throw new Error(`the JSON did not read back: ${parsedJson.value.ok ? 'wrong count' : parsedJson.value.message}`);
  const parsedBib = time(() => parseImport(bibtex.value, 'library.bib', now), 1);
  if (!parsedBib.value.ok) throw new Error(`the BibTeX did not read back: ${parsedBib.value.message}`);
  const size = (s: string) => Buffer.byteLength(s, 'utf8');
  return {
    n,
    ms: { toBibtex: bibtex.ms, toCsv: csv.ms, toLibraryJson: json.ms, parseImportJson: parsedJson.ms, parseImportBibtex: parsedBib.ms },
    bytes: { bibtex: size(bibtex.value), csv: size(csv.value), json: size(json.value) },
  };
}

/** The timings as rows for scripts/bench/stats.ts's formatRows. */
export function libraryFormatRows(t: LibraryFormatTimings): BenchRow[] {
  const group = 'library formats (issue 5)';
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  const n = t.n.toLocaleString('en-US');
  return [
    { group, name: `BibTeX export of ${n} papers`, value: t.ms.toBibtex, unit: 'ms', extra: mb(t.bytes.bibtex) },
    { group, name: `CSV export of ${n} papers`, value: t.ms.toCsv, unit: 'ms', extra: mb(t.bytes.csv) },
    { group, name: `JSON export of ${n} papers`, value: t.ms.toLibraryJson, unit: 'ms', extra: `${mb(t.bytes.json)} (import cap ${mb(MAX_IMPORT_BYTES)})` },
    { group, name: `JSON import of ${n} papers (parse + validate + normalize)`, value: t.ms.parseImportJson, unit: 'ms' },
    { group, name: `BibTeX import of ${n} papers (@retorquere/bibtex-parser)`, value: t.ms.parseImportBibtex, unit: 'ms' },
  ];
}

/** n records as a user's library holds them: every 5th starred, every 3rd read, some tagged and annotated. */
function loadRecords(n: number): PaperRecord[] {
  const rows = readFileSync(path.join(DATA_DIR, 'arxiv_daily_cs_listings.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { id: string; title: string; summary: string; authors: string[]; categories: string[]; comment: string | null });
  const day = 86_400_000;
  const start = Date.UTC(2025, 2, 18);
  return Array.from({ length: n }, (_, i) => {
    const row = rows[i % rows.length]!;
    // Past the dataset's end, made-up ids keep every paper distinct.
    const bare = i < rows.length ? row.id : `29${String(1 + (Math.floor(i / 100_000) % 12)).padStart(2, '0')}.${String(i % 100_000).padStart(5, '0')}`;
    const meta = clampMeta({
      id: `arxiv:${bare}`,
      title: row.title,
      authors: row.authors,
      abstract: row.summary,
      url: `https://arxiv.org/abs/${bare}`,
      pdfUrl: `https://arxiv.org/pdf/${bare}`,
      primaryCategory: row.categories[0] ?? null,
      subjects: row.categories,
      comments: row.comment,
      site: 'arxiv',
    });
    const seen = start + i * 3_600_000;
    const starred = i % 5 === 0;
    const read = i % 3 === 0;
    return {
      ...meta,
      ...EMPTY_STATE,
      starred,
      starredAt: starred ? seen + day : null,
      read,
      readAt: read ? seen + 2 * day : null,
      firstSeenAt: seen,
      lastSeenAt: seen + day,
      tags: starred ? normalizeTags([row.categories[0] ?? 'misc', i % 2 ? 'to read' : 'cite']) : [],
      note: i % 10 === 0 ? `Read section 3 again.\nCompare with ${row.id}: same benchmark, different split.` : '',
      updatedAt: seen + 2 * day,
    };
  });
}

/** The value of a first (warm-up) run and the median time of `runs` more. */
function time<T>(run: () => T, runs = 3): { value: T; ms: number } {
  const value = run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return { value, ms: median(times) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 10_000);
  const result = benchLibraryFormats(n);
  if (result) {
    const { formatRows } = await import('./stats');
    console.log(formatRows(libraryFormatRows(result)));
  }
}
