/**
 * Paper Radar updated, or turned off and on again, while a listing is open, in real Chromium: the
 * extension reloaded from its service worker (as an update does, onInstalled with reason
 * "update"), or disabled and enabled from chrome://extensions (no onInstalled). Chrome runs no content
 * script in pages already open, and the old copy of the script lives on there, cut off: each
 * click on its controls could only say "reload the page". The new worker runs the listing script
 * in the open tab (src/background/open-tabs.ts); the old copy takes its controls away; the
 * page's entries have one working control each, with their stored states, without a reload.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { ARXIV_PAGES, pageFile } from '../../scripts/lib/demo-pages';
import { launchWithExtension, waitForAnnotation, type ExtensionBrowser } from '../../scripts/lib/browser';
import { requireShared } from '../../scripts/lib/shared';
import { RUN_BY_WORKER } from '../../src/page-commands';
import { storedStates } from '../support/stored-states';

const listing = ARXIV_PAGES.hepThNew;
const available = requireShared('the extension-update end-to-end test', `fixtures/pages/${listing.file}`);

/** Each control's paper on the page, in page order (a paper listed twice has two). */
const controlIds = (page: Page) => page.evaluate(() => [...document.querySelectorAll('[data-paper-radar-id]')].map((el) => el.getAttribute('data-paper-radar-id')!));

