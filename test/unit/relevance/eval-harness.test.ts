import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, rankMetrics, type EvalPaper, type SplitsFile } from '../../../scripts/eval-relevance';
import { REPO_ROOT, requireShared, sharedPath } from '../../../scripts/lib/shared';
import { syntheticPapers, type Field } from './fixtures';

/** A tiny data file and splits: each target's field has 40 papers, 10 in the pool, 30 starred. */
function tinyData(): { papers: EvalPaper[]; splits: SplitsFile } {
  const ps = syntheticPapers(40, 3);
  const papers: EvalPaper[] = ps.map((p) => ({ id: p.id, title: p.title, summary: p.abstract, authors: [...(p.authors ?? [])] }));
  const ids = (f: Field) => ps.filter((p) => p.field === f).map((p) => p.id);
  const target = (name: Field, keywords: string[], others: Field[]) => ({
    name,
    keywords,
    splits: [0, 1].map((seed) => {
      const own = ids(name);
      const rest = others.flatMap(ids);
      const relevant = seed === 0 ? own.slice(0, 10) : own.slice(30);
      const starred = own.filter((id) => !relevant.includes(id));
      return { seed, pool: [...relevant, ...rest.slice(0, 40)].sort(), relevant, starred, seen: rest.slice(40) };
    }),
  });
  return {
    papers,
    splits: {
      protocol: { stars: [0, 1, 3, 10, 30] },
      targets: [target('robots', ['grasping', 'robot'], ['speech', 'graphs']), target('speech', ['speech', 'speaker'], ['robots', 'graphs'])],
    },
  };
}

function runCli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/eval-relevance.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
}

describe('rankMetrics', () => {
  it('computes AP, P@20 and R@50', () => {
    const ranked = Array.from({ length: 100 }, (_, i) => `p${i}`);
    const m = rankMetrics(ranked, new Set(['p0', 'p2', 'p60']));
    expect(m.ap).toBeCloseTo((1 / 1 + 2 / 3 + 3 / 61) / 3, 12);
    expect(m.p20).toBeCloseTo(2 / 20);
    expect(m.r50).toBeCloseTo(2 / 3);
  });
});

describe('eval-relevance', () => {
  it('runs the protocol (exported function)', () => {
    const { papers, splits } = tinyData();
    const r = evaluate(papers, splits);
    expect(Object.keys(r.results)).toEqual(['0', '1', '3', '10', '30']);
    for (const m of Object.values(r.results)) {
      for (const v of [m.ap, m.p20, m.r50]) expect(v).toBeGreaterThanOrEqual(0);
      expect(m.ap).toBeGreaterThan(0.8); // the synthetic fields barely overlap
      expect(m.r50).toBeCloseTo(1);
    }
  });

  it('prints exactly one JSON object with --json, and a table without', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'relevance-eval-'));
    const { papers, splits } = tinyData();
    writeFileSync(path.join(dir, 'papers.jsonl'), papers.map((p) => JSON.stringify(p)).join('\n') + '\n');
    writeFileSync(path.join(dir, 'splits.json'), JSON.stringify(splits));
    const args = ['--data', path.join(dir, 'papers.jsonl'), '--splits', path.join(dir, 'splits.json')];

    const json = runCli([...args, '--json']);
    expect(json.status).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(Object.keys(out)).toEqual(['results']);
    expect(Object.keys(out.results)).toEqual(['0', '1', '3', '10', '30']);
    for (const m of Object.values(out.results) as Record<string, number>[]) expect(Object.keys(m).sort()).toEqual(['ap', 'p20', 'r50']);
    expect(json.stdout.trim().split('\n')).toHaveLength(1);

    const table = runCli(args);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/AP/);
    expect(table.stdout).toMatch(/^baseline, the keywords alone \(BM25\): [01]\.\d{3} {3}[01]\.\d{3} {3}[01]\.\d{3}$/m);
  });

  it('measures the keywords alone beside the engine (the baseline): a keyword no paper has ranks each pool as it comes', () => {
    const { papers, splits } = tinyData();
    const splitsOf = (f: SplitsFile) => f.targets.flatMap((t) => t.splits);
    const asListed = splitsOf(splits).reduce((sum, split) => sum + rankMetrics(split.pool, new Set(split.relevant)).ap, 0) / splitsOf(splits).length;
    const nothing = evaluate(papers, { ...splits, targets: splits.targets.map((t) => ({ ...t, keywords: ['zzyzx'] })) });
    expect(nothing.keywordsOnly.ap).toBeCloseTo(asListed, 10);
    const keywords = evaluate(papers, splits);
    expect(keywords.keywordsOnly.ap).toBeGreaterThan(asListed + 0.2);
  });

  it('fails with one line and exit 2 on a missing file or bad JSON', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'relevance-eval-'));
    writeFileSync(path.join(dir, 'bad.json'), '{"targets": [');
    writeFileSync(path.join(dir, 'papers.jsonl'), '{"id": "1", "title": "t"}\n');
    writeFileSync(path.join(dir, 'bad.jsonl'), '{"id": "1", "title": \n');
    for (const args of [
      ['--data', path.join(dir, 'missing.jsonl'), '--splits', path.join(dir, 'bad.json')],
      ['--data', path.join(dir, 'papers.jsonl'), '--splits', path.join(dir, 'bad.json')],
      ['--data', path.join(dir, 'bad.jsonl'), '--splits', path.join(dir, 'bad.json')],
      ['--data', path.join(dir, 'papers.jsonl')],
    ]) {
      const r = runCli(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('eval-relevance on the shared arXiv data (one target, one split)', () => {
  const rels = ['data/arxiv_daily_cs_listings.jsonl', 'data/relevance-splits-listings.json'];
  it.runIf(requireShared('relevance eval slice', ...rels))('learns from stars on real listings', () => {
    const all = readFileSync(sharedPath(rels[0]!), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as EvalPaper);
    const full = JSON.parse(readFileSync(sharedPath(rels[1]!), 'utf8')) as SplitsFile;
    const target = full.targets.find((t) => t.name === 'speech') ?? full.targets[0]!;
    const split = target.splits[0]!;
    // The split's papers plus a slice of the rest as the unlabeled corpus, to keep the test short.
    const wanted = new Set([...split.pool, ...split.seen, ...split.starred]);
    const papers = [...all.filter((p) => wanted.has(p.id)), ...all.filter((p) => !wanted.has(p.id)).slice(0, 2000)];
    const r = evaluate(papers, { protocol: full.protocol, targets: [{ ...target, splits: [split] }] });
    expect(Object.keys(r.results)).toEqual(['0', '1', '3', '10', '30']);
    // 50 relevant among 1,000: a random ranking has AP ≈ 0.05.
    for (const m of Object.values(r.results)) expect(m.ap).toBeGreaterThan(0.3);
  });
});
