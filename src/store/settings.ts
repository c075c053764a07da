/**
 * The user's settings (interests, forgetting history, the sync switch) and the relevance engine's
 * stored state, in the `settings` and `relevance` stores (schema version 3). Plain key → value
 * records: a new key needs no new schema version.
 */
import { changeTime } from '../core/paper';
import { parseHistory, type HistorySettings } from '../history-settings';
import type { Interests } from '../relevance/index';
import type { TimedInterests } from '../sync/codec';
import { parseSyncSettings, type SyncSettings } from '../sync/settings';
import type { PaperDb, RelevanceValues } from './db';

export const NO_INTERESTS: Interests = Object.freeze({ topics: [], followedAuthors: [], mutedKeywords: [], mutedAuthors: [] });

export async function getInterests(db: PaperDb): Promise<Interests> {
  return ((await db.get('settings', 'interests')) as Interests | undefined) ?? { ...NO_INTERESTS };
}

/**
 * Stores the user's interests, changed at `at` (epoch ms): sync compares that time with another
 * device's to keep the newer interests.
 */
export async function setInterests(db: PaperDb, interests: Interests, at: number): Promise<void> {
  const tx = db.transaction('settings', 'readwrite');
  void tx.store.put(interests, 'interests');
  void tx.store.put(at, 'interestsAt');
  await tx.done;
}

/**
 * Stores `change` of the interests as stored, read and written in one transaction (no other
 * change comes between), dated after the interests it replaces (changeTime: interests synced
 * from a device whose clock is ahead must not outdate the user's newer edit on this one); returns
 * what was stored. Nothing is written when `change` throws.
 */
export async function updateInterests(db: PaperDb, change: (stored: Interests) => Interests, now: number): Promise<Interests> {
  const tx = db.transaction('settings', 'readwrite');
  const [stored, previous] = await Promise.all([tx.store.get('interests'), tx.store.get('interestsAt')]);
  const interests = change((stored as Interests | undefined) ?? { ...NO_INTERESTS });
  void tx.store.put(interests, 'interests');
  void tx.store.put(changeTime(typeof previous === 'number' ? previous : null, now), 'interestsAt');
  await tx.done;
  return interests;
}

/**
 * The interests and when they last changed: 0 when never set; 1 when set before that time was
 * kept (older than any change since, but still worth syncing).
 */
export async function getTimedInterests(db: PaperDb): Promise<TimedInterests> {
  const tx = db.transaction('settings');
  const stored = await timedInterestsIn(tx.store);
  await tx.done;
  return stored;
}

/**
 * Stores `other` (another device's interests, with their time) when `wins` says they beat the
 * interests stored, compared and written in one transaction: an edit the user saves meanwhile is
 * either compared or kept, never overwritten unseen. Returns the interests stored after, and
 * whether they are `other`.
 */
export async function storeIfNewer(db: PaperDb, other: TimedInterests, wins: (stored: TimedInterests) => boolean): Promise<{ stored: TimedInterests; replaced: boolean }> {
  const tx = db.transaction('settings', 'readwrite');
  const stored = await timedInterestsIn(tx.store);
  const replaced = wins(stored);
  if (replaced) {
    void tx.store.put(other.interests, 'interests');
    void tx.store.put(other.at, 'interestsAt');
  }
  await tx.done;
  return { stored: replaced ? other : stored, replaced };
}

/** The interests and their time as `settings` (a transaction's store) holds them (getTimedInterests). */
async function timedInterestsIn(settings: { get(key: 'interests' | 'interestsAt'): Promise<unknown> }): Promise<TimedInterests> {
  const [interests, at] = await Promise.all([settings.get('interests'), settings.get('interestsAt')]);
  return { interests: (interests as Interests | undefined) ?? { ...NO_INTERESTS }, at: typeof at === 'number' ? at : interests ? 1 : 0 };
}

/**
 * The history setting (null when none was ever stored here) and when the worker last applied it
 * (null: never).
 */
export async function getHistory(db: PaperDb): Promise<{ settings: HistorySettings | null; forgotAt: number | null }> {
  const tx = db.transaction('settings');
  const [settings, forgotAt] = await Promise.all([tx.store.get('history'), tx.store.get('historyForgotAt')]);
  await tx.done;
  return { settings: settings === undefined ? null : parseHistory(settings), forgotAt: typeof forgotAt === 'number' ? forgotAt : null };
}

export async function setHistory(db: PaperDb, settings: HistorySettings): Promise<void> {
  await db.put('settings', parseHistory(settings), 'history');
}

export async function setHistoryForgotAt(db: PaperDb, at: number): Promise<void> {
  await db.put('settings', at, 'historyForgotAt');
}

/** The sync switch (null when none was ever stored here). */
export async function getSyncSettings(db: PaperDb): Promise<SyncSettings | null> {
  const stored = await db.get('settings', 'sync');
  return stored === undefined ? null : parseSyncSettings(stored);
}

export async function setSyncSettings(db: PaperDb, settings: SyncSettings): Promise<void> {
  await db.put('settings', parseSyncSettings(settings), 'sync');
}

export async function readRelevance(db: PaperDb): Promise<Partial<RelevanceValues>> {
  const tx = db.transaction('relevance');
  const store = tx.objectStore('relevance');
  const [model, corpus, stale, trainedOn] = await Promise.all([store.get('model'), store.get('corpus'), store.get('stale'), store.get('trainedOn')]);
  await tx.done;
  const out: Partial<RelevanceValues> = {};
  if (typeof model === 'string') out.model = model;
  if (typeof corpus === 'string') out.corpus = corpus;
  if (typeof stale === 'number') out.stale = stale;
  if (typeof trainedOn === 'number') out.trainedOn = trainedOn;
  return out;
}

/** Writes the given values in one transaction; null deletes a value. */
export async function writeRelevance(db: PaperDb, values: { [K in keyof RelevanceValues]?: RelevanceValues[K] | null }): Promise<void> {
  const tx = db.transaction('relevance', 'readwrite');
  const store = tx.objectStore('relevance');
  for (const [key, value] of Object.entries(values) as Array<[keyof RelevanceValues, RelevanceValues[keyof RelevanceValues] | null | undefined]>) {
    if (value === undefined) continue;
    if (value === null) void store.delete(key);
    else void store.put(value, key);
  }
  await tx.done;
}
