/**
 * The extension's IndexedDB, opened through idb. Only extension pages (the background service
 * worker and the popup) open it: a content script's IndexedDB would belong to the web page.
 *
 * Schema changes: bump DB_VERSION and append a step to MIGRATIONS. Each step upgrades from the
 * version before it, so a database of any earlier version is walked up step by step. Each
 * earlier version has a saved database in test/fixtures/db (add one for the version you leave
 * behind), and test/unit/migrations.test.ts upgrades every one of them.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { canonicalId } from '../core/ids';
import { mergeStates, rekeyMeta } from '../core/merge';
import { clampAliases, fillGaps, impliedAnnotatedAt, impliedMarksAt, type PaperMeta, type PaperState } from '../core/paper';
import type { Interests } from '../relevance/index';
import { NEVER_FORGET, type HistorySettings } from '../history-settings';
import type { SyncSettings } from '../sync/settings';
import { repairedMeta, repairedState } from './repair';

export const DB_NAME = 'paper-radar';
export const DB_VERSION = 8;

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
    // `tags` (version 4) is multi-entry: one index key per tag, for "papers tagged x".
    // `marksAt` (version 5): the papers the user ever marked, which sync carries.
    indexes: { starredAt: number; lastSeenAt: number; tags: string; marksAt: number };
  };
  /** Other ids of stored papers (version 2). The `id` index finds every alias of one record. */
  aliases: {
    key: string;
    value: AliasRecord;
    indexes: { id: string };
  };
  /** The user's settings (version 3), one record per key: see SettingValues. */
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
  /** When the interests last changed (epoch ms), for sync. */
  interestsAt: number;
  /** Forgetting history automatically (src/history-settings.ts); absent in a library an earlier build kept (it was in storage.local). */
  history: HistorySettings;
  /** When the worker last applied `history` (epoch ms). */
  historyForgotAt: number;
  /** Whether this device syncs (src/sync/settings.ts); absent in a library an earlier build kept (it was in storage.local). */
  sync: SyncSettings;
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

/**
 * MIGRATIONS[n] upgrades a database from version n to n + 1: it changes the schema at once and
 * may return a data step (records to rewrite). Data steps run one after the other, after every
 * schema change, so that two steps rewriting the same store never interleave (each would write
 * back records it read before the other's update).
 */
type DataStep = (tx: UpgradeTx) => Promise<void>;
const MIGRATIONS: ReadonlyArray<(db: PaperDb, tx: UpgradeTx) => DataStep | void> = [
  // 0 → 1: paper metadata and paper states.
  (db) => {
    db.createObjectStore('papers', { keyPath: 'id' });
    const states = db.createObjectStore('states', { keyPath: 'id' });
    states.createIndex('starredAt', 'starredAt');
    states.createIndex('lastSeenAt', 'lastSeenAt');
  },
  // 1 → 2: other ids of a paper (alias → record id), and every stored paper gets `aliases: []`.
  (db) => {
    const aliases = db.createObjectStore('aliases', { keyPath: 'alias' });
    aliases.createIndex('id', 'id');
    return addEmptyAliases;
  },
  // 2 → 3: settings (interests) and the relevance engine's state; states gain `dismissed: false`.
  (db) => {
    db.createObjectStore('settings');
    db.createObjectStore('relevance');
    return addNotDismissed;
  },
  // 3 → 4: states gain the user's tags (indexed) and note.
  (_db, tx) => {
    tx.objectStore('states').createIndex('tags', 'tags', { multiEntry: true });
    return addEmptyTagsAndNote;
  },
  // 4 → 5: states gain marksAt (when the user last changed a mark), indexed for sync.
  (_db, tx) => {
    tx.objectStore('states').createIndex('marksAt', 'marksAt');
    return addMarksAt;
  },
  // 5 → 6: states gain annotatedAt (when the user last changed the tags or note), for imports.
  () => addAnnotatedAt,
  // 6 → 7: no schema change; records earlier releases stored are brought to what is accepted now.
  () => repairRecords,
  // 7 → 8: no schema change; records kept under ids that are no longer canonical move to theirs.
  () => recanonicalizeIds,
];

