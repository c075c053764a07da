/**
 * Chrome stops an extension's service worker after 30 s without events, so a user's first
 * listing after a pause finds it stopped: what the page asks for waits for the worker to start.
 * Runs with the worker stopped before the page opens and with it running take turns; each opens
 * the listing from a page the extension does not run on, after the same pause. A stopped run
 * counts only if the worker that answered started after the navigation (else the stop did not
 * take, and the figure would be a running worker's).
 */
import type { CDPSession, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../lib/browser';

export async function stoppedAndRunningWorkerRuns<T>(
  browser: ExtensionBrowser,
  page: Page,
  cdp: CDPSession,
  { runs, baselineUrl, open }: { runs: number; baselineUrl: string; open: () => Promise<T> },
): Promise<{ stopped: T[]; running: T[] }> {
  const stopped: T[] = [];
  const running: T[] = [];
  await cdp.send('ServiceWorker.enable');
  for (let i = 0; i < runs; i++) {
    for (const stop of [true, false]) {
      await page.goto(baselineUrl);
      if (stop) await cdp.send('ServiceWorker.stopAllWorkers');
      await page.waitForTimeout(500);
      const result = await open();
      if (stop) {
        const navigatedAt = await page.evaluate(() => performance.timeOrigin);
        // Playwright's worker object evaluates in whichever instance of the worker runs now.
        const workerStartedAt = await browser.serviceWorker.evaluate(() => performance.timeOrigin);
        if (workerStartedAt < navigatedAt) throw new Error('stopping the service worker did not take: the page was answered by a worker started before it');
      }
      (stop ? stopped : running).push(result);
    }
  }
  await cdp.send('ServiceWorker.disable');
  return { stopped, running };
}
