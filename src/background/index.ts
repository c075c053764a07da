/**
 * The background service worker: the one owner of the extension's database. Content scripts and
 * the popup send it requests (src/messages.ts); each is validated before anything is done, and
 * invalid ones are dropped with a console warning. It keeps no state in memory that matters:
 * an MV3 worker is stopped when idle and everything must survive that.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { CHANGE_KEY, MODEL_KEY, type ChangeNotice, type ModelNotice } from '../changes';
import { parseRequest, type ErrorResponse } from '../messages';
import { openPaperDb, type PaperDb } from '../store/db';
import type { PageReport } from '../core/page-health';
import { failureMessage, handleRequest, type PageReports } from './handlers';
import { RelevanceService } from './relevance';

let dbPromise: Promise<PaperDb> | null = null;
function database(): Promise<PaperDb> {
  dbPromise ??= openPaperDb().catch((error: unknown) => {
    dbPromise = null; // try again on the next request
    throw error;
  });
  return dbPromise;
}

/** One relevance engine per worker, over the one database. */
let relevancePromise: Promise<RelevanceService> | null = null;
function relevance(): Promise<RelevanceService> {
  relevancePromise ??= database().then((db) => new RelevanceService(db, { onRetrained: () => void notifyModel() }));
  return relevancePromise;
}

/** Tells open pages that the model changed: they ask for their entries' scores again. */
async function notifyModel(): Promise<void> {
  const notice: ModelNotice = { at: Date.now() };
  await browser.storage.local.set({ [MODEL_KEY]: notice });
}

async function notifyChanged(ids: string[]): Promise<void> {
  const notice: ChangeNotice = { ids, at: Date.now() };
  await browser.storage.local.set({ [CHANGE_KEY]: notice });
}

/**
 * Per-tab page reports live in storage.session: they must survive the worker being stopped,
 * but not the browser session, and they go when the tab does.
 */
const pageReports: PageReports = {
  async set(tabId, report) {
    await browser.storage.session.set({ [`page:${tabId}`]: report });
  },
  async get(tabId) {
    const key = `page:${tabId}`;
    return ((await browser.storage.session.get(key))[key] as PageReport | undefined) ?? null;
  },
};
browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove(`page:${tabId}`));

function fromUs(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id;
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!fromUs(sender)) return undefined;
  const parsed = parseRequest(message);
  if (!parsed.ok) {
    console.warn(`Paper Radar: dropped an invalid message (${parsed.error})`);
    return Promise.resolve<ErrorResponse>({ error: 'invalid message' });
  }
  return Promise.all([database(), relevance()])
    .then(([db, engine]) => handleRequest(parsed.request, { db, now: Date.now, notifyChanged, pageReports, relevance: engine, senderTabId: sender.tab?.id }))
    .catch((error: unknown): ErrorResponse => {
      console.error('Paper Radar: request failed', parsed.request.type, error);
      return { error: failureMessage(error) };
    });
});
