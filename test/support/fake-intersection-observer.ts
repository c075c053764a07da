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
