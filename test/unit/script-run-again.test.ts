// @vitest-environment jsdom
/**
 * The content script run again in a page an earlier copy of it annotated: Firefox runs the
 * content scripts of an add-on updated, reloaded or turned back on in the tabs already open, and
 * what the old script put in the page stays (main.ts). One working control per entry, styled by
 * the version now running, and nothing else of the old copy's left (leftovers.ts).
 */
import 'fake-indexeddb/auto';
import { expect, it, vi } from 'vitest';
import { arxivAdapter } from '../../content-scripts/adapters/arxiv';
import { PageSession } from '../../content-scripts/page-session';
import { ensurePageStyle, PAGE_CSS, PAGE_STYLE_ID, STANDBY_CSS } from '../../content-scripts/ui/styles';
import { ARXIV_PAGES } from '../../scripts/lib/demo-pages';
import { requireShared } from '../../scripts/lib/shared';
import { openPaperDb } from '../../src/store/db';
import { backgroundMessenger } from '../support/papers';
import { FakeIO } from '../support/fake-intersection-observer';
import { contentScriptBrowser, showSavedPage } from '../support/content-script-page';

const PAGE = ARXIV_PAGES.hepThNew;
const available = requireShared('a listing annotated twice', `fixtures/pages/${PAGE.file}`);
const fake = vi.hoisted(() => ({ browser: null as unknown }));
vi.mock('webextension-polyfill', () => ({
  get default() {
    return fake.browser;
  },
}));

it.skipIf(!available)('run again in an open listing (the add-on updated), it leaves one control per entry, and its own page style', async () => {
  const db = await openPaperDb('script-run-again');
  const background = backgroundMessenger(db);
  (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver = FakeIO;
  showSavedPage(PAGE);
  // The version before the update, with other rules.
  await new PageSession(arxivAdapter, document, new URL(PAGE.url), background, { trackSeen: false }).start();
  document.getElementById(PAGE_STYLE_ID)!.textContent = '/* the rules of the version before */';
  const entries = arxivAdapter.extract(document, new URL(PAGE.url)).length;
  expect(document.querySelectorAll('[data-paper-radar-id]')).toHaveLength(entries);
  // What a copy cut off in Firefox leaves: its help panel, a jump target, marks it set on an
  // entry (this paper is not read now), the entry the keyboard was on, a highlight's strength.
  const firstEntry = document.querySelector('dl#articles > dt')!;
  const help = document.createElement('div');
  help.setAttribute('data-paper-radar-help', '');
  const jump = document.createElement('span');
  jump.setAttribute('data-paper-radar-jump', '');
  firstEntry.append(help, jump);
  firstEntry.setAttribute('data-paper-radar-read', '');
  firstEntry.setAttribute('data-paper-radar-current', '');
  (firstEntry as HTMLElement).style.setProperty('--paper-radar-relevance', '0.5');

  fake.browser = contentScriptBrowser(background);
  await import('../../content-scripts/main'); // the version now running, run in the open tab
  await vi.waitFor(() => expect(document.documentElement.dataset['paperRadarEntries']).toBeDefined(), { timeout: 5_000 });
  expect(document.querySelectorAll('[data-paper-radar-id]')).toHaveLength(entries);
  expect(document.querySelectorAll(`#${PAGE_STYLE_ID}`)).toHaveLength(1);
  expect(document.getElementById(PAGE_STYLE_ID)!.textContent).toBe(PAGE_CSS);
  expect(document.querySelectorAll('[data-paper-radar-help], [data-paper-radar-jump], [data-paper-radar-read], [data-paper-radar-current]')).toHaveLength(0);
  expect((firstEntry as HTMLElement).style.getPropertyValue('--paper-radar-relevance')).toBe('');
});

it('where the manifest declares the page style (the Firefox build), the page keeps only the rule that hides what a removed add-on leaves', () => {
  const doc = document.implementation.createHTMLDocument('');
  ensurePageStyle(doc, true);
  expect(doc.getElementById(PAGE_STYLE_ID)!.textContent).toBe(STANDBY_CSS);
  // An update from a version that kept the whole style in the page.
  doc.getElementById(PAGE_STYLE_ID)!.textContent = PAGE_CSS;
  ensurePageStyle(doc, true);
  expect(doc.querySelectorAll(`#${PAGE_STYLE_ID}`)).toHaveLength(1);
  expect(doc.getElementById(PAGE_STYLE_ID)!.textContent).toBe(STANDBY_CSS);
  // The controls and corner panels PAGE_CSS shows, STANDBY_CSS hides, and weighs nothing against it.
  expect(STANDBY_CSS).toMatch(/^:where\(\[data-paper-radar-id\], \[data-paper-radar-help\], \[data-paper-radar-notice\]\) \{ display: none; \}$/);
  expect(PAGE_CSS).toContain('[data-paper-radar-help], [data-paper-radar-notice] { display: block; }');
});
