/**
 * The settings that lay out the controls, read by wake.ts as the page starts loading and taken
 * by main.ts (content-scripts/early-settings.ts). The e2e relevance suite checks what they are
 * for: no layout shift when the badges arrive.
 */
import { describe, expect, it } from 'vitest';
import { LAYOUT_SETTINGS, readEarlySettings, takeEarlySettings } from '../../content-scripts/early-settings';
import { MODEL_KEY } from '../../src/changes';
import { DISPLAY_KEY } from '../../src/display-settings';

describe('early settings', () => {
  it('reads the display options and the model notice once, for main.ts to take once', async () => {
    const asked: string[][] = [];
    const stored = { [MODEL_KEY]: { at: 1, scoring: true } };
    const shared = {};
    readEarlySettings({ get: async (keys) => (asked.push(keys), stored) }, shared);
    expect(asked).toEqual([[DISPLAY_KEY, MODEL_KEY]]);
    expect(LAYOUT_SETTINGS).toEqual([DISPLAY_KEY, MODEL_KEY]);
    const read = takeEarlySettings(shared);
    expect(takeEarlySettings(shared)).toBeNull();
    expect(await read).toBe(stored);
  });

  it('a failed read is no unhandled rejection, and nothing when wake.ts did not run', async () => {
    const shared = {};
    readEarlySettings({ get: () => Promise.reject(new Error('no storage')) }, shared);
    await expect(takeEarlySettings(shared)).rejects.toThrow('no storage');
    expect(takeEarlySettings({})).toBeNull();
  });
});
