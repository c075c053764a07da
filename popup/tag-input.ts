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

/** The tags typed in a field (trimmed, empty ones left out), each checked against LIMITS.tag. */
export function typedTags(draft: string): Typed {
  const tags = draft
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  const long = tags.find((tag) => tag.length > LIMITS.tag);
  if (long) return { problem: `A tag has at most ${LIMITS.tag} characters: “${truncate(long, 30)}…” has ${long.length}.` };
  if (tags.length > LIMITS.tags) return { problem: `At most ${LIMITS.tags} tags at once.` };
  return { tags };
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
