import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_STATE, type PaperRecord } from '../../../src/core/paper';
import { DEFAULT_QUERY, LibraryIndex, normalizeText, parseQuery, type LibraryQuery } from '../../../src/library/search';
import { testPaper } from '../../support/papers';

const DAY = 86_400_000;
const T0 = new Date(2025, 2, 10, 12).getTime(); // local noon, Monday 10 March 2025

function paper(n: number, extra: Partial<PaperRecord> = {}): PaperRecord {
  return { ...testPaper(n), ...EMPTY_STATE, tags: [], note: '', lastSeenAt: T0 + n, firstSeenAt: T0 + n, updatedAt: T0 + n, ...extra };
}

const q = (text: string, extra: Partial<LibraryQuery> = {}): LibraryQuery => ({ ...DEFAULT_QUERY, text, ...extra });
const ids = (records: readonly PaperRecord[]) => records.map((r) => Number(r.id.slice(-5)));

describe('normalizeText', () => {
  it('folds case, diacritics, ligatures, TeX accents and punctuation', () => {
    expect(normalizeText('Schrödinger’s  Équation')).toBe('schrodinger s equation');
    expect(normalizeText('Schr\\"odinger and Schr{\\"o}dinger, Gr\\"{o}bner, \\v{S}koda, Erd\\H{o}s')).toBe('schrodinger and schrodinger grobner skoda erdos');
    expect(normalizeText('Straße, Æsir, Łódź, ﬁne-tuning')).toBe('strasse aesir lodz fine tuning');
    expect(normalizeText('$\\mathcal{O}(n \\log n)$ for $k$-Sparse $\\alpha$-divergences')).toBe('o n log n for k sparse alpha divergences');
    expect(normalizeText('{G}aussian {BERT}')).toBe('gaussian bert');
    expect(normalizeText('深度学习')).toBe('深 度 学 习');
    // Greek letters by name, as TeX writes them: "β-VAE" is found as `$\beta$-VAE` is.
    expect(normalizeText('β-VAE, ΛCDM and $π_0$')).toBe(normalizeText('$\\beta$-VAE, $\\Lambda$CDM and $\\pi_0$'));
    expect(normalizeText('β-VAE, ΛCDM and $π_0$')).toBe('beta vae lambda cdm and pi 0');
    expect(normalizeText(' ... ')).toBe('');
    // Spaces and punctuation together are one separator, whichever comes first ("log  n" was left).
    expect(normalizeText('$O(n \\log (n))$, a  (b)  -- c')).toBe('o n log n a b c');
  });

  it('lower-cases what folding makes capitals of: mathematical letters, Greek capitals spelled out, ẞ', () => {
    expect(normalizeText('𝐁𝐄𝐑𝐓 over ℝ, 𝚲-CDM and 𝜷-VAE in GROẞEN Modellen')).toBe('bert over r lambda cdm and beta vae in grossen modellen');
  });

  it('reads a letter written as a TeX command inside a word as TeX does, one word; at a word\'s start its space stays', () => {
    expect(normalizeText('S\\o ren, Bj\\o rn, Stra\\ss e, Mart\\\'\\i nez, na\\"\\i ve')).toBe('soren bjorn strasse martinez naive');
    expect(normalizeText('at 1.9 \\AA resolution')).toBe('at 1 9 a resolution');
    expect(normalizeText('{\\em Zebra} and {\\sl slanted} \\underline{text}')).toBe('zebra and slanted text');
  });

  it('parses words, phrases and punctuated words into terms, longest first, dropping contained ones', () => {
    expect(parseQuery('tra transformer')).toEqual(['transformer']);
    expect(parseQuery('"graph neural" gnn')).toEqual(['graph neural', 'gnn']);
    expect(parseQuery('vision-language 2408.00001')).toEqual(['vision language|visionlanguage', '2408 00001']);
    expect(parseQuery('"graph ne')).toEqual(['graph ne']); // still typing the phrase
    expect(parseQuery('  " , ')).toEqual([]);
  });
});

