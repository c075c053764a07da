/**
 * npm exec tsx scripts/build-abbreviations.ts [-- --data <papers.jsonl>] [--out <file>] [--min N]
 *
 * Builds src/relevance/abbreviations.json: the abbreviations a public sample of arXiv listings
 * (default: ../shared/data/arxiv_daily_cs_listings.jsonl, CC0 metadata) defines in its titles and
 * abstracts ("large language models (LLMs)", see findDefinitions), kept when
 *  - at least N papers (default 5) define it with the same long form (compared on stems),
 *  - that long form is at least 60 % of the abbreviation's definitions (one meaning),
 *  - papers write it in capitals at least 80 % of the time: not a word ("map", "us", "it") or a
 *    name ("Sam"),
 *  - other words with its stem are at most a tenth as frequent ("are" for "AR", "harness" for
 *    "HAR"). Keywords typed in capitals now match only capitals (interests.ts), but a short form
 *    that is also a common stem was often another thing too: "AR" is augmented reality in 18
 *    definitions of the sample and autoregressive in 14.
 * Only the pairs are committed, never the data, so a build needs no ../shared.
 */
import { writeFileSync } from 'node:fs';
import { readBuildInput } from './lib/build-input';
import { agreedAbbreviations, findDefinitions, stemKey, type Abbreviation } from '../src/relevance/abbreviations';

export function buildAbbreviations(jsonl: string, minPapers: number): { papers: number; pairs: Abbreviation[] } {
  const texts = jsonl
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const r = JSON.parse(line) as { title: string; summary?: string };
      return `${r.title}. ${r.summary ?? ''}`;
    });
  const definitions = texts.map(findDefinitions);
  // Per abbreviation defined (lower case): how often it is written (plural "s" aside), how often
  // in capitals, and how often another word that has its stem ("are" for "AR", "harness" for
  // "HAR"): keywords match on stems, so those would match too.
  const seen = new Map<string, { caps: number; all: number; sameStem: number }>();
  for (const paper of definitions) for (const [short] of paper) seen.set(short.toLowerCase(), { caps: 0, all: 0, sameStem: 0 });
  const byStem = new Map<string, string[]>();
  for (const key of seen.keys()) {
    const stem = stemKey(key);
    byStem.set(stem, [...(byStem.get(stem) ?? []), key]);
  }
  const stems = new Map<string, string>();
  for (const text of texts) {
    for (const [word] of text.matchAll(/[A-Za-z]+/g)) {
      const lower = word.toLowerCase();
      let stem = stems.get(lower);
      if (stem === undefined) stems.set(lower, (stem = stemKey(lower)));
      for (const key of byStem.get(stem) ?? []) {
        const c = seen.get(key)!;
        if (lower !== key && lower !== `${key}s`) c.sameStem++;
        else {
          c.all++;
          if (word.replace(/[^A-Z]/g, '').length >= 2) c.caps++;
        }
      }
    }
  }
  const keep = (key: string) => {
    const c = seen.get(key)!;
    return c.caps >= 0.8 * c.all && c.sameStem <= 0.1 * c.all;
  };
  return { papers: texts.length, pairs: agreedAbbreviations(definitions, minPapers, 0.6, keep) };
}

function main(argv: string[]): void {
  const { text, out, value: min } = readBuildInput('build-abbreviations', argv, 'src/relevance/abbreviations.json', { flag: '--min', value: 5 });
  const { papers, pairs } = buildAbbreviations(text, min);
  // One pair per line keeps diffs of a rebuilt table readable.
  const json = `{"papers":${papers},"minPapers":${min},\n"pairs":[\n${pairs.map((p) => JSON.stringify(p)).join(',\n')}\n]}\n`;
  writeFileSync(out, json);
  process.stdout.write(`${out}: ${pairs.length} abbreviations from ${papers} papers, ${(json.length / 1024).toFixed(0)} KB\n`);
}

main(process.argv.slice(2));
