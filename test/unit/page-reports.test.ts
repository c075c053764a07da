/**
 * The popup's line about the active tab: the real worker (src/background/index.ts) keeps each
 * tab's page report, and the popup's API (popup/extension-api.ts) shows it only while the tab's
 * page still runs our content script, over a fake `browser` whose storage, tab events and
 * messages go where the browser's would.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { SEEN_NOTICE } from '../../src/changes';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => unknown;

function eventfulBrowser() {
  const maps = { local: new Map<string, unknown>(), session: new Map<string, unknown>(), sync: new Map<string, unknown>() };
  const listeners = { storage: [] as Listener[], message: [] as Listener[], removed: [] as Listener[] };
  /** What each tab's content script answers the popup's pageView; a tab missing here runs none. */
  const pages = new Map<number, Listener>();
  const event = (list: Listener[]) => ({ addListener: (l: Listener) => void list.push(l), removeListener() {}, hasListener: () => false });
  const area = (name: keyof typeof maps) => {
    const m = maps[name];
    return {
      async get(keys?: string | string[] | null) {
        if (keys === null || keys === undefined) return Object.fromEntries(m);
        const list = typeof keys === 'string' ? [keys] : keys;
        return Object.fromEntries(list.filter((k) => m.has(k)).map((k) => [k, structuredClone(m.get(k))]));
      },
      async set(items: Record<string, unknown>) {
        const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
        for (const [k, v] of Object.entries(items)) {
          changes[k] = { oldValue: m.get(k), newValue: structuredClone(v) };
          m.set(k, structuredClone(v));
        }
        for (const l of listeners.storage) l(changes, name);
      },
      async remove(keys: string | string[]) {
        const changes: Record<string, { oldValue?: unknown }> = {};
        for (const k of typeof keys === 'string' ? [keys] : keys) {
          if (m.has(k)) changes[k] = { oldValue: m.get(k) };
          m.delete(k);
        }
        for (const l of listeners.storage) l(changes, name);
      },
    };
  };
  const browser = {
    storage: { local: area('local'), session: area('session'), sync: area('sync'), onChanged: event(listeners.storage) },
    tabs: {
      onRemoved: event(listeners.removed),
      // The active tab, or every tab (its id alone, as without the "tabs" permission).
      query: async (which: { active?: boolean }) => (which.active ? [{ id: activeTab.id }] : [...openTabs].map((id) => ({ id }))),
      async sendMessage(tabId: number, message: unknown) {
        const page = pages.get(tabId);
        if (!page) throw new Error('Could not establish connection. Receiving end does not exist.');
        return page(structuredClone(message), { id: 'paper-radar-test' });
      },
    },
    runtime: {
      id: 'paper-radar-test',
      getURL: (path: string) => `chrome-extension://paper-radar-test/${path}`,
      onInstalled: event([]),
      onMessage: event(listeners.message),
      // The popup's requests reach the worker (it hears no notices of its own).
      sendMessage: (message: unknown) => (isNotice(message) ? Promise.resolve(undefined) : sendAs(popup, message)),
    },
  };
  const activeTab = { id: 7 };
  const openTabs = new Set([7, 8, 9]);
  async function sendAs(sender: Runtime.MessageSender, message: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const listener = listeners.message[0];
    if (!listener) throw new Error('no onMessage listener');
    return listener(structuredClone(message), sender);
  }
  const popup: Runtime.MessageSender = { id: 'paper-radar-test', url: 'chrome-extension://paper-radar-test/popup/index.html' };
  const tab = (id: number, url = 'https://arxiv.org/list/cs.LG/new'): Runtime.MessageSender => ({ id: 'paper-radar-test', url, tab: { id, incognito: false } as never, frameId: 0 });
  return { browser, listeners, pages, activeTab, openTabs, sendAs, popup, tab };
}

