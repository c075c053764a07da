/**
 * No data lost, end to end in real Chromium:
 *   - concurrent writes from 5 tabs (200 star / unstar / read operations on 10 papers, sent at
 *     once) end, for every paper, in the state of the last operation the background applied, and
 *     every open listing shows that state;
 *   - the service worker stopped mid-session (CDP ServiceWorker.stopAllWorkers, right after a
 *     click) loses nothing the user did: stars made before the stop and after it (a new worker
 *     starts) are all there after a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARXIV_PAGES } from '../../scripts/lib/demo-pages';
import { launchWithExtension, popupUrl, waitForAnnotation, type ExtensionBrowser } from '../../scripts/lib/browser';
import { requireShared } from '../../scripts/lib/shared';
import { storedStates } from '../support/stored-states';
import { watchWorker } from '../support/worker-status';
import { seededRandom } from '../../scripts/lib/library-records';

const page = ARXIV_PAGES.hepThNew;
const available = requireShared('the no-data-lost end-to-end test', `fixtures/pages/${page.file}`);

const control = (tab: Page, id: string, action: string) => tab.locator(`[data-paper-radar-id="${id}"] [data-paper-radar-action="${action}"]`);

/** The ids of the first n entries of a listing tab. */
const entryIds = (tab: Page, n: number) =>
  tab.locator('[data-paper-radar-id]').evaluateAll((els, count) => els.slice(0, count).map((el) => el.getAttribute('data-paper-radar-id')!), n);

describe.skipIf(!available)('no data lost, in Chromium', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension({ pages: [page] });
  });
  afterAll(async () => browser?.close());

  it('200 operations from 5 tabs at once end in the last applied operation per paper, shown in every tab', async () => {
    // Listing tabs first, so the papers exist (their metadata is written with the first flag).
    const listings: Page[] = [];
    for (let i = 0; i < 2; i++) {
      const tab = await browser.context.newPage();
      await tab.goto(page.url);
      await waitForAnnotation(tab);
      listings.push(tab);
    }
    const ids = await entryIds(listings[0]!, 10);
    for (const id of ids) await control(listings[0]!, id, 'read').click(); // creates each record
    for (const id of ids) await expect.poll(() => control(listings[0]!, id, 'read').getAttribute('aria-pressed')).toBe('true');

    // 5 extension tabs, 40 operations each, all sent at once.
    const senders: Page[] = [];
    for (let i = 0; i < 5; i++) {
      const tab = await browser.context.newPage();
      await tab.goto(popupUrl(browser).replace('index.html', 'library.html'));
      senders.push(tab);
    }
    const random = seededRandom(7);
    const plans = senders.map(() =>
      Array.from({ length: 40 }, () => ({
        id: ids[Math.floor(random() * ids.length)]!,
        flag: random() < 0.6 ? 'starred' : 'read',
        value: random() < 0.5,
      })),
    );
    const answers = await Promise.all(
      senders.map((tab, i) =>
        tab.evaluate(`(async (ops) => {
          const runtime = chrome.runtime;
          return Promise.all(ops.map(async (op, k) => {
            await new Promise((r) => setTimeout(r, k % 4));
            const answer = await runtime.sendMessage({ type: 'setFlag', id: op.id, flag: op.flag, value: op.value });
            return { ...op, state: answer.state, error: answer.error ?? null };
          }));
        })(${JSON.stringify(plans[i])})`) as Promise<Array<{ id: string; flag: 'starred' | 'read'; value: boolean; state: { starred: boolean; read: boolean; updatedAt: number }; error: string | null }>>,
      ),
    );
    const all = answers.flat();
    expect(all).toHaveLength(200);
    expect(all.filter((a) => a.error !== null)).toEqual([]);

    const stored = await storedStates(senders[0]!, ids);
    for (const id of ids) {
      const ops = all.filter((a) => a.id === id);
      if (ops.length === 0) continue;
      // The background applies writes one after another: the last applied one carries the
      // latest updatedAt, and its answer is what is stored (several may share one millisecond:
      // then the stored state is the answer of one of them).
      const latest = Math.max(...ops.map((a) => a.state.updatedAt));
      const last = ops.filter((a) => a.state.updatedAt === latest);
      expect(stored[id]!.updatedAt).toBe(latest);
      expect(last.map((a) => JSON.stringify({ starred: a.state.starred, read: a.state.read }))).toContain(JSON.stringify({ starred: stored[id]!.starred, read: stored[id]!.read }));
      // Each answer is the state right after its own operation.
      for (const a of ops) expect(a.state[a.flag]).toBe(a.value);
    }
    // Every open listing shows the stored state (cross-tab change notices).
    for (const tab of listings) {
      for (const id of ids) {
        await expect.poll(() => control(tab, id, 'star').getAttribute('aria-pressed')).toBe(String(stored[id]!.starred));
        await expect.poll(() => control(tab, id, 'read').getAttribute('aria-pressed')).toBe(String(stored[id]!.read));
      }
    }
    for (const tab of [...listings, ...senders]) await tab.close();
  }, 180_000); // 200 operations, then each of 5 tabs checked: ≈ 45 s here

  it('stopping the service worker mid-session loses nothing', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(page.url);
    await waitForAnnotation(tab);
    const ids = (await entryIds(tab, 20)).slice(12, 18);
    const extensionPage = await browser.context.newPage();
    await extensionPage.goto(popupUrl(browser).replace('index.html', 'library.html'));
    const worker = await watchWorker(extensionPage, browser.extensionId);
    for (const [i, id] of ids.entries()) {
      await control(tab, id, 'star').click();
      // Right after a click: its write may still be in flight.
      if (i === 2) await worker.stop();
    }
    for (const id of ids) await expect.poll(() => control(tab, id, 'star').getAttribute('aria-pressed'), { timeout: 15_000 }).toBe('true');
    // A new worker answered the later clicks.
    const { statuses } = worker;
    await expect.poll(() => statuses.slice(statuses.indexOf('stopped')).includes('running'), { timeout: 15_000 }).toBe(true);
    await worker.stop();
    await tab.reload();
    await waitForAnnotation(tab);
    for (const id of ids) expect(await control(tab, id, 'star').getAttribute('aria-pressed')).toBe('true');
    await tab.close();
    await extensionPage.close();
  });
});
