/**
 * Reads and writes of papers: metadata in the `papers` store, state in `states`, other ids of a
 * paper in `aliases`. Each write is one readwrite transaction, so concurrent writes from several
 * tabs are applied one after the other, in arrival order.
 *
 * One paper, one record. A paper may be named by several canonical ids (the page's `id` and its
 * `aliases`). A write resolves every id it names through the alias table; when they lead to
 * records stored under different ids, those records are merged into the winning id
 * (src/core/merge.ts) in the same transaction, the others deleted, and every id of the paper
 * recorded as alias → winner. Reads resolve ids the same way, so a page that still shows an old
 * id (`scholar:123`) sees the merged paper's state.
 *
 * Invariant: an alias record always points at a record id that is not itself an alias, and that
 * id wins over the alias (compareIds), so one lookup resolves any id.
 */
import type { IDBPIndex, IDBPTransaction, StoreNames } from 'idb';
import { idRanges } from '../core/id-ranges';
import { idScheme } from '../core/ids';
import { compareIds, mergeAllStates, rekeyMeta, winnerOf } from '../core/merge';
import {
  aliasesOf,
  clampAliases,
  datedMarksOf,
  LIMITS,
  markFields,
  fillGaps,
  mergeMeta,
  metaOf,
  normalizeTags,
  packPageState,
  sameTags,
  stateOf,
  tagsThatFit,
  timeNotAfter,
  undoableSince,
  withDatedMarks,
  withAnnotations,
  withFlag,
  withSeen,
  type DatedMarks,
  type PackedPageState,
  type PaperMeta,
  type PaperRecord,
  type PaperState,
  type StateFlag,
} from '../core/paper';
import type { AliasRecord, PaperDb, PaperRadarSchema, StoredState } from './db';
import { MAX_ENTRIES, stateCacheOf, type ReadState } from './state-cache';

export class UnknownPaperError extends Error {
  constructor(id: string) {
    super(`no stored paper ${id} and no metadata to create it`);
  }
}

/**
 * The states of those `ids` that have one, each under the id asked for (an alias gets the state
 * of the record it is kept under). Read as a few key ranges (see idRanges): the ranges of the
 * asked ids are read from `states` and from `aliases` alike, plus — only when some asked id is an
 * alias — the ranges of the records they point at. A listing's 2,000 ids cost a handful of
 * reads, not 2,000 (at most 3 × the number of ranges).
 */
export async function getStates(db: PaperDb, ids: readonly string[]): Promise<Record<string, PaperState>> {
  const tx = db.transaction(['states', 'aliases']);
  const found = await readStates(tx, ids);
  await tx.done;
  const result: Record<string, PaperState> = {};
  for (const [id, stored] of found) result[id] = stateOf(stored);
  return result;
}

/**
 * What pages need of the states of `ids` (PackedPageState), by the id asked for, as getStates
 * reads them; ids asked for since they last changed are answered from memory (state-cache.ts).
 */
export async function getPageStates(db: PaperDb, ids: readonly string[]): Promise<Record<string, PackedPageState>> {
  return (await readPageStates(db, ids)).states;
}

/**
 * getPageStates, with the record id each id read from the store resolved to (`records`; ids
 * answered from memory are not in it). The cache keeps nothing from a read that a write overlaps,
 * so a caller needing record ids takes them from here, not from the cache afterwards.
 */
async function readPageStates(db: PaperDb, ids: readonly string[]): Promise<{ states: Record<string, PackedPageState>; records: Map<string, string> }> {
  const cache = stateCacheOf(db);
  const { states, missing } = cache.lookup(ids);
  const records = new Map<string, string>();
  if (missing.length === 0) return { states, records };
  const generation = cache.generation;
  const tx = db.transaction(['states', 'aliases']);
  const found = await readStates(tx, missing);
  await tx.done;
  const resolved = new Map<string, ReadState>();
  for (const [id, stored] of found) {
    const packed = packPageState(stateOf(stored));
    states[id] = packed;
    records.set(id, stored.id);
    resolved.set(id, { record: stored.id, state: packed });
  }
  cache.fill(generation, missing, resolved);
  return { states, records };
}

/**
 * A number that moves whenever a paper, state or alias is written or forgotten (every write
 * forgets what it touches from the state cache, which counts them): what was read from the
 * store at one generation is still true while it stays the same.
 */
export function libraryGeneration(db: PaperDb): number {
  return stateCacheOf(db).generation;
}

/**
 * The id each paper's record is kept under, by the id asked for (a page may show a paper under
 * an alias: a Scholar cluster merged into its arXiv id); the id itself when it is not stored.
 * Pages ask for their states before their scores, so this usually reads nothing.
 */
export async function recordIds(db: PaperDb, ids: readonly string[]): Promise<Map<string, string>> {
  const cache = stateCacheOf(db);
  const known = new Map<string, string>();
  const missing: string[] = [];
  for (const id of ids) {
    const record = cache.recordOf(id);
    if (record === undefined) missing.push(id);
    else known.set(id, record);
  }
  const { records } = missing.length > 0 ? await readPageStates(db, missing) : { records: new Map<string, string>() };
  return new Map(ids.map((id) => [id, known.get(id) ?? records.get(id) ?? cache.recordOf(id) ?? id]));
}

/**
 * Reads the stored states, under each id of their paper, into the memory getPageStates answers
 * from, once per connection. The worker does it when it starts (the `wake` a page sends as it
 * begins loading): a long listing takes a second to parse, and its ask then finds its states in
 * memory. On a returning reader's 2,000-entry listing, the day's first (the worker stopped)
 * waited ≈ 107 ms for them. A library of up to `whole` papers is read whole; of a larger one (a
 * daily reader's, whose every seen paper is stored, passes 10,000 in weeks) the `whole` papers
 * seen most recently, by their record ids: what a listing the reader comes back to shows.
 */
