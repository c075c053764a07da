/**
 * npm run --silent eval:relevance -- --data <papers.jsonl> --splits <splits.json> [--json]
 *
 * Runs the protocol of a splits file with the extension's own relevance engine (src/relevance):
 * for each target, seed and N in protocol.stars, train on the first N `starred` papers (stars),
 * the `seen` papers (seen but not starred) and the target's `keywords` (one topic), score the
 * `pool`, and measure average precision, precision@20 and recall@50 against `relevant`,
 * averaged over targets and seeds. Document frequencies come from every paper of the data file
 * (an unlabeled local corpus, as the extension's store of seen papers), not from the shipped
 * prior. Categories are never read.
 *
 * Also, as a user scrolls past papers without starring them: the pool's second half is added to
 * the seen papers, the model retrained, and that half scored again (as a reloaded listing or the
 * popup's Recommended view scores papers already seen). Its AP, and the "high" tier's recall on
 * it, before and after: seeing a paper should not bury it.
 *
 * Beside them, a baseline measured in the same run: the pool ranked by the target's keywords
 * alone (BM25 over the phrases, as the engine adds to every score; no model, no stars).
 *
 * Prints a table (the baseline under it), or with --json exactly one JSON object:
 *   {"results": {"0": {"ap": …, "p20": …, "r50": …}, "1": {…}, …}}
 * Missing or malformed input: one line on stderr, exit 2.
 * Experiments: --param name=value overrides a TRAINING constant (src/relevance/model.ts).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { compilePhrases, Corpus, Scorer, trainModel, TRAINING, type Feedback, type Interests, type PaperText, type TrainingParams } from '../src/relevance/index';
import { keywordScore } from '../src/relevance/interests';

export interface EvalPaper {
  id: string;
  title: string;
  summary?: string | null;
  authors?: string[];
}

export interface EvalSplit {
  seed: number | string;
  pool: string[];
  relevant: string[];
  starred: string[];
  seen: string[];
}

export interface EvalTarget {
  name: string;
  keywords: string[];
  splits: EvalSplit[];
}

export interface SplitsFile {
  protocol?: { stars?: number[] };
  targets: EvalTarget[];
}

export interface Metrics {
  ap: number;
  p20: number;
  r50: number;
}

export interface EvalReport {
  results: Record<string, Metrics>;
  /** How the calibrated tier "high" did on the pools (precision, recall, share flagged), and "medium" or "high" together (`orMedium`). */
  calibration: Record<string, { precision: number; recall: number; flagged: number; orMedium: { precision: number; recall: number; flagged: number } }>;
  /** The pool's second half before and after it was seen (see the header). */
  onceSeen: Record<string, { apBefore: number; apAfter: number; highRecallBefore: number; highRecallAfter: number }>;
  /**
   * "Like “…”, which you starred": the share of pool papers whose explanation names a star, and
   * of those the share that are relevant (against the pool's own share).
   */
  like: Record<string, { named: number; namedHigh: number; relevantNamed: number; baseRate: number }>;
  perTarget: Record<string, Record<string, number>>;
  /** The baseline: each pool ranked by its target's keywords alone (BM25), averaged as `results`. */
  keywordsOnly: Metrics;
  seconds: number;
}

const DEFAULT_STARS = [0, 1, 3, 10, 30];

/** Average precision, precision@20 and recall@50 of a ranking (ids best first). */
export function rankMetrics(ranked: readonly string[], relevant: ReadonlySet<string>): Metrics {
  let hits = 0;
  let ap = 0;
  let p20 = 0;
  let r50 = 0;
  ranked.forEach((id, rank) => {
    if (!relevant.has(id)) return;
    hits++;
    ap += hits / (rank + 1);
    if (rank < 20) p20++;
    if (rank < 50) r50++;
  });
  const n = relevant.size;
  return { ap: n > 0 ? ap / n : 0, p20: p20 / 20, r50: n > 0 ? r50 / n : 0 };
}

