import { describe, expect, it } from 'vitest';
import { requireShared } from '../../../scripts/lib/shared';
import { forEachTermId, LEXICON, stemAt, TermTable, TERMS, tokenize, TOKENIZER_VERSION } from '../../../src/relevance/tokenize';
import { analyzePaper, CorpusStats, IdfTable, PRIOR_PSEUDO_DOCS, termCounts, Vocab, vectorize, vectorizeTerms, type DfPrior, type SerializedCorpusStatsV1 } from '../../../src/relevance/vectorize';
import { committedTable, runTableBuild } from '../../support/table-build';

const docs = [
  { id: 'a', title: 'robot grasping', abstract: 'robot robot arm' },
  { id: 'b', title: 'speech', abstract: 'speech robot' },
  { id: 'c', title: 'graph', abstract: 'graph nodes' },
].map(analyzePaper);

describe('TF-IDF', () => {
  it('matches hand-computed values on a tiny corpus', () => {
    const stats = CorpusStats.of(docs);
    expect(stats.nDocs).toBe(3);
    expect(stats.df.get('robot')).toBe(2);
    expect(stats.df.get('grasp')).toBe(1);
    const idf = new IdfTable(stats);
    // Smoothed idf: ln((1 + N) / (1 + df)) + 1.
    const idfRobot = Math.log(4 / 3) + 1;
    const idfRare = Math.log(4 / 2) + 1;
    expect(idf.idf('robot')).toBeCloseTo(idfRobot, 12);
    expect(idf.idf('grasp')).toBeCloseTo(idfRare, 12);

    // Paper a: robot ×3 (title + abstract), grasp, arm, bigrams "robot grasp", "robot robot", "robot arm".
    const vocab = new Vocab();
    const x = vectorize(docs[0]!, idf, vocab);
    const raw: Record<string, number> = {
      robot: (1 + Math.log(3)) * idfRobot,
      grasp: idfRare,
      arm: idfRare,
      'robot grasp': idfRare,
      'robot robot': idfRare,
      'robot arm': idfRare,
    };
    const norm = Math.sqrt(Object.values(raw).reduce((s, v) => s + v * v, 0));
    const got = Object.fromEntries(Array.from(x.idx, (j, k) => [vocab.term(j), x.val[k]!]));
    expect(Object.keys(got).sort()).toEqual(Object.keys(raw).sort());
    for (const [t, v] of Object.entries(raw)) expect(got[t]).toBeCloseTo(v / norm, 6);
    // L2-normalized.
    expect(Array.from(x.val).reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 6);
  });

  it('blends the prior while the corpus is small, with a default df for unknown terms', () => {
    const prior: DfPrior = { tokenizerVersion: 1, nDocs: 10_000, avgLength: 100, floorDf: 20, terms: ['model', 'robot'], df: [5000, 100] };
    const stats = CorpusStats.of(docs);
    const idf = new IdfTable(stats, prior);
    const scale = PRIOR_PSEUDO_DOCS / 10_000;
    expect(idf.n).toBeCloseTo(3 + 10_000 * scale);
    expect(idf.df('model')).toBeCloseTo(5000 * scale);
    expect(idf.df('robot')).toBeCloseTo(2 + 100 * scale);
    // A term the prior does not list (e.g. from another field) is taken as rarer than its floor.
    expect(idf.df('quark')).toBeCloseTo(10 * scale);
    expect(idf.idf('quark')).toBeGreaterThan(idf.idf('robot'));
    expect(idf.idf('robot')).toBeGreaterThan(idf.idf('model'));
  });

  it('reads document frequencies stored as text (format 1) as they were', () => {
    const stored: SerializedCorpusStatsV1 = { v: 1, nDocs: 3, totalLength: 11, ids: ['a', 'b', 'c'], terms: ['robot', 'robot grasp', 'speech', 'gone'], df: [2, 1, 1, 0] };
    const stats = CorpusStats.fromJSON(JSON.parse(JSON.stringify(stored)));
    expect(new Map(stats.df.entries())).toEqual(
      new Map([
        ['robot', 2],
        ['robot grasp', 1],
        ['speech', 1],
      ]),
    );
    expect(stats.ids).toEqual(new Set(['a', 'b', 'c']));
    // Written back in format 2, read again: the same counts.
    const again = CorpusStats.fromJSON(JSON.parse(JSON.stringify(stats.toJSON())));
    expect(again.toJSON()).toMatchObject({ v: 2, stems: expect.arrayContaining(['robot', 'grasp', 'speech']) });
    expect([...again.df.entries()].sort()).toEqual([...stats.df.entries()].sort());
  });

  it('skips stored terms that name no stored stem', () => {
    const stored = { v: 2, nDocs: 1, totalLength: 2, ids: ['a'], stems: ['robot', 'grasp'], first: [0, 0, 5, 1], second: [-1, 1, -1, 9], df: [1, 1, 1, 1] } as const;
    const stats = CorpusStats.fromJSON(JSON.parse(JSON.stringify(stored)));
    expect(new Map(stats.df.entries())).toEqual(
      new Map([
        ['robot', 1],
        ['robot grasp', 1],
      ]),
    );
  });

  it('serializes document frequencies', () => {
    const stats = CorpusStats.of(docs);
    const back = CorpusStats.fromJSON(JSON.parse(JSON.stringify(stats.toJSON())));
    expect(back.nDocs).toBe(3);
    expect(back.avgLength).toBeCloseTo(stats.avgLength);
    expect([...back.df.entries()].sort()).toEqual([...stats.df.entries()].sort());
    // minDf 2 drops the terms counted once.
    const common = CorpusStats.fromJSON(JSON.parse(JSON.stringify(stats.toJSON(2))));
    expect([...common.df.entries()].sort()).toEqual([...stats.df.entries()].filter(([, n]) => n >= 2).sort());
    expect(common.df.get('grasp')).toBeUndefined();
    stats.remove(docs[0]!);
    expect(stats.df.get('robot')).toBe(1);
    expect(stats.df.has('grasp')).toBe(false);
  });
});

