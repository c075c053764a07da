/**
 * One identity across sites, end to end: a paper starred on the saved Hugging Face page shows
 * as starred on an arXiv listing of the same papers; Scholar and ACL pages are annotated.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { arxivListingOfHuggingFacePapers } from '../../scripts/lib/assembled-pages';
import { ARXIV_PAGES, OTHER_PAGES, pageFile } from '../../scripts/lib/demo-pages';
import { launchWithExtension, popupUrl, tabIdOf, waitForAnnotation, type ExtensionBrowser } from '../../scripts/lib/browser';
import { openHideDismissed } from '../support/options-page';
import { requireShared } from '../../scripts/lib/shared';

const pages = [OTHER_PAGES.huggingfaceDaily, OTHER_PAGES.scholarSearch, OTHER_PAGES.scholarCaptcha, OTHER_PAGES.aclAuthor];
const available = requireShared(
  'the cross-site end-to-end test',
  ...[...pages, ARXIV_PAGES.hepThNew].map((p) => `fixtures/pages/${p.file}`),
);
const ARXIV_URL = 'https://arxiv.org/list/cs.CV/new';
/** The saved hep-th page with its entries' markup changed, as if arXiv had redesigned it. */
const CHANGED_URL = 'https://arxiv.org/list/hep-th/recent';

const button = (page: Page, id: string, action: 'star' | 'read' | 'dismiss') =>
  page.locator(`[data-paper-radar-id="${id}"] [data-paper-radar-action="${action}"]`);