export async function primePageStates(db: PaperDb, { whole = MAX_ENTRIES / 2 } = {}): Promise<void> {
  const cache = stateCacheOf(db);
  if (cache.primed) return;
  cache.primed = true;
  const generation = cache.generation;
  const tx = db.transaction(['states', 'aliases']);
  const statesStore = tx.objectStore('states');
  const small = (await statesStore.count()) <= whole;
  const [states, aliases] = await Promise.all([
    small ? statesStore.getAll() : newestStates(statesStore.index('lastSeenAt'), whole),
    small ? tx.objectStore('aliases').getAll() : [],
  ]);
  await tx.done;
  const resolved = new Map<string, ReadState>();
  for (const stored of states) resolved.set(stored.id, { record: stored.id, state: packPageState(stateOf(stored)) });
  for (const { alias, id } of aliases) {
    const record = resolved.get(id);
    if (record) resolved.set(alias, record);
  }
  cache.fill(generation, [...resolved.keys()], resolved);
}

/** A transaction that can read states and aliases (read-only or not). */
type StatesTx = IDBPTransaction<PaperRadarSchema, Array<'states' | 'aliases'>, IDBTransactionMode>;

/**
 * The stored state of each of `ids` that has one, by the id asked for (an alias gets the state of
 * the record it is kept under, whose id the state carries), read as key ranges (see getStates).
 */
async function readStates(tx: StatesTx, ids: readonly string[]): Promise<Map<string, StoredState>> {
  const wanted = new Set(ids);
  const states = tx.objectStore('states');
  const aliases = tx.objectStore('aliases');
  const ranges = idRanges(wanted).map(([low, high]) => IDBKeyRange.bound(low, high));
  const [stateBatches, aliasBatches] = await Promise.all([
    Promise.all(ranges.map((range) => states.getAll(range))),
    Promise.all(ranges.map((range) => aliases.getAll(range))),
  ]);
  const found = new Map<string, StoredState>();
  for (const batch of stateBatches) for (const stored of batch) found.set(stored.id, stored);
  const redirects: AliasRecord[] = [];
  for (const batch of aliasBatches) for (const alias of batch) if (wanted.has(alias.alias)) redirects.push(alias);
  const unread = new Set(redirects.map((alias) => alias.id).filter((id) => !found.has(id)));
  if (unread.size > 0) {
    const batches = await Promise.all(idRanges(unread).map(([low, high]) => states.getAll(IDBKeyRange.bound(low, high))));
    for (const batch of batches) for (const stored of batch) found.set(stored.id, stored);
  }
  const result = new Map<string, StoredState>();
  for (const [id, stored] of found) if (wanted.has(id)) result.set(id, stored);
  for (const { alias, id } of redirects) {
    const stored = found.get(id);
    if (stored) result.set(alias, stored);
  }
  return result;
}

/** The stored paper `id` names (directly or as an alias of it), under its record id. */
export async function getPaper(db: PaperDb, id: string): Promise<PaperRecord | undefined> {
  const tx = db.transaction(['papers', 'states', 'aliases']);
  const recordId = (await tx.objectStore('aliases').get(id))?.id ?? id;
  const [meta, state] = await Promise.all([tx.objectStore('papers').get(recordId), tx.objectStore('states').get(recordId)]);
  return meta ? { ...withAliasList(meta), ...stateOf(state) } : undefined;
}

/** What became of papers written since they were read (see getLibraryPapers). */
export interface LibraryChanges {
  /** Their records as the library has them now (as readLibraryInChunks gives them: papers with a state), each once. */
  records: PaperRecord[];
  /** The ids asked for that are no longer a library record's: forgotten, or merged into another record (an alias now). */
  gone: string[];
}

/**
 * Each of `ids` as the library has it now: its record (under the record's id), or gone. One
 * transaction: what whoever keeps the library in memory (the popup, the worker) reads of the
 * papers written since, instead of all of it again; it removes `gone` and puts `records`.
 */
export async function getLibraryPapers(db: PaperDb, ids: readonly string[]): Promise<LibraryChanges> {
  const tx = db.transaction(['papers', 'states', 'aliases']);
  const aliases = await Promise.all(ids.map((id) => tx.objectStore('aliases').get(id)));
  const recordIds = ids.map((id, i) => aliases[i]?.id ?? id);
  const [metas, states] = await Promise.all([
    Promise.all(recordIds.map((id) => tx.objectStore('papers').get(id))),
    Promise.all(recordIds.map((id) => tx.objectStore('states').get(id))),
  ]);
  await tx.done;
  const records = new Map<string, PaperRecord>();
  const gone: string[] = [];
  ids.forEach((id, i) => {
    const meta = metas[i];
    const state = states[i];
    if (meta && state) records.set(meta.id, { ...withAliasList(meta), ...stateOf(state) });
    if (!meta || !state || meta.id !== id) gone.push(id);
  });
  return { records: [...records.values()], gone };
}

/** What a flag write did. */
export interface FlagResult {
  /** The id the paper's record is kept under (the winner when ids were merged). */
  id: string;
  state: PaperState;
  /** The state before the change (what an undo puts back). */
  before: PaperState;
  /** Every id the paper is known by, record id first: pages showing any of them must re-read. */
  ids: string[];
}

/**
 * Stores `flag` = `value` for paper `id`, creating the record from `meta` when it is new. `id`
 * may be an alias (the popup or a page acting on `scholar:123`): the paper's record is changed.
 * When `id`, `meta.id` or `meta.aliases` name records kept under other ids, those are merged
 * first.
 */
