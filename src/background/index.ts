/**
 * The background service worker: the one owner of the extension's database. Content scripts and
 * the popup send it requests (src/messages.ts); each is validated before anything is done, and
 * invalid ones are dropped with a console warning. It keeps no state in memory that matters:
 * an MV3 worker is stopped when idle and everything must survive that.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { CHANGE_KEY, HISTORY_SETTING_NOTICE, isScoring, MODEL_KEY, SEEN_NOTICE, type ChangeNotice, type ModelNotice, type SeenNotice } from '../changes';
import { pageMaySend, parseRequest, warmUpValidation, type ErrorResponse } from '../messages';
import { lazyPaperDb, type PaperDb } from '../store/db';
import { handleRequest } from './handlers';
import { failureMessage } from '../store/failure';
import { RelevanceService } from './relevance';
import { SyncService } from '../sync/service';
import { SYNC_OFF, SYNC_STATUS_KEY } from '../sync/settings';
import { getSyncSettings } from '../store/settings';
import { applyHistorySetting, moveLegacyHistorySetting } from './history';
import { moveLegacySyncSetting } from './sync-switch';
import { annotateOpenTabs, annotateOpenTabsOncePerLoad } from './open-tabs';

/**
 * The connection, opened again after it was closed under us, with a new relevance engine over it
 * and the sync switch read again (a wiped library has sync off).
 */
const database = lazyPaperDb(() => {
  relevancePromise = null;
  syncEnabledRead = null;
});

/** One relevance engine per worker, over the one database (made again once it opens, after a failure). */
let relevancePromise: Promise<RelevanceService> | null = null;
function relevance(): Promise<RelevanceService> {
  return (relevancePromise ??= database().then(
    (db) =>
      new RelevanceService(db, {
        onRetrained: (scoring) => void notifyModel(scoring).catch(reportNoticeFailure),
        onLoaded: (scoring) => void restateModel(scoring).catch(reportNoticeFailure),
      }),
    (error: unknown) => {
      relevancePromise = null;
      throw error;
    },
  ));
}

const reportNoticeFailure = (error: unknown) => console.warn('Paper Radar: could not tell open pages of the model', error);

/** Tells open pages that the model changed: they ask for their entries' scores again. */
async function notifyModel(scoring: boolean): Promise<void> {
  const notice: ModelNotice = { at: Date.now(), scoring };
  await browser.storage.local.set({ [MODEL_KEY]: notice });
}

/**
 * Writes the model notice again if it does not say what the loaded model says: a notice from
 * before `scoring` existed (an update), or one lost to a worker stopped between storing a model
 * and announcing it. Pages then keep badges' room from their next load on.
 */
async function restateModel(scoring: boolean): Promise<void> {
  const stored = (await browser.storage.local.get(MODEL_KEY))[MODEL_KEY];
  if (isScoring(stored) !== scoring) await notifyModel(scoring);
}

async function notifyChanged(ids: string[]): Promise<void> {
  const notice: ChangeNotice = { ids, at: Date.now() };
  await browser.storage.local.set({ [CHANGE_KEY]: notice });
}

function notifySeen(ids: string[]): void {
  if (ids.length > 0) tellExtensionPages({ type: SEEN_NOTICE, ids } satisfies SeenNotice);
}

const notifyHistorySetting = () => tellExtensionPages({ type: HISTORY_SETTING_NOTICE });

function tellExtensionPages(notice: object): void {
  // Rejected when no extension page is open to hear it: then there is nobody to tell.
  browser.runtime.sendMessage(notice).catch(() => undefined);
}

function fromUs(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id;
}

/** Sent by one of the extension's own pages (popup, library, options), not a content script. */
function fromExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.url?.startsWith(browser.runtime.getURL('')) === true;
}

/**
 * Sync through the browser's sync storage, when the user turned it on (the switch is in the
 * database: src/sync/settings.ts). A pass runs shortly after the worker starts, a few seconds
 * after a change here (so that a burst of clicks is one write), and when another device's changes
 * arrive.
 */
const sync = new SyncService({
  db: database,
  area: {
    get: () => browser.storage.sync.get(null),
    set: (items) => browser.storage.sync.set(items),
    remove: (keys) => browser.storage.sync.remove(keys),
  },
  now: Date.now,
  async marksApplied(ids) {
    await notifyChanged(ids);
    await (await relevance()).labelsChanged();
  },
  async interestsApplied() {
    await (await relevance()).interestsChanged();
  },
  async report(status) {
    // A pass that ends after sync was turned off does not say it is on.
    if (await syncEnabled()) await browser.storage.local.set({ [SYNC_STATUS_KEY]: status });
  },
  setTimer(run, ms) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
  enabled: syncEnabled,
});
/**
 * Whether sync is on, read once per connection. Unreadable settings count as sync off (until the
 * user changes them): every pass waits on this.
 */
let syncEnabledRead: Promise<boolean> | null = null;
function syncEnabled(): Promise<boolean> {
  return (syncEnabledRead ??= database()
    .then(async (db) => {
      await legacySettingsMoved(db);
      return (await getSyncSettings(db))?.enabled === true;
    })
    .catch((error: unknown) => {
      console.warn('Paper Radar: could not read the sync settings', error);
      return false;
    }));
}
void syncEnabled().then((enabled) => enabled && sync.schedule(1_000));
function syncChanged(): void {
  void syncEnabled().then((enabled) => enabled && sync.schedule(2_000));
}
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && !sync.isEcho(changes)) void syncEnabled().then((enabled) => enabled && sync.schedule(500));
});

