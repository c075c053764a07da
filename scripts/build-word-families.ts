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
 * frequent word. From the same lifts, each such stem's classes in families (see
 * stem-families.ts). And the stems whose words written in capitals are another word than the
 * same letters in small ones ("CLIP", "clips"), each with the capitals as most written, which
 * TF-IDF reads as a term of their own (stem-families.ts, capitalTerm). Only these lists are
 * committed, never the data, so a build needs no ../shared.
 *
 * Rerun it whenever TOKENIZER_VERSION changes.
 */
import { writeFileSync } from 'node:fs';
import { readBuildInput } from './lib/build-input';
import { inflectionKey } from '../src/relevance/inflection';
import { americanSpelling } from '../src/relevance/spelling';
import { hasCapitalAfterFirst, isCapital, LEXICON, tokenize, wordOf, writtenWords } from '../src/relevance/tokenize';

/** Fewest papers a class must be in for its lift to mean something. */
export const MIN_PAPERS = 10;
/** Below this lift, two classes of a stem are not one family. */
export const MAX_LIFT = 1.5;
/** Written in capitals and in small letters, a stem's words are two words when fewer than this share of the papers with the rarer way also have the other… */
export const MAX_BOTH_SHARE = 0.2;
/** … and the small letters are in at least this share as many papers as the capitals. */
export const MIN_SMALL_SHARE = 0.1;

