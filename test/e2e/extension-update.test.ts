/**
 * Paper Radar updated, or turned off and on again, while a listing is open, in real Chromium: the
 * extension reloaded from its service worker (as an update does, onInstalled with reason
 * "update"), or disabled and enabled from chrome://extensions (no onInstalled). Chrome runs no content
 * script in pages already open, and the old copy of the script lives on there, cut off: each
 * click on its controls could only say "reload the page". The new worker runs the listing script
 * in the open tab (src/background/open-tabs.ts); the old copy takes its controls away; the
 * page's entries have one working control each, with their stored states, without a reload.
 * Also in a page still loading then, where Chrome may run its own copy too (one runs, not two);
 * and turned off and left off: the old copy takes its controls away at the next click or key.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Worker } from 'playwright-core';
import { ARXIV_PAGES, pageFile } from '../../scripts/lib/demo-pages';
import { launchWithExtension, waitForAnnotation, type ExtensionBrowser } from '../../scripts/lib/browser';
import { requireShared } from '../../scripts/lib/shared';
import { storedStates } from '../support/stored-states';

const listing = ARXIV_PAGES.hepThNew;
const available = requireShared('the extension-update end-to-end test', `fixtures/pages/${listing.file}`);

/** Each control's paper on the page, in page order (a paper listed twice has two). */
const controlIds = (page: Page) => page.evaluate(() => [...document.querySelectorAll('[data-paper-radar-id]')].map((el) => el.getAttribute('data-paper-radar-id')!));
const starButton = (page: Page, id: string) => page.locator(`[data-paper-radar-id="${id}"] [data-paper-radar-action="star"]`);

/** The listing opened and annotated, the paper at `index` starred; its controls marked as the old copy's. */
async function listingWithAStar(browser: ExtensionBrowser, index: number): Promise<{ page: Page; before: string[]; starred: string }> {
  const page = await browser.context.newPage();
  await page.goto(listing.url);
  expect(await waitForAnnotation(page)).toMatchObject({ entries: 49, annotated: 49 });
  const before = await controlIds(page);
  const starred = before[index]!;
  await starButton(page, starred).click();
  await expect.poll(() => starButton(page, starred).getAttribute('aria-pressed')).toBe('true');
  await page.evaluate(() => document.querySelectorAll('[data-paper-radar-id]').forEach((host) => host.setAttribute('data-old-copy', '')));
  return { page, before, starred };
}

/** The same document after the old copy was cut off: its controls gone, a new one per entry with the star it had, and a new star taken. */
async function expectNewControls(page: Page, before: string[], starred: string, toStar: string): Promise<void> {
  await expect.poll(() => page.locator('[data-old-copy]').count(), { timeout: 15_000 }).toBe(0);
  await expect.poll(async () => (await controlIds(page)).sort()).toEqual([...before].sort());
  await expect.poll(() => starButton(page, starred).getAttribute('aria-pressed')).toBe('true');
  await starButton(page, toStar).click();
  await expect.poll(() => starButton(page, toStar).getAttribute('aria-pressed')).toBe('true');
  expect(await page.locator('[data-paper-radar-id] [title*="reload"]').count()).toBe(0);
}

/** Paper Radar turned off or on at chrome://extensions, as the user does there; on: once its worker has started. */
async function turnPaperRadar(browser: ExtensionBrowser, on: boolean): Promise<void> {
  const started = on && browser.context.waitForEvent('serviceworker', { timeout: 30_000 });
  const settings = await browser.context.newPage();
  await settings.goto('chrome://extensions/');
  await settings.evaluate(
    ([id, on]) => (globalThis as unknown as { chrome: { management: { setEnabled(id: string, on: boolean): Promise<void> } } }).chrome.management.setEnabled(id, on),
    [browser.extensionId, on] as const,
  );
  await settings.close();
  if (started) await started;
}

