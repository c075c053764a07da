/**
 * End to end in real Chromium: interests typed in the options page rank a saved arXiv listing;
 * matching entries are highlighted, each badge explains itself on focus and hover; stars and
 * dismissals retrain the model in the background and the scores move after a reload; an open
 * popup ranks by new interests as soon as the model is retrained.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARXIV_PAGES, OTHER_PAGES, pageFile } from '../../scripts/lib/demo-pages';
import { launchWithExtension, optionsUrl, popupUrl, tabIdOf, waitForAnnotation, type ExtensionBrowser } from '../../scripts/lib/browser';
import { REPO_ROOT, requireShared } from '../../scripts/lib/shared';
import { saveTopic } from '../support/options-page';
import { notStoredAsSeen } from '../support/stored-states';
import { watchWorker } from '../support/worker-status';

const SHOTS = path.join(REPO_ROOT, 'artifacts/screenshots');
const page = ARXIV_PAGES.hepThNew;
/** Pages whose titles wrap in a narrow window, so a control growing by a badge would push the entry down. */
const narrowPages = [OTHER_PAGES.aclAuthor, OTHER_PAGES.scholarSearch, OTHER_PAGES.huggingfaceDaily];
/** Where the entries the test appends to the listing, as an infinite scroll would, come from. */
const morePage = ARXIV_PAGES.quantPhNew;
const available = requireShared('the relevance end-to-end test', ...[page, ...narrowPages, morePage].map((p) => `fixtures/pages/${p.file}`));

/** Records every layout shift of the page from its start (the Layout Instability API). */
const RECORD_SHIFTS = `window.__shifts = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__shifts.push({ at: e.startTime, value: e.value }); }).observe({ type: 'layout-shift', buffered: true });`;

// hep-th/new of 9 Aug 2024.
const BLACK_HOLE_PAPERS = ['arxiv:2408.04408', 'arxiv:2408.04494', 'arxiv:2408.04495', 'arxiv:2408.04621'];
const TO_STAR = ['arxiv:2408.04021', 'arxiv:2408.04100', 'arxiv:2408.04550']; // axions, dark matter
const TO_DISMISS = ['arxiv:2408.04495', 'arxiv:2408.04621'];
const BLACK_HOLE_KEYWORDS = 'black hole: 2\nHawking radiation\nwormhole';

const host = (p: Page, id: string) => p.locator(`[data-paper-radar-id="${id}"]`);
const badge = (p: Page, id: string) => host(p, id).locator('[data-paper-radar-score]');

/**
 * A badge's explanation as Chromium gives it to a screen reader (its accessible description):
 * its text is in a closed shadow root, which the page's scripts, and so Playwright's locators,
 * cannot read. Null where the paper has no badge.
 */
async function explanation(p: Page, id: string): Promise<string | null> {
  const cdp = await p.context().newCDPSession(p);
  try {
    const expression = `document.querySelector('[data-paper-radar-id="${id}"]')?.shadowRoot?.querySelector('[data-paper-radar-score]')`;
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    if (!result.objectId) return null;
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId, fetchRelatives: false });
    return String(nodes[0]?.description?.value ?? '');
  } finally {
    await cdp.detach();
  }
}

