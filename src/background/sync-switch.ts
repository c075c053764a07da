/**
 * The sync switch, in the database since it moved there from storage.local (src/sync/settings.ts
 * says why). Free of extension APIs.
 */
import type { PaperDb } from '../store/db';
import { getSyncSettings, setSyncSettings } from '../store/settings';
import { LEGACY_SYNC_SETTINGS_KEY, parseSyncSettings } from '../sync/settings';
import type { LegacyArea } from './history';

/**
 * Moves the switch from storage.local, where earlier builds kept it, into the database, once:
 * afterwards the database holds a switch (off when there was none), and whatever is written
 * under the old key (by a page's compromised renderer, say) is removed unread.
 */
export async function moveLegacySyncSetting(db: PaperDb, local: LegacyArea): Promise<void> {
  const stored = await local.get([LEGACY_SYNC_SETTINGS_KEY]);
  if ((await getSyncSettings(db)) === null) await setSyncSettings(db, parseSyncSettings(stored[LEGACY_SYNC_SETTINGS_KEY]));
  if (LEGACY_SYNC_SETTINGS_KEY in stored) await local.remove([LEGACY_SYNC_SETTINGS_KEY]);
}
