/**
 * Keeps this device's marks and interests and the browser's sync storage in step. Free of
 * extension APIs (the background passes storage.sync as a SyncArea and the clock and timers),
 * so the whole path runs in Node tests against an in-memory area that enforces the quotas.
 *
 * One pass (reconcile):
 *   1. read our items from sync storage and this device's marks (every paper ever marked);
 *   2. for each paper the last change wins (mergeMarks); marks that beat this device's are
 *      written here, and papers this device keeps under an id another device links to another
 *      record become one record (links); pages showing those papers are told;
 *   3. the interests changed last win likewise;
 *   4. the merged marks and interests are laid out (codec.ts) within the quotas — if the marks
 *      do not all fit, the least important stay local only and the status says how many (a mark
 *      newer than the one sync storage holds for its paper goes in before any other) — and
 *      only the items that differ from what sync storage holds are written: removals in one
 *      call, writes in one call, spaced by WriteLimiter so that the write-rate quotas are never
 *      reached.
 * Passes never overlap; a change during a pass schedules another. The full library (titles,
 * abstracts, tags, notes, sightings) stays local: sync carries only marks and interests.
 */
import { failureMessage } from '../store/failure';
import type { PaperId } from '../core/ids';
import type { PaperDb } from '../store/db';
import { applyRemoteMarks, readMarks } from '../store/sync-marks';
import { getTimedInterests, storeIfNewer } from '../store/settings';
import {
  compareMarks,
  decodeInterests,
  decodeLinks,
  decodeMarks,
  encodeInterests,
  encodeLinks,
  encodeMarks,
  isInterestsKey,
  ITEM_BYTES,
  KEY_PREFIX,
  LAYOUT_VERSION,
  MAX_INTEREST_BYTES,
  VERSION_KEY,
  type SyncedLink,
  type SyncedMark,
  type TimedInterests,
} from './codec';
import { mergeLinks, mergeMarks, withoutMarksOfAliases } from './merge';
import { SYNC_OFF, type SyncStatus } from './settings';
import { SYNC_QUOTA, totalBytes, WriteLimiter, type SyncArea } from './quotas';
import { errorText } from '../core/text';

/** Room left free so that a rounding difference in how a browser counts bytes never fails a write. */
const SAFETY_BYTES = 1_024;

export interface SyncDeps {
  db: () => Promise<PaperDb>;
  area: SyncArea;
  now: () => number;
  /** Papers whose marks came from another device: pages re-read them, the model relearns. */
  marksApplied: (ids: string[]) => Promise<void>;
  /** Another device's interests were stored here: the model relearns. */
  interestsApplied: () => Promise<void>;
  report: (status: SyncStatus) => Promise<void>;
  setTimer: (run: () => void, ms: number) => () => void;
  /**
   * Whether sync is on, asked before each pass: one scheduled before sync went off (a retry
   * after the database was closed under a pass, say) does nothing. Absent: always on.
   */
  enabled?: () => Promise<boolean>;
}

export class SyncService {
  private pass: Promise<SyncStatus> | null = null;
  private again = false;
  private cancelTimer: (() => void) | null = null;
  private timerAt = Infinity;
  private readonly limiter = new WriteLimiter();
  /** What our last write left in sync storage: change events that only echo it are ignored. */
  private written = new Map<string, string>();
  private lastSyncAt: number | null = null;
  /** Passes in a row that found the database closed (see run). */
  private closedRetries = 0;

  constructor(private readonly deps: SyncDeps) {}

  /** Runs a pass `delayMs` from now (or sooner if one is already due sooner). */
  schedule(delayMs: number): void {
    const at = this.deps.now() + delayMs;
    if (at >= this.timerAt) return;
    this.cancelTimer?.();
    this.timerAt = at;
    this.cancelTimer = this.deps.setTimer(() => {
      this.cancelTimer = null;
      this.timerAt = Infinity;
      void this.reconcile();
    }, delayMs);
  }

