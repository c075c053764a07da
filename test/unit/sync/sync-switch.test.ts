/**
 * Where the sync switch is kept and who may turn it: the real worker (src/background/index.ts)
 * over a fake `browser` whose storage events fire. A content script can write storage.local (and,
 * in Firefox, storage.sync), so a page's compromised renderer must not be able to turn sync on
 * there: the switch is in the database, turned only by the extension's own pages.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { moveLegacySyncSetting } from '../../../src/background/sync-switch';
import { openPaperDb, type PaperDb } from '../../../src/store/db';
import { getSyncSettings, setSyncSettings } from '../../../src/store/settings';
import { VERSION_KEY } from '../../../src/sync/codec';
import { LEGACY_SYNC_SETTINGS_KEY, parseSyncStatus, SYNC_OFF, SYNC_STATUS_KEY } from '../../../src/sync/settings';
import { asAnEarlierBuildLeftIt } from '../../support/earlier-build';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- listeners of every shape
type Listener = (...args: any[]) => unknown;
type Changes = Record<string, { oldValue?: unknown; newValue?: unknown }>;

/** The browser's storage, kept across worker restarts. */
function storage() {
  return { local: new Map<string, unknown>(), session: new Map<string, unknown>(), sync: new Map<string, unknown>() };
}

function eventfulBrowser(maps: ReturnType<typeof storage>, setAccessLevel?: (details: { accessLevel: string }) => Promise<void>) {
  const storageListeners: Listener[] = [];
  const messageListeners: Listener[] = [];
  const event = (list: Listener[] = []) => ({
    addListener: (l: Listener) => void list.push(l),
    removeListener: (l: Listener) => void list.splice(list.indexOf(l) >>> 0, 1),
    hasListener: () => false,
  });
  /** Every change to storage.local, in order (what an open options tab hears). */
  const localChanges: Changes[] = [];
  const area = (name: keyof typeof maps) => {
    const m = maps[name];
    const changed = (changes: Changes) => {
      if (name === 'local') localChanges.push(changes);
      for (const l of storageListeners) l(changes, name);
    };
    return {
      async get(keys?: string | string[] | null) {
        if (keys === null || keys === undefined) return Object.fromEntries(m);
        const list = typeof keys === 'string' ? [keys] : keys;
        return Object.fromEntries(list.filter((k) => m.has(k)).map((k) => [k, structuredClone(m.get(k))]));
      },
      async set(items: Record<string, unknown>) {
        const changes: Changes = {};
        for (const [k, v] of Object.entries(items)) {
          changes[k] = { oldValue: m.get(k), newValue: structuredClone(v) };
          m.set(k, structuredClone(v));
        }
        changed(changes);
      },
      async remove(keys: string | string[]) {
        const changes: Changes = {};
        for (const k of typeof keys === 'string' ? [keys] : keys) {
          if (m.has(k)) changes[k] = { oldValue: m.get(k) };
          m.delete(k);
        }
        changed(changes);
      },
    };
  };
  const browser = {
    storage: { local: area('local'), session: area('session'), sync: { ...area('sync'), ...(setAccessLevel ? { setAccessLevel } : {}) }, onChanged: event(storageListeners) },
    permissions: { onAdded: event([]) },
    runtime: {
      id: 'paper-radar-test',
      getURL: (path: string) => `chrome-extension://paper-radar-test/${path}`,
      onInstalled: event(),
      onMessage: event(messageListeners),
      // What the options page sends (options/sync-api.ts) reaches the worker.
      sendMessage: (message: unknown) => sendAs(optionsPage, message),
    },
  };
  async function sendAs(sender: Runtime.MessageSender, message: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- any answer
    const listener = messageListeners[0];
    if (!listener) throw new Error('no onMessage listener');
    return listener(structuredClone(message), sender);
  }
  return { browser, maps, localChanges, sendAs };
}