describe('LibraryIndex text search', () => {
  const library = [
    paper(1, { title: 'Attention Is All You Need', authors: ['Ashish Vaswani'], abstract: 'The dominant sequence transduction models are based on recurrent networks.' }),
    paper(2, { title: 'Solving the Schrödinger equation with neural networks', authors: ['Jan Hermann'], abstract: null }),
    paper(3, { title: 'A survey of efficient models', authors: ['Yi Tay'], abstract: 'We review Transformers and their efficient attention variants.' }),
    paper(4, { title: 'Graph Neural Networks: a review', authors: ['Jie Zhou'], abstract: 'Lots of graph data; neural methods.' }),
    paper(5, { title: 'Neural message passing for graph data', authors: ['Justin Gilmer'], abstract: null }),
    paper(6, { title: 'Learning $k$-Sparse Parities with \\"{o}ther tricks', authors: ['Émile Noël'], abstract: null }),
    paper(7, { title: 'Untitled', authors: ['Someone'], abstract: null, tags: ['to-read', 'Thesis'], note: 'Ask Maria about the transformer baseline' }),
  ];
  const index = new LibraryIndex(library);

  it('finds a word by its start, case- and diacritics-insensitively, in any field', () => {
    expect(ids(index.search(q('transf')))).toEqual([7, 3]); // note, abstract
    expect(ids(index.search(q('schrodinger')))).toEqual([2]);
    expect(ids(index.search(q('SCHRÖD')))).toEqual([2]);
    expect(ids(index.search(q('emile noel')))).toEqual([6]);
    expect(ids(index.search(q('former')))).toEqual([]); // not the start of a word
  });

  it('requires every word, in any order and any field', () => {
    expect(ids(index.search(q('attention survey')))).toEqual([3]);
    expect(ids(index.search(q('graph neural')))).toEqual([5, 4]);
    expect(ids(index.search(q('graph neural zebra')))).toEqual([]);
  });

  it('matches quoted phrases and punctuated words as adjacent words', () => {
    expect(ids(index.search(q('"graph neural"')))).toEqual([4]);
    expect(ids(index.search(q('"graph neu')))).toEqual([4]); // an open quote while typing
    expect(ids(index.search(q('k-sparse')))).toEqual([6]);
    expect(ids(index.search(q('2408.00005')))).toEqual([5]); // the id
  });

  it('folds TeX in titles: math, accents, braces', () => {
    expect(ids(index.search(q('k sparse parities')))).toEqual([6]);
    expect(ids(index.search(q('other tricks')))).toEqual([6]);
  });

  it('ranks papers matching every word in title or authors before those matching in abstract, tags or notes', () => {
    // 1 has "attention" in its title, 3 only in its abstract; 3 is newer (date order) yet second.
    expect(ids(index.search(q('attention')))).toEqual([1, 3]);
    expect(ids(index.search(q('vaswani')))).toEqual([1]);
    // Words split between title and abstract: not a title match.
    const split = new LibraryIndex([
      paper(1, { title: 'Efficient attention' }),
      paper(2, { title: 'Efficient models', abstract: 'With attention.' }),
      paper(3, { title: 'Other', abstract: 'Efficient attention.' }),
    ]);
    expect(ids(split.search(q('efficient attention')))).toEqual([1, 3, 2]);
  });

  it('searches tags and notes', () => {
    expect(ids(index.search(q('thesis')))).toEqual([7]);
    expect(ids(index.search(q('maria')))).toEqual([7]);
    expect(ids(index.search(q('to-read')))).toEqual([7]);
  });

  it('gives the same answers while typing (narrowing the previous query) as from scratch', () => {
    const typed = 'graph neural netw';
    const typing = new LibraryIndex(library);
    for (let i = 1; i <= typed.length; i++) {
      const text = typed.slice(0, i);
      expect(ids(typing.search(q(text))), text).toEqual(ids(new LibraryIndex(library).search(q(text))));
    }
    // Deleting characters widens again.
    expect(ids(typing.search(q('graph')))).toEqual([5, 4]);
    expect(ids(typing.search(q('')))).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });
});

describe('words written hyphenated and closed', () => {
  const index = new LibraryIndex([
    paper(1, { title: 'Multi-agent reinforcement learning' }),
    paper(2, { title: 'Multiagent path finding' }),
    paper(3, { title: 'Agents at scale', abstract: 'Pre-trained models for non-linear control.' }),
    paper(4, { title: 'Pretrained nonlinear controllers' }),
    paper(5, { title: 'Multi agent systems, spelled apart' }),
  ]);
  const found = (text: string) => ids(index.search(q(text))).sort();

  it('either spelling finds both: "multiagent" and "multi-agent", "pretrained" and "pre-trained"', () => {
    expect(found('multiagent')).toEqual([1, 2]);
    expect(found('multi-agent')).toEqual([1, 2, 5]); // and, as a phrase, the words apart
    expect(found('pretrained nonlinear')).toEqual([3, 4]);
    expect(found('pre-trained non-linear')).toEqual([3, 4]);
    // Typed on from there: still both.
    expect(found('multi-agent path')).toEqual([2]);
    expect(found('multi-agent reinf')).toEqual([1]);
  });

  it('a term of two spellings keeps a word inside only one of them ("agent" is no word of "multiagent")', () => {
    expect(parseQuery('multi-agent agent')).toEqual(['multi agent|multiagent', 'agent']);
    expect(found('multi-agent agent')).toEqual([1, 5]);
    expect(parseQuery('"multi-agent"')).toEqual(['multi agent']); // quoted: as written
  });
});

