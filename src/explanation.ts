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
  if (why.keywords.length > 0) lines.push(`Matches your keywords: ${list(why.keywords)}.`);
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