const optionsPage: Runtime.MessageSender = { id: 'paper-radar-test', url: 'chrome-extension://paper-radar-test/options/index.html' };
const listingTab: Runtime.MessageSender = { id: 'paper-radar-test', url: 'https://arxiv.org/list/cs.LG/new', tab: { id: 3, incognito: false } as never, frameId: 0 };


/** The worker as the browser starts it, over `maps` (what an earlier worker left). */
async function startWorker(maps = storage(), setAccessLevel?: (details: { accessLevel: string }) => Promise<void>) {
  const worker = eventfulBrowser(maps, setAccessLevel);
  // Each worker keeps the `browser` it started with: a pass of an earlier one never writes here.
  vi.doMock('webextension-polyfill', () => ({ default: worker.browser }));
  vi.resetModules();
  await import('../../../src/background/index');
  // Started: the switch is read from the database (and moved there first).
  await vi.waitFor(async () => expect(await worker.sendAs(optionsPage, { type: 'getSyncSettings' })).toHaveProperty('settings'));
  return worker;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const status = (w: { maps: ReturnType<typeof storage> }) => parseSyncStatus(w.maps.local.get(SYNC_STATUS_KEY));

function deleteLibrary(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const r = indexedDB.deleteDatabase('paper-radar');
    r.onsuccess = () => resolve();
    r.onerror = () => reject(r.error);
    r.onblocked = () => resolve();
  });
}
afterEach(deleteLibrary);

describe('the sync switch', () => {
  it('is turned from the options page through the worker: stored, a pass at once, the status says so at once (other options tabs show the switch by it)', async () => {
    const w = await startWorker();
    expect(await w.sendAs(optionsPage, { type: 'getSyncSettings' })).toEqual({ settings: { enabled: false } });
    expect(await w.sendAs(optionsPage, { type: 'setSyncSettings', settings: { enabled: true } })).toEqual({ ok: true });
    expect(await w.sendAs(optionsPage, { type: 'getSyncSettings' })).toEqual({ settings: { enabled: true } });
    // Written before the pass's own status: "Syncing…" in every open options tab.
    const statuses = () => w.localChanges.filter((c) => SYNC_STATUS_KEY in c).map((c) => parseSyncStatus(c[SYNC_STATUS_KEY]!.newValue));
    expect(statuses()[0]).toEqual({ ...SYNC_OFF, enabled: true });
    await vi.waitFor(() => expect(status(w).lastSyncAt).not.toBeNull(), { timeout: 5_000 });
    expect(w.maps.sync.has(VERSION_KEY)).toBe(true);
    // Not in storage.local, where a page could turn it.
    expect(w.maps.local.has(LEGACY_SYNC_SETTINGS_KEY)).toBe(false);

    expect(await w.sendAs(optionsPage, { type: 'setSyncSettings', settings: { enabled: false } })).toEqual({ ok: true });
    expect(status(w)).toEqual(SYNC_OFF);
    expect(await w.sendAs(optionsPage, { type: 'getSyncSettings' })).toEqual({ settings: { enabled: false } });
  });

  it("cannot be read or turned from a web page's tab", async () => {
    const w = await startWorker();
    for (const message of [{ type: 'setSyncSettings', settings: { enabled: true } }, { type: 'getSyncSettings' }]) {
      expect(await w.sendAs(listingTab, message)).toEqual({ error: 'not allowed from a web page' });
    }
    await sleep(100);
    expect(await w.sendAs(optionsPage, { type: 'getSyncSettings' })).toEqual({ settings: { enabled: false } });
    expect(w.maps.sync.size).toBe(0);
  });

  it('is not turned on by what a page writes under the old storage.local key, which the next worker removes unread', async () => {
    const w = await startWorker();
    // A page's compromised renderer (content scripts can write storage.local).
    await w.browser.storage.local.set({ [LEGACY_SYNC_SETTINGS_KEY]: { enabled: true } });
    await sleep(200);
    expect(w.maps.sync.size).toBe(0);
    expect(status(w).enabled).toBe(false);

    const next = await startWorker(w.maps);
    expect(next.maps.local.has(LEGACY_SYNC_SETTINGS_KEY)).toBe(false);
    expect(await next.sendAs(optionsPage, { type: 'getSyncSettings' })).toEqual({ settings: { enabled: false } });
    await sleep(1_200); // past the pass a worker with sync on runs after it starts
    expect(next.maps.sync.size).toBe(0);
  });

  it("that an earlier build kept in storage.local moves into the database, and the worker syncs by it", async () => {
    const maps = storage();
    maps.local.set(LEGACY_SYNC_SETTINGS_KEY, { enabled: true });
    (await asAnEarlierBuildLeftIt(await openPaperDb())).close();
    const w = await startWorker(maps);
    expect(await w.sendAs(optionsPage, { type: 'getSyncSettings' })).toEqual({ settings: { enabled: true } });
    expect(maps.local.has(LEGACY_SYNC_SETTINGS_KEY)).toBe(false);
    await vi.waitFor(() => expect(status(w).lastSyncAt).not.toBeNull(), { timeout: 5_000 });
    expect(maps.sync.has(VERSION_KEY)).toBe(true);
  });
});

