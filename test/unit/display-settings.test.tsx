// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { DisplaySettings } from '../../options/DisplaySettings';
import { DEFAULT_DISPLAY, parseDisplay, type DisplaySettings as Settings } from '../../src/display-settings';

describe('display settings', () => {
  it('parse what is stored, and fall back to the defaults on anything else', () => {
    expect(parseDisplay({ dimBelowThreshold: true })).toEqual({ dimBelowThreshold: true });
    for (const junk of [undefined, null, 'x', 3, { dimBelowThreshold: 'yes' }]) expect(parseDisplay(junk)).toEqual(DEFAULT_DISPLAY);
  });

  it('the options page checkbox saves at once', async () => {
    const saved: Settings[] = [];
    const container = document.createElement('div');
    document.body.append(container);
    await act(async () => {
      render(<DisplaySettings api={{ load: async () => ({ dimBelowThreshold: false }), save: async (s) => void saved.push(s) }} />, container);
    });
    await act(async () => {});
    const box = container.querySelector<HTMLInputElement>('[data-paper-radar-setting="dim-below-threshold"]')!;
    expect(box.checked).toBe(false);
    await act(async () => box.click());
    expect(saved).toEqual([{ dimBelowThreshold: true }]);
    render(null, container);
  });
});
