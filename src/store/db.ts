/**
 * The extension's IndexedDB, opened through idb. Only extension pages (the background service
 * worker and the popup) open it: a content script's IndexedDB would belong to the web page.
 *
 * Schema changes: bump DB_VERSION and append a step to MIGRATIONS. Each step upgrades from the
 * version before it, so a database of any earlier version is walked up step by step. Every step
 * gets a test that opens a database of the previous version and checks the data survives. A step
 * may read and rewrite records through the upgrade transaction (it is not awaited, but the
 * database opens only after the upgrade transaction has completed).
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { PaperMeta, PaperState } from '../core/paper';
import type { Interests } from '../relevance/index';

export const DB_NAME = 'paper-radar';
export const DB_VERSION = 3;

/** A paper's state as stored: small, so that a listing's states are read in a few range reads. */
export type StoredState = PaperState & { id: string };

/**
 * Another id of a stored paper: `alias` (e.g. `scholar:123`) is kept under `id` (e.g.
 * `arxiv:2106.09608`). `id` is always the paper's current record id (never itself an alias), so
 * one lookup resolves any id. Keyed by `alias` so that a listing's ids are looked up by the same
 * key ranges as its states.
 */
export interface AliasRecord {
  alias: string;
  id: string;
}

export interface PaperRadarSchema extends DBSchema {
  /** What pages said about each paper (the newest, merged). */
  papers: { key: string; value: PaperMeta };
  /** What the user did with each paper. */
  states: {
    key: string;
    value: StoredState;
    // Only records with a number here are in the index (null is not a valid IndexedDB key),
    // so "starred, newest first" is a plain reverse walk of starredAt.
    indexes: { starredAt: number; lastSeenAt: number };
  };
  /** Other ids of stored papers (version 2). The `id` index finds every alias of one record. */
  aliases: {
    key: string;
    value: AliasRecord;
    indexes: { id: string };
  };
  /** The user's settings (version 3), one record per key: `interests`. */
  settings: { key: SettingKey; value: SettingValues[SettingKey] };
  /**
   * The relevance engine's state (version 3), one record per key: the trained model and the
   * corpus's document frequencies (both as the JSON text the engine makes), and whether labels or
   * interests changed since the model was trained (a worker stopped before retraining retrains
   * at its next start).
   */
  relevance: { key: RelevanceKey; value: RelevanceValues[RelevanceKey] };
}

export interface SettingValues {
  interests: Interests;
}
export type SettingKey = keyof SettingValues;

export interface RelevanceValues {
  /** JSON.stringify(RelevanceModel). */
  model: string;
  /** JSON.stringify(SerializedCorpusStats). */
  corpus: string;
  /** Epoch ms of the last change the stored model has not learned yet; absent when up to date. */
  stale: number;
  /** How many papers the corpus had when the stored model was trained. */
  trainedOn: number;
}
export type RelevanceKey = keyof RelevanceValues;

export type PaperDb = IDBPDatabase<PaperRadarSchema>;
type UpgradeTx = IDBPTransaction<PaperRadarSchema, ArrayLike<StoreNames<PaperRadarSchema>>, 'versionchange'>;

/** MIGRATIONS[n] upgrades a database from version n to n + 1. */
const MIGRATIONS: ReadonlyArray<(db: PaperDb, tx: UpgradeTx) => void> = [
  // 0 → 1: paper metadata and paper states.
  (db) => {
    db.createObjectStore('papers', { keyPath: 'id' });
    const states = db.createObjectStore('states', { keyPath: 'id' });
    states.createIndex('starredAt', 'starredAt');
    states.createIndex('lastSeenAt', 'lastSeenAt');
  },
  // 1 → 2: other ids of a paper (alias → record id), and every stored paper gets `aliases: []`.
  (db, tx) => {
    const aliases = db.createObjectStore('aliases', { keyPath: 'alias' });
    aliases.createIndex('id', 'id');
    void addEmptyAliases(tx);
  },
  // 2 → 3: settings (interests) and the relevance engine's state; states gain `dismissed: false`.
  (db, tx) => {
    db.createObjectStore('settings');
    db.createObjectStore('relevance');
    void addNotDismissed(tx);
  },
];

/** Gives every state written before version 3 `dismissed: false` (same pattern as addEmptyAliases). */
async function addNotDismissed(tx: UpgradeTx): Promise<void> {
  try {
    let cursor = await tx.objectStore('states').openCursor();
    while (cursor) {
      if (typeof (cursor.value as Partial<PaperState>).dismissed !== 'boolean') await cursor.update({ ...cursor.value, dismissed: false });
      cursor = await cursor.continue();
    }
  } catch {
    try {
      tx.abort();
    } catch {
      // already finished or aborted: the open request reports it
    }
  }
}

/**
 * Gives every paper written by version 1 an empty alias list. Runs inside the upgrade
 * transaction: the database opens only once it is done, and a failure aborts the upgrade.
 */
async function addEmptyAliases(tx: UpgradeTx): Promise<void> {
  try {
    let cursor = await tx.objectStore('papers').openCursor();
    while (cursor) {
      if (!Array.isArray((cursor.value as Partial<PaperMeta>).aliases)) await cursor.update({ ...cursor.value, aliases: [] });
      cursor = await cursor.continue();
    }
  } catch {
    try {
      tx.abort();
    } catch {
      // already finished or aborted: the open request reports it
    }
  }
}

/** Opens (and if needed upgrades) the database. Tests pass their own name to stay isolated. */
export function openPaperDb(name = DB_NAME): Promise<PaperDb> {
  if (MIGRATIONS.length !== DB_VERSION) throw new Error('every schema version needs a migration step');
  return openDB<PaperRadarSchema>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let version = oldVersion; version < DB_VERSION; version++) MIGRATIONS[version]!(db, tx);
    },
    blocking(_current, _blocked, event) {
      // A newer version of the extension wants to upgrade: let it.
      (event.target as IDBDatabase).close();
    },
  });
}
