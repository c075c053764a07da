/**
 * Papers seen and starred per week, for the reading chart. Pure, no browser APIs.
 *
 * Weeks are ISO weeks (Monday to Sunday) in local time: the user thinks of "this week" in their
 * own time zone, and a paper starred late on Sunday evening belongs to that Sunday's week, not to
 * Monday's as it would in UTC east of Greenwich. Week boundaries are built from calendar dates
 * (new Date(y, m, d)), so a week with a daylight-saving change is 167 or 169 hours long and
 * still starts at local midnight on Monday.
 */
import type { PaperRecord } from '../core/paper';

export interface WeekCount {
  /** Local midnight at the start of the week's Monday, epoch ms. */
  weekStart: number;
  /** Papers first seen during the week. */
  seen: number;
  /** Papers starred during the week (and still starred: unstarring clears starredAt). */
  starred: number;
}

/** Local midnight of the Monday of the week containing `time`. */
export function weekStartOf(time: number): number {
  const d = new Date(time);
  const sinceMonday = (d.getDay() + 6) % 7; // getDay: 0 = Sunday
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - sinceMonday).getTime();
}

/**
 * The last `weeks` weeks up to and including the one containing `now`, oldest first, with the
 * papers first seen and starred in each. Times outside that span (older, or in the future of
 * `now`'s week, e.g. from a skewed clock on another device) are not counted.
 */
export function weeklyCounts(records: Iterable<Pick<PaperRecord, 'firstSeenAt' | 'starredAt'>>, now: number, weeks = 12): WeekCount[] {
  const count = Math.max(0, Math.floor(weeks));
  if (count === 0) return [];
  const current = new Date(weekStartOf(now));
  // count + 1 boundaries: the start of each week, and the end of the last.
  const bounds = Array.from({ length: count + 1 }, (_, i) => new Date(current.getFullYear(), current.getMonth(), current.getDate() + 7 * (i - count + 1)).getTime());
  const out: WeekCount[] = bounds.slice(0, count).map((weekStart) => ({ weekStart, seen: 0, starred: 0 }));
  const weekOf = (time: number | null): WeekCount | undefined => {
    if (time === null || !Number.isFinite(time) || time < bounds[0]! || time >= bounds[count]!) return undefined;
    // Binary search: the last boundary ≤ time.
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (bounds[mid]! <= time) lo = mid;
      else hi = mid - 1;
    }
    return out[lo];
  };
  for (const record of records) {
    const seen = weekOf(record.firstSeenAt);
    if (seen) seen.seen++;
    const starred = weekOf(record.starredAt);
    if (starred) starred.starred++;
  }
  return out;
}
