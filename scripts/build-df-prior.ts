/**
 * npm exec tsx scripts/build-df-prior.ts [-- --data <papers.jsonl>] [--out <file>] [--terms N]
 *
 * Builds src/relevance/df-prior.json: the document frequencies of the N most frequent terms
 * (stems, bigrams, and stop-word stems for keyword phrases) in a public sample of arXiv listings
 * (default: ../shared/data/arxiv_daily_cs_listings.jsonl, CC0 metadata), with the tokenizer the
 * extension runs. The engine blends it with the user's own counts while those are few
 * (vectorize.ts, IdfTable), so the first day's listing does not make "propose" look rare. Only
 * figures are committed, never the data, so a build needs no ../shared.
 *
 * Rerun it whenever TOKENIZER_VERSION changes (the engine ignores a prior of another version).
 */
import { writeFileSync } from 'node:fs';
import { readBuildInput } from './lib/build-input';
import { analyzePaper, CorpusStats, TOKENIZER_VERSION, type DfPrior } from '../src/relevance/index';

export function buildPrior(jsonl: string, maxTerms: number): DfPrior {
  const stats = new CorpusStats();
  for (const line of jsonl.split('\n')) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line) as { id: string; title: string; summary?: string };
    stats.add(analyzePaper({ id: r.id, title: r.title, abstract: r.summary ?? '' }));
  }
  // Terms seen in at least 3 papers, most frequent first (ties by term, so the file is stable).
  const rows = [...stats.df.entries()].filter(([, n]) => n >= 3).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = rows.slice(0, maxTerms);
  const floorDf = kept.length > 0 ? kept[kept.length - 1]![1] : 1;
  return {
    tokenizerVersion: TOKENIZER_VERSION,
    nDocs: stats.nDocs,
    avgLength: Math.round(stats.avgLength * 10) / 10,
    floorDf,
    terms: kept.map(([t]) => t),
    df: kept.map(([, n]) => n),
  };
}

function main(argv: string[]): void {
  const { text, out, value: terms } = readBuildInput('build-df-prior', argv, 'src/relevance/df-prior.json', { flag: '--terms', value: 12_000 });
  const prior = buildPrior(text, terms);
  // One term per line keeps diffs of a rebuilt prior readable.
  const json = `{"tokenizerVersion":${prior.tokenizerVersion},"nDocs":${prior.nDocs},"avgLength":${prior.avgLength},"floorDf":${prior.floorDf},\n"terms":[\n${prior.terms.map((t) => JSON.stringify(t)).join(',\n')}\n],\n"df":[${prior.df.join(',')}]}\n`;
  writeFileSync(out, json);
  process.stdout.write(`${out}: ${prior.terms.length} terms from ${prior.nDocs} papers, floor df ${prior.floorDf}, ${(json.length / 1024).toFixed(0)} KB\n`);
}

main(process.argv.slice(2));