/** Each paper's score shown, once `count` badges are (the listing's 49 entries). */
async function scores(p: Page, count = 49): Promise<Record<string, number>> {
  await expect.poll(() => p.locator('[data-paper-radar-score]').count(), { timeout: 20_000 }).toBe(count);
  return p.evaluate(() => {
    const out: Record<string, number> = {};
    for (const h of document.querySelectorAll('[data-paper-radar-id]')) {
      const b = h.shadowRoot?.querySelector<HTMLElement>('[data-paper-radar-score]');
      if (b) out[h.getAttribute('data-paper-radar-id')!] = Number(b.dataset.paperRadarScore);
    }
    return out;
  });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Words a control or badge shows; the topic's name, "high", "low", "read", "dismissed". */
const FIND_WORDS = ['read', 'dismissed', 'high', 'medium', 'low', 'Black holes'];
/** Evaluated in the page: how often the browser's find-in-page (window.find) stops at each word. */
const COUNT_FINDS = `(words) => Object.fromEntries(words.map((word) => {
  getSelection().removeAllRanges();
  let n = 0;
  while (n < 1000 && window.find(word, false, false, false)) n++;
  return [word, n];
}))`;
/** Evaluated in the page: what the controls of a read paper and a dismissed one draw, and whether badges have width. */
const DRAWN_WORDS = `([readId, dismissedId]) => {
  const button = (id, action) => document.querySelector('[data-paper-radar-id="' + id + '"]').shadowRoot.querySelector('[data-paper-radar-action="' + action + '"]');
  const anyUnread = [...document.querySelectorAll('[data-paper-radar-id]')].map((h) => h.shadowRoot.querySelector('[data-paper-radar-action="read"]')).find((b) => b.getAttribute('aria-pressed') === 'false');
  const badges = [...document.querySelectorAll('[data-paper-radar-id]')].map((h) => h.shadowRoot.querySelector('[data-paper-radar-score]'));
  return {
    read: getComputedStyle(anyUnread, '::before').content,
    pressedRead: getComputedStyle(button(readId, 'read'), '::before').content,
    dismissed: getComputedStyle(button(dismissedId, 'dismiss'), '::after').content,
    badgeWidth: badges.every((b) => b.getBoundingClientRect().width > 40),
  };
}`;

describe.skipIf(!available)('relevance in Chromium', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchWithExtension({ pages: [page, ...narrowPages] });
  });
  afterAll(async () => browser?.close());

  it('interests from the options page rank the listing, explained; stars and dismissals move the scores', async () => {
    // No interests yet: the listing is annotated but shows no badges.
    const listing = await browser.context.newPage();
    await listing.goto(page.url);
    await waitForAnnotation(listing);
    await listing.waitForTimeout(500);
    expect(await listing.locator('[data-paper-radar-score]').count()).toBe(0);

    // The options page: empty state, then one topic typed and saved.
    const options = await browser.context.newPage();
    await options.goto(optionsUrl(browser));
    await expect.poll(() => options.locator('[data-paper-radar-empty]').isVisible()).toBe(true);
    await saveTopic(options, 'Black holes', BLACK_HOLE_KEYWORDS);

    // The open listing hears the new model and shows badges without a reload.
    const first = await scores(listing);
    const others = Object.keys(first).filter((id) => !BLACK_HOLE_PAPERS.includes(id));
    expect(mean(BLACK_HOLE_PAPERS.map((id) => first[id]!))).toBeGreaterThan(mean(others.map((id) => first[id]!)) + 20);
    const relevant = await listing.evaluate(() => [...document.querySelectorAll('dt[data-paper-radar-relevant]')].map((dt) => dt.querySelector('[data-paper-radar-id]')?.getAttribute('data-paper-radar-id')));
    expect(relevant.length).toBeGreaterThan(0);
    expect(relevant.some((id) => BLACK_HOLE_PAPERS.includes(id!))).toBe(true);
    // J jumps from highlighted entry to highlighted entry, skipping the rest; K back.
    await listing.bringToFront();
    const current = () => listing.evaluate(() => document.querySelector('dt[data-paper-radar-current]')?.querySelector('[data-paper-radar-id]')?.getAttribute('data-paper-radar-id') ?? null);
    for (const id of relevant.slice(0, 2)) {
      await listing.keyboard.press('J');
      expect(await current()).toBe(id);
    }
    await listing.keyboard.press('K');
    expect(await current()).toBe(relevant[0]);
    // Highlighted without layout shift: a background and an inset shadow, strength in a CSS variable.
    const style = await listing.evaluate(() => {
      const dt = document.querySelector<HTMLElement>('dt[data-paper-radar-relevant]')!;
      const cs = getComputedStyle(dt);
      return { bg: cs.backgroundColor, shadow: cs.boxShadow, strength: dt.style.getPropertyValue('--paper-radar-relevance') };
    });
    expect(style.bg).not.toBe('rgba(0, 0, 0, 0)');
    expect(style.shadow).toContain('inset');
    // In forced colors (Windows high contrast) the background and shadow are taken away: an outline says it.
    const outline = () => listing.evaluate(() => getComputedStyle(document.querySelector('dt[data-paper-radar-relevant]:not([data-paper-radar-current])')!).outlineStyle);
    expect(await outline()).toBe('none');
    await listing.emulateMedia({ forcedColors: 'active' });
    expect(await listing.evaluate(() => getComputedStyle(document.querySelector('dt[data-paper-radar-relevant]')!).boxShadow)).toBe('none');
    expect(await outline()).toBe('dashed');
    await listing.emulateMedia({ forcedColors: 'none' });

    // A low badge names no topic ("2 low"), a high one its topic.
    const badgeText = (tier: string) =>
      listing.evaluate((t) => {
        for (const h of document.querySelectorAll('[data-paper-radar-id]')) {
          const b = h.shadowRoot?.querySelector(`.badge.${t}`);
          if (b) return `${getComputedStyle(b, '::before').content} ${getComputedStyle(b, '::after').content}`;
        }
        return null;
      }, tier);
    expect(await badgeText('low')).toMatch(/^"\d+" " low"$/);
    expect(await badgeText('high')).toMatch(/^"\d+" " high · .+"$/);

    // The "dim papers rated low" setting dims them at once, and is undone as easily.
    const dimmed = () =>
      listing.evaluate(() => {
        const dt = document.querySelector('dt[data-paper-radar-below]');
        return dt ? getComputedStyle(dt).opacity : null;
      });
    expect(await dimmed()).toBe('1');
    const dimBox = options.locator('[data-paper-radar-setting="dim-below-threshold"]');
    await dimBox.check();
    await expect.poll(dimmed).toBe('0.5');
    await dimBox.uncheck();
    await expect.poll(dimmed).toBe('1');
    expect(Number(style.strength)).toBeGreaterThan(0);

    // The badge explains itself on keyboard focus and on hover.
    const top = BLACK_HOLE_PAPERS.reduce((a, b) => (first[a]! >= first[b]! ? a : b));
    const why = host(listing, top).locator('[data-paper-radar-why]');
    expect(await why.isVisible()).toBe(false);
    await badge(listing, top).focus();
    await expect.poll(() => why.isVisible()).toBe(true);
    expect(await explanation(listing, top)).toMatch(/for Black holes\./);
    expect(await explanation(listing, top)).toMatch(/Matches your keywords: .*“(black hole|Hawking radiation)”/);
    expect(await badge(listing, top).getAttribute('aria-describedby')).toBe(await why.getAttribute('id'));
    // Its text is not the page's to read (a closed shadow root): the site could else collect the
    // user's keywords, followed authors and starred papers' titles from every badge.
    expect(await listing.evaluate((id) => document.querySelector(`[data-paper-radar-id="${id}"]`)!.shadowRoot!.querySelector('[data-paper-radar-why]')!.textContent, top)).toBe('');
    await listing.screenshot({ path: path.join(SHOTS, 'relevance-hep-th-focus.png') });
    // Escape hides it without moving focus.
    await listing.keyboard.press('Escape');
    await expect.poll(() => why.isVisible()).toBe(false);
    await listing.keyboard.press('Tab');
    await listing.mouse.move(0, 0);
    await expect.poll(() => why.isVisible()).toBe(false);
    await badge(listing, top).hover();
    await expect.poll(() => why.isVisible()).toBe(true);
    // The pointer on its way down to the explanation keeps it open (the 4 px between are its):
    // before, it closed 1 px below the badge.
    const way = await why.evaluate((el) => {
      const b = (el.getRootNode() as ShadowRoot).querySelector('.badge')!.getBoundingClientRect();
      const w = el.getBoundingClientRect();
      return { x: Math.round(Math.max(b.left, w.left) + 3), from: Math.floor(b.bottom - 2), to: Math.ceil(w.top + 3) };
    });
    for (let y = way.from; y <= way.to; y++) await listing.mouse.move(way.x, y);
    await listing.waitForTimeout(100);
    expect(await why.isVisible()).toBe(true);
    // Where the entry clips what overflows it (as Hugging Face's paper cards do), the explanation
    // is whole: in the top layer, not drawn inside the entry. Its far corner is its own.
    await listing.mouse.move(0, 0);
    await expect.poll(() => why.isVisible()).toBe(false);
    await listing.evaluate((id) => {
      const dt = document.querySelector(`[data-paper-radar-id="${id}"]`)!.closest('dt')!;
      Object.assign(dt.style, { overflow: 'hidden', contain: 'paint' });
    }, top);
    await badge(listing, top).focus();
    await expect.poll(() => why.isVisible()).toBe(true);
    const corner = await why.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const hit = document.elementFromPoint(box.right - 3, box.bottom - 3);
      return { hit: hit?.getAttribute('data-paper-radar-id') ?? hit?.localName ?? null, below: box.top >= (el.getRootNode() as ShadowRoot).querySelector('.badge')!.getBoundingClientRect().bottom };
    });
    expect(corner).toEqual({ hit: top, below: true });
    // It stays by its badge as the page scrolls.
    const gap = () => why.evaluate((el) => Math.round(el.getBoundingClientRect().top - (el.getRootNode() as ShadowRoot).querySelector('.badge')!.getBoundingClientRect().bottom));
    const gapBefore = await gap();
    await listing.evaluate(() => window.scrollBy(0, 60));
    await expect.poll(gap).toBe(gapBefore);
    await listing.screenshot({ path: path.join(SHOTS, 'relevance-explanation-clipped-entry.png') });
    await listing.evaluate((id) => document.querySelector(`[data-paper-radar-id="${id}"]`)!.closest('dt')!.removeAttribute('style'), top);

    // Star papers on another subject, dismiss two black-hole papers.
    for (const id of TO_STAR) {
      await host(listing, id).locator('[data-paper-radar-action="star"]').click();
      await expect.poll(() => host(listing, id).locator('[data-paper-radar-action="star"]').getAttribute('aria-pressed')).toBe('true');
    }
    for (const id of TO_DISMISS) {
      await host(listing, id).locator('[data-paper-radar-action="dismiss"]').click();
      await expect.poll(() => host(listing, id).locator('[data-paper-radar-action="dismiss"]').getAttribute('aria-pressed')).toBe('true');
      // Dimmed like a read entry.
      expect(await listing.evaluate((x) => document.querySelector(`[data-paper-radar-id="${x}"]`)!.closest('dt')!.hasAttribute('data-paper-radar-dismissed'), id)).toBe(true);
    }

    // Reload: the scores moved the way the stars and dismissals say.
    await listing.reload();
    await waitForAnnotation(listing);
    const after = await scores(listing);
    expect(mean(TO_STAR.map((id) => after[id]!))).toBeGreaterThan(mean(TO_STAR.map((id) => first[id]!)) + 10);
    for (const id of TO_DISMISS) expect(after[id]!).toBeLessThan(first[id]!);
    for (const id of TO_DISMISS) expect(await host(listing, id).locator('[data-paper-radar-action="dismiss"]').getAttribute('aria-pressed')).toBe('true');
    await listing.screenshot({ path: path.join(SHOTS, 'relevance-hep-th-after.png') });

    // Find in page stops at the page's words only: the controls' and badges' words are drawn by
    // CSS, so hiding every control changes no count (written, "read" alone added 49).
    const readOne = host(listing, TO_STAR[0]!).locator('[data-paper-radar-action="read"]');
    await readOne.click();
    await expect.poll(() => readOne.getAttribute('aria-pressed')).toBe('true');
    const findCounts = () => listing.evaluate<Record<string, number>>(`(${COUNT_FINDS})(${JSON.stringify(FIND_WORDS)})`);
    const shown = await findCounts();
    expect(Object.keys(shown)).toEqual(FIND_WORDS);
    await listing.addStyleTag({ content: '[data-paper-radar-id] { display: none !important; }' });
    expect(await findCounts()).toEqual(shown);
    await listing.evaluate(() => document.head.lastElementChild!.remove());
    // …and the controls still show them.
    expect(await listing.evaluate(`(${DRAWN_WORDS})(${JSON.stringify([TO_STAR[0], TO_DISMISS[0]])})`)).toEqual({ read: '"read"', pressedRead: '"✓ read"', dismissed: '" dismissed"', badgeWidth: true });
    // Papers like a starred one say which (a starred paper never names itself).
    const ids = await listing.evaluate(() => [...document.querySelectorAll('[data-paper-radar-id]')].map((h) => h.getAttribute('data-paper-radar-id')!));
    const whys: Array<[string, string]> = [];
    for (const id of ids) whys.push([id, (await explanation(listing, id)) ?? '']);
    const starredTitles = await listing.evaluate((ids) => ids.map((id) => document.querySelector(`[data-paper-radar-id="${id}"]`)!.closest('dt')!.nextElementSibling!.querySelector('.list-title')!.textContent!.replace('Title:', '').trim()), TO_STAR);
    const likes = whys.flatMap(([id, why]) => [...why.matchAll(/Like “(.+?)”, which you starred\./g)].map((m) => [id, m[1]!] as const));
    expect(likes.filter(([id]) => !TO_STAR.includes(id)).length).toBeGreaterThan(0);
    for (const [id, title] of likes) {
      expect(starredTitles).toContain(title);
      expect(starredTitles[TO_STAR.indexOf(id)]).not.toBe(title);
    }
    const [likeId] = likes.find(([id]) => !TO_STAR.includes(id))!;
    await badge(listing, likeId).hover();
    await expect.poll(() => host(listing, likeId).locator('[data-paper-radar-why]').isVisible()).toBe(true);
    await listing.screenshot({ path: path.join(SHOTS, 'relevance-hep-th-like.png') });

    // The popup's toggle orders each list by relevance, and back to the site's order.
    const siteOrder = await entryOrder(listing);
    const tabId = await tabIdOf(browser, listing);
    const popup = await browser.context.newPage();
    await popup.goto(`${popupUrl(browser)}?tab=${tabId}`);
    const toggle = popup.locator('[data-paper-radar-action="order-by-relevance"]');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
    // A keyboard user's place is kept: the star that had the focus has it still once its entry
    // moved (moving an element takes the focus from what is inside it).
    const before = await scores(listing);
    const moving = siteOrder[0]!.reduce((best, id) => ((before[id] ?? -1) > (before[best] ?? -1) ? id : best));
    expect(moving).not.toBe(siteOrder[0]![0]);
    await host(listing, moving).locator('[data-paper-radar-action="star"]').focus();
    expect(await listing.evaluate(focusedControl)).toEqual([moving, 'star']);
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    const byRelevance = await entryOrder(listing);
    expect(byRelevance[0]![0]).toBe(moving);
    expect(await listing.evaluate(focusedControl)).toEqual([moving, 'star']);
    const now = await scores(listing);
    for (const list of byRelevance) {
      const values = list.map((id) => now[id] ?? -1);
      expect(values).toEqual([...values].sort((a, b) => b - a));
    }
    expect(byRelevance.flat().sort()).toEqual(siteOrder.flat().sort());
    // More entries arrive while ordered (as an infinite scroll appends them): once scored, they
    // are in order among themselves, after the entries above, which keep their places (a retrain
    // meanwhile sorts each part again, in its own places).
    const appended = await listing.evaluate(appendEntries, readFileSync(pageFile(morePage), 'utf8'));
    expect(appended).toHaveLength(8);
    const parts = (lists: string[][]) => [...lists.slice(0, -1), lists.at(-1)!.slice(0, -appended.length), lists.at(-1)!.slice(-appended.length)];
    const partsNow = async () => {
      const [lists, now] = [await entryOrder(listing), await scores(listing, 49 + appended.length)];
      const values = parts(lists).map((ids) => ids.map((id) => now[id] ?? -1));
      return { members: parts(lists).map((ids) => [...ids].sort()), sorted: values.map((v) => v.every((x, i) => i === 0 || v[i - 1]! >= x)) };
    };
    await expect
      .poll(partsNow, { timeout: 10_000 })
      .toEqual({ members: parts([...byRelevance.slice(0, -1), [...byRelevance.at(-1)!, ...appended]]).map((ids) => [...ids].sort()), sorted: Array(byRelevance.length + 1).fill(true) });
    const arrivedScores = await scores(listing, 49 + appended.length).then((now) => appended.map((id) => now[id]));
    expect(new Set(arrivedScores).size).toBeGreaterThan(1); // something to put in order
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await entryOrder(listing)).toEqual([...siteOrder.slice(0, -1), [...siteOrder.at(-1)!, ...appended]]);
    expect(await listing.evaluate(focusedControl)).toEqual([moving, 'star']);

    // Following an author from the popup's detail pane: the listing says so after its next scores.
    await popup.locator('[data-paper-radar-view="starred"]').click();
    const selected = (await popup.locator('[data-paper-radar-detail]').getAttribute('data-paper-radar-detail'))!;
    const author = popup.locator('[data-paper-radar-detail] .detail-authors button.author').first();
    await expect.poll(() => author.isEnabled()).toBe(true);
    const name = (await author.textContent())!.replace(/^\+ /, '');
    expect(await author.getAttribute('aria-pressed')).toBe('false');
    await author.click();
    await expect.poll(() => author.getAttribute('aria-pressed')).toBe('true');
    await listing.reload();
    await waitForAnnotation(listing);
    await expect.poll(() => explanation(listing, selected), { timeout: 10_000 }).toContain(`By an author you follow: ${name}.`);
  });

  it('badges arriving move nothing on the page: each control kept their room from the start', async () => {
    // Interests were saved by the test before, so the model notice says there will be badges.
    const options = await browser.context.newPage();
    await options.goto(optionsUrl(browser));
    const notice = `chrome.storage.local.get('paperRadar.model').then((stored) => stored['paperRadar.model']?.scoring ?? null)`;
    await expect.poll(() => options.evaluate(notice), { timeout: 10_000 }).toBe(true);
    // A notice from before it said so (as after an update) is restated by the next worker to start.
    await options.evaluate(`chrome.storage.local.set({ 'paperRadar.model': { at: 1 } })`);
    await (await watchWorker(options, browser.extensionId)).stop();
    const waking = await browser.context.newPage();
    await waking.goto(page.url);
    await expect.poll(() => options.evaluate(notice), { timeout: 10_000 }).toBe(true);
    await waking.close();
    await options.close();
    const sizes = [...narrowPages.map((p) => [p, 700] as const), ...narrowPages.map((p) => [p, 375] as const), ...[page, ...narrowPages].map((p) => [p, 320] as const)];
    for (const [narrow, width] of sizes) {
      const tab = await browser.context.newPage();
      await tab.setViewportSize({ width, height: 900 });
      await tab.addInitScript(RECORD_SHIFTS);
      await tab.goto(narrow.url);
      const { entries } = await waitForAnnotation(tab);
      await expect.poll(() => tab.locator('[data-paper-radar-score]').count(), { timeout: 20_000 }).toBe(entries);
      await tab.waitForTimeout(300); // a shift is reported after its frame
      const shifted = await tab.evaluate(() => {
        const { start, painted } = JSON.parse(document.documentElement.dataset.paperRadarTimings!) as { start: number; painted: number };
        const shifts = (window as unknown as { __shifts: Array<{ at: number; value: number }> }).__shifts;
        return shifts.filter((s) => s.at > start + painted).reduce((sum, s) => sum + s.value, 0);
      });
      // Before the room was kept: 0.136 on the ACL page and 0.072 on Scholar (0.1 is "needs improvement").
      expect(shifted, `${narrow.url} at ${width} px`).toBeLessThan(0.001);
      // A control wider than its line wraps (its badge under its buttons): the page is no wider
      // with them than without. Before, at 320 px: 22 px wider on hep-th/new (the first checked).
      const widening = await tab.evaluate(() => {
        const root = document.documentElement;
        const withControls = root.scrollWidth;
        const hide = document.createElement('style');
        hide.textContent = '[data-paper-radar-id] { display: none !important; }';
        document.head.append(hide);
        const without = root.scrollWidth;
        hide.remove();
        return withControls - without;
      });
      expect(widening, `${narrow.url} at ${width} px`).toBe(0);
      if (width === 375) {
        // A phone's window: each badge on its buttons' row. Before, the badge's 15em room put even
        // "0 low" on a row of its own on Scholar and Hugging Face (the page 12 % longer).
        const ownRow = await tab.evaluate(() =>
          [...document.querySelectorAll('[data-paper-radar-id]')].map((host) => {
            const star = host.shadowRoot!.querySelector('[data-paper-radar-action="star"]')!.getBoundingClientRect();
            const badge = host.shadowRoot!.querySelector('[data-paper-radar-score]')!.getBoundingClientRect();
            return Math.abs(badge.top - star.top) > 4 ? host.getAttribute('data-paper-radar-id') : null;
          }),
        );
        expect(ownRow.filter((id) => id !== null), narrow.url).toEqual([]);
      }
      if (width === 320) {
        // The explanation fits the window: Hugging Face sets its titles large, and 26em of them
        // went past the edge of a phone's (≈ 400 px of 375).
        const control = tab.locator('[data-paper-radar-id]').first();
        await control.locator('[data-paper-radar-score]').focus();
        const why = control.locator('[data-paper-radar-why]');
        await expect.poll(() => why.isVisible()).toBe(true);
        const inside = await why.evaluate((el) => {
          const box = el.getBoundingClientRect();
          return box.left >= 0 && box.right <= document.documentElement.clientWidth;
        });
        expect(inside, narrow.url).toBe(true);
      }
      await tab.close();
    }
  });
});

