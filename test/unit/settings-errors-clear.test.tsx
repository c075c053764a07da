// @vitest-environment jsdom
/**
 * An error alert stays on screen after the very thing it reports has since succeeded: the user
 * reads "Could not save…" / "Could not forget them…" next to a setting that was saved, or next
 * to "Forgot 2 papers.".
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { DisplaySettings, type DisplayApi } from '../../options/DisplaySettings';
import { HistorySettings, type HistoryApi } from '../../options/HistorySettings';
import type { DisplaySettings as Settings } from '../../src/display-settings';
import { DEFAULT_KEYBOARD } from '../../src/keyboard-settings';
import { settle, until } from '../support/settle';
import { renderTarget } from '../support/render-target';

const container = renderTarget();
const $ = <T extends Element = HTMLElement>(selector: string) => container.querySelector<T>(selector);

/** The History section over `forget`, with `count()` papers only seen. */
async function showHistory(count: () => number, forget: HistoryApi['forget']): Promise<void> {
  const api: HistoryApi = {
    summary: async (cutoffs) => ({ count: count(), oldestSeenAt: 1, before: cutoffs.map(() => count()) }),
    forget,
    load: async () => ({ forgetAfterDays: null }),
    save: async () => ({}),
    now: () => 1_800_000_000_000,
    watch: () => () => {},
  };
  await act(async () => render(<HistorySettings api={api} />, container));
  await until(() => $('[data-paper-radar-action="forget"]') !== null, 5_000);
}

describe('error messages go once the operation succeeds', () => {
  it('History: "Could not forget them" is not left beside a later "Forgot 4 papers."', async () => {
    let failures = 1;
    let left = 4;
    await showHistory(
      () => left,
      async () => {
        if (failures-- > 0) throw new Error('the database is busy');
        const n = left;
        left = 0;
        return { forgotten: n };
      },
    );
    for (let attempt = 0; attempt < 2; attempt++) {
      await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="forget"]')!.click());
      await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="forget-confirm"]')!.click());
      await settle(4);
      // Said in its own words, not String(error)'s "Error: …".
      if (attempt === 0) expect($('.history-settings [role="alert"]')?.textContent).toBe('Could not forget them: the database is busy');
    }
    expect($('[data-paper-radar-forget-outcome]')?.textContent).toBe('Forgot 4 papers.');
    expect($('.history-settings [role="alert"]')?.textContent ?? null).toBeNull();
  });

  it('History: a forget that failed part way says how many it forgot and why the rest were not', async () => {
    await showHistory(
      () => 800,
      async () => ({ forgotten: 500, failed: 'the disk could not be written' }),
    );
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="forget"]')!.click());
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="forget-confirm"]')!.click());
    await settle(4);
    expect($('[data-paper-radar-forget-outcome]')?.textContent).toBe('Forgot 500 papers.');
    expect($('.history-settings [role="alert"]')?.textContent).toBe('Could not forget the rest: the disk could not be written');
  });

  it('Display: "Could not save the display settings" is not left after the next save succeeds', async () => {
    let failures = 1;
    let stored = structuredClone({ dimBelowThreshold: false, hideDismissed: false, keyboard: DEFAULT_KEYBOARD }) as Settings;
    const api: DisplayApi = {
      load: async () => structuredClone(stored),
      save: async (s) => {
        if (failures-- > 0) throw new Error('QUOTA_BYTES quota exceeded');
        stored = structuredClone(s);
      },
      watch: () => () => {},
    };
    await act(async () => render(<DisplaySettings api={api} />, container));
    await act(async () => {});
    const box = $<HTMLInputElement>('[data-paper-radar-setting="dim-below-threshold"]')!;
    await act(async () => box.click()); // fails
    await act(async () => {});
    expect($('.display-settings [role="alert"]')?.textContent).toMatch(/Could not save/);
    await act(async () => $<HTMLInputElement>('[data-paper-radar-setting="hide-dismissed"]')!.click()); // succeeds, with both
    await act(async () => {});
    expect(stored.hideDismissed).toBe(true);
    expect(stored.dimBelowThreshold).toBe(true);
    expect($('.display-settings [role="alert"]')?.textContent ?? null).toBeNull();
  });
});
