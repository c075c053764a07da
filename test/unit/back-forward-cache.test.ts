// @vitest-environment jsdom
/**
 * A listing shown again from the back/forward cache: no script ran while it was there, so the
 * changes made meanwhile were not heard (main.ts reads states, scores and settings again).
 */
import 'fake-indexeddb/auto';
import { expect, it, vi } from 'vitest';
import { arxivAdapter } from '../../content-scripts/adapters/arxiv';
import { ARXIV_PAGES } from '../../scripts/lib/demo-pages';
import { requireShared } from '../../scripts/lib/shared';
import { DISPLAY_KEY, DIM_BELOW_ATTRIBUTE } from '../../src/display-settings';
import { openPaperDb } from '../../src/store/db';
import { backgroundMessenger } from '../support/papers';
import { FakeIO } from '../support/fake-intersection-observer';
import { contentScriptBrowser, showSavedPage } from '../support/content-script-page';

const PAGE = ARXIV_PAGES.hepThNew;
const available = requireShared('a listing back from the cache', `fixtures/pages/${PAGE.file}`);
const fake = vi.hoisted(() => ({ browser: null as unknown }));
vi.mock('webextension-polyfill', () => ({
  get default() {
    return fake.browser;
  },
}));

it.skipIf(!available)('shows a star given, and display options changed, while the page was in the back/forward cache', async () => {
  const db = await openPaperDb('back-forward-cache');
  const background = backgroundMessenger(db);
  (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver = FakeIO;
  showSavedPage(PAGE);
  const stored: Record<string, unknown> = {};
  // Change notices are not heard while the page is cached: none is sent here.
  fake.browser = contentScriptBrowser(background, stored);
  await import('../../content-scripts/main');
  await vi.waitFor(() => expect(document.documentElement.dataset['paperRadarEntries']).toBeDefined(), { timeout: 5_000 });
  const entry = arxivAdapter.extract(document, new URL(PAGE.url))[3]!;
  const star = () => document.querySelector(`[data-paper-radar-id="${entry.id}"]`)!.shadowRoot!.querySelector('[data-paper-radar-action="star"]')!;
  expect(star().getAttribute('aria-pressed')).toBe('false');
  expect(document.documentElement.hasAttribute(DIM_BELOW_ATTRIBUTE)).toBe(false);

  dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
  await background.send({ type: 'setFlag', id: entry.id, flag: 'starred', value: true, paper: entry.paper }); // on the paper's own page
  stored[DISPLAY_KEY] = { dimBelowThreshold: true };
  dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
  await vi.waitFor(() => expect(star().getAttribute('aria-pressed')).toBe('true'), { timeout: 5_000 });
  expect(document.documentElement.hasAttribute(DIM_BELOW_ATTRIBUTE)).toBe(true);
});
