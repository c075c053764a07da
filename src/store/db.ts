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

export const DB_NAME = 'paper-radar';
export const DB_VERSION = 2;

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
  // 1 → 2: other ids of a paper (alias → record id), and every stored paper gets `aliases: []`.
  (db, tx) => {
    const aliases = db.createObjectStore('aliases', { keyPath: 'alias' });
    aliases.createIndex('id', 'id');
    void addEmptyAliases(tx);
  },
];

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
