/**
 * A note typed in the popup and the popup closed at once, before its autosave pause, and a tag
 * typed and not added (no Enter): the popup's page is torn down without unmounting anything or
 * a blur, so what was typed is saved on its pagehide. Checked in Chromium, as the unit test
 * (popup.test.tsx) can only send the event itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARXIV_PAGES } from '../../scripts/lib/demo-pages';
import { launchWithExtension, popupUrl, waitForAnnotation, type ExtensionBrowser } from '../../scripts/lib/browser';
import { requireShared } from '../../scripts/lib/shared';
import { storedStates } from '../support/stored-states';

const page = ARXIV_PAGES.hepThNew;
const available = requireShared('the note-on-close end-to-end test', `fixtures/pages/${page.file}`);

describe.skipIf(!available)('a note and a tag typed just before the popup closes', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension({ pages: [page] });
  });
  afterAll(async () => browser?.close());

  it('is stored', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(page.url);
    await waitForAnnotation(tab);
    const id = (await tab.locator('[data-paper-radar-id]').first().getAttribute('data-paper-radar-id'))!;
    await tab.locator(`[data-paper-radar-id="${id}"] [data-paper-radar-action="star"]`).click();

    const popup = await browser.context.newPage();
    await popup.goto(popupUrl(browser));
    const note = popup.locator('textarea[data-paper-radar-input="note"]');
    await note.fill('Typed, then the popup closed');
    await popup.locator('input[data-paper-radar-input="tag"]').fill('to read'); // no Enter
    await popup.close(); // well within the note's 700 ms pause

    const reader = await browser.context.newPage();
    await reader.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
    await expect.poll(async () => (await storedStates(reader, [id]))[id]?.note, { timeout: 5_000 }).toBe('Typed, then the popup closed');
    await expect.poll(async () => (await storedStates(reader, [id]))[id]?.tags, { timeout: 5_000 }).toEqual(['to read']);
  });
});
