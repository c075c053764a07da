/**
 * The tag fields' list: comma-separated, except that a tag of the library's with a comma in it
 * (BibTeX gives "Smith, J." from `{Smith, J.}`) is one tag where the list names it whole.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/paper';
import { typedTags } from '../../popup/tag-input';

describe('typedTags', () => {
  it('splits on commas, trims, and leaves out empty tags', () => {
    expect(typedTags(' reading group, ,todo ,, ')).toEqual({ tags: ['reading group', 'todo'] });
    expect(typedTags('')).toEqual({ tags: [] });
  });

  it('takes a known tag with commas in it whole, as the library writes it, wherever the list names it', () => {
    const known = ['Smith, J.', 'a, b, c', 'todo'];
    expect(typedTags('Smith, J.', known)).toEqual({ tags: ['Smith, J.'] });
    expect(typedTags('todo, smith,j. ,later', known)).toEqual({ tags: ['todo', 'Smith, J.', 'later'] });
    expect(typedTags('A,B,C, a, b', known)).toEqual({ tags: ['a, b, c', 'a', 'b'] });
    // Not named whole: the pieces are tags of their own.
    expect(typedTags('Smith, K.', known)).toEqual({ tags: ['Smith', 'K.'] });
  });

  it('says what is too long or too many', () => {
    expect(typedTags('x'.repeat(LIMITS.tag + 1)).problem).toMatch(/^A tag has at most/);
    expect(typedTags(Array.from({ length: LIMITS.tags + 1 }, (_, i) => `t${i}`).join(',')).problem).toMatch(/^At most/);
    expect(typedTags(`${','.repeat(3_000)}k1,x,y`, ['k1, x, y'])).toEqual({ tags: ['k1, x, y'] });
  });
});
