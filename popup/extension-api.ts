/**
 * LibraryApi in the extension: reads straight from the database (extension pages share it with
 * the background), writes through the background (which owns writes, notifies pages and retrains
 * the model).
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { CHANGE_KEY, changedIds, MODEL_KEY, seenIds } from '../src/changes';
import { runtimeMessenger } from '../src/messenger';
import { isPageView, PAGE_VIEW_COMMAND, type PageView, type PageViewCommand } from '../src/page-commands';
import { lazyPaperDb } from '../src/store/db';
import { dataApi } from './data-api';
import type { LibraryApi } from './library-api';
import { readImportInWorker } from './read-import';

const reportTabFailure = (error: unknown) => console.error('Paper Radar: could not open a tab', error);

/** One connection for the page's life (opening one costs a few ms each time), opened again if it closed under it. */
const database = lazyPaperDb();

/** LibraryApi in the extension's popup or library page. */
export function extensionApi(options: { isLibraryPage: boolean }): LibraryApi {
  return {
    ...dataApi(database, runtimeMessenger),
    readImport: (file) => readImportInWorker(file),
    async pageView(change = {}) {
      const tabId = options.isLibraryPage ? null : await activeTabId();
      return tabId === null ? null : askPage(tabId, { type: PAGE_VIEW_COMMAND, ...change });
    },
    subscribe(onChange) {
      const listener = (changes: Record<string, unknown>, area: string) => {
        if (area !== 'local') return;
        if (CHANGE_KEY in changes) onChange(changedIds((changes[CHANGE_KEY] as { newValue?: unknown }).newValue), 'changed');
        if (MODEL_KEY in changes) onChange([], 'model');
      };
      // Papers seen come from the service worker alone (no tab). Every other message (the other
      // extension pages' requests, which reach this page too) is left unanswered: undefined.
      const seenListener = (message: unknown, sender: Runtime.MessageSender) => {
        const ids = sender.id === browser.runtime.id && !sender.tab ? seenIds(message) : null;
        if (ids) onChange(ids, 'seen');
        return undefined;
      };
      browser.storage.onChanged.addListener(listener);
      browser.runtime.onMessage.addListener(seenListener);
      return () => {
        browser.storage.onChanged.removeListener(listener);
        browser.runtime.onMessage.removeListener(seenListener);
      };
    },
    open(url) {
      void browser.tabs.create({ url }).catch(reportTabFailure);
    },
    openLibraryPage(purpose) {
      void browser.tabs.create({ url: browser.runtime.getURL(`popup/library.html${purpose === 'import' ? '?import' : ''}`) }).catch(reportTabFailure);
      window.close();
    },
    download(fileName, mimeType, text) {
      const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      // The download has its own copy once started; free the blob after it has begun.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    copy(text) {
      return navigator.clipboard.writeText(text);
    },
  };
}

/** The view the tab's listing shows after the command; null where no content script of ours runs a session. */
async function askPage(tabId: number, command: PageViewCommand): Promise<PageView | null> {
  const answer: unknown = await browser.tabs.sendMessage(tabId, command).catch(() => null);
  return isPageView(answer) ? answer : null;
}

/** The active tab of this window (no "tabs" permission is needed for its id); ?tab= overrides it. */
async function activeTabId(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  // An empty or malformed ?tab= counts as absent (Number('') would be tab 0).
  const asked = new URLSearchParams(location.search).get('tab');
  const tabId = asked !== null && /^\d+$/.test(asked) ? Number(asked) : tab?.id;
  return tabId !== undefined && Number.isSafeInteger(tabId) && tabId >= 0 ? tabId : null;
}
