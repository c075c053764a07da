/**
 * A private window, in real Chromium: the extension allowed in incognito (as a user does on its
 * details page), a listing opened in an incognito window. It shows the library's states and takes
 * stars, but what the user merely sees or opens there leaves no trace: no paper is stored as
 * seen, and a normal window still shows them all as new. A normal window's listing, open at the
 * same time, stores its sightings as usual (the same wait, so the absence is not a matter of
 * time).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARXIV_PAGES } from '../../scripts/lib/demo-pages';
import { launchWithExtension, popupUrl, waitForAnnotation, type ExtensionBrowser } from '../../scripts/lib/browser';
import { requireShared } from '../../scripts/lib/shared';
import { allowInIncognito, openIncognitoTab } from '../support/incognito';
import { newIds } from '../support/listing-marks';
import { notStoredAsSeen, storedStates } from '../support/stored-states';

const [privatePage, normalPage] = [ARXIV_PAGES.quantPhNew, ARXIV_PAGES.hepThNew];
const available = requireShared('the private-window end-to-end test', ...[privatePage, normalPage].map((p) => `fixtures/pages/${p.file}`));

/**
 * Brings an arXiv listing's first entries to the top of the window (unstyled, the saved pages'
 * headers are tall); the ids of those wholly on screen, their <dt> and <dd>: each would be seen.
 */
async function firstEntriesOnScreen(tab: Page): Promise<string[]> {
  await tab.evaluate(() => document.querySelector('[data-paper-radar-id]')!.scrollIntoView({ block: 'start' }));
  return tab.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-paper-radar-id]')]
      .filter((host) => {
        const dt = host.closest('dt')!;
        return dt.getBoundingClientRect().top >= 0 && dt.nextElementSibling!.getBoundingClientRect().bottom <= innerHeight;
      })
      .map((host) => host.dataset.paperRadarId!),
  );
}

describe.skipIf(!available)('a private window, in Chromium', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension({ pages: [privatePage, normalPage] });
    await allowInIncognito(browser);
  });
  afterAll(async () => browser?.close());

  it('shows and takes stars, but stores nothing of what was merely seen or opened', async () => {
    // The database as the extension's pages see it (a page that runs none of its scripts).
    const reader = await browser.context.newPage();
    await reader.goto(`chrome-extension://${browser.extensionId}/manifest.json`);

    const inPrivate = await openIncognitoTab(browser);
    await inPrivate.goto(privatePage.url);
    expect(await waitForAnnotation(inPrivate)).toMatchObject({ entries: 78, annotated: 78 });
    expect(await inPrivate.evaluate(() => document.visibilityState)).toBe('visible');
    const seenInPrivate = await firstEntriesOnScreen(inPrivate);
    expect(seenInPrivate.length).toBeGreaterThan(2);
    const starred = seenInPrivate[1]!;
    const starButton = inPrivate.locator(`[data-paper-radar-id="${starred}"] [data-paper-radar-action="star"]`);
    await starButton.click();
    await expect.poll(() => starButton.getAttribute('aria-pressed')).toBe('true');

    // A normal window's listing, opened after: its entries on screen are stored as seen, a
    // second and a batch later. By then the private page's have been on screen for longer.
    const normal = await browser.context.newPage();
    await normal.goto(normalPage.url);
    await waitForAnnotation(normal);
    const seenInNormal = await firstEntriesOnScreen(normal);
    expect(seenInNormal.length).toBeGreaterThan(0);
    await expect.poll(() => notStoredAsSeen(reader, seenInNormal)).toEqual([]);
    expect(await inPrivate.evaluate(() => document.visibilityState)).toBe('visible');

    // The private page's papers: none stored as seen; the star stored, as the user meant.
    const stored = await storedStates(reader, seenInPrivate);
    expect(Object.keys(stored)).toEqual([starred]);
    expect(stored[starred]).toMatchObject({ starred: true, firstSeenAt: null, lastSeenAt: null });

    // The same listing in the normal window: the star shows, and every other paper is still new
    // (the one starred is known to the user, though nothing recorded it as seen).
    await normal.goto(privatePage.url);
    await waitForAnnotation(normal);
    const stillNew = await newIds(normal);
    expect(stillNew).toHaveLength(77);
    expect(stillNew).not.toContain(starred);
    expect(await normal.locator(`[data-paper-radar-id="${starred}"] [data-paper-radar-action="star"]`).getAttribute('aria-pressed')).toBe('true');

    // The key that marks the whole page seen says why it does not, in the private window.
    await inPrivate.bringToFront();
    await inPrivate.keyboard.press('A');
    const notice = inPrivate.locator('[data-paper-radar-notice] [role="status"]');
    await expect.poll(() => notice.textContent()).toBe('This is a private window: Paper Radar keeps no record of the papers seen here.');
    expect(await notStoredAsSeen(reader, seenInPrivate)).toEqual(seenInPrivate);

    // The popup's line about each tab, as the tab's page tells it: the private one says so.
    // (Asked of an extension page: the worker playwright knew went with the reload that allowed
    // the extension in incognito. The private window has one tab; the normal listing is brought
    // to the front of its window.)
    await normal.bringToFront();
    type Tab = { id: number; incognito: boolean; active: boolean };
    const tabs = await reader.evaluate(() => (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Tab[]> } } }).chrome.tabs.query({}));
    const privateTabs = tabs.filter((tab) => tab.incognito);
    expect(privateTabs).toHaveLength(1);
    const privateTab = privateTabs[0]!.id;
    const normalTab = tabs.find((tab) => tab.active && !tab.incognito)!.id;
    const popup = await browser.context.newPage();
    const status = popup.locator('[data-paper-radar-page-status]');
    await popup.goto(`${popupUrl(browser)}?tab=${privateTab}`);
    await expect.poll(() => status.textContent()).toMatch(/^78 papers on this page · private window: nothing seen here is recorded/);
    await popup.goto(`${popupUrl(browser)}?tab=${normalTab}`);
    await expect.poll(() => status.locator('.page-count').textContent()).toBe('78 papers on this page');
    expect(await popup.locator('[data-paper-radar-private-window]').count()).toBe(0);
  });
});
