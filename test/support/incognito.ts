/**
 * Chromium's incognito windows for end-to-end tests: the extension allowed in them (as a user
 * does on its details page), and a tab of a new incognito window, which Playwright's persistent
 * context lists among its pages (its routes serve the saved pages there too).
 */
import type { Page } from 'playwright-core';
import { expect, vi } from 'vitest';
import type { ExtensionBrowser } from '../../scripts/lib/browser';

/**
 * Turns on "Allow in Incognito" for the extension, through chrome://extensions' own API. Chrome
 * reloads the extension to apply it, and an unpacked one comes back disabled: it is enabled
 * again, and this resolves once it is. The worker playwright knew (browser.serviceWorker) is gone.
 */
export async function allowInIncognito(browser: ExtensionBrowser): Promise<void> {
  const settings = await browser.context.newPage();
  await settings.goto('chrome://extensions');
  const id = JSON.stringify(browser.extensionId);
  await settings.evaluate(`chrome.developerPrivate.updateExtensionConfiguration({ extensionId: ${id}, incognitoAccess: true })`);
  const state = () => settings.evaluate(`new Promise((resolve) => chrome.developerPrivate.getExtensionInfo(${id}, (info) => resolve(info.state + ' ' + info.incognitoAccess.isActive)))`);
  // (vi.waitFor: expect.poll works only inside a test, and this runs in a beforeAll.)
  await vi.waitFor(async () => expect(await state()).toMatch(/ true$/), { timeout: 10_000 });
  await settings.evaluate(`new Promise((resolve) => chrome.management.setEnabled(${id}, true, resolve))`);
  await vi.waitFor(async () => expect(await state()).toBe('ENABLED true'), { timeout: 10_000 });
  await settings.close();
}

/** A blank tab in a new incognito window, opened by an extension page (windows.create). */
export async function openIncognitoTab(browser: ExtensionBrowser): Promise<Page> {
  const opener = await browser.context.newPage();
  await opener.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
  const [tab] = await Promise.all([browser.context.waitForEvent('page'), opener.evaluate(`chrome.windows.create({ incognito: true, url: 'about:blank' })`)]);
  await opener.close();
  return tab;
}
