/**
 * Decides when an entry has been seen: at least half of it visible in the viewport for at least
 * `dwellMs` (1 s) while the tab is visible. An entry can span several elements (arXiv's <dt> and
 * <dd>); its visible share is summed over them. An entry taller than twice the viewport can never
 * be half visible, so half a viewport's height of it counts too.
 */
export interface SeenTrackerOptions {
  dwellMs?: number;
  /** Seen entries are reported in batches, at most this long after they were seen. */
  flushMs?: number;
  /** For tests: the IntersectionObserver constructor. */
  IntersectionObserver?: typeof IntersectionObserver;
}

interface Tracked<K> {
  key: K;
  elements: Element[];
  visible: Map<Element, { visible: number; height: number }>;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * The browser reports an element only when its visible share crosses one of these, and the
 * tracker sums what each element's last report said. In tenths, an entry's <dd> more than half a
 * viewport tall kept the share of its last crossing while it scrolled on (its next tenth out of
 * reach in that window): with its <dt> gone off the top, an entry well over half visible summed to
 * just under half, at 18 of 20 stops for an entry 1.8 viewports tall, and stayed "new". In
 * hundredths the sum is never more than 1 % of an element's height behind.
 */
const THRESHOLDS = Array.from({ length: 101 }, (_, i) => i / 100);

export class SeenTracker<K> {
  private readonly byElement = new Map<Element, Tracked<K>>();
  private readonly observer: IntersectionObserver;
  private readonly dwellMs: number;
  private readonly flushMs: number;
  private pending: K[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly onVisibilityChange = () => {
    this.rearmAll();
    // The user is leaving (another tab, a link followed in this one): what was seen goes now,
    // not after a batching delay that a page being unloaded never reaches.
    if (this.doc.visibilityState === 'hidden') this.flush();
  };
  private readonly onPageHide = () => this.flush();

  constructor(
    private readonly doc: Document,
    private readonly onSeen: (keys: K[]) => void,
    options: SeenTrackerOptions = {},
  ) {
    this.dwellMs = options.dwellMs ?? 1000;
    this.flushMs = options.flushMs ?? 300;
    const IO = options.IntersectionObserver ?? globalThis.IntersectionObserver;
    this.observer = new IO((records) => this.update(records), { threshold: THRESHOLDS });
    doc.addEventListener('visibilitychange', this.onVisibilityChange);
    doc.defaultView?.addEventListener('pagehide', this.onPageHide);
  }

  track(key: K, elements: Element[]): void {
    const tracked: Tracked<K> = { key, elements, visible: new Map(), timer: null };
    for (const el of elements) {
      this.byElement.set(el, tracked);
      this.observer.observe(el);
    }
  }

  /** Whether an entry is watched (not seen yet, nor untracked). */
  watching(elements: readonly Element[]): boolean {
    return elements.some((el) => this.byElement.has(el));
  }

  /** Stops watching an entry (e.g. it left the page). */
  untrack(elements: Element[]): void {
    const tracked = elements.map((el) => this.byElement.get(el)).find(Boolean);
    if (tracked) this.stop(tracked);
  }

  disconnect(): void {
    this.observer.disconnect();
    for (const tracked of new Set(this.byElement.values())) if (tracked.timer) clearTimeout(tracked.timer);
    this.byElement.clear();
    this.doc.removeEventListener('visibilitychange', this.onVisibilityChange);
    this.doc.defaultView?.removeEventListener('pagehide', this.onPageHide);
    this.flush();
  }

  private update(records: IntersectionObserverEntry[]): void {
    const changed = new Set<Tracked<K>>();
    for (const record of records) {
      const tracked = this.byElement.get(record.target);
      if (!tracked) continue;
      tracked.visible.set(record.target, {
        visible: record.isIntersecting ? record.intersectionRect.height : 0,
        height: record.boundingClientRect.height,
      });
      changed.add(tracked);
    }
    for (const tracked of changed) this.arm(tracked);
  }

  private isHalfVisible(tracked: Tracked<K>): boolean {
    let visible = 0;
    let height = 0;
    for (const v of tracked.visible.values()) {
      visible += v.visible;
      height += v.height;
    }
    if (visible <= 0) return false;
    const viewport = this.doc.defaultView?.innerHeight ?? Infinity;
    // Only an entry that can never be half visible counts by the viewport (one up to twice its height can).
    return visible >= 0.5 * height || (height > 2 * viewport && visible >= 0.5 * viewport);
  }

  private arm(tracked: Tracked<K>): void {
    const visible = this.isHalfVisible(tracked) && this.doc.visibilityState !== 'hidden';
    if (visible && !tracked.timer) {
      tracked.timer = setTimeout(() => this.seen(tracked), this.dwellMs);
    } else if (!visible && tracked.timer) {
      clearTimeout(tracked.timer);
      tracked.timer = null;
    }
  }

  private rearmAll(): void {
    for (const tracked of new Set(this.byElement.values())) this.arm(tracked);
  }

  private seen(tracked: Tracked<K>): void {
    tracked.timer = null;
    this.stop(tracked);
    this.pending.push(tracked.key);
    this.flushTimer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  private stop(tracked: Tracked<K>): void {
    if (tracked.timer) clearTimeout(tracked.timer);
    for (const el of tracked.elements) {
      this.observer.unobserve(el);
      this.byElement.delete(el);
    }
  }

  /** Reports the entries seen and not reported yet, now (not after the batching delay). */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.pending.length === 0) return;
    const keys = this.pending;
    this.pending = [];
    this.onSeen(keys);
  }
}
