/**
 * Words the Porter stemmer makes one that papers do not use as one. Keyword phrases match on
 * stems, so that "grasping" finds "grasps" and "robot" finds "robotic"; but the stemmer also
 * strips endings that change the word: "experience" found every paper with "experiments" (5,791
 * of the 16,000 papers of our sample; 342 say "experience"), "news" every "new" (2,506; 138),
 * "generation" every "general", "critic" every "critical". Pure, no browser APIs.
 *
 * The words of a stem fall in classes that differ by an inflection only (inflection.ts); two
 * classes are kept apart when the shipped table says so (word-families.json, mined by
 * scripts/build-word-families.ts: papers with one are no likelier than any paper to have the
 * other), or a few pairs kept apart by hand (BY_HAND). Classes neither names stay one, as the
 * stemmer made them; but a class of a stem the table sorts into families is not one with the
 * words of another family of it (stem-families.ts, which the matcher also asks: interests.ts).
 */
import table from './word-families.json';
import { inflectionKey } from './inflection';
import { americanSpelling } from './spelling';
import { LEXICON } from './tokenize';

/**
 * Pairs the table cannot show, kept apart by hand: words of other fields than the sample's
 * (a medical-imaging reader's "organ segmentation" is no "organization"), or too rare in it.
 */
const BY_HAND: ReadonlyArray<[string, string]> = [
  ['organ', 'organization'],
  ['organ', 'organizational'],
  ['community', 'communication'],
  ['community', 'communicate'],
  ['animal', 'animation'],
  ['animal', 'animate'],
];

let apart: Set<number> | undefined;

/** A number for two class ids, either order. */
const pairOf = (a: number, b: number): number => (a < b ? a * 2 ** 26 + b : b * 2 ** 26 + a);

/**
 * True when two words of one stem (word ids) are not one word to a keyword: words of two families
 * of the stem that the table knows (stem-families.ts), of two classes the table or BY_HAND
 * keeps apart, or of two derivations (derivationOf).
 */
export function notOneWord(wordA: number, wordB: number): boolean {
  const familyA = LEXICON.familyOf(wordA);
  const familyB = LEXICON.familyOf(wordB);
  return (familyA >= 0 && familyB >= 0 && familyA !== familyB) || keptApart(LEXICON.classOf(wordA), LEXICON.classOf(wordB)) || derivationOf(wordA) !== derivationOf(wordB);
}

/**
 * Endings the stemmer takes off whole, which make another word of the root: a word of the -ize
 * family ("visualize", "visualization", "tokenizer", "generalizable", "generalizability") is not
 * its root ("visual", "token", "general"), nor one of the -able family ("controllable",
 * "controllability", "reliably") its verb ("control", "remark"). The table cannot tell them
 * apart: papers about visualization say "visual" too. "visualization" found 3,208 of the 16,000
 * sample papers, 246 of them about visualizing; "authorization" 176, 12 of them about it. Read on
 * a word's class (its inflectionKey, in American spelling): 1 for -ize, 2 for -able, 0 for
 * neither. ("stability" and "stabilization" are two words so.)
 */
const DERIVATIONS: readonly RegExp[] = [/iz(?:ation|ational|er|abl|abilit(?:y|ie))?$/, /[ai]b(?:ly?|ilit(?:y|ie))$/];
const derivations = new Map<number, number>();

function derivationOf(wordId: number): number {
  let kind = derivations.get(wordId);
  if (kind === undefined) {
    const key = inflectionKey(americanSpelling(LEXICON.word(wordId)));
    kind = DERIVATIONS.findIndex((ending) => ending.test(key)) + 1;
    derivations.set(wordId, kind);
  }
  return kind;
}

/** True when two classes of one stem (LEXICON.classOf) are kept apart. */
function keptApart(classA: number, classB: number): boolean {
  if (classA === classB) return false;
  apart ??= new Set([...(table.apart as Array<[string, string]>), ...BY_HAND].map(([a, b]) => pairOf(LEXICON.classOf(LEXICON.wordId(a)), LEXICON.classOf(LEXICON.wordId(b)))));
  return apart.has(pairOf(classA, classB));
}