describe('terms by number', () => {
  it('numbers each term once, whether met in a paper or given as text first', () => {
    // A bigram given as text (a stored model's term) before any paper has it keeps its number.
    const typed = TERMS.intern('qzxv wug');
    const seen: string[] = [];
    const ids: number[] = [];
    forEachTermId(tokenize('Qzxv wugs and a wug'), (id) => {
      ids.push(id);
      seen.push(TERMS.text(id));
    });
    expect(seen).toEqual(['qzxv', 'wug', 'qzxv wug', 'wug']);
    expect(ids[2]).toBe(typed);
    expect(ids[1]).toBe(ids[3]);
    expect(TERMS.find('never met anywhere')).toBe(-1);
  });

  it('tells bigrams apart as its table grows', () => {
    // 60 words, every ordered pair: 3,600 bigrams, each first stem shared by 60 of them, in a
    // table that starts with 4 slots (so probes collide and it doubles ten times).
    const stems = Array.from({ length: 60 }, (_, i) => stemAt(tokenize(`qv${i.toString(36)}xy`), 0));
    const table = new TermTable(4);
    const pairs = stems.flatMap((a) => stems.map((b) => [a, b] as const));
    const ids = pairs.map(([a, b]) => table.pairTerm(a, b));
    expect(ids.map((id) => table.text(id))).toEqual(pairs.map(([a, b]) => `${LEXICON.stem(a)} ${LEXICON.stem(b)}`));
    expect(new Set(ids).size).toBe(3600);
    expect([...pairs].reverse().map(([a, b]) => table.pairTerm(a, b))).toEqual([...ids].reverse());
    expect(table.size).toBe(3600);
  });

  it('vectorizes a paper as its terms as text would be', () => {
    const papers = [
      { id: 'p', title: 'Large language models for robot grasping', abstract: 'We teach robots to grasp. Language models plan; robots grasp and grasp again.' },
      { id: 'q', title: 'Speech recognition', abstract: 'Speech models and language.' },
    ].map(analyzePaper);
    const idf = new IdfTable(CorpusStats.of([...docs, ...papers]), { tokenizerVersion: 1, nDocs: 5000, avgLength: 100, floorDf: 20, terms: ['model', 'languag model'], df: [3000, 400] });
    for (const a of papers) {
      const byNumber = new Vocab();
      const byText = new Vocab();
      const x = vectorize(a, idf, byNumber);
      const y = vectorizeTerms(termCounts(a), idf, byText);
      expect(Array.from({ length: byNumber.size }, (_, j) => byNumber.term(j))).toEqual(Array.from({ length: byText.size }, (_, j) => byText.term(j)));
      expect(Array.from(x.idx)).toEqual(Array.from(y.idx));
      expect(Array.from(x.val)).toEqual(Array.from(y.val));
    }
  });

  it('counts document frequencies once per paper and forgets terms whose count falls to 0', () => {
    const stats = CorpusStats.of(docs);
    const before = stats.df.size;
    const a = analyzePaper({ id: 'd', title: 'Qzxv', abstract: 'Qzxv. Qzxv, qzxv.' }); // one term, four times
    stats.add(a);
    expect(stats.df.get('qzxv')).toBe(1);
    expect(stats.df.size).toBe(before + 1);
    stats.remove(a);
    expect(stats.df.get('qzxv')).toBeUndefined();
    expect(stats.df.size).toBe(before);
  });
});

describe('the shipped df prior', () => {
  it('builds from the shared listings exactly the prior committed, for this tokenizer', { timeout: 60_000 }, (ctx) => {
    if (!requireShared('the df prior', 'data/arxiv_daily_cs_listings.jsonl')) return ctx.skip();
    const built = runTableBuild('build-df-prior');
    expect(built).toBe(committedTable('df-prior.json'));
    expect(JSON.parse(built).tokenizerVersion).toBe(TOKENIZER_VERSION);
  });
});
