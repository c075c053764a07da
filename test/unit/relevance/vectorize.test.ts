import { describe, expect, it } from 'vitest';
import { analyzePaper, CorpusStats, IdfTable, PRIOR_PSEUDO_DOCS, Vocab, vectorize, type DfPrior } from '../../../src/relevance/vectorize';

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
    const got = Object.fromEntries(Array.from(x.idx, (j, k) => [vocab.terms[j]!, x.val[k]!]));
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

  it('serializes document frequencies', () => {
    const stats = CorpusStats.of(docs);
    const back = CorpusStats.fromJSON(JSON.parse(JSON.stringify(stats.toJSON())));
    expect(back.nDocs).toBe(3);
    expect(back.avgLength).toBeCloseTo(stats.avgLength);
    expect([...back.df.entries()].sort()).toEqual([...stats.df.entries()].sort());
    expect(stats.toJSON(2).terms).not.toContain('grasp');
    stats.remove(docs[0]!);
    expect(stats.df.get('robot')).toBe(1);
    expect(stats.df.has('grasp')).toBe(false);
  });
});
