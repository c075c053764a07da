// @vitest-environment jsdom
/**
 * The popup's page toggles against a page whose answers take a while (a listing still being read,
 * a cold worker): each click toggles from what the popup shows, and only the latest answer shows.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { expect, it } from 'vitest';
import type { PageView, PageViewChange } from '../../src/page-commands';
import type { ChangeKind, LibraryApi } from '../../popup/library-api';
import { PageStatus } from '../../popup/PageStatus';
import { settle } from '../support/settle';
import { renderTarget } from '../support/render-target';

const container = renderTarget();

const report = { site: 'arxiv', entries: 49, paperLinks: 0 };

/** A page answering each question only when the test says so; `state` is the page's real state. */
function slowPage() {
  const state = { orderedByRelevance: false, dismissed: 0, hidingDismissed: false, showingDismissed: false };
  const asked: PageViewChange[] = [];
  const pending: Array<() => void> = [];
  let listeners: Array<(ids: readonly string[] | null, kind: ChangeKind) => void> = [];
  const api = {
    pageView(change: PageViewChange = {}) {
      asked.push(change);
      // The page applies the command on arrival, and answers with the view at that moment, later.
      if (change.orderByRelevance !== undefined) state.orderedByRelevance = change.orderByRelevance;
      const view: PageView = { report, ...state };
      return new Promise<PageView>((resolve) => pending.push(() => resolve(view)));
    },
    subscribe(cb: (ids: readonly string[] | null, kind: ChangeKind) => void) {
      listeners.push(cb);
      return () => void (listeners = listeners.filter((l) => l !== cb));
    },
    fire: () => listeners.forEach((l) => l(['arxiv:1'], 'changed')),
  };
  return { api: api as unknown as LibraryApi & { fire(): void }, asked, pending, state };
}

const toggle = () => container.querySelector<HTMLButtonElement>('[data-paper-radar-action="order-by-relevance"]')!;

it('a double click on "Most relevant first" before the page answers toggles it on and off again', async () => {
  const page = slowPage();
  await act(async () => render(<PageStatus api={page.api} />, container));
  await act(async () => page.pending.shift()!());
  await settle(2);
  expect(toggle().getAttribute('aria-pressed')).toBe('false');
  await act(async () => toggle().click());
  await act(async () => toggle().click()); // before the first click's answer came
  for (const answer of page.pending.splice(0)) await act(async () => answer());
  await settle(2);
  const sent = page.asked.filter((c) => c.orderByRelevance !== undefined).map((c) => c.orderByRelevance);
  expect(sent).toEqual([true, false]);
  expect(page.state.orderedByRelevance).toBe(false);
  expect(toggle().getAttribute('aria-pressed')).toBe('false');
});

it("an older read's answer arriving late does not overwrite the toggle's answer", async () => {
  const page = slowPage();
  await act(async () => render(<PageStatus api={page.api} />, container));
  await act(async () => page.pending.shift()!());
  await settle(2);
  // A change elsewhere: the popup re-reads the page (answer held)...
  await act(async () => page.api.fire());
  // ...the user turns the order on; that answer comes first, the older read's after it.
  await act(async () => toggle().click());
  const [read, toggled] = page.pending.splice(0);
  await act(async () => toggled!());
  await act(async () => read!());
  await settle(2);
  expect(page.state.orderedByRelevance).toBe(true); // the page is ordered...
  expect(toggle().getAttribute('aria-pressed')).toBe('true'); // ...and the popup should say so
});
