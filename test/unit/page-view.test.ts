// @vitest-environment jsdom
/**
 * The popup's line about the active tab comes from the tab's page itself: the real content
 * script (content-scripts/main.ts) on saved arXiv pages in jsdom, its requests answered by the
 * real worker handlers, and the popup's real API (popup/extension-api.ts) asking it. Only the
 * page can tell whether it still runs a listing, and which one: a report kept anywhere else was
 * the last page's while a new listing in the same tab was being read, or once the tab had moved on
 * to a page Paper Radar does not run on.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { arxivAdapter } from '../../content-scripts/adapters/arxiv';
import { ARXIV_PAGES, pageFile, type SavedPage } from '../../scripts/lib/demo-pages';
import { loadPage } from '../../scripts/lib/dom';
import { requireShared } from '../../scripts/lib/shared';
import { PAGE_VIEW_COMMAND, type PageView } from '../../src/page-commands';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { backgroundMessenger } from '../support/papers';

const FIRST = ARXIV_PAGES.hepThNew;
const SECOND = ARXIV_PAGES.quantPhNew;
const available = requireShared('the page-view unit test', `fixtures/pages/${FIRST.file}`, `fixtures/pages/${SECOND.file}`);

type Listener = (message: unknown, sender: Runtime.MessageSender) => unknown;
const EXTENSION_ID = 'paper-radar-test';

/** The page's content script and the popup, each given the `browser` it would have. */
const fake = vi.hoisted(() => ({
  pageListeners: [] as Array<(message: unknown, sender: Runtime.MessageSender) => unknown>,
  /** What the popup sends the tab (tabs.sendMessage), in order. */
  sentToTab: [] as unknown[],
  /** What the page answers instead of its own content script (a compromised renderer). */
  hostileAnswer: undefined as unknown,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  browser: null as any,
}));
vi.mock('webextension-polyfill', () => ({
  get default() {
    return fake.browser;
  },
}));

let db: PaperDb;

/** The document's URL (vitest's jsdom environment exposes its JSDOM instance). */
const setUrl = (url: string) => (globalThis as unknown as { jsdom: { reconfigure(options: { url: string }): void } }).jsdom.reconfigure({ url });

/** Puts a saved page in the document at its real URL, as the browser would show it. */
function show(page: SavedPage): void {
  setUrl(page.url);
  const saved = loadPage(pageFile(page), page.url);
  document.replaceChild(document.importNode(saved.documentElement, true), document.documentElement);
}

/** The entries the arXiv adapter finds on the page now shown. */
const entriesOnPage = () => arxivAdapter.extract(document, new URL(location.href)).length;

/** A client-side move (history.pushState and the like): the document's content and URL change, the script stays. */
function moveTo(page: SavedPage): void {
  show(page);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** What the popup's API makes of the active tab's answer. */
async function popupAsks(): Promise<PageView | null> {
  const { extensionApi } = await import('../../popup/extension-api');
  return extensionApi({ isLibraryPage: false }).pageView();
}

beforeAll(async () => {
  if (!available) return;
  db = await openPaperDb('page-view');
  const background = backgroundMessenger(db);
  fake.browser = {
    runtime: {
      id: EXTENSION_ID,
      onMessage: { addListener: (l: Listener) => void fake.pageListeners.push(l), removeListener() {} },
      // The content script's requests reach the worker's handlers (the popup's too).
      sendMessage: (request: Parameters<typeof background.send>[0]) => background.send(request).catch((error: Error) => ({ error: error.message })),
    },
    extension: { inIncognitoContext: false },
    storage: { local: { get: async () => ({}) }, onChanged: { addListener() {}, removeListener() {} } },
    tabs: {
      query: async () => [{ id: 7 }],
      async sendMessage(tabId: number, message: unknown) {
        fake.sentToTab.push(message);
        if (fake.hostileAnswer !== undefined) return fake.hostileAnswer;
        const answers = fake.pageListeners.map((l) => l(structuredClone(message), { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup/index.html` }));
        const answer = answers.find((a) => a !== undefined);
        if (answer === undefined) throw new Error('Could not establish connection. Receiving end does not exist.');
        return structuredClone(await answer);
      },
    },
  };
  vi.stubGlobal('IntersectionObserver', class {
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  });
  show(FIRST);
  await import('../../content-scripts/main');
});

afterAll(() => {
  db?.close();
  vi.unstubAllGlobals();
});

describe.skipIf(!available)("the popup's line about the active tab, as its page tells it", () => {
  it("is the listing's own, also when asked while the listing is still being read, and after a client-side move to another", async () => {
    // The content script has just started on the first listing: asked now, it answers once its
    // entries are read and shown.
    expect(document.querySelectorAll('[data-paper-radar-id]')).toHaveLength(0);
    const first = await popupAsks();
    expect(first?.report).toEqual({ site: 'arxiv', entries: entriesOnPage(), paperLinks: 0 });
    expect(first?.report.entries).toBe(49);
    expect(document.querySelectorAll('[data-paper-radar-id]')).toHaveLength(49); // every control in place
    expect(fake.sentToTab).toEqual([{ type: PAGE_VIEW_COMMAND }]); // one message to the page, not two

    // The user moves to another listing in the same tab, and opens the popup at once.
    moveTo(SECOND);
    const second = await popupAsks();
    expect(second?.report.entries).toBe(entriesOnPage());
    expect(second?.report.entries).toBe(78);

    // Asked as a listing starts to be read, the page moving on before it answers: the answer is
    // the page shown then, not the session left behind (its no entries beside the new page's
    // links read as a site that changed its markup: "broken").
    moveTo(FIRST);
    const asked = fake.pageListeners[0]!({ type: PAGE_VIEW_COMMAND }, { id: EXTENSION_ID }) as Promise<PageView>;
    moveTo(SECOND);
    expect((await asked).report).toEqual({ site: 'arxiv', entries: 78, paperLinks: 0 });

    // On to a page no adapter handles (arXiv's help pages keep the script, but run no session).
    setUrl('https://arxiv.org/help/api');
    dispatchEvent(new PopStateEvent('popstate'));
    expect(await popupAsks()).toBeNull();
  });

  it("shows nothing a page's answer could carry that is not a page view (a compromised renderer)", async () => {
    const view = { report: { site: 'arxiv', entries: 3, paperLinks: 0 }, orderedByRelevance: false, scored: false, dismissed: 0, hidingDismissed: false, showingDismissed: false };
    try {
      for (const hostile of [
        { ...view, report: { ...view.report, entries: -1 } },
        { ...view, report: { ...view.report, site: 'x'.repeat(41) } },
        { ...view, report: { ...view.report, html: '<img src=x onerror=alert(1)>' } },
        { ...view, report: null },
        'ok',
      ]) {
        fake.hostileAnswer = hostile;
        expect(await popupAsks(), JSON.stringify(hostile)).toBeNull();
      }
      fake.hostileAnswer = view;
      expect(await popupAsks()).toEqual(view);
    } finally {
      fake.hostileAnswer = undefined;
    }
  });
});