describe.skipIf(!available)('an update while a listing is open, in Chromium', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension({ pages: [listing] });
  });
  afterAll(async () => browser?.close());

  it('gives the open listing working controls again, one per entry, with their states, without a reload', async () => {
    const { page, before, starred } = await listingWithAStar(browser, 2);
    const starredAfter = before[7]!;
    const loadedAt = await page.evaluate(() => performance.timeOrigin);

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

    // The same document (not reloaded), with working controls: a star given now is stored.
    await expectNewControls(page, before, starred, starredAfter);
    expect(await page.evaluate(() => performance.timeOrigin)).toBe(loadedAt);
    const reader = await browser.context.newPage();
    await reader.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
    await expect.poll(async () => (await storedStates(reader, [starredAfter]))[starredAfter]?.starred).toBe(true);
    expect(await controlIds(page)).toHaveLength(before.length);

    // The worker's copy run again where a live one runs (as when Chrome runs its own in a tab the
    // worker ran one in): it stops, and the live copy's controls stay, one per entry.
    await page.evaluate(() => document.querySelectorAll('[data-paper-radar-id]').forEach((host) => host.setAttribute('data-live-copy', '')));
    const ran = await worker.evaluate(async (url) => {
      type Chrome = {
        tabs: { query(q: object): Promise<Array<{ id: number }>> };
        scripting: { executeScript(i: object): Promise<unknown> };
      };
      const { tabs, scripting } = (globalThis as unknown as { chrome: Chrome }).chrome;
      const [tab] = await tabs.query({ url });
      await scripting.executeScript({ target: { tabId: tab!.id }, files: ['content-scripts/main.js'] });
      return true;
    }, listing.url);
    expect(ran).toBe(true);
    await page.waitForTimeout(1_000);
    expect(await page.locator('[data-live-copy]').count()).toBe(before.length);
    expect(await controlIds(page)).toHaveLength(before.length);
  });

  it('gives the open listing working controls again when Paper Radar is turned off and on', async () => {
    const { page, before, starred } = await listingWithAStar(browser, 11);
    await turnPaperRadar(browser, false);
    await turnPaperRadar(browser, true);
    await expectNewControls(page, before, starred, before[12]!);
  });

  it('takes the controls away when Paper Radar is turned off and left off, at the next click or key on the page', async () => {
    const { page, before, starred } = await listingWithAStar(browser, 5);
    await turnPaperRadar(browser, false);
    // Still there (nothing told the page), dead: a click on one takes them all away, before its own
    // handler could say "reload the page".
    expect(await controlIds(page)).toEqual(before);
    // (The mouse, not the locator's click, which waits for its button to stay.)
    await starButton(page, before[6]!).scrollIntoViewIfNeeded();
    const box = (await starButton(page, before[6]!).boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => controlIds(page)).toEqual([]);
    expect(await page.locator('[data-paper-radar-id] [title*="reload"]').count()).toBe(0);
    await turnPaperRadar(browser, true);
    await expect.poll(async () => (await controlIds(page)).sort(), { timeout: 15_000 }).toEqual([...before].sort());
    await expect.poll(() => starButton(page, starred).getAttribute('aria-pressed')).toBe('true');
    expect(await starButton(page, before[6]!).getAttribute('aria-pressed')).toBe('false'); // the click did nothing

    // Turned off again: a key (the listing's own: j, next entry) takes them away too.
    await turnPaperRadar(browser, false);
    expect(await controlIds(page)).toHaveLength(before.length);
    await page.keyboard.press('j');
    await expect.poll(() => controlIds(page)).toEqual([]);
    await turnPaperRadar(browser, true);
    await expect.poll(async () => (await controlIds(page)).length, { timeout: 15_000 }).toBe(before.length);
    await page.close();
  });

  it('gives controls to a listing still loading when Paper Radar is turned on, one per entry', async () => {
    // Parsed while Paper Radar was off, and not loaded (an image that never comes): Chrome runs no
    // copy of the script there once it is on (the page's document_idle has passed); the worker does.
    const slowImage = new URL('/slow-image.png', listing.url).href;
    const html = readFileSync(pageFile(listing), 'utf8').replace('</body>', `<img src="${slowImage}" alt=""></body>`);
    await browser.context.route(listing.url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await browser.context.route(slowImage, () => {}); // never answered
    await turnPaperRadar(browser, false);
    const page = await browser.context.newPage();
    await page.goto(listing.url, { waitUntil: 'domcontentloaded' });
    await page.waitForTimeout(500);
    await turnPaperRadar(browser, true);
    await expect.poll(async () => (await controlIds(page)).length, { timeout: 15_000 }).toBe(49);
    expect(await page.evaluate(() => document.readyState)).toBe('interactive');
    await page.waitForTimeout(1_500);
    expect(await controlIds(page)).toHaveLength(49); // one copy of the script, not two

    // Turned on before the page is even parsed (a slow script holds the parser): the worker's copy
    // runs once it is, and if Chrome runs its own there too, the second to start stops.
    const slowScript = new URL('/slow-script.js', listing.url).href;
    await browser.context.unroute(listing.url);
    await browser.context.route(listing.url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html.replace('</head>', `<script src="${slowScript}"></script></head>`) }));
    let releaseScript = () => {};
    await browser.context.route(slowScript, (route) => void new Promise<void>((release) => (releaseScript = release)).then(() => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' })));
    await turnPaperRadar(browser, false);
    await page.goto(listing.url, { waitUntil: 'commit' });
    await turnPaperRadar(browser, true);
    await page.waitForTimeout(1_000); // the worker has looked at the tab, still parsing
    expect(await page.evaluate(() => document.readyState)).toBe('loading');
    releaseScript();
    await expect.poll(async () => (await controlIds(page)).length, { timeout: 15_000 }).toBe(49);
    await page.waitForTimeout(2_000);
    expect(await controlIds(page)).toHaveLength(49);
    await browser.context.unroute(listing.url);
    await browser.context.unroute(slowImage);
    await browser.context.unroute(slowScript);
  });
});
