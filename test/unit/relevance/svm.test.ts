import { describe, expect, it } from 'vitest';
import { kthSmallest } from '../../../src/relevance/model';
import { decision, rng, trainSvm, type TrainExample } from '../../../src/relevance/svm';

const vec = (pairs: [number, number][]) => ({ idx: Int32Array.from(pairs, (p) => p[0]), val: Float32Array.from(pairs, (p) => p[1]) });

describe('linear SVM', () => {
  it('separates a separable toy set', () => {
    // Feature 0 marks positives, feature 1 negatives, feature 2 is shared noise.
    const ex: TrainExample[] = [];
    for (let i = 0; i < 20; i++) ex.push({ x: vec([[0, 0.8], [2, 0.6]]), y: 1, weight: 1 });
    for (let i = 0; i < 60; i++) ex.push({ x: vec([[1, 0.8], [2, 0.6]]), y: -1, weight: 1 });
    const m = trainSvm(ex, 3, { C: 1 });
    for (const e of ex) expect(Math.sign(decision(m, e.x))).toBe(e.y);
    expect(m.w[0]).toBeGreaterThan(0);
    expect(m.w[1]).toBeLessThan(0);
    expect(Math.abs(m.w[2]!)).toBeLessThan(Math.abs(m.w[0]!));
  });

  it('weights examples: a heavy negative outweighs light positives on the same point', () => {
    const x = vec([[0, 1]]);
    const m = trainSvm(
      [
        { x, y: 1, weight: 1 },
        { x, y: -1, weight: 10 },
        { x: vec([[1, 1]]), y: 1, weight: 1 },
      ],
      2,
      { C: 1, balanced: false },
    );
    expect(decision(m, x)).toBeLessThan(0);
  });

  it('is deterministic', () => {
    const ex: TrainExample[] = [
      { x: vec([[0, 1]]), y: 1, weight: 1 },
      { x: vec([[1, 1]]), y: -1, weight: 1 },
    ];
    expect(Array.from(trainSvm(ex, 2).w)).toEqual(Array.from(trainSvm(ex, 2).w));
  });
});

describe('pruning weights', () => {
  it('kthSmallest finds the value a sort would put at rank r, with ties', () => {
    const rand = rng(3);
    for (let t = 0; t < 500; t++) {
      const n = 1 + Math.floor(rand() * 200);
      const a = Float64Array.from({ length: n }, () => (rand() < 0.4 ? Math.floor(rand() * 4) : rand()));
      const sorted = Float64Array.from(a).sort();
      const r = Math.floor(rand() * n);
      expect(kthSmallest(Float64Array.from(a), r)).toBe(sorted[r]);
    }
  });
});
