// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SeenTracker } from '../../content-scripts/lib/seen-tracker';
import { FakeIntersectionObserver, FakeIO, ScrollingIntersectionObserver } from '../support/fake-intersection-observer';

let seen: string[][];
let tracker: SeenTracker<string>;
const el = () => document.body.appendChild(document.createElement('div'));

beforeEach(() => {
  vi.useFakeTimers();
  seen = [];
  tracker = new SeenTracker(document, (keys) => seen.push(keys), { IntersectionObserver: FakeIO });
});
afterEach(() => {
  tracker.disconnect();
  vi.useRealTimers();
});

describe('SeenTracker', () => {
  it('reports an entry half visible for a second, once, in a batch', () => {
    const a = el();
    const b = el();
    tracker.track('a', [a]);
    tracker.track('b', [b]);
    FakeIntersectionObserver.last.report(a, 50, 100);
    FakeIntersectionObserver.last.report(b, 80, 100);
    vi.advanceTimersByTime(999);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(400);
    expect(seen).toEqual([['a', 'b']]);
    FakeIntersectionObserver.last.report(a, 100, 100);
    vi.advanceTimersByTime(2000);
    expect(seen).toEqual([['a', 'b']]);
    expect(FakeIntersectionObserver.last.targets.size).toBe(0);
  });

  it('does not count less than half, or less than a second', () => {
    const a = el();
    const b = el();
    tracker.track('a', [a]);
    tracker.track('b', [b]);
    FakeIntersectionObserver.last.report(a, 49, 100);
    FakeIntersectionObserver.last.report(b, 100, 100);
    vi.advanceTimersByTime(900);
    FakeIntersectionObserver.last.report(b, 0, 100);
    vi.advanceTimersByTime(5000);
    expect(seen).toEqual([]);
  });

  it('sums the parts of an entry (arXiv <dt> and <dd>)', () => {
    const dt = el();
    const dd = el();
    tracker.track('x', [dt, dd]);
    FakeIntersectionObserver.last.report(dt, 20, 20); // the one-line <dt> fully visible
    FakeIntersectionObserver.last.report(dd, 30, 80); // 30 of 80 px of the <dd>: 50 of 100 px in all
    vi.advanceTimersByTime(1500);
    expect(seen).toEqual([['x']]);
  });

  it('counts an entry more than twice as tall as the viewport (never half visible) once half the viewport shows it', () => {
    const tall = el();
    tracker.track('tall', [tall]);
    const half = window.innerHeight / 2;
    FakeIntersectionObserver.last.report(tall, half, window.innerHeight * 3);
    vi.advanceTimersByTime(1500);
    expect(seen).toEqual([['tall']]);
  });

  it('counts an entry up to twice as tall as the viewport only once half of it shows', () => {
    const long = el();
    tracker.track('long', [long]);
    const viewport = window.innerHeight;
    // 1.5 viewports tall: half a viewport of it on screen is a third of it.
    FakeIntersectionObserver.last.report(long, viewport * 0.5, viewport * 1.5);
    vi.advanceTimersByTime(3000);
    expect(seen).toEqual([]);
    FakeIntersectionObserver.last.report(long, viewport * 0.75, viewport * 1.5);
    vi.advanceTimersByTime(1500);
    expect(seen).toEqual([['long']]);
  });

  it('does not count time while the tab is hidden', () => {
    const a = el();
    tracker.track('a', [a]);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    FakeIntersectionObserver.last.report(a, 100, 100);
    vi.advanceTimersByTime(3000);
    expect(seen).toEqual([]);
    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(1500);
    expect(seen).toEqual([['a']]);
  });

  it('reports what was seen at once when the user leaves: the tab hidden, or the page unloaded', () => {
    const a = el();
    const b = el();
    tracker.track('a', [a]);
    tracker.track('b', [b]);
    FakeIntersectionObserver.last.report(a, 100, 100);
    vi.advanceTimersByTime(1000); // seen; its batch not yet sent
    expect(seen).toEqual([]);
    window.dispatchEvent(new Event('pagehide'));
    expect(seen).toEqual([['a']]);

    FakeIntersectionObserver.last.report(b, 100, 100);
    vi.advanceTimersByTime(1000);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    visibility.mockRestore();
    expect(seen).toEqual([['a'], ['b']]);
    vi.advanceTimersByTime(5000);
    expect(seen).toEqual([['a'], ['b']]);
  });

  it('stops watching untracked entries', () => {
    const a = el();
    tracker.track('a', [a]);
    FakeIntersectionObserver.last.report(a, 100, 100);
    tracker.untrack([a]);
    vi.advanceTimersByTime(3000);
    expect(seen).toEqual([]);
    expect(FakeIntersectionObserver.last.targets.size).toBe(0);
  });
});

describe('SeenTracker, reported as the browser reports (at its thresholds only)', () => {
  const io = ScrollingIntersectionObserver;
  const V = () => window.innerHeight;
  let scrolling: SeenTracker<string>;
  beforeEach(() => {
    io.layout.clear();
    io.scrollY = 0;
    scrolling = new SeenTracker(document, (keys) => seen.push(keys), { IntersectionObserver: io as unknown as typeof IntersectionObserver });
  });
  afterEach(() => scrolling.disconnect());
  const element = (top: number, height: number) => {
    const made = el();
    io.layout.set(made, { top, height });
    return made;
  };
  /** Scrolls to `to` a few pixels a frame, as a wheel or a smooth scroll does. */
  const scrollTo = async (to: number, step = 8) => {
    while (io.scrollY !== to) {
      io.scrollY = io.scrollY < to ? Math.min(to, io.scrollY + step) : Math.max(to, io.scrollY - step);
      io.last.check();
      await vi.advanceTimersByTimeAsync(16);
    }
  };

  it.each([1.2, 1.5, 1.8, 1.95])('an arXiv entry %f viewports tall (a narrow window), read with its first line above the window, counts as seen', async (tall) => {
    const top = 2 * V();
    const dt = element(top, 30);
    const dd = element(top + 30, Math.round(tall * V()) - 30);
    scrolling.track('entry', [dt, dd]);
    io.last.check();
    // Down until its <dt> is just off the top: the window shows only the <dd>, over half the entry.
    await scrollTo(top + 40);
    expect(Math.min(V(), top + tall * V() - io.scrollY) / (tall * V())).toBeGreaterThan(0.5);
    await vi.advanceTimersByTimeAsync(1_500);
    await vi.advanceTimersByTimeAsync(400); // the batch
    expect(seen).toEqual([['entry']]);
  });

  it('an entry that fills the window, far taller than it, counts once half a viewport of it is on screen', async () => {
    const tall = element(2 * V(), 11 * V());
    scrolling.track('tall', [tall]);
    io.last.check();
    await scrollTo(5 * V(), 32);
    await vi.advanceTimersByTimeAsync(1_900);
    expect(seen).toEqual([['tall']]);
  });
});
