/** An IntersectionObserver that tests drive by hand: `report(el, visiblePx, heightPx)`. */
export class FakeIntersectionObserver {
  static last: FakeIntersectionObserver;
  targets = new Set<Element>();

  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeIntersectionObserver.last = this;
  }

  observe(el: Element): void {
    this.targets.add(el);
  }

  unobserve(el: Element): void {
    this.targets.delete(el);
  }

  disconnect(): void {
    this.targets.clear();
  }

  report(el: Element, visible: number, height: number): void {
    const entry = { target: el, isIntersecting: visible > 0, intersectionRect: { height: visible }, boundingClientRect: { height } };
    this.callback([entry as unknown as IntersectionObserverEntry], this as unknown as IntersectionObserver);
  }
}

export const FakeIO = FakeIntersectionObserver as unknown as typeof IntersectionObserver;

/**
 * An IntersectionObserver that reports as the browser does: an element only when its visible
 * share crosses one of the observer's thresholds (or it starts or stops intersecting), from a
 * layout the test sets (each element's top and height in page pixels) and a scroll position;
 * `check()` is the browser's step before each frame.
 */
export class ScrollingIntersectionObserver {
  static last: ScrollingIntersectionObserver;
  static readonly layout = new Map<Element, { top: number; height: number }>();
  static scrollY = 0;
  private readonly thresholds: number[];
  private readonly reported = new Map<Element, { step: number; intersecting: boolean } | null>();

  constructor(
    private readonly callback: IntersectionObserverCallback,
    options: IntersectionObserverInit = {},
  ) {
    const threshold = options.threshold ?? 0;
    this.thresholds = (Array.isArray(threshold) ? [...threshold] : [threshold]).sort((a, b) => a - b);
    ScrollingIntersectionObserver.last = this;
  }

  observe(el: Element): void {
    if (!this.reported.has(el)) this.reported.set(el, null);
  }

  unobserve(el: Element): void {
    this.reported.delete(el);
  }

  disconnect(): void {
    this.reported.clear();
  }

  check(): void {
    const viewport = window.innerHeight;
    const records: unknown[] = [];
    for (const [el, last] of this.reported) {
      const { top, height } = ScrollingIntersectionObserver.layout.get(el)!;
      const onScreen = top - ScrollingIntersectionObserver.scrollY;
      const visible = Math.max(0, Math.min(onScreen + height, viewport) - Math.max(onScreen, 0));
      const intersecting = onScreen <= viewport && onScreen + height >= 0;
      const ratio = height > 0 ? visible / height : Number(intersecting);
      const step = intersecting ? this.thresholds.filter((t) => t <= ratio).length : 0;
      if (last && last.step === step && last.intersecting === intersecting) continue;
      this.reported.set(el, { step, intersecting });
      records.push({ target: el, isIntersecting: intersecting, intersectionRect: { height: visible }, boundingClientRect: { height } });
    }
    if (records.length > 0) this.callback(records as IntersectionObserverEntry[], this as unknown as IntersectionObserver);
  }
}
