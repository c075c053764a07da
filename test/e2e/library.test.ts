/**
 * End to end in real Chromium: star papers on a saved arXiv page → they are in the popup → search
 * finds one → tag it → export BibTeX, RIS, Markdown and JSON (real downloads) → import the
 * BibTeX and the JSON file into a fresh profile each and see the same library, then the RIS file
 * (the same papers); in the full-page library, tag every paper shown.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARXIV_PAGES } from '../../scripts/lib/demo-pages';
import { launchWithExtension, optionsUrl, popupUrl, waitForAnnotation, type ExtensionBrowser } from '../../scripts/lib/browser';
import { REPO_ROOT, requireShared } from '../../scripts/lib/shared';

const SHOTS = path.join(REPO_ROOT, 'artifacts/screenshots');
const page = ARXIV_PAGES.hepThNew;
const available = requireShared('the library end-to-end test', `fixtures/pages/${page.file}`);

// Three entries of hep-th/new of 9 Aug 2024.
const STARRED = ['arxiv:2408.03941', 'arxiv:2408.03984', 'arxiv:2408.04000'];

async function openPopup(browser: ExtensionBrowser): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 440, height: 600 });
  await popup.goto(popupUrl(browser));
  return popup;
}

const listed = (popup: Page) => popup.locator('.paper[data-paper-radar-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-paper-radar-id')));

async function download(popup: Page, action: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([popup.waitForEvent('download'), popup.locator(`[data-paper-radar-action="${action}"]`).click()]);
  const filePath = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(filePath, 'utf8') };
}

describe.skipIf(!available)('the library in Chromium', () => {
  let browser: ExtensionBrowser;
  let fresh: ExtensionBrowser | null = null;
  beforeAll(async () => {
    browser = await launchWithExtension({ pages: [page] });
  });
  afterAll(async () => {
    await browser?.close();
    await fresh?.close();
  });

  it('star on a page → popup → search → tag → export BibTeX, RIS, Markdown and JSON → import into a fresh profile', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(page.url);
    await waitForAnnotation(tab);
    for (const id of STARRED) {
      const star = tab.locator(`[data-paper-radar-id="${id}"] [data-paper-radar-action="star"]`);
      await star.click();
      await expect.poll(() => star.getAttribute('aria-pressed')).toBe('true');
    }
    // The entries on screen count as seen after a second (History, exported below).
    await tab.waitForTimeout(1_500);

    // The popup lists them, newest star first.
    const popup = await openPopup(browser);
    await expect.poll(() => listed(popup)).toEqual([...STARRED].reverse());
    // The entries seen are stored (on a busy machine, after the second waited above): the tests
    // below count on papers seen and not starred.
    await expect.poll(async () => Number(await popup.locator('[data-paper-radar-view="history"] .count').textContent())).toBeGreaterThan(STARRED.length);
    const title = (await popup.locator(`.paper[data-paper-radar-id="${STARRED[1]}"] .title`).textContent()) ?? '';
    expect(title.length).toBeGreaterThan(10);

    // Search finds the one by a word of its title.
    const word = title.split(/\s+/).find((w) => /^[A-Za-z]{6,}$/.test(w))!;
    await popup.locator('input[type="search"]').fill(word.slice(0, 5));
    await expect.poll(() => listed(popup)).toContain(STARRED[1]);
    await popup.locator('input[type="search"]').fill(word);
    await expect.poll(async () => (await listed(popup))[0]).toBe(STARRED[1]);

    // Tag it (it is the active paper: the first row).
    await popup.locator('[data-paper-radar-input="tag"]').fill('thesis');
    await popup.locator('[data-paper-radar-input="tag"]').press('Enter');
    await expect.poll(() => popup.locator(`.paper[data-paper-radar-id="${STARRED[1]}"] .tag`).allTextContents()).toEqual(['thesis']);
    await popup.locator('input[type="search"]').fill('');
    await expect.poll(() => listed(popup)).toHaveLength(3);
    await popup.screenshot({ path: path.join(SHOTS, 'popup-library.png') });

    // Export: real downloads.
    const bib = await download(popup, 'export-bibtex');
    expect(bib.name).toMatch(/\.bib$/);
    for (const id of STARRED) expect(bib.text).toContain(`eprint = {${id.slice('arxiv:'.length)}}`);
    expect(bib.text).toContain(title.split(/\s+/)[0]);
    const ris = await download(popup, 'export-ris');
    expect(ris.name).toMatch(/\.ris$/);
    for (const id of STARRED) expect(ris.text).toContain(`AN  - arXiv:${id.slice('arxiv:'.length)}\r\n`);
    const md = await download(popup, 'export-markdown');
    expect(md.name).toMatch(/\.md$/);
    expect(md.text.split('\n').filter((line) => line.startsWith('- ['))).toHaveLength(3);
    for (const id of STARRED) expect(md.text).toContain(`(https://arxiv.org/abs/${id.slice('arxiv:'.length)}) — `);
    expect(md.text).toContain('#thesis');
    await popup.locator('[data-paper-radar-export-scope]').selectOption('all');
    const json = await download(popup, 'export-json');
    const exported = JSON.parse(json.text) as { papers: Array<{ id: string; tags: string[]; lastSeenAt: number | null }> };
    expect(exported.papers.find((p) => p.id === STARRED[1])!.tags).toEqual(['thesis']);

    // A fresh profile: import the BibTeX file → the same starred papers.
    fresh = await launchWithExtension({ pages: [page] });
    const freshPopup = await openPopup(fresh);
    await expect.poll(() => freshPopup.locator('[data-paper-radar-view="starred"] .count').textContent()).toBe('0');
    // The file is read in a worker (popup/read-import.ts), not on the popup's thread.
    const workers: string[] = [];
    freshPopup.on('worker', (worker) => workers.push(worker.url()));
    await freshPopup.locator('[data-paper-radar-action="import"]').setInputFiles({ name: bib.name, mimeType: 'application/x-bibtex', buffer: Buffer.from(bib.text) });
    // The file carries the tag as a keyword: asked whether to keep it, the user keeps it.
    await expect.poll(() => freshPopup.locator('[data-paper-radar-import-question]').textContent()).toMatch(/^paper-radar-[\d-]+\.bib: 1 of 3 papers come with tags \(“thesis”\)\. Keep them\?/);
    await freshPopup.screenshot({ path: path.join(SHOTS, 'popup-import-question.png') });
    await freshPopup.locator('[data-paper-radar-action="import-with-annotations"]').click();
    await expect.poll(() => freshPopup.locator('[data-paper-radar-import-message]').textContent()).toMatch(/Imported 3 papers .*3 added/);
    expect(workers).toEqual([expect.stringMatching(/^chrome-extension:\/\/[a-p]{32}\/assets\/import-worker-[\w-]+\.js$/)]);
    await expect.poll(() => listed(freshPopup).then((ids) => [...ids].sort())).toEqual([...STARRED].sort());
    expect(await freshPopup.locator(`.paper[data-paper-radar-id="${STARRED[1]}"] .title`).textContent()).toBe(title);
    expect(await freshPopup.locator(`.paper[data-paper-radar-id="${STARRED[1]}"] .tag`).allTextContents()).toEqual(['thesis']);

    await freshPopup.screenshot({ path: path.join(SHOTS, 'popup-after-import.png') });
    await fresh.close();

    // Another fresh profile and the JSON file: the same library, order, tags and history.
    fresh = await launchWithExtension({ pages: [page] });
    const jsonPopup = await openPopup(fresh);
    // By keyboard: the focus on Import… (its label shows it), the file chosen in the dialog.
    const importField = jsonPopup.locator('[data-paper-radar-action="import"]');
    await importField.focus();
    expect(await jsonPopup.locator('label.import').evaluate((label) => getComputedStyle(label).outlineStyle)).toBe('solid');
    await importField.setInputFiles({ name: json.name, mimeType: 'application/json', buffer: Buffer.from(json.text) });
    await expect.poll(() => jsonPopup.locator('[data-paper-radar-import-message]').textContent()).toMatch(new RegExp(`^Imported ${exported.papers.length} papers .*${exported.papers.length} added`));
    // The field was disabled during the import (the focus dropped to <body>): the focus is back on it.
    await expect.poll(() => importField.evaluate((field) => document.activeElement === field)).toBe(true);
    await expect.poll(() => listed(jsonPopup)).toEqual([...STARRED].reverse());
    expect(await jsonPopup.locator(`.paper[data-paper-radar-id="${STARRED[1]}"] .tag`).allTextContents()).toEqual(['thesis']);
    const seen = exported.papers.filter((p) => p.lastSeenAt !== null).length;
    expect(seen).toBeGreaterThan(0);
    await expect.poll(() => jsonPopup.locator('[data-paper-radar-view="history"] .count').textContent()).toBe(String(seen));
    // Seeding stars the library already has changes nothing.
    await jsonPopup.locator('[data-paper-radar-action="import"]').setInputFiles({ name: bib.name, mimeType: 'application/x-bibtex', buffer: Buffer.from(bib.text) });
    await jsonPopup.locator('[data-paper-radar-action="import-without-annotations"]').click();
    await expect.poll(() => jsonPopup.locator('[data-paper-radar-import-message]').textContent()).toMatch(/Imported 3 papers .*0 added, 0 updated, 3 unchanged/);
    // The RIS file reads back as the same three papers (already starred here).
    await jsonPopup.locator('[data-paper-radar-action="import"]').setInputFiles({ name: ris.name, mimeType: 'application/x-research-info-systems', buffer: Buffer.from(ris.text) });
    await jsonPopup.locator('[data-paper-radar-action="import-with-annotations"]').click(); // the tag is there already
    await expect.poll(() => jsonPopup.locator('[data-paper-radar-import-message]').textContent()).toMatch(new RegExp(`^Imported 3 papers from ${ris.name.replace('.', '\\.')}: 0 added, 0 updated, 3 unchanged`));

    // Mark these 3: unstar them all (a mistaken import); Undo brings the stars back in their order.
    await jsonPopup.locator('[data-paper-radar-action="mark-shown"]').click();
    await jsonPopup.screenshot({ path: path.join(SHOTS, 'popup-mark-shown.png') });
    await jsonPopup.locator('[data-paper-radar-action="mark-shown-unstar"]').click();
    await expect.poll(() => jsonPopup.locator('[data-paper-radar-undo]').textContent()).toBe('Unstarred 3 papers. Undo');
    await expect.poll(() => jsonPopup.locator('[data-paper-radar-view="starred"] .count').textContent()).toBe('0');
    await jsonPopup.screenshot({ path: path.join(SHOTS, 'popup-unstarred-shown.png') });
    await jsonPopup.locator('[data-paper-radar-undo] button').click();
    await expect.poll(() => listed(jsonPopup)).toEqual([...STARRED].reverse());

    // A broken file: a message, and the library is as it was.
    await jsonPopup.locator('[data-paper-radar-action="import"]').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(json.text.slice(0, 200)) });
    await expect.poll(() => jsonPopup.locator('[data-paper-radar-import-message][role="alert"]').textContent()).toMatch(/^broken\.json: .*Nothing was imported\.$/);
    expect(await listed(jsonPopup)).toEqual([...STARRED].reverse());
  });

  it('the full-page library opens from the popup, and tags every paper shown', async () => {
    const popup = await openPopup(browser);
    const [library] = await Promise.all([browser.context.waitForEvent('page'), popup.locator('[data-paper-radar-action="open-library"]').click()]);
    await library.waitForLoadState();
    expect(library.url()).toMatch(/\/popup\/library\.html$/);
    await expect.poll(() => library.locator('.paper[data-paper-radar-id]').count()).toBe(3);
    await library.setViewportSize({ width: 1200, height: 800 });
    await library.screenshot({ path: path.join(SHOTS, 'library-page.png') });

    // Search by meaning, answered by the worker: in History (the papers seen on the page), the
    // title words of the last one, in another order, find it first.
    await library.locator('[data-paper-radar-view="history"]').click();
    await expect.poll(() => library.locator('.paper[data-paper-radar-id]').count()).toBeGreaterThan(1);
    const seen = library.locator('.paper[data-paper-radar-id]').last();
    const [seenId, title] = [await seen.getAttribute('data-paper-radar-id'), (await seen.locator('.title').textContent()) ?? ''];
    await library.locator('[data-paper-radar-action="by-meaning"]').click();
    await library.locator('input[type="search"]').fill(title.split(/\s+/).reverse().join(' '));
    await expect.poll(async () => (await listed(library))[0], { timeout: 15_000 }).toBe(seenId);
    expect(await library.locator('.result-count').textContent()).toMatch(/^\d+ by meaning, nearest first$/);
    await library.screenshot({ path: path.join(SHOTS, 'library-by-meaning.png') });
    await library.locator('[data-paper-radar-action="by-meaning"]').click();
    await library.locator('input[type="search"]').fill('');
    await library.locator('[data-paper-radar-view="starred"]').click();
    await expect.poll(() => library.locator('.paper[data-paper-radar-id]').count()).toBe(3);

    // Tag these 3: every paper shown gets the tag, and the Tag filter finds them by it.
    // Typed at once, as a user does: the keys go to the form, not to the page's shortcuts (t, r).
    await library.locator('[data-paper-radar-action="tag-shown"]').click();
    await library.keyboard.type('reading group');
    await library.keyboard.press('Enter');
    await expect.poll(() => library.locator('[data-paper-radar-undo]').textContent()).toBe('Tagged 3 papers “reading group”. Undo');
    await library.screenshot({ path: path.join(SHOTS, 'library-tag-shown.png') });
    await library.locator('[data-paper-radar-filter="tag"]').selectOption('reading group');
    await expect.poll(() => library.locator('.paper[data-paper-radar-id] .tag', { hasText: 'reading group' }).count()).toBe(3);
    // A date typed into From, digit by digit (Chromium reports a date as each digit of its year
    // goes in: 0002, 0020, 0202, 2020), keeps its year as typed.
    const from = library.locator('[data-paper-radar-filter="from"]');
    await from.focus();
    await library.keyboard.type('01012020');
    await expect.poll(() => from.inputValue()).toBe('2020-01-01');
    await expect.poll(() => library.locator('.paper[data-paper-radar-id]').count()).toBe(3); // starred today

    // Insights: this week's bars (3 starred, some seen) and the chart's text alternative.
    await library.locator('[data-paper-radar-view="insights"]').click();
    const lastStarred = library.locator('.weekly-chart rect[data-series="starred"]').last();
    await expect.poll(() => lastStarred.locator('title').textContent()).toMatch(/: 3 starred$/);
    expect(await library.locator('.weekly-chart rect[data-series="seen"]').count()).toBe(12);
    await library.screenshot({ path: path.join(SHOTS, 'library-insights.png') });

    // The dark theme follows the browser's.
    const background = () => library.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await library.emulateMedia({ colorScheme: 'dark' });
    await library.locator('[data-paper-radar-view="starred"]').click();
    await expect.poll(background).not.toBe(light);
    expect(await background()).toBe('rgb(30, 31, 34)');
    await library.screenshot({ path: path.join(SHOTS, 'library-dark.png') });
  });

  it('the options page forgets the papers only seen, after asking; the library keeps the starred, and an open listing shows the rest as new', async () => {
    // A listing opened now shows the papers seen in the first test as not new (and sees them
    // again: wait for that, so that the count read below stays true).
    const listing = await browser.context.newPage();
    await listing.goto(page.url);
    await waitForAnnotation(listing);
    await listing.waitForTimeout(1_500);
    const notNew = () => listing.locator('[data-paper-radar-id]:not([data-paper-radar-new])').evaluateAll((els) => els.map((el) => el.getAttribute('data-paper-radar-id')!));
    const seenBefore = (await notNew()).filter((id) => !STARRED.includes(id));
    expect(seenBefore.length).toBeGreaterThan(0);

    const options = await browser.context.newPage();
    await options.goto(optionsUrl(browser));
    const summary = options.locator('[data-paper-radar-history-summary]');
    await expect.poll(() => summary.textContent()).toMatch(/^You have only seen \d+ papers?:/);
    const onlySeen = Number(/only seen (\d+)/.exec((await summary.textContent()) ?? '')![1]);
    expect(onlySeen).toBeGreaterThan(0);
    const popup = await openPopup(browser);
    await popup.locator('[data-paper-radar-view="history"]').click();
    const historyCount = async () => Number(await popup.locator('[data-paper-radar-view="history"] .count').textContent());
    await expect.poll(historyCount).toBeGreaterThanOrEqual(onlySeen);
    const historyBefore = await historyCount();
    await popup.close();

    await options.locator('[data-paper-radar-setting="forget-now"]').selectOption({ label: `at any time (${onlySeen})` });
    await options.locator('[data-paper-radar-action="forget"]').click();
    await expect.poll(() => options.locator('#forget-question').textContent()).toMatch(new RegExp(`^Forget ${onlySeen} papers?\\?`));
    await options.locator('.history-settings').screenshot({ path: path.join(SHOTS, 'options-forget-history.png') });
    await options.locator('[data-paper-radar-action="forget-confirm"]').click();
    await expect.poll(() => options.locator('[data-paper-radar-forget-outcome]').textContent()).toBe(`Forgot ${onlySeen} ${onlySeen === 1 ? 'paper' : 'papers'}.`);
    await expect.poll(() => summary.textContent()).toBe('You have no papers you have only seen.');
    // The open listing, not reloaded: the papers forgotten are new to the user again; only the
    // starred ones (kept) may still show as seen before.
    await expect.poll(async () => (await notNew()).filter((id) => !STARRED.includes(id))).toEqual([]);

    const after = await openPopup(browser);
    await expect.poll(() => listed(after)).toEqual([...STARRED].reverse());
    await after.locator('[data-paper-radar-view="history"]').click();
    await expect.poll(() => after.locator('[data-paper-radar-view="history"] .count').textContent()).toBe(String(historyBefore - onlySeen));

    // Seen again on the listing, they are counted again by the options page left open there.
    await listing.reload();
    await waitForAnnotation(listing);
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toMatch(/^You have only seen \d+ papers?:/);

    // Another options page, open behind this one: the automatic setting chosen here shows there
    // as well, without the user going back to it (every paper was seen today: none is forgotten,
    // nothing is asked, and no paper changes to tell it; headless, the page is never hidden and
    // shown again either).
    const other = await browser.context.newPage();
    await other.goto(optionsUrl(browser));
    const otherSetting = other.locator('[data-paper-radar-setting="forget-after"]');
    await expect.poll(() => otherSetting.inputValue()).toBe('');
    await options.bringToFront();
    await options.locator('[data-paper-radar-setting="forget-after"]').selectOption({ label: 'a year' });
    await expect.poll(() => otherSetting.inputValue()).toBe('365');
    await options.locator('[data-paper-radar-setting="forget-after"]').selectOption({ label: 'never' });
    await expect.poll(() => otherSetting.inputValue()).toBe('');
    await other.close();
  });
});
