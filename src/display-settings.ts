/**
 * How pages look, as the user set it in the options page. Kept in storage.local (a preference,
 * not library data): content scripts read it directly and hear changes at once. Pure.
 */
import { DEFAULT_KEYBOARD, parseKeyboard, type KeyboardSettings } from './keyboard-settings';

export const DISPLAY_KEY = 'paperRadar.display';

export interface DisplaySettings {
  /** Dim entries whose relevance is below the threshold (they stay readable on hover). */
  dimBelowThreshold: boolean;
  /** Keyboard triage on listing pages (j/k, s/r/x, …): on or off, and which keys. */
  keyboard: KeyboardSettings;
}

export const DEFAULT_DISPLAY: Readonly<DisplaySettings> = Object.freeze({ dimBelowThreshold: false, keyboard: DEFAULT_KEYBOARD });

/** The stored value as settings; anything malformed falls back to the defaults. */
export function parseDisplay(value: unknown): DisplaySettings {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return {
    dimBelowThreshold: typeof v.dimBelowThreshold === 'boolean' ? v.dimBelowThreshold : DEFAULT_DISPLAY.dimBelowThreshold,
    keyboard: parseKeyboard(v.keyboard),
  };
}

/** The attribute on <html> that turns dimming on (PAGE_CSS). */
export const DIM_BELOW_ATTRIBUTE = 'data-paper-radar-dim-below';
