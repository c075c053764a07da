// @vitest-environment jsdom
/**
 * A copy of the content script cut off from the extension (Chrome: Paper Radar turned off,
 * removed, updated or reloaded, and no new copy run in the tab) on the saved Hugging Face daily
 * page, with content-scripts/main.ts itself. It stops at the page's next change, not only at a
 * click or key: cards arriving (the wheel scrolls, no pointer event) and Back in the toolbar
 * (popstate) built dead controls that could only fail. Stopped, its listeners on the document go.
 */
import 'fake-indexeddb/auto';
import { expect, it, vi } from 'vitest';
import { OTHER_PAGES } from '../../scripts/lib/demo-pages';
import { requireShared } from '../../scripts/lib/shared';
import { openPaperDb } from '../../src/store/db';
import { backgroundMessenger } from '../support/papers';
import { FakeIO } from '../support/fake-intersection-observer';
import { contentScriptBrowser, showSavedPage } from '../support/content-script-page';

const PAGE = OTHER_PAGES.huggingfaceDaily;
const available = requireShared('a cut-off copy of the content script', `fixtures/pages/${PAGE.file}`);
const fake = vi.hoisted(() => ({ browser: null as unknown }));
vi.mock('webextension-polyfill', () => ({
  get default() {
    return fake.browser;
  },
}));

/** The document's listeners as added and taken away (by removeEventListener or their signal). */
function recordListeners(): () => string[] {
  const live = new Map<string, { type: string; signal?: AbortSignal }>();
  const key = (type: string, listener: unknown, capture: boolean) => `${type} ${capture} ${String(listeners.indexOf(listener))}`;
  const listeners: unknown[] = [];
  const add = document.addEventListener.bind(document);
  const remove = document.removeEventListener.bind(document);
  const captureOf = (options: unknown) => (typeof options === 'boolean' ? options : ((options as { capture?: boolean } | undefined)?.capture ?? false));
  document.addEventListener = ((type: string, listener: EventListener, options?: AddEventListenerOptions | boolean) => {
    if (!listeners.includes(listener)) listeners.push(listener);
    const signal = typeof options === 'object' ? options.signal : undefined;
    live.set(key(type, listener, captureOf(options)), { type, ...(signal ? { signal } : {}) });
    add(type, listener, options);
  }) as typeof document.addEventListener;
  document.removeEventListener = ((type: string, listener: EventListener, options?: EventListenerOptions | boolean) => {
    live.delete(key(type, listener, captureOf(options)));
    remove(type, listener, options);
  }) as typeof document.removeEventListener;
  return () => [...live.values()].filter((l) => !l.signal?.aborted).map((l) => l.type);
}

it.skipIf(!available)('cut off, it builds no controls for arriving cards: it takes its controls away, and its listeners on the document', async () => {
  const db = await openPaperDb('cut-off-copy');
  (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver = FakeIO;
  showSavedPage(PAGE);
  const browser = contentScriptBrowser(backgroundMessenger(db));
  fake.browser = browser;
  const listening = recordListeners();
  await import('../../content-scripts/main');
  await vi.waitFor(() => expect(document.documentElement.dataset['paperRadarAnnotated']).toBeDefined(), { timeout: 5_000 });
  const controls = () => document.querySelectorAll('[data-paper-radar-id]').length;
  const cards = document.querySelectorAll('main article').length;
  expect(controls()).toBe(cards);
  expect(listening().length).toBeGreaterThan(5); // the keyboard's, the focus's, the controls' clicks…

  // Cut off: Chrome's runtime has no id, and every message fails.
  (browser.runtime as { id?: string }).id = undefined;
  browser.runtime.sendMessage = () => Promise.reject(new Error('Extension context invalidated.'));
  // More cards arrive, with no click or key (the wheel scrolled).
  const last = document.querySelectorAll('main article')[cards - 1]!;
  const more = last.cloneNode(true) as Element;
  for (const el of more.querySelectorAll('[data-paper-radar-id]')) el.remove();
  for (const link of more.querySelectorAll('a[href^="/papers/"]')) link.setAttribute('href', link.getAttribute('href')!.replace(/^\/papers\/[^/?#]+/, '/papers/2609.99999'));
  last.after(more);
  await vi.waitFor(() => expect(controls()).toBe(0), { timeout: 5_000 });
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(controls()).toBe(0);
  expect(listening()).toEqual([]);
});