export function buildWordFamilies(jsonl: string): { papers: number; apart: Array<[string, string]>; families: string[][][]; capitals: Array<[string, string]> } {
  // Each word's own class (its inflection key), not LEXICON.classOf, which reads rare classes by
  // the committed table: the table would then depend on itself.
  const classIds = new Map<string, number>();
  const classOfWord = new Map<number, number>();
  const classOf = (word: number): number => {
    let cls = classOfWord.get(word);
    if (cls === undefined) {
      const key = inflectionKey(americanSpelling(LEXICON.word(word)));
      if (!classIds.has(key)) classIds.set(key, classIds.size);
      classOfWord.set(word, (cls = classIds.get(key)!));
    }
    return cls;
  };
  // A class is a stem and a class id (words of two stems may share a class id), as one number.
  const papersOf = new Map<number, number>(); // class → papers
  const stemOf = new Map<number, number>(); // class → stem id
  const wordCount = new Map<number, Map<number, number>>(); // class → word id → occurrences
  const pairs = new Map<string, number>(); // "a b" (classes, a < b, one stem) → papers with both
  // Per stem: papers writing a word of it in capitals ("CLIP"), papers writing one in small
  // letters ("clips"), papers writing both; and how its words are written in capitals.
  const capitalPapers = new Map<number, number>();
  const smallPapers = new Map<number, number>();
  const bothPapers = new Map<number, number>();
  const capitalForms = new Map<number, Map<string, number>>();
  let papers = 0;
  for (const line of jsonl.split('\n')) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line) as { title: string; summary?: string };
    papers++;
    const classes = new Set<number>();
    const inCapitals = new Set<number>();
    const inSmall = new Set<number>();
    const text = `${r.title}. ${r.summary ?? ''}`;
    for (const code of tokenize(text).codes) {
      const word = wordOf(code);
      if (!LEXICON.isStop(word)) (isCapital(code) ? inCapitals : inSmall).add(LEXICON.stemOf(word));
      const cls = LEXICON.stemOf(word) * 2 ** 26 + classOf(word);
      classes.add(cls);
      stemOf.set(cls, LEXICON.stemOf(word));
      const words = wordCount.get(cls) ?? new Map<number, number>();
      words.set(word, (words.get(word) ?? 0) + 1);
      wordCount.set(cls, words);
    }
    for (const written of writtenWords(text)) {
      if (!hasCapitalAfterFirst(written, 0, written.length)) continue;
      const stem = LEXICON.stemOf(LEXICON.wordId(written));
      const forms = capitalForms.get(stem) ?? new Map<string, number>();
      forms.set(written, (forms.get(written) ?? 0) + 1);
      capitalForms.set(stem, forms);
    }
    for (const stem of inCapitals) {
      capitalPapers.set(stem, (capitalPapers.get(stem) ?? 0) + 1);
      if (inSmall.has(stem)) bothPapers.set(stem, (bothPapers.get(stem) ?? 0) + 1);
    }
    for (const stem of inSmall) smallPapers.set(stem, (smallPapers.get(stem) ?? 0) + 1);
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
  const keptApart = (a: number, b: number) => ((pairs.get(a < b ? `${a} ${b}` : `${b} ${a}`) ?? 0) * papers) / (papersOf.get(a)! * papersOf.get(b)!) < MAX_LIFT;
  const apart: Array<[string, string]> = [];
  const families: string[][][] = [];
  for (const group of frequent.values()) {
    group.sort((a, b) => a - b);
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        if (keptApart(group[i]!, group[j]!)) apart.push([named(group[i]!), named(group[j]!)].sort() as [string, string]);
      }
    }
    // Its families (stem-families.ts): from the stem's most frequent class down, each class joins
    // the first family it is kept apart from no member of.
    const ofStem: number[][] = [];
    for (const cls of [...group].sort((a, b) => papersOf.get(b)! - papersOf.get(a)! || a - b)) {
      const family = ofStem.find((members) => members.every((m) => !keptApart(cls, m)));
      if (family) family.push(cls);
      else ofStem.push([cls]);
    }
    if (ofStem.length > 1) families.push(ofStem.map((family) => family.map(named)));
  }
  // A stem's words written in capitals are another word than the same letters in small ones
  // ("CLIP", "clips"; "STEM", "stem") when few papers write both. Lift does not tell them apart:
  // both are words of one field ("CLIP" and "clips" are both in vision papers: lift 1.7). Nor are
  // they when the small letters are a rare way to write the name ("gpt-4o": 31 papers to
  // GPT's 676) rather than a word of their own; nor when the capitals mostly write a name in
  // mixed case ("LLaMA", "DeepSeek"), whose small letters are that name ("llama-3", "deepseek-r1"),
  // or a number ("1K", "1k").
  const capitals: Array<[string, string]> = [];
  for (const [stem, c] of capitalPapers) {
    const s = smallPapers.get(stem) ?? 0;
    if (c < MIN_PAPERS || s < MIN_PAPERS || s < c * MIN_SMALL_SHARE || (bothPapers.get(stem) ?? 0) >= Math.min(c, s) * MAX_BOTH_SHARE) continue;
    const mostWritten = [...capitalForms.get(stem)!].reduce((best, w) => (w[1] > best[1] ? w : best))[0];
    if (/^[A-Z]+$/.test(mostWritten)) capitals.push([LEXICON.stem(stem), mostWritten]);
  }
  const byText = (x: unknown[], y: unknown[]) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1);
  return { papers, apart: apart.sort(byText), families: families.sort(byText), capitals: capitals.sort(byText) };
}

function main(argv: string[]): void {
  const { text, out } = readBuildInput('build-word-families', argv, 'src/relevance/word-families.json');
  const { papers, apart, families, capitals } = buildWordFamilies(text);
  // One pair (one stem's families) per line keeps diffs of a rebuilt table readable.
  const lines = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).join(',\n');
  const json = `{"papers":${papers},"minPapers":${MIN_PAPERS},"maxLift":${MAX_LIFT},\n"apart":[\n${lines(apart)}\n],\n"families":[\n${lines(families)}\n],\n"capitals":[\n${lines(capitals)}\n]}\n`;
  writeFileSync(out, json);
  process.stdout.write(`${out}: ${apart.length} pairs kept apart, ${families.length} stems in families, ${capitals.length} stems with a term of their own in capitals, from ${papers} papers, ${(json.length / 1024).toFixed(0)} KB\n`);
}

main(process.argv.slice(2));