describe.skipIf(!available)('an update while a listing is open, in Chromium', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension({ pages: [listing] });
  });
  afterAll(async () => browser?.close());

  it('gives the open listing working controls again, one per entry, with their states, without a reload', async () => {
    const page = await browser.context.newPage();
    await page.goto(listing.url);
    expect(await waitForAnnotation(page)).toMatchObject({ entries: 49, annotated: 49 });
    const before = await controlIds(page);
    const [starredBefore, starredAfter] = [before[2]!, before[7]!];
    const star = (id: string) => page.locator(`[data-paper-radar-id="${id}"] [data-paper-radar-action="star"]`);
    await star(starredBefore).click();
    await expect.poll(() => star(starredBefore).getAttribute('aria-pressed')).toBe('true');
    const loadedAt = await page.evaluate(() => performance.timeOrigin);
    // The old copy's controls, told apart from the new copy's.
    await page.evaluate(() => document.querySelectorAll('[data-paper-radar-id]').forEach((host) => host.setAttribute('data-old-copy', '')));

    // The update: the worker reloads the extension; a new worker starts. (Chromium keeps a
    // reloaded unpacked extension only in developer mode: it is turned on first, as a developer has it.)
    const settings = await browser.context.newPage();
    await settings.goto('chrome://extensions/');
    await settings.evaluate(
      () =>
        new Promise((done) =>
          (globalThis as unknown as { chrome: { developerPrivate: { updateProfileConfiguration(c: object, f: () => void): void } } }).chrome.developerPrivate.updateProfileConfiguration(
            { inDeveloperMode: true },
            () => done(null),
          ),
        ),
    );
    await settings.close();
    const reloaded = browser.context.waitForEvent('serviceworker', { timeout: 30_000 });
    await browser.serviceWorker
      .evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload())
      .catch(() => {}); // the worker goes with it
    const worker: Worker = await reloaded;
    expect(new URL(worker.url()).host).toBe(browser.extensionId);

    // The same document (not reloaded): the old controls gone, a new one per entry, with the star it had.
    await expect.poll(() => page.locator('[data-old-copy]').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(async () => (await controlIds(page)).sort()).toEqual([...before].sort());
    await expect.poll(() => star(starredBefore).getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loadedAt);

    // Its controls work: a star given now is stored, and no "reload the page" error shows.
    await star(starredAfter).click();
    await expect.poll(() => star(starredAfter).getAttribute('aria-pressed')).toBe('true');
    const reader = await browser.context.newPage();
    await reader.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
    await expect.poll(async () => (await storedStates(reader, [starredAfter]))[starredAfter]?.starred).toBe(true);
    expect(await page.locator('[data-paper-radar-id] [title*="reload"]').count()).toBe(0);
    expect(await controlIds(page)).toHaveLength(before.length);

    // The worker's copy run again where a live one runs (as when a tab finishes loading just as
    // the worker looks): it stops, and the live copy's controls stay, one per entry.
    await page.evaluate(() => document.querySelectorAll('[data-paper-radar-id]').forEach((host) => host.setAttribute('data-live-copy', '')));
    const ran = await worker.evaluate(async ([url, flag]) => {
      type Chrome = {
        tabs: { query(q: object): Promise<Array<{ id: number }>> };
        scripting: { executeScript(i: object): Promise<unknown> };
      };
      const { tabs, scripting } = (globalThis as unknown as { chrome: Chrome }).chrome;
      const [tab] = await tabs.query({ url });
      await scripting.executeScript({ target: { tabId: tab!.id }, func: (key: string) => void ((globalThis as Record<string, unknown>)[key] = true), args: [flag] });
      await scripting.executeScript({ target: { tabId: tab!.id }, files: ['content-scripts/main.js'] });
      return true;
    }, [listing.url, RUN_BY_WORKER] as const);
    expect(ran).toBe(true);
    await page.waitForTimeout(1_000);
    expect(await page.locator('[data-live-copy]').count()).toBe(before.length);
    expect(await controlIds(page)).toHaveLength(before.length);
  });

  it('gives the open listing working controls again when Paper Radar is turned off and on', async () => {
    const page = await browser.context.newPage();
    await page.goto(listing.url);
    expect(await waitForAnnotation(page)).toMatchObject({ entries: 49, annotated: 49 });
    const before = await controlIds(page);
    const [starredBefore, starredAfter] = [before[11]!, before[12]!];
    const star = (id: string) => page.locator(`[data-paper-radar-id="${id}"] [data-paper-radar-action="star"]`);
    await star(starredBefore).click();
    await expect.poll(() => star(starredBefore).getAttribute('aria-pressed')).toBe('true');
    await page.evaluate(() => document.querySelectorAll('[data-paper-radar-id]').forEach((host) => host.setAttribute('data-old-copy', '')));

    const settings = await browser.context.newPage();
    await settings.goto('chrome://extensions/');
    const started = browser.context.waitForEvent('serviceworker', { timeout: 30_000 });
    await settings.evaluate(async (id) => {
      const { management } = (globalThis as unknown as { chrome: { management: { setEnabled(id: string, on: boolean): Promise<void> } } }).chrome;
      await management.setEnabled(id, false);
      await management.setEnabled(id, true);
    }, browser.extensionId);
    await settings.close();
    await started;

    await expect.poll(() => page.locator('[data-old-copy]').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(async () => (await controlIds(page)).sort()).toEqual([...before].sort());
    await expect.poll(() => star(starredBefore).getAttribute('aria-pressed')).toBe('true');
    await star(starredAfter).click();
    await expect.poll(() => star(starredAfter).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('[data-paper-radar-id] [title*="reload"]').count()).toBe(0);
  });

  it('gives controls to a listing still loading (an image that never comes) when Paper Radar is turned on', async () => {
    // Parsed while Paper Radar was off: Chrome runs no script of it there once it is on, as the
    // page's document_idle has passed; the page has not loaded, so the tab is still "loading".
    const slowUrl = new URL('/slow-image.png', listing.url).href;
    const html = readFileSync(pageFile(listing), 'utf8').replace('</body>', `<img src="${slowUrl}" alt=""></body>`);
    await browser.context.route(listing.url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await browser.context.route(slowUrl, () => {}); // never answered
    const settings = await browser.context.newPage();
    await settings.goto('chrome://extensions/');
    const turn = (on: boolean, from = settings) =>
      from.evaluate(
        ([id, on]) => (globalThis as unknown as { chrome: { management: { setEnabled(id: string, on: boolean): Promise<void> } } }).chrome.management.setEnabled(id, on),
        [browser.extensionId, on] as const,
      );
    await turn(false);
    const page = await browser.context.newPage();
    await page.goto(listing.url, { waitUntil: 'domcontentloaded' });
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => document.readyState)).toBe('interactive');
    const started = browser.context.waitForEvent('serviceworker', { timeout: 30_000 });
    await turn(true);
    await started;
    await settings.close();

    await expect.poll(async () => (await controlIds(page)).length, { timeout: 15_000 }).toBe(49);
    expect(await page.evaluate(() => document.readyState)).toBe('interactive');
    await page.waitForTimeout(1_500);
    expect(await controlIds(page)).toHaveLength(49); // one copy of the script, not two

    // Turned on while the page is not even parsed (a slow script holds the parser): Chrome may run
    // its own copy once the page is parsed, and the worker's, run before, waits for it: one control per entry.
    const slowScript = new URL('/slow-script.js', listing.url).href;
    await browser.context.unroute(listing.url);
    await browser.context.route(listing.url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html.replace('</head>', `<script src="${slowScript}"></script></head>`) }));
    let releaseScript = () => {};
    await browser.context.route(slowScript, (route) => void new Promise<void>((release) => (releaseScript = release)).then(() => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' })));
    const settingsAgain = await browser.context.newPage();
    await settingsAgain.goto('chrome://extensions/');
    await turn(false, settingsAgain);
    await page.goto(listing.url, { waitUntil: 'commit' });
    const restarted = browser.context.waitForEvent('serviceworker', { timeout: 30_000 });
    await turn(true, settingsAgain);
    await restarted;
    await settingsAgain.close();
    await page.waitForTimeout(1_000); // the worker has looked at the tab, still parsing
    expect(await page.evaluate(() => document.readyState)).toBe('loading');
    releaseScript();
    await expect.poll(async () => (await controlIds(page)).length, { timeout: 15_000 }).toBe(49);
    await page.waitForTimeout(2_000);
    expect(await controlIds(page)).toHaveLength(49);
    await browser.context.unroute(listing.url);
  });
});
