/**
 * Firefox's event page suspended and woken again, in Debian's firefox-esr. Firefox suspends an
 * extension's background page after 30 s without events (`extensions.background.idle.timeout`;
 * 1.5 s here), as Chrome stops its service worker: the next message starts a new one, with none
 * of the old one's memory. A page's click, a reloaded listing (its early ask) and the popup each
 * wake it, and what was stored before is shown after: states, and the scores of the relevance
 * model. The Chromium side is stopped-worker.test.ts.
 *
 * Whether the background page runs is read from an extension page with extension.getViews():
 * the background page is one of the extension's views while it runs, and each start is a new
 * window with a new performance.timeOrigin. Reading does not wake it. A watcher page looks every
 * 100 ms and keeps every start it saw: one look after an event could come, on a slow machine,
 * after the page was suspended again (a start lives at least the idle timeout, so none is missed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { ARXIV_PAGES } from '../../scripts/lib/demo-pages';
import { buildForFirefox, launchFirefoxWithExtension, openExtensionPage, requireFirefox, waitForFirefoxAnnotation, type FirefoxExtensionBrowser } from '../../scripts/lib/firefox';
import { requireShared } from '../../scripts/lib/shared';
import { saveTopicInFirefox } from '../support/options-page';
import { storedStates } from '../support/stored-states';

const page = ARXIV_PAGES.hepThNew;
const IDLE_MS = 1_500;
const available = requireShared('the Firefox suspend end-to-end test', `fixtures/pages/${page.file}`) && requireFirefox();

/**
 * Installs the watcher in an extension page that stays open: it records, every 100 ms, whether
 * the background page runs and each start (timeOrigin) it has not seen before.
 */
async function watchBackgroundPage(watcher: Page) {
  await watcher.evaluate(`(() => {
    const state = (globalThis.paperRadarWatch = { running: false, starts: [] });
    setInterval(() => {
      const views = (globalThis.browser ?? globalThis.chrome).extension.getViews();
      const background = views.find((view) => view.location.pathname === '/_generated_background_page.html');
      state.running = Boolean(background);
      if (background && !state.starts.includes(background.performance.timeOrigin)) state.starts.push(background.performance.timeOrigin);
    }, 100);
  })()`);
  return {
    running: () => watcher.evaluate('globalThis.paperRadarWatch.running') as Promise<boolean>,
    starts: () => watcher.evaluate('globalThis.paperRadarWatch.starts.length') as Promise<number>,
  };
}

describe.skipIf(!available)("Firefox's event page, suspended when idle", () => {
  let browser: FirefoxExtensionBrowser;
  beforeAll(buildForFirefox);
  afterAll(async () => browser?.close());

  it('is woken by a click, a reloaded listing and the popup, each showing what was stored before', async () => {
    browser = await launchFirefoxWithExtension({ pages: [page], prefs: { 'extensions.background.idle.timeout': IDLE_MS } });
    const tab = await browser.newPage();
    await tab.goto(page.url);
    await waitForFirefoxAnnotation(tab);
    const [starredId, readId] = await tab.$$eval('[data-paper-radar-id]', (hosts) => hosts.slice(2, 4).map((host) => host.getAttribute('data-paper-radar-id')!));
    const button = (id: string, action: string) => `[data-paper-radar-id="${id}"] >>> button[data-paper-radar-action="${action}"]`;
    const pressed = (id: string, action: string) => tab.$eval(button(id, action), (b) => b.getAttribute('aria-pressed'));

    // The popup's page, in a window of its own behind the listing (a tab of this window would
    // hide the listing): where the database is read. The watcher, in another, stays put.
    const reader = await browser.browser.newPage({ type: 'window', background: true });
    await openExtensionPage(reader, browser.popupUrl);
    const watcher = await browser.browser.newPage({ type: 'window', background: true });
    await openExtensionPage(watcher, browser.popupUrl);
    const background = await watchBackgroundPage(watcher);
    const suspended = () => expect.poll(background.running, { timeout: 20_000, interval: 250 }).toBe(false);
    /** Waits until the watcher has seen a start after `before` starts. */
    const startedAgain = (before: number) => expect.poll(background.starts, { timeout: 10_000 }).toBeGreaterThan(before);

    await tab.locator(button(starredId!, 'star')).click();
    await expect.poll(() => pressed(starredId!, 'star')).toBe('true');
    await suspended();

    // A click on a page whose background is suspended: its message starts a new one.
    let starts = await background.starts();
    await tab.locator(button(readId!, 'read')).click();
    await expect.poll(() => pressed(readId!, 'read')).toBe('true');
    await startedAgain(starts);
    const marks = async () => {
      const stored = await storedStates(reader, [starredId!, readId!]);
      return [stored[starredId!]?.starred, stored[readId!]?.read];
    };
    await expect.poll(marks).toEqual([true, true]);
    await suspended();

    // A listing loaded while it is suspended: the page's ask, made as it is parsed, wakes it.
    starts = await background.starts();
    await tab.reload();
    expect(await waitForFirefoxAnnotation(tab)).toMatchObject({ entries: 49, annotated: 49, answeredEarly: 49 });
    expect([await pressed(starredId!, 'star'), await pressed(readId!, 'read')]).toEqual(['true', 'true']);
    await startedAgain(starts);
    await suspended();

    // The popup opened while it is suspended lists the star.
    starts = await background.starts();
    await openExtensionPage(reader, browser.popupUrl);
    await reader.waitForSelector(`.paper[data-paper-radar-id="${starredId}"]`, { timeout: 10_000 });
    await startedAgain(starts);

    // Relevance: a background started anew gives the listing the scores the one before gave.
    // (Whether from what was stored or learned again: a unit test, engine.test.ts, tells which.)
    await saveTopicInFirefox(browser, reader, 'Black holes', 'black hole\nevent horizon');
    const scores = () =>
      tab.$$eval('[data-paper-radar-id]', (hosts) => hosts.map((host) => host.shadowRoot?.querySelector<HTMLElement>('[data-paper-radar-score]')?.dataset.paperRadarScore ?? null));
    const scored = async () => {
      await tab.reload();
      await waitForFirefoxAnnotation(tab);
      await expect.poll(async () => (await scores()).filter((score) => score !== null).length, { timeout: 20_000 }).toBe(49);
      return scores();
    };
    const before = await scored();
    expect(new Set(before).size).toBeGreaterThan(1); // the topic tells the papers apart
    await suspended();
    starts = await background.starts();
    expect(await scored()).toEqual(before);
    await startedAgain(starts);
  });
});
