import { describe, expect, it } from 'vitest';
import { authorKey, isFollowed, withFollowed } from '../../../src/relevance/authors';
import { Corpus, Scorer, trainModel } from '../../../src/relevance/index';
import { syntheticPapers } from './fixtures';

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
    expect(isFollowed(['Søren Hauberg'], 'S\\o ren Hauberg')).toBe(true); // TeX skips the space after \o
    // Two given names, hyphenated or not.
    expect(isFollowed(['Jean-Pierre Bouchaud'], 'Jean Pierre Bouchaud')).toBe(true);
    expect(isFollowed(['Jean Pierre Bouchaud'], 'Jean-Pierre Bouchaud')).toBe(true);
    expect(isFollowed(['Xiao-Ming Wang'], 'Xiao Ming Wang')).toBe(true);
    expect(isFollowed(['Xiao-Ming Wang'], 'Xiao Wang')).toBe(false);
  });

  it('follows a name written in another script than Latin, and a second click takes it off, not adds it again', () => {
    expect(isFollowed(['王小明'], '王小明')).toBe(true);
    expect(isFollowed(['王小明'], '王小红')).toBe(false);
    expect(isFollowed(['Иван Петров'], 'И. Петров')).toBe(true);
    expect(isFollowed(['Иван Петров'], 'Пётр Петров')).toBe(false);
    expect(withFollowed(['王小明'], '王小明', true)).toEqual(['王小明']);
    expect(withFollowed(['王小明'], '王小明', false)).toEqual([]);
    expect(isFollowed(['王小明'], '...')).toBe(false);
    // Two words only: the second is the family name, whatever it looks like.
    expect(isFollowed(['Henry IV'], 'Henry IV')).toBe(true);
  });

  it('knows a followed author under a second common spelling: umlauts written out, a double family name with or without its hyphen', () => {
    expect(isFollowed(['Klaus-Robert Müller'], 'Klaus-Robert Mueller')).toBe(true);
    expect(isFollowed(['Klaus-Robert Mueller'], 'Klaus-Robert Müller')).toBe(true);
    expect(isFollowed(['Jürgen Schmidhuber'], 'Juergen Schmidhuber')).toBe(true);
    expect(isFollowed(['Bernhard Schölkopf'], 'Bernhard Schoelkopf')).toBe(true);
    expect(isFollowed(['Bernhard Schoelkopf'], 'B. Sch\\"{o}lkopf')).toBe(true); // TeX's umlaut
    expect(isFollowed(['Kurt Goedel'], 'Kurt G{\\"o}del')).toBe(true);
    expect(isFollowed(['Bernhard Schölkopf'], 'Bernhard Scholkopf')).toBe(true); // as before: the umlaut folded
    expect(isFollowed(['José M. Álvarez-Pérez'], 'José M. Álvarez Pérez')).toBe(true);
    expect(isFollowed(['José M. Álvarez Pérez'], 'J. Álvarez-Pérez')).toBe(true);
    expect(isFollowed(['Gabriel García Márquez'], 'Gabriel García-Márquez')).toBe(true);
    expect(isFollowed(['García Márquez, Gabriel'], 'Gabriel García-Márquez')).toBe(true);
    // A second key agrees only with the same name spelled the other way.
    expect(isFollowed(['Yue Wang'], 'Yu Wang')).toBe(false);
    expect(isFollowed(['Yu Wang'], 'Yue Wang')).toBe(false);
    expect(isFollowed(['Maria Garcia-Lopez'], 'Maria Lopez')).toBe(false);
    expect(isFollowed(['Maria Lopez'], 'Maria Garcia-Lopez')).toBe(false);
    expect(isFollowed(['Klaus Müller'], 'Klaus Muller-Schmidt')).toBe(false);
    expect(withFollowed(['Jürgen Schmidhuber', 'Yoshua Bengio'], 'Juergen Schmidhuber', false)).toEqual(['Yoshua Bengio']);
  });

  it('scores a paper by a followed author listed under a second spelling with the bonus, naming the listed spelling', () => {
    const corpus = new Corpus(null);
    for (const p of syntheticPapers(20)) corpus.add(p);
    const paper = { id: 'kr', title: 'Explaining kernel machines', abstract: 'Relevance propagation for kernels.', authors: ['Klaus-Robert Mueller', 'Wojciech Samek'] };
    corpus.add(paper);
    const model = trainModel(corpus, { topics: [{ id: 't', name: 'XAI', keywords: ['relevance propagation'] }], followedAuthors: ['Klaus-Robert Müller'] }, [], { now: 0 });
    expect(new Scorer(model, corpus).score(paper).followedAuthors).toEqual(['Klaus-Robert Mueller']);
  });

  it("reads the initials Google Scholar runs together as the first name's initial", () => {
    // As the saved Scholar pages list them (gscholar-search-unsupervised-feature-learning-2016-05,
    // gscholar-search-geology-olympus-range-2020-11).
    expect(authorKey('AC Courville')).toBe('a courville');
    expect(isFollowed(['Aaron Courville'], 'AC Courville')).toBe(true);
    expect(isFollowed(['AC Courville'], 'Aaron Courville')).toBe(true); // followed from a Scholar page
    expect(isFollowed(['George Denton'], 'GH Denton')).toBe(true);
    expect(isFollowed(['Trevor Chinn'], 'TJ Chinn')).toBe(true);
    expect(isFollowed(['Arjen Stroeven'], 'AP Stroeven')).toBe(true);
    expect(isFollowed(['Pascal Courville'], 'AC Courville')).toBe(false); // another first initial
    expect(isFollowed(['Aaron Courville'], 'A.C. Courville')).toBe(true);
    expect(isFollowed(['Jean-Philippe Bouchaud'], 'J.-P. Bouchaud')).toBe(true);
    expect(isFollowed(['Jean-Philippe Bouchaud'], 'J-P Bouchaud')).toBe(true);
    expect(isFollowed(['Jean-Philippe Bouchaud'], 'J.-P.Bouchaud')).toBe(true);
    expect(isFollowed(['Sebastian Thrun'], 'S.Thrun')).toBe(true);
    expect(isFollowed(['Max Welling'], 'M.Welling')).toBe(true);
    expect(isFollowed(['Aaron Courville'], 'A.C.Courville')).toBe(true);
    expect(isFollowed(['Paul Thrun'], 'S.Thrun')).toBe(false);
    expect(authorKey('Mary-Jane Watson')).toBe('maryjane watson'); // a hyphenated given name, not initials
    expect(isFollowed(['Aaron Courville'], 'Courville, AC')).toBe(true);
    expect(withFollowed(['Aaron Courville', 'Yoshua Bengio'], 'AC Courville', false)).toEqual(['Yoshua Bengio']);
    // Short given names are names: in small letters, or in a name written in capitals throughout.
    expect(isFollowed(['Bob Li'], 'Bo Li')).toBe(false);
    expect(isFollowed(['Lin Wei'], 'Li Wei')).toBe(false);
    expect(isFollowed(['Bo Li'], 'BO LI')).toBe(true);
    expect(isFollowed(['Bob Li'], 'BO LI')).toBe(false);
    // One word alone is a name, whatever its letters.
    expect(authorKey('AC')).toBe('ac');
  });

  it('adds a name as listed, and removes every spelling of it', () => {
    expect(withFollowed(['Yann LeCun'], ' Yoshua Bengio ', true)).toEqual(['Yann LeCun', 'Yoshua Bengio']);
    // Following again does not list the same person twice.
    expect(withFollowed(['Y. LeCun'], 'Yann LeCun', true)).toEqual(['Yann LeCun']);
    expect(withFollowed(['Yann LeCun', 'Y. LeCun', 'Yoshua Bengio'], 'Y LeCun', false)).toEqual(['Yoshua Bengio']);
    expect(withFollowed(undefined, 'Ada Lovelace', false)).toEqual([]);
  });
});
