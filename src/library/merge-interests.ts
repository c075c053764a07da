/**
 * Interests from an import merged into the user's own: nothing typed here is lost. Imported
 * topics join unless a topic of the same id or name exists (the local one is kept as it is);
 * author and keyword lists are unions. Pure.
 */
import type { Interests, Topic } from '../relevance/index';

export function mergeInterests(local: Interests, imported: Interests): Interests {
  const ids = new Set(local.topics.map((t) => t.id));
  const names = new Set(local.topics.map((t) => t.name.trim().toLowerCase()));
  const added: Topic[] = imported.topics.filter((t) => !ids.has(t.id) && !names.has(t.name.trim().toLowerCase()));
  const merged: Interests = { ...imported, ...local, topics: [...local.topics, ...added] };
  for (const key of ['followedAuthors', 'mutedKeywords', 'mutedAuthors'] as const) {
    const list = union(local[key], imported[key]);
    if (list.length > 0) merged[key] = list;
  }
  return merged;
}

/** Both lists, each value once regardless of case (the first spelling met is kept). */
function union(a: readonly string[] = [], b: readonly string[] = []): string[] {
  const seen = new Map<string, string>();
  for (const value of [...a, ...b]) if (!seen.has(value.toLowerCase())) seen.set(value.toLowerCase(), value);
  return [...seen.values()];
}

/** Whether the merge changes anything (so that an import does not retrain for nothing). */
export function sameInterests(a: Interests, b: Interests): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
