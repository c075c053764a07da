// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { formatScale, formatWeek, niceMax, WeeklyChart } from '../../popup/WeeklyChart';
import type { WeekCount } from '../../src/library/weekly';
import { renderTarget } from '../support/render-target';
import { formatDate } from '../../popup/format';

const weekOf = (i: number) => new Date(2025, 7, 18 + 7 * i).getTime(); // Mondays from 18 Aug 2025
const weeks: WeekCount[] = Array.from({ length: 12 }, (_, i) => ({ weekStart: weekOf(i), seen: i * 10, starred: i % 3 }));

const container = renderTarget();

function mount(data: WeekCount[]) {
  act(() => {
    render(<WeeklyChart weeks={data} />, container);
  });
}

const bars = (series: string) => [...container.querySelectorAll<SVGRectElement>(`rect[data-series="${series}"]`)];
const height = (rect: Element) => Number(rect.getAttribute('height'));

describe('WeeklyChart', () => {
  it('draws a pair of bars a week, heights in proportion on a round scale', () => {
    mount(weeks);
    expect(bars('seen')).toHaveLength(12);
    expect(bars('starred')).toHaveLength(12);
    // Max 110 → scale top 200; the 110 bar is 0.55 of the 96 px plot.
    expect(height(bars('seen')[11]!)).toBeCloseTo(0.55 * 96);
    expect(height(bars('seen')[0]!)).toBe(0);
    expect(height(bars('seen')[6]!)).toBeCloseTo(height(bars('seen')[3]!) * 2);
    expect(container.querySelector('svg text')!.textContent).toBe('200');
    expect(bars('starred')[2]!.querySelector('title')!.textContent).toBe(`Week of ${formatWeek(weekOf(2))}: 2 starred`);
  });

  it('labels a few weeks, including this one, as "Nov 3"', () => {
    mount(weeks);
    const labels = [...container.querySelectorAll('.week-label')].map((t) => t.textContent);
    expect(labels.length).toBeLessThanOrEqual(4);
    expect(labels.at(-1)).toBe(formatWeek(weekOf(11)));
    expect(formatWeek(new Date(2025, 10, 3).getTime())).toMatch(/Nov 3|3 Nov/);
  });

  it('themes bars with CSS custom properties and text with currentColor', () => {
    mount(weeks);
    expect(bars('seen')[1]!.getAttribute('style')).toContain('var(--pr-seen');
    expect(bars('starred')[1]!.getAttribute('style')).toContain('var(--pr-starred');
    for (const text of container.querySelectorAll('svg text')) expect(text.getAttribute('fill')).toBe('currentColor');
  });

  it('is an image with a title and a summary, and its numbers are in a table for screen readers', () => {
    mount(weeks);
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    const [titleId, descId] = svg.getAttribute('aria-labelledby')!.split(' ');
    expect(container.querySelector(`[id="${titleId}"]`)!.textContent).toBe('Papers seen and starred per week');
    expect(container.querySelector(`[id="${descId}"]`)!.textContent).toBe(
      `Last 12 weeks: 660 papers seen and 12 starred; most seen in the week of ${formatWeek(weekOf(11))} (110).`,
    );
    const rows = [...container.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows[3]).toEqual([formatWeek(weekOf(3)), '30', '0']);
    expect(container.querySelector('table')!.getAttribute('style')).toContain('position: absolute');
  });

  it('draws an empty chart without dividing by zero', () => {
    mount(weeks.map((w) => ({ ...w, seen: 0, starred: 0 })));
    expect(bars('seen').every((b) => height(b) === 0 && !Number.isNaN(Number(b.getAttribute('y'))))).toBe(true);
    expect(container.querySelector('desc')!.textContent).toBe('No papers seen or starred in the last 12 weeks.');
    mount([]);
    expect(bars('seen')).toHaveLength(0);
  });

  it('rounds the scale up to 1, 2 or 5 × a power of ten', () => {
    expect([0, 1, 3, 7, 10, 11, 49, 51, 120].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 50, 100, 200]);
  });

  it('writes a large scale short, so that it fits the margin ("10K", not "10000" cut to "0000")', () => {
    mount([{ weekStart: weekOf(0), seen: 10_000, starred: 9_000 }]);
    const label = container.querySelector('svg text')!.textContent!;
    expect(label).toBe(formatScale(10_000));
    expect(label.length).toBeLessThanOrEqual(4);
    expect([500, 1_000, 20_000, 500_000].map(formatScale).every((text) => text.length <= 4)).toBe(true);
  });
});

describe("dates and numbers by the user's settings", () => {
  it('writes the scale short in any locale (German wrote "10.000", too long for the margin)', async () => {
    // A German browser: Intl's default locale is German.
    const NumberFormat = Intl.NumberFormat;
    vi.spyOn(Intl, 'NumberFormat').mockImplementation(function (locales?: string | string[], options?: Intl.NumberFormatOptions) {
      return new NumberFormat(locales ?? 'de-DE', options);
    } as typeof Intl.NumberFormat);
    vi.resetModules();
    const { formatScale: inGerman } = await import('../../popup/WeeklyChart');
    vi.restoreAllMocks();
    expect([10_000, 20_000, 500_000].map(inGerman).every((text) => text.length <= 4)).toBe(true);
  });

  it('dates rows by the time zone the computer is in now, not the one the popup opened in', () => {
    const zone = process.env.TZ;
    onTestFinished(() => void (zone === undefined ? delete process.env.TZ : (process.env.TZ = zone)));
    const time = Date.UTC(2024, 10, 4, 7); // Nov 3, 23:00 in Los Angeles; Nov 4, 08:00 in Berlin
    process.env.TZ = 'America/Los_Angeles';
    expect(formatDate(time)).toMatch(/Nov 3|3 Nov/);
    process.env.TZ = 'Europe/Berlin'; // flown to Berlin, the library tab left open
    expect(formatDate(time)).toMatch(/Nov 4|4 Nov/);
  });
});
