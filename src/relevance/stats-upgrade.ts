/**
 * Stored document frequencies brought to a tokenizer that reads some words as terms of their own.
 * Pure, no browser APIs.
 *
 * The worker keeps the counts of every paper it has scored, most of which it cannot read again
 * (only the papers the user saw or marked are stored), so a new tokenizer keeps them. Where that
 * tokenizer splits a term, the counts it restores still hold the new terms' papers under the old
 * one, and the new terms at 0: a term of its own ("CLIP", "critic~critic") looked as rare as a
 * word met once, for as long as the papers counted before outnumbered those counted since. So the
 * old term's count is shared out once, at restore, in the proportions the shipped df prior
 * (counted by this tokenizer) gives the old term's words: stored "clip" in 461 papers, the prior's
 * "CLIP" 312 and "clip" 149, gives "CLIP" 312 and "clip" 149.
 */
import { capitalStem } from './stem-families';
import { OWN_TERM_SEP } from './term-surface';
import { BIGRAM_SEP, TERMS, TOKENIZER_VERSION } from './tokenize';
import type { CorpusStats, DfPrior, SerializedCorpusStats, SerializedCorpusStatsV1 } from './vectorize';

/** The terms a tokenizer version split off, each with the stem its words were counted under before. */
const SPLITS: ReadonlyArray<{ since: number; before: (stem: string) => string }> = [
  // A family's own term ("critic~critic" → "critic"; stem-families.ts).
  { since: 7, before: (stem) => (stem.includes(OWN_TERM_SEP) ? stem.slice(0, stem.indexOf(OWN_TERM_SEP)) : stem) },
  // Capitals read as another word ("CLIP" → "clip").
  { since: 8, before: (stem) => capitalStem(stem) ?? stem },
];

/**
 * The tokenizer version stored counts were made by: stored with them since version 8; before,
 * 7 when they hold a family's own term, else older (what matters here is only which splits they lack).
 */
export function countedBy(stored: SerializedCorpusStats | SerializedCorpusStatsV1): number {
  if (stored.v === 2 && typeof stored.tokenizerVersion === 'number') return stored.tokenizerVersion;
  const stems = stored.v === 1 ? stored.terms : stored.stems;
  return stems.some((stem) => stem.includes(OWN_TERM_SEP)) ? 7 : 6;
}

/** Shares out, in `stats`, each old term's count among the terms this tokenizer split it into since version `countedWith`. */
export function upgradeStats(stats: CorpusStats, countedWith: number, prior: DfPrior | null): void {
  const splits = SPLITS.filter((split) => split.since > countedWith && split.since <= TOKENIZER_VERSION);
  if (splits.length === 0 || !prior) return;
  const before = (term: string) =>
    term
      .split(BIGRAM_SEP)
      .map((stem) => splits.reduce((s, split) => split.before(s), stem))
      .join(BIGRAM_SEP);
  const priorDf = new Map(prior.terms.map((term, i) => [term, prior.df[i]!]));
  const splitInto = new Map<string, string[]>(); // old term → the new terms the prior lists
  for (const term of prior.terms) {
    const old = before(term);
    if (old !== term) splitInto.set(old, [...(splitInto.get(old) ?? []), term]);
  }
  for (const [old, terms] of splitInto) {
    const oldId = TERMS.intern(old);
    const counted = stats.df.ofId(oldId);
    if (counted <= 0) continue;
    const shares = terms.map((term) => priorDf.get(term)!);
    const whole = (priorDf.get(old) ?? prior.floorDf / 2) + shares.reduce((a, b) => a + b, 0);
    let moved = 0;
    terms.forEach((term, i) => {
      const n = Math.min(Math.round((counted * shares[i]!) / whole), counted - moved);
      if (n <= 0) return;
      stats.df.add(TERMS.intern(term), n);
      moved += n;
    });
    stats.df.add(oldId, -moved);
  }
}
