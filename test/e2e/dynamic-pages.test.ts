/**
 * Pages that change after load, in real Chromium: entries appended by script (infinite scroll),
 * entries removed and re-rendered, a control wiped by the page, a client-side navigation
 * (history.pushState plus DOM replacement), and cards a framework reuses for other papers
 * (links and titles rewritten in place). Every entry ends up with exactly one control, of the
 * paper it shows; the old page's controls are gone after navigating.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARXIV_PAGES, OTHER_PAGES, pageFile } from '../../scripts/lib/demo-pages';
import { launchWithExtension, popupUrl, tabIdOf, waitForAnnotation, type ExtensionBrowser } from '../../scripts/lib/browser';
import { requireShared } from '../../scripts/lib/shared';
import { loadPage } from '../../scripts/lib/dom';
import { arxivAdapter } from '../../content-scripts/adapters/arxiv';

const pages = [ARXIV_PAGES.hepThNew, ARXIV_PAGES.quantPhNew, OTHER_PAGES.huggingfaceDaily];
const available = requireShared('the dynamic-page end-to-end test', ...pages.map((p) => `fixtures/pages/${p.file}`));

/** Ids of all controls on the page, in page order (duplicates kept: each must appear once). */
const controlIds = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-paper-radar-id]')].map((el) => el.dataset.paperRadarId!));

const countOf = (ids: string[], id: string) => ids.filter((x) => x === id).length;

