/**
 * A listing opened while the extension's service worker is stopped (Chrome stops it after 30 s
 * without events, so this is a user's first page after a pause), in real Chromium: the page
 * wakes the worker as it starts loading (content-scripts/wake.ts), so the worker has started
 * before the content script reads the page and asks for the entries' states; and the page shows
 * the stored state as usual.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARXIV_PAGES } from '../../scripts/lib/demo-pages';
import { launchWithExtension, waitForAnnotation, type ExtensionBrowser } from '../../scripts/lib/browser';
import { requireShared } from '../../scripts/lib/shared';
import { watchWorker } from '../support/worker-status';

// 397 entries: the page takes a while to load, as a real listing does over the network.
const page = ARXIV_PAGES.astroPhPastweek;
const available = requireShared('the stopped-worker end-to-end test', `fixtures/pages/${page.file}`);

describe.skipIf(!available)('a listing opened while the service worker is stopped, in Chromium', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension({ pages: [page] });
  });
  afterAll(async () => browser?.close());

  it('wakes the worker as the page starts loading, and shows the stored state', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(page.url);
    await waitForAnnotation(tab);
    const id = (await tab.locator('[data-paper-radar-id]').nth(5).getAttribute('data-paper-radar-id'))!;
    const star = tab.locator(`[data-paper-radar-id="${id}"] [data-paper-radar-action="star"]`);
    await star.click();
    await expect.poll(() => star.getAttribute('aria-pressed')).toBe('true');
    await tab.goto('about:blank');

    // Stop the worker, watched from the extension's manifest (a page of the extension that runs
    // none of its scripts, so wakes nothing), and see it stay stopped: an event queued for it as
    // it stopped starts a new one at once. The watch stays open until the listing is shown (a tab
    // closing in between woke the worker in CI in session 45, when it listened to tab events; in
    // session 58 a worker started 96 ms before the navigation, after a stop and that close).
    const manifest = await browser.context.newPage();
    await manifest.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
    const worker = await watchWorker(manifest, browser.extensionId);
    await worker.stopAndStayStopped();

    await tab.goto(page.url);
    await waitForAnnotation(tab);
    await worker.detach();
    await manifest.close();
    // Playwright's worker object evaluates in whichever instance of the worker runs now.
    const workerStartedAt = await browser.serviceWorker.evaluate(() => performance.timeOrigin);
    const { readAt, navigatedAt } = await tab.evaluate(() => ({
      // When the content script began reading the page (main.ts), after the page was parsed.
      readAt: performance.timeOrigin + (JSON.parse(document.documentElement.dataset.paperRadarTimings!) as { start: number }).start,
      navigatedAt: performance.timeOrigin,
    }));
    // It was stopped, and nothing but the page woke it: the worker that answered started after the
    // navigation (the worker listens to no tab events, which would wake it on every tab's load or
    // close: the manifest tab's close did, 68 ms before the navigation, in CI on session 45).
    // Without the page's wake, the content script's first request starts it, after the content
    // script began. The two are timings, so a worker that took ten times its usual start would
    // fail this: in five runs (session 40) it started 42–125 ms after the navigation, 416–554 ms
    // before the read.
    expect(workerStartedAt).toBeGreaterThan(navigatedAt);
    expect(workerStartedAt).toBeLessThan(readAt);
    expect(await star.getAttribute('aria-pressed')).toBe('true');
    await tab.close();
  });
});
