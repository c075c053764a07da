/**
 * Sites taken away, in Debian's firefox-esr: in Firefox an MV3 add-on's sites are permissions
 * the user can take back one by one (about:addons → Permissions, which no test can drive: here
 * the add-on gives them up through permissions.remove, to the same effect). An arXiv listing then
 * goes unmarked; the popup names arXiv, and its Allow… asks Firefox for exactly what is missing,
 * from the user's click (Firefox refuses the request otherwise). Firefox's prompt is turned off
 * by its own preference for tests (extensions.webextOptionalPermissionPrompts), so the grant
 * follows; the listing is marked again on reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { ARXIV_PAGES } from '../../scripts/lib/demo-pages';
import {
  buildForFirefox,
  launchFirefoxWithExtension,
  openExtensionPage,
  requireFirefox,
  waitForFirefoxAnnotation,
  type FirefoxExtensionBrowser,
} from '../../scripts/lib/firefox';
import { requireShared } from '../../scripts/lib/shared';

const page = ARXIV_PAGES.hepThNew;
const available = requireShared('the Firefox site access end-to-end test', `fixtures/pages/${page.file}`) && requireFirefox();

const ARXIV_PATTERNS = JSON.stringify(['', 'www.'].flatMap((www) => ['list/*', 'search/*', 'abs/*', 'catchup*'].map((path) => `https://${www}arxiv.org/${path}`)));
const granted = (extensionPage: Page) => extensionPage.evaluate(`browser.permissions.contains({ origins: ${ARXIV_PATTERNS} })`);

describe.skipIf(!available)('sites taken away, in Firefox', () => {
  let browser: FirefoxExtensionBrowser;
  beforeAll(async () => {
    buildForFirefox();
    browser = await launchFirefoxWithExtension({ pages: [page], prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
  });
  afterAll(async () => browser?.close());

  it('names a site taken away in the popup, and Allow… gives it back', async () => {
    const popup = await browser.newPage();
    await openExtensionPage(popup, browser.popupUrl);
    await popup.waitForSelector('[data-paper-radar-view]', { timeout: 10_000 });
    expect(await popup.$('[data-paper-radar-site-access]')).toBeNull();
    expect(await granted(popup)).toBe(true);
    await popup.evaluate(`browser.permissions.remove({ origins: ${ARXIV_PATTERNS} })`);
    expect(await granted(popup)).toBe(false);

    const listing = await browser.newPage();
    await listing.goto(page.url, { waitUntil: 'load' });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await listing.$$eval('[data-paper-radar-id]', (hosts) => hosts.length)).toBe(0);

    // The open popup heard of the change (permissions.onRemoved) and names arXiv.
    await popup.bringToFront();
    const notice = await popup.waitForSelector('[data-paper-radar-site-access="arXiv"]', { timeout: 10_000 });
    expect(await notice!.evaluate((p) => p.textContent)).toContain('Paper Radar may not run on arXiv: papers there are not marked until you allow it.');

    await popup.click('[data-paper-radar-action="allow-sites"]');
    // (Polled from here: the extension page's policy refuses a function puppeteer would evaluate there.)
    await expect
      .poll(() => popup.$eval('[data-paper-radar-site-access-outcome]', (p) => p.textContent), { timeout: 10_000 })
      .toBe('Allowed: reload a page of that site to see its papers marked.');
    expect(await popup.$('[data-paper-radar-site-access]')).toBeNull();
    expect(await granted(popup)).toBe(true);

    await listing.bringToFront();
    await listing.reload({ waitUntil: 'load' });
    expect(await waitForFirefoxAnnotation(listing)).toMatchObject({ entries: 49, annotated: 49 });
  });
});