describe.skipIf(!available)('papers the user has seen, in Chromium', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension({ pages: [page] });
  });
  afterAll(async () => browser?.close());

  it('keep their badges once seen, and the popup recommends the ones worth a second look', async () => {
    const options = await browser.context.newPage();
    await options.goto(optionsUrl(browser));
    await saveTopic(options, 'Black holes', BLACK_HOLE_KEYWORDS);

    const listing = await browser.context.newPage();
    await listing.goto(page.url);
    await waitForAnnotation(listing);
    const before = await tiers(listing);
    const matched = BLACK_HOLE_PAPERS.filter((id) => before[id]!.tier !== 'low');
    expect(matched.length).toBeGreaterThanOrEqual(2);
    // The user reads down the page: each black-hole paper in view until it is stored as seen
    // (a second on screen, then a batch; read through the options page, behind the listing).
    for (const id of BLACK_HOLE_PAPERS) {
      // Its heading line at the top, its abstract below it: the whole entry on screen.
      await host(listing, id).evaluate((el) => el.closest('dt')!.scrollIntoView({ block: 'start' }));
      await expect.poll(() => notStoredAsSeen(options, [id])).toEqual([]);
    }
    // A star elsewhere retrains the model, now with those papers as seen (weak negatives).
    await host(listing, TO_STAR[0]!).locator('[data-paper-radar-action="star"]').click();
    await expect.poll(() => host(listing, TO_STAR[0]!).locator('[data-paper-radar-action="star"]').getAttribute('aria-pressed')).toBe('true');
    await listing.waitForTimeout(1_500); // the retrain waits 400 ms for more changes
    await listing.reload();
    await waitForAnnotation(listing);
    const after = await tiers(listing);
    // Scored as trained on, seen papers fell a tier or two (77 → 19 on a Hugging Face page).
    for (const id of matched) expect(after[id]!.tier, `${id}: ${before[id]!.score} → ${after[id]!.score}`).not.toBe('low');

    // The popup's Recommended view: the seen papers worth a second look, and only those.
    const popup = await browser.context.newPage();
    await popup.goto(popupUrl(browser));
    await popup.locator('[data-paper-radar-view="recommended"]').click();
    await expect.poll(() => popup.locator('[data-paper-radar-filter="below-threshold"]').count(), { timeout: 10_000 }).toBe(1);
    const recommended = await popup.locator('.paper[data-paper-radar-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-paper-radar-id')!));
    expect(recommended).toEqual(expect.arrayContaining(matched));
    for (const id of recommended) expect(after[id]?.tier, id).not.toBe('low');
    expect(await popup.locator('[data-paper-radar-view="recommended"] .count').textContent()).toBe(String(recommended.length));
    // The first (most relevant) is selected, and says why, as its badge does.
    await expect.poll(() => popup.locator('[data-paper-radar-detail] [data-paper-radar-why]').textContent()).toMatch(/for Black holes\.Matches your keywords: .*“(black hole|Hawking radiation|wormhole)”/);
    await popup.screenshot({ path: path.join(SHOTS, 'popup-recommended.png') });
    // The rest of what was seen is one click away.
    await popup.locator('[data-paper-radar-filter="below-threshold"]').check();
    await expect.poll(() => popup.locator('.paper[data-paper-radar-id]').count()).toBeGreaterThan(recommended.length);

    // New interests from elsewhere (the topic renamed, as the options page would save it): the
    // popup, still open, ranks and explains by them without a reload (the worker's model notice).
    await popup.evaluate(async () => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<any> } } }).chrome.runtime;
      const { interests } = await runtime.sendMessage({ type: 'getInterests' });
      const topics = interests.topics.map((topic: { name: string }) => ({ ...topic, name: 'Compact objects' }));
      await runtime.sendMessage({ type: 'setInterests', interests: { ...interests, topics } });
    });
    await expect.poll(() => popup.locator('[data-paper-radar-detail] [data-paper-radar-why]').textContent(), { timeout: 10_000 }).toMatch(/for Compact objects\./);
  });
});

