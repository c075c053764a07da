// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SeenTracker } from '../../content-scripts/lib/seen-tracker';

/** An IntersectionObserver the test drives by hand. */
class FakeIO {
  static last: FakeIO;
  targets = new Set<Element>();
  constructor(public callback: IntersectionObserverCallback) {
    FakeIO.last = this;
  }
  observe(el: Element) {
    this.targets.add(el);
  }
  unobserve(el: Element) {
    this.targets.delete(el);
  }
  disconnect() {
    this.targets.clear();
  }
  report(el: Element, visible: number, height: number) {
    const entry = { target: el, isIntersecting: visible > 0, intersectionRect: { height: visible }, boundingClientRect: { height } };
    this.callback([entry as unknown as IntersectionObserverEntry], this as unknown as IntersectionObserver);
  }
}

let seen: string[][];
let tracker: SeenTracker<string>;
const el = () => document.body.appendChild(document.createElement('div'));

beforeEach(() => {
  vi.useFakeTimers();
  seen = [];
  tracker = new SeenTracker(document, (keys) => seen.push(keys), { IntersectionObserver: FakeIO as unknown as typeof IntersectionObserver });
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
    FakeIO.last.report(a, 50, 100);
    FakeIO.last.report(b, 80, 100);
    vi.advanceTimersByTime(999);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(400);
    expect(seen).toEqual([['a', 'b']]);
    FakeIO.last.report(a, 100, 100);
    vi.advanceTimersByTime(2000);
    expect(seen).toEqual([['a', 'b']]);
    expect(FakeIO.last.targets.size).toBe(0);
  });

  it('does not count less than half, or less than a second', () => {
    const a = el();
    const b = el();
    tracker.track('a', [a]);
    tracker.track('b', [b]);
    FakeIO.last.report(a, 49, 100);
    FakeIO.last.report(b, 100, 100);
    vi.advanceTimersByTime(900);
    FakeIO.last.report(b, 0, 100);
    vi.advanceTimersByTime(5000);
    expect(seen).toEqual([]);
  });

  it('sums the parts of an entry (arXiv <dt> and <dd>)', () => {
    const dt = el();
    const dd = el();
    tracker.track('x', [dt, dd]);
    FakeIO.last.report(dt, 20, 20); // the one-line <dt> fully visible
    FakeIO.last.report(dd, 30, 80); // 30 of 80 px of the <dd>: 50 of 100 px in all
    vi.advanceTimersByTime(1500);
    expect(seen).toEqual([['x']]);
  });

  it('counts an entry taller than the viewport once half the viewport shows it', () => {
    const tall = el();
    tracker.track('tall', [tall]);
    const half = window.innerHeight / 2;
    FakeIO.last.report(tall, half, window.innerHeight * 3);
    vi.advanceTimersByTime(1500);
    expect(seen).toEqual([['tall']]);
  });

  it('does not count time while the tab is hidden', () => {
    const a = el();
    tracker.track('a', [a]);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    FakeIO.last.report(a, 100, 100);
    vi.advanceTimersByTime(3000);
    expect(seen).toEqual([]);
    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    vi.advanceTimersByTime(1500);
    expect(seen).toEqual([['a']]);
  });

  it('stops watching untracked entries', () => {
    const a = el();
    tracker.track('a', [a]);
    FakeIO.last.report(a, 100, 100);
    tracker.untrack([a]);
    vi.advanceTimersByTime(3000);
    expect(seen).toEqual([]);
    expect(FakeIO.last.targets.size).toBe(0);
  });
});
