/**
 * The popup as Chromium opens it (chrome.action.openPopup, not popup/index.html in a tab): sized
 * by its content, 440 px wide, and at 200 % page zoom (the browser's default zoom, as a user with
 * low vision sets it) no wider than the 800 screen pixels a popup may take, so it never scrolls
 * sideways. A popup is no page Playwright drives: it is read through the DevTools protocol.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CDPSession } from 'playwright-core';
import { launchWithExtension, optionsUrl } from '../../scripts/lib/browser';

/** Chromium's zoom level for a zoom factor: levels are powers of 1.2. */
const zoomLevel = (factor: number) => Math.log(factor) / Math.log(1.2);

interface PopupLayout {
  /** The popup's width in CSS pixels, and the document's (wider: it scrolls sideways). */
  width: number;
  scrollWidth: number;
  zoom: number;
}

/** Opens the extension's popup in a browser whose default page zoom is `factor`; its layout. */
async function popupLayout(factor: number): Promise<PopupLayout> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'paper-radar-zoom-'));
  mkdirSync(path.join(profile, 'Default'));
  writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ partition: { default_zoom_level: { x: zoomLevel(factor) } } }));
  const browser = await launchWithExtension({ userDataDir: profile });
  try {
    // openPopup needs a focused window of the extension's own: the settings page.
    const settings = await browser.context.newPage();
    await settings.goto(optionsUrl(browser));
    await settings.bringToFront();
    await settings.evaluate(() => (globalThis as unknown as { chrome: { action: { openPopup(): Promise<void> } } }).chrome.action.openPopup());
    const cdp = await browser.context.browser()!.newBrowserCDPSession();
    const popup = async () => (await cdp.send('Target.getTargets')).targetInfos.find((t) => t.url.endsWith('/popup/index.html'));
    await expect.poll(popup).toBeDefined();
    const target = (await popup())!;
    const evaluate = inTarget(cdp, (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })).sessionId);
    // The first rows are in: the popup has its size.
    await expect.poll(() => evaluate('document.querySelector(".tabs") !== null')).toBe(true);
    return JSON.parse(String(await evaluate('JSON.stringify({ width: innerWidth, scrollWidth: document.documentElement.scrollWidth, zoom: devicePixelRatio })'))) as PopupLayout;
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * Evaluates expressions in the target of `sessionId` (attached without flattening: Playwright's
 * browser session sends no commands to another target, but relays messages to it).
 */
function inTarget(cdp: CDPSession, sessionId: string): (expression: string) => Promise<unknown> {
  let next = 1;
  return (expression) =>
    new Promise((resolve, reject) => {
      const id = next++;
      const onMessage = (event: { sessionId: string; message: string }) => {
        const reply = JSON.parse(event.message) as { id?: number; result?: { result: { value: unknown } }; error?: { message: string } };
        if (event.sessionId !== sessionId || reply.id !== id) return;
        cdp.off('Target.receivedMessageFromTarget', onMessage);
        if (reply.error) reject(new Error(reply.error.message));
        else resolve(reply.result!.result.value);
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }) });
    });
}

describe('the popup Chromium opens', () => {
  it('is as wide as its content at 100 % zoom, and does not scroll sideways at 200 %', async () => {
    const normal = await popupLayout(1);
    expect(normal.zoom).toBe(1);
    expect(normal.scrollWidth).toBeGreaterThanOrEqual(440);
    expect(normal.scrollWidth).toBeLessThanOrEqual(normal.width);

    const zoomed = await popupLayout(2);
    expect(zoomed.zoom).toBe(2);
    expect(zoomed.width).toBe(400); // 800 screen pixels, the most a popup may take
    expect(zoomed.scrollWidth).toBe(zoomed.width);
  });
});
