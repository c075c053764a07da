// @vitest-environment jsdom
/**
 * Sentences a screen reader (the chart's <desc>) and the sync status say, with counts that are
 * legal and common: a week with stars but no new sightings, and counts of one.
 */
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { describeSyncStatus } from '../../options/SyncSettings';
import { formatWeek, WeeklyChart } from '../../popup/WeeklyChart';
import { weeklyCounts } from '../../src/library/weekly';
import { parseSyncStatus } from '../../src/sync/settings';
import { renderTarget } from '../support/render-target';

const container = renderTarget();

const local = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const desc = () => container.querySelector('svg desc')!.textContent!;

describe('the weekly chart summary', () => {
  it('names no "busiest" week when nothing new was seen (only papers seen long ago were starred)', () => {
    // Three papers first seen half a year ago, starred this week: 0 seen, 3 starred in 12 weeks.
    const now = local(2025, 11, 5);
    const records = [1, 2, 3].map(() => ({ firstSeenAt: local(2025, 5, 1), starredAt: local(2025, 11, 4) }));
    const weeks = weeklyCounts(records, now, 12);
    render(<WeeklyChart weeks={weeks} />, container);
    // Says "…; most seen in the week of Aug 18 (0)." — the oldest week, which had nothing at all.
    expect(desc()).not.toContain(`most seen in the week of ${formatWeek(weeks[0]!.weekStart)} (0)`);
    expect(desc()).toBe('Last 12 weeks: 0 papers seen and 3 starred.');
  });

  it('says "1 paper seen", not "1 papers seen"', () => {
    const now = local(2025, 11, 5);
    render(<WeeklyChart weeks={weeklyCounts([{ firstSeenAt: local(2025, 11, 4), starredAt: null }], now, 12)} />, container);
    expect(desc()).toBe(`Last 12 weeks: 1 paper seen and 0 starred; most seen in the week of ${formatWeek(local(2025, 11, 3, 0))} (1).`);
  });
});

describe('the sync status sentence', () => {
  it('counts of one are singular', () => {
    const text = describeSyncStatus(parseSyncStatus({ enabled: true, lastSyncAt: 1, marks: 1000, leftOut: 1, interests: 'synced', invalid: 1, bytes: 1 }));
    expect(text).toContain(' 1 older mark stays on this device only: ');
    expect(text).toContain(' 1 unreadable entry in sync storage was skipped.');
  });
});