  /** Stops any scheduled pass (sync turned off). */
  stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.timerAt = Infinity;
  }

  /** True when a change event from sync storage brings nothing but what this device wrote. */
  isEcho(changes: Record<string, { newValue?: unknown }>): boolean {
    return Object.entries(changes).every(([key, change]) => !key.startsWith(KEY_PREFIX) || this.written.get(key) === JSON.stringify(change.newValue));
  }

  /** Resolves when no pass is running (tests and benchmarks wait on it). */
  async idle(): Promise<void> {
    while (this.pass) await this.pass;
  }

  /** One pass now (after the running one, if any). */
  reconcile(): Promise<SyncStatus> {
    if (this.pass) {
      this.again = true;
      return this.pass;
    }
    this.pass = this.run().finally(() => {
      this.pass = null;
      if (this.again) {
        this.again = false;
        void this.reconcile();
      }
    });
    return this.pass;
  }

  private async run(): Promise<SyncStatus> {
    if (this.deps.enabled && !(await this.deps.enabled())) return SYNC_OFF;
    let status: SyncStatus;
    try {
      status = await this.exchange();
      this.closedRetries = 0;
    } catch (error) {
      // The database was closed under the pass (the extension's data wiped, or a newer version
      // opening it): the next pass opens it again. Said as a failure only if that keeps happening.
      if (error instanceof Error && error.name === 'InvalidStateError' && this.closedRetries < 3) {
        this.closedRetries++;
        this.schedule(1_000);
        return { ...SYNC_OFF, enabled: true, lastSyncAt: this.lastSyncAt };
      }
      const message = errorText(error);
      const rate = /MAX_WRITE_OPERATIONS/.test(message);
      // Hitting a rate quota (a burst after the worker restarted and forgot its history): wait.
      if (rate) this.schedule(60_000);
      // The words end the status's sentence ("Not synced: …."), without the browser's own.
      const why = failureMessage(error, { firstWrite: false }).replace(/\.$/, '');
      status = { ...SYNC_OFF, enabled: true, lastSyncAt: this.lastSyncAt, error: rate ? 'waiting for the browser to accept more sync writes (its hourly limit)' : why };
    }
    await this.deps.report(status);
    return status;
  }

  private async exchange(): Promise<SyncStatus> {
    const { area, now } = this.deps;
    const db = await this.deps.db();
    const remote = ours(await area.get());
    const version = remote[VERSION_KEY];
    // An older layout is read and rewritten as ours; a newer one is left alone. A version that is
    // no number is garbage, like any other item's: counted, and written over (refused, it stopped
    // sync on every device for good, as if written by a newer Paper Radar).
    const badVersion = version !== undefined && typeof version !== 'number';
    if (typeof version === 'number' && version > LAYOUT_VERSION) {
      return { ...SYNC_OFF, enabled: true, lastSyncAt: now(), error: 'the data in sync storage was written by a newer Paper Radar: update this one to sync' };
    }

    const decoded = decodeMarks(remote);
    const decodedLinks = decodeLinks(remote);
    const local = await readMarks(db);
    const { merged: all, toLocal } = mergeMarks(local.marks, decoded.marks);
    const allLinks = mergeLinks(local.links, decodedLinks.links);
    if (toLocal.length > 0 || decodedLinks.links.size > 0) {
      const changed = await applyRemoteMarks(db, { marks: toLocal, links: decodedLinks.links, remote: decoded.marks, now: now() });
      if (changed.length > 0) await this.deps.marksApplied(changed);
    }
    const invalid = decoded.invalid + decodedLinks.invalid + (badVersion ? 1 : 0);

    const interests = await this.mergeInterests(db, decodeInterests(remote));

    // What sync storage should hold.
    const wanted: Record<string, unknown> = { [VERSION_KEY]: LAYOUT_VERSION };
    let interestsState: SyncStatus['interests'] = 'none';
    if (interests.at > 0) {
      const items = encodeInterests(interests, ITEM_BYTES);
      if (totalBytes(items) <= MAX_INTEREST_BYTES) {
        Object.assign(wanted, items);
        interestsState = 'synced';
      } else {
        interestsState = 'too large';
        // Too large to sync here, they leave another device's in place: removed, that device
        // would write them back at its next pass, and this one remove them again, for ever. Kept,
        // they take their room (left out of it, every write here exceeded the quota).
        for (const [key, value] of Object.entries(remote)) if (isInterestsKey(key)) wanted[key] = value;
      }
    }
    const room = SYNC_QUOTA.bytes - SAFETY_BYTES - totalBytes(wanted);
    const replacing = new Set(all.filter((mark) => compareMarks(mark, decoded.marks.get(mark.id) ?? mark) !== 0).map((mark) => mark.id));
    const { merged, marks, links } = encodeMarksAndLinks(all, allLinks, room, replacing);
    Object.assign(wanted, marks.items, links.items);

    const toSet: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(wanted)) if (JSON.stringify(remote[key]) !== JSON.stringify(value)) toSet[key] = value;
    const toRemove = Object.keys(remote).filter((key) => !(key in wanted));
    if (Object.keys(toSet).length > 0 || toRemove.length > 0) {
      const waitMs = this.limiter.nextWriteAt(now()) - now();
      if (waitMs > 0) {
        this.schedule(waitMs);
        return this.status(remote, decoded.marks.size, marks.leftOut.length, interestsState, invalid);
      }
      // Removals first: stale items never count against the quota the new ones need.
      if (toRemove.length > 0) {
        this.limiter.wrote(now());
        await area.remove(toRemove);
      }
      if (Object.keys(toSet).length > 0) {
        this.limiter.wrote(now());
        await area.set(toSet);
      }
      this.written = new Map(Object.entries(wanted).map(([key, value]) => [key, JSON.stringify(value)]));
    }
    this.lastSyncAt = now();
    return this.status(wanted, merged.length - marks.leftOut.length, marks.leftOut.length, interestsState, invalid);
  }

  /** The newer of this device's and sync storage's interests, applied here when it is sync's. */
  private async mergeInterests(db: PaperDb, remote: TimedInterests | null): Promise<TimedInterests> {
    if (!remote) return getTimedInterests(db);
    const remoteWins = (local: TimedInterests) =>
      remote.at > local.at || (remote.at === local.at && JSON.stringify(remote.interests) > JSON.stringify(local.interests));
    const { stored, replaced } = await storeIfNewer(db, remote, remoteWins);
    if (replaced) await this.deps.interestsApplied();
    return stored;
  }

  private status(items: Record<string, unknown>, marks: number, leftOut: number, interests: SyncStatus['interests'], invalid: number): SyncStatus {
    return { enabled: true, lastSyncAt: this.lastSyncAt, marks, leftOut, bytes: totalBytes(items), quotaBytes: SYNC_QUOTA.bytes, interests, invalid, error: null };
  }
}

/** Our items only (other extensions' data never shares an extension's sync area, but be strict). */
function ours(items: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(items)) if (key.startsWith(KEY_PREFIX)) out[key] = value;
  return out;
}

/**
 * Marks first, links in the room the marks leave: without its link a paper still syncs, by its
 * record id. A mark under a link's alias is left out (withoutMarksOfAliases) only where the link
 * fits: left out with its link, the device that keeps the paper under the alias would write it
 * back at its next pass, and this one remove it, for ever. Each round that leaves out a link
 * keeps the marks of more aliases, so the rounds end (one, unless the marks fill sync storage).
 */
function encodeMarksAndLinks(all: readonly SyncedMark[], allLinks: readonly SyncedLink[], room: number, replacing: ReadonlySet<PaperId>) {
  for (let stored = allLinks; ; ) {
    const merged = withoutMarksOfAliases(all, stored);
    const marks = encodeMarks(merged, room, ITEM_BYTES, replacing);
    const links = encodeLinks(allLinks, room - marks.bytes, ITEM_BYTES);
    const fitting = decodeLinks(links.items).links;
    if (stored.every((link) => fitting.has(link.alias))) return { merged, marks, links };
    stored = stored.filter((link) => fitting.has(link.alias));
  }
}