export async function setFlag(
  db: PaperDb,
  change: { id: string; flag: StateFlag; value: boolean; meta?: PaperMeta | undefined },
  now: number,
): Promise<PaperState> {
  return (await applyFlag(db, change, now)).state;
}

/** setFlag, also saying under which id the record is kept and which ids it is known by. */
export function applyFlag(
  db: PaperDb,
  change: { id: string; flag: StateFlag; value: boolean; meta?: PaperMeta | undefined },
  now: number,
): Promise<FlagResult> {
  return changeState(db, change, (state) => withFlag(state, change.flag, change.value, now));
}

/** Sets the user's tags and/or note on stored paper `id` (which may be an alias). */
export function updateAnnotations(db: PaperDb, change: { id: string; tags?: readonly string[]; note?: string; noteWas?: string }, now: number): Promise<FlagResult> {
  // Compared in the write's own transaction: a note saved in between by another tab is never lost.
  return changeState(db, change, (state) => (change.noteWas !== undefined && state.note !== change.noteWas ? state : withAnnotations(state, change, now)));
}

/** What a change to several papers' states did (retagPapers, markPapers, restoreMarks). */
export interface BulkResult {
  /** The new state of each paper the change changed, by the id its record is kept under. */
  states: Record<string, PaperState>;
  /** Those papers' states before (what an undo puts back), by the same ids. */
  before: Record<string, PaperState>;
  /** Those papers' record ids, and the other ids they were asked for by (for change notices). */
  ids: string[];
}

/**
 * Adds the `add` tags to, and takes the `remove` tags (in any letter case) off, each stored paper
 * `ids` names (directly or as an alias). A paper's own tags are never pushed out: of the tags to
 * add, only as many as fit under LIMITS.tags are. Papers whose tags this leaves as they were
 * (already tagged, or full) are not written.
 */
export function retagPapers(
  db: PaperDb,
  change: { ids: readonly string[]; add?: readonly string[]; remove?: readonly string[] },
  now: number,
): Promise<BulkResult> {
  const removed = new Set(normalizeTags(change.remove ?? []).map((tag) => tag.toLocaleLowerCase()));
  const added = normalizeTags(change.add ?? []);
  return editStates(db, change.ids, (before) => {
    const kept = before.tags.filter((tag) => !removed.has(tag.toLocaleLowerCase()));
    const state = withAnnotations(before, { tags: [...kept, ...tagsThatFit(kept, added)] }, now);
    return sameTags(state.tags, before.tags) ? null : state;
  });
}

/** Sets `flag` to `value` on each stored paper `ids` names; papers that already have it are not written. */
export function markPapers(db: PaperDb, change: { ids: readonly string[]; flag: StateFlag; value: boolean }, now: number): Promise<BulkResult> {
  return editStates(db, change.ids, (before) => (before[change.flag] === change.value ? null : withFlag(before, change.flag, change.value, now)));
}

/** Which mark an undo puts back, and on which papers (restoreMarks). */
export interface RestoreOptions {
  /** Only the mark a change of this flag made goes back (markFields); the papers' other marks stay as stored. */
  flag: StateFlag;
  /** For each paper, its marks as the change left them (undoableSince); a paper without is left as it is. */
  left: Readonly<Record<string, DatedMarks>>;
}

/**
 * Puts back the mark of `flag`'s kind, with its time, that papers had before a change (an undo),
 * by the id each was changed under. Papers whose marks are already those are not written, nor
 * those whose mark of that kind changed again since the change (it is neither as `left` has it
 * nor as it was): undoing "Mark these N read" must not take back a read mark given again since,
 * nor the undo of a dismissal a star given since on a page. Comparing the marks, not their
 * marksAt, lets a change undone in between (another mark, or a second undo) leave this one
 * undoable.
 */
export async function restoreMarks(
  db: PaperDb,
  marks: Readonly<Record<string, DatedMarks>>,
  now: number,
  { flag, left }: RestoreOptions,
): Promise<BulkResult & { changedSince: string[] }> {
  // Said to the user: an undo that leaves a paper as it is must not pass for done.
  const changedSince: string[] = [];
  const result = await editStates(db, Object.keys(marks), (before, asked) => {
    if (!(asked in left && undoableSince(before, flag, marks[asked]!, left[asked]!))) {
      changedSince.push(asked);
      return null;
    }
    const held = datedMarksOf(before);
    const wanted = { ...held, ...markFields(flag, notAfter(marks[asked]!, now)) };
    return (Object.keys(wanted) as Array<keyof DatedMarks>).every((key) => wanted[key] === held[key]) ? null : withDatedMarks(before, wanted, now);
  });
  return { ...result, changedSince };
}

/** Marks with no time later than `now` (timeNotAfter): an undo puts back the times a page gives. */
function notAfter(marks: DatedMarks, now: number): DatedMarks {
  return { ...datedMarksOf(marks), starredAt: timeNotAfter(marks.starredAt, now), readAt: timeNotAfter(marks.readAt, now) };
}

/**
 * Applies `edit` to the state of each stored paper `ids` names (directly or as an alias), in one
 * transaction; `edit` returns null to leave a paper as it is. Only states are read and written,
 * as key ranges where the ids allow (tagging 10,000 papers took 8 s when each was resolved and
 * rewritten whole as a flag change does). Papers not stored are passed over.
 */
