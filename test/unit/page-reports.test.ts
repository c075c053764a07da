/**
 * The real worker (src/background/index.ts) over a fake `browser` whose storage and tab events
 * fire: what it keeps of each tab's page report, which the popup's line about the page reads.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => unknown;

function eventfulBrowser() {
  const maps = { local: new Map<string, unknown>(), session: new Map<string, unknown>(), sync: new Map<string, unknown>() };
  const listeners = { storage: [] as Listener[], message: [] as Listener[], removed: [] as Listener[], updated: [] as Listener[] };
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
    tabs: { onRemoved: event(listeners.removed), onUpdated: event(listeners.updated) },
    webNavigation: { onCommitted: event([]) },
    runtime: {
      id: 'paper-radar-test',
      getURL: (path: string) => `chrome-extension://paper-radar-test/${path}`,
      onInstalled: event([]),
      onMessage: event(listeners.message),
      sendMessage: async () => undefined,
    },
  };
  async function sendAs(sender: Runtime.MessageSender, message: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const listener = listeners.message[0];
    if (!listener) throw new Error('no onMessage listener');
    return listener(structuredClone(message), sender);
  }
  const popup: Runtime.MessageSender = { id: 'paper-radar-test', url: 'chrome-extension://paper-radar-test/popup/index.html' };
  const tab = (id: number, url = 'https://arxiv.org/list/cs.LG/new'): Runtime.MessageSender => ({ id: 'paper-radar-test', url, tab: { id, incognito: false } as never, frameId: 0 });
  return { browser, maps, listeners, sendAs, popup, tab };
}

const fake = vi.hoisted(() => ({ current: null as ReturnType<typeof eventfulBrowser> | null }));
vi.mock('webextension-polyfill', () => ({
  get default() {
    return fake.current!.browser;
  },
}));

async function startWorker(): Promise<ReturnType<typeof eventfulBrowser>> {
  fake.current = eventfulBrowser();
  vi.resetModules();
  await import('../../src/background/index');
  return fake.current;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  await new Promise<void>((resolve, reject) => {
    const r = indexedDB.deleteDatabase('paper-radar');
    r.onsuccess = () => resolve();
    r.onerror = () => reject(r.error);
    r.onblocked = () => resolve();
  });
});

describe("a tab's page report (the popup's line about the active tab)", () => {
  it('is gone once the tab has left the page that sent it', async () => {
    const w = await startWorker();
    expect(await w.sendAs(w.tab(7), { type: 'reportPage', site: 'arxiv', entries: 50, paperLinks: 0 })).toEqual({ ok: true });
    expect(await w.sendAs(w.popup, { type: 'getPageReport', tabId: 7 })).toEqual({ report: { site: 'arxiv', entries: 50, paperLinks: 0 } });

    // The user follows a link in that tab to a site Paper Radar does not run on: no content
    // script there, so nothing replaces the report. The browser says the tab is loading anew.
    for (const l of w.listeners.updated) l(7, { status: 'loading', url: 'https://en.wikipedia.org/wiki/Attention' }, { id: 7 });
    await sleep(50);
    // The popup opened there says "50 papers on this page".
    expect(await w.sendAs(w.popup, { type: 'getPageReport', tabId: 7 })).toEqual({ report: null });
  });

  it("is kept when the listing that loads sends it (its content script runs after the tab's 'loading')", async () => {
    const w = await startWorker();
    for (const l of w.listeners.updated) l(7, { status: 'loading' }, { id: 7 });
    expect(await w.sendAs(w.tab(7), { type: 'reportPage', site: 'arxiv', entries: 50, paperLinks: 0 })).toEqual({ ok: true });
    for (const l of w.listeners.updated) l(7, { status: 'complete' }, { id: 7 });
    await sleep(50);
    expect(await w.sendAs(w.popup, { type: 'getPageReport', tabId: 7 })).toEqual({ report: { site: 'arxiv', entries: 50, paperLinks: 0 } });
  });
});
