/**
 * Sync end to end in real Chromium: turn sync on in the options page, star, read and dismiss on
 * a saved arXiv listing, see the marks land in chrome.storage.sync (and Chrome's own byte count
 * agree with ours), wipe the extension's IndexedDB, restart the worker, turn sync on again, and
 * see every mark come back from sync storage on the page and in the popup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARXIV_PAGES } from '../../scripts/lib/demo-pages';
import { launchWithExtension, optionsUrl, popupUrl, waitForAnnotation, type ExtensionBrowser } from '../../scripts/lib/browser';
import { requireShared } from '../../scripts/lib/shared';
import { saveTopic } from '../support/options-page';
import { watchWorker } from '../support/worker-status';

const page = ARXIV_PAGES.hepThNew;
const available = requireShared('the sync end-to-end test', `fixtures/pages/${page.file}`);

const control = (tab: Page, id: string, action: string) => tab.locator(`[data-paper-radar-id="${id}"] [data-paper-radar-action="${action}"]`);

describe.skipIf(!available)('sync across devices, in Chromium', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension({ pages: [page] });
  });
  afterAll(async () => browser?.close());

  it('marks go to sync storage, and come back after the database is wiped', async () => {
    const options = await browser.context.newPage();
    await options.goto(optionsUrl(browser));
    const status = options.locator('[data-paper-radar-sync-status]');
    await expect.poll(() => status.textContent()).toContain('Sync is off');
    await options.locator('[data-paper-radar-setting="sync"]').check();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/Synced .*: 0 marks/);

    const tab = await browser.context.newPage();
    await tab.goto(page.url);
    await waitForAnnotation(tab);
    const ids = await tab.locator('[data-paper-radar-id]').evaluateAll((els) => els.slice(0, 4).map((el) => el.getAttribute('data-paper-radar-id')!));
    const [starred1, starred2, read, dismissed] = ids as [string, string, string, string];
    await control(tab, starred1, 'star').click();
    await control(tab, starred2, 'star').click();
    await control(tab, read, 'read').click();
    await control(tab, dismissed, 'dismiss').click();
    await expect.poll(() => control(tab, dismissed, 'dismiss').getAttribute('aria-pressed')).toBe('true');

    // A pass runs a few seconds after the last change; the options page shows its result.
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/Synced .*: 4 marks and no interests/);
    const inSync = (await options.evaluate('chrome.storage.sync.get(null)')) as Record<string, unknown>;
    const text = JSON.stringify(inSync);
    for (const id of ids) expect(text).toContain(id.slice(id.lastIndexOf('.') + 1));
    // Chrome's count of the bytes used is the one the status shows (our accounting is Chrome's).
    const chromeBytes = (await options.evaluate('chrome.storage.sync.getBytesInUse(null)')) as number;
    expect(await status.textContent()).toContain(`${(chromeBytes / 1024).toFixed(1)} KB of 100.0 KB`);

    // Wipe the library, as a new device or cleared site data would have it, and restart the worker.
    const deleted = await options.evaluate(`new Promise((resolve) => {
      const request = indexedDB.deleteDatabase('paper-radar');
      request.onsuccess = () => resolve('deleted');
      request.onerror = () => resolve('error: ' + request.error);
      request.onblocked = () => {}; // the worker closes its connection when asked
    })`);
    expect(deleted).toBe('deleted');
    await (await watchWorker(options, browser.extensionId)).stop();

    // The switch is kept with the library (a page must not turn it: src/sync/settings.ts), so the
    // wiped device has sync off until the user turns it on again, as on a new device.
    await options.reload();
    await expect.poll(() => status.textContent()).toContain('Sync is off');
    expect(await options.locator('[data-paper-radar-setting="sync"]').isChecked()).toBe(false);
    await options.locator('[data-paper-radar-setting="sync"]').check();

    await tab.reload();
    await waitForAnnotation(tab);
    for (const id of [starred1, starred2]) await expect.poll(() => control(tab, id, 'star').getAttribute('aria-pressed'), { timeout: 20_000 }).toBe('true');
    await expect.poll(() => control(tab, read, 'read').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => control(tab, dismissed, 'dismiss').getAttribute('aria-pressed')).toBe('true');
    expect(await control(tab, read, 'star').getAttribute('aria-pressed')).toBe('false');

    const popup = await browser.context.newPage();
    await popup.goto(popupUrl(browser));
    for (const id of [starred1, starred2]) await expect.poll(() => popup.locator(`.paper[data-paper-radar-id="${id}"]`).count()).toBe(1);
    await popup.screenshot({ path: 'artifacts/screenshots/popup-after-sync-restore.png' });
    await options.screenshot({ path: 'artifacts/screenshots/options-sync.png', fullPage: true });
  });

  it('interests too large for sync storage: Save says so, and so does the sync status', async () => {
    const options = await browser.context.newPage();
    await options.goto(optionsUrl(browser));
    await options.locator('[data-paper-radar-setting="sync"]').check();
    // 200 phrases of ≈ 190 characters: ≈ 38 KB, over the 32 KB kept for interests.
    const phrases = Array.from({ length: 200 }, (_, i) => `phrase ${i} ${'abcdefghij'.repeat(18)}`).join('\n');
    await saveTopic(options, 'Long', phrases);
    expect(await options.locator('[data-paper-radar-status]').textContent()).toMatch(
      /^Saved\. Open listings update in a moment\. They are too large to sync to your other devices \(3\d\.\d KB; at most 32\.0 KB\) and stay on this one\.$/,
    );
    await expect
      .poll(() => options.locator('[data-paper-radar-sync-status]').textContent(), { timeout: 20_000 })
      .toContain('Your interests are too large for sync storage and stay on this device.');
    await options.close();
  });
});