async function editStates(db: PaperDb, ids: readonly string[], edit: (state: PaperState, askedId: string) => PaperState | null): Promise<BulkResult> {
  const tx = db.transaction(['states', 'aliases'], 'readwrite');
  const result: BulkResult = { states: {}, before: {}, ids: [] };
  try {
    const found = await readStates(tx, ids);
    const states = tx.objectStore('states');
    const changed: string[] = [];
    for (const [asked, stored] of found) {
      // A paper two of the ids name is changed once; pages showing either id are told.
      if (!result.states[stored.id]) {
        const before = stateOf(stored);
        const state = edit(before, asked);
        if (!state) continue;
        queued(states.put({ id: stored.id, ...state }));
        stateCacheOf(db).invalidate([stored.id]);
        result.states[stored.id] = state;
        result.before[stored.id] = before;
        result.ids.push(stored.id);
        changed.push(stored.id);
      }
      if (asked !== stored.id) result.ids.push(asked);
    }
    // Pages showing a changed paper under any other of its ids are told too (the popup names
    // papers by their record ids; a Scholar tab shows the cluster id merged into an arXiv id).
    const aliases = tx.objectStore('aliases').index('id');
    for (const others of await Promise.all(changed.map((id) => aliases.getAllKeys(id)))) result.ids.push(...others);
    await tx.done;
    return result;
  } catch (error) {
    await abortQuietly(tx);
    throw error;
  }
}

/**
 * Applies `edit` to the state of paper `target.id` in one transaction, creating the record from
 * `target.meta` when it is new (and merging records the ids name, see resolve). Throws
 * UnknownPaperError, writing nothing, when there is no record and no metadata.
 */
async function changeState(db: PaperDb, target: { id: string; meta?: PaperMeta | undefined }, edit: (state: PaperState) => PaperState): Promise<FlagResult> {
  const tx = db.transaction(['papers', 'states', 'aliases'], 'readwrite');
  const ids = target.meta ? [target.id, target.meta.id, ...aliasesOf(target.meta)] : [target.id];
  const [paper] = await resolve(tx, [{ ids, meta: target.meta }], { allIds: true });
  if (!paper?.meta) {
    tx.abort();
    await tx.done.catch(() => {});
    throw new UnknownPaperError(target.id);
  }
  try {
    const state = edit(paper.state);
    paper.write(state);
    await tx.done;
    return { id: paper.winner, state, before: paper.state, ids: paper.ids };
  } catch (error) {
    await abortQuietly(tx);
    throw error;
  }
}

/**
 * Records that these papers were seen at `now`: first-seen is kept, last-seen moves. Returns the
 * record ids, and `changed`: the ids whose state changed for a page showing them — every id of
 * papers whose records were merged, and ids newly linked to a paper already stored (a Scholar
 * cluster a page now links to a starred arXiv paper is starred too).
 */
export async function markSeen(db: PaperDb, seen: readonly PaperMeta[], now: number): Promise<{ ids: string[]; changed: string[] }> {
  const tx = db.transaction(['papers', 'states', 'aliases'], 'readwrite');
  const papers = await resolve(
    tx,
    seen.map((meta) => ({ ids: [meta.id, ...aliasesOf(meta)], meta })),
    { allIds: false },
  );
  const ids: string[] = [];
  const changed: string[] = [];
  for (const paper of papers) {
    paper.write(withSeen(paper.state, now));
    ids.push(paper.winner);
    if (paper.merged) changed.push(...paper.ids);
    else if (paper.existed) changed.push(...paper.linked);
  }
  await tx.done;
  return { ids, changed };
}

/** What an import did (see importRecords). */
export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/** What an import did, and every id of the papers it wrote (for change notices). */
export interface ImportResult extends ImportCounts {
  ids: string[];
}

/**
 * Merges imported papers into the library in one transaction: all are written or (on any
 * failure) none. For each paper, `combine(local, imported)` says what to keep (local is undefined
 * for a paper not in the library); papers the import does not name are not touched. Ids are
 * resolved like any write, so an imported `doi:` record of a paper kept under its arXiv id
 * lands on that record; `ids` names it by every id (pages may show it under any).
 *
 * `eachRecord`, for a `combine` that keeps the later of two decisions (sync, a backup merged):
 * where the import makes records of one paper one, it weighs the import against each record's
 * state before they are merged, not against their merge. The merge keeps a mark if either record
 * has it, dated by the later record: a star from before another device's unstar, on a record of
 * its own here, took the date of a later read of the other record, and beat the unstar. Where the
 * import won over a record, the paper then takes the newest of the decisions, whole.
 */
export async function importRecords(
  db: PaperDb,
  imported: readonly PaperRecord[],
  combine: (local: PaperRecord | undefined, imported: PaperRecord) => PaperRecord,
  { eachRecord = false }: { eachRecord?: boolean } = {},
): Promise<ImportResult> {
  const tx = db.transaction(['papers', 'states', 'aliases'], 'readwrite');
  const counts: ImportResult = { added: 0, updated: 0, unchanged: 0, ids: [] };
  try {
    const papers = await resolve(
      tx,
      imported.map((record, index) => ({ ids: [record.id, ...aliasesOf(record)], meta: metaOf(record), index })),
      { allIds: true },
    );
    for (const paper of papers) {
      const local: PaperRecord | undefined = paper.storedMeta ? { ...paper.storedMeta, ...paper.state } : undefined;
      const combineAll = (record: PaperRecord | undefined) => paper.claims.reduce((r, claim) => combine(r, imported[claim.index!]!), record);
      let result = combineAll(local);
      if (!result) continue;
      if (eachRecord && paper.recordStates.length > 1) {
        const meta = paper.storedMeta ?? metaOf(result);
        const combined = paper.recordStates.map((state) => stateOf(combineAll({ ...meta, ...state })!));
        result = { ...result, ...mergeAllStates(combined) };
        // Where the import won over some record, the paper's marks are its newest decision,
        // whole, as for one record: the import's star, taken by a record with no mark of its own,
        // beat nothing, yet kept with the other record's later unstar, it made the paper starred.
        if (combined.some((state, i) => !sameMarks(state, paper.recordStates[i]!))) {
          const newest = Math.max(...combined.map((state) => state.marksAt ?? -Infinity));
          const decided = mergeAllStates(combined.filter((state) => (state.marksAt ?? -Infinity) === newest));
          result = { ...result, ...datedMarksOf(decided), marksAt: decided.marksAt };
        }
      }
      if (local && !paper.merged && sameRecord(local, result)) {
        counts.unchanged++;
        continue;
      }
      paper.write(stateOf(result), result);
      counts[paper.existed ? 'updated' : 'added']++;
      counts.ids.push(...paper.ids);
    }
    await tx.done;
    return counts;
  } catch (error) {
    await abortQuietly(tx);
    throw error;
  }
}