describe('words as people type them (hyphens with digits, apostrophes, initials)', () => {
  const index = new LibraryIndex([
    paper(1, { title: 'GPT-4 Technical Report' }),
    paper(2, { title: 'Evaluating GPT4 on exams' }),
    paper(3, { title: 'COVID-19 forecasting', authors: ['Jean-Philippe Bouchaud'] }),
    paper(4, { title: "Don't Stop Pretraining", authors: ['Kai-Wei Chang', "Conan O'Brien"] }),
    paper(5, { title: '$k$-NN classifiers revisited', authors: ['Ashish Vaswani'] }),
    paper(6, { title: '$k$-means++ seeding, 2020-2021', authors: ['Liunian Harold Li'] }),
  ]);
  const found = (text: string) => ids(index.search(q(text))).sort();

  it('a word joined by a hyphen to digits, or written with an apostrophe, finds both spellings', () => {
    expect(found('gpt4')).toEqual([1, 2]);
    expect(found('gpt-4')).toEqual([1, 2]);
    expect(found('covid19')).toEqual([3]);
    expect(found('dont stop')).toEqual([4]);
    expect(found("don't")).toEqual([4]);
    expect(found('obrien')).toEqual([4]);
    expect(found('knn')).toEqual([5]);
    expect(found('k-nn')).toEqual([5]);
    expect(found('kmeans')).toEqual([6]);
    expect(found('20202021')).toEqual([]); // numbers alone are no word
  });

  it('initials as citations write them find the author', () => {
    expect(found('J.-P. Bouchaud')).toEqual([3]);
    expect(found('Bouchaud, J.-P.')).toEqual([3]);
    expect(found('K.-W. Chang')).toEqual([4]);
    expect(found('K.W. Chang')).toEqual([4]);
    expect(found('A.Vaswani')).toEqual([5]);
    expect(found('L.H. Li')).toEqual([6]);
    expect(found('"J.-P. Bouchaud"')).toEqual([]); // quoted: as written
  });
});

describe('TeX as titles are shown', () => {
  it('\\ell and the variant Greek letters are found as their characters are: l1, epsilon, phi', () => {
    const index = new LibraryIndex([
      paper(1, { title: 'On $\\ell_1$-regularized regression and $\\ell_p$ norms' }),
      paper(2, { title: '$\\varepsilon$-Differential Privacy' }),
      paper(3, { title: '$\\varphi$-divergences' }),
    ]);
    const found = (text: string) => ids(index.search(q(text))).sort();
    for (const text of ['l1', 'ℓ1', 'l1-regularized', 'lp norms']) expect(found(text), text).toEqual([1]);
    for (const text of ['epsilon', 'ε-differential', 'epsilon-differential']) expect(found(text), text).toEqual([2]);
    expect(found('phi')).toEqual([3]);
  });


  it('a short sub- or superscript is part of its word: "G2", "CO2", "L1", "R2" find them', () => {
    const g2 = 'Quantum integrable system associated with the $G_2$ exceptional Lie algebra';
    const index = new LibraryIndex([
      paper(1, { title: 'Electrochemical CO$_2$ reduction' }),
      paper(2, { title: '$L_1$-regularized regression' }),
      paper(3, { title: g2 }),
      paper(4, { title: 'Beyond $R^{2}$: snake_case names' }),
    ]);
    expect(ids(index.search(q('G2 lie algebra')))).toEqual([3]);
    expect(ids(index.search(q('co2')))).toEqual([1]);
    expect(ids(index.search(q('L1 regularized')))).toEqual([2]);
    expect(ids(index.search(q('r2')))).toEqual([4]);
    expect(ids(index.search(q('$G_2$')))).toEqual([3]);
    // A longer one, or one inside a word, still separates words; so does snake_case outside math.
    expect(ids(index.search(q('snake case')))).toEqual([4]);
    const plain = new LibraryIndex([
      paper(1, { title: 'Sampling from language models', note: 'compare with top_k sampling' }),
      paper(2, { title: 'Policy learning', tags: ['nlp_rl'] }),
      paper(3, { title: 'Differentiable physics', abstract: 'Code: https://github.com/google/jax_md' }),
      paper(4, { title: 'Complexity $O(T^2d)$ attention' }),
    ]);
    expect(ids(plain.search(q('top k')))).toEqual([1]);
    expect(ids(plain.search(q('rl')))).toEqual([2]);
    expect(ids(plain.search(q('jax md')))).toEqual([3]);
    expect(ids(plain.search(q('2d')))).toEqual([4]); // T² d: one character is the superscript
    expect(normalizeText('$x_{\\text{max}}$ and $\\pi_0$')).toBe('x max and pi 0');
  });

  it('a title pasted as shown, with a TeX accent\'s quote, finds the paper: the quote opens no phrase', () => {
    const index = new LibraryIndex([paper(1, { title: 'Schr\\"odinger bridges' }), paper(2, { title: 'Bridges' })]);
    expect(ids(index.search(q('Schr\\"odinger bridges')))).toEqual([1]);
    expect(parseQuery('"graph neural" Schr\\"odinger')).toEqual(['graph neural', 'schrodinger']);
  });
});