/** Each entry's badge: score and tier. */
async function tiers(p: Page): Promise<Record<string, { score: number; tier: string }>> {
  await expect.poll(() => p.locator('[data-paper-radar-score]').count(), { timeout: 20_000 }).toBe(49);
  return p.evaluate(() => {
    const out: Record<string, { score: number; tier: string }> = {};
    for (const h of document.querySelectorAll('[data-paper-radar-id]')) {
      const b = h.shadowRoot?.querySelector<HTMLElement>('[data-paper-radar-score]');
      if (b) out[h.getAttribute('data-paper-radar-id')!] = { score: Number(b.dataset.paperRadarScore), tier: b.dataset.paperRadarTier ?? '' };
    }
    return out;
  });
}

/**
 * Evaluated in the page: appends 8 entries of another saved listing (its HTML) to the page's last
 * list, as an infinite scroll would; returns their ids in the order appended.
 */
function appendEntries(html: string): string[] {
  const source = new DOMParser().parseFromString(html, 'text/html');
  const onPage = new Set([...document.querySelectorAll('dt a[href*="/abs/"]')].map((a) => a.getAttribute('href')));
  const list = [...document.querySelectorAll('dl')].at(-1)!;
  const ids: string[] = [];
  for (const dt of [...source.querySelectorAll('dl > dt')].filter((dt) => !onPage.has(dt.querySelector('a[href*="/abs/"]')!.getAttribute('href'))).slice(0, 8)) {
    list.append(document.importNode(dt, true), document.importNode(dt.nextElementSibling!, true));
    ids.push(`arxiv:${dt.querySelector('a[href*="/abs/"]')!.getAttribute('href')!.replace('/abs/', '')}`);
  }
  return ids;
}

/** Evaluated in the page: the paper and action of the control button that has the focus, through shadow roots. */
function focusedControl(): [string | null, string | null] {
  let focused = document.activeElement;
  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
  const root = focused?.getRootNode();
  const host = root instanceof ShadowRoot ? root.host : null;
  return [host?.getAttribute('data-paper-radar-id') ?? null, focused?.getAttribute('data-paper-radar-action') ?? null];
}

/** The ids of each list's entries (<dl>), in page order. */
function entryOrder(page: Page): Promise<string[][]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('dl')].map((dl) =>
      [...dl.querySelectorAll(':scope > dt [data-paper-radar-id]')].map((el) => el.getAttribute('data-paper-radar-id')!),
    ),
  );
}