function sameMarks(a: PaperState, b: PaperState): boolean {
  return JSON.stringify([datedMarksOf(a), a.marksAt]) === JSON.stringify([datedMarksOf(b), b.marksAt]);
}

function sameRecord(a: PaperRecord, b: PaperRecord): boolean {
  return JSON.stringify({ ...metaOf(a), ...stateOf(a) }) === JSON.stringify({ ...metaOf(b), ...stateOf(b) });
}

/**
 * Every paper record (its metadata only), in chunks of `chunk` in id order, each chunk read by a
 * request of its own and handed to `onChunk` before the next is asked for: the worker answers
 * pages' requests between chunks instead of deserializing 10,000 records in one task.
 */
export async function readPapersInChunks(db: PaperDb, chunk: number, onChunk: (metas: PaperMeta[]) => Promise<void> | void): Promise<void> {
  for (let after: string | null = null; ; ) {
    const metas: PaperMeta[] = await db.getAll('papers', after === null ? null : IDBKeyRange.lowerBound(after, true), chunk);
    if (metas.length === 0) return;
    await onChunk(metas);
    after = metas[metas.length - 1]!.id;
  }
}

/**
 * The papers written since `generation` (libraryGeneration when something was read from the
 * store) as the library has them now (getLibraryPapers), with the generation they were read at:
 * ask from it next time. Null when more than `max` were written, or the state cache's journal no
 * longer reaches back that far: read everything again. A page marking papers seen writes a few
 * dozen: reading those again beats reading 10,000 records (≈ 0.25 s in Chromium).
 */
export async function libraryChangesSince(db: PaperDb, generation: number, max: number): Promise<(LibraryChanges & { generation: number }) | null> {
  const cache = stateCacheOf(db);
  const now = cache.generation; // before reading: a write meanwhile is read next time
  const ids = cache.invalidatedSince(generation);
  if (!ids || ids.size > max) return null;
  return { ...(await getLibraryPapers(db, [...ids])), generation: now };
}

/**
 * Every paper of the library (every record with a state: seen, starred, read, dismissed or
 * annotated), in chunks of `chunk` papers: new-style arXiv ids first, newest first, so that a
 * search typed while a large library is read (at 48,000 papers, seconds) looks through this
 * year's papers first, not 2015's; then the rest (old-style arXiv ids, DOIs, Scholar and ACL
 * ids, whose order says nothing of a paper's age), in descending id order. Read by descending id
 * alone, the Scholar and DOI ids came before every arXiv id. Each chunk is read in its own
 * transaction, so that a page can yield to the browser between chunks instead of deserializing
 * a 10,000-paper library in one long task, and is handed to `onChunk` while the next is read:
 * the database fetches it (outside the page's thread) while the page indexes this one, instead
 * of after.
 * The worker's reader (readPapersInChunks) does not read ahead: there the next chunk's records,
 * arriving between its slices of work, made a page's states wait 150–350 ms instead of 66–122.
 */
export async function readLibraryInChunks(db: PaperDb, chunk: number, onChunk: (records: PaperRecord[]) => Promise<void> | void): Promise<void> {
  const ranges = libraryReadingOrder().map((range) => chunksNewestFirst(db, range, chunk));
  const readNext = async (): Promise<PaperRecord[] | null> => {
    while (ranges.length > 0) {
      const records = await ranges[0]!();
      if (records !== null) return records;
      ranges.shift();
    }
    return null;
  };
  for (let records = await readNext(); records !== null; ) {
    const reading = readNext();
    // Should onChunk throw, the read under way fails unobserved: not an unhandled rejection.
    reading.catch(() => undefined);
    await onChunk(records);
    records = await reading;
  }
}

/**
 * The id ranges readLibraryInChunks reads, in turn: new-style arXiv ids ("arxiv:" and a digit),
 * then the ids above them, then those below. No canonical id is a bound.
 */
function libraryReadingOrder(): IDBKeyRange[] {
  const [lowest, highest] = ['arxiv:0', 'arxiv:9\uffff'];
  return [IDBKeyRange.bound(lowest, highest), IDBKeyRange.lowerBound(highest, true), IDBKeyRange.upperBound(lowest, true)];
}

/**
 * The papers in `range`, newest id first, one chunk a call (null: none left). The first
 * chunk's bounds come from a key cursor (the newest id, then `chunk` - 1 ids on); the others'
 * from every older id, read after the first chunk in its transaction. Each chunk is then one
 * step (its papers and states at once): a page indexing a chunk lets the database's answers in
 * only between its slices, and a cursor step per chunk made the whole read ≈ 15% slower; reading
 * every id before the first chunk delayed it by 60–90 ms at 10,000 papers.
 */
