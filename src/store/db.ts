/**
 * The extension's IndexedDB, opened through idb. Only extension pages (the background service
 * worker and the popup) open it: a content script's IndexedDB would belong to the web page.
 *
 * Schema changes: bump DB_VERSION and append a step to MIGRATIONS. Each step upgrades from the
 * version before it, so a database of any earlier version is walked up step by step. Every step
 * gets a test that opens a database of the previous version and checks the data survives.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { PaperMeta, PaperState } from '../core/paper';

export const DB_NAME = 'paper-radar';
export const DB_VERSION = 1;

/** A paper's state as stored: small, so that a listing's states are read in a few range reads. */
export type StoredState = PaperState & { id: string };

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
}

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
];

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
