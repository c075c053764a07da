/**
 * npm exec tsx scripts/build-compounds.ts [-- --data <papers.jsonl>] [--out <file>]
 *
 * Builds src/relevance/compounds.json: the words papers write both joined and hyphenated
 * ("spatiotemporal" and "spatio-temporal", "realtime" and "real-time", "pretraining" and
 * "pre-training"), which the tokenizer reads as one word or two; a keyword typed joined also
 * matches them hyphenated (compoundForms in src/relevance/compounds.ts). From a public sample of arXiv listings
 * (default: ../shared/data/arxiv_daily_cs_listings.jsonl, CC0 metadata): every word of two parts
 * (HYPHENATED), hyphenated in at least MIN_PAPERS papers and joined in at least MIN_PAPERS
 * others. Only seen pairs count: splitting after a prefix by rule made "co-mputer" of
 * "computer" and "super-vised" of "supervised". Nor a word broken at a line's end, which
 * abstracts copied from a PDF keep ("lan-guage" in 2 papers, "language" in 6,075): see
 * lineBreak. Only the pairs are committed, never the data, so a build needs no ../shared.
 */
import { writeFileSync } from 'node:fs';
import { readBuildInput } from './lib/build-input';
import { foldAccents } from '../src/relevance/authors';
import { HYPHENATED, WORD } from '../src/relevance/compounds';

/** A word as papers write it alone: two letters or more, not part of a hyphenated run. */
const ALONE = /(?<![A-Za-z0-9-])[A-Za-z]{2,}(?![A-Za-z0-9-])/g;

/** Fewest papers each form must be in. */
export const MIN_PAPERS = 2;

/**
 * A hyphenated word is taken for one broken at a line's end when its joined form is in this many
 * times as many papers or more, and neither part is a word papers write alone. A compound's
 * hyphen is a spelling of its own, kept in a fair share of papers ("wi-fi" 7, "wifi" 9;
 * "light-weight" 12, "lightweight" 1,157), and at least one of its parts is a word ("pre-training",
 * "co-occurrence", "U-Net"); a line break falls between syllables ("lan-guage").
 */
export const LINE_BREAK_RATIO = 20;

/** True when `a-b`, in `hyphenated` papers, is a word broken at a line's end (see LINE_BREAK_RATIO). */
function lineBreak(a: string, b: string, hyphenated: number, joined: ReadonlyMap<string, number>, alone: ReadonlyMap<string, number>): boolean {
  const isWord = (part: string) => (alone.get(part) ?? 0) >= MIN_PAPERS;
  return (joined.get(a + b) ?? 0) >= LINE_BREAK_RATIO * hyphenated && !isWord(a) && !isWord(b);
}

export function buildCompounds(jsonl: string): { papers: number; pairs: Array<[string, string]> } {
  const hyphenated = new Map<string, number>(); // "a-b" → papers
  const joined = new Map<string, number>(); // word → papers
  const alone = new Map<string, number>(); // word of two letters or more, not in a hyphenated run → papers
  let papers = 0;
  for (const line of jsonl.split('\n')) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line) as { title: string; summary?: string };
    papers++;
    const text = foldAccents(`${r.title}. ${r.summary ?? ''}`).toLowerCase();
    for (const pair of new Set(Array.from(text.matchAll(HYPHENATED), (m) => m[0]))) hyphenated.set(pair, (hyphenated.get(pair) ?? 0) + 1);
    for (const word of new Set(text.match(WORD))) joined.set(word, (joined.get(word) ?? 0) + 1);
    for (const word of new Set(text.match(ALONE))) alone.set(word, (alone.get(word) ?? 0) + 1);
  }
  const pairs: Array<[string, string]> = [];
  for (const [pair, n] of hyphenated) {
    const [a, b] = pair.split('-') as [string, string];
    if (n >= MIN_PAPERS && (joined.get(a + b) ?? 0) >= MIN_PAPERS && !lineBreak(a, b, n, joined, alone)) pairs.push([a, b]);
  }
  return { papers, pairs: pairs.sort((x, y) => (x.join('-') < y.join('-') ? -1 : 1)) };
}

function main(argv: string[]): void {
  const { text, out } = readBuildInput('build-compounds', argv, 'src/relevance/compounds.json');
  const { papers, pairs } = buildCompounds(text);
  // One pair per line keeps diffs of a rebuilt table readable.
  const json = `{"papers":${papers},"minPapers":${MIN_PAPERS},\n"pairs":[\n${pairs.map((p) => JSON.stringify(p)).join(',\n')}\n]}\n`;
  writeFileSync(out, json);
  process.stdout.write(`${out}: ${pairs.length} words written both joined and hyphenated, from ${papers} papers, ${(json.length / 1024).toFixed(0)} KB\n`);
}

main(process.argv.slice(2));