describe('LibraryIndex: a paper found by its id, in any form', () => {
  const library = [
    paper(1, { title: 'Kept under its arXiv id', aliases: ['doi:10.1000/x1', 'scholar:99', 'acl:W18-6560'] }),
    paper(2, { title: 'A paper citing it', abstract: 'We build on arXiv:2408.00001.' }),
    paper(3, { title: 'Another DOI', aliases: ['doi:10.1000/x2'] }),
  ];
  const index = new LibraryIndex(library);

  it('as the detail pane cites it, with a version, as a link, or by another of its ids; first, before a paper citing it', () => {
    for (const text of ['arXiv:2408.00001', ' 2408.00001v2 ', 'https://arxiv.org/abs/2408.00001v3', 'doi:10.1000/X1', 'https://doi.org/10.1000/x1', 'scholar:99', 'ACL W18-6560']) {
      expect(ids(index.search(q(text)))[0], text).toBe(1);
    }
    expect(ids(index.search(q('arXiv:2408.00001')))).toEqual([1, 2]); // the citing paper's text has it too
    expect(ids(index.search(q('2408.00001v2')))).toEqual([1]);
    expect(ids(index.search(q('doi:10.1000/x2')))).toEqual([3]);
    // Its other ids are words of the paper as its own is: typing the start of one finds it.
    expect(ids(index.search(q('10.1000')))).toEqual([3, 1]);
    // Within the view and its filters.
    expect(ids(index.search(q('arXiv:2408.00001', { view: 'starred' })))).toEqual([]);
    expect(ids(index.search(q('arXiv:2408.00001', { status: 'unread' })))).toEqual([1, 2]);
  });

  it('pasted with what surrounds it (a "Cite as:" line, a reference), and typed by hand from its start', () => {
    expect(ids(index.search(q('arXiv:2408.00001 [cs.LG]')))[0]).toBe(1);
    expect(ids(index.search(q('arXiv preprint arXiv:2408.00001')))).toEqual([1]);
    expect(ids(index.search(q('J. Smith. Some title. arXiv preprint arXiv:2408.00001, 2024.')))).toEqual([1]);
    expect(ids(index.search(q('(doi:10.1000/x2)')))).toEqual([3]);
    // Not yet a whole id: its scheme is no word of any paper, what follows is.
    expect(ids(index.search(q('arXiv:2408.0000')))).toEqual([3, 2, 1]); // 2408.00001, 2408.00003, and the citing paper's text
    expect(ids(index.search(q('doi:10.1000/x')))).toEqual([3, 1]);
  });
});

