/**
 * Interests from an import merged into the user's own: nothing typed here is lost. Imported
 * topics join unless a topic of the same id or name exists (the local one is kept as it is);
 * author and keyword lists are unions. Pure.
 */
import { personKey } from '../relevance/authors';
import type { Interests, Topic } from '../relevance/index';
import { topicNameKey } from '../relevance/interests';
import { INTEREST_LIMITS } from '../core/paper';

export function mergeInterests(local: Interests, imported: Interests): Interests {
  const ids = new Set(local.topics.map((t) => t.id));
  const names = new Set(local.topics.map((t) => topicNameKey(t.name)));
  const added: Topic[] = imported.topics.filter((t) => !ids.has(t.id) && !names.has(topicNameKey(t.name)));
  const merged: Interests = { ...imported, ...local, topics: [...local.topics, ...added] };
  for (const key of LISTS) {
    const list = union(local[key], imported[key], keyOf[key]);
    if (list.length > 0) merged[key] = list;
  }
  return merged;
}

const LISTS = ['followedAuthors', 'mutedKeywords', 'mutedAuthors'] as const;

/** How each list tells its values apart: a person by their name's key ("LeCun, Yann" is "Yann LeCun"), a keyword by its letters. */
const keyOf: Record<(typeof LISTS)[number], (value: string) => string> = {
  followedAuthors: personKey,
  mutedAuthors: personKey,
  mutedKeywords: (keyword) => keyword.trim().toLowerCase(),
};

/** Both lists, each value once (by `key`; the first spelling met is kept). */
function union(a: readonly string[] = [], b: readonly string[] = [], key: (value: string) => string): string[] {
  const seen = new Map<string, string>();
  for (const value of [...a, ...b]) if (!seen.has(key(value))) seen.set(key(value), value);
  return [...seen.values()];
}

/** `name`, or "name (2)", "name (3)"… when one of `topics` has it (case and spacing aside). */
function freeName(name: string, topics: readonly Topic[]): string {
  const taken = new Set(topics.map((t) => topicNameKey(t.name)));
  let free = name;
  for (let n = 2; taken.has(topicNameKey(free)); n++) free = `${name.trim().slice(0, INTEREST_LIMITS.topicName - 5)} (${n})`;
  return free;
}

/** Whether the merge changes anything (so that an import does not retrain for nothing). */
export function sameInterests(a: Interests, b: Interests): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The edits of one editor (from `base`, the interests it read, to `ours`, what it saves) applied
 * to `theirs`, the interests stored now. What changed elsewhere meanwhile (an author followed from
 * the popup, an import, sync, another options tab) is kept, unless this editor changed the same
 * thing: a topic edited here is saved as edited here, and a topic edited elsewhere survives its
 * removal here (nothing typed is lost). Lists gain what was added elsewhere and lose what was
 * removed elsewhere. Pure; when `theirs` is `base`, the result is `ours`.
 */
export function rebaseInterests(base: Interests, ours: Interests, theirs: Interests): Interests {
  if (sameInterests(base, theirs)) return ours;
  const byId = (interests: Interests) => new Map(interests.topics.map((t) => [t.id, t]));
  const [baseTopics, theirTopics, ourTopics] = [byId(base), byId(theirs), byId(ours)];
  const same = (a: Topic | undefined, b: Topic | undefined) => JSON.stringify(a) === JSON.stringify(b);
  const topics: Topic[] = [];
  const asNow = new Set<Topic>();
  for (const ourTopic of ours.topics) {
    const was = baseTopics.get(ourTopic.id);
    const now = theirTopics.get(ourTopic.id);
    if (was === undefined || !same(ourTopic, was)) topics.push(ourTopic); // new or edited here
    else if (now !== undefined) {
      // Untouched here: as it is now (removed elsewhere: gone).
      topics.push(now);
      asNow.add(now);
    }
  }
  // One of those renamed elsewhere to the name of a topic saved here: a name of its own (as below).
  topics.forEach((topic, i) => {
    const others = topics.filter((other) => other !== topic);
    if (asNow.has(topic) && others.some((other) => topicNameKey(other.name) === topicNameKey(topic.name))) topics[i] = { ...topic, name: freeName(topic.name, others) };
  });
  for (const theirTopic of theirs.topics) {
    if (ourTopics.has(theirTopic.id)) continue;
    const was = baseTopics.get(theirTopic.id);
    // Added elsewhere, or removed here but edited elsewhere meanwhile: kept, under a name of its
    // own if a topic saved here has its name (two of one name, no save could be made again).
    if (was === undefined || !same(theirTopic, was)) topics.push({ ...theirTopic, name: freeName(theirTopic.name, topics) });
  }
  const rebased: Interests = { ...ours, topics };
  for (const key of LISTS) {
    const [was, now, mine] = [base[key] ?? [], theirs[key] ?? [], ours[key] ?? []];
    const removedElsewhere = new Set(was.filter((x) => !now.includes(x)));
    const addedElsewhere = now.filter((x) => !was.includes(x));
    const list = union(
      mine.filter((x) => !removedElsewhere.has(x)),
      addedElsewhere,
      keyOf[key],
    );
    if (list.length > 0) rebased[key] = list;
    else delete rebased[key];
  }
  return rebased;
}
