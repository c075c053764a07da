/** What a listing shows, read from its annotated entries (Chromium end-to-end tests). */
import type { Page } from 'playwright-core';

/** Ids of the entries whose "new" mark is showing, in page order. */
export function newIds(tab: Page): Promise<string[]> {
  return tab.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-paper-radar-id]')]
      .filter((host) => host.hasAttribute('data-paper-radar-new'))
      .map((host) => host.dataset.paperRadarId!),
  );
}

/** Ids of the entries whose control is wholly on screen, in page order. */
export function visibleIds(tab: Page): Promise<string[]> {
  return tab.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-paper-radar-id]')]
      .filter((host) => {
        const r = host.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      })
      .map((host) => host.dataset.paperRadarId!),
  );
}
