/**
 * Forgetting the papers the user only saw, in the database and in the relevance engine (see
 * src/store/forget.ts): asked for from the options page, or due by the user's setting
 * (src/history-settings.ts), which is kept in the database too. Free of extension APIs.
 */
import { DAY_MS, forgetDue, LEGACY_HISTORY_FORGOT_AT_KEY, LEGACY_HISTORY_KEY, NEVER_FORGET, parseHistory } from '../history-settings';
import type { PaperDb } from '../store/db';
import { getHistory, setHistory, setHistoryForgotAt } from '../store/settings';
import { forgetSeen } from '../store/forget';
import type { RelevanceService } from './relevance';

export interface HistoryContext {
  db: PaperDb;
  relevance: RelevanceService;
  notifyChanged: (ids: string[]) => Promise<void>;
}

/**
 * Forgets the papers only seen, last seen before `before`; returns how many, and why the rest
 * were not when a batch failed after some were forgotten (`failure`).
 */
export async function forgetHistory(ctx: HistoryContext, before: number): Promise<{ forgotten: number; failure?: unknown }> {
  const { ids, aliases, failure } = await forgetSeen(ctx.db, before);
  if (ids.length === 0) return { forgotten: 0 };
  // Open libraries read themselves again, and listing pages ask again for the states of those
  // they show (by whichever id they show them): forgotten papers are new there again. The papers
  // are gone whatever follows: a notice refused (a full disk, where forgetting is most wanted)
  // must not skip the engine's forgetting, nor answer "Nothing was changed".
  await ctx.notifyChanged([...ids, ...aliases]).catch((error: unknown) => console.error('Paper Radar: papers were forgotten, but open pages could not be told of it', error));
  // The corpus may have counted a paper under an id that has since become an alias (a Scholar
  // cluster scored before its arXiv id was known). A failure here (a full disk refusing the
  // engine's statistics) must not answer "Nothing was changed" for papers already forgotten.
  await ctx.relevance.forgot([...ids, ...aliases]).catch((error: unknown) => console.error('Paper Radar: papers were forgotten, but the relevance engine could not be told of it', error));
  return failure === undefined ? { forgotten: ids.length } : { forgotten: ids.length, failure };
}

/**
 * Applies the user's stored setting when due: at most once a day, and at once when `justSet`
 * (the user just chose it). Returns how many were forgotten, or null when it was not due.
 */
export async function applyHistorySetting(ctx: HistoryContext, now: number, justSet = false): Promise<number | null> {
  const { settings, forgotAt } = await getHistory(ctx.db);
  const current = settings ?? NEVER_FORGET;
  if (!forgetDue(current, justSet ? null : forgotAt, now)) return null;
  const { forgotten, failure } = await forgetHistory(ctx, now - current.forgetAfterDays! * DAY_MS);
  // Not noted as done when some were left: the next start tries again.
  if (failure !== undefined) throw failure;
  // Every one forgotten: a date that cannot be noted only means trying again at the next start.
  await setHistoryForgotAt(ctx.db, now).catch((error: unknown) => console.warn('Paper Radar: could not note when history was forgotten', error));
  return forgotten;
}

/** The part of storage.local moveLegacyHistorySetting uses (browser.storage.local in the worker). */
export interface LegacyArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  remove(keys: string[]): Promise<void>;
}

/**
 * Moves the setting from storage.local, where earlier builds kept it, into the database, once:
 * afterwards the database holds a setting ("never" when there was none), and whatever is written
 * under the old keys (by a page's compromised renderer, say) is removed unread.
 */
export async function moveLegacyHistorySetting(db: PaperDb, local: LegacyArea): Promise<void> {
  const keys = [LEGACY_HISTORY_KEY, LEGACY_HISTORY_FORGOT_AT_KEY];
  const stored = await local.get(keys);
  if ((await getHistory(db)).settings === null) {
    await setHistory(db, parseHistory(stored[LEGACY_HISTORY_KEY]));
    const at = stored[LEGACY_HISTORY_FORGOT_AT_KEY];
    if (typeof at === 'number') await setHistoryForgotAt(db, at);
  }
  if (keys.some((key) => key in stored)) await local.remove(keys);
}
