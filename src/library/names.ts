/**
 * Author names as pages show them ("Jean-Pierre van der Berg Jr.") split into BibTeX's parts.
 * Pure, no browser APIs.
 *
 * Pages give "First Last"; BibTeX wants "von Last, Jr, First". The split follows BibTeX's own
 * reading of "First von Last": the family name starts at the first lower-case word after the
 * first word ("van der Berg"), else it is the last word. A name that cannot be split that way is
 * kept whole (`literal`): one word ("Plato", "张伟"), an organization ("Google DeepMind", "The
 * ATLAS Collaboration"), or a name containing the word "and" (which BibTeX would read as two
 * authors). A name already written "Last, First" (Scholar's BibTeX, a hand-made list) is taken
 * as such.
 */
import { isNameSuffix } from '../core/text';

export type SplitName = { literal: string } | { family: string; given: string; suffix: string };

const ORGANIZATION =
  /\b(?:collaboration|consortium|team|group|project|laboratory|labs?|institute|university|inc|ltd|llc|corporation|foundation|committee|council|society|association|initiative|organi[sz]ation|deepmind|research|et al)\b/i;
/** "Meta AI", "Mistral AI": upper-case only, since Ai is also a family name. */
const AI = /\bAI\b/;

/** True for a name kept whole whatever its commas: an organization's, or one with the word "and". */
export function isLiteralName(name: string): boolean {
  return ORGANIZATION.test(name) || AI.test(name) || /(?:^|\s)and(?:\s|$)/i.test(name);
}

export function splitName(name: string): SplitName {
  if (isLiteralName(name)) return { literal: name };
  const commas = name.split(',').map((part) => part.trim());
  if (commas.length > 2) return { literal: name };
  if (commas.length === 2) {
    const [before, after] = commas as [string, string];
    if (isNameSuffix(after)) {
      const split = splitWords(before.split(' ').filter((w) => w !== ''));
      return 'literal' in split ? { literal: name } : { ...split, suffix: after };
    }
    return before !== '' && after !== '' ? { family: before, given: after, suffix: '' } : { literal: name };
  }
  return splitWords(name.split(' ').filter((w) => w !== ''));
}

function splitWords(words: string[]): SplitName {
  let suffix = '';
  if (words.length > 2 && isNameSuffix(words[words.length - 1]!)) suffix = words.pop()!;
  if (words.length <= 1) return { literal: [...words, suffix].filter(Boolean).join(' ') };
  // First lower-case word after the first: the "von" part starts there ("van der Berg").
  const von = words.findIndex((w, i) => i > 0 && i < words.length - 1 && /^\p{Ll}/u.test(w));
  const start = von === -1 ? words.length - 1 : von;
  return { family: words.slice(start).join(' '), given: words.slice(0, start).join(' '), suffix };
}

/** The family name without its lower-case particles ("van der Berg" → "Berg"), for citation keys. */
export function familyForKey(name: string): string {
  const split = splitName(name);
  if ('literal' in split) return split.literal.split(/[\s,]+/)[0] ?? '';
  const words = split.family.split(' ');
  // A family name written in lower case ("Mehrdad ghassabi", as some arXiv listings have it) is
  // the name itself, not a particle: only the words before the last can be particles.
  return words.filter((w, i) => i === words.length - 1 || !/^\p{Ll}/u.test(w)).join('');
}