export function evaluate(papers: readonly EvalPaper[], splits: SplitsFile, params: Partial<TrainingParams> = {}): EvalReport {
  const t0 = performance.now();
  const corpus = new Corpus(null);
  const byId = new Map<string, PaperText>();
  for (const p of papers) {
    const paper: PaperText = { id: p.id, title: p.title ?? '', abstract: p.summary ?? '', authors: p.authors ?? [] };
    byId.set(p.id, paper);
    corpus.add(paper);
  }
  const get = (id: string): PaperText => {
    const p = byId.get(id);
    if (!p) throw new EvalInputError(`paper ${id} of the splits is not in the data file`);
    return p;
  };
  const stars = splits.protocol?.stars ?? DEFAULT_STARS;
  const sum = new Map<number, Metrics & { n: number }>(stars.map((n) => [n, { ap: 0, p20: 0, r50: 0, n: 0 }]));
  const cal = new Map<number, { tp: number; flagged: number; tpMedium: number; flaggedMedium: number; rel: number; pool: number; named: number; namedHigh: number; relevantNamed: number }>(
    stars.map((n) => [n, { tp: 0, flagged: 0, tpMedium: 0, flaggedMedium: 0, rel: 0, pool: 0, named: 0, namedHigh: 0, relevantNamed: 0 }]),
  );
  const perTarget: EvalReport['perTarget'] = {};
  const seenSum = new Map<number, { apBefore: number; apAfter: number; highBefore: number; highAfter: number; rel: number; n: number }>(
    stars.map((n) => [n, { apBefore: 0, apAfter: 0, highBefore: 0, highAfter: 0, rel: 0, n: 0 }]),
  );

  const idf = corpus.idf();
  const baseline = { ap: 0, p20: 0, r50: 0, n: 0 };
  for (const target of splits.targets) {
    const interests: Interests = { topics: [{ id: target.name, name: target.name, keywords: target.keywords }] };
    const phrases = compilePhrases(target.keywords, idf);
    const tsum: Record<string, number> = {};
    for (const split of target.splits) {
      const relevant = new Set(split.relevant);
      const pool = split.pool.map(get);
      // The baseline's ranking; ties keep pool order, as the engine's.
      const byKeywords = pool.map((p, i) => ({ i, id: p.id, s: keywordScore(corpus.analyze(p), phrases, idf.avgLength) }));
      byKeywords.sort((a, b) => b.s - a.s || a.i - b.i);
      const k = rankMetrics(byKeywords.map((x) => x.id), relevant);
      baseline.ap += k.ap;
      baseline.p20 += k.p20;
      baseline.r50 += k.r50;
      baseline.n++;
      const seen: Feedback[] = split.seen.map((id) => ({ paper: get(id), label: 'seen' }));
      for (const n of stars) {
        const feedback: Feedback[] = [...split.starred.slice(0, n).map((id): Feedback => ({ paper: get(id), label: 'starred' })), ...seen];
        const model = trainModel(corpus, interests, feedback, { now: 0, params });
        const scorer = new Scorer(model, corpus);
        const scored = pool.map((p, i) => ({ i, s: scorer.score(p) }));
        // Rank by f (continuous); ties keep pool order.
        scored.sort((a, b) => b.s.topics[0]!.f - a.s.topics[0]!.f || a.i - b.i);
        const m = rankMetrics(
          scored.map((x) => x.s.id),
          relevant,
        );
        const acc = sum.get(n)!;
        acc.ap += m.ap;
        acc.p20 += m.p20;
        acc.r50 += m.r50;
        acc.n++;
        tsum[n] = (tsum[n] ?? 0) + m.ap / target.splits.length;
        const c = cal.get(n)!;
        for (const x of scored) {
          if (x.s.relevant) {
            c.flagged++;
            if (relevant.has(x.s.id)) c.tp++;
          }
          if (x.s.tier !== 'low') {
            c.flaggedMedium++;
            if (relevant.has(x.s.id)) c.tpMedium++;
          }
        }
        c.rel += relevant.size;
        c.pool += pool.length;
        for (const x of scored) {
          if (!scorer.like(pool[x.i]!, x.s.topics[0]?.topicId)) continue;
          c.named++;
          if (x.s.relevant) c.namedHigh++;
          if (relevant.has(x.s.id)) c.relevantNamed++;
        }

        // The pool's second half, once seen.
        const later = new Set(split.pool.slice(Math.floor(pool.length / 2)));
        const laterRelevant = new Set([...relevant].filter((id) => later.has(id)));
        if (laterRelevant.size === 0) continue;
        const before = scored.filter((x) => later.has(x.s.id));
        const seenModel = trainModel(corpus, interests, [...feedback, ...[...later].map((id): Feedback => ({ paper: get(id), label: 'seen' }))], { now: 0, params });
        const seenScorer = new Scorer(seenModel, corpus);
        const after = before.map((x) => ({ i: x.i, s: seenScorer.score(get(x.s.id)) }));
        after.sort((a, b) => b.s.topics[0]!.f - a.s.topics[0]!.f || a.i - b.i);
        const o = seenSum.get(n)!;
        o.apBefore += rankMetrics(before.map((x) => x.s.id), laterRelevant).ap;
        o.apAfter += rankMetrics(after.map((x) => x.s.id), laterRelevant).ap;
        o.highBefore += before.filter((x) => x.s.relevant && laterRelevant.has(x.s.id)).length;
        o.highAfter += after.filter((x) => x.s.relevant && laterRelevant.has(x.s.id)).length;
        o.rel += laterRelevant.size;
        o.n++;
      }
    }
    perTarget[target.name] = tsum;
  }
  const results: Record<string, Metrics> = {};
  const calibration: EvalReport['calibration'] = {};
  const onceSeen: EvalReport['onceSeen'] = {};
  const like: EvalReport['like'] = {};
  for (const n of stars) {
    const o = seenSum.get(n)!;
    const splitsSeen = Math.max(1, o.n);
    const relevantSeen = Math.max(1, o.rel);
    onceSeen[String(n)] = {
      apBefore: o.apBefore / splitsSeen,
      apAfter: o.apAfter / splitsSeen,
      highRecallBefore: o.highBefore / relevantSeen,
      highRecallAfter: o.highAfter / relevantSeen,
    };
    const a = sum.get(n)!;
    const d = Math.max(1, a.n);
    results[String(n)] = { ap: a.ap / d, p20: a.p20 / d, r50: a.r50 / d };
    const c = cal.get(n)!;
    calibration[String(n)] = {
      precision: c.flagged > 0 ? c.tp / c.flagged : 0,
      recall: c.rel > 0 ? c.tp / c.rel : 0,
      flagged: c.pool > 0 ? c.flagged / c.pool : 0,
      orMedium: {
        precision: c.flaggedMedium > 0 ? c.tpMedium / c.flaggedMedium : 0,
        recall: c.rel > 0 ? c.tpMedium / c.rel : 0,
        flagged: c.pool > 0 ? c.flaggedMedium / c.pool : 0,
      },
    };
    like[String(n)] = { named: c.pool > 0 ? c.named / c.pool : 0, namedHigh: c.flagged > 0 ? c.namedHigh / c.flagged : 0, relevantNamed: c.named > 0 ? c.relevantNamed / c.named : 0, baseRate: c.pool > 0 ? c.rel / c.pool : 0 };
  }
  const b = Math.max(1, baseline.n);
  const keywordsOnly = { ap: baseline.ap / b, p20: baseline.p20 / b, r50: baseline.r50 / b };
  return { results, calibration, onceSeen, like, perTarget, keywordsOnly, seconds: (performance.now() - t0) / 1000 };
}

