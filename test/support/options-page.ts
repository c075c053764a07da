/** The options page, driven as a user drives it, for the end-to-end tests. */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { optionsUrl, type ExtensionBrowser } from '../../scripts/lib/browser';

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
