/**
 * Validation problems in words a user can act on ("abstract is longer than 10,000 characters")
 * instead of valibot's ("Invalid length: Expected <=10000 but received 10001"). Pure.
 */
import * as v from 'valibot';

/** "10,000": numbers in messages, grouped the same way whatever the browser's locale. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Singular names of list items, for "author 3". */
const ITEM: Record<string, string> = {
  authors: 'author',
  subjects: 'subject',
  aliases: 'alias',
  tags: 'tag',
  topics: 'topic',
  keywords: 'keyword',
  followedAuthors: 'followed author',
  mutedAuthors: 'muted author',
  mutedKeywords: 'muted keyword',
  categories: 'preferred category',
};

/** Lists named as the settings page names them, not by their field names ("followedAuthors"). */
const LIST: Record<string, string> = {
  followedAuthors: 'authors you follow',
  mutedAuthors: 'muted authors',
  mutedKeywords: 'muted keywords',
  categories: 'preferred categories',
};

/** Where an issue is, in words: "abstract", "author 3", "topic 1 name" (items counted from 1). */
export function issuePlace(issue: v.BaseIssue<unknown>): string {
  const parts: string[] = [];
  let list: string | null = null;
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') {
      parts.pop();
      parts.push(`${(list !== null && ITEM[list]) || list || 'item'} ${key + 1}`);
      list = null;
    } else {
      list = String(key);
      parts.push(LIST[list] ?? list);
    }
  }
  return parts.join(' ');
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  Array: 'a list',
  Object: 'an object',
  null: 'null',
};

/** The first issue as one sentence, e.g. "author 3 is longer than 200 characters". */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const place = issuePlace(issue);
  const field = issue.path?.at(-1)?.key;
  const requirement = (issue as { requirement?: unknown }).requirement;
  const n = typeof requirement === 'number' ? requirement : null;
  const isList = Array.isArray(issue.input);
  const what = place || 'the value';
  // Messages the schema's authors wrote for people ("must be a canonical paper id", "a topic needs a name").
  if (!issue.message.startsWith('Invalid ')) return issue.message.startsWith('must ') ? `${what} ${issue.message}` : `${what}: ${issue.message}`;
  switch (issue.type) {
    case 'strict_object':
    case 'object':
      if (issue.expected === 'never') return `unknown field "${String(field)}"`;
      if (issue.received === 'undefined') return `missing field "${String(field)}"`;
      break;
    case 'max_length':
      if (n !== null) return isList ? `${what} has more than ${formatCount(n)} entries` : `${what} is longer than ${formatCount(n)} characters`;
      break;
    case 'min_length':
      if (n === 1) return `${what} is empty`;
      break;
    case 'integer':
      return `${what} must be a whole number`;
    case 'min_value':
      if (n === 0) return `${what} must not be negative`;
      break;
  }
  if (issue.kind === 'schema' && issue.expected) {
    const expected = issue.expected.split(' | ').map((e) => EXPECTED[e] ?? e);
    return `${what} must be ${expected.join(' or ')}`;
  }
  return `${what}: ${issue.message}`;
}