function chunksNewestFirst(db: PaperDb, range: IDBKeyRange, chunk: number): () => Promise<PaperRecord[] | null> {
  let older: Promise<string[]> | null = null; // the ids below the first chunk, ascending
  let to: number | null = null; // older ids[0, to) are still to be read
  const first = async (): Promise<PaperRecord[] | null> => {
    const tx = db.transaction(['papers', 'states']);
    const papers = tx.objectStore('papers');
    const cursor = await papers.openKeyCursor(range, 'prev');
    if (!cursor) return null;
    const newest = cursor.key;
    const lowest = chunk > 1 ? (await cursor.advance(chunk - 1))?.key : newest;
    if (lowest === undefined) return recordsIn(tx, range);
    const records = recordsIn(tx, IDBKeyRange.bound(lowest, newest)); // asked for before the older ids
    const below = range.lower === undefined ? IDBKeyRange.upperBound(lowest, true) : IDBKeyRange.bound(range.lower, lowest, range.lowerOpen, true);
    older = papers.getAllKeys(below);
    older.catch(() => undefined); // should the first chunk fail, its transaction's failure is told once
    return records;
  };
  let started = false;
  return async () => {
    if (!started) {
      started = true;
      return first();
    }
    if (older === null) return null;
    const ids = await older;
    to ??= ids.length;
    if (to === 0) return null;
    const from = Math.max(0, to - chunk);
    const next = IDBKeyRange.bound(ids[from]!, ids[to - 1]!);
    to = from;
    return recordsIn(db.transaction(['papers', 'states']), next);
  };
}

/** The papers in `range` that have a state (the library's), newest id first. */
async function recordsIn(tx: IDBPTransaction<PaperRadarSchema, Array<'papers' | 'states'>, 'readonly'>, range: IDBKeyRange): Promise<PaperRecord[]> {
  const [metas, states] = await Promise.all([tx.objectStore('papers').getAll(range), tx.objectStore('states').getAll(range)]);
  const stateById = new Map(states.map((state) => [state.id, state]));
  const records: PaperRecord[] = [];
  for (let i = metas.length - 1; i >= 0; i--) {
    const state = stateById.get(metas[i]!.id);
    if (state) records.push({ ...withAliasList(metas[i]!), ...stateOf(state) });
  }
  return records;
}

/** Starred papers, most recently starred first. */
export function listStarred(db: PaperDb, limit = Infinity): Promise<PaperRecord[]> {
  return walkNewestFirst(db, 'starredAt', limit);
}

/** Papers by when they were last seen, most recent first. */
export function listRecentlySeen(db: PaperDb, limit = Infinity): Promise<PaperRecord[]> {
  return walkNewestFirst(db, 'lastSeenAt', limit);
}

/**
 * The `limit` records newest by `index`, then their metadata in parallel. Where the browser has
 * getAll with a direction (IndexedDB's options form, Chromium 141+), that is one request; else a
 * reverse cursor, one round trip per record (it still touches only those entries — counting or
 * listing all 10,000 keys of an index costs ~50–100 ms in Chromium).
 */
async function walkNewestFirst(db: PaperDb, index: 'starredAt' | 'lastSeenAt', limit: number): Promise<PaperRecord[]> {
  const tx = db.transaction(['papers', 'states']);
  const found = await newestStates(tx.objectStore('states').index(index), limit);
  const metas = await Promise.all(found.map((state) => tx.objectStore('papers').get(state.id)));
  return found.flatMap((state, i) => {
    const meta = metas[i];
    return meta ? [{ ...withAliasList(meta), ...stateOf(state) }] : [];
  });
}

/** An index of `states` by a time, in a transaction over any stores. */
type StatesIndex = IDBPIndex<PaperRadarSchema, ArrayLike<StoreNames<PaperRadarSchema>>, 'states', 'starredAt' | 'lastSeenAt', IDBTransactionMode>;

/** The `limit` states newest by the index `source` (see walkNewestFirst). */
async function newestStates(source: StatesIndex, limit: number): Promise<StoredState[]> {
  if (DIRECTED_GET_ALL && Number.isFinite(limit)) {
    const getAll = source.getAll as unknown as (options: { count: number; direction: 'prev' }) => Promise<StoredState[]>;
    return getAll.call(source, { count: limit, direction: 'prev' });
  }
  const found: StoredState[] = [];
  let cursor = await source.openCursor(null, 'prev');
  while (cursor && found.length < limit) {
    found.push(cursor.value);
    cursor = await cursor.continue();
  }
  return found;
}

/** getAll({ count, direction }) shipped with getAllRecords; an older browser would read the options as a key. */
const DIRECTED_GET_ALL = typeof IDBIndex !== 'undefined' && 'getAllRecords' in IDBIndex.prototype;

// ---------------------------------------------------------------------------------------------
// Resolving the ids a write names to one record per paper

type WriteTx = IDBPTransaction<PaperRadarSchema, Array<'papers' | 'states' | 'aliases'>, 'readwrite'>;

/** What one write says about one paper: the ids it names it by (its own first), and the page's metadata. */
interface Claim {
  ids: string[];
  meta: PaperMeta | undefined;
  /** Ids the claim named that resolve refused to link (they lead to another paper). */
  refused?: ReadonlySet<string>;
  /** Which of the caller's items this claim stands for (imports map claims back to records). */
  index?: number;
}

/** One paper, as the write will leave it. */
interface ResolvedPaper {
  /** The id its record is kept under. */
  winner: string;
  /** Stored metadata of every merged record and the claims' metadata; undefined when there is none. */
  meta: PaperMeta | undefined;
  /** Stored metadata of every merged record alone (before the claims'), under the winner. */
  storedMeta: PaperMeta | undefined;
  /** Whether any record of the paper was stored before this write. */
  existed: boolean;
  /** The claims that named this paper. */
  claims: Claim[];
  /** The merged state of every record, before this write's change. */
  state: PaperState;
  /** Each stored record's state (more than one when records of the paper merge), before this write's change. */
  recordStates: PaperState[];
  /** Every id of the paper, winner first (when asked for with allIds, or when records merged; else the ids the claims named). */
  ids: string[];
  /** Records kept under other ids were folded into the winner (or the record changed id). */
  merged: boolean;
  /** Ids this write points at the winner that did not lead to it before (new aliases, records merged away). */
  linked: string[];
  /**
   * Queues the writes: the record under the winner with `state` (and `meta` when given instead
   * of the merged metadata), losers deleted, aliases pointed at the winner.
   */
  write(state: PaperState, meta?: PaperMeta): void;
}

