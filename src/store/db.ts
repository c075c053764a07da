/**
 * The extension's IndexedDB, opened through idb. Only extension pages (the background service
 * worker and the popup) open it: a content script's IndexedDB would belong to the web page.
 *
 * Schema changes: bump DB_VERSION and append a step to MIGRATIONS. Each step upgrades from the
 * version before it, so a database of any earlier version is walked up step by step. Every step
 * gets a test that opens a database of the previous version and checks the data survives.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { PaperRecord } from '../core/paper';

export const DB_NAME = 'paper-radar';
export const DB_VERSION = 1;

export interface PaperRadarSchema extends DBSchema {
  papers: {
    key: string;
    value: PaperRecord;
    // Only records with a number here are in the index (null is not a valid IndexedDB key),
    // so "starred, newest first" is a plain reverse walk of starredAt.
    indexes: { starredAt: number; lastSeenAt: number };
  };
}

export type PaperDb = IDBPDatabase<PaperRadarSchema>;
type UpgradeTx = IDBPTransaction<PaperRadarSchema, ArrayLike<StoreNames<PaperRadarSchema>>, 'versionchange'>;

/** MIGRATIONS[n] upgrades a database from version n to n + 1. */
const MIGRATIONS: ReadonlyArray<(db: PaperDb, tx: UpgradeTx) => void> = [
  // 0 → 1: the papers store.
  (db) => {
    const papers = db.createObjectStore('papers', { keyPath: 'id' });
    papers.createIndex('starredAt', 'starredAt');
    papers.createIndex('lastSeenAt', 'lastSeenAt');
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
