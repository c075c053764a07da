/**
 * Sites taken away, in real Chromium: the user turns off "Automatically allow access on the
 * following sites" on the extension's details page (chrome://extensions), as a privacy-minded user
 * does. An arXiv listing then goes unmarked (our script cannot run there to say why), so the popup
 * names the sites with Allow…, and the options page lists each as not allowed. Turning arxiv.org
 * back on in the same settings shows at once in the open options page, and the open listing is
 * marked at once. (Allow… itself opens Chrome's own prompt, which no page script can answer: the
 * unit test covers what it asks; the Firefox test clicks it.)
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARXIV_PAGES } from '../../scripts/lib/demo-pages';
import { launchWithExtension, optionsUrl, popupUrl, tabIdOf, waitForAnnotation, type ExtensionBrowser } from '../../scripts/lib/browser';
import { REPO_ROOT, requireShared } from '../../scripts/lib/shared';
import { seriousViolations } from '../support/axe';

const page = ARXIV_PAGES.hepThNew;
const SHOTS = path.join(REPO_ROOT, 'artifacts/screenshots');
const available = requireShared('the site access end-to-end test', `fixtures/pages/${page.file}`);

const sites = (options: Page) =>
  options.$$eval('[data-paper-radar-site]', (rows) => rows.map((row) => `${(row as HTMLElement).dataset.paperRadarSite}: ${row.textContent}`));

describe.skipIf(!available)('sites the user takes away, in Chromium', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension({ pages: [page] });
  });
  afterAll(async () => browser?.close());

  it('names them in the popup and the options page, and shows a site given back at once', async () => {
    const settings = await browser.context.newPage();
    await settings.goto(`chrome://extensions/?id=${browser.extensionId}`);
    await settings.locator('extensions-toggle-row#allHostsToggle').click();
    await expect.poll(() => settings.locator('extensions-toggle-row#allHostsToggle').getAttribute('checked')).toBeNull();

    // The listing loads but nothing of ours runs on it.
    const listing = await browser.context.newPage();
    await listing.goto(page.url);
    await listing.waitForLoadState('load');
    await listing.waitForTimeout(1_500);
    expect(await listing.locator('[data-paper-radar-id]').count()).toBe(0);

    const popup = await browser.context.newPage();
    await popup.goto(`${popupUrl(browser)}?tab=${await tabIdOf(browser, listing)}`);
    const notice = popup.locator('[data-paper-radar-site-access]');
    await expect.poll(() => notice.getAttribute('data-paper-radar-site-access')).toBe('arXiv,Hugging Face,Google Scholar,ACL Anthology');
    expect(await notice.textContent()).toContain(
      'Paper Radar may not run on arXiv, Hugging Face, Google Scholar and ACL Anthology: papers there are not marked until you allow it.',
    );
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.screenshot({ path: path.join(SHOTS, 'site-access-popup.png') });

    const options = await browser.context.newPage();
    await options.goto(optionsUrl(browser));
    await expect.poll(() => sites(options)).toEqual([
      'arXiv: arXiv not allowed Allow…',
      'Hugging Face: Hugging Face not allowed Allow…',
      'Google Scholar: Google Scholar not allowed Allow…',
      'ACL Anthology: ACL Anthology not allowed Allow…',
    ]);

    // arxiv.org given back on the details page (www.arxiv.org not): the open options page shows it.
    await settings.bringToFront();
    await settings.locator('extensions-toggle-row[data-host="https://arxiv.org/*"]').click();
    await expect.poll(() => sites(options)).toEqual([
      'arXiv: arXiv not allowed on 4 of its 8 addresses Allow…',
      'Hugging Face: Hugging Face not allowed Allow…',
      'Google Scholar: Google Scholar not allowed Allow…',
      'ACL Anthology: ACL Anthology not allowed Allow…',
    ]);
    expect(await seriousViolations(options, '.site-access-settings')).toEqual([]);
    await options.screenshot({ path: path.join(SHOTS, 'site-access-options.png'), fullPage: true });

    // The open listing is marked at once, not once reloaded (src/background/open-tabs.ts).
    const loaded = await listing.evaluate(() => performance.timeOrigin);
    expect(await waitForAnnotation(listing)).toMatchObject({ entries: 49, annotated: 49 });
    expect(await listing.evaluate(() => performance.timeOrigin)).toBe(loaded);

    // Another address given back: the listing's script, live, answers the worker, which runs no
    // second one there; its controls stay, one per entry.
    await listing.evaluate(() => document.querySelectorAll('[data-paper-radar-id]').forEach((host) => host.setAttribute('data-first-copy', '')));
    await settings.bringToFront();
    await settings.locator('extensions-toggle-row[data-host="https://www.arxiv.org/*"]').click();
    await expect.poll(() => sites(options).then((rows) => rows[0])).toBe('arXiv: arXiv allowed');
    await listing.waitForTimeout(1_000);
    expect(await listing.locator('[data-paper-radar-id]').count()).toBe(49);
    expect(await listing.locator('[data-first-copy]').count()).toBe(49);
  });
});
