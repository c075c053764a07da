/**
 * Seen and new, end to end: entries that were at least half on screen for a second are stored
 * as seen (first/last seen times), and on the next visit they are no longer marked new, while
 * entries that were never on screen still are; A marks every paper on the page as seen at once,
 * and an open library page's History shows them without a reload.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARXIV_PAGES } from '../../scripts/lib/demo-pages';
import { launchWithExtension, popupUrl, waitForAnnotation, type ExtensionBrowser } from '../../scripts/lib/browser';
import { REPO_ROOT, requireShared } from '../../scripts/lib/shared';
import { newIds, visibleIds } from '../support/listing-marks';
import { notStoredAsSeen } from '../support/stored-states';

const SHOTS = path.join(REPO_ROOT, 'artifacts/screenshots');

const page = ARXIV_PAGES.quantPhNew;
const available = requireShared('the seen/new end-to-end test', `fixtures/pages/${page.file}`);

describe.skipIf(!available)('seen and new in Chromium', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension({ pages: [page], viewport: { width: 1280, height: 700 } });
  });
  afterAll(async () => browser?.close());

  it('records what was on screen for a second and stops calling it new on the next visit', async () => {
    // The database as the extension's pages see it, opened first: the listing's tab stays in front.
    const reader = await browser.context.newPage();
    await reader.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
    const tab = await browser.context.newPage();
    await tab.goto(page.url);
    const { annotated } = await waitForAnnotation(tab);
    expect(annotated).toBe(78);
    const all = await newIds(tab);
    expect(all).toHaveLength(78); // first visit: everything is new

    // Bring entry 10 to the top; the entries on screen now are the ones to be seen.
    await tab.evaluate(() => document.querySelectorAll('[data-paper-radar-id]')[9]!.scrollIntoView({ block: 'start' }));
    const onScreen = await visibleIds(tab);
    expect(onScreen.length).toBeGreaterThan(0);
    // A second on screen, then the batch is written.
    await expect.poll(() => notStoredAsSeen(reader, onScreen)).toEqual([]);
    await reader.close();

    // Still "new" during this visit (the mark means: new when you arrived).
    expect(await newIds(tab)).toHaveLength(78);

    await tab.reload();
    await waitForAnnotation(tab);
    const stillNew = await newIds(tab);
    for (const id of onScreen) expect(stillNew).not.toContain(id);
    // The last entries were never on screen.
    expect(stillNew).toContain(all[all.length - 1]);
    expect(stillNew).toContain(all[all.length - 2]);

    // The library's History lists them (on the full page, tall enough to render every row).
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 1200, height: 3000 });
    await popup.goto(popupUrl(browser).replace('index.html', 'library.html'));
    await popup.getByRole('tab', { name: /History/ }).click();
    await expect.poll(() => popup.locator('[data-paper-radar-view="history"] .count').textContent()).toBe(String(all.length - stillNew.length));
    const listed = await popup.locator('.paper[data-paper-radar-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-paper-radar-id')));
    expect(new Set(listed)).toEqual(new Set(all.filter((id) => !stillNew.includes(id))));
    for (const id of onScreen) expect(listed).toContain(id);

    // A (the key) marks the rest as seen at once, as after skimming the whole listing: the page
    // says so, and on the next visit nothing is new.
    await tab.bringToFront();
    await tab.keyboard.press('A');
    const notice = tab.locator('[data-paper-radar-notice] [role="status"]');
    await expect.poll(() => notice.textContent()).toBe('Marked 78 papers as seen: none will be new on your next visit.');
    await tab.screenshot({ path: path.join(SHOTS, 'seen-all-notice.png') });
    // The library page, still open in its tab, lists them all in its History without a reload
    // (the worker's seen notice reaches the extension's pages; a page in a tab the user is not
    // looking at catches up when they come back to it).
    await popup.bringToFront();
    await expect.poll(() => popup.locator('[data-paper-radar-view="history"] .count').textContent(), { timeout: 10_000 }).toBe('78');
    await tab.reload();
    await waitForAnnotation(tab);
    expect(await newIds(tab)).toEqual([]);
  });
});