/**
 * Groups `claims` into papers (claims that name a common id, directly or through the alias table,
 * are one paper) and reads everything needed to merge each. Waves of parallel requests: alias
 * lookups of the named ids; the records they lead to; only when records merge (or `allIds`), the
 * aliases pointing at them; then (by `write`) the puts and deletes.
 */
async function resolve(tx: WriteTx, claims: readonly Claim[], options: { allIds: boolean }): Promise<ResolvedPaper[]> {
  const papersStore = tx.objectStore('papers');
  const statesStore = tx.objectStore('states');
  const aliasStore = tx.objectStore('aliases');

  // 1. Where each named id is kept now.
  const named = [...new Set(claims.flatMap((claim) => claim.ids))];
  const aliasRecords = await Promise.all(named.map((id) => aliasStore.get(id)));
  /** alias → the record id it points at, for every alias record read. */
  const pointsAt = new Map<string, string>();
  aliasRecords.forEach((record) => record && pointsAt.set(record.alias, record.id));
  const home = (id: string) => pointsAt.get(id) ?? id;

  // 1b. For claims that link ids kept apart (a Scholar result, an Anthology page, seen anew):
  //     which of the records they lead to are stored, and the ids each already has.
  const homesOf = (claim: Claim) => [...new Set(claim.ids.map(home))];
  const linking = [...new Set(claims.map(homesOf).filter((homes) => homes.length > 1).flat())];
  const storedIds = new Map<string, string[]>();
  await Promise.all(
    linking.map(async (id) => {
      const [meta, state, aliases] = await Promise.all([papersStore.getKey(id), statesStore.getKey(id), aliasStore.index('id').getAllKeys(id)]);
      if (meta !== undefined || state !== undefined) storedIds.set(id, [id, ...aliases]);
    }),
  );

  // 2. Claims sharing an id or a record are one paper. Ids that would make two papers one are
  //    not taken, and are dropped from their claim: a hostile page claiming another paper's id
  //    as an alias, or a chain of such claims, would merge the user's papers and lose a
  //    dismissal to "starred if either". A paper has one arXiv id; and a stored paper with an id
  //    of a scheme (a DOI, a Scholar cluster, an Anthology id) takes no other stored paper with
  //    another id of that scheme, so that a page can fold at most one paper of each scheme into
  //    another, not chain the library's DOIs into one record.
  const sets = new DisjointSets((id) => storedIds.get(id) ?? (idScheme(id) === 'arxiv' ? [id] : []));
  claims = claims.map((claim) => {
    const [own, ...others] = claim.ids;
    sets.union(own!, home(own!));
    const kept = others.filter((id) => sets.unionAll([own!, id, home(id)]));
    if (kept.length === others.length) return claim;
    const dropped = new Set(others.filter((id) => !kept.includes(id)));
    return { ...claim, ids: [own!, ...kept], meta: claim.meta && { ...claim.meta, aliases: aliasesOf(claim.meta).filter((id) => !dropped.has(id)) }, refused: dropped };
  });
  const groups = new Map<string, Claim[]>();
  for (const claim of claims) {
    const root = sets.find(claim.ids[0]!);
    const group = groups.get(root);
    if (group) group.push(claim);
    else groups.set(root, [claim]);
  }

  // 3. Each paper's records; the aliases already pointing at records that merge away (to point
  //    them at the winner) and, when asked for or when records merge, at the winner (to report
  //    every id of the paper). An alias never wins (see the invariant above), so the winner is
  //    known before those are read.
  return Promise.all(
    [...groups.values()].map(async (group) => {
      const namedIds = new Set(group.flatMap((claim) => claim.ids));
      const recordIds = [...new Set([...namedIds].map(home))];
      const winner = winnerOf([...namedIds, ...recordIds]);
      const [metas, states] = await Promise.all([
        Promise.all(recordIds.map((id) => papersStore.get(id))),
        Promise.all(recordIds.map((id) => statesStore.get(id))),
      ]);
      const losers = recordIds.filter((id, i) => id !== winner && (metas[i] !== undefined || states[i] !== undefined));
      const merged = losers.length > 0;
      const pointedAt = merged || options.allIds ? [winner, ...losers] : [];
      const pointing = (await Promise.all(pointedAt.map((id) => aliasStore.index('id').getAll(id)))).flat();
      for (const record of pointing) pointsAt.set(record.alias, record.id);
      const allIds = new Set([...namedIds, ...recordIds, ...pointing.map((record) => record.alias)]);

      // Metadata: the stored records best id first, moved to the winner, then each page's.
      const stored = metas.filter((meta): meta is PaperMeta => meta !== undefined).map(withAliasList);
      stored.sort((a, b) => compareIds(a.id, b.id));
      let meta: PaperMeta | undefined = stored[0] && rekeyMeta(stored[0], winner);
      for (const other of stored.slice(1)) meta = fillGaps(meta!, other);
      const storedMeta = meta;
      for (const { meta: incoming } of group) {
        if (!incoming) continue;
        const page = metaOf(incoming);
        if (!meta) meta = rekeyMeta(page, winner);
        else meta = page.id === winner ? mergeMeta(meta, page) : fillGaps(meta, page);
      }
      let others = [...allIds].filter((id) => id !== winner);
      let linked = others.filter((id) => pointsAt.get(id) !== winner);
      // Ids that do not lead here: never listed among the record's aliases (an import's record
      // lists what its file named, and a backup listing one id under two papers is refused).
      const refused = new Set(group.flatMap((claim) => [...(claim.refused ?? [])]).filter((id) => !allIds.has(id)));
      // Ids named for the first time: at most MAX_ALIAS_RECORDS lead to one paper. A claim has at
      // most LIMITS.aliases, but claims sharing an id are one paper, so a page repeating one with
      // new ids each time could point thousands at it (and name them all in each change notice).
      const fresh = linked.filter((id) => !losers.includes(id) && !pointsAt.has(id));
      if (fresh.length > 0) {
        const room = Math.max(0, MAX_ALIAS_RECORDS - (await aliasStore.index('id').count(winner)) - (linked.length - fresh.length));
        if (fresh.length > room) {
          for (const id of fresh.slice(room)) refused.add(id);
          others = others.filter((id) => !refused.has(id));
          linked = linked.filter((id) => !refused.has(id));
        }
      }
      const aliasesFor = (listed: PaperMeta) => clampAliases(winner, [...aliasesOf(listed).filter((id) => !refused.has(id)), ...others]);
      if (meta) meta = { ...meta, aliases: aliasesFor(meta) };

      const recordStates = states.filter((s): s is StoredState => s !== undefined).map(stateOf);
      const state = mergeAllStates(recordStates);
      return {
        winner,
        meta,
        state,
        recordStates,
        ids: [winner, ...others],
        merged,
        linked,
        storedMeta,
        existed: metas.some((m) => m !== undefined) || states.some((s) => s !== undefined),
        claims: group,
        write(next: PaperState, metaOverride?: PaperMeta) {
          const written = metaOverride ? { ...metaOf(rekeyMeta(metaOverride, winner)), aliases: aliasesFor(metaOverride) } : meta;
          if (written) queued(papersStore.put(written));
          queued(statesStore.put({ id: winner, ...next }));
          // Pages asking for any id of the paper read its new state (see state-cache.ts).
          stateCacheOf(tx.db).invalidate([winner, ...others]); // others: aliases and the records merged away
          for (const loser of losers) {
            queued(papersStore.delete(loser));
            queued(statesStore.delete(loser));
          }
          for (const id of linked) queued(aliasStore.put({ alias: id, id: winner }));
          // Never the case while the invariant holds; keeps one lookup enough if it ever breaks.
          if (pointsAt.has(winner)) queued(aliasStore.delete(winner));
        },
      };
    }),
  );
}

