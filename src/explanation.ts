/**
 * A relevance score in words: the sentences a listing's badge shows on hover and focus, and the
 * popup beside a recommended paper. Pure; all text comes from the engine and the user's own
 * interests.
 */
import type { EntryScore } from './messages';

export function explanationLines(score: EntryScore): string[] {
  const list = (xs: readonly string[]) => xs.map((x) => `“${x}”`).join(', ');
  const lines = [`Relevance ${score.score}/100 (${score.tier})${score.topic ? ` for ${score.topic}` : ''}.`];
  const { why } = score;
  // Its star weighs most in its score (the model learned the topic from it), named by no word.
  if (why.starred) lines.push('You starred it: the topic was learned from it, among others.');
  if (why.keywords.length > 0) lines.push(`Matches your keywords: ${list(why.keywords)}.`);
  if (why.titleKeywordUntilStars !== undefined) lines.push(`Medium for a keyword in its title, until you have starred ${why.titleKeywordUntilStars} papers of the topic.`);
  if (why.heldLow)
    lines.push(
      `Its words would make it ${why.heldLow.score} (${why.heldLow.tier}), but it has none of your keywords and is like no paper you starred: low until you have starred ${why.heldLow.untilStars} papers of the topic.`,
    );
  if (why.authors.length > 0) lines.push(`By ${why.authors.length === 1 ? 'an author' : 'authors'} you follow: ${why.authors.join(', ')}.`);
  if (why.muted.length > 0) lines.push(`Muted: ${list(why.muted)}.`);
  if (why.categories.length > 0) lines.push(`In your ${why.categories.length === 1 ? 'category' : 'categories'} ${why.categories.join(', ')}.`);
  if (why.like) lines.push(`Like “${why.like}”, which you starred.`);
  if (why.raising.length > 0) lines.push(`Raised by: ${list(why.raising)}.`);
  if (why.lowering.length > 0) lines.push(`Lowered by: ${list(why.lowering)}.`);
  if (lines.length === 1) lines.push('Nothing in it matches your interests or the papers you starred.');
  return lines;
}

/** A term that raised or lowered a score: as the paper writes it, and its stems (one word's, or a bigram's two). */
export interface ScoreTerm {
  text: string;
  stems: readonly string[];
}

/**
 * The terms worth naming after what an explanation already says (`named`: the stems of each
 * keyword phrase it matched, and of each of that phrase's other forms), at most `max`, as the
 * paper writes them, in order. Compared on stems, since a paper's words are not the keyword as
 * typed ("grippers" says nothing the keyword "gripper" did not): each term once, none that is a
 * keyword named or a part of one ("grippers" beside "gripper", "hole" and "black holes" beside
 * "black hole", "RL" beside "reinforcement learning (RL)"), and no single word of a bigram named
 * ("hole" beside "black hole"). So each term on a badge says something the lines above it do not.
 */
export function termsToName(terms: readonly ScoreTerm[], named: ReadonlyArray<readonly string[]>, max: number): string[] {
  const seen = new Set<string>();
  const candidates = terms.filter((term) => {
    const key = term.stems.join(' ');
    if (seen.has(key) || named.some((phrase) => holdsRun(phrase, term.stems))) return false;
    seen.add(key);
    return true;
  });
  // A word goes only for a bigram named with it: one cut by `max` would name the word in no form
  // ("editing", the strongest term, left out for an "image editing" sixth in line). Each word
  // left out makes room for the next term, which may be a bigram holding a word already in.
  const left = new Set<ScoreTerm>();
  for (;;) {
    const chosen = candidates.filter((term) => !left.has(term)).slice(0, max);
    const bigramWords = new Set(chosen.filter((t) => t.stems.length > 1).flatMap((t) => t.stems));
    const covered = chosen.filter((t) => t.stems.length === 1 && bigramWords.has(t.stems[0]!));
    if (covered.length === 0) return chosen.map((term) => term.text);
    for (const term of covered) left.add(term);
  }
}

/** Whether `stems` holds `run`, its stems one after another. */
function holdsRun(stems: readonly string[], run: readonly string[]): boolean {
  for (let i = 0; i + run.length <= stems.length; i++) if (run.every((s, j) => stems[i + j] === s)) return true;
  return false;
}

