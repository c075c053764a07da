import { describe, expect, it } from 'vitest';
import { isFollowed, withFollowed } from '../../../src/relevance/authors';

describe('following authors', () => {
  it('knows a followed author under the initials or accents a listing writes', () => {
    const followed = ['Yann LeCun', 'José Álvarez-Pérez'];
    expect(isFollowed(followed, 'Y. LeCun')).toBe(true);
    expect(isFollowed(followed, 'yann lecun')).toBe(true);
    expect(isFollowed(followed, 'J. M. Alvarez-Perez')).toBe(true);
    expect(isFollowed(followed, 'Yoshua Bengio')).toBe(false);
    expect(isFollowed(followed, 'Z. LeCun')).toBe(false);
    expect(isFollowed(undefined, 'Yann LeCun')).toBe(false);
    expect(isFollowed(followed, '  ')).toBe(false);
  });

  it('adds a name as listed, and removes every spelling of it', () => {
    expect(withFollowed(['Yann LeCun'], ' Yoshua Bengio ', true)).toEqual(['Yann LeCun', 'Yoshua Bengio']);
    // Following again does not list the same person twice.
    expect(withFollowed(['Y. LeCun'], 'Yann LeCun', true)).toEqual(['Yann LeCun']);
    expect(withFollowed(['Yann LeCun', 'Y. LeCun', 'Yoshua Bengio'], 'Y LeCun', false)).toEqual(['Yoshua Bengio']);
    expect(withFollowed(undefined, 'Ada Lovelace', false)).toEqual([]);
  });
});