describe('LibraryIndex views, filters and sort', () => {
  const starred = (n: number, at: number) => ({ starred: true, starredAt: at });
  const library = [
    paper(1, { title: 'Beta', ...starred(1, T0 + 5 * DAY) }),
    paper(2, { title: 'alpha', ...starred(2, T0 + 1 * DAY), read: true, readAt: T0 }),
    paper(3, { title: 'Gamma', site: 'huggingface' }),
    paper(4, { title: 'delta', dismissed: true }),
    paper(5, { title: 'Epsilon', read: true, readAt: T0 }),
    paper(6, { title: 'Zeta', lastSeenAt: null, firstSeenAt: null, updatedAt: T0 - DAY, site: 'import', tags: ['ML'] }),
    paper(7, { title: 'Paper 10', lastSeenAt: T0 + 3 * DAY, tags: ['ml', 'rl'] }),
    paper(8, { title: 'Paper 9', lastSeenAt: T0 - 3 * DAY, tags: ['RL'] }),
  ];
  const index = new LibraryIndex(library);

  it('starred: starred papers, newest star first', () => {
    expect(ids(index.search(q('', { view: 'starred' })))).toEqual([1, 2]);
  });

  it('recommended: seen, unread, not dismissed, not starred; by relevance, unscored after by last seen', () => {
    const view = { view: 'recommended', sort: 'relevance' } as const;
    expect(ids(index.search(q('', view)))).toEqual([7, 3, 8]);
    const scores = new Map([
      ['arxiv:2408.00008', 0.9],
      ['arxiv:2408.00003', 0.2],
    ]);
    expect(ids(index.search(q('', view), scores))).toEqual([8, 3, 7]);
    // A new scores map re-sorts; a score that is not a number counts as none.
    expect(ids(index.search(q('', view), new Map([['arxiv:2408.00007', 0.5]])))).toEqual([7, 3, 8]);
    expect(ids(index.search(q('', view), new Map([['arxiv:2408.00008', Number.NaN], ['arxiv:2408.00003', 0.1]])))).toEqual([3, 7, 8]);
  });

  it('by relevance, on a larger library: the scored by score (then last seen), the rest by last seen, as one sort of them all gives', () => {
    const library = Array.from({ length: 400 }, (_, i) => paper(i + 1, { lastSeenAt: T0 - ((i * 7919) % 401) * 1_000, updatedAt: T0 - i }));
    const big = new LibraryIndex(library);
    // Scores with ties, a NaN, and papers left unscored.
    const scores = new Map(library.filter((_, i) => i % 3 !== 0).map((r, i) => [r.id, i % 11 === 0 ? Number.NaN : (i * 13) % 7] as const));
    const score = (r: PaperRecord) => (Number.isFinite(scores.get(r.id)) ? scores.get(r.id)! : null);
    const expected = big
      .search(q('', { view: 'history' }))
      .map((r, position) => ({ r, position })) // by last seen (the view's date order)
      .sort((a, b) => {
        const [sa, sb] = [score(a.r), score(b.r)];
        if (sa === null || sb === null) return sa === sb ? a.position - b.position : sa === null ? 1 : -1;
        return sb - sa || a.position - b.position;
      })
      .map(({ r }) => r.id);
    expect(big.search(q('', { view: 'history', sort: 'relevance' }), scores).map((r) => r.id)).toEqual(expected);
  });

  it('history: everything seen, by last seen; all: every record, by last change', () => {
    expect(ids(index.search(q('', { view: 'history' })))).toEqual([7, 5, 4, 3, 2, 1, 8]);
    expect(ids(index.search(q('', { view: 'all' })))).toEqual([8, 7, 5, 4, 3, 2, 1, 6]);
  });

  it('filters by tag (case-insensitive), site, status (read, unread, dismissed) and date range (whole local days)', () => {
    expect(ids(index.search(q('', { tag: 'ml' })))).toEqual([7, 6]);
    expect(ids(index.search(q('', { tag: 'RL' })))).toEqual([8, 7]);
    expect(ids(index.search(q('', { site: 'huggingface' })))).toEqual([3]);
    expect(ids(index.search(q('', { view: 'history', status: 'read' })))).toEqual([5, 2]);
    expect(ids(index.search(q('', { view: 'history', status: 'unread' })))).toEqual([7, 4, 3, 1, 8]);
    expect(ids(index.search(q('', { view: 'history', status: 'dismissed' })))).toEqual([4]);
    expect(ids(index.search(q('', { view: 'recommended', status: 'dismissed' })))).toEqual([]);
    // From the day of T0 + 1 day to the day of T0 + 3 days (any time within those days).
    const from = T0 + DAY + 5 * 3_600_000;
    const to = T0 + 3 * DAY - 11 * 3_600_000;
    expect(ids(index.search(q('', { view: 'starred', from, to })))).toEqual([2]);
    expect(ids(index.search(q('', { view: 'history', from: T0 + DAY })))).toEqual([7]);
    expect(ids(index.search(q('', { view: 'history', to: T0 - DAY })))).toEqual([8]);
    // A paper without the view's date is left out once a range is set.
    expect(ids(index.search(q('', { view: 'all', to: T0 + 10 * DAY })))).toHaveLength(8);
    expect(ids(index.search(q('', { view: 'starred', to: T0 + 10 * DAY })))).toEqual([1, 2]);
  });

  it('sorts by title A→Z, case-insensitively and with numbers in numeric order, TeX markup aside', () => {
    expect(index.search(q('', { sort: 'title' })).map((r) => r.title)).toEqual(['alpha', 'Beta', 'delta', 'Epsilon', 'Gamma', 'Paper 9', 'Paper 10', 'Zeta']);
    const tex = new LibraryIndex([paper(1, { title: '{\\em Zebra} stripes' }), paper(2, { title: 'Gnu' }), paper(3, { title: 'Falcon' })]);
    expect(tex.search(q('', { sort: 'title' })).map((r) => r.title)).toEqual(['Falcon', 'Gnu', '{\\em Zebra} stripes']);
  });

  it('combines text with filters and sort', () => {
    expect(ids(index.search(q('paper', { sort: 'title', tag: 'rl' })))).toEqual([8, 7]);
  });
});

