/**
 * Saved databases of earlier schema versions (test/fixtures/db/v<N>.json): each file describes
 * the stores and indexes that version created and records as that release wrote them. Loading
 * one builds a real IndexedDB database at that version (fake-indexeddb in unit tests), which
 * openPaperDb then upgrades.
 */
import { readFileSync } from 'node:fs';
import { openDB } from 'idb';

interface StoreFixture {
  keyPath: string | null;
  indexes: Record<string, { keyPath: string; multiEntry?: boolean }>;
  /** Records of a store with a key path. */
  records?: unknown[];
  /** [key, value] pairs of a store with out-of-line keys. */
  entries?: Array<[IDBValidKey, unknown]>;
}

export interface DbFixture {
  version: number;
  description: string;
  stores: Record<string, StoreFixture>;
}

/** The schema versions that have a saved fixture. */
export const FIXTURE_VERSIONS = [1, 2, 3, 4, 5, 6, 7] as const;

export function readDbFixture(version: number): DbFixture {
  return JSON.parse(readFileSync(new URL(`../fixtures/db/v${version}.json`, import.meta.url), 'utf8')) as DbFixture;
}

/** Creates database `name` at the fixture's version with its stores, indexes and records. */
export async function createFromFixture(name: string, fixture: DbFixture): Promise<void> {
  const db = await openDB(name, fixture.version, {
    upgrade(raw) {
      for (const [storeName, store] of Object.entries(fixture.stores)) {
        const created = raw.createObjectStore(storeName, store.keyPath === null ? {} : { keyPath: store.keyPath });
        for (const [indexName, index] of Object.entries(store.indexes)) created.createIndex(indexName, index.keyPath, { multiEntry: index.multiEntry ?? false });
      }
    },
  });
  const tx = db.transaction(Object.keys(fixture.stores), 'readwrite');
  for (const [storeName, store] of Object.entries(fixture.stores)) {
    for (const record of store.records ?? []) void tx.objectStore(storeName).put(record);
    for (const [key, value] of store.entries ?? []) void tx.objectStore(storeName).put(value, key);
  }
  await tx.done;
  db.close();
}
