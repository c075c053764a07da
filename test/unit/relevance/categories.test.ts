/** Preferred arXiv categories: matching, the bonus (relative to what the user sees), explanations. */
import { describe, expect, it } from 'vitest';
import { ARXIV_CATEGORY, categoryReason, Corpus, matchingCategories, parseModel, Scorer, trainModel, type Interests, type PaperText } from '../../../src/relevance/index';
import { syntheticPapers, type Field } from './fixtures';

const CATEGORY: Record<Field, string> = { robots: 'cs.RO', speech: 'eess.AS', graphs: 'cs.LG' };

/** The synthetic papers, listed in their field's category (speech also cross-listed in cs.CL). */
function listed(seed = 7): (PaperText & { field: Field })[] {
  return syntheticPapers(40, seed).map((p) => ({ ...p, categories: p.field === 'speech' ? ['eess.AS', 'cs.CL'] : [CATEGORY[p.field]] }));
}

function corpusOf(papers: readonly PaperText[]): Corpus {
  const c = new Corpus(null);
  for (const p of papers) c.add(p);
  return c;
}

const robots = (categories?: string[]): Interests => ({ topics: [{ id: 'r', name: 'Robots', keywords: ['grasping', 'robot manipulation'], ...(categories ? { categories } : {}) }] });

describe('matching', () => {
  it('is by code, case aside; an archive alone takes in its classes', () => {
    expect(matchingCategories(['cs.LG', 'stat.ML'], ['cs.lg'])).toEqual(['cs.LG']);
    expect(matchingCategories(['math.AG', 'hep-th'], ['math'])).toEqual(['math.AG']);
    expect(matchingCategories(['cond-mat.stat-mech'], ['cond-mat'])).toEqual(['cond-mat.stat-mech']);
    expect(matchingCategories(['cs.LG'], ['cs.CL', 'stat'])).toEqual([]);
    expect(matchingCategories([], ['cs'])).toEqual([]);
    expect(['cs.LG', 'hep-th', 'math', 'physics.atom-ph'].every((c) => ARXIV_CATEGORY.test(c))).toBe(true);
    expect(['Machine Learning', 'cs.', 'LG', 'ai'].some((c) => ARXIV_CATEGORY.test(c))).toBe(false);
  });
});

describe('the category bonus', () => {
  const papers = listed();
  const corpus = corpusOf(papers);
  const plain = new Scorer(trainModel(corpus, robots(), [], { now: 0 }), corpus);
  // Speech papers are the ones in eess.AS; a robots topic that prefers it lifts them a little.
  const withCategory = new Scorer(trainModel(corpus, robots(['eess.AS']), [], { now: 0 }), corpus);
  const speech = papers.filter((p) => p.field === 'speech');
  const robotsPapers = papers.filter((p) => p.field === 'robots');

  it('lifts papers in a preferred category by a modest, constant amount', () => {
    const t = withCategory.model.topics[0]!;
    expect(t.categories).toEqual(['eess.as']);
    expect(t.categoryWeight).toBeGreaterThan(0.2);
    expect(t.categoryWeight).toBeLessThan(1);
    // The same paper, listed in the category or not: f differs by exactly the weight.
    for (const p of [...speech.slice(0, 10), ...robotsPapers.slice(0, 10)]) {
      const inIt = withCategory.score({ ...p, id: `${p.id}-in`, categories: ['eess.AS'] }).topics[0]!.f;
      const notInIt = withCategory.score({ ...p, id: `${p.id}-out`, categories: ['cs.RO'] }).topics[0]!.f;
      expect(inIt - notInIt).toBeCloseTo(t.categoryWeight!, 9);
    }
    // Less than a tier: the gap between "medium" and "high" is wider.
    expect(t.categoryWeight!).toBeLessThan(t.high - t.medium + 0.5);
  });

  it('is a hint, not a reason: an off-topic paper in the category does not become relevant', () => {
    const before = speech.filter((p) => plain.score(p).relevant).length;
    const after = speech.filter((p) => withCategory.score(p).relevant).length;
    expect(after).toBeLessThanOrEqual(before + 2);
    expect(after).toBeLessThan(speech.length / 4);
    // The topic's own papers still rank first.
    const ranked = withCategory
      .scoreMany(papers)
      .sort((a, b) => b.topics[0]!.f - a.topics[0]!.f)
      .map((s) => s.id);
    expect(ranked.slice(0, 10).every((id) => id.startsWith('robots'))).toBe(true);
  });

  it('is relative to what the user sees: a category every paper is in moves nothing', () => {
    const everywhere = papers.map((p) => ({ ...p, categories: ['cs.RO'] }));
    const c = corpusOf(everywhere);
    const a = new Scorer(trainModel(c, robots(), [], { now: 0 }), c);
    const b = new Scorer(trainModel(c, robots(['cs.RO']), [], { now: 0 }), c);
    // (Up to the 6 decimals a model is stored with.)
    for (const p of everywhere.slice(0, 60)) expect(b.score(p).topics[0]!.f).toBeCloseTo(a.score(p).topics[0]!.f, 5);
  });

  it('does nothing when papers carry no categories (the evaluation protocol)', () => {
    const bare = papers.map(({ categories: _, ...p }) => p);
    const c = corpusOf(bare);
    const a = new Scorer(trainModel(c, robots(), [], { now: 0 }), c);
    const b = new Scorer(trainModel(c, robots(['cs.RO', 'eess.AS']), [], { now: 0 }), c);
    expect(b.scoreMany(bare).map((s) => s.topics[0]!.f)).toEqual(a.scoreMany(bare).map((s) => s.topics[0]!.f));
  });

  it('is explained: "in your category eess.AS", and the parts still add up to f', () => {
    const p = speech[0]!;
    const e = withCategory.explain(p, 'r', 10_000)!;
    expect(e.categories).toEqual(['eess.AS']);
    expect(e.categoryScore).toBe(withCategory.model.topics[0]!.categoryWeight);
    expect(categoryReason(e.categories)).toBe('in your category eess.AS');
    const sum = e.offset + e.rules + e.categoryScore + [...e.raising, ...e.lowering].reduce((s, c) => s + c.contribution, 0) + e.keywords.reduce((s, k) => s + k.score, 0);
    expect(sum).toBeCloseTo(e.f, 6);
    // A paper outside the preferred categories: no category part.
    const other = withCategory.explain(robotsPapers[0]!, 'r')!;
    expect(other.categories).toEqual([]);
    expect(other.categoryScore).toBe(0);
    expect(categoryReason(['eess.AS', 'cs.CL'])).toBe('in your categories eess.AS, cs.CL');
    expect(categoryReason([])).toBe('');
  });

  it('survives the stored model, and older models without categories still score', () => {
    const back = parseModel(JSON.stringify(withCategory.model))!;
    expect(new Scorer(back, corpus).scoreMany(speech)).toEqual(withCategory.scoreMany(speech));
    const { categories: _c, categoryWeight: _w, ...old } = withCategory.model.topics[0]!;
    const older = new Scorer({ ...withCategory.model, topics: [old] }, corpus);
    expect(older.explain(speech[0]!)!.categories).toEqual([]);
  });
});
