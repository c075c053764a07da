/**
 * What the tag fields (a paper's own, and "Tag these N") take: a comma-separated list of tags.
 * What the background would refuse is said here in words before anything is sent: it refuses the
 * whole message, in a developer's words ("invalid message: tags: Invalid length…").
 */
import { LIMITS } from '../src/core/paper';
import { truncate } from '../src/core/text';

/**
 * The fields' maxLength: a list of as many tags as a paper may have, each as long as it may be,
 * with their commas. One tag's limit cut a pasted list ("retrieval augmented generation, speculative
 * decoding methods, reading group 2024" lost its last tag in the middle of a word).
 */
export const TAG_LIST_CHARS = LIMITS.tags * (LIMITS.tag + 2);

/** Tags typed, or what is wrong with them (and nothing is sent). */
export type Typed = { tags: string[]; problem?: undefined } | { tags?: undefined; problem: string };

/**
 * The tags typed in a field (trimmed, empty ones left out), each checked against LIMITS.tag. A
 * tag of the library's (`known`) with a comma in it, as BibTeX imports give ("Smith, J."), is
 * that one tag where the list names it whole (picked from the field's suggestions), not two.
 */
export function typedTags(draft: string, known: readonly string[] = []): Typed {
  const withComma = new Map(known.filter((tag) => tag.includes(',')).map((tag) => [commaKey(tag), tag]));
  const mostPieces = Math.max(1, ...[...withComma.values()].map((tag) => tag.split(',').length));
  const parts = draft.split(',');
  const tags: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    // The longest known tag starting here, if any (a tag may hold several commas).
    let taken = 0;
    for (let end = Math.min(parts.length, i + mostPieces); end > i + 1 && taken === 0; end--) {
      const tag = withComma.get(commaKey(parts.slice(i, end).join(',')));
      if (tag !== undefined) {
        tags.push(tag);
        taken = end - i;
      }
    }
    if (taken > 0) i += taken - 1;
    else if (parts[i]!.trim()) tags.push(parts[i]!.trim());
  }
  const long = tags.find((tag) => tag.length > LIMITS.tag);
  if (long) return { problem: `A tag has at most ${LIMITS.tag} characters: “${truncate(long, 30)}…” has ${long.length}.` };
  if (tags.length > LIMITS.tags) return { problem: `At most ${LIMITS.tags} tags at once.` };
  return { tags };
}

/** A comma-separated list as compared: each piece trimmed, letter case aside. */
function commaKey(list: string): string {
  return list
    .split(',')
    .map((piece) => piece.trim())
    .join(',')
    .toLocaleLowerCase();
}

/** A paper's tags `own` with `more` added (one per spelling, in any letter case), checked against LIMITS.tags. */
export function withTags(own: readonly string[], more: readonly string[]): Typed {
  const tags = [...own];
  const held = new Set(own.map((tag) => tag.toLocaleLowerCase()));
  for (const tag of more) {
    const key = tag.toLocaleLowerCase();
    if (held.has(key)) continue;
    held.add(key);
    tags.push(tag);
  }
  return tags.length > LIMITS.tags ? { problem: `A paper has at most ${LIMITS.tags} tags.` } : { tags };
}