describe('a library wiped while the worker runs', () => {
  it('has sync off (the switch went with it), and what a page wrote under the old key is not moved into the new one', async () => {
    const w = await startWorker();
    await w.sendAs(optionsPage, { type: 'setSyncSettings', settings: { enabled: true } });
    await vi.waitFor(() => expect(status(w).lastSyncAt).not.toBeNull(), { timeout: 5_000 });
    await w.browser.storage.local.set({ [LEGACY_SYNC_SETTINGS_KEY]: { enabled: true } });
    await deleteLibrary(); // the worker closes its connection when asked
    expect(await w.sendAs(optionsPage, { type: 'getSyncSettings' })).toEqual({ settings: { enabled: false } });
    // No pass runs after a change: this worker heard the switch went with the library.
    const inSync = JSON.stringify([...w.maps.sync]);
    const id = 'arxiv:2408.04000';
    const paper = { id, title: 'Starred after the wipe', authors: [], abstract: null, url: 'https://arxiv.org/abs/2408.04000', pdfUrl: null, primaryCategory: null, subjects: [], comments: null, site: 'arxiv', aliases: [] };
    expect(await w.sendAs(listingTab, { type: 'setFlag', id, flag: 'starred', value: true, paper })).not.toHaveProperty('error');
    await sleep(2_500); // past the pass a change schedules
    expect(JSON.stringify([...w.maps.sync])).toBe(inSync);
    const next = await startWorker(w.maps);
    expect(await next.sendAs(optionsPage, { type: 'getSyncSettings' })).toEqual({ settings: { enabled: false } });
    expect(next.maps.local.has(LEGACY_SYNC_SETTINGS_KEY)).toBe(false);
    // Turned on again, as on a new device: the pass brings the library back (tested in sync-service).
    expect(await next.sendAs(optionsPage, { type: 'setSyncSettings', settings: { enabled: true } })).toEqual({ ok: true });
    expect(await next.sendAs(optionsPage, { type: 'getSyncSettings' })).toEqual({ settings: { enabled: true } });
    expect(next.localChanges.filter((c) => SYNC_STATUS_KEY in c).map((c) => parseSyncStatus(c[SYNC_STATUS_KEY]!.newValue).enabled)).toContain(true);
  });
});

describe("the options page's sync section (options/sync-api.ts)", () => {
  it('shows the switch as turned in another options tab, and not as a status a page wrote says', async () => {
    const w = await startWorker();
    const { syncApi } = await import('../../../options/sync-api');
    const shown: boolean[] = [];
    const stop = syncApi.watch(() => {}, (settings) => shown.push(settings.enabled));
    expect(await syncApi.load()).toEqual({ settings: { enabled: false }, status: SYNC_OFF });
    await syncApi.save({ enabled: true }); // in the other tab
    await vi.waitFor(() => expect(shown.at(-1)).toBe(true));
    await vi.waitFor(() => expect(status(w).lastSyncAt).not.toBeNull(), { timeout: 5_000 });
    expect((await syncApi.load()).settings).toEqual({ enabled: true });
    await syncApi.save({ enabled: false });
    await vi.waitFor(() => expect(shown.at(-1)).toBe(false));
    // A page's compromised renderer writes a status saying sync is on: the switch stays off here.
    const count = shown.length;
    await w.browser.storage.local.set({ [SYNC_STATUS_KEY]: { ...SYNC_OFF, enabled: true } });
    await vi.waitFor(() => expect(shown.length).toBe(count + 1));
    expect(shown.at(-1)).toBe(false);
    stop();
  });
});

