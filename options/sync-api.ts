/**
 * The options page's sync section, through the worker: the switch is in the database (a web page
 * must not turn it: src/sync/settings.ts), and the status is what the worker writes to
 * storage.local.
 */
import browser from 'webextension-polyfill';
import { runtimeMessenger } from '../src/messenger';
import { parseSyncStatus, SYNC_STATUS_KEY } from '../src/sync/settings';
import type { SyncApi } from './SyncSettings';

export const syncApi: SyncApi = {
  async load() {
    const [{ settings }, stored] = await Promise.all([runtimeMessenger.send({ type: 'getSyncSettings' }), browser.storage.local.get(SYNC_STATUS_KEY)]);
    return { settings, status: parseSyncStatus(stored[SYNC_STATUS_KEY]) };
  },
  async save(settings) {
    await runtimeMessenger.send({ type: 'setSyncSettings', settings });
  },
  watch(onStatus, onSettings) {
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !(SYNC_STATUS_KEY in changes)) return;
      onStatus(parseSyncStatus(changes[SYNC_STATUS_KEY]!.newValue));
      // The worker writes the status when the switch is turned (in any options tab). The switch
      // itself is asked of the worker: a page may write storage.local.
      runtimeMessenger.send({ type: 'getSyncSettings' }).then(
        (answer) => onSettings(answer.settings),
        (error: unknown) => console.warn('Paper Radar: could not read the sync setting', error),
      );
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
};
