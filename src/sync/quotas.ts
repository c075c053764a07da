/**
 * The browser's sync storage (storage.sync) and its documented limits, which Chrome enforces by
 * rejecting the write and Firefox by its own equal byte limits. Pure, no browser APIs: the
 * background hands the real area to the sync service, tests an in-memory one that enforces the
 * same limits (test/support/memory-sync-area.ts).
 */

/** The part of storage.sync the sync service uses (what browser.storage.sync provides). */
export interface SyncArea {
  /** Every item stored. */
  get(): Promise<Record<string, unknown>>;
  /** Writes the items in one operation (it counts once against the write rate). */
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** chrome.storage.sync's quotas (developer.chrome.com/docs/extensions/reference/api/storage#property-sync). */
export const SYNC_QUOTA = {
  /** All items together: each item's key plus its value as JSON. */
  bytes: 102_400,
  /** One item: its key plus its value as JSON. */
  bytesPerItem: 8_192,
  items: 512,
  /** set, remove and clear calls, each counting once. */
  writesPerMinute: 120,
  writesPerHour: 1_800,
} as const;

const encoder = new TextEncoder();

/** The bytes an item takes in sync storage: its key and its value as JSON, in UTF-8. */
export function itemBytes(key: string, value: unknown): number {
  return encoder.encode(key).length + encoder.encode(JSON.stringify(value)).length;
}

/** The bytes all `items` take. */
export function totalBytes(items: Record<string, unknown>): number {
  let total = 0;
  for (const [key, value] of Object.entries(items)) total += itemBytes(key, value);
  return total;
}

/**
 * When the next write may go so that writes stay well inside both rate quotas: at most one every
 * `minGapMs`, and — after a burst, say when the worker restarted and forgot its history — at
 * most `perMinute` in any minute and `perHour` in any hour. Pure: the caller passes the clock.
 */
export class WriteLimiter {
  private readonly times: number[] = [];

  constructor(
    private readonly limits: { minGapMs: number; perMinute: number; perHour: number } = {
      minGapMs: 2_500,
      perMinute: SYNC_QUOTA.writesPerMinute / 2,
      perHour: (SYNC_QUOTA.writesPerHour * 3) / 4,
    },
  ) {}

  /** The earliest time ≥ now at which a write stays within the limits. */
  nextWriteAt(now: number): number {
    this.forget(now);
    const { minGapMs, perMinute, perHour } = this.limits;
    let at = now;
    const last = this.times[this.times.length - 1];
    if (last !== undefined) at = Math.max(at, last + minGapMs);
    const inMinute = this.times.filter((t) => t > at - 60_000);
    if (inMinute.length >= perMinute) at = Math.max(at, inMinute[inMinute.length - perMinute]! + 60_000);
    if (this.times.length >= perHour) at = Math.max(at, this.times[this.times.length - perHour]! + 3_600_000);
    return at;
  }

  /** Records a write made at `now`. */
  wrote(now: number): void {
    this.times.push(now);
  }

  /**
   * Drops the writes more than an hour old, and those after `now`: the clock was set back since
   * (a computer running fast, corrected). Kept, they held every write back for as long as the
   * jump, and past 24.8 days the wait overflowed setTimeout, which ran the pass again at once,
   * over and over.
   */
  private forget(now: number): void {
    while (this.times.length > 0 && this.times[0]! <= now - 3_600_000) this.times.shift();
    while (this.times.length > 0 && this.times[this.times.length - 1]! > now) this.times.pop();
  }
}
