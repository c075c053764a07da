/** Popup entry: wires the Preact app to the database (reads) and the background (writes). */
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { CHANGE_KEY } from '../src/changes';
import { ORDER_COMMAND, type OrderCommand } from '../src/page-commands';
import { openPaperDb } from '../src/store/db';
import { listRecentlySeen, listStarred } from '../src/store/papers';
import { runtimeMessenger } from '../src/messenger';
import { App, type LibraryApi } from './App';
import './popup.css';

const LIST_LIMIT = 200;

const api: LibraryApi = {
  async load() {
    const db = await openPaperDb();
    try {
      const [starred, recent] = await Promise.all([listStarred(db, LIST_LIMIT), listRecentlySeen(db, LIST_LIMIT)]);
      return { starred, recent };
    } finally {
      db.close();
    }
  },
  async pageReport() {
    const tabId = await activeTabId();
    return tabId === null ? null : (await runtimeMessenger.send({ type: 'getPageReport', tabId })).report;
  },
  async orderByRelevance(on) {
    const tabId = await activeTabId();
    if (tabId === null) return null;
    const command: OrderCommand = { type: ORDER_COMMAND, ...(on === undefined ? {} : { on }) };
    const answer = (await browser.tabs.sendMessage(tabId, command).catch(() => null)) as { on?: unknown } | null;
    return typeof answer?.on === 'boolean' ? answer.on : null;
  },
  async setFlag(id, flag, value) {
    await runtimeMessenger.send({ type: 'setFlag', id, flag, value });
  },
  subscribe(onChange) {
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && CHANGE_KEY in changes) onChange();
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
};

/** The active tab of this window (no "tabs" permission is needed for its id); ?tab= overrides it. */
async function activeTabId(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const tabId = Number(new URLSearchParams(location.search).get('tab') ?? tab?.id);
  return Number.isInteger(tabId) && tabId >= 0 ? tabId : null;
}

render(<App api={api} />, document.getElementById('app')!);
