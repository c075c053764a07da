/**
 * Sync keeps the user's newest decision: a change made within the same second as the synced mark
 * it replaces (sync keeps whole seconds), interests edited on a device whose clock is behind the
 * one that sent the interests it replaces, and two devices of which one cannot sync its newer
 * interests (too large) settle instead of rewriting sync storage at every pass.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openPaperDb, type PaperDb } from '../../../src/store/db';
import { getStates, setFlag } from '../../../src/store/papers';
import { getTimedInterests } from '../../../src/store/settings';
import { SyncService } from '../../../src/sync/service';
import { MemorySyncArea } from '../../support/memory-sync-area';
import { backgroundMessenger, testPaper } from '../../support/papers';

let counter = 0;
let clock = Date.UTC(2026, 10, 29, 12);
const opened: PaperDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

interface Device {
  db: PaperDb;
  sync: SyncService;
  /** This device's clock: the shared clock plus its skew. */
  now: () => number;
}

async function device(area: MemorySyncArea, skewMs = 0): Promise<Device> {
  const db = await openPaperDb(`sync-clocks-${++counter}`);
  opened.push(db);
  const now = () => clock + skewMs;
  const sync = new SyncService({
    db: async () => db,
    area,
    now,
    marksApplied: async () => {},
    interestsApplied: async () => {},
    report: async () => {},
    setTimer: () => () => {},
  });
  return { db, sync, now };
}

const paper = (n: number) => testPaper(n);
const flagsOf = async (d: Device, n: number) => {
  const state = (await getStates(d.db, [paper(n).id]))[paper(n).id];
  return state && { starred: state.starred, read: state.read, dismissed: state.dismissed };
};

describe('marks changed within a second of a synced mark', () => {
  it('an unstar made in the same second as the synced star it replaces stands after the next pass', async () => {
    const area = new MemorySyncArea(() => clock);
    const a = await device(area);
    clock = Date.UTC(2026, 10, 29, 12, 0, 0) + 100;
    await setFlag(a.db, { id: paper(1).id, flag: 'starred', value: true, meta: paper(1) }, a.now());
    await a.sync.reconcile(); // the star goes to sync storage (at 12:00:00)
    clock += 600; // 12:00:00.700: the user takes the star back
    await setFlag(a.db, { id: paper(1).id, flag: 'starred', value: false, meta: paper(1) }, a.now());
    expect(await flagsOf(a, 1)).toMatchObject({ starred: false });
    clock += 5_000;
    await a.sync.reconcile();
    // The user's newest decision must stand.
    expect(await flagsOf(a, 1)).toMatchObject({ starred: false });
  });

  it('an unstar made on another device less than a second after the synced star (by its clock) wins on both devices', async () => {
    const area = new MemorySyncArea(() => clock);
    const a = await device(area);
    const b = await device(area, -400); // b's clock 0.4 s behind a's
    clock = Date.UTC(2026, 10, 29, 12, 0, 0) + 300;
    await setFlag(a.db, { id: paper(1).id, flag: 'starred', value: true, meta: paper(1) }, a.now());
    await a.sync.reconcile();
    clock += 100;
    await b.sync.reconcile(); // b gets the star, dated 12:00:00
    expect(await flagsOf(b, 1)).toMatchObject({ starred: true });
    clock += 700; // b's clock: 12:00:00.700 — after the star it holds (12:00:00.000)
    await setFlag(b.db, { id: paper(1).id, flag: 'starred', value: false, meta: paper(1) }, b.now());
    clock += 5_000;
    await b.sync.reconcile();
    await a.sync.reconcile();
    expect(await flagsOf(b, 1)).toMatchObject({ starred: false });
    expect(await flagsOf(a, 1)).toMatchObject({ starred: false });
  });
});

describe('interests edited on a device whose clock is behind', () => {
  it('an edit made after receiving interests dated by a clock ahead is not overwritten by them at the next pass', async () => {
    const area = new MemorySyncArea(() => clock);
    const a = await device(area, +10 * 60_000); // a's clock 10 minutes ahead
    const b = await device(area, 0);
    const fromA = { topics: [{ id: 'a', name: 'Flows', keywords: ['normalizing flows'] }] };
    const editedOnB = { topics: [{ id: 'b', name: 'Proteins', keywords: ['protein design'] }] };
    // Edited through the background's own request, as the options page does.
    await backgroundMessenger(a.db, { now: a.now }).send({ type: 'setInterests', interests: fromA });
    await a.sync.reconcile();
    clock += 2_000;
    await b.sync.reconcile();
    expect((await getTimedInterests(b.db)).interests).toEqual(fromA);
    clock += 60_000; // a minute later the user edits them on b: the newest decision
    await backgroundMessenger(b.db, { now: b.now }).send({ type: 'setInterests', interests: editedOnB });
    expect((await getTimedInterests(b.db)).interests).toEqual(editedOnB);
    clock += 5_000;
    await b.sync.reconcile();
    expect((await getTimedInterests(b.db)).interests).toEqual(editedOnB);
  });
});

describe('interests too large to sync on one device', () => {
  it('a device whose newer interests are too large and one with older small interests settle: no pass rewrites sync storage', async () => {
    const area = new MemorySyncArea(() => clock);
    const a = await device(area);
    const b = await device(area);
    const small = { topics: [{ id: 'a', name: 'Flows', keywords: ['normalizing flows'] }] };
    const huge = { topics: [], followedAuthors: Array.from({ length: 500 }, (_, i) => `Author ${i} ${'x'.repeat(120)}`) };
    await backgroundMessenger(b.db, { now: b.now }).send({ type: 'setInterests', interests: small });
    clock += 1_000;
    await backgroundMessenger(a.db, { now: a.now }).send({ type: 'setInterests', interests: huge });
    await b.sync.reconcile();
    clock += 60_000;
    await a.sync.reconcile();
    clock += 60_000;
    await b.sync.reconcile();
    // Both have had their say: more passes (a minute apart, each after the other's change event) write nothing.
    const writes = area.writes;
    for (let round = 0; round < 3; round++) {
      for (const d of [a, b]) {
        clock += 60_000;
        await d.sync.reconcile();
      }
    }
    expect(area.writes - writes).toBe(0);
  });
});