describe.skipIf(!available)('across sites in Chromium', () => {
  let browser: ExtensionBrowser;
  let ids: string[];
  beforeAll(async () => {
    const listing = arxivListingOfHuggingFacePapers(5);
    ids = listing.ids;
    const changed = readFileSync(pageFile(ARXIV_PAGES.hepThNew), 'utf8').replace(/<dt>/g, '<div class="entry">').replace(/<\/dt>/g, '</div>');
    browser = await launchWithExtension({
      pages,
      extraPages: new Map([
        [ARXIV_URL, listing.html],
        [CHANGED_URL, changed],
      ]),
    });
  });
  afterAll(async () => browser?.close());

  it('a paper starred on Hugging Face is starred on arXiv, and the popup lists it once', async () => {
    const hf = await browser.context.newPage();
    await hf.goto(OTHER_PAGES.huggingfaceDaily.url);
    expect(await waitForAnnotation(hf)).toMatchObject({ entries: 28, annotated: 28 });
    await button(hf, ids[0]!, 'star').click();
    await expect.poll(() => button(hf, ids[0]!, 'star').getAttribute('aria-pressed')).toBe('true');
    await button(hf, ids[1]!, 'read').click();
    await expect.poll(() => button(hf, ids[1]!, 'read').getAttribute('aria-pressed')).toBe('true');

    const arxiv = await browser.context.newPage();
    await arxiv.goto(ARXIV_URL);
    expect(await waitForAnnotation(arxiv)).toMatchObject({ entries: 5, annotated: 5 });
    expect(await button(arxiv, ids[0]!, 'star').getAttribute('aria-pressed')).toBe('true');
    expect(await button(arxiv, ids[1]!, 'read').getAttribute('aria-pressed')).toBe('true');
    expect(await button(arxiv, ids[2]!, 'star').getAttribute('aria-pressed')).toBe('false');

    // Unstar on arXiv: the Hugging Face tab follows without a reload.
    await button(arxiv, ids[0]!, 'star').click();
    await expect.poll(() => button(hf, ids[0]!, 'star').getAttribute('aria-pressed')).toBe('false');
    await button(arxiv, ids[0]!, 'star').click();

    const popup = await browser.context.newPage();
    await popup.goto(popupUrl(browser));
    await expect.poll(() => popup.locator(`.paper[data-paper-radar-id="${ids[0]}"]`).count()).toBe(1);
    const link = popup.locator(`.paper[data-paper-radar-id="${ids[0]}"] a.title`);
    expect(await link.getAttribute('href')).toBe(`https://arxiv.org/abs/${ids[0]!.slice('arxiv:'.length)}`);
  });

  it('the popup says so when a supported page shows papers the adapter cannot find', async () => {
    const broken = await browser.context.newPage();
    await broken.goto(CHANGED_URL);
    expect(await waitForAnnotation(broken)).toMatchObject({ entries: 0, annotated: 0 });
    const brokenTab = await tabIdOf(browser, broken);
    const fine = await browser.context.newPage();
    await fine.goto(OTHER_PAGES.aclAuthor.url);
    await waitForAnnotation(fine);
    const fineTab = await tabIdOf(browser, fine);

    const popup = await browser.context.newPage();
    await popup.goto(`${popupUrl(browser)}?tab=${brokenTab}`);
    const status = popup.locator('[data-paper-radar-page-status]');
    await expect.poll(() => status.getAttribute('data-paper-radar-page-status')).toBe('broken');
    expect(await status.textContent()).toBe('Paper Radar found no papers on this page — the site may have changed.');
    await popup.goto(`${popupUrl(browser)}?tab=${fineTab}`);
    await expect.poll(() => status.locator('.page-count').textContent()).toBe('6 papers on this page');

    // The tab moves on to a page Paper Radar does not run on: the popup no longer speaks of the
    // page it left.
    await fine.goto('about:blank');
    await popup.reload();
    await popup.waitForTimeout(1_000); // the line shows within a few ms of the popup's load
    expect(await status.count()).toBe(0);
  });

  it('annotates Scholar and ACL pages, and a Scholar CAPTCHA page quietly has none', async () => {
    // answeredEarly: states answered by the ask made as the page was parsed (early-states.ts).
    for (const [saved, count, answeredEarly] of [
      [OTHER_PAGES.scholarSearch, 10, 10],
      [OTHER_PAGES.aclAuthor, 6, 6],
      [OTHER_PAGES.scholarCaptcha, 0, 0],
    ] as const) {
      const page = await browser.context.newPage();
      await page.goto(saved.url);
      expect(await waitForAnnotation(page)).toMatchObject({ entries: count, annotated: count, answeredEarly });
      expect(await page.locator('[data-paper-radar-action="star"]').count()).toBe(count);
      await page.close();
    }
  });

  it('a starred Scholar result is cited with the year Scholar shows, and as cut where Scholar cut its authors; an ACL paper with its volume', async () => {
    // "PJ Forsyth, N Mortimer, IM Turnbull - Terra Antartica, 2002 - …", the NBSP before " - " no
    // "Â" (the saved page is served as UTF-8, though it declares ISO-8859-1: see savedPageCharset).
    expect(await copiedBibtex(OTHER_PAGES.scholarSearch.url, 'scholar:8188755959889491825')).toMatch(
      /^@misc\{forsyth2002plutonic,[\s\S]*author = \{Forsyth, PJ and Mortimer, N and Turnbull, IM\},[\s\S]*year = \{2002\}/,
    );
    // "S Bannister, J Yu, B Leitner… - …": Scholar cut the list, so the citation says "and others".
    expect(await copiedBibtex(OTHER_PAGES.scholarSearch.url, 'scholar:10850020273222537549')).toMatch(/\n {2}author = \{Bannister, S and Yu, J and Leitner, B and others\},\n/);
    expect(await copiedBibtex(OTHER_PAGES.aclAuthor.url, 'acl:W19-4201')).toMatch(
      /^@inproceedings\{madsack2019ax,[\s\S]*booktitle = \{Proceedings of the 16th Workshop on Computational Research in Phonetics, Phonology, and Morphology\},\n {2}year = \{2019\}/,
    );
  });

  it('with "Hide papers I dismissed" on, a dismissed paper goes whole on Hugging Face, Scholar and ACL pages, leaving no hole', async () => {
    const { options, hide } = await openHideDismissed(browser);
    for (const saved of [OTHER_PAGES.huggingfaceDaily, OTHER_PAGES.scholarSearch, OTHER_PAGES.aclAuthor]) {
      await hide.uncheck();
      const page = await browser.context.newPage();
      await page.goto(saved.url);
      await waitForAnnotation(page);
      const ids = await page.locator('[data-paper-radar-id]').evaluateAll((hosts) => hosts.map((h) => h.getAttribute('data-paper-radar-id')!));
      // On ACL, one of three papers of 2018: a year's only paper takes its heading with it (the next test).
      const dismissed = ids[saved === OTHER_PAGES.aclAuthor ? 3 : 1];
      await button(page, dismissed!, 'dismiss').click();
      await expect.poll(() => button(page, dismissed!, 'dismiss').getAttribute('aria-pressed')).toBe('true');
      // The focus leaves the ✕ just clicked (the keyboard test clicks the page's margin instead).
      await page.evaluate(() => (document.activeElement?.shadowRoot?.activeElement as HTMLElement | null)?.blur());
      // The dismissed entry's elements (each marked, e.g. ACL's row and its abstract card), where
      // the first of them is, and where what follows the last one is.
      const layout = () =>
        page.evaluate(() => {
          const marked = [...document.querySelectorAll('[data-paper-radar-dismissed]')];
          const at = (el: Element) => {
            const { top, left } = el.getBoundingClientRect();
            return [Math.round(top + scrollY), Math.round(left + scrollX)];
          };
          return { visible: marked.map((el) => el.checkVisibility()), first: at(marked[0]!), following: at(marked.at(-1)!.nextElementSibling!) };
        });
      const before = await layout();
      expect(before.visible.length, saved.label).toBe(saved === OTHER_PAGES.aclAuthor ? 2 : 1);
      expect(before.visible.every(Boolean)).toBe(true);
      await hide.check();
      await page.bringToFront();
      // The setting reaches the page through storage's change event.
      await expect.poll(async () => (await layout()).visible.some(Boolean), { message: saved.label }).toBe(false);
      const after = await layout();
      expect(after.following, saved.label).toEqual(before.first); // what followed took its place
      await page.close();
    }
    await hide.uncheck();
    await options.close();
  });

  it('hiding dismissed papers also hides a section heading whose every paper is dismissed (an ACL year), once the focus leaves its last one', async () => {
    const { options, hide } = await openHideDismissed(browser);
    await hide.check();
    const page = await browser.context.newPage();
    await page.goto(OTHER_PAGES.aclAuthor.url);
    await waitForAnnotation(page);
    const shownYears = () => page.locator('#main h4').evaluateAll((headings) => headings.filter((h) => h.checkVisibility()).map((h) => h.textContent!.trim()));
    expect(await shownYears()).toEqual(['2022', '2019', '2018', '2017']);
    const only2017 = 'acl:W17-3524'; // the one paper of 2017
    expect(await button(page, only2017, 'dismiss').getAttribute('aria-pressed')).toBe('false');
    await button(page, only2017, 'dismiss').click();
    await expect.poll(() => button(page, only2017, 'dismiss').getAttribute('aria-pressed')).toBe('true');
    // Its ✕ still has the focus: the paper and its year stay, so nothing moves under the pointer.
    expect(await shownYears()).toContain('2017');
    await page.mouse.click(5, 5); // the page's margin
    await expect.poll(shownYears).not.toContain('2017');
    expect(await page.locator('[data-paper-radar-id="acl:W17-3524"]').isVisible()).toBe(false);
    await page.reload();
    await waitForAnnotation(page);
    await expect.poll(shownYears).not.toContain('2017');
    await hide.uncheck();
    await page.bringToFront();
    await expect.poll(shownYears).toContain('2017');
    await button(page, only2017, 'dismiss').click(); // as it was, for the tests after this one
    await expect.poll(() => button(page, only2017, 'dismiss').getAttribute('aria-pressed')).toBe('false');
    await page.close();
    await options.close();
  });

  /** Stars `id` on the page at `url`, selects it in the popup and returns what "Copy BibTeX" writes. */
  async function copiedBibtex(url: string, id: string): Promise<string> {
    const page = await browser.context.newPage();
    await page.goto(url);
    await waitForAnnotation(page);
    const star = page.locator(`[data-paper-radar-id="${id}"] [data-paper-radar-action="star"]`);
    await star.click();
    await expect.poll(() => star.getAttribute('aria-pressed')).toBe('true');
    const popup = await browser.context.newPage();
    await popup.goto(popupUrl(browser));
    await popup.locator(`.paper[data-paper-radar-id="${id}"]`).click();
    await popup.evaluate(() => {
      const copied: string[] = ((window as unknown as { copied: string[] }).copied = []);
      navigator.clipboard.writeText = async (text: string) => void copied.push(text);
    });
    await popup.locator('[data-paper-radar-action="copy-bibtex"]').click();
    const text = (await (await popup.waitForFunction(() => (window as unknown as { copied: string[] }).copied[0])).jsonValue()) as string;
    await popup.close();
    await page.close();
    return text;
  }
});
