/**
 * Sync across devices: one switch and what the last pass did. The switch is stored by the worker
 * (in the database: a web page must not turn it); it runs a pass at once, and the status it writes
 * to storage.local shows here.
 */
import { useEffect, useState } from 'preact/hooks';
import { SYNC_OFF, type SyncSettings as Settings, type SyncStatus } from '../src/sync/settings';
import { errorText } from '../src/core/text';

export interface SyncApi {
  load(): Promise<{ settings: Settings; status: SyncStatus }>;
  save(settings: Settings): Promise<void>;
  /**
   * Calls back with each new status, and with the setting as stored by any page (another options
   * tab too); returns a function that stops listening.
   */
  watch(onStatus: (status: SyncStatus) => void, onSettings: (settings: Settings) => void): () => void;
}

export function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** The status in a sentence or two. */
export function describeSyncStatus(status: SyncStatus): string {
  if (!status.enabled) return 'Sync is off: marks and interests stay on this device.';
  if (status.error) return `Not synced: ${status.error}.`;
  if (status.lastSyncAt === null) return 'Syncing…';
  const when = new Date(status.lastSyncAt).toLocaleString();
  const marks = `${status.marks.toLocaleString()} ${status.marks === 1 ? 'mark' : 'marks'}`;
  const parts = [`Synced ${when}: ${marks} and ${status.interests === 'synced' ? 'your interests' : 'no interests'}, ${kilobytes(status.bytes)} of ${kilobytes(status.quotaBytes)}.`];
  if (status.leftOut > 0) parts.push(`${status.leftOut.toLocaleString()} older ${status.leftOut === 1 ? 'mark stays' : 'marks stay'} on this device only: the browser's sync storage is full.`);
  if (status.interests === 'too large') parts.push('Your interests are too large for sync storage and stay on this device.');
  if (status.invalid > 0) parts.push(`${status.invalid.toLocaleString()} unreadable ${status.invalid === 1 ? 'entry' : 'entries'} in sync storage ${status.invalid === 1 ? 'was' : 'were'} skipped.`);
  return parts.join(' ');
}

/**
 * The status to say beside the switch: the stored one lags the switch until the worker's pass is
 * done, so a switch just turned on is syncing, and one just turned off is off.
 */
function shownStatus(status: SyncStatus, settings: Settings | null): SyncStatus {
  if (settings === null || settings.enabled === status.enabled) return status;
  return settings.enabled ? { ...SYNC_OFF, enabled: true } : SYNC_OFF;
}

export function SyncSettings({ api }: { api: SyncApi }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.load().then(
      (loaded) => {
        setSettings(loaded.settings);
        setStatus(loaded.status);
      },
      (e: unknown) => setError(`Could not read the sync setting: ${errorText(e)}`),
    );
    // The switch turned elsewhere (another options tab) shows here too: else this tab would say
    // "Syncing…" with the box checked, for ever, after sync was turned off there.
    return api.watch(setStatus, setSettings);
  }, [api]);

  const toggle = (enabled: boolean) => {
    setSettings({ enabled });
    api.save({ enabled }).then(
      () => setError(null),
      (e: unknown) => {
        // Not stored: the switch shows the setting as it is, not "Syncing…" for a sync that is off.
        setSettings({ enabled: !enabled });
        setError(`Could not save the sync setting: ${errorText(e)}`);
      },
    );
  };

  return (
    <section class="sync-settings" aria-labelledby="sync-heading">
      <h2 id="sync-heading">Sync across devices</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {settings && (
        <label>
          <input type="checkbox" data-paper-radar-setting="sync" checked={settings.enabled} onChange={(e) => toggle((e.currentTarget as HTMLInputElement).checked)} />{' '}
          Keep my stars, read and dismissed marks and my interests in sync through this browser's sync storage
        </label>
      )}
      <p class="hint">
        Only marks (paper ids, three flags and a time) and interests are synced; titles, abstracts, tags, notes and history stay
        on this device. They travel to your other devices only if you use your browser's own sync (your Google or Firefox
        account); Paper Radar itself sends nothing anywhere.
      </p>
      {status && (
        <p data-paper-radar-sync-status aria-live="polite">
          {describeSyncStatus(shownStatus(status, settings))}
        </p>
      )}
    </section>
  );
}
