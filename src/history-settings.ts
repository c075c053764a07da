/**
 * Forgetting history automatically: after how long a paper the user only saw is forgotten (see
 * src/store/forget.ts), or never. Unlike the display settings, kept in the extension's database
 * (src/store/settings.ts) and changed only through the worker, by the options page: it deletes
 * papers, and storage.local is open to content scripts, so to the renderer of any page they run
 * in, which a hostile page may compromise. Pure.
 */

/**
 * Where earlier builds kept the setting, and when the worker last applied it: storage.local.
 * Moved into the database once (moveLegacyHistorySetting), then ignored there.
 */
export const LEGACY_HISTORY_KEY = 'paperRadar.history';
export const LEGACY_HISTORY_FORGOT_AT_KEY = 'paperRadar.historyForgotAt';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface HistorySettings {
  /** Papers only seen and not seen again for this many days are forgotten; null: never. */
  forgetAfterDays: number | null;
}

/** The choices the options page offers, in days. */
export const FORGET_AFTER_CHOICES: ReadonlyArray<{ days: number; label: string }> = [
  { days: 30, label: 'a month' },
  { days: 182, label: '6 months' },
  { days: 365, label: 'a year' },
];

export const NEVER_FORGET: HistorySettings = Object.freeze({ forgetAfterDays: null });

/** The stored value as settings; anything else (an unknown number of days too) is "never". */
export function parseHistory(value: unknown): HistorySettings {
  const days = (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}).forgetAfterDays;
  return { forgetAfterDays: FORGET_AFTER_CHOICES.some((c) => c.days === days) ? (days as number) : null };
}

/** Whether the worker should forget now: set, and not done in the last day (or the clock went back). */
export function forgetDue(settings: HistorySettings, lastForgotAt: unknown, now: number): boolean {
  if (settings.forgetAfterDays === null) return false;
  return typeof lastForgotAt !== 'number' || now - lastForgotAt >= DAY_MS || now < lastForgotAt;
}
