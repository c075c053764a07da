/**
 * Whether this device syncs, and how the last pass went: both describe this device and are not
 * themselves synced. Sync is off until the user turns it on in the options page. The switch is in
 * the extension's database (src/store/settings.ts), changed only through the worker by the
 * extension's own pages: storage.local is open to content scripts, so to the renderer of any page
 * they run in, which a hostile page may compromise, and a page that could turn sync on could feed
 * the library marks of its own through sync storage. The status is in storage.local, for the
 * options page to show. Pure.
 */
import { SYNC_QUOTA } from './quotas';

/** What the options page shows about sync (kept in storage.local by the background). */
export interface SyncStatus {
  enabled: boolean;
  /** When the last pass finished (epoch ms), null before the first. */
  lastSyncAt: number | null;
  /** Marks held in sync storage, and marks of this device that did not fit (they stay local). */
  marks: number;
  leftOut: number;
  /** Bytes our items take in sync storage, and its quota. */
  bytes: number;
  quotaBytes: number;
  interests: 'synced' | 'none' | 'too large';
  /** Marks or items in sync storage that could not be read (skipped). */
  invalid: number;
  /** Why the last pass failed, in words for the user; null when it did not. */
  error: string | null;
}

export const SYNC_OFF: SyncStatus = Object.freeze({
  enabled: false,
  lastSyncAt: null,
  marks: 0,
  leftOut: 0,
  bytes: 0,
  quotaBytes: SYNC_QUOTA.bytes,
  interests: 'none',
  invalid: 0,
  error: null,
});

/**
 * Where earlier builds kept the switch: storage.local. Moved into the database once
 * (moveLegacySyncSetting), then removed there unread.
 */
export const LEGACY_SYNC_SETTINGS_KEY = 'paperRadar.sync';
export const SYNC_STATUS_KEY = 'paperRadar.syncStatus';

export interface SyncSettings {
  enabled: boolean;
}

export function parseSyncSettings(value: unknown): SyncSettings {
  return { enabled: typeof value === 'object' && value !== null && (value as { enabled?: unknown }).enabled === true };
}

/** The stored status, or "off" when there is none or it is malformed. */
export function parseSyncStatus(value: unknown): SyncStatus {
  if (typeof value !== 'object' || value === null) return { ...SYNC_OFF };
  const v = value as Partial<SyncStatus>;
  const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
  return {
    enabled: v.enabled === true,
    lastSyncAt: typeof v.lastSyncAt === 'number' ? v.lastSyncAt : null,
    marks: n(v.marks),
    leftOut: n(v.leftOut),
    bytes: n(v.bytes),
    quotaBytes: n(v.quotaBytes) || SYNC_OFF.quotaBytes,
    interests: v.interests === 'synced' || v.interests === 'too large' ? v.interests : 'none',
    invalid: n(v.invalid),
    error: typeof v.error === 'string' ? v.error : null,
  };
}
