/**
 * A badge's number and its tier tell the same story: low 0–49, medium 50–74, high 75–100. Rounded
 * freely, a medium paper just under the high line read "75 medium" beside a "75 high" one (only
 * that one highlighted, J/K stopping only there), and a low one "50 low" beside "50 medium".
 */
import { describe, expect, it } from 'vitest';
import { toScore } from '../../../src/relevance/score';
import type { TopicModel } from '../../../src/relevance/model';

const topic: TopicModel = {
  id: 't',
  name: 'Black holes',
  phrases: [],
  terms: [],
  weights: [],
  interestWeight: 0,
  offset: 0,
  // Reference scores from -2 to 3, evenly; medium from 1, high from 2.
  quantiles: Array.from({ length: 101 }, (_, p) => -2 + (5 * p) / 100),
  high: 2,
  medium: 1,
  nStars: 0,
};

describe('toScore', () => {
  it('keeps each score within its tier, at the lines too', () => {
    expect(toScore(topic, 1.99, false)).toEqual({ score: 74, tier: 'medium' });
    expect(toScore(topic, 2, false)).toEqual({ score: 75, tier: 'high' });
    expect(toScore(topic, 0.995, false)).toEqual({ score: 49, tier: 'low' });
    expect(toScore(topic, 1, false)).toEqual({ score: 50, tier: 'medium' });
    expect(toScore(topic, 2.5, true)).toEqual({ score: 49, tier: 'low' }); // muted
  });

  it('gives every tier its whole range over the scores', () => {
    const seen = new Map<string, number[]>();
    for (let f = -2; f <= 6; f += 0.001) {
      const { score, tier } = toScore(topic, f, false);
      seen.set(tier, [...(seen.get(tier) ?? []), score]);
    }
    const range = (tier: string) => [Math.min(...seen.get(tier)!), Math.max(...seen.get(tier)!)];
    expect(range('low')).toEqual([0, 49]);
    expect(range('medium')).toEqual([50, 74]);
    expect(range('high')[0]).toBe(75);
    expect(range('high')[1]).toBeLessThanOrEqual(100);
  });
});