/**
 * The options page turned the switch (setSyncSettings, stored by now). The status says so at
 * once: another options tab shows the switch by it, and the pass's own status follows.
 */
async function syncSwitched(enabled: boolean): Promise<void> {
  const was = syncEnabledRead; // null: not read on this connection (the database has `enabled` by now)
  syncEnabledRead = Promise.resolve(enabled);
  if (was !== null && (await was) === enabled) return;
  if (!enabled) sync.stop();
  await browser.storage.local
    .set({ [SYNC_STATUS_KEY]: enabled ? { ...SYNC_OFF, enabled: true } : SYNC_OFF })
    .catch((error: unknown) => console.warn('Paper Radar: could not write the sync status', error));
  // Unless turned off again meanwhile.
  if (enabled) void syncEnabled().then((on) => on && sync.schedule(0));
}

// Content scripts may not write sync storage where the browser lets the extension close it
// (recent Chromium; Firefox closes only storage.session): marks a page's compromised renderer
// wrote there would be merged into the library. What a pass reads there is validated all the
// same (sync/codec.ts).
async function closeSyncStorageToPages(): Promise<void> {
  const area = browser.storage.sync as typeof browser.storage.sync & { setAccessLevel?: (details: { accessLevel: string }) => Promise<void> };
  await area.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
}
void closeSyncStorageToPages().catch(() => undefined);

/**
 * Forgetting history by the user's setting (src/history-settings.ts): a while after the worker
 * starts (not while the page that woke it asks for its states), at most once a day. (When the
 * user changes the setting, its request applies it at once.)
 */
setTimeout(async () => {
  try {
    const [db, engine] = await Promise.all([database(), relevance()]);
    await legacySettingsMoved(db);
    await applyHistorySetting({ db, relevance: engine, notifyChanged }, Date.now());
  } catch (error) {
    console.error('Paper Radar: could not forget history', error);
  }
}, 10_000);

// Installed or updated: an earlier build may have left the history setting and the sync switch
// in storage.local. (A new library has both from the start: src/store/db.ts.)
browser.runtime.onInstalled.addListener(() => {
  database()
    .then(legacySettingsMoved)
    .catch((error: unknown) => console.error('Paper Radar: could not move the settings from storage.local', error));
});

// The listings open already get their controls when the extension is loaded (installed, updated,
// turned on again: Chrome runs content scripts only in pages loaded from then on), and those of a
// site given back (the popup's Allow…, Chrome's site access), not once reloaded.
const reportOpenTabsFailure = (error: unknown) => console.warn('Paper Radar: could not annotate the open tabs', error);
void annotateOpenTabsOncePerLoad().catch(reportOpenTabsFailure);
browser.permissions.onAdded.addListener(({ origins }) => {
  if (origins?.length) void annotateOpenTabs().catch(reportOpenTabsFailure);
});

/**
 * The history setting and the sync switch are in the database, moved from storage.local once
 * (see onInstalled); what reads them waits for that.
 */
let legacyMove: Promise<void> | null = null;
function legacySettingsMoved(db: PaperDb): Promise<void> {
  legacyMove ??= Promise.all([moveLegacyHistorySetting(db, browser.storage.local), moveLegacySyncSetting(db, browser.storage.local)]).then(
    () => undefined,
    (error: unknown) => {
      legacyMove = null;
      throw error;
    },
  );
  return legacyMove;
}
const MOVED_SETTING_REQUESTS: ReadonlySet<string> = new Set(['getHistorySettings', 'setHistorySettings', 'getSyncSettings', 'setSyncSettings']);

// Right after the wake that started the worker is handled: the page's state request follows.
setTimeout(() => {
  try {
    warmUpValidation();
  } catch (error) {
    console.warn('Paper Radar:', error);
  }
}, 0);

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!fromUs(sender)) return undefined;
  const parsed = parseRequest(message);
  if (!parsed.ok) {
    console.warn(`Paper Radar: dropped an invalid message (${parsed.error})`);
    return Promise.resolve<ErrorResponse>({ error: 'invalid message' });
  }
  if (!fromExtensionPage(sender) && !pageMaySend(parsed.request)) {
    console.warn(`Paper Radar: dropped a ${parsed.request.type} request from a web page`);
    return Promise.resolve<ErrorResponse>({ error: 'not allowed from a web page' });
  }
  return Promise.all([database(), relevance()])
    .then(async ([db, engine]) => {
      if (MOVED_SETTING_REQUESTS.has(parsed.request.type)) await legacySettingsMoved(db);
      return handleRequest(parsed.request, { db, now: Date.now, notifyChanged, notifySeen, notifyHistorySetting, relevance: engine, privateTab: sender.tab?.incognito === true, fromPage: !fromExtensionPage(sender), syncChanged, syncSwitched });
    })
    .catch((error: unknown): ErrorResponse => {
      console.error('Paper Radar: request failed', parsed.request.type, error);
      return { error: failureMessage(error) };
    });
});
