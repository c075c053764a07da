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

  it('knows a followed author written with a suffix, family name first, or letters that do not decompose', () => {
    expect(isFollowed(['Robert W. Heath Jr.'], 'Robert W. Heath')).toBe(true);
    expect(isFollowed(['Robert W. Heath Jr.'], 'Robert F. Kennedy Jr.')).toBe(false);
    expect(isFollowed(['John Smith'], 'John Smith III')).toBe(true);
    expect(isFollowed(['Yann LeCun'], 'LeCun, Yann')).toBe(true);
    expect(isFollowed(['Laurens van der Maaten'], 'van der Maaten, Laurens')).toBe(true);
    expect(isFollowed(['Heath, Jr., Robert'], 'R. Heath')).toBe(true);
    expect(isFollowed(['Lukasz Kaiser'], 'Łukasz Kaiser')).toBe(true);
    expect(isFollowed(['Søren Hauberg'], 'Soren Hauberg')).toBe(true);
    expect(isFollowed(['Paul Erdős'], 'P. Erd\\H{o}s')).toBe(true);
    expect(isFollowed(['Kurt Gödel'], 'Kurt G{\\"o}del')).toBe(true);
    // Two words only: the second is the family name, whatever it looks like.
    expect(isFollowed(['Henry IV'], 'Henry IV')).toBe(true);
  });

  it('adds a name as listed, and removes every spelling of it', () => {
    expect(withFollowed(['Yann LeCun'], ' Yoshua Bengio ', true)).toEqual(['Yann LeCun', 'Yoshua Bengio']);
    // Following again does not list the same person twice.
    expect(withFollowed(['Y. LeCun'], 'Yann LeCun', true)).toEqual(['Yann LeCun']);
    expect(withFollowed(['Yann LeCun', 'Y. LeCun', 'Yoshua Bengio'], 'Y LeCun', false)).toEqual(['Yoshua Bengio']);
    expect(withFollowed(undefined, 'Ada Lovelace', false)).toEqual([]);
  });
});
