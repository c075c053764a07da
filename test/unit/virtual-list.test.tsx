// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { VirtualList } from '../../popup/VirtualList';
import { renderTarget } from '../support/render-target';

const ROW = 50;
const items = Array.from({ length: 10_000 }, (_, i) => ({ id: `p${i}`, title: `Paper ${i}` }));
type Item = (typeof items)[number];

const container = renderTarget();

function mount(props: { activeIndex?: number; height?: number | 'fill'; list?: readonly Item[] } = {}) {
  act(() => {
    render(
      <VirtualList
        items={props.list ?? items}
        rowHeight={ROW}
        height={props.height ?? 500}
        overscan={3}
        activeIndex={props.activeIndex}
        label="Papers"
        getKey={(item: Item) => item.id}
        renderRow={(item: Item) => (
          <span class="title">
            {item.title} <button type="button">Star</button>
          </span>
        )}
      />,
      container,
    );
  });
}

const scroller = () => container.querySelector<HTMLElement>('.virtual-list')!;
const rows = () => [...container.querySelectorAll<HTMLElement>('[role="listitem"]')];
const shownTitles = () => rows().map((r) => r.querySelector('.title')!.firstChild!.textContent);

function scrollTo(top: number) {
  act(() => {
    scroller().scrollTop = top;
    scroller().dispatchEvent(new Event('scroll'));
  });
}

describe('VirtualList', () => {
  it('renders only the rows in view plus overscan, in a spacer as tall as every row', () => {
    mount();
    // 500 px / 50 px = 10 rows in view, + 3 overscan below (none above at the top).
    expect(rows()).toHaveLength(13);
    expect(shownTitles()[0]).toBe('Paper 0');
    const list = container.querySelector<HTMLElement>('[role="list"]')!;
    expect(list.style.height).toBe(`${10_000 * ROW}px`);
    expect(list.getAttribute('aria-label')).toBe('Papers');
    expect(rows()[4]!.style.top).toBe(`${4 * ROW}px`);
  });

  it('tells assistive technology each row position in the whole list', () => {
    mount();
    scrollTo(1_000 * ROW);
    const row = rows().find((r) => r.textContent!.startsWith('Paper 1000 '))!;
    expect(row.getAttribute('aria-setsize')).toBe('10000');
    expect(row.getAttribute('aria-posinset')).toBe('1001');
  });

  it('renders other rows when scrolled', () => {
    mount();
    scrollTo(5_000 * ROW + 20);
    const titles = shownTitles();
    // Rows 4997 … 5013: 3 overscan above, 11 partly or wholly in view, 3 below.
    expect(titles[0]).toBe('Paper 4997');
    expect(titles.at(-1)).toBe('Paper 5013');
    expect(rows().length).toBeLessThanOrEqual(10 + 1 + 2 * 3);
    scrollTo(10_000 * ROW); // past the end: the last rows
    expect(shownTitles().at(-1)).toBe('Paper 9999');
  });

  it('scrolls the active row into view when it changes, and only as far as needed', () => {
    mount({ activeIndex: 0 });
    mount({ activeIndex: 7_500 });
    expect(shownTitles()).toContain('Paper 7500');
    // The row is at the bottom edge: scrolled just enough.
    expect(scroller().scrollTop).toBe(7_501 * ROW - 500);
    expect(container.querySelector('[data-active="true"]')!.textContent).toContain('Paper 7500');
    // Moving up by one within the view does not scroll.
    mount({ activeIndex: 7_499 });
    expect(scroller().scrollTop).toBe(7_501 * ROW - 500);
    // Above the view: the row goes to the top.
    mount({ activeIndex: 100 });
    expect(scroller().scrollTop).toBe(100 * ROW);
    expect(shownTitles()).toContain('Paper 100');
  });

  it('shows the first rows again when the items are replaced by a shorter list', () => {
    mount({ activeIndex: 0 });
    scrollTo(9_000 * ROW);
    mount({ activeIndex: 0, list: items.slice(0, 5) });
    expect(shownTitles()).toEqual(['Paper 0', 'Paper 1', 'Paper 2', 'Paper 3', 'Paper 4']);
  });

  it("fills its parent: without a measurable size (jsdom, no ResizeObserver) it assumes the window's height", () => {
    mount({ height: 'fill' });
    expect(scroller().style.minHeight).toBe('0px');
    const expected = Math.ceil(window.innerHeight / ROW) + 3;
    expect(rows()).toHaveLength(expected);
  });

  it('follows its size with a ResizeObserver where there is one', () => {
    let height = 200;
    const observers: Array<() => void> = [];
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(private readonly callback: () => void) {}
        observe() {
          observers.push(this.callback);
        }
        disconnect() {}
      },
    );
    const clientHeight = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
      return this.classList.contains('virtual-list') ? height : 0;
    });
    try {
      mount({ height: 'fill' });
      expect(rows()).toHaveLength(200 / ROW + 3);
      height = 1_000;
      act(() => observers.forEach((notify) => notify()));
      expect(rows()).toHaveLength(1_000 / ROW + 3);
    } finally {
      clientHeight.mockRestore();
      vi.unstubAllGlobals();
    }
  });
});
