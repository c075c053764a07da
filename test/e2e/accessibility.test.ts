/**
 * Accessibility: axe-core (the engine behind Lighthouse's and Deque's checks) run in real
 * Chromium on the popup, the full-page library (with papers in it) and an annotated arXiv
 * listing, including the controls inside their shadow roots: no serious or critical violation.
 * And Chromium's own accessibility tree names each control's group after its paper (on arXiv,
 * Hugging Face, Scholar and the ACL Anthology), its buttons by action and state, and a heading
 * holding a control by the paper's title alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { ARXIV_PAGES, OTHER_PAGES } from '../../scripts/lib/demo-pages';
import { launchWithExtension, optionsUrl, popupUrl, waitForAnnotation, type ExtensionBrowser } from '../../scripts/lib/browser';
import path from 'node:path';
import { REPO_ROOT, requireShared } from '../../scripts/lib/shared';
import { collapseWhitespace } from '../../src/core/text';
import { saveTopic } from '../support/options-page';
import { seriousViolations } from '../support/axe';
import { contrast, decodePngs } from '../support/pixels';

const page = ARXIV_PAGES.hepThNew;
/** The page's last entry, whose comments link its lecture videos. */
const LINKED_COMMENTS = 'arxiv:2407.15919';

/** Evaluated in a page: the contrast ratio (WCAG) of the focused element's outline with the page's background. */
const FOCUS_RING_CONTRAST = `(() => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ring = lum(rgb(getComputedStyle(document.activeElement).outlineColor));
  const page = lum(rgb(getComputedStyle(document.body).backgroundColor));
  return (Math.max(ring, page) + 0.05) / (Math.min(ring, page) + 0.05);
})()`;
/** The other sites' pages, and where each control's title link is, seen from the control's host (in the page). */
const otherSites = [
  { ...OTHER_PAGES.huggingfaceDaily, titleLink: 'host.previousElementSibling' }, // <h3><a>title</a>control</h3>
  { ...OTHER_PAGES.scholarSearch, titleLink: "host.parentElement.querySelector('a[href]')" }, // <h3 class="gs_rt"><a>title</a>control</h3>
  { ...OTHER_PAGES.aclAuthor, titleLink: "host.previousElementSibling.querySelector('a')" }, // <strong><a>title</a></strong>control
];
const available = requireShared('the accessibility end-to-end test', ...[page, ...otherSites].map((p) => `fixtures/pages/${p.file}`));

/** What Chromium's accessibility tree gives a screen reader for the node `expression` evaluates to. */
async function spoken(cdp: CDPSession, expression: string): Promise<{ role?: unknown; name?: unknown; pressed?: unknown }> {
  const { result } = await cdp.send('Runtime.evaluate', { expression });
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { objectId: result.objectId!, fetchRelatives: false });
  const node = nodes[0]!;
  const pressed = node.properties?.find((p) => p.name === 'pressed')?.value.value;
  return { role: node.role?.value, name: node.name?.value, ...(pressed === undefined ? {} : { pressed }) };
}

