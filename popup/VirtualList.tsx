/**
 * A windowed list: of `items` (10,000 papers, say) it renders only the rows in view plus
 * `overscan` on each side, absolutely placed inside a spacer as tall as all rows together, so
 * the scrollbar behaves as if every row were there.
 *
 * Rows have one fixed height. Variable heights would mean rendering rows to measure them (or
 * guessing and correcting while scrolling, which makes the thumb jump); a fixed height makes
 * "which rows are in view" one division, and the popup's rows are laid out to a fixed height
 * anyway (title clamped to two lines).
 *
 * Height: a number of pixels, or 'fill' (the default): the list takes the free space of its
 * flex-column parent (flex: 1; min-height: 0) and follows its size with a ResizeObserver. Where
 * there is none, or the element has no layout (jsdom), it assumes the window's height — more
 * rows than needed at worst.
 *
 * Accessibility: role="list" with role="listitem" rows carrying aria-setsize / aria-posinset,
 * so a screen reader announces "item 5 of 10,000" although only ~20 rows exist in the DOM. Not
 * listbox/option: rows contain links and buttons, and an option may not contain interactive
 * elements. Which row is active (keyboard navigation) is the caller's to convey (e.g. by focusing
 * its link); the list keeps that row scrolled into view and marks it with data-active.
 */
import type { VNode } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps<T> {
  items: readonly T[];
  /** Every row's height in pixels. */
  rowHeight: number;
  /** Pixels, or 'fill' (default): the free space of a flex-column parent. */
  height?: number | 'fill';
  /** Rows rendered beyond each edge of the view, so fast scrolling shows no blank rows. */
  overscan?: number;
  renderRow: (item: T, index: number) => VNode;
  getKey: (item: T) => string;
  /** The row kept in view: when it (or `listKey`) changes, the list scrolls just enough to show it. */
  activeIndex?: number;
  /**
   * Which list this is (a view, a search): when it changes, the active row is brought into view
   * again. A list merely updated (a paper marked, papers arriving) keeps its scroll position:
   * the user may have scrolled away from the active row with the mouse.
   */
  listKey?: string;
  /** The list's accessible name. */
  label?: string;
  class?: string;
}

/** When nothing can be measured: the window's height, or this. */
const FALLBACK_HEIGHT = 600;

export function VirtualList<T>({ items, rowHeight: rowHeightProp, height = 'fill', overscan = 4, renderRow, getKey, activeIndex, listKey, label, class: className }: VirtualListProps<T>) {
  const rowHeight = Math.max(1, rowHeightProp); // a row of 0 px would make every row "in view"
  const container = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [measured, setMeasured] = useState<number | null>(null);
  const viewport = typeof height === 'number' ? height : (measured ?? fallbackHeight());

  // Follow the container's size when it fills its parent.
  useLayoutEffect(() => {
    const element = container.current;
    if (height !== 'fill' || !element) return;
    const measure = () => setMeasured(element.clientHeight > 0 ? element.clientHeight : null);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [height]);

  // Keep the active row in view when it or the list changes (a new search puts row 0 back at
  // the top) — not on every render, nor when the same list is updated: the user may have
  // scrolled away with the mouse since.
  useLayoutEffect(() => {
    const element = container.current;
    if (!element || activeIndex === undefined || activeIndex < 0 || activeIndex >= items.length) return;
    const top = activeIndex * rowHeight;
    const bottom = top + rowHeight;
    let next = element.scrollTop;
    if (top < next) next = top;
    else if (bottom > next + viewport) next = bottom - viewport;
    if (next !== element.scrollTop) element.scrollTop = next;
    // Set the state too: the scroll event comes later (or never, in jsdom).
    setScrollTop(next);
  }, [activeIndex, listKey]);

  const total = items.length * rowHeight;
  // After the list shrinks, the old scroll position may be past its end.
  const top = Math.max(0, Math.min(scrollTop, total - viewport));
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((top + viewport) / rowHeight) + overscan);

  const rows: VNode[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i]!;
    rows.push(
      <div
        key={getKey(item)}
        role="listitem"
        aria-setsize={items.length}
        aria-posinset={i + 1}
        data-active={i === activeIndex ? 'true' : undefined}
        class="virtual-row"
        style={{ position: 'absolute', top: `${i * rowHeight}px`, left: 0, right: 0, height: `${rowHeight}px` }}
      >
        {renderRow(item, i)}
      </div>,
    );
  }

  return (
    <div
      ref={container}
      class={className ? `virtual-list ${className}` : 'virtual-list'}
      style={height === 'fill' ? { flex: '1 1 0', minHeight: 0, overflowY: 'auto' } : { height: `${height}px`, overflowY: 'auto' }}
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
    >
      <div role="list" aria-label={label} style={{ position: 'relative', height: `${total}px` }}>
        {rows}
      </div>
    </div>
  );
}

function fallbackHeight(): number {
  return typeof window !== 'undefined' && window.innerHeight > 0 ? window.innerHeight : FALLBACK_HEIGHT;
}
