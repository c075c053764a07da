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

/**
 * The terms worth naming after what an explanation already says (`named`: the keywords it
 * matched), at most `max`, in order: each once in any letter case, none a keyword already named,
 * and no single word of a phrase named in either list ("hole" beside "black hole", "hawking"
 * beside "Hawking radiation"). So each term on a badge says something the lines above it do not.
 */
export function termsToName(terms: readonly string[], named: readonly string[], max: number): string[] {
  const key = (s: string) => s.toLocaleLowerCase();
  const namedKeys = new Set(named.map(key));
  const phraseWords = new Set([...named, ...terms].map(key).filter((t) => t.includes(' ')).flatMap((t) => t.split(' ')));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const term of terms) {
    const k = key(term);
    if (seen.has(k) || namedKeys.has(k) || (!k.includes(' ') && phraseWords.has(k))) continue;
    seen.add(k);
    out.push(term);
    if (out.length === max) break;
  }
  return out;
}
