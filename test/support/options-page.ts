/** The options page, driven as a user drives it, for the end-to-end tests. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Adds a topic named `name` with these keyword phrases (one per line), saves, and waits for "Saved". */
export async function saveTopic(options: Page, name: string, keywords: string): Promise<void> {
  await options.getByRole('button', { name: 'Add a topic' }).click();
  await options.getByLabel('Name').fill(name);
  await options.getByLabel('Keyword phrases').fill(keywords);
  await options.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => options.locator('[data-paper-radar-status]').textContent()).toMatch(/Saved/);
}