/**
 * The words an explanation names as raising and lowering a score, from the engine's terms
 * strongest first: each as the paper writes it (termAsWritten; none it does not write), none that
 * alone `moves` the score shown by less than a point ("structure", "approach" beside the keywords
 * of a 95), none already said (termsToName, with `named`: the keywords' stems, on either side: "holographic"
 * was named as lowering a paper beside "Matches your keywords: holography (holographic)"), and
 * none lowering it that shares a word with one named as raising it ("knowledge graphs" against,
 * "graphs" for), or is its abbreviation or long form (`otherForms`: "RL" against, "reinforcement
 * learning" for): each read as a contradiction.
 */
export function termsShown<T extends ScoreTerm>(
  raising: readonly T[],
  lowering: readonly T[],
  { named, text, moves, max, otherForms = () => [] }: { named: ReadonlyArray<readonly string[]>; text: string; moves: (term: T) => boolean; max: number; otherForms?: (text: string) => readonly string[] },
): { raising: string[]; lowering: string[] } {
  // Twice as many as shown are enough for termsToName to choose from.
  const candidates = (terms: readonly T[]) => {
    const kept: ScoreTerm[] = [];
    for (const term of terms) {
      if (kept.length === 2 * max) break;
      if (!moves(term)) continue;
      const written = termAsWritten(term.text, text);
      if (written !== null) kept.push({ text: written, stems: term.stems });
    }
    return kept;
  };
  const raisingTerms = candidates(raising);
  const raisingNamed = termsToName(raisingTerms, named, max);
  const raisingStems = new Set(raisingTerms.filter((t) => raisingNamed.includes(t.text)).flatMap((t) => t.stems));
  const raisingForms = new Set(raisingNamed.flatMap((text) => otherForms(text)).map((form) => form.toLowerCase()));
  const loweringNamed = termsToName(
    candidates(lowering).filter((t) => !t.stems.some((stem) => raisingStems.has(stem)) && !raisingForms.has(t.text.toLowerCase())),
    named,
    max,
  );
  return { raising: raisingNamed, lowering: loweringNamed };
}

/**
 * The terms worth naming, of `terms` (strongest first): each whose taking away would change the
 * badge (`changes`: a word that moves the score by less than a point is not). At the end of a
 * tier's range (100: far past the high line) no one word changes it: then, `together`, the
 * strongest that together do (a paper much like the user's stars scored 100 with no word named).
 */
export function movingTerms<T extends { contribution: number }>(terms: readonly T[], changes: (contribution: number) => boolean, together: boolean): Set<T> {
  const alone = terms.filter((t) => changes(t.contribution));
  if (alone.length > 0 || !together) return new Set(alone);
  let sum = 0;
  for (const [i, t] of terms.entries()) {
    sum += t.contribution;
    if (changes(sum)) return new Set(terms.slice(0, i + 1));
  }
  return new Set();
}

/**
 * A term as the paper writes it in `text` (title and abstract): matched without regard to case,
 * its words apart by anything but letters and digits ("3D Gaussian" for "3d gaussian", "DiT" for
 * "dit", "k-NN" for "k nn"; TeX's `$` and braces left out), in lower case where the paper writes
 * it so anywhere, else as it first does. When the paper does not write it so: the term as given
 * if in lower case (a folded accent, "schrodinger" for `Schr\"odinger`), else null. A capitalized
 * name is the engine's for a stem's other words ("AC" for the "ACE" of a title, "FPS" for "FP8"),
 * and named so, it told of a word the paper never wrote.
 */
export function termAsWritten(term: string, text: string): string | null {
  const words = term.split(' ').filter((w) => w !== '');
  if (words.length === 0) return null;
  const matches = [...text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escapeRegExp).join('[^\\p{L}\\p{N}]{1,3}')}(?![\\p{L}\\p{N}])`, 'giu'))];
  // A TeX command ("\mathrm", "\frac") is markup, not a word the paper writes: never named, nor
  // a term one of whose words is one ("gauge mathcal" of "gauge $\mathcal{N}").
  const written = matches.filter((m) => text[m.index - 1] !== '\\' && !/\\\p{L}/u.test(m[0])).map((m) => m[0]);
  if (written.length === 0 && matches.length > 0) return null;
  // In lower case where the paper writes it so anywhere: "graphs", not the "Graphs" opening its title.
  const found = written.find((w) => w === w.toLowerCase()) ?? written[0];
  if (found !== undefined) return found.replace(/[$\\{}]/g, '').replace(/\s+/g, ' ');
  return term === term.toLowerCase() ? term : null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
