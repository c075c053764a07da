import { afterEach, describe, expect, it } from 'vitest';
import { weeklyCounts, weekStartOf } from '../../../src/library/weekly';

const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();
const rec = (firstSeenAt: number | null, starredAt: number | null = null) => ({ firstSeenAt, starredAt });

const originalTz = process.env.TZ;
afterEach(() => {
  // Node reads TZ again when it changes; put it back for the other tests in this process.
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('weekStartOf', () => {
  it('is local midnight on the Monday of the week (ISO weeks: Sunday belongs to the week before)', () => {
    expect(weekStartOf(local(2025, 11, 5, 15))).toBe(local(2025, 11, 3)); // Wednesday
    expect(weekStartOf(local(2025, 11, 3, 0, 0))).toBe(local(2025, 11, 3)); // Monday midnight
    expect(weekStartOf(local(2025, 11, 9, 23, 59))).toBe(local(2025, 11, 3)); // Sunday night
    expect(weekStartOf(local(2026, 1, 1, 12))).toBe(local(2025, 12, 29)); // across a year
  });
});

describe('weeklyCounts', () => {
  it('gives the last n weeks, oldest first, the last one containing now', () => {
    const weeks = weeklyCounts([], local(2025, 11, 5, 15), 12);
    expect(weeks).toHaveLength(12);
    expect(weeks[11]!.weekStart).toBe(local(2025, 11, 3));
    expect(weeks[0]!.weekStart).toBe(local(2025, 8, 18));
    for (const w of weeks) expect(new Date(w.weekStart).getDay()).toBe(1);
    expect(weeks.every((w) => w.seen === 0 && w.starred === 0)).toBe(true);
    expect(weeklyCounts([], local(2025, 11, 5), 0)).toEqual([]);
  });

  it('counts papers first seen and papers starred in each week', () => {
    const now = local(2025, 11, 5, 15);
    const weeks = weeklyCounts(
      [
        rec(local(2025, 11, 3, 9), local(2025, 11, 4)), // seen and starred this week
        rec(local(2025, 11, 2, 23, 30)), // Sunday night: last week
        rec(local(2025, 10, 28), local(2025, 11, 5, 14)), // seen last week, starred this week
        rec(null, local(2025, 10, 27)), // starred without being seen (imported), last week
        rec(local(2025, 8, 17, 23)), // the Sunday before the first week: not counted
        rec(local(2025, 11, 10)), // next week (a clock ahead): not counted
        rec(Number.NaN, null),
      ],
      now,
      12,
    );
    expect(weeks[11]).toEqual({ weekStart: local(2025, 11, 3), seen: 1, starred: 2 });
    expect(weeks[10]).toEqual({ weekStart: local(2025, 10, 27), seen: 2, starred: 1 });
    expect(weeks.slice(0, 10).every((w) => w.seen === 0 && w.starred === 0)).toBe(true);
  });

  it('keeps weeks at local midnight across a daylight-saving change', () => {
    process.env.TZ = 'Europe/Berlin'; // clocks went forward on Sunday 30 March 2025
    const weeks = weeklyCounts([rec(local(2025, 3, 30, 23)), rec(local(2025, 3, 31, 0, 30))], local(2025, 4, 2, 12), 3);
    expect(weeks.map((w) => new Date(w.weekStart).toString().slice(0, 24))).toEqual(['Mon Mar 17 2025 00:00:00', 'Mon Mar 24 2025 00:00:00', 'Mon Mar 31 2025 00:00:00']);
    expect(weeks[2]!.weekStart - weeks[1]!.weekStart).toBe(167 * 3_600_000);
    expect(weeks.map((w) => w.seen)).toEqual([0, 1, 1]);
  });
});