const isNotice = (message: unknown) => typeof message === 'object' && message !== null && (message as { type?: unknown }).type === SEEN_NOTICE;

const fake = vi.hoisted(() => ({ current: null as ReturnType<typeof eventfulBrowser> | null }));
vi.mock('webextension-polyfill', () => ({
  get default() {
    return fake.current!.browser;
  },
}));

async function startWorker() {
  fake.current = eventfulBrowser();
  vi.resetModules();
  vi.stubGlobal('location', new URL('chrome-extension://paper-radar-test/popup/index.html'));
  await import('../../src/background/index');
  const popupApi = (await import('../../popup/extension-api')).extensionApi({ isLibraryPage: false });
  return { ...fake.current, popupApi };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  vi.unstubAllGlobals();
  await new Promise<void>((resolve, reject) => {
    const r = indexedDB.deleteDatabase('paper-radar');
    r.onsuccess = () => resolve();
    r.onerror = () => reject(r.error);
    r.onblocked = () => resolve();
  });
});

/** A listing's content script, answering the popup's pageView as content-scripts/main.ts does. */
const listingPage = () => Promise.resolve({ orderedByRelevance: false, hidingDismissed: false, showingDismissed: false, dismissed: 0 });
const fifty = { type: 'reportPage', site: 'arxiv', entries: 50, paperLinks: 0 } as const;

describe("a tab's page report (the popup's line about the active tab)", () => {
  it('is shown while the listing that sent it is the tab\'s page', async () => {
    const w = await startWorker();
    w.pages.set(7, listingPage);
    expect(await w.sendAs(w.tab(7), fifty)).toEqual({ ok: true });
    expect(await w.popupApi.pageReport()).toEqual({ site: 'arxiv', entries: 50, paperLinks: 0 });
  });

  it('is not shown once the tab has left that page for one Paper Radar does not run on', async () => {
    const w = await startWorker();
    w.pages.set(7, listingPage);
    await w.sendAs(w.tab(7), fifty);
    // The user follows a link in that tab to another site: no content script there, so nothing
    // replaces the report, and the worker (not woken by every tab's loads) still holds it.
    w.pages.delete(7);
    expect(await w.sendAs(w.popup, { type: 'getPageReport', tabId: 7 })).toEqual({ report: { site: 'arxiv', entries: 50, paperLinks: 0 } });
    // The popup opened there said "50 papers on this page".
    expect(await w.popupApi.pageReport()).toBeNull();
  });

  it("is not shown where the page's content script runs no session (a client-side move to a page no adapter handles)", async () => {
    const w = await startWorker();
    w.pages.set(7, () => undefined); // content-scripts/main.ts leaves the command unanswered then
    await w.sendAs(w.tab(7), fifty);
    expect(await w.popupApi.pageReport()).toBeNull();
  });

  it("is another tab's own: the active tab's is shown", async () => {
    const w = await startWorker();
    w.pages.set(7, listingPage);
    w.pages.set(8, listingPage);
    await w.sendAs(w.tab(7), fifty);
    await w.sendAs(w.tab(8), { ...fifty, entries: 3 });
    w.activeTab.id = 8;
    expect(await w.popupApi.pageReport()).toMatchObject({ entries: 3 });
  });

  it("goes once its tab is closed, when another tab's report comes (no tab event wakes the worker)", async () => {
    const w = await startWorker();
    expect(w.listeners.removed).toEqual([]);
    await w.sendAs(w.tab(7), fifty);
    await w.sendAs(w.tab(8), fifty);
    w.openTabs.delete(7);
    await w.sendAs(w.tab(9), fifty);
    await sleep(50);
    expect(await w.sendAs(w.popup, { type: 'getPageReport', tabId: 7 })).toEqual({ report: null });
    expect(await w.sendAs(w.popup, { type: 'getPageReport', tabId: 8 })).toEqual({ report: { site: 'arxiv', entries: 50, paperLinks: 0 } });
  });
});
