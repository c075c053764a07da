/**
 * The families of a stem: the words the Porter stemmer makes one, in the groups papers use as
 * one. The shipped table (word-families.json, `families`, mined by
 * scripts/build-word-families.ts) lists, for each stem whose frequent classes (inflection.ts)
 * fall apart, those classes in families, the stem's most frequent family first: "critic" →
 * [critical, critically], [critic]. A class the table does not name (too rare to judge) belongs
 * with the longest named class of its stem that begins it ("criticisms" with "critic"); without
 * one it is read as the stem, of no family a keyword keeps apart from ("experi", of "experi-ments"
 * broken at a line end).
 *
 * Two readers: the keyword matcher keeps words of two known families apart, as it does the pairs
 * word-families.ts names (notOneWord there); and TF-IDF reads each family after the first as a term of
 * its own ("critic~critic"), so that a topic's keyword "critic" does not weigh every paper saying
 * "critical". Pure, no browser APIs, and no lexicon: tokenize.ts asks once per new word.
 */
import { stemmer } from 'stemmer';
import table from './word-families.json';
import { inflectionKey } from './inflection';
import { americanSpelling } from './spelling';
import { OWN_TERM_SEP } from './term-surface';

/** A word's place among its stem's families. */
export interface StemFamily {
  /** The class the word is read as: its own (inflectionKey), or the named class that begins it. */
  classKey: string;
  /** Its family's own term stem; null for the stem's first family (the term is the stem). */
  ownTerm: string | null;
  /** Whether the table places it (false: a class it does not name, nor one that begins it). */
  placed: boolean;
}

interface NamedClass {
  key: string;
  ownTerm: string | null;
}

let byStem: Map<string, NamedClass[]> | undefined;

function namedClasses(): Map<string, NamedClass[]> {
  if (byStem) return byStem;
  byStem = new Map();
  for (const families of table.families as string[][][]) {
    families.forEach((family, k) => {
      const ownTerm = k === 0 ? null : stemmer(americanSpelling(family[0]!)) + OWN_TERM_SEP + family[0]!;
      for (const word of family) {
        const american = americanSpelling(word);
        const stem = stemmer(american);
        byStem!.set(stem, [...(byStem!.get(stem) ?? []), { key: inflectionKey(american), ownTerm }]);
      }
    });
  }
  return byStem;
}

/** The family of a word of stem `stem` whose class (inflectionKey of its American spelling) is `classKey`. */
export function stemFamily(stem: string, classKey: string): StemFamily {
  let best: NamedClass | null = null;
  for (const named of namedClasses().get(stem) ?? []) {
    if (named.key === classKey) return { classKey, ownTerm: named.ownTerm, placed: true };
    if (classKey.startsWith(named.key) && (!best || named.key.length > best.key.length)) best = named;
  }
  return best ? { classKey: best.key, ownTerm: best.ownTerm, placed: true } : { classKey, ownTerm: null, placed: false };
}

let capitalTerms: Map<string, string> | undefined;
let capitalStems: Map<string, string> | undefined;

/**
 * The term TF-IDF reads a word of stem `stem` as when it is written in capitals (isCapital in
 * tokenize.ts), where papers use the capitals as another word than the small letters (the
 * table's `capitals`: "CLIP", a vision-language model, and "clips" of video; "STEM" and "stem"):
 * the capitals as most written, which no stem is (stems are in small letters). Null when the
 * capitals are the same word ("LLM" and "llm"), or too rare to judge.
 */
export function capitalTerm(stem: string): string | null {
  capitalTerms ??= new Map(table.capitals as Array<[string, string]>);
  return capitalTerms.get(stem) ?? null;
}

/**
 * The stem a TF-IDF term stem is read from: a family's own term ("critic~critic", "new~news") its
 * stem's, a term in capitals its small letters' ("CLIP" → "clip"), any other itself. What a
 * keyword's stems are compared with (an explanation names no term its keywords already name).
 */
export function baseStem(termStem: string): string {
  const cut = termStem.indexOf(OWN_TERM_SEP);
  return cut >= 0 ? termStem.slice(0, cut) : (capitalStem(termStem) ?? termStem);
}

/** The stem whose words in capitals the term `name` is (capitalTerm's inverse: "CLIP" → "clip"), or null. */
export function capitalStem(name: string): string | null {
  capitalStems ??= new Map((table.capitals as Array<[string, string]>).map(([stem, capitals]) => [capitals, stem]));
  return capitalStems.get(name) ?? null;
}