/**
 * Moves what is kept under an id that is no longer canonical to its canonical id (canonical ids
 * changed since it was stored: zero-width spaces and soft hyphens, as a DOI copied from a
 * publisher's page may hold, are now taken out), merged with the record kept there if any; aliases
 * likewise. Such a record was out of reach: pages named the paper by the new id (it showed as new,
 * and was stored a second time), its own id was refused by every message (it could not be
 * unstarred or tagged), and the library's backup, which named it, was refused whole by its own
 * importer. An id with no canonical form at all is left as it is (nothing is lost). A change to
 * what canonicalId gives for an id already stored needs this step again, in a version of its own.
 */
async function recanonicalizeIds(tx: UpgradeTx): Promise<void> {
  const papers = tx.objectStore('papers');
  const states = tx.objectStore('states');
  const aliases = tx.objectStore('aliases');
  const canonical = (id: string) => canonicalId(id) ?? id;
  const moves = new Map<string, string>();
  for (const id of [...(await papers.getAllKeys()), ...(await states.getAllKeys())]) if (canonical(id) !== id) moves.set(id, canonical(id));
  // A canonical id that is another paper's alias (a page has since linked the clean DOI to its
  // arXiv id) leads to that paper: moved there, the record is merged into it. Kept as a record of
  // its own under an id that is also an alias, every write to it went to the other paper.
  for (const [from, to] of moves) {
    if ((await papers.getKey(to)) !== undefined || (await states.getKey(to)) !== undefined) continue;
    const owner = (await aliases.get(to))?.id;
    if (owner !== undefined && owner !== from) moves.set(from, moves.get(owner) ?? owner);
  }
  for (const [from, to] of moves) {
    const [meta, state, metaThere, stateThere] = await Promise.all([papers.get(from), states.get(from), papers.get(to), states.get(to)]);
    if (meta) {
      const moved = rekeyMeta({ ...meta, aliases: meta.aliases.map(canonical) }, to);
      await papers.put(metaThere ? fillGaps(metaThere, moved) : moved);
      await papers.delete(from);
    }
    if (state) {
      const { id: _from, ...kept } = state;
      await states.put({ ...(stateThere ? mergeStates(stateThere, kept) : kept), id: to });
      await states.delete(from);
    }
  }
  // The alias table: each alias under its canonical form, leading to its record's new id; one
  // that is now its record's own id, or another's alias or record, leads nowhere and goes.
  for (const record of await aliases.getAll()) {
    const alias = canonical(record.alias);
    const id = moves.get(record.id) ?? record.id;
    if (alias === record.alias && id === record.id) continue;
    if (alias !== record.alias || alias === id) await aliases.delete(record.alias);
    const taken = alias !== record.alias && ((await aliases.get(alias)) !== undefined || (await papers.getKey(alias)) !== undefined);
    if (alias !== id && !taken) await aliases.put({ alias, id });
  }
  // Each record lists, in canonical form, only the aliases that lead to it (as repairRecords).
  const pointsAt = new Map((await aliases.getAll()).map((record) => [record.alias, record.id]));
  await rewriteAll(tx, 'papers', (paper) => {
    const listed = clampAliases(paper.id, paper.aliases.map(canonical)).filter((alias) => pointsAt.get(alias) === paper.id);
    return listed.length === paper.aliases.length && listed.every((alias, i) => alias === paper.aliases[i]) ? null : { ...paper, aliases: listed };
  });
}

/**
 * Brings every record to what the store accepts now (store/repair.ts): a record lists only the
 * aliases that lead to it, a blank title, site or venue is replaced, tags are in their kept form.
 */
async function repairRecords(tx: UpgradeTx): Promise<void> {
  const pointsAt = new Map((await tx.objectStore('aliases').getAll()).map((record) => [record.alias, record.id]));
  await rewriteAll(tx, 'papers', (paper) => repairedMeta(paper, (alias) => pointsAt.get(alias) === paper.id));
  await rewriteAll(tx, 'states', repairedState);
}

/** Gives every state written before version 6 the annotatedAt its tags and note imply (impliedAnnotatedAt). */
function addAnnotatedAt(tx: UpgradeTx): Promise<void> {
  return rewriteAll(tx, 'states', (state) =>
    (state as Partial<PaperState>).annotatedAt === undefined ? { ...state, annotatedAt: impliedAnnotatedAt(state) } : null,
  );
}

/** Gives every state written before version 5 the marksAt its flags imply (impliedMarksAt). */
function addMarksAt(tx: UpgradeTx): Promise<void> {
  return rewriteAll(tx, 'states', (state) => ((state as Partial<PaperState>).marksAt === undefined ? { ...state, marksAt: impliedMarksAt(state) } : null));
}

