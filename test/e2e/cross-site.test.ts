/**
 * One identity across sites, end to end: a paper starred on the saved Hugging Face page shows
 * as starred on an arXiv listing of the same papers; Scholar and ACL pages are annotated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { arxivListingOfHuggingFacePapers } from '../../scripts/lib/assembled-pages';
import { ARXIV_PAGES, OTHER_PAGES } from '../../scripts/lib/demo-pages';
import { launchWithExtension, popupUrl, waitForAnnotation, type ExtensionBrowser } from '../../scripts/lib/browser';
import { requireShared } from '../../scripts/lib/shared';

const pages = [OTHER_PAGES.huggingfaceDaily, OTHER_PAGES.scholarSearch, OTHER_PAGES.scholarCaptcha, OTHER_PAGES.aclAuthor];
const available = requireShared(
  'the cross-site end-to-end test',
  ...[...pages, ARXIV_PAGES.hepThNew].map((p) => `fixtures/pages/${p.file}`),
);
const ARXIV_URL = 'https://arxiv.org/list/cs.CV/new';

const button = (page: Page, id: string, action: 'star' | 'read') =>
  page.locator(`[data-paper-radar-id="${id}"] [data-paper-radar-action="${action}"]`);

describe.skipIf(!available)('across sites in Chromium', () => {
  let browser: ExtensionBrowser;
  let ids: string[];
  beforeAll(async () => {
    const listing = arxivListingOfHuggingFacePapers(5);
    ids = listing.ids;
    browser = await launchWithExtension({ pages, extraPages: new Map([[ARXIV_URL, listing.html]]) });
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
    await expect.poll(() => popup.locator(`li[data-paper-radar-id="${ids[0]}"]`).count()).toBe(1);
    const link = popup.locator(`li[data-paper-radar-id="${ids[0]}"] a.title`);
    expect(await link.getAttribute('href')).toBe(`https://arxiv.org/abs/${ids[0]!.slice('arxiv:'.length)}`);
  });

  it('annotates Scholar and ACL pages, and a Scholar CAPTCHA page quietly has none', async () => {
    for (const [saved, count] of [
      [OTHER_PAGES.scholarSearch, 10],
      [OTHER_PAGES.aclAuthor, 6],
      [OTHER_PAGES.scholarCaptcha, 0],
    ] as const) {
      const page = await browser.context.newPage();
      await page.goto(saved.url);
      expect(await waitForAnnotation(page)).toMatchObject({ entries: count, annotated: count });
      expect(await page.locator('[data-paper-radar-action="star"]').count()).toBe(count);
      await page.close();
    }
  });
});
