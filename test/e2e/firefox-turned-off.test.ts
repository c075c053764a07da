/**
 * Paper Radar removed from Firefox while a listing is open, then installed again, in Debian's
 * firefox-esr. Firefox cuts the add-on's scripts off and takes its declared stylesheets out of the
 * open pages, but leaves what the scripts put in the page. The Firefox build therefore declares
 * the page stylesheet in its manifest, and the page's own <style> only hides what would stay
 * behind (see PAGE_CSS_IN_MANIFEST in content-scripts/ui/styles.ts): once the add-on is gone, the
 * listing shows no controls and no dimmed entry. Before, it kept dead controls and its dimming
 * until it was reloaded. Installed again, Firefox runs the content scripts in the open tab, and
 * the listing gets one working control per entry. (WebDriver BiDi can remove an add-on but not
 * turn it off; Firefox shuts an add-on down the same way for both.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { ARXIV_PAGES } from '../../scripts/lib/demo-pages';
import { buildForFirefox, FIREFOX_DIST_DIR, launchFirefoxWithExtension, requireFirefox, waitForFirefoxAnnotation, type FirefoxExtensionBrowser } from '../../scripts/lib/firefox';
import { requireShared } from '../../scripts/lib/shared';
import { PAGE_CSS, PAGE_STYLE_ID, STANDBY_CSS } from '../../content-scripts/ui/styles';

const page = ARXIV_PAGES.hepThNew;
const READ_ID = 'arxiv:2408.03941';
const STAR_ID = 'arxiv:2408.04021';
const available = requireShared('the Firefox turned-off end-to-end test', `fixtures/pages/${page.file}`) && requireFirefox();

/** What of ours the page shows: controls laid out, the keyboard's help, the read entry's opacity. */
const shown = (tab: Page) =>
  tab.evaluate((readId) => {
    const hosts = [...document.querySelectorAll('[data-paper-radar-id]')];
    const readEntry = document.querySelector(`[data-paper-radar-id="${readId}"]`)!.closest('dt')!;
    const help = document.querySelector('[data-paper-radar-help]');
    return {
      controls: hosts.length,
      controlsShown: hosts.filter((host) => host.getClientRects().length > 0).length,
      helpShown: help !== null && help.getClientRects().length > 0,
      readEntryOpacity: getComputedStyle(readEntry).opacity,
    };
  }, READ_ID);

const pressed = (tab: Page, id: string, action: string) =>
  tab.$eval(`[data-paper-radar-id="${id}"] >>> button[data-paper-radar-action="${action}"]`, (button) => button.getAttribute('aria-pressed'));

describe.skipIf(!available)('Paper Radar removed from Firefox and installed again', () => {
  let browser: FirefoxExtensionBrowser;
  beforeAll(buildForFirefox);
  afterAll(async () => browser?.close());

  it('takes its controls and dimming off the open listing when removed, and puts working ones back when installed again', async () => {
    // The build declares the page stylesheet; the page's own <style> holds only the standby rule.
    const manifest = JSON.parse(readFileSync(path.join(FIREFOX_DIST_DIR, 'manifest.json'), 'utf8')) as { content_scripts: Array<{ css?: string[] }> };
    const declared = manifest.content_scripts.flatMap((script) => script.css ?? []);
    expect(declared).toHaveLength(1);
    expect(readFileSync(path.join(FIREFOX_DIST_DIR, declared[0]!), 'utf8')).toBe(PAGE_CSS);

    browser = await launchFirefoxWithExtension({ pages: [page] });
    const tab = await browser.newPage();
    await tab.goto(page.url);
    expect(await waitForFirefoxAnnotation(tab)).toMatchObject({ entries: 49, annotated: 49 });
    expect(await tab.$eval(`#${PAGE_STYLE_ID}`, (style) => style.textContent)).toBe(STANDBY_CSS);
    await tab.locator(`[data-paper-radar-id="${READ_ID}"] >>> button[data-paper-radar-action="read"]`).click();
    await expect.poll(() => pressed(tab, READ_ID, 'read')).toBe('true');
    // The pointer, the focus and the keyboard's current entry off the read one (which shows in
    // full while pointed at, focused or current): j moves them to the next entry.
    await tab.mouse.move(1, 1);
    await tab.keyboard.press('j');
    await tab.keyboard.press('?');
    await expect.poll(() => shown(tab)).toEqual({ controls: 49, controlsShown: 49, helpShown: true, readEntryOpacity: '0.55' });

    await tab.evaluate(() => document.querySelectorAll('[data-paper-radar-id]').forEach((host) => host.setAttribute('data-test-old', '')));
    await browser.browser.uninstallExtension(browser.addonId);
    await expect.poll(() => shown(tab), { timeout: 10_000 }).toEqual({ controls: 49, controlsShown: 0, helpShown: false, readEntryOpacity: '1' });

    // Installed again (a new install: its database starts empty), Firefox runs the content
    // scripts in the open tab: they replace the dead controls, one per entry, shown, working.
    await browser.browser.installExtension(FIREFOX_DIST_DIR);
    const replaced = () => tab.evaluate(() => document.querySelectorAll('[data-test-old]').length === 0);
    await expect.poll(replaced, { timeout: 15_000 }).toBe(true);
    expect(await shown(tab).then((now) => [now.controls, now.controlsShown])).toEqual([49, 49]);
    // What the old copy left is gone: its help panel (it covered the listing, dead), and its marks
    // on the entries (this install has no paper read).
    expect(await tab.evaluate(() => document.querySelectorAll('[data-paper-radar-help], [data-paper-radar-read], [data-paper-radar-current]').length)).toBe(0);
    expect(await pressed(tab, READ_ID, 'read')).toBe('false');
    await tab.locator(`[data-paper-radar-id="${STAR_ID}"] >>> button[data-paper-radar-action="star"]`).click();
    await expect.poll(() => pressed(tab, STAR_ID, 'star')).toBe('true');
  });
});
