/**
 * Privacy, proved: the extension makes no network requests of its own. The same demo pages are
 * used twice in real Chromium — once without the extension, once with it (annotating, starring,
 * scrolling, the popup, the library page, the options page) — and Chromium's own NetLog (every
 * URL request the browser process makes, whoever asked: pages, service workers, extensions)
 * must show no host contacted with the extension that the pages did not contact alone (hosts,
 * not URLs: lazy-loaded images differ from run to run). Playwright's per-request record says it
 * per request: none came from the extension's worker or pages.
 *
 * One exception, documented: with any extension installed, Chromium itself asks its update
 * service whether the extension has an update (update.googleapis.com / clients2.google.com).
 * That is the browser's request, not Paper Radar's (an unpacked extension has no update URL);
 * the request record confirms it did not come from the extension.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PAGES } from '../../scripts/lib/demo-pages';
import { launchWithExtension, optionsUrl, popupUrl, waitForAnnotation, type ExtensionBrowser } from '../../scripts/lib/browser';
import { requireShared } from '../../scripts/lib/shared';

const available = requireShared('the privacy end-to-end test', ...DEMO_PAGES.map((p) => `fixtures/pages/${p.file}`));
const dir = mkdtempSync(path.join(os.tmpdir(), 'paper-radar-netlog-'));

const BROWSER_UPDATE_HOSTS = new Set(['update.googleapis.com', 'clients2.google.com']);

/** Hosts of every http(s) URL request in a NetLog file. */
function netLogHosts(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').trimEnd();
  // Chromium completes the file on a clean exit; a log cut short ends inside the events list.
  const log = JSON.parse(text.endsWith('}') ? text : `${text.replace(/,$/, '')}]}`) as { events: Array<{ params?: { url?: string } }> };
  const hosts = new Set<string>();
  for (const event of log.events) {
    const url = event.params?.url;
    if (url && /^https?:/.test(url)) hosts.add(new URL(url).hostname);
  }
  return hosts;
}

async function visitAll(browser: ExtensionBrowser, withExtension: boolean): Promise<void> {
  for (const demo of DEMO_PAGES) {
    const page = await browser.context.newPage();
    await page.goto(demo.url);
    if (withExtension) {
      const { entries } = await waitForAnnotation(page);
      if (entries > 0) await page.locator('[data-paper-radar-action="star"]').first().click();
    }
    await page.mouse.wheel(0, 2_000);
    await page.waitForTimeout(1_200);
    await page.close();
  }
  if (!withExtension) return;
  for (const url of [popupUrl(browser), popupUrl(browser).replace('index.html', 'library.html'), optionsUrl(browser)]) {
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForTimeout(800);
    const insights = page.locator('[data-paper-radar-view="insights"]');
    if (await insights.count()) await insights.click();
    await page.waitForTimeout(500);
    await page.close();
  }
}

describe.skipIf(!available)('privacy in Chromium', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the extension makes no network requests of its own across the demo pages, popup, library and options', async () => {
    const without = await launchWithExtension({ pages: DEMO_PAGES, withExtension: false, netLog: path.join(dir, 'without.json') });
    try {
      await visitAll(without, false);
    } finally {
      await without.close(); // a browser left running would slow every test after this one
    }
    const withIt = await launchWithExtension({ pages: DEMO_PAGES, netLog: path.join(dir, 'with.json') });
    let recorded: typeof withIt.requests;
    try {
      await visitAll(withIt, true);
      recorded = [...withIt.requests];
    } finally {
      await withIt.close();
    }

    const pagesAlone = netLogHosts(path.join(dir, 'without.json'));
    const withExtension = netLogHosts(path.join(dir, 'with.json'));
    // The log saw the pages (and their subresources' hosts) in both runs.
    for (const demo of DEMO_PAGES) expect(withExtension.has(new URL(demo.url).hostname)).toBe(true);
    expect(pagesAlone.size).toBeGreaterThan(4);
    expect([...withExtension].filter((host) => !pagesAlone.has(host) && !BROWSER_UPDATE_HOSTS.has(host))).toEqual([]);
    expect(recorded.length).toBeGreaterThan(DEMO_PAGES.length);
    expect(recorded.filter((r) => r.byExtension)).toEqual([]);
  }, 180_000); // two browsers over every demo page: ≈ 50 s here
});