describe('sync storage', () => {
  it('is closed to content scripts where the browser allows it', async () => {
    const setAccessLevel = vi.fn(async (_details: { accessLevel: string }) => {});
    await startWorker(storage(), setAccessLevel);
    expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
  });

  it('a browser that refuses (Firefox closes only storage.session) leaves the worker working', async () => {
    for (const refuse of [async () => Promise.reject(new Error('not supported for this area')), () => { throw new Error('not supported for this area'); }]) {
      const w = await startWorker(storage(), refuse as never);
      expect(await w.sendAs(optionsPage, { type: 'setSyncSettings', settings: { enabled: true } })).toEqual({ ok: true });
      await vi.waitFor(() => expect(status(w).lastSyncAt).not.toBeNull(), { timeout: 5_000 });
    }
  });
});

describe('moveLegacySyncSetting', () => {
  let db: PaperDb;
  let counter = 0;
  afterEach(() => db.close());
  const legacyArea = (local: Map<string, unknown>) => ({
    get: async (keys: string[]) => Object.fromEntries(keys.filter((key) => local.has(key)).map((key) => [key, local.get(key)])),
    remove: async (keys: string[]) => void keys.forEach((key) => local.delete(key)),
  });

  it('moves the switch once; later writes under the old key are removed unread', async () => {
    db = await asAnEarlierBuildLeftIt(await openPaperDb(`sync-switch-${++counter}`));
    const local = new Map<string, unknown>([[LEGACY_SYNC_SETTINGS_KEY, { enabled: true }], ['paperRadar.display', { dimRead: true }]]);
    await moveLegacySyncSetting(db, legacyArea(local));
    expect(await getSyncSettings(db)).toEqual({ enabled: true });
    expect([...local.keys()]).toEqual(['paperRadar.display']);
    await setSyncSettings(db, { enabled: false });
    local.set(LEGACY_SYNC_SETTINGS_KEY, { enabled: true });
    await moveLegacySyncSetting(db, legacyArea(local));
    expect(await getSyncSettings(db)).toEqual({ enabled: false });
    expect(local.has(LEGACY_SYNC_SETTINGS_KEY)).toBe(false);
  });

  it('a new library has the switch off, so nothing under the old key is moved into it', async () => {
    db = await openPaperDb(`sync-switch-${++counter}`);
    expect(await getSyncSettings(db)).toEqual({ enabled: false });
    const local = new Map<string, unknown>([[LEGACY_SYNC_SETTINGS_KEY, { enabled: true }]]);
    await moveLegacySyncSetting(db, legacyArea(local));
    expect(await getSyncSettings(db)).toEqual({ enabled: false });
    expect(local.has(LEGACY_SYNC_SETTINGS_KEY)).toBe(false);
  });

  it('a library that never had the switch gets "off", so nothing written under the old key later is moved', async () => {
    db = await asAnEarlierBuildLeftIt(await openPaperDb(`sync-switch-${++counter}`));
    const local = new Map<string, unknown>();
    await moveLegacySyncSetting(db, legacyArea(local));
    expect(await getSyncSettings(db)).toEqual({ enabled: false });
    local.set(LEGACY_SYNC_SETTINGS_KEY, { enabled: true });
    await moveLegacySyncSetting(db, legacyArea(local));
    expect(await getSyncSettings(db)).toEqual({ enabled: false });
  });
});
