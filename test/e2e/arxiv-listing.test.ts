/**
 * End to end in real Chromium: the built extension (dist/) on saved arXiv pages served at their
 * real URLs. Star and mark read on a page, reload, see the same paper on another page, review
 * and unstar in the popup.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARXIV_PAGES, pageFile } from '../../scripts/lib/demo-pages';
import { launchWithExtension, popupUrl, waitForAnnotation, type ExtensionBrowser } from '../../scripts/lib/browser';
import { REPO_ROOT, requireShared } from '../../scripts/lib/shared';

const SHOTS = path.join(REPO_ROOT, 'artifacts/screenshots');
const pages = [ARXIV_PAGES.hepThNew, ARXIV_PAGES.quantPhNew];
const available = requireShared('the arXiv end-to-end test', ...pages.map((p) => `fixtures/pages/${p.file}`));

// In both hep-th/new and quant-ph/new of 9 Aug 2024 (a cross-list).
const SHARED_ID = 'arxiv:2408.03941';
const OTHER_SHARED_ID = 'arxiv:2408.03984';

const control = (page: Page, id: string, action: 'star' | 'read') =>
  page.locator(`[data-paper-radar-id="${id}"] [data-paper-radar-action="${action}"]`);

describe.skipIf(!available)('arXiv listings in Chromium', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchWithExtension({ pages });
  });
  afterAll(async () => browser?.close());

  it('annotates every entry, persists star/read, shares state across pages and with the popup', async () => {
    const hepTh = await browser.context.newPage();
    await hepTh.goto(ARXIV_PAGES.hepThNew.url);
    // Every entry's state was asked for as the page was parsed (content-scripts/early-states.ts).
    expect(await waitForAnnotation(hepTh)).toMatchObject({ entries: 49, annotated: 49, answeredEarly: 49 });
    expect(await hepTh.locator('[data-paper-radar-id]').count()).toBe(49);
    expect(await hepTh.locator('[data-paper-radar-action="star"]').count()).toBe(49);
    expect(await hepTh.locator('[data-paper-radar-action="read"]').count()).toBe(49);

    // Star one paper, mark another read, by mouse and by keyboard.
    await control(hepTh, SHARED_ID, 'star').click();
    await expect.poll(() => control(hepTh, SHARED_ID, 'star').getAttribute('aria-pressed')).toBe('true');
    await control(hepTh, OTHER_SHARED_ID, 'read').focus();
    await hepTh.keyboard.press('Enter');
    await expect.poll(() => control(hepTh, OTHER_SHARED_ID, 'read').getAttribute('aria-pressed')).toBe('true');
    await hepTh.screenshot({ path: path.join(SHOTS, 'arxiv-hep-th-new.png') });

    // Reload: the state comes back from IndexedDB, through the ask made as the page was parsed.
    await hepTh.reload();
    expect(await waitForAnnotation(hepTh)).toMatchObject({ answeredEarly: 49 });
    expect(await control(hepTh, SHARED_ID, 'star').getAttribute('aria-pressed')).toBe('true');
    expect(await control(hepTh, SHARED_ID, 'read').getAttribute('aria-pressed')).toBe('false');
    expect(await control(hepTh, OTHER_SHARED_ID, 'read').getAttribute('aria-pressed')).toBe('true');

    // Another page that lists the same papers shows the same state.
    const quantPh = await browser.context.newPage();
    await quantPh.goto(ARXIV_PAGES.quantPhNew.url);
    expect(await waitForAnnotation(quantPh)).toMatchObject({ entries: 78, annotated: 78, answeredEarly: 78 });
    expect(await control(quantPh, SHARED_ID, 'star').getAttribute('aria-pressed')).toBe('true');
    expect(await control(quantPh, OTHER_SHARED_ID, 'read').getAttribute('aria-pressed')).toBe('true');

    // A change in one open tab shows in the other without a reload.
    await control(quantPh, OTHER_SHARED_ID, 'star').click();
    await expect.poll(() => control(hepTh, OTHER_SHARED_ID, 'star').getAttribute('aria-pressed')).toBe('true');

    // The popup lists starred papers, newest first, with title, authors and abstract link.
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 440, height: 600 });
    await popup.goto(popupUrl(browser));
    const starredItems = popup.locator('.paper[data-paper-radar-id]');
    await expect.poll(() => starredItems.count()).toBe(2);
    expect(await starredItems.nth(0).getAttribute('data-paper-radar-id')).toBe(OTHER_SHARED_ID);
    const item = popup.locator(`.paper[data-paper-radar-id="${SHARED_ID}"]`);
    const link = item.locator('a.title');
    expect(await link.getAttribute('href')).toBe('https://arxiv.org/abs/2408.03941');
    expect((await link.textContent())?.length).toBeGreaterThan(10);
    expect((await item.locator('.authors').textContent())?.length).toBeGreaterThan(3);
    await popup.screenshot({ path: path.join(SHOTS, 'popup-starred.png') });

    // Unstar from the popup: it leaves the list, and the page shows it after a reload.
    await item.locator('[data-paper-radar-action="star"]').click();
    await expect.poll(() => starredItems.count()).toBe(1);
    await hepTh.reload();
    await waitForAnnotation(hepTh);
    expect(await control(hepTh, SHARED_ID, 'star').getAttribute('aria-pressed')).toBe('false');

    // Mark read from the popup.
    await popup.locator(`.paper[data-paper-radar-id="${OTHER_SHARED_ID}"] [data-paper-radar-action="read"]`).click();
    await expect.poll(() => control(hepTh, OTHER_SHARED_ID, 'read').getAttribute('aria-pressed')).toBe('false');
  });

  it("text copied from a listing has only the page's words, also under a CSP that forbids inline styles", async () => {
    const tab = await browser.context.newPage();
    // The same page, its response carrying a strict CSP (a tab's route comes before the context's).
    const { url } = ARXIV_PAGES.quantPhNew;
    const body = readFileSync(pageFile(ARXIV_PAGES.quantPhNew));
    await tab.route(url, (route) =>
      route.fulfill({ body, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': "default-src 'none'; style-src 'self'" } }),
    );
    await tab.goto(url);
    await waitForAnnotation(tab);
    // A paper the test before left alone.
    const ids = await tab.locator('[data-paper-radar-id]').evaluateAll((hosts) => hosts.map((host) => host.getAttribute('data-paper-radar-id')!));
    const id = ids.find((x) => x !== SHARED_ID && x !== OTHER_SHARED_ID)!;
    // Our stylesheet applies anyway (a content script's style is exempt): it draws the buttons'
    // words (their text is symbols only), and their text cannot be selected.
    const buttons = () =>
      tab.evaluate((id) => {
        const host = document.querySelector(`[data-paper-radar-id="${id}"]`)!;
        const drawn = (b: Element) => {
          const content = getComputedStyle(b, '::before').content;
          return content === 'none' ? '' : (JSON.parse(content) as string);
        };
        return [...host.shadowRoot!.querySelectorAll('button')].map((b) => `${b.textContent}${drawn(b)} ${getComputedStyle(b).userSelect}`);
      }, id);
    expect(await buttons()).toEqual(['☆ none', 'read none', '✕ none']);
    await control(tab, id, 'read').click();
    await expect.poll(buttons).toEqual(['☆ none', '✓ read none', '✕ none']);

    // Copying the first entries gives the page's text, as without the extension.
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://arxiv.org' });
    await tab.evaluate(() => {
      const dl = document.querySelector('dl#articles')!;
      const range = document.createRange();
      range.setStartBefore(dl.children[0]!);
      range.setEndAfter(dl.children[5]!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await tab.keyboard.press('Control+C');
    const copied = await tab.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/arXiv:2408\.\d{5}/);
    expect(copied).not.toMatch(/[☆★✕✓]/);
    await tab.close();
  });
});
