/**
 * What pages ask of papers' states (getPageStates: PackedPageState), kept in memory by the
 * context that writes them.
 *
 * Why: a returning reader's listing has every paper stored. Reading 2,000 states from IndexedDB
 * took the worker ≈ 20–35 ms (deserializing the records is most of it; keys alone take ≈ 4 ms),
 * and a listing waited 50–80 ms for them while it built its controls: on a 2,000-entry
 * listing whose papers were all stored, content-script start → all annotated took 95–120 ms,
 * against ≈ 47 ms answered from memory (scratch runs). A page is mostly reloaded or followed by
 * the next page of the same listing, so most asks are answered here; only the ids not cached
 * (papers seen or changed since) are read.
 *
 * Correctness rests on two rules, kept by src/store/papers.ts:
 *   - Every write of a state or an alias invalidates the ids it touches (`invalidate`) when it queues
 *     them: the record's id, ids merged away, aliases. An entry is kept under the id asked for,
 *     with the record id it resolved to, so invalidating a record id also invalidates the aliases that
 *     led to it. An id asked for and not stored is kept as "none": a write that creates it, or
 *     makes it an alias, names it and so invalidates it.
 *   - A read that began before a write may carry what the write replaced: it fills the cache only
 *     when nothing was invalidated while it read (`generation`).
 * Only the service worker writes papers (pages, the popup and the options page send it
 * messages), so its cache sees every write. Other contexts (the popup) never ask getPageStates.
 */
import type { PackedPageState } from '../core/paper';

/** Above this many ids the cache starts over (≈ 100 bytes each: 2 MB at most). */
export const MAX_ENTRIES = 20_000;

/**
 * The journal of invalidated ids (see invalidatedSince) keeps at most this many: enough for the
 * papers a day of listings marks seen; past it, whoever asks reads everything again, which a
 * bulk change (tagging 10,000 papers) needs anyway.
 */
export const JOURNAL_MAX = 5_000;

/** A state read for an id asked for, with the id of the record it resolved to. */
export interface ReadState {
  record: string;
  state: PackedPageState;
}

interface Entry {
  /** The id the paper's record is kept under (the id asked for itself when there is none). */
  record: string;
  state: PackedPageState | null;
}

export class StateCache {
  private readonly entries = new Map<string, Entry>();
  /** Record id → the ids asked for that resolved to it (other than itself). */
  private readonly askedFor = new Map<string, Set<string>>();
  /** Moves on every invalidation: a read that saw it move may hold what a write replaced. */
  generation = 0;
  /** Whether every stored state was read in once (see primePageStates). */
  primed = false;
  /**
   * The ids each invalidation named, oldest first, with the generation it moved to. Whoever keeps
   * something read from the store (the worker's library for More like this) asks which ids were
   * written since and reads only those again.
   */
  private journal: Array<{ generation: number; ids: readonly string[] }> = [];
  private journalSize = 0;
  /** The journal names every id invalidated after this generation (earlier entries were dropped). */
  private journalFrom = 0;

  /** The cached states of `ids` (an id not stored has none), and the ids not cached. */
  lookup(ids: readonly string[]): { states: Record<string, PackedPageState>; missing: string[] } {
    const states: Record<string, PackedPageState> = {};
    const missing: string[] = [];
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (!entry) missing.push(id);
      else if (entry.state) states[id] = entry.state;
    }
    return { states, missing };
  }

  /** The id of the record `id` resolved to when it was last read (itself when not stored), if cached. */
  recordOf(id: string): string | undefined {
    return this.entries.get(id)?.record;
  }

  /**
   * Keeps what a read that began at `generation` found: `found` by id asked for (with the record
   * id it resolved to); the other `ids` are not stored.
   */
  fill(generation: number, ids: readonly string[], found: ReadonlyMap<string, ReadState>): void {
    if (generation !== this.generation) return;
    if (this.entries.size + ids.length > MAX_ENTRIES) this.clear();
    for (const id of ids) {
      const hit = found.get(id);
      this.entries.set(id, hit ? { record: hit.record, state: hit.state } : { record: id, state: null });
      if (hit && hit.record !== id) {
        const asked = this.askedFor.get(hit.record) ?? new Set<string>();
        asked.add(id);
        this.askedFor.set(hit.record, asked);
      }
    }
  }

  /** Drops these ids, and every id asked for that resolved to one of them. */
  invalidate(ids: Iterable<string>): void {
    this.generation++;
    const named = [...ids];
    this.remember(named);
    for (const id of named) {
      this.entries.delete(id);
      const asked = this.askedFor.get(id);
      if (!asked) continue;
      for (const other of asked) this.entries.delete(other);
      this.askedFor.delete(id);
    }
  }

  /**
   * Every id invalidated since `generation` (each written, or forgotten by the user, since then);
   * null when the journal no longer reaches back that far.
   */
  invalidatedSince(generation: number): Set<string> | null {
    if (generation < this.journalFrom) return null;
    const ids = new Set<string>();
    for (let i = this.journal.length - 1; i >= 0 && this.journal[i]!.generation > generation; i--) for (const id of this.journal[i]!.ids) ids.add(id);
    return ids;
  }

  private remember(ids: readonly string[]): void {
    this.journal.push({ generation: this.generation, ids });
    this.journalSize += ids.length;
    while (this.journalSize > JOURNAL_MAX) {
      const dropped = this.journal.shift()!;
      this.journalSize -= dropped.ids.length;
      this.journalFrom = dropped.generation;
    }
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.askedFor.clear();
  }
}

const caches = new WeakMap<object, StateCache>();

/** The cache of this database connection (a reopened database starts with an empty one). */
export function stateCacheOf(db: object): StateCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new StateCache()));
  return cache;
}
