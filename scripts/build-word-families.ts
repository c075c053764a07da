/**
 * npm exec tsx scripts/build-word-families.ts [-- --data <papers.jsonl>] [--out <file>]
 *
 * Builds src/relevance/word-families.json: the words the Porter stemmer makes one that papers do
 * not use as one (see word-families.ts). In a public sample of arXiv listings (default:
 * ../shared/data/arxiv_daily_cs_listings.jsonl, CC0 metadata), for each two classes of one stem
 * (words differing by more than an inflection: "experiments", "experience"), each in at least
 * MIN_PAPERS papers: their lift, how much likelier a paper with one is to have the other than any
 * paper is. Words of one family keep company ("robot", "robotic": 18.2; "segment",
 * "segmentation": 6.2); a word that merely shares letters does not ("experiments", "experience":
 * 0.88; "new", "news": 1.07). Pairs below MAX_LIFT are written out, each class as its most
 * frequent word. Only the pairs are committed, never the data, so a build needs no ../shared.
 *
 * Rerun it whenever TOKENIZER_VERSION changes.
 */
import { writeFileSync } from 'node:fs';
import { readBuildInput } from './lib/build-input';
import { LEXICON, tokenize, wordOf } from '../src/relevance/tokenize';

/** Fewest papers a class must be in for its lift to mean something. */
export const MIN_PAPERS = 10;
/** Below this lift, two classes of a stem are not one family. */
export const MAX_LIFT = 1.5;

export function buildWordFamilies(jsonl: string): { papers: number; apart: Array<[string, string]> } {
  // A class is a stem and a class id (words of two stems may share a class id), as one number.
  const papersOf = new Map<number, number>(); // class → papers
  const stemOf = new Map<number, number>(); // class → stem id
  const wordCount = new Map<number, Map<number, number>>(); // class → word id → occurrences
  const pairs = new Map<string, number>(); // "a b" (classes, a < b, one stem) → papers with both
  let papers = 0;
  for (const line of jsonl.split('\n')) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line) as { title: string; summary?: string };
    papers++;
    const classes = new Set<number>();
    for (const code of tokenize(`${r.title}. ${r.summary ?? ''}`).codes) {
      const word = wordOf(code);
      const cls = LEXICON.stemOf(word) * 2 ** 26 + LEXICON.classOf(word);
      classes.add(cls);
      stemOf.set(cls, LEXICON.stemOf(word));
      const words = wordCount.get(cls) ?? new Map<number, number>();
      words.set(word, (words.get(word) ?? 0) + 1);
      wordCount.set(cls, words);
    }
    const byStem = new Map<number, number[]>();
    for (const cls of classes) {
      papersOf.set(cls, (papersOf.get(cls) ?? 0) + 1);
      const stem = stemOf.get(cls)!;
      byStem.set(stem, [...(byStem.get(stem) ?? []), cls]);
    }
    for (const group of byStem.values()) {
      group.sort((a, b) => a - b);
      for (let i = 0; i < group.length; i++) for (let j = i + 1; j < group.length; j++) pairs.set(`${group[i]} ${group[j]}`, (pairs.get(`${group[i]} ${group[j]}`) ?? 0) + 1);
    }
  }
  // Every two frequent classes of a stem, whether or not a paper has both.
  const frequent = new Map<number, number[]>();
  for (const [cls, n] of papersOf) if (n >= MIN_PAPERS) frequent.set(stemOf.get(cls)!, [...(frequent.get(stemOf.get(cls)!) ?? []), cls]);
  const named = (cls: number) => LEXICON.word([...wordCount.get(cls)!].reduce((best, w) => (w[1] > best[1] ? w : best))[0]);
  const apart: Array<[string, string]> = [];
  for (const group of frequent.values()) {
    group.sort((a, b) => a - b);
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = [group[i]!, group[j]!];
        const lift = ((pairs.get(`${a} ${b}`) ?? 0) * papers) / (papersOf.get(a)! * papersOf.get(b)!);
        if (lift < MAX_LIFT) apart.push([named(a), named(b)].sort() as [string, string]);
      }
    }
  }
  return { papers, apart: apart.sort((x, y) => (x.join(' ') < y.join(' ') ? -1 : 1)) };
}

function main(argv: string[]): void {
  const { text, out } = readBuildInput('build-word-families', argv, 'src/relevance/word-families.json');
  const { papers, apart } = buildWordFamilies(text);
  // One pair per line keeps diffs of a rebuilt table readable.
  const json = `{"papers":${papers},"minPapers":${MIN_PAPERS},"maxLift":${MAX_LIFT},\n"apart":[\n${apart.map((p) => JSON.stringify(p)).join(',\n')}\n]}\n`;
  writeFileSync(out, json);
  process.stdout.write(`${out}: ${apart.length} pairs kept apart, from ${papers} papers, ${(json.length / 1024).toFixed(0)} KB\n`);
}

main(process.argv.slice(2));