describe('LibraryIndex upkeep', () => {
  it('upsert replaces a paper (text, state, sort position), remove drops it', () => {
    const index = new LibraryIndex([paper(1, { title: 'Old title' }), paper(2, { title: 'Other' })]);
    expect(index.size).toBe(2);
    expect(ids(index.search(q('old')))).toEqual([1]);
    index.search(q('', { sort: 'title' })); // build the title order before the change
    index.upsert(paper(1, { title: 'Zzz new title', updatedAt: T0 + 100 }));
    expect(index.size).toBe(2);
    expect(ids(index.search(q('old')))).toEqual([]);
    expect(ids(index.search(q('new')))).toEqual([1]);
    expect(ids(index.search(q('', { sort: 'title' })))).toEqual([2, 1]);
    expect(index.get('arxiv:2408.00001')?.title).toBe('Zzz new title');
    index.upsert(paper(3, { title: 'Aaa' }));
    expect(ids(index.search(q('', { sort: 'title' })))).toEqual([3, 2, 1]);
    index.remove('arxiv:2408.00002');
    index.remove('arxiv:2408.99999'); // unknown: nothing happens
    expect(index.size).toBe(2);
    expect(ids(index.search(q('', { sort: 'title' })))).toEqual([3, 1]);
    expect(ids(index.search(q('other')))).toEqual([]);
    expect(index.all().map((r) => r.id).sort()).toEqual(['arxiv:2408.00001', 'arxiv:2408.00003']);
  });

  it('upsertAll: many papers at once give the same searches and orders as one by one', () => {
    const library = Array.from({ length: 300 }, (_, i) => paper(i + 1, { title: `Paper ${(i * 37) % 300}`, starred: i % 2 === 0, starredAt: T0 - i }));
    const changed = library.filter((_, i) => i % 3 === 0).map((r, i) => ({ ...r, tags: ['batch'], title: `Moved ${i}`, lastSeenAt: T0 + 10_000 - i }));
    const queries = [q('', { sort: 'title' }), q('', { view: 'starred', sort: 'date' }), q('', { view: 'history' }), q('moved', { tag: 'batch' })];
    const oneByOne = new LibraryIndex(library);
    const atOnce = new LibraryIndex(library);
    for (const query of queries) expect(ids(atOnce.search(query))).toEqual(ids(oneByOne.search(query))); // orders built
    for (const record of changed) oneByOne.upsert(record);
    atOnce.upsertAll(changed);
    for (const query of queries) expect(ids(atOnce.search(query))).toEqual(ids(oneByOne.search(query)));
    expect(atOnce.tags()).toEqual([{ tag: 'batch', count: 100 }]);
    // The same records again (a change made here, its notice come back): nothing changes.
    expect(atOnce.upsertAll(changed.map((r) => structuredClone(r)))).toBe(0);
    expect(atOnce.upsert(structuredClone(changed[0]!))).toBe(false);
    expect(atOnce.upsertAll([{ ...changed[0]!, tags: ['batch', 'more'] }, changed[1]!])).toBe(1);
  });

  it("count gives each view's size (a tab's count) as its search would", () => {
    const library = Array.from({ length: 120 }, (_, i) =>
      paper(i + 1, { starred: i % 3 === 0, starredAt: i % 3 === 0 ? T0 - i : null, read: i % 5 === 0, dismissed: i % 7 === 0 && i % 3 !== 0, lastSeenAt: i % 4 === 0 ? null : T0 - i }),
    );
    const index = new LibraryIndex(library);
    for (const view of ['starred', 'recommended', 'history', 'all'] as const) expect(index.count(view), view).toBe(index.search(q('', { view })).length);
    expect(index.count('recommended', (r) => r.id.endsWith('1'))).toBe(index.search(q('', { view: 'recommended' })).filter((r) => r.id.endsWith('1')).length);
  });

  it('a search after an upsert does not reuse the previous matches', () => {
    const index = new LibraryIndex([paper(1, { title: 'Graph models' })]);
    expect(ids(index.search(q('gra')))).toEqual([1]);
    index.upsert(paper(2, { title: 'Graphs again' }));
    expect(ids(index.search(q('graph')))).toEqual([2, 1]);
  });

  it('counts tags across papers regardless of case, most used first; lists sites', () => {
    const index = new LibraryIndex([
      paper(1, { tags: ['ml', 'survey'] }),
      paper(2, { tags: ['ML'], site: 'acl' }),
      paper(3, { tags: ['ML', 'thesis'], site: 'scholar' }),
    ]);
    expect(index.tags()).toEqual([
      { tag: 'ML', count: 3 },
      { tag: 'survey', count: 1 },
      { tag: 'thesis', count: 1 },
    ]);
    index.upsert(paper(3, { tags: [], site: 'scholar' }));
    index.remove('arxiv:2408.00001');
    expect(index.tags()).toEqual([{ tag: 'ML', count: 1 }]);
    expect(index.sites()).toEqual(['acl', 'scholar']);
  });

  it('tolerates records stored before tags and notes existed', () => {
    const old = { ...paper(1, { title: 'Old record' }) } as Partial<PaperRecord>;
    delete old.tags;
    delete old.note;
    const index = new LibraryIndex([old as PaperRecord]);
    expect(ids(index.search(q('old', { tag: null })))).toEqual([1]);
    expect(index.tags()).toEqual([]);
  });
});

