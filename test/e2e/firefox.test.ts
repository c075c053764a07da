/**
 * End to end in Debian's firefox-esr: the Firefox build (dist-firefox/) installed as a temporary
 * add-on, driven by puppeteer-core over WebDriver BiDi, on the saved hep-th/new page served at
 * its real URL. The same core scenario as in Chromium: star on a page, the state after a reload,
 * entries seen on screen no longer new on the next visit, entries the page rewrites in place, a
 * listing rendered anew after a client-side navigation, the
 * popup lists the star; a file imported through the popup's Import…, which opens the library page
 * (a file dialog closes Firefox's popup panel), and read in a worker; interests typed in the
 * options page showing styled badges; and keys typed inside a closed shadow root left to the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { ARXIV_PAGES } from '../../scripts/lib/demo-pages';
import {
  buildForFirefox,
  FIREFOX_ADDON_ID,
  launchFirefoxWithExtension,
  openExtensionPage,
  requireFirefox,
  waitForFirefoxAnnotation,
  type FirefoxExtensionBrowser,
} from '../../scripts/lib/firefox';
import { requireShared } from '../../scripts/lib/shared';
import { withTempFile } from '../../scripts/lib/temp-file';
import { ADD_CLOSED_FIELD, CLOSED_FIELD_VALUE, REMOVE_CLOSED_FIELD } from '../support/closed-field';
import { RENDER_LISTING_ANEW } from '../support/client-navigation';
import { saveTopicInFirefox } from '../support/options-page';
import { notStoredAsSeen } from '../support/stored-states';

const page = ARXIV_PAGES.hepThNew;
const ID = 'arxiv:2408.03941';
const IMPORTED = 'arxiv:2401.00001';

const available = requireShared('the Firefox end-to-end test', `fixtures/pages/${page.file}`) && requireFirefox();

const starPressed = (tab: Page) =>
  tab.$eval(`[data-paper-radar-id="${ID}"] >>> button[data-paper-radar-action="star"]`, (button) => button.getAttribute('aria-pressed'));

describe.skipIf(!available)('arXiv listing in Firefox', () => {
  let browser: FirefoxExtensionBrowser;
  beforeAll(buildForFirefox);
  afterAll(async () => browser?.close());

  it('installs as a temporary add-on, persists a star across a reload, marks seen what was on screen, lists it in the popup, imports a file through the library page, and shows relevance badges', async () => {
    const started = performance.now();
    browser = await launchFirefoxWithExtension({ pages: [page] });
    expect(browser.addonId).toBe(FIREFOX_ADDON_ID);
    const launched = performance.now();

    const tab = await browser.newPage();
    await tab.goto(page.url);
    expect(await waitForFirefoxAnnotation(tab)).toMatchObject({ entries: 49, annotated: 49 });
    expect(await starPressed(tab)).toBe('false');
    // The read button's word is drawn by our page stylesheet through its part, as in Chromium.
    const readWord = await tab.$eval(`[data-paper-radar-id="${ID}"] >>> button[data-paper-radar-action="read"]`, (button) => getComputedStyle(button, '::before').content);
    expect(readWord).toBe('"read"');
    // The control's group is named by reference to the entry's title line (element reflection), as in Chromium.
    const name = await tab.$eval(`[data-paper-radar-id="${ID}"]`, (host) => {
      const [label] = (host as HTMLElement & { ariaLabelledByElements: Element[] | null }).ariaLabelledByElements ?? [];
      return { label: label?.className ?? null, inEntry: label?.closest('dd')?.previousElementSibling?.contains(host) ?? false, ariaLabel: host.getAttribute('aria-label') };
    });
    expect(name).toEqual({ label: 'list-title mathjax', inEntry: true, ariaLabel: null });

    await tab.locator(`[data-paper-radar-id="${ID}"] >>> button[data-paper-radar-action="star"]`).click();
    await expect.poll(() => starPressed(tab)).toBe('true');

    // Seen and new, through Firefox's IntersectionObserver: everything is new on a first visit;
    // what was on screen for a second is not on the next, what never was still is.
    const newIds = () => tab.$$eval('[data-paper-radar-id]', (hosts) => hosts.filter((h) => h.hasAttribute('data-paper-radar-new')).map((h) => h.getAttribute('data-paper-radar-id')!));
    const everyId = await newIds();
    expect(everyId).toHaveLength(49);
    // Entries wholly on screen: the <dt> holding the control, and its <dd>.
    const onScreen = await tab.$$eval('[data-paper-radar-id]', (hosts) =>
      hosts
        .filter((h) => {
          const dt = h.closest('dt')!;
          return dt.getBoundingClientRect().top >= 0 && dt.nextElementSibling!.getBoundingClientRect().bottom <= innerHeight;
        })
        .map((h) => h.getAttribute('data-paper-radar-id')!),
    );
    expect(onScreen.length).toBeGreaterThan(0);
    // A second on screen, then the batch is written: read from the popup's page in a window of
    // its own, opened behind (in a tab of this window it would hide the listing, and the seen
    // tracker stops timing a hidden page).
    const reader = await browser.browser.newPage({ type: 'window', background: true });
    await openExtensionPage(reader, browser.popupUrl);
    await expect.poll(() => notStoredAsSeen(reader, onScreen), { timeout: 10_000 }).toEqual([]);
    await reader.close();

    // Reload: the state comes back from the extension's IndexedDB, through the ask made as the
    // page was parsed (wake.js and main.js share their isolated world's global in Firefox too).
    await tab.reload();
    expect(await waitForFirefoxAnnotation(tab)).toMatchObject({ answeredEarly: 49 });
    expect(await starPressed(tab)).toBe('true');
    const stillNew = await newIds();
    expect(stillNew.filter((id) => onScreen.includes(id))).toEqual([]);
    expect(stillNew).toContain(everyId[everyId.length - 1]);

    // Keys typed in a field inside a closed shadow root are the page's (Firefox shows content
    // scripts such roots as element.openOrClosedShadowRoot); outside it, j is ours.
    const outlined = () => tab.$$eval('[data-paper-radar-current]', (els) => els.length);
    await tab.evaluate(ADD_CLOSED_FIELD);
    await tab.keyboard.type('jsx');
    expect(await tab.evaluate(CLOSED_FIELD_VALUE)).toBe('jsx');
    expect(await outlined()).toBe(0);
    expect(await starPressed(tab)).toBe('true');
    await tab.evaluate(REMOVE_CLOSED_FIELD);
    await tab.keyboard.press('j');
    await expect.poll(outlined).toBeGreaterThan(0);

    // The page rewrites the first two entries in place, each now linking the other's paper:
    // their controls follow the links (the DOM watcher sees href changes through Firefox's Xrays too).
    const firstTwo = () => tab.$$eval('[data-paper-radar-id]', (hosts) => hosts.slice(0, 2).map((host) => host.getAttribute('data-paper-radar-id')));
    const before = await firstTwo();
    await tab.evaluate(() => {
      const links = [...document.querySelectorAll('dl#articles > dt')].slice(0, 2).map((dt) => dt.querySelector('a[href*="/abs/"]')!);
      const hrefs = links.map((a) => a.getAttribute('href')!);
      links[0]!.setAttribute('href', hrefs[1]!);
      links[1]!.setAttribute('href', hrefs[0]!);
    });
    await expect.poll(firstTwo).toEqual([before[1], before[0]]);

    // Client-side navigation (Firefox 140 has no Navigation API: the history change and the DOM
    // watcher tell): the app swaps the listing for a fresh render, annotated anew, states and all.
    await tab.evaluate(RENDER_LISTING_ANEW);
    await expect.poll(() => tab.$$eval('[data-paper-radar-id]', (hosts) => hosts.length)).toBe(49);
    await expect.poll(() => starPressed(tab)).toBe('true');

    // The popup, opened as a page at its fixed moz-extension:// URL, lists the starred paper.
    const popup = await browser.browser.newPage();
    await openExtensionPage(popup, browser.popupUrl);
    await popup.waitForSelector(`.paper[data-paper-radar-id="${ID}"]`, { timeout: 10_000 });
    expect(await popup.$$eval('.paper[data-paper-radar-id]', (items) => items.map((item) => item.getAttribute('data-paper-radar-id')))).toEqual([ID]);

    // Importing a file (read in a worker, as in Chromium): a list of ids, seeded as starred.
    // Firefox closes its popup panel when a file dialog opens, so the popup's Import… opens the
    // library page, where the file field has the focus.
    expect(await popup.$('[data-paper-radar-action="import"]')).toBeNull();
    // (Puppeteer does not see moz-extension:// addresses: the new tab is found as the one target
    // more, and its address read from inside.)
    const targetsBefore = new Set(browser.browser.targets());
    // The popup closes itself as it opens the library page (as its panel would): Firefox 140.12
    // closes the tab at once, and the click's input actions then find their page gone.
    await popup.click('[data-paper-radar-action="import-in-library"]').catch((error: unknown) => {
      if (!/BrowsingContext does no longer exist/.test(String(error))) throw error;
    });
    const opened = await browser.browser.waitForTarget((target) => !targetsBefore.has(target) && target.type() === 'page', { timeout: 10_000 });
    const library = (await opened.page())!;
    await expect.poll(() => library.evaluate(() => location.pathname + location.search).catch(() => ''), { timeout: 10_000 }).toBe('/popup/library.html?import');
    await library.waitForSelector('[data-paper-radar-action="import"]', { timeout: 10_000 });
    expect(await library.evaluate(() => document.activeElement?.getAttribute('data-paper-radar-action'))).toBe('import');
    await withTempFile('ids.txt', `# to read\n${IMPORTED}\n`, async (idsFile) => {
      const input = await library.$('[data-paper-radar-action="import"]');
      await (input as ElementHandle<HTMLInputElement>).uploadFile(idsFile);
      // Polled from here: puppeteer's waitForFunction builds its predicate with Function(), which
      // an extension page's CSP blocks in Firefox 140.
      const message = () => library.$eval('[data-paper-radar-import-message]', (el) => el.textContent ?? '').catch(() => '');
      await expect.poll(message, { timeout: 10_000 }).toMatch(/^Imported 1 paper from ids\.txt: 1 added/);
    });
    await library.waitForSelector(`.paper[data-paper-radar-id="${IMPORTED}"]`, { timeout: 10_000 });

    // Relevance: interests typed in the options page give the listing its badges, styled in their
    // shadow roots (where Firefox refuses a content script the adopted sheet, by a <style>).
    await saveTopicInFirefox(browser, await browser.browser.newPage(), 'Black holes', 'black hole\nevent horizon');
    await tab.reload();
    await waitForFirefoxAnnotation(tab);
    const styledBadges = () =>
      tab.$$eval('[data-paper-radar-id]', (hosts) =>
        hosts.filter((host) => {
          const badge = host.shadowRoot?.querySelector('[data-paper-radar-score]');
          return badge && getComputedStyle(badge).borderTopLeftRadius === '3px' && getComputedStyle(badge, '::before').content.length > 2;
        }).length,
      );
    await expect.poll(styledBadges, { timeout: 20_000 }).toBe(49);

    // Offline: the page itself came from the saved file; nothing else was answered.
    // (The last load was of the address the client-side navigation left.)
    expect(browser.requests.filter((r) => r.servedFrom).map((r) => r.url)).toEqual([page.url, page.url, `${page.url}?skip=0`]);

    const done = performance.now();
    console.log(
      `Firefox E2E: ${((done - started) / 1000).toFixed(1)} s (launch + install ${((launched - started) / 1000).toFixed(1)} s, scenario ${((done - launched) / 1000).toFixed(1)} s)`,
    );
  });
});
