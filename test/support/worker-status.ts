/**
 * The extension's service worker as DevTools sees it: its running statuses in order, and a stop
 * that is known to have happened (as Chrome stops an idle worker after 30 s).
 *
 * DevTools' ServiceWorker domain reports the extension's worker to a session in one of the
 * extension's own pages; Playwright's worker objects do not follow restarts.
 */
import type { CDPSession, Page } from 'playwright-core';
import { expect } from 'vitest';

interface VersionUpdate {
  versions: Array<{ scriptURL: string; runningStatus: string }>;
}

export interface WorkerStatus {
  /** 'starting', 'running', 'stopping', 'stopped', as reported since the watch began. */
  statuses: string[];
  /**
   * Stops the worker and waits until it has stopped. A worker busy with an event may finish it
   * first, so it is asked again until it reports stopped; a message arriving right after may
   * start a new one, so the stop is looked for, not the last status.
   */
  stop(): Promise<void>;
  /**
   * stop(), and again until no new worker has started for `quietMs`: an event queued for the
   * worker as it stopped (a storage change it had just written, such as the model notice of a
   * retrain a star set off) starts a new one at once, which a test of what wakes a stopped worker
   * must not take for its own wake (in CI in session 58, stopped-worker.test.ts found its worker
   * started 96 ms before the navigation that was to wake it).
   */
  stopAndStayStopped(quietMs?: number): Promise<void>;
  detach(): Promise<void>;
}

export async function watchWorker(extensionPage: Page, extensionId: string): Promise<WorkerStatus> {
  const cdp: CDPSession = await extensionPage.context().newCDPSession(extensionPage);
  const statuses: string[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (event: VersionUpdate) => {
    for (const v of event.versions) if (v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) statuses.push(v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  async function stop(): Promise<void> {
    const from = statuses.length;
    const stopped = () => statuses.slice(from).includes('stopped') || statuses.at(-1) === 'stopped';
    for (let tries = 0; tries < 30 && !stopped(); tries++) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      for (let waited = 0; waited < 500 && !stopped(); waited += 50) await sleep(50);
    }
    expect(stopped(), `the worker stopped (statuses: ${statuses.join(', ')})`).toBe(true);
  }
  return {
    statuses,
    stop,
    async stopAndStayStopped(quietMs = 1_000) {
      for (let tries = 0; tries < 10; tries++) {
        await stop();
        const from = statuses.length;
        await sleep(quietMs);
        if (!statuses.slice(from).includes('starting')) return;
      }
      throw new Error(`the worker kept starting again after a stop (statuses: ${statuses.join(', ')})`);
    },
    detach: () => cdp.detach(),
  };
}