describe('LibraryIndex against a brute-force search', () => {
  // Small vocabulary so that queries hit; words sharing prefixes; a few non-ASCII and TeX ones.
  const words = ['graph', 'graphs', 'grape', 'neural', 'network', 'net', 'transformer', 'trans', 'attention', 'at', 'a', 'x', 'résumé', 'schr\\"odinger', 'αβ', '2408', 'k-sparse', 'the', 'then', 'zebra', 'multi-agent', 'multiagent', 'agent'];
  const text = fc.array(fc.constantFrom(...words), { maxLength: 12 }).map((w) => w.join(' '));
  const record = fc.record({ title: text, author: text, abstract: fc.option(text), note: text, tag: fc.option(fc.constantFrom(...words)) });
  const queryWords = fc.array(fc.oneof(fc.constantFrom(...words), fc.constantFrom(...words).map((w) => w.slice(0, 2)), fc.constantFrom(...words).map((w) => w.slice(0, 4))), { minLength: 1, maxLength: 3 });
  // Sometimes a quoted phrase of them (closed or still open).
  const query = fc.tuple(queryWords, fc.constantFrom('', '"', '""')).map(([w, quote]) => (quote === '' ? w.join(' ') : quote === '"' ? `"${w.join(' ')}` : `"${w.join(' ')}"`));

  /**
   * Same semantics, obvious implementation: a term matches a field where one of its spellings
   * starts a word; a field's hyphenated words are also written closed.
   */
  function reference(records: readonly PaperRecord[], text: string): number[] {
    const terms = parseQuery(text);
    const closed = (f: string) => (f.match(/\p{L}+(?:-\p{L}+)+/gu) ?? []).map((w) => w.replaceAll('-', ''));
    const has = (fields: string[], term: string) =>
      term.split('|').some((spelling) => [...fields, ...fields.flatMap(closed)].some((f) => ` ${normalizeText(f)}`.includes(` ${spelling}`)));
    const first: PaperRecord[] = [];
    const rest: PaperRecord[] = [];
    for (const r of [...records].sort((a, b) => b.updatedAt - a.updatedAt)) {
      const primary = [r.title, ...r.authors, r.id.slice(6)];
      const secondary = [r.abstract ?? '', ...r.tags, r.note];
      if (!terms.every((t) => has(primary, t) || has(secondary, t))) continue;
      (terms.every((t) => has(primary, t)) ? first : rest).push(r);
    }
    return ids([...first, ...rest]);
  }

  it('finds exactly what a scan of every field finds, in the same order, typed or not', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 30 }), query, (specs, text) => {
        const records = specs.map((s, i) =>
          paper(i + 1, { title: s.title, authors: [s.author], abstract: s.abstract, note: s.note, tags: s.tag ? [s.tag] : [], updatedAt: T0 + i * 7 }),
        );
        const index = new LibraryIndex(records);
        expect(ids(index.search(q(text)))).toEqual(reference(records, text));
        // Typed one character at a time on another index: the narrowing path.
        const typing = new LibraryIndex(records);
        for (let i = 1; i <= text.length; i++) typing.search(q(text.slice(0, i)));
        expect(ids(typing.search(q(text)))).toEqual(reference(records, text));
      }),
      { numRuns: 300 },
    );
  });

  it('still does after papers are replaced, removed and added (slots reused)', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 2, maxLength: 20 }), record, query, (specs, change, text) => {
        const make = (s: typeof change, n: number) => paper(n, { title: s.title, authors: [s.author], abstract: s.abstract, note: s.note, tags: s.tag ? [s.tag] : [], updatedAt: T0 + n * 7 });
        const records = specs.map((s, i) => make(s, i + 1));
        const index = new LibraryIndex(records);
        index.search(q(text)); // orders built, a last search to invalidate
        index.remove(records[0]!.id);
        index.upsert(make(change, 2)); // replaces paper 2
        index.upsert(make(change, 100)); // a new paper, in paper 1's freed slot
        const now = [...records.slice(2), make(change, 2), make(change, 100)];
        expect(ids(index.search(q(text)))).toEqual(reference(now, text));
      }),
      { numRuns: 200 },
    );
  });
});

