/** The options page, driven as a user drives it, for the end-to-end tests. */
import type { Locator, Page } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { expect } from 'vitest';
import { optionsUrl, type ExtensionBrowser } from '../../scripts/lib/browser';
import { openExtensionPage, type FirefoxExtensionBrowser } from '../../scripts/lib/firefox';

/** The options page opened in a new tab, with its "Hide papers I dismissed" checkbox. */
export async function openHideDismissed(browser: ExtensionBrowser): Promise<{ options: Page; hide: Locator }> {
  const options = await browser.context.newPage();
  await options.goto(optionsUrl(browser));
  return { options, hide: options.locator('[data-paper-radar-setting="hide-dismissed"]') };
}

/** Adds a topic named `name` with these keyword phrases (one per line), saves, and waits for "Saved". */
export async function saveTopic(options: Page, name: string, keywords: string): Promise<void> {
  await options.getByRole('button', { name: 'Add a topic' }).click();
  await options.getByLabel('Name').fill(name);
  await options.getByLabel('Keyword phrases').fill(keywords);
  await options.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => options.locator('[data-paper-radar-status]').textContent()).toMatch(/Saved/);
}

/** saveTopic in Firefox (puppeteer-core): opens the options page in `page` first. */
export async function saveTopicInFirefox(browser: FirefoxExtensionBrowser, page: FirefoxPage, name: string, keywords: string): Promise<void> {
  await openExtensionPage(page, browser.popupUrl.replace('/popup/index.html', '/options/index.html'));
  await page.waitForSelector('[data-paper-radar-add-topic]', { timeout: 10_000 });
  await page.click('[data-paper-radar-add-topic]');
  await page.type('fieldset.topic input[type="text"]', name);
  await page.type('fieldset.topic textarea', keywords);
  await page.click('[data-paper-radar-save]');
  await expect.poll(() => page.$eval('[data-paper-radar-status]', (el) => el.textContent ?? '').catch(() => ''), { timeout: 10_000 }).toMatch(/^Saved/);
}
