/** Popup entry: wires the Preact app to the database (reads) and the background (writes). */
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { CHANGE_KEY } from '../src/changes';
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
    // The active tab of this window; no "tabs" permission is needed for its id.
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const tabId = Number(new URLSearchParams(location.search).get('tab') ?? tab?.id);
    if (!Number.isInteger(tabId) || tabId < 0) return null;
    return (await runtimeMessenger.send({ type: 'getPageReport', tabId })).report;
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

render(<App api={api} />, document.getElementById('app')!);