describe('LibraryIndex.build', () => {
  it('builds the same index in slices, letting other tasks run in between', async () => {
    const records = Array.from({ length: 300 }, (_, i) => paper(i + 1, { title: `Graph paper ${i % 7}`, abstract: 'Some words about graphs.' }));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const built = await LibraryIndex.build(records, 0);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    expect(built.size).toBe(300);
    expect(ids(built.search(q('graph paper 3')))).toEqual(ids(new LibraryIndex(records).search(q('graph paper 3'))));
  });
});

describe('plurals', () => {
  it('a word typed in the plural is cut to the prefix its singular shares; phrases, ids and singular words stay', () => {
    const cut = (w: string) => parseQuery(w)[0];
    expect(['transformers', 'networks', 'strategies', 'approaches', 'classes', 'boxes'].map(cut)).toEqual(['transformer', 'network', 'strateg', 'approach', 'class', 'box']);
    expect(['analysis', 'focus', 'class', 'gas', 'studies', 'series', 'cs', '2408s'].map(cut)).toEqual(['analysis', 'focus', 'class', 'gas', 'studie|study', 'serie|sery', 'cs', '2408s']);
    expect(['biases', 'lenses', 'hypotheses', 'analyses', 'responses', 'cases', 'matrices', 'vertices', 'devices', 'news', 'lens'].map(cut)).toEqual([
      'bias', 'lens', 'hypothes', 'analys', 'respons', 'case', 'matr', 'vert', 'device', 'news', 'lens',
    ]);
    expect(parseQuery('"graph neural networks"')).toEqual(['graph neural networks']);
  });

  it('"transformers" finds a paper titled "Transformer …", and "strategies" one about a strategy', () => {
    const index = new LibraryIndex([
      paper(1, { title: 'A Transformer for proteins' }),
      paper(2, { title: 'A winning strategy' }),
      paper(3, { title: 'Graph neural network' }),
      paper(4, { title: 'Social bias in a random matrix hypothesis' }),
      paper(5, { title: 'News from the new vertex' }),
      paper(6, { title: 'A new method' }),
    ]);
    const found = (text: string) => index.search({ ...DEFAULT_QUERY, text }).map((p) => p.title);
    expect(found('transformers')).toEqual(['A Transformer for proteins']);
    expect(found('strategies')).toEqual(['A winning strategy']);
    expect(found('"graph neural networks"')).toEqual([]);
    expect(found('graph neural networks')).toEqual(['Graph neural network']);
    for (const plural of ['biases', 'matrices', 'hypotheses']) expect(found(plural)).toEqual(['Social bias in a random matrix hypothesis']);
    expect(found('vertices')).toEqual(['News from the new vertex']);
    // A short "-ies" plural finds its singular, and still not what only starts like it.
    const short = new LibraryIndex([paper(1, { title: 'A study of query rewriting' }), paper(2, { title: 'Entry-level tasks' }), paper(3, { title: 'Student queries' })]);
    const foundShort = (text: string) => ids(short.search({ ...DEFAULT_QUERY, text })).sort();
    expect(foundShort('queries')).toEqual([1, 3]);
    expect(foundShort('entries')).toEqual([2]);
    expect(foundShort('studies')).toEqual([1]);
    expect(found('news')).toEqual(['News from the new vertex']); // not every "new"
  });
});
