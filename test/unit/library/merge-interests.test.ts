/** Saving interests edited from an older copy (rebaseInterests), and an import's merged in (mergeInterests): what changed elsewhere is kept. */
import { describe, expect, it } from 'vitest';
import { mergeInterests, rebaseInterests } from '../../../src/library/merge-interests';
import type { Interests, Topic } from '../../../src/relevance/index';

const topic = (id: string, ...keywords: string[]): Topic => ({ id, name: id.toUpperCase(), keywords });

describe('rebaseInterests', () => {
  const base: Interests = { topics: [topic('a', 'vocoder'), topic('b', 'grasping'), topic('c', 'black holes')], followedAuthors: ['Ada Lovelace', 'Grace Hopper'] };

  it('is the edit when nothing changed elsewhere', () => {
    const ours = { ...base, mutedKeywords: ['survey'] };
    expect(rebaseInterests(base, ours, structuredClone(base))).toBe(ours);
  });

  it('keeps topics added, edited and removed elsewhere, where this edit left them alone', () => {
    const ours: Interests = { ...base, topics: [topic('a', 'vocoder', 'speech synthesis'), topic('b', 'grasping'), topic('c', 'black holes'), topic('n', 'new here')] };
    const theirs: Interests = { ...base, topics: [topic('a', 'vocoder', 'elsewhere'), topic('b', 'grasping', 'dexterous'), topic('i', 'imported')] };
    expect(rebaseInterests(base, ours, theirs).topics).toEqual([
      topic('a', 'vocoder', 'speech synthesis'), // edited on both sides: this edit
      topic('b', 'grasping', 'dexterous'), // edited elsewhere only
      // c: removed elsewhere, untouched here
      topic('n', 'new here'),
      topic('i', 'imported'),
    ]);
  });

  it('a topic removed here goes, unless it was edited elsewhere meanwhile (nothing typed is lost)', () => {
    const ours: Interests = { ...base, topics: [topic('a', 'vocoder')] };
    const theirs: Interests = { ...base, topics: [topic('a', 'vocoder'), topic('b', 'grasping', 'dexterous'), topic('c', 'black holes')] };
    expect(rebaseInterests(base, ours, theirs).topics.map((t) => t.id)).toEqual(['a', 'b']);
  });

  it('lists gain what was added elsewhere and lose what was removed elsewhere; edits here stay', () => {
    const ours: Interests = { ...base, followedAuthors: ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'], mutedAuthors: ['Someone'] };
    const theirs: Interests = { ...base, followedAuthors: ['Ada Lovelace', 'Yann LeCun'], mutedKeywords: ['survey'] };
    expect(rebaseInterests(base, ours, theirs)).toEqual({
      topics: base.topics,
      followedAuthors: ['Ada Lovelace', 'Alan Turing', 'Yann LeCun'],
      mutedKeywords: ['survey'],
      mutedAuthors: ['Someone'],
    });
    // Emptied elsewhere and not added to here: no list left.
    expect(rebaseInterests(base, base, { topics: base.topics }).followedAuthors).toBeUndefined();
  });

  it('a topic added elsewhere with the name of one added here is kept under a name of its own (two of one name, and no save could be made)', () => {
    const ours: Interests = { ...base, topics: [...base.topics, { id: 'r1', name: 'Robotics', keywords: ['robot arm'] }] };
    const theirs: Interests = { ...base, topics: [...base.topics, { id: 'r2', name: ' robotics ', keywords: ['legged robot'] }] };
    expect(rebaseInterests(base, ours, theirs).topics.slice(3)).toEqual([
      { id: 'r1', name: 'Robotics', keywords: ['robot arm'] },
      { id: 'r2', name: 'robotics (2)', keywords: ['legged robot'] },
    ]);
  });

  it('a topic renamed elsewhere to the name of one added or renamed here, and untouched here, takes a name of its own too', () => {
    const ours: Interests = { ...base, topics: [...base.topics, { id: 'r1', name: 'Robotics', keywords: ['robot arm'] }] };
    const theirs: Interests = { ...base, topics: [base.topics[0]!, { ...base.topics[1]!, name: 'robotics' }, base.topics[2]!] };
    const names = rebaseInterests(base, ours, theirs).topics.map((t) => t.name);
    expect(names).toEqual(['A', 'robotics (2)', 'C', 'Robotics']);
    // Renamed here to the name it took elsewhere: the one renamed here keeps it.
    const renamedHere: Interests = { ...base, topics: [{ ...base.topics[0]!, name: 'Grasp' }, base.topics[1]!, base.topics[2]!] };
    const renamedThere: Interests = { ...base, topics: [base.topics[0]!, base.topics[1]!, { ...base.topics[2]!, name: 'grasp' }] };
    expect(rebaseInterests(base, renamedHere, renamedThere).topics.map((t) => t.name)).toEqual(['Grasp', 'B', 'grasp (2)']);
  });
});

describe('mergeInterests', () => {
  it("an imported topic named as one of the user's (case and spacing aside) is not added; a person is listed once however written", () => {
    const local: Interests = { topics: [{ id: 'llm', name: 'LLM inference', keywords: ['kv cache'] }], followedAuthors: ['Yann LeCun'] };
    const imported: Interests = { topics: [{ id: 'other', name: 'LLM  inference', keywords: ['speculative decoding'] }], followedAuthors: ['LeCun, Yann', 'Ada Lovelace'], mutedAuthors: ['王小明', '王小明 '] };
    const merged = mergeInterests(local, imported);
    expect(merged.topics).toEqual(local.topics);
    expect(merged.followedAuthors).toEqual(['Yann LeCun', 'Ada Lovelace']);
    expect(merged.mutedAuthors).toEqual(['王小明']);
  });
});