/** Gives every state written before version 4 `tags: []` and `note: ''` (same pattern as addEmptyAliases). */
function addEmptyTagsAndNote(tx: UpgradeTx): Promise<void> {
  return rewriteAll(tx, 'states', (state) =>
    Array.isArray((state as Partial<PaperState>).tags) ? null : { ...state, tags: [], note: typeof state.note === 'string' ? state.note : '' },
  );
}

/** Gives every state written before version 3 `dismissed: false`. */
function addNotDismissed(tx: UpgradeTx): Promise<void> {
  return rewriteAll(tx, 'states', (state) => (typeof (state as Partial<PaperState>).dismissed === 'boolean' ? null : { ...state, dismissed: false }));
}

/** Gives every paper written by version 1 an empty alias list. */
function addEmptyAliases(tx: UpgradeTx): Promise<void> {
  return rewriteAll(tx, 'papers', (paper) => (Array.isArray((paper as Partial<PaperMeta>).aliases) ? null : { ...paper, aliases: [] }));
}

/** Rewrites each record of `store` for which `upgrade` returns a new value (null: keep it). */
async function rewriteAll<S extends 'papers' | 'states'>(
  tx: UpgradeTx,
  store: S,
  upgrade: (value: PaperRadarSchema[S]['value']) => PaperRadarSchema[S]['value'] | null,
): Promise<void> {
  let cursor = await tx.objectStore(store).openCursor();
  while (cursor) {
    const next = upgrade(cursor.value);
    if (next) await cursor.update(next);
    cursor = await cursor.continue();
  }
}

/**
 * Runs the data steps in order inside the upgrade transaction: the database opens only once they
 * are done, and a failure aborts the upgrade (the open request reports it; the database is left
 * at its old version with its old records).
 */
async function runDataSteps(steps: readonly DataStep[], tx: UpgradeTx): Promise<void> {
  // The open request reports an aborted upgrade; the transaction's own promise would be an
  // unhandled rejection besides.
  tx.done.catch(() => {});
  try {
    for (const step of steps) await step(tx);
  } catch {
    try {
      tx.abort();
    } catch {
      // already finished or aborted: the open request reports it
    }
  }
}

/**
 * The database for a context's life (the worker, a popup or library page): opened when first
 * needed, and again when next needed after it was closed under it (deleted, upgraded, closed by
 * the browser; `onClosed` is told) or failed to open (an open that failed once must not fail
 * every later request).
 */
export function lazyPaperDb(onClosed?: () => void, name = DB_NAME): () => Promise<PaperDb> {
  let opening: Promise<PaperDb> | null = null;
  const closed = () => {
    opening = null;
    onClosed?.();
  };
  return () =>
    (opening ??= openPaperDb(name, { onClosed: closed }).catch((error: unknown) => {
      opening = null;
      throw error;
    }));
}

/** Opens (and if needed upgrades) the database. Tests pass their own name to stay isolated. */
export function openPaperDb(name = DB_NAME, { onClosed }: { onClosed?: () => void } = {}): Promise<PaperDb> {
  if (MIGRATIONS.length !== DB_VERSION) throw new Error('every schema version needs a migration step');
  return openDB<PaperRadarSchema>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      const dataSteps: DataStep[] = [];
      for (let version = oldVersion; version < DB_VERSION; version++) {
        const step = MIGRATIONS[version]!(db, tx);
        if (step) dataSteps.push(step);
      }
      void runDataSteps(dataSteps, tx);
      if (oldVersion === 0) {
        // A new library (a new install, or one whose data was wiped) starts with the settings
        // earlier builds kept in storage.local already here, so nothing written there is ever
        // moved in: what is there now was written after this library existed, by a page's
        // compromised renderer perhaps (src/sync/settings.ts, src/background/history.ts).
        void tx.objectStore('settings').put(NEVER_FORGET, 'history');
        void tx.objectStore('settings').put({ enabled: false }, 'sync');
      }
    },
    blocking(_current, _blocked, event) {
      // A newer version of the extension wants to upgrade, or the database is being deleted
      // (the user cleared the extension's data): let it, and let the owner open it afresh.
      (event.target as IDBDatabase).close();
      onClosed?.();
    },
    terminated() {
      // The browser closed the connection (storage cleared, disk error): open it afresh.
      onClosed?.();
    },
  });
}
