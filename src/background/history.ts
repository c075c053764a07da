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
  const { ids, aliases } = await forgetSeen(ctx.db, before);
  await ctx.relevance.forgot(ids);
  // Open libraries read themselves again, and listing pages ask again for the states of those
  // they show (by whichever id they show them): forgotten papers are new there again.
  if (ids.length > 0) await ctx.notifyChanged([...ids, ...aliases]);
  return ids.length;
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