export class EvalInputError extends Error {}

function readJsonl(path: string): EvalPaper[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new EvalInputError(`cannot read data file ${path}: ${(e as Error).message}`);
  }
  const rows: EvalPaper[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new EvalInputError(`${path}:${i + 1}: not valid JSON`);
    }
    const r = row as EvalPaper;
    if (!r || typeof r !== 'object' || typeof r.id !== 'string' || typeof r.title !== 'string') {
      throw new EvalInputError(`${path}:${i + 1}: a paper needs a string id and title`);
    }
    rows.push(r);
  });
  return rows;
}

function readSplits(path: string): SplitsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new EvalInputError(`cannot read splits file ${path}: ${(e as Error).message}`);
  }
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    throw new EvalInputError(`${path}: not valid JSON`);
  }
  const s = j as SplitsFile;
  const isIds = (x: unknown) => Array.isArray(x) && x.every((v) => typeof v === 'string');
  const ok =
    s &&
    Array.isArray(s.targets) &&
    s.targets.every(
      (t) =>
        t &&
        typeof t.name === 'string' &&
        isIds(t.keywords) &&
        Array.isArray(t.splits) &&
        t.splits.every((sp) => sp && isIds(sp.pool) && isIds(sp.relevant) && isIds(sp.starred) && isIds(sp.seen)),
    );
  if (!ok) throw new EvalInputError(`${path}: expected {targets: [{name, keywords, splits: [{pool, relevant, starred, seen}]}]}`);
  return s;
}