describe.skipIf(!available)('accessibility (axe-core) in Chromium', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension({ pages: [page, ...otherSites.map(({ titleLink, ...saved }) => saved)] });
  });
  afterAll(async () => browser?.close());

  it('an annotated arXiv listing: no serious or critical violation in our controls', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(page.url);
    await waitForAnnotation(tab);
    await tab.locator('[data-paper-radar-action="star"]').first().click();
    // The last entry's comments hold a link: the popup's detail pane shows it (checked below).
    await tab.locator('[data-paper-radar-action="star"]').last().click();
    // Only what we add: the page's own markup is arXiv's.
    expect(await seriousViolations(tab, '[data-paper-radar-id]')).toEqual([]);
    // The check sees inside the controls' shadow roots: a nameless button there is caught.
    await tab.evaluate(() => document.querySelector('[data-paper-radar-id]')!.shadowRoot!.append(document.createElement('button')));
    expect((await seriousViolations(tab, '[data-paper-radar-id]')).map((v) => v.id)).toContain('button-name');
  });

  it("a control's focus ring stands out 3 : 1 from what it covers, on a light page and a dark one", async () => {
    const hf = otherSites[0]!;
    const tab = await browser.context.newPage();
    await tab.goto(hf.url);
    await waitForAnnotation(tab);
    const star = tab.locator('[data-paper-radar-action="star"]').first();
    await star.scrollIntoViewIfNeeded();
    const box = (await star.boundingBox())!;
    const margin = 4;
    const clip = { x: Math.floor(box.x) - margin, y: Math.floor(box.y) - margin, width: Math.ceil(box.width) + 2 * margin, height: Math.ceil(box.height) + 2 * margin };
    // White, and the dark grey of Hugging Face's cards in its dark mode (Tailwind's gray-900).
    for (const background of ['#ffffff', '#111827']) {
      const style = await tab.addStyleTag({ content: `html, body { background: ${background} !important; } body * { background: transparent !important; }` });
      await tab.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const unfocused = await tab.screenshot({ clip });
      // By keyboard, as :focus-visible shows it: from the paper's title link, Tab.
      await tab.evaluate(`(${hf.titleLink.replace(/host/g, "document.querySelector('[data-paper-radar-id]')")}).focus()`);
      await tab.keyboard.press('Tab');
      expect(await tab.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('data-paper-radar-action'))).toBe('star');
      const focused = await tab.screenshot({ clip });
      const [before, after] = await decodePngs(browser.context, [unfocused, focused]);
      // The pixels around the button (outside its box) that changed by 3 : 1 or more: a line all
      // round it (its corners rounded, as the button's: 80 % of its perimeter will do).
      // Before the white line, on the dark grey: none (the blue ring 2.8 : 1).
      let standingOut = 0;
      for (let y = 0; y < after!.height; y++) {
        for (let x = 0; x < after!.width; x++) {
          const [cx, cy] = [clip.x + x + 0.5, clip.y + y + 0.5]; // the pixel's centre, on the page
          const inside = cx >= box.x && cx <= box.x + box.width && cy >= box.y && cy <= box.y + box.height;
          const at = 4 * (y * after!.width + x);
          if (!inside && contrast(before!.data.slice(at, at + 3), after!.data.slice(at, at + 3)) >= 3) standingOut++;
        }
      }
      expect(standingOut, background).toBeGreaterThanOrEqual(0.8 * 2 * (box.width + box.height));
      await style.evaluate((node) => (node as Element).remove());
    }
  });

  it('screen readers hear each control as a group named by the paper, its buttons by action and state', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(page.url);
    await waitForAnnotation(tab);
    const host = tab.locator('[data-paper-radar-id]').nth(1);
    // Named by reference to the entry's title line as arXiv shows it ("Title: …", in full), not
    // by a copy of the title (aria-label, cut at 90 characters, where element reflection is missing).
    const title = await host.evaluate((el) => el.closest('dt')!.nextElementSibling!.querySelector('.list-title')!.textContent!.replace(/\s+/g, ' ').trim());
    expect(title).toMatch(/^Title: \S/);
    expect(await host.getAttribute('aria-label')).toBeNull();
    await host.locator('[data-paper-radar-action="star"]').click();
    await expect.poll(() => host.locator('[data-paper-radar-action="star"]').getAttribute('aria-pressed')).toBe('true');
    // Styled from the page's stylesheet through shadow parts: the pressed star stands out.
    const background = (action: string) => host.locator(`[data-paper-radar-action="${action}"]`).evaluate((el) => getComputedStyle(el).backgroundColor);
    await expect.poll(() => background('star')).toBe('rgb(255, 243, 196)'); // also under the pointer, once its transition ends
    await tab.mouse.move(0, 0);
    await expect.poll(() => background('read')).toBe('rgb(244, 244, 244)');
    // Chromium's own accessibility tree: what a screen reader is given.
    const cdp = await tab.context().newCDPSession(tab);
    const hostExpression = `document.querySelectorAll('[data-paper-radar-id]')[1]`;
    const button = (action: string) => spoken(cdp, `${hostExpression}.shadowRoot.querySelector('[data-paper-radar-action="${action}"]')`);
    expect(await spoken(cdp, hostExpression)).toEqual({ role: 'group', name: title });
    expect(await button('star')).toEqual({ role: 'button', name: 'Star', pressed: 'true' });
    expect(await button('read')).toEqual({ role: 'button', name: 'Read', pressed: 'false' });
    expect(await button('dismiss')).toEqual({ role: 'button', name: 'Dismiss', pressed: 'false' });
    await tab.close();
  });

  it.each(otherSites)('$label: each group is named by its paper’s title link, in full', async (site) => {
    const tab = await browser.context.newPage();
    await tab.goto(site.url);
    const { annotated } = await waitForAnnotation(tab);
    expect(annotated).toBeGreaterThan(0);
    const cdp = await tab.context().newCDPSession(tab);
    const copied: string[] = [];
    let headings = 0;
    for (let i = 0; i < annotated; i++) {
      const host = `document.querySelectorAll('[data-paper-radar-id]')[${i}]`;
      const { label, linkText } = (await tab.evaluate(`(() => {
        const host = ${host};
        const link = ${site.titleLink};
        return { label: host.getAttribute('aria-label'), linkText: link ? link.textContent : null };
      })()`)) as { label: string | null; linkText: string | null };
      // Named by the title link where there is one; else by a copy of the title.
      if (linkText === null) copied.push(label!);
      else expect(label).toBeNull();
      const { role, name } = await spoken(cdp, host);
      const title = collapseWhitespace(linkText ?? label!);
      expect({ role, name: collapseWhitespace(String(name)) }).toEqual({ role: 'group', name: title });
      // A heading holding the control is named by the title alone, not by our buttons too.
      const heading = `${host}.parentElement.closest('h1, h2, h3, h4, h5, h6')`;
      if (await tab.evaluate(`!!${heading}`)) {
        headings++;
        const spokenHeading = await spoken(cdp, heading);
        expect({ role: spokenHeading.role, name: collapseWhitespace(String(spokenHeading.name)) }).toEqual({ role: 'heading', name: title });
      }
    }
    expect(headings).toBe(site.url === OTHER_PAGES.aclAuthor.url ? 0 : annotated);
    // Only a result without a title link (Scholar's [CITATION] one) keeps a copy of its title.
    expect(copied).toHaveLength(site.url === OTHER_PAGES.scholarSearch.url ? 1 : 0);
    await tab.close();
  });

  it('the popup and the full-page library: none', async () => {
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 440, height: 600 });
    await popup.goto(popupUrl(browser));
    await popup.waitForSelector('.paper[data-paper-radar-id]');
    expect(await seriousViolations(popup)).toEqual([]);
    // A toggle keeps its name, its visible text within it, through read and back to unread.
    const read = popup.locator('.paper [data-paper-radar-action="read"]').first();
    const name = await read.getAttribute('aria-label');
    for (const pressed of ['true', 'false']) {
      await read.click();
      await expect.poll(() => read.getAttribute('aria-pressed')).toBe(pressed);
      expect(await read.getAttribute('aria-label')).toBe(name);
      expect(await seriousViolations(popup)).toEqual([]);
    }
    await popup.locator('[data-paper-radar-view="insights"]').click();
    await popup.waitForSelector('.weekly-chart');
    expect(await seriousViolations(popup)).toEqual([]);

    const library = await browser.context.newPage();
    await library.goto(popupUrl(browser).replace('index.html', 'library.html'));
    await library.waitForSelector('.paper[data-paper-radar-id]');
    expect(await seriousViolations(library)).toEqual([]);
    await library.locator(`.paper[data-paper-radar-id="${LINKED_COMMENTS}"]`).click();
    await library.waitForSelector('[data-paper-radar-facts] a');
    expect(await seriousViolations(library)).toEqual([]);
    await library.locator('[data-paper-radar-action="more-like-this"]').click();
    await library.waitForSelector('[data-paper-radar-like-this]');
    expect(await seriousViolations(library)).toEqual([]);
    await library.locator('[data-paper-radar-action="tag-shown"]').click();
    await library.waitForSelector('[data-paper-radar-input="tag-shown"]');
    expect(await seriousViolations(library)).toEqual([]);
    await library.keyboard.press('Escape');
    await library.locator('[data-paper-radar-action="mark-shown"]').click();
    await library.waitForSelector('[data-paper-radar-action="mark-shown-read"]');
    expect(await seriousViolations(library)).toEqual([]);
    await library.keyboard.press('Escape');
    // The question before importing a file's tags and notes, with its list of tags.
    const ris = ['TY  - JOUR', 'TI  - A', 'AN  - arXiv:2401.00001', 'KW  - reading group', 'KW  - Computer Science - Machine Learning', 'N1  - From Zotero', 'ER  - '].join('\n');
    await library.locator('[data-paper-radar-action="import"]').setInputFiles({ name: 'zotero.ris', mimeType: 'application/x-research-info-systems', buffer: Buffer.from(ris) });
    await library.waitForSelector('[data-paper-radar-import-tag]');
    expect(await seriousViolations(library)).toEqual([]);
    await library.screenshot({ path: path.join(REPO_ROOT, 'artifacts/screenshots/library-import-question.png') });
    await library.locator('[data-paper-radar-action="import-cancel"]').click();
    await library.keyboard.press('?');
    await library.waitForSelector('[role="dialog"]');
    expect(await seriousViolations(library)).toEqual([]);
    // And it would catch one here: an image without a text alternative.
    await library.evaluate(() => document.body.append(Object.assign(document.createElement('img'), { src: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' })));
    expect((await seriousViolations(library)).map((v) => v.id)).toContain('image-alt');
  });

  it('the options page, empty and with a topic, in light and dark: none', async () => {
    const options = await browser.context.newPage();
    await options.goto(optionsUrl(browser));
    await options.waitForSelector('[data-paper-radar-save]');
    for (const colorScheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme });
      expect(await seriousViolations(options), colorScheme).toEqual([]);
    }
    await saveTopic(options, 'Black holes', 'black hole');
    for (const colorScheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme });
      expect(await seriousViolations(options), colorScheme).toEqual([]);
    }
    // With errors on screen, the focus on the first field marked; every section in the page's main landmark.
    await options.getByRole('button', { name: 'Add a topic' }).click();
    await options.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => options.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    expect(await seriousViolations(options), 'errors shown').toEqual([]);
    // The keyboard's focus ring stands out in dark too (≥ 3 : 1; it was 2.6 : 1).
    await options.emulateMedia({ colorScheme: 'dark' });
    await options.getByRole('button', { name: 'Save' }).focus();
    await options.keyboard.press('Shift+Tab');
    await options.keyboard.press('Tab');
    expect(await options.evaluate(FOCUS_RING_CONTRAST)).toBeGreaterThanOrEqual(3);
    await options.emulateMedia({ colorScheme: 'light' });
    expect(await options.evaluate(() => [...document.querySelectorAll('section, h1, h2')].filter((e) => !e.closest('main')).length)).toBe(0);
    await options.getByRole('button', { name: 'Remove topic', exact: true }).click();
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 440, height: 600 });
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.goto(popupUrl(browser));
    await popup.waitForSelector('.paper[data-paper-radar-id]');
    expect(await seriousViolations(popup), 'popup, dark').toEqual([]);
    await popup.locator(`.paper[data-paper-radar-id="${LINKED_COMMENTS}"]`).click();
    await popup.waitForSelector('[data-paper-radar-facts] a');
    expect(await seriousViolations(popup), 'popup, dark, a paper with a link in its comments').toEqual([]);
    // Recommended, now that there are interests: ranked, with its checkbox, in dark too.
    await popup.locator('[data-paper-radar-view="recommended"]').click();
    // Ranked: scored rows, the checkbox for those rated low, or the empty message.
    await popup.waitForSelector('.paper .score, [data-paper-radar-filter="below-threshold"], .library-panel .empty');
    expect(await seriousViolations(popup), 'popup, Recommended, dark').toEqual([]);
    // Insights with a model: its words and the papers it is unsure about.
    await popup.locator('[data-paper-radar-view="insights"]').click();
    await popup.waitForSelector('.drivers');
    expect(await seriousViolations(popup), 'popup, Insights, dark').toEqual([]);
    // An author who cannot be followed (500 followed already, the most kept): the pane says so,
    // readable (it was red on the red of the popup's error blocks, 1.2 : 1 in light, 3.2 : 1 in dark).
    await popup.evaluate(async () => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<any> } } }).chrome.runtime;
      const { interests } = await runtime.sendMessage({ type: 'getInterests' });
      await runtime.sendMessage({ type: 'setInterests', interests: { ...interests, followedAuthors: Array.from({ length: 500 }, (_, i) => `Followed Person${i}`) } });
    });
    await popup.reload();
    await popup.locator(`.paper[data-paper-radar-id="${LINKED_COMMENTS}"]`).click();
    await popup.locator('.detail-authors .author').first().click();
    await popup.waitForSelector('.detail-authors .error');
    for (const colorScheme of ['dark', 'light'] as const) {
      await popup.emulateMedia({ colorScheme });
      expect(await seriousViolations(popup), `popup, an author not followed, ${colorScheme}`).toEqual([]);
    }
  });
});
