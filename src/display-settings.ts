/**
 * How pages look, as the user set it in the options page. Kept in storage.local (a preference,
 * not library data): content scripts read it directly and hear changes at once. Pure.
 */
import { DEFAULT_KEYBOARD, parseKeyboard, type KeyboardSettings } from './keyboard-settings';

export const DISPLAY_KEY = 'paperRadar.display';

export interface DisplaySettings {
  /** Dim entries whose relevance is below the threshold (they stay readable on hover). */
  dimBelowThreshold: boolean;
  /**
   * Hide the papers the user dismissed ("not interested"), all of each entry. A paper stays while
   * its control has the focus (FocusedEntry): the keyboard's j / k give it to the current entry,
   * a click on ✕ to the clicked one. So the user sees what `x` or the click did, and can take it
   * back; it goes once j / k move on or a click lands elsewhere.
   */
  hideDismissed: boolean;
  /** Keyboard triage on listing pages (j/k, s/r/x, …): on or off, and which keys. */
  keyboard: KeyboardSettings;
}

export const DEFAULT_DISPLAY: Readonly<DisplaySettings> = /* @__PURE__ */ Object.freeze({ dimBelowThreshold: false, hideDismissed: false, keyboard: DEFAULT_KEYBOARD });

/** The stored value as settings; anything malformed falls back to the defaults. */
export function parseDisplay(value: unknown): DisplaySettings {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return {
    dimBelowThreshold: typeof v.dimBelowThreshold === 'boolean' ? v.dimBelowThreshold : DEFAULT_DISPLAY.dimBelowThreshold,
    hideDismissed: typeof v.hideDismissed === 'boolean' ? v.hideDismissed : DEFAULT_DISPLAY.hideDismissed,
    keyboard: parseKeyboard(v.keyboard),
  };
}

/** The attribute on <html> that turns dimming on (PAGE_CSS). */
export const DIM_BELOW_ATTRIBUTE = 'data-paper-radar-dim-below';

/** The attribute on <html> that hides dismissed entries (PAGE_CSS). */
export const HIDE_DISMISSED_ATTRIBUTE = 'data-paper-radar-hide-dismissed';