function parseArgs(argv: string[]): { data: string; splits: string; json: boolean; params: Record<string, number> } {
  let data: string | undefined;
  let splits: string | undefined;
  let json = false;
  const params: Record<string, number> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (name: string) => {
      if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
      const v = argv[++i];
      if (v === undefined) throw new EvalInputError(`${name} needs a value`);
      return v;
    };
    if (a === '--json') json = true;
    else if (a === '--data' || a.startsWith('--data=')) data = value('--data');
    else if (a === '--splits' || a.startsWith('--splits=')) splits = value('--splits');
    else if (a === '--param' || a.startsWith('--param=')) {
      const [k, v] = value('--param').split('=');
      if (!k || !(k in TRAINING) || v === undefined || !Number.isFinite(Number(v))) throw new EvalInputError(`bad --param ${k}=${v}`);
      params[k] = Number(v);
    } else throw new EvalInputError(`unknown argument ${a}`);
  }
  if (!data || !splits) throw new EvalInputError('usage: eval-relevance --data <papers.jsonl> --splits <splits.json> [--json]');
  return { data, splits, json, params };
}

function formatTable(r: EvalReport): string {
  const tier = (c: { precision: number; recall: number; flagged: number }) => `${c.precision.toFixed(3)}   ${c.recall.toFixed(3)}   ${(100 * c.flagged).toFixed(1).padStart(4)}%`;
  const lines = ['  N      AP    P@20    R@50   | "high": precision  recall  flagged | "medium" or "high": the same'];
  for (const [n, m] of Object.entries(r.results)) {
    const c = r.calibration[n]!;
    lines.push(`${n.padStart(3)}  ${m.ap.toFixed(3)}   ${m.p20.toFixed(3)}   ${m.r50.toFixed(3)}   |          ${tier(c)} |                ${tier(c.orMedium)}`);
  }
  const k = r.keywordsOnly;
  lines.push(`baseline, the keywords alone (BM25): ${k.ap.toFixed(3)}   ${k.p20.toFixed(3)}   ${k.r50.toFixed(3)}`);
  lines.push('', 'The pool\'s second half, before and after it was seen (retrained with it as seen):');
  lines.push('  N   AP before  after   | "high" recall before  after');
  for (const [n, o] of Object.entries(r.onceSeen)) {
    lines.push(`${n.padStart(3)}   ${o.apBefore.toFixed(3)}     ${o.apAfter.toFixed(3)}   |               ${o.highRecallBefore.toFixed(3)}   ${o.highRecallAfter.toFixed(3)}`);
  }
  lines.push('', '"Like “…”, which you starred" (the nearest star, when alike enough):');
  lines.push('  N   named for: all   "high"   | of those named, relevant (in the pool)');
  for (const [n, l] of Object.entries(r.like)) {
    lines.push(`${n.padStart(3)}          ${(100 * l.named).toFixed(1).padStart(5)}%  ${(100 * l.namedHigh).toFixed(1).padStart(5)}%   |  ${(100 * l.relevantNamed).toFixed(1)}% (${(100 * l.baseRate).toFixed(1)}%)`);
  }
  lines.push('', 'AP per target (N = ' + Object.keys(r.results).join(' / ') + '):');
  for (const [t, v] of Object.entries(r.perTarget)) lines.push(`  ${t.padEnd(14)} ${Object.values(v).map((x) => x.toFixed(3)).join(' / ')}`);
  lines.push('', `${r.seconds.toFixed(1)} s`);
  return lines.join('\n');
}

export function main(argv: string[]): number {
  try {
    const args = parseArgs(argv);
    const report = evaluate(readJsonl(args.data), readSplits(args.splits), args.params);
    if (args.json) process.stdout.write(JSON.stringify({ results: report.results }) + '\n');
    else process.stdout.write(formatTable(report) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof EvalInputError) {
      process.stderr.write(`eval-relevance: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
