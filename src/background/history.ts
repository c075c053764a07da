/**
 * Forgetting the papers the user only saw, in the database and in the relevance engine (see
 * src/store/forget.ts): asked for from the options page, or due by the user's setting
 * (src/history-settings.ts). Free of extension APIs.
 */
import { DAY_MS, forgetDue, type HistorySettings } from '../history-settings';
import type { PaperDb } from '../store/db';
import { forgetSeen } from '../store/forget';
import type { RelevanceService } from './relevance';

export interface HistoryContext {
  db: PaperDb;
  relevance: RelevanceService;
  notifyChanged: (ids: string[]) => Promise<void>;
}

/** Forgets the papers only seen, last seen before `before`; returns how many. */
export async function forgetHistory(ctx: HistoryContext, before: number): Promise<number> {
  const forgotten = await forgetSeen(ctx.db, before);
  await ctx.relevance.forgot(forgotten);
  // Open libraries read themselves again; listing pages keep what they show until reloaded.
  if (forgotten.length > 0) await ctx.notifyChanged([]);
  return forgotten.length;
}

/**
 * Applies the user's setting when due (at most once a day); returns how many were forgotten, or
 * null when it was not due. `done` stores when it ran.
 */
export async function forgetHistoryIfDue(
  ctx: HistoryContext,
  settings: HistorySettings,
  lastForgotAt: unknown,
  now: number,
  done: (at: number) => Promise<void>,
): Promise<number | null> {
  if (!forgetDue(settings, lastForgotAt, now)) return null;
  const forgotten = await forgetHistory(ctx, now - settings.forgetAfterDays! * DAY_MS);
  await done(now);
  return forgotten;
}