describe.skipIf(!available)('pages that change after load', () => {
  let browser: ExtensionBrowser;
  let quantPhHtml: string;
  beforeAll(async () => {
    browser = await launchWithExtension({ pages });
    quantPhHtml = readFileSync(pageFile(ARXIV_PAGES.quantPhNew), 'utf8');
  });
  afterAll(async () => browser?.close());

  it('annotates appended, re-rendered and wiped entries exactly once, and follows client-side navigation', async () => {
    const page = await browser.context.newPage();
    await page.goto(ARXIV_PAGES.hepThNew.url);
    await waitForAnnotation(page);
    const initial = await controlIds(page);
    expect(initial).toHaveLength(49);

    // Infinite scroll: append 3 batches of real entries from another listing.
    const appended: string[] = await page.evaluate((html) => {
      const source = new DOMParser().parseFromString(html, 'text/html');
      const onPage = new Set([...document.querySelectorAll('dt a[href*="/abs/"]')].map((a) => a.getAttribute('href')));
      const pairs = [...source.querySelectorAll('dl#articles > dt')].filter((dt) => !onPage.has(dt.querySelector('a[href*="/abs/"]')!.getAttribute('href')));
      const ids: string[] = [];
      const list = document.querySelector('dl#articles')!;
      for (let batch = 0; batch < 3; batch++) {
        for (const dt of pairs.slice(batch * 4, batch * 4 + 4)) {
          list.append(document.importNode(dt, true), document.importNode(dt.nextElementSibling!, true));
          ids.push(`arxiv:${dt.querySelector('a[href*="/abs/"]')!.getAttribute('href')!.replace('/abs/', '')}`);
        }
      }
      return ids;
    }, quantPhHtml);
    expect(appended).toHaveLength(12);
    await expect.poll(async () => (await controlIds(page)).length).toBe(61);
    const afterAppend = await controlIds(page);
    for (const id of appended) expect(countOf(afterAppend, id)).toBe(1);
    // The popup counts the papers the page shows now, not those it first had.
    const popup = await browser.context.newPage();
    await popup.goto(`${popupUrl(browser)}?tab=${await tabIdOf(browser, page)}`);
    await expect.poll(() => popup.locator('[data-paper-radar-page-status] .page-count').textContent()).toBe('61 papers on this page');
    await popup.close();

    // The page re-renders an entry: removes its <dt>/<dd> and inserts fresh copies.
    const rerendered = initial[5]!;
    await page.evaluate((id) => {
      const host = document.querySelector(`[data-paper-radar-id="${id}"]`)!;
      const dt = host.closest('dt')!;
      const dd = dt.nextElementSibling!;
      const [newDt, newDd] = [dt.cloneNode(true) as Element, dd.cloneNode(true) as Element];
      newDt.querySelector('[data-paper-radar-id]')?.remove(); // a fresh render has no control
      dt.replaceWith(newDt);
      dd.replaceWith(newDd);
    }, rerendered);
    // The page wipes our control from an entry it keeps.
    const wiped = initial[10]!;
    await page.evaluate((id) => document.querySelector(`[data-paper-radar-id="${id}"]`)!.remove(), wiped);
    await expect.poll(async () => countOf(await controlIds(page), wiped)).toBe(1);
    await expect.poll(async () => countOf(await controlIds(page), rerendered)).toBe(1);
    expect(await controlIds(page)).toHaveLength(61);

    // The controls of re-rendered entries work.
    const star = page.locator(`[data-paper-radar-id="${rerendered}"] [data-paper-radar-action="star"]`);
    await star.click();
    await expect.poll(() => star.getAttribute('aria-pressed')).toBe('true');

    // Client-side navigation: pushState, then the app swaps the listing.
    await page.evaluate((html) => {
      history.pushState({}, '', '/list/quant-ph/new');
      const source = new DOMParser().parseFromString(html, 'text/html');
      document.getElementById('dlpage')!.replaceWith(document.importNode(source.getElementById('dlpage')!, true));
    }, quantPhHtml);
    await expect.poll(async () => (await controlIds(page)).length).toBe(78);
    const afterNavigation = await controlIds(page);
    expect(new Set(afterNavigation).size).toBe(78);
    // The new listing's papers, as the adapter reads the saved page in Node: none of the old page's left.
    const quantPh = ARXIV_PAGES.quantPhNew;
    expect(afterNavigation).toEqual(arxivAdapter.extract(loadPage(pageFile(quantPh), quantPh.url), new URL(quantPh.url)).map((entry) => entry.id));
    await waitForAnnotation(page);
    expect(await page.evaluate(() => document.documentElement.dataset.paperRadarAnnotated)).toBe('78');

    // Back: the original listing is restored by the "app" and annotated again, once.
    await page.evaluate((html) => {
      history.back();
      void html;
    }, '');
    await page.waitForFunction(() => location.pathname === '/list/hep-th/new');
    await page.evaluate(() => {
      // The app renders the old list again: here, the same markup with controls stripped.
      for (const host of document.querySelectorAll('[data-paper-radar-id]')) host.remove();
    });
    await expect.poll(async () => (await controlIds(page)).length).toBe(78);
  });

  it('gives a card the control of the paper it shows after the page rewrites it in place', async () => {
    const page = await browser.context.newPage();
    await page.goto(OTHER_PAGES.huggingfaceDaily.url);
    await waitForAnnotation(page);
    const before = await controlIds(page);
    expect(before).toHaveLength(28);
    const [id0, id1] = before as [string, string];

    // A re-sort as a framework patching in place does it: the first two <article>s stay, their
    // titles swap; the first card's links are made anew, the second's get new addresses.
    await page.evaluate(({ a, b }) => {
      const [first, second] = [...document.querySelectorAll('main article')];
      const bare = (id: string) => id.replace('arxiv:', '');
      const titleText = (card: Element) => [...card.querySelector('h3 a')!.childNodes].find((n) => n.nodeType === 3 && n.textContent!.trim() !== '')!;
      const [t1, t2] = [titleText(first!), titleText(second!)];
      [t1.textContent, t2.textContent] = [t2.textContent, t1.textContent];
      for (const [card, from, to] of [[first!, a, b], [second!, b, a]] as const) {
        for (const link of card.querySelectorAll('a[href]')) {
          const href = link.getAttribute('href')!;
          if (!href.includes(bare(from))) continue;
          const target = card === first ? (link.cloneNode(true) as Element) : link;
          target.setAttribute('href', href.replace(bare(from), bare(to)));
          if (target !== link) link.replaceWith(target);
        }
      }
    }, { a: id0, b: id1 });
    await expect.poll(async () => (await controlIds(page)).slice(0, 2)).toEqual([id1, id0]);
    expect(await controlIds(page)).toHaveLength(28);

    // The first card's star now stars the paper the card shows.
    const firstStar = page.locator('main article').first().locator('[data-paper-radar-action="star"]');
    await firstStar.click();
    await expect.poll(() => firstStar.getAttribute('aria-pressed')).toBe('true');
    await page.reload(); // the saved order again: that paper is the second card
    await waitForAnnotation(page);
    const starred = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-paper-radar-id]')].filter((host) => host.shadowRoot!.querySelector('[data-paper-radar-action="star"]')!.getAttribute('aria-pressed') === 'true').map((host) => host.dataset.paperRadarId),
    );
    expect(starred).toEqual([id1]);
    await page.close();
  });
});