/** Aborts `tx` after a failure (nothing it queued is written); `error` elsewhere says why. */
async function abortQuietly(tx: WriteTx): Promise<void> {
  try {
    tx.abort();
  } catch {
    // already finished or aborted by the failure
  }
  await tx.done.catch(() => {});
}

/**
 * A queued write: its outcome is the transaction's (callers await `tx.done`), so a request that
 * fails because the transaction was aborted is not also reported as an unhandled rejection.
 */
function queued(request: Promise<unknown>): void {
  request.catch(() => {});
}

/** The most ids that lead to one paper besides its own (a real paper has a few: a DOI, Scholar clusters, an Anthology id). */
export const MAX_ALIAS_RECORDS = 3 * LIMITS.aliases;

/**
 * Union–find over ids. `keys` gives the ids that tell an id's paper apart (an arXiv id itself; a
 * stored record its ids): two sets are never joined when, for some scheme, both hold keys of it
 * and none in common.
 */
class DisjointSets {
  private readonly parent = new Map<string, string>();
  /** The keys each set holds, by its root and scheme. */
  private readonly keys = new Map<string, Map<string, Set<string>>>();

  constructor(private readonly keysOfId: (id: string) => readonly string[]) {}

  find(id: string): string {
    let root = id;
    for (let up = this.parent.get(root); up !== undefined && up !== root; up = this.parent.get(root)) root = up;
    // Path compression.
    for (let node = id; node !== root; ) {
      const up = this.parent.get(node)!;
      this.parent.set(node, root);
      node = up;
    }
    return root;
  }

  /** The keys of the set whose root is `root`, by scheme. */
  private keysOf(root: string): Map<string, Set<string>> {
    let keys = this.keys.get(root);
    if (!keys) {
      keys = new Map();
      for (const id of this.keysOfId(root)) keys.set(idScheme(id), (keys.get(idScheme(id)) ?? new Set()).add(id));
      this.keys.set(root, keys);
    }
    return keys;
  }

  /** Joins the sets of `a` and `b` unless they hold different keys; whether they are one now. */
  union(a: string, b: string): boolean {
    return this.unionAll([a, b]);
  }

  /** Joins the sets of all `ids` unless two of them tell their papers apart (then none is joined). */
  unionAll(ids: readonly string[]): boolean {
    const roots = [...new Set(ids.map((id) => this.find(id)))];
    const joined = new Map<string, Set<string>>();
    for (const root of roots) {
      for (const [scheme, keys] of this.keysOf(root)) {
        const held = joined.get(scheme);
        if (held && ![...keys].some((key) => held.has(key))) return false;
        joined.set(scheme, new Set([...(held ?? []), ...keys]));
      }
    }
    const [root, ...rest] = roots;
    for (const other of rest) this.parent.set(other, root!);
    this.keys.set(root!, joined);
    return true;
  }
}

/** A stored record's metadata with an alias list (records written before version 2 have none). */
function withAliasList(meta: PaperMeta): PaperMeta {
  return Array.isArray(meta.aliases) ? meta : { ...meta, aliases: [] };
}
