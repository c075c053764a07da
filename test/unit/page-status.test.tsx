// @vitest-environment jsdom
/**
 * The popup's line about the active tab. Its toggles against a page whose answers take a while (a
 * listing still being read, a cold worker): each click toggles from what the popup shows, and only
 * the latest answer shows. A page whose script has not started yet is asked again; the tab asked is
 * the active one unless the popup's address names another.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { PageView, PageViewChange } from '../../src/page-commands';
import type { ChangeKind, LibraryApi } from '../../popup/library-api';
import { PageStatus } from '../../popup/PageStatus';
import { settle, until } from '../support/settle';
import { renderTarget } from '../support/render-target';
import { accessibleName } from '../support/accessible-name';

const container = renderTarget();

/** The `browser` the popup's real API (popup/extension-api.ts) is given; only its tab questions matter here. */
const fake = vi.hoisted(() => ({ askedTabs: [] as number[] }));
vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { id: 'paper-radar-test', onMessage: { addListener() {}, removeListener() {} } },
    storage: { onChanged: { addListener() {}, removeListener() {} } },
    tabs: {
      query: async () => [{ id: 42 }],
      async sendMessage(tabId: number) {
        fake.askedTabs.push(tabId);
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    },
  },
}));

const report = { site: 'arxiv', entries: 49, paperLinks: 0 };

/** A page answering each question only when the test says so; `state` is the page's real state. */
function slowPage() {
  const state = { orderedByRelevance: false, scored: true, dismissed: 0, hidingDismissed: false, showingDismissed: false };
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

/** A page whose content script starts answering from its `answersFrom`-th question (1-based). */
function loadingPage(answersFrom: number) {
  let asked = 0;
  const api = {
    pageView: async () => (++asked >= answersFrom ? ({ report, orderedByRelevance: false, scored: true, dismissed: 0, hidingDismissed: false, showingDismissed: false } satisfies PageView) : null),
    subscribe: () => () => {},
  };
  return { api: api as unknown as LibraryApi, asked: () => asked };
}

it('a popup opened while the page is still loading asks again until its script answers', async () => {
  const page = loadingPage(3);
  await act(async () => render(<PageStatus api={page.api} retryMs={[10, 20, 40]} />, container));
  await until(() => container.textContent!.includes('49 papers on this page'), 2_000);
  expect(container.textContent).toContain('49 papers on this page');
  expect(page.asked()).toBe(3);
  await settle(20); // answered: not asked again
  expect(page.asked()).toBe(3);
});

it('a tab Paper Radar does not run on is asked a few times, then no more; nor after the popup closes', async () => {
  const silent = loadingPage(Infinity);
  await act(async () => render(<PageStatus api={silent.api} retryMs={[5, 5, 5]} />, container));
  await until(() => silent.asked() === 4, 2_000);
  await settle(20);
  expect(silent.asked()).toBe(4); // the first question and three more
  expect(container.textContent).toBe('');

  const closed = loadingPage(Infinity);
  await act(async () => render(<PageStatus api={closed.api} retryMs={[30, 30]} />, container));
  await settle(1);
  await act(async () => render(null, container));
  await settle(20);
  expect(closed.asked()).toBe(1);
});

it("asks the active tab unless the popup's address names another (an empty or malformed ?tab= names none)", async () => {
  const { extensionApi } = await import('../../popup/extension-api');
  const setUrl = (url: string) => (globalThis as unknown as { jsdom: { reconfigure(options: { url: string }): void } }).jsdom.reconfigure({ url });
  const tabAsked = async (query: string) => {
    setUrl(`chrome-extension://paper-radar-test/popup/index.html${query}`);
    fake.askedTabs.length = 0;
    expect(await extensionApi({ isLibraryPage: false }).pageView()).toBeNull(); // no content script answers here
    return fake.askedTabs;
  };
  expect(await tabAsked('')).toEqual([42]);
  expect(await tabAsked('?tab=7')).toEqual([7]);
  for (const malformed of ['?tab=', '?tab=abc', '?tab=-1', '?tab=1e3', '?tab=%207']) expect(await tabAsked(malformed), malformed).toEqual([42]);
  setUrl('http://localhost:3000/');
});

describe('which toggles are offered, and how they are named', () => {
  /** A page answering at once with `view` (changed as the toggles change it). */
  function page(view: Partial<PageView>) {
    const state: PageView = { report, orderedByRelevance: false, scored: true, dismissed: 2, hidingDismissed: true, showingDismissed: false, ...view };
    const api = {
      async pageView(change: PageViewChange = {}) {
        if (change.orderByRelevance !== undefined) state.orderedByRelevance = change.orderByRelevance;
        if (change.showDismissed !== undefined) state.showingDismissed = change.showDismissed;
        return { ...state };
      },
      subscribe: () => () => {},
    };
    return api as unknown as LibraryApi;
  }
  const dismissedToggle = () => container.querySelector<HTMLButtonElement>('[data-paper-radar-action="show-dismissed"]');

  it('a toggle keeps one name, its state told by aria-pressed (the ✓ is for the eye)', async () => {
    await act(async () => render(<PageStatus api={page({})} />, container));
    await settle(2);
    const names = () => [toggle(), dismissedToggle()!].map((b) => accessibleName(b));
    expect(names()).toEqual(['Most relevant first', 'Show 2 dismissed']);
    await act(async () => toggle().click());
    await act(async () => dismissedToggle()!.click());
    await settle(2);
    expect([toggle(), dismissedToggle()!].map((b) => b.getAttribute('aria-pressed'))).toEqual(['true', 'true']);
    expect(names()).toEqual(['Most relevant first', 'Show 2 dismissed']);
    expect(toggle().textContent).toBe('Most relevant first ✓');
  });

  it('"Most relevant first" only where there is something to order: not with no scores (no interests, no stars), nor on a page of one paper', async () => {
    await act(async () => render(<PageStatus api={page({ scored: false })} />, container));
    await settle(2);
    expect(container.textContent).toContain('49 papers on this page');
    expect(container.querySelector('[data-paper-radar-action="order-by-relevance"]')).toBeNull();
    await act(async () => render(null, container));
    await act(async () => render(<PageStatus api={page({ report: { site: 'arxiv', entries: 1, paperLinks: 0 } })} />, container));
    await settle(2);
    expect(container.textContent).toContain('1 paper on this page');
    expect(container.querySelector('[data-paper-radar-action="order-by-relevance"]')).toBeNull();
    // On, it stays offered, to be turned off.
    await act(async () => render(null, container));
    await act(async () => render(<PageStatus api={page({ scored: false, orderedByRelevance: true })} />, container));
    await settle(2);
    expect(toggle().getAttribute('aria-pressed')).toBe('true');
  });
});
