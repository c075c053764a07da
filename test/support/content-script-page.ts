/**
 * For tests that load content-scripts/main.ts itself into jsdom (its module runs the script): a
 * saved listing shown at its real address, and the `browser` the script finds (the test file
 * mocks webextension-polyfill with it) over the real background. Change notices are not heard.
 */
import { pageFile, type SavedPage } from '../../scripts/lib/demo-pages';
import { loadPage } from '../../scripts/lib/dom';
import type { Messenger } from '../../src/messenger';

/** Shows a saved page in the document, at its real address. */
export function showSavedPage(page: SavedPage): void {
  (globalThis as unknown as { jsdom: { reconfigure(o: { url: string }): void } }).jsdom.reconfigure({ url: page.url });
  document.replaceChild(document.importNode(loadPage(pageFile(page), page.url).documentElement, true), document.documentElement);
}

/** The content script's `browser`: messages to `background`, storage.local read from `stored`. */
export function contentScriptBrowser(background: Messenger, stored: Record<string, unknown> = {}) {
  return {
    runtime: {
      id: 'paper-radar',
      onMessage: { addListener() {}, removeListener() {} },
      sendMessage: (request: Parameters<Messenger['send']>[0]) => background.send(request).catch((error: Error) => ({ error: error.message })),
    },
    extension: { inIncognitoContext: false },
    storage: {
      local: { get: async (keys: string[]) => Object.fromEntries(keys.filter((k) => k in stored).map((k) => [k, stored[k]])) },
      onChanged: { addListener() {}, removeListener() {} },
    },
  };
}
