/** The extension's database as its own pages see it, for end-to-end checks of what was written. */
import type { StoredState } from '../../src/store/db';

/** A page of the extension, in Chromium (playwright-core) or Firefox (puppeteer-core): both evaluate an expression. */
interface ExtensionPage {
  evaluate(expression: string): Promise<unknown>;
}

/** Stored states by id (ids with no record are absent), read from an extension page. */
export function storedStates(extensionPage: ExtensionPage, ids: readonly string[]): Promise<Record<string, StoredState>> {
  return extensionPage.evaluate(`(async (ids) => {
    const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const db = await req(indexedDB.open('paper-radar'));
    const store = db.transaction('states').objectStore('states');
    const out = {};
    for (const id of ids) { const s = await req(store.get(id)); if (s) out[id] = s; }
    db.close();
    return out;
  })(${JSON.stringify(ids)})`) as Promise<Record<string, StoredState>>;
}

/** Which of these papers are not stored as seen yet: poll it to wait for the seen marks' batch. */
export async function notStoredAsSeen(extensionPage: ExtensionPage, ids: readonly string[]): Promise<string[]> {
  const stored = await storedStates(extensionPage, ids);
  return ids.filter((id) => stored[id]?.lastSeenAt == null);
}
