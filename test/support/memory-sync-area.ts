/**
 * An in-memory storage.sync that enforces the documented quotas the way Chrome does: a write
 * that would pass one is rejected whole, with Chrome's message, and nothing is stored. Several
 * "devices" can share one area; each listener hears every change, as storage.onChanged does.
 */
import { itemBytes, SYNC_QUOTA, type SyncArea } from '../../src/sync/quotas';

export type ChangeListener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>) => void;

export class MemorySyncArea implements SyncArea {
  private items = new Map<string, string>();
  private writeTimes: number[] = [];
  private listeners: ChangeListener[] = [];
  /** Every write operation accepted (set or remove), for tests that count them. */
  writes = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async get(): Promise<Record<string, unknown>> {
    return Object.fromEntries([...this.items].map(([key, json]) => [key, JSON.parse(json) as unknown]));
  }

  async set(items: Record<string, unknown>): Promise<void> {
    this.checkRate();
    const next = new Map(this.items);
    for (const [key, value] of Object.entries(items)) {
      if (itemBytes(key, value) > SYNC_QUOTA.bytesPerItem) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
      next.set(key, JSON.stringify(value));
    }
    if (next.size > SYNC_QUOTA.items) throw new Error('MAX_ITEMS quota exceeded');
    if (bytesOf(next) > SYNC_QUOTA.bytes) throw new Error('QUOTA_BYTES quota exceeded');
    this.commit(next);
  }

  async remove(keys: string[]): Promise<void> {
    this.checkRate();
    const next = new Map(this.items);
    for (const key of keys) next.delete(key);
    this.commit(next);
  }

  bytesInUse(): number {
    return bytesOf(this.items);
  }

  itemCount(): number {
    return this.items.size;
  }

  /** Largest item, in bytes. */
  largestItem(): number {
    return Math.max(0, ...[...this.items].map(([key, json]) => itemBytes(key, JSON.parse(json))));
  }

  onChanged(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /** Puts raw items in, bypassing the quotas (another, buggy or hostile, writer). */
  poke(items: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(items)) this.items.set(key, JSON.stringify(value));
  }

  private checkRate(): void {
    const now = this.now();
    const inMinute = this.writeTimes.filter((t) => t > now - 60_000).length;
    const inHour = this.writeTimes.filter((t) => t > now - 3_600_000).length;
    if (inMinute >= SYNC_QUOTA.writesPerMinute) throw new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded');
    if (inHour >= SYNC_QUOTA.writesPerHour) throw new Error('MAX_WRITE_OPERATIONS_PER_HOUR quota exceeded');
  }

  private commit(next: Map<string, string>): void {
    this.writeTimes.push(this.now());
    this.writes++;
    const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
    for (const key of new Set([...this.items.keys(), ...next.keys()])) {
      const before = this.items.get(key);
      const after = next.get(key);
      if (before === after) continue;
      changes[key] = {
        ...(before === undefined ? {} : { oldValue: JSON.parse(before) as unknown }),
        ...(after === undefined ? {} : { newValue: JSON.parse(after) as unknown }),
      };
    }
    this.items = next;
    if (Object.keys(changes).length > 0) for (const listener of this.listeners) listener(changes);
  }
}

function bytesOf(items: Map<string, string>): number {
  let total = 0;
  for (const [key, json] of items) total += itemBytes(key, JSON.parse(json));
  return total;
}
