/**
 * Sync end to end in Node: two (or more) devices, each with its own database (fake-indexeddb),
 * sharing one in-memory sync area that enforces storage.sync's documented quotas and rejects
 * any write that passes one. Marks and interests travel; the last change wins; a wiped device
 * gets its marks back; writes stay inside every quota.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openPaperDb, type PaperDb } from '../../../src/store/db';
import { applyRemoteMarks, markedRecord, readMarks } from '../../../src/store/sync-marks';
import { getPaper, getStates, importRecords, markSeen, setFlag } from '../../../src/store/papers';
import { getTimedInterests, setInterests, updateInterests } from '../../../src/store/settings';
import { SYNC_QUOTA } from '../../../src/sync/quotas';
import { decodeLinks, decodeMarks, interestsSyncBytes, LAYOUT_VERSION, MAX_INTEREST_BYTES } from '../../../src/sync/codec';
import { SyncService } from '../../../src/sync/service';
import type { SyncStatus } from '../../../src/sync/settings';
import type { Interests } from '../../../src/relevance/interests';
import { MemorySyncArea } from '../../support/memory-sync-area';
import { testPaper } from '../../support/papers';
import { realisticMarks } from '../../support/sync-marks';

let counter = 0;
let clock = Date.UTC(2026, 10, 29, 12);
const opened: PaperDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

interface Device {
  db: PaperDb;
  sync: SyncService;
  statuses: SyncStatus[];
  applied: string[][];
  timers: Array<{ at: number; run: () => void }>;
}

/** A device over `db` (a new database if none); `connect` gives the pass its connection (by default `db`). */
async function device(area: MemorySyncArea, db?: PaperDb, connect?: (db: PaperDb) => Promise<PaperDb>): Promise<Device> {
  const database = db ?? (await openPaperDb(`sync-${++counter}`));
  opened.push(database);
  const d: Device = { db: database, statuses: [], applied: [], timers: [], sync: undefined as unknown as SyncService };
  d.sync = new SyncService({
    db: connect ? () => connect(database) : async () => database,
    area,
    now: () => clock,
    marksApplied: async (ids) => void d.applied.push(ids),
    interestsApplied: async () => {},
    report: async (status) => void d.statuses.push(status),
    setTimer: (run, ms) => {
      const timer = { at: clock + ms, run };
      d.timers.push(timer);
      return () => d.timers.splice(d.timers.indexOf(timer), 1);
    },
  });
  return d;
}

/** Moves the clock on by `ms`, running the device's timers that fall due, in order. */
async function advance(d: Device, ms: number): Promise<void> {
  const end = clock + ms;
  for (;;) {
    d.timers.sort((a, b) => a.at - b.at);
    const next = d.timers[0];
    if (!next || next.at > end) break;
    d.timers.shift();
    clock = Math.max(clock, next.at);
    next.run();
    await d.sync.idle();
  }
  clock = end;
}

const paper = (n: number) => testPaper(n);
/** One paper under two ids: a Scholar result's cluster, and arxiv:2408.00009 as a page naming both shows it. */
const cluster = testPaper(9, { id: 'scholar:123456789', url: 'https://scholar.google.com/scholar?cluster=123456789', site: 'scholar', primaryCategory: null, subjects: [] });
const linked = testPaper(9, { aliases: [cluster.id] });
const star = (d: Device, n: number, value = true) => setFlag(d.db, { id: paper(n).id, flag: 'starred', value, meta: paper(n) }, (clock += 1_000));
const flagsOf = async (d: Device, n: number) => {
  const state = (await getStates(d.db, [paper(n).id]))[paper(n).id];
  return state && { starred: state.starred, read: state.read, dismissed: state.dismissed };
};

describe('sync between devices', () => {
  it('a star, a read and a dismissal on one device reach another; a paper new there arrives with what its id tells', async () => {
    const area = new MemorySyncArea(() => clock);
    const [a, b] = [await device(area), await device(area)];
    await star(a, 1);
    await setFlag(a.db, { id: paper(2).id, flag: 'read', value: true, meta: paper(2) }, (clock += 1_000));
    await setFlag(a.db, { id: paper(3).id, flag: 'dismissed', value: true, meta: paper(3) }, (clock += 1_000));
    const first = await a.sync.reconcile();
    expect(first).toMatchObject({ enabled: true, marks: 3, leftOut: 0, error: null, invalid: 0 });
    expect(first.bytes).toBe(area.bytesInUse());

    await b.sync.reconcile();
    expect(await flagsOf(b, 1)).toEqual({ starred: true, read: false, dismissed: false });
    expect(await flagsOf(b, 2)).toEqual({ starred: false, read: true, dismissed: false });
    expect(await flagsOf(b, 3)).toEqual({ starred: false, read: false, dismissed: true });
    expect(b.applied.flat().sort()).toEqual([paper(1).id, paper(2).id, paper(3).id].sort());
    expect(await getPaper(b.db, paper(1).id)).toMatchObject({ title: 'arXiv:2408.00001', site: 'sync', url: 'https://arxiv.org/abs/2408.00001' });
    // A page showing it later fills in the metadata.
    await markSeen(b.db, [paper(1)], (clock += 1_000));
    expect(await getPaper(b.db, paper(1).id)).toMatchObject({ title: 'Paper 1', starred: true });
  });

  it('an unstar later on the other device wins; merely seeing the paper there changes nothing', async () => {
    const area = new MemorySyncArea(() => clock);
    const [a, b] = [await device(area), await device(area)];
    await star(a, 1);
    await a.sync.reconcile();
    await markSeen(b.db, [paper(1)], (clock += 5_000)); // b sees it after a starred it, without a mark
    await b.sync.reconcile();
    expect(await flagsOf(b, 1)).toMatchObject({ starred: true });
    clock += 10_000;
    await star(b, 1, false);
    await b.sync.reconcile();
    await a.sync.reconcile();
    expect(await flagsOf(a, 1)).toMatchObject({ starred: false });
    // The undone star is itself a mark in sync storage: a third device does not resurrect it.
    const c = await device(area);
    await c.sync.reconcile();
    expect(await flagsOf(c, 1)).toMatchObject({ starred: false });
  });

  it('concurrent changes on two devices: for each paper the later one wins on both', async () => {
    const area = new MemorySyncArea(() => clock);
    const [a, b] = [await device(area), await device(area)];
    await star(a, 1); // earlier
    await star(b, 2);
    await star(b, 1, false); // later than a's star of 1
    await star(a, 2, false); // later than b's star of 2
    await a.sync.reconcile();
    await b.sync.reconcile();
    await a.sync.reconcile();
    for (const d of [a, b]) {
      expect(await flagsOf(d, 1)).toMatchObject({ starred: false });
      expect(await flagsOf(d, 2)).toMatchObject({ starred: false });
    }
    // Nothing more to write once both agree.
    const writes = area.writes;
    clock += 60_000;
    await a.sync.reconcile();
    await b.sync.reconcile();
    expect(area.writes).toBe(writes);
  });

  it('a click made here after the merge was computed is not overwritten by the older remote mark', async () => {
    const area = new MemorySyncArea(() => clock);
    const a = await device(area);
    await star(a, 1);
    const remoteOlder = { id: paper(1).id, starred: false, read: true, dismissed: false, at: clock - 60_000 };
    expect(await applyRemoteMarks(a.db, { marks: [remoteOlder], links: new Map(), remote: new Map([[remoteOlder.id, remoteOlder]]), now: clock })).toEqual([]);
    expect(await flagsOf(a, 1)).toMatchObject({ starred: true, read: false });
  });

  it('a paper kept under two ids: an unstar made under one reaches the device that starred it under the other, and stays undone when that device links them', async () => {
    const area = new MemorySyncArea(() => clock);
    const [a, b] = [await device(area), await device(area)];
    await setFlag(a.db, { id: cluster.id, flag: 'starred', value: true, meta: cluster }, (clock += 1_000));
    await a.sync.reconcile();
    await b.sync.reconcile();
    await markSeen(b.db, [linked], (clock += 1_000)); // b learns the two ids are one paper
    expect(await flagsOf(b, 9)).toMatchObject({ starred: true });
    await setFlag(b.db, { id: linked.id, flag: 'starred', value: false, meta: linked }, (clock += 60_000));
    await b.sync.reconcile();
    await a.sync.reconcile();
    expect((await getStates(a.db, [cluster.id]))[cluster.id]).toMatchObject({ starred: false });
    expect(await a.db.getAllKeys('papers')).toEqual([linked.id]); // b's link made a's record of the cluster the arXiv paper's
    await settles(area, a, b);
    await markSeen(a.db, [linked], (clock += 1_000)); // a page naming both ids changes nothing
    expect(await flagsOf(a, 9)).toMatchObject({ starred: false });
    await a.sync.reconcile();
    await b.sync.reconcile();
    expect(await flagsOf(b, 9)).toMatchObject({ starred: false });
    await settles(area, a, b);
    expect(a.statuses.at(-1)).toMatchObject({ marks: 1 });
    // A device that knows neither id gets the paper once, under its record id.
    await setFlag(b.db, { id: linked.id, flag: 'read', value: true, meta: linked }, (clock += 1_000));
    await b.sync.reconcile();
    const c = await device(area);
    await c.sync.reconcile();
    expect(await flagsOf(c, 9)).toEqual({ starred: false, read: true, dismissed: false });
    expect(await c.db.count('papers')).toBe(1);
    expect(c.applied.flat()).toEqual([linked.id]);
  });

  it('a paper kept under two ids: a device that knows only the Scholar cluster gets the star there, on one record, and its unstar stays undone when it links them', async () => {
    const area = new MemorySyncArea(() => clock);
    const [a, b] = [await device(area), await device(area)];
    await markSeen(b.db, [cluster], (clock += 1_000)); // b knows only the cluster
    await markSeen(a.db, [linked], (clock += 1_000)); // a knows both ids
    await setFlag(a.db, { id: linked.id, flag: 'starred', value: true, meta: linked }, (clock += 1_000));
    await a.sync.reconcile(); // then a goes offline
    await b.sync.reconcile();
    expect((await getStates(b.db, [cluster.id]))[cluster.id]).toMatchObject({ starred: true });
    expect(await b.db.getAllKeys('papers')).toEqual([linked.id]); // one record, kept under the arXiv id
    await setFlag(b.db, { id: cluster.id, flag: 'starred', value: false, meta: cluster }, (clock += 60_000));
    await b.sync.reconcile();
    await markSeen(b.db, [linked], (clock += 60_000)); // a page names both ids
    expect(await flagsOf(b, 9)).toMatchObject({ starred: false });
    await b.sync.reconcile();
    await a.sync.reconcile();
    expect(await flagsOf(a, 9)).toMatchObject({ starred: false });
  });

  it('a paper kept under two ids: the mark made under the old id leaves sync storage once the linked record has a newer one, and a fresh device gets one record', async () => {
    const area = new MemorySyncArea(() => clock);
    const [a, b] = [await device(area), await device(area)];
    await setFlag(a.db, { id: cluster.id, flag: 'starred', value: true, meta: cluster }, (clock += 1_000));
    await a.sync.reconcile();
    await markSeen(b.db, [linked], (clock += 1_000));
    await b.sync.reconcile(); // the star reaches the arXiv record through the cluster id
    await setFlag(b.db, { id: linked.id, flag: 'read', value: true, meta: linked }, (clock += 1_000));
    await b.sync.reconcile();
    expect(decodeMarks(await area.get()).marks.has(cluster.id)).toBe(false);
    expect(b.statuses.at(-1)).toMatchObject({ marks: 1 });
    const c = await device(area);
    await c.sync.reconcile();
    expect(await c.db.getAllKeys('papers')).toEqual([linked.id]);
    expect(await flagsOf(c, 9)).toEqual({ starred: true, read: true, dismissed: false });
    await a.sync.reconcile(); // a links the cluster to the arXiv id: one record there too
    expect(await a.db.getAllKeys('papers')).toEqual([linked.id]);
    expect(await flagsOf(a, 9)).toEqual({ starred: true, read: true, dismissed: false });
    await settles(area, a, b, c);
  });

  it("a paper kept under two ids: a star from before another device's unstar stays undone when a later read under the other id is linked to it", async () => {
    const area = new MemorySyncArea(() => clock);
    const [a, b] = [await device(area), await device(area)];
    await setFlag(a.db, { id: cluster.id, flag: 'starred', value: true, meta: cluster }, (clock += 1_000));
    await a.sync.reconcile();
    await b.sync.reconcile();
    await markSeen(b.db, [linked], (clock += 1_000)); // b learns the two ids are one paper…
    await setFlag(b.db, { id: linked.id, flag: 'starred', value: false, meta: linked }, (clock += 60_000)); // …and unstars it
    await b.sync.reconcile();
    // a, before it hears of that, reads the arXiv listing's entry: a record of its own there.
    await setFlag(a.db, { id: paper(9).id, flag: 'read', value: true, meta: paper(9) }, (clock += 60_000));
    await a.sync.reconcile();
    await b.sync.reconcile();
    await settles(area, a, b);
    for (const d of [a, b]) expect(await flagsOf(d, 9)).toEqual({ starred: false, read: true, dismissed: false });
    expect(await a.db.getAllKeys('papers')).toEqual([linked.id]);
  });

  it("a paper kept under two ids: another device's star from before an unstar made here under one id is not taken by the other id's record, which had no mark", async () => {
    const area = new MemorySyncArea(() => clock);
    const [a, b] = [await device(area), await device(area)];
    await markSeen(a.db, [linked], (clock += 1_000)); // a knows both ids
    await setFlag(a.db, { id: linked.id, flag: 'starred', value: true, meta: linked }, (clock += 1_000));
    await a.sync.reconcile(); // then a goes offline
    // b, offline too, keeps the two ids apart: it starred and then unstarred the cluster, and only saw the arXiv entry.
    await setFlag(b.db, { id: cluster.id, flag: 'starred', value: true, meta: cluster }, (clock += 1_000));
    await setFlag(b.db, { id: cluster.id, flag: 'starred', value: false, meta: cluster }, (clock += 60_000));
    await markSeen(b.db, [paper(9)], (clock += 1_000));
    await b.sync.reconcile();
    expect(await b.db.getAllKeys('papers')).toEqual([linked.id]);
    expect(await flagsOf(b, 9)).toMatchObject({ starred: false }); // the unstar is the newest decision
    await a.sync.reconcile();
    expect(await flagsOf(a, 9)).toMatchObject({ starred: false });
    await settles(area, a, b);
    for (const d of [a, b]) expect(await flagsOf(d, 9)).toMatchObject({ starred: false });
  });

  it('marks under two ids of one paper arriving together with their link make one record, the later mark winning', async () => {
    const area = new MemorySyncArea(() => clock);
    const c = await device(area);
    const record = { id: 'arxiv:2408.00009', starred: false, read: true, dismissed: false, at: clock - 60_000 };
    const alias = { id: 'scholar:123456789', starred: true, read: false, dismissed: false, at: clock - 30_000 };
    const changed = await applyRemoteMarks(c.db, { marks: [record, alias], links: new Map([[alias.id, record.id]]), remote: new Map([record, alias].map((m) => [m.id, m])), now: clock });
    expect(changed.sort()).toEqual([alias.id, record.id].sort());
    expect(await c.db.getAllKeys('papers')).toEqual([record.id]);
    expect((await getStates(c.db, [alias.id]))[alias.id]).toMatchObject({ starred: true, read: false });
  });

  it('a paper kept under two ids: a star made later under the old id, on a device that does not link them, still wins', async () => {
    const area = new MemorySyncArea(() => clock);
    const [a, b] = [await device(area), await device(area)];
    await markSeen(b.db, [linked], (clock += 1_000));
    await setFlag(b.db, { id: linked.id, flag: 'read', value: true, meta: linked }, (clock += 1_000));
    await b.sync.reconcile();
    await setFlag(a.db, { id: cluster.id, flag: 'starred', value: true, meta: cluster }, (clock += 60_000));
    await a.sync.reconcile();
    await b.sync.reconcile();
    expect(await flagsOf(b, 9)).toMatchObject({ starred: true });
    expect(b.applied.flat().sort()).toEqual([cluster.id, linked.id].sort()); // pages showing either id re-read it
    await a.sync.reconcile();
    expect((await getStates(a.db, [cluster.id]))[cluster.id]).toMatchObject({ starred: true });
  });

  it('interests: the ones changed last win on every device', async () => {
    const area = new MemorySyncArea(() => clock);
    const [a, b] = [await device(area), await device(area)];
    const older: Interests = { topics: [{ id: 'a', name: 'Flows', keywords: ['normalizing flows'] }] };
    const newer: Interests = { topics: [{ id: 'b', name: 'Proteins', keywords: ['protein design'] }], followedAuthors: ['Zoë Ünicode'] };
    await setInterests(a.db, older, (clock += 1_000));
    await setInterests(b.db, newer, (clock += 1_000));
    await a.sync.reconcile();
    await b.sync.reconcile();
    await a.sync.reconcile();
    expect((await getTimedInterests(a.db)).interests).toEqual(newer);
    expect((await getTimedInterests(b.db)).interests).toEqual(newer);
    expect(a.statuses.at(-1)).toMatchObject({ interests: 'synced' });
  });

  it("interests the user saves while a pass applies another device's older ones are kept (compared and written in one transaction)", async () => {
    const area = new MemorySyncArea(() => clock);
    const remote: Interests = { topics: [], followedAuthors: ['Remote'] };
    const user: Interests = { topics: [], followedAuthors: ['Typed just now'] };
    const b = await device(area);
    await setInterests(b.db, remote, (clock += 1_000));
    await b.sync.reconcile();
    // On this device the user saves, through the options page, just after the pass first reads
    // the settings here.
    let saved: Promise<Interests> | null = null;
    const a = await device(area, undefined, async (db) =>
      new Proxy(db, {
        get(target, key) {
          const value = Reflect.get(target, key, target) as unknown;
          if (key !== 'transaction' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
          return (...args: Parameters<PaperDb['transaction']>) => {
            const tx = value.apply(target, args);
            if (args[0] === 'settings' && saved === null) saved = updateInterests(db, () => user, (clock += 1_000));
            return tx;
          };
        },
      }),
    );
    await a.sync.reconcile();
    expect(await saved).toEqual(user);
    expect(await getTimedInterests(a.db)).toEqual({ interests: user, at: clock });
    await a.sync.reconcile();
    await b.sync.reconcile();
    expect((await getTimedInterests(b.db)).interests).toEqual(user);
  });

  it('interests set before their change time was kept still sync; any later change wins over them', async () => {
    const area = new MemorySyncArea(() => clock);
    const [a, b] = [await device(area), await device(area)];
    const legacy: Interests = { topics: [{ id: 'a', name: 'Flows', keywords: ['normalizing flows'] }] };
    await a.db.put('settings', legacy, 'interests'); // as schema 4 stored them: no interestsAt
    await a.sync.reconcile();
    await b.sync.reconcile();
    expect((await getTimedInterests(b.db)).interests).toEqual(legacy);
    const edited: Interests = { topics: [{ id: 'b', name: 'Proteins', keywords: ['protein design'] }] };
    await setInterests(b.db, edited, (clock += 1_000));
    await b.sync.reconcile();
    await a.sync.reconcile();
    expect((await getTimedInterests(a.db)).interests).toEqual(edited);
  });

  it('interests too large to sync stay local, and the marks still sync', async () => {
    const area = new MemorySyncArea(() => clock);
    const [a, b] = [await device(area), await device(area)];
    const huge: Interests = { topics: [], followedAuthors: Array.from({ length: 500 }, (_, i) => `Author ${i} ${'x'.repeat(120)}`) };
    expect(JSON.stringify(huge).length).toBeGreaterThan(MAX_INTEREST_BYTES);
    await setInterests(a.db, huge, (clock += 1_000));
    await star(a, 1);
    expect(await a.sync.reconcile()).toMatchObject({ interests: 'too large', marks: 1, error: null });
    await b.sync.reconcile();
    expect(await flagsOf(b, 1)).toMatchObject({ starred: true });
    expect((await getTimedInterests(b.db)).at).toBe(0);
    // The options page's measure (said at Save) agrees with the pass's, either side of the limit.
    expect(interestsSyncBytes({ interests: huge, at: clock })).toBeGreaterThan(MAX_INTEREST_BYTES);
    const fits: Interests = { ...huge, followedAuthors: huge.followedAuthors!.slice(0, 200) };
    expect(interestsSyncBytes({ interests: fits, at: clock })).toBeLessThanOrEqual(MAX_INTEREST_BYTES);
    await setInterests(a.db, fits, (clock += 1_000));
    expect(await a.sync.reconcile()).toMatchObject({ interests: 'synced' });
  });
});

/**
 * After a pass of each device, more passes write nothing and apply nothing (passes a minute
 * apart: no rate limit).
 */
async function settles(area: MemorySyncArea, ...devices: Device[]): Promise<void> {
  for (const d of devices) await d.sync.reconcile();
  const writes = area.writes;
  const applied = devices.map((d) => d.applied.length);
  for (let round = 0; round < 2; round++) {
    for (const d of devices) {
      clock += 60_000;
      await d.sync.reconcile();
    }
  }
  expect(area.writes).toBe(writes);
  expect(devices.map((d) => d.applied.length)).toEqual(applied);
}

/** Stores `marks` as this device's own (as if clicked here), in one transaction. */
async function storeMarks(db: PaperDb, marks: ReturnType<typeof realisticMarks>): Promise<void> {
  await importRecords(
    db,
    marks.map((m) => markedRecord(m, clock, 'arxiv')),
    (local, incoming) => incoming,
  );
}

describe('quotas', () => {
  it('5,000 marks: every item under 8 KB, the total under 100 KB, and a wiped device gets all 5,000 back', async () => {
    const area = new MemorySyncArea(() => clock);
    const a = await device(area);
    const marks = realisticMarks(5_000, clock);
    await storeMarks(a.db, marks);
    const status = await a.sync.reconcile();
    expect(status).toMatchObject({ marks: 5_000, leftOut: 0, error: null });
    expect(area.bytesInUse()).toBe(status.bytes);
    expect(area.bytesInUse()).toBeLessThan(SYNC_QUOTA.bytes);
    expect(area.largestItem()).toBeLessThanOrEqual(SYNC_QUOTA.bytesPerItem);
    expect(area.itemCount()).toBeLessThan(SYNC_QUOTA.items);

    const wiped = await device(area);
    await wiped.sync.reconcile();
    const restored = (await readMarks(wiped.db)).marks;
    expect(restored).toHaveLength(5_000);
    const byId = new Map(restored.map((m) => [m.id, m]));
    for (const m of marks) expect(byId.get(m.id)).toMatchObject({ starred: m.starred, read: m.read, dismissed: m.dismissed });
  });

  it('more marks than fit: the pass never fails a write, the status says how many stay local, and no star is left out', async () => {
    const area = new MemorySyncArea(() => clock);
    const a = await device(area);
    await storeMarks(a.db, realisticMarks(12_000, clock));
    const status = await a.sync.reconcile();
    expect(status.error).toBeNull();
    expect(status.leftOut).toBeGreaterThan(0);
    expect(status.marks + status.leftOut).toBe(12_000);
    expect(area.bytesInUse()).toBeLessThanOrEqual(SYNC_QUOTA.bytes);
    const b = await device(area);
    await b.sync.reconcile();
    const starred = realisticMarks(12_000, clock).filter((m) => m.starred).length;
    expect((await readMarks(b.db)).marks.filter((m) => m.starred)).toHaveLength(starred);
  });

  it("more marks than fit, and interests too large to sync: the other device's interests left in sync storage count against the room, and the pass still writes", async () => {
    const area = new MemorySyncArea(() => clock);
    const [a, b] = [await device(area), await device(area)];
    const authors = (n: number) => Array.from({ length: n }, (_, i) => `Author ${i} ${'x'.repeat(120)}`);
    await setInterests(a.db, { topics: [], followedAuthors: authors(50) }, (clock += 1_000)); // ≈ 7 KB: synced
    expect(await a.sync.reconcile()).toMatchObject({ interests: 'synced', error: null });
    await storeMarks(b.db, realisticMarks(12_000, clock));
    await setInterests(b.db, { topics: [], followedAuthors: authors(500) }, (clock += 1_000)); // newer, too large
    const status = await b.sync.reconcile();
    expect(status).toMatchObject({ interests: 'too large', error: null });
    expect(status.leftOut).toBeGreaterThan(0);
    expect(area.bytesInUse()).toBeLessThanOrEqual(SYNC_QUOTA.bytes);
    expect(status.bytes).toBe(area.bytesInUse());
    // A star made since still reaches the other device (written once the write rate allows).
    await star(b, 1);
    await b.sync.reconcile();
    await advance(b, 120_000);
    expect(b.statuses.at(-1)).toMatchObject({ error: null, interests: 'too large' });
    await a.sync.reconcile();
    expect(await flagsOf(a, 1)).toMatchObject({ starred: true });
  });

  it('more marks than fit: an unstar, the kind of mark left out first, still reaches a device that starred the paper, and the devices settle', async () => {
    const area = new MemorySyncArea(() => clock);
    const a = await device(area);
    const b = await device(area);
    // One pass of `d` a while after the last (each change event would make one; no write waits).
    const pass = (d: Device) => ((clock += 10_000), d.sync.reconcile());
    await storeMarks(a.db, realisticMarks(12_000, clock - 3_600_000));
    await star(a, 1);
    await pass(a);
    await pass(b);
    expect(await flagsOf(b, 1)).toMatchObject({ starred: true });
    await star(a, 1, false); // while b is away
    await pass(a);
    await pass(b);
    expect(await flagsOf(b, 1)).toMatchObject({ starred: false });
    for (let round = 0; round < 2; round++) {
      await pass(a);
      await pass(b);
    }
    const writes = area.writes;
    await pass(a);
    await pass(b);
    expect(area.writes).toBe(writes);
    expect([...a.statuses, ...b.statuses].filter((status) => status.error !== null)).toEqual([]);
  });

  it("more marks than fit, so no link does: a mark under a paper's other id stays in sync storage, and the devices settle", async () => {
    const area = new MemorySyncArea(() => clock);
    const [a, b] = [await device(area), await device(area)];
    const byDoi = testPaper(9, { id: 'doi:10.1234/xyz', url: 'https://doi.org/10.1234/xyz', site: 'scholar', primaryCategory: null, subjects: [] });
    const linked = testPaper(9, { aliases: [byDoi.id] }); // a knows both ids
    await setFlag(b.db, { id: byDoi.id, flag: 'starred', value: true, meta: byDoi }, (clock += 1_000));
    await b.sync.reconcile();
    await storeMarks(a.db, realisticMarks(12_000, clock - 3_600_000));
    await setFlag(a.db, { id: linked.id, flag: 'starred', value: true, meta: linked }, (clock += 1_000));
    const status = await a.sync.reconcile();
    expect(status.leftOut).toBeGreaterThan(0);
    expect(decodeLinks(await area.get()).links.size).toBe(0); // no room for links
    expect(decodeMarks(await area.get()).marks.get(byDoi.id)).toMatchObject({ starred: true });
    await b.sync.reconcile();
    await settles(area, a, b);
    expect(await flagsOf(b, 9)).toMatchObject({ starred: true });
  });

  it('200 rapid changes from 5 tabs: writes stay inside the per-minute and per-hour quotas, none is rejected, the last state arrives', async () => {
    const area = new MemorySyncArea(() => clock);
    const a = await device(area);
    const b = await device(area);
    for (let i = 0; i < 200; i++) {
      await setFlag(a.db, { id: paper(i % 5).id, flag: i % 3 === 0 ? 'read' : 'starred', value: i % 2 === 0, meta: paper(i % 5) }, (clock += 150));
      a.sync.schedule(2_000); // what the background does after every change
      await advance(a, 150);
    }
    await advance(a, 120_000);
    expect(a.statuses.filter((s) => s.error !== null)).toEqual([]);
    expect(area.writes).toBeGreaterThan(1);
    expect(area.writes).toBeLessThanOrEqual(Math.ceil((200 * 150 + 120_000) / 2_500) + 2);
    await b.sync.reconcile();
    for (let n = 0; n < 5; n++) expect(await flagsOf(b, n)).toEqual(await flagsOf(a, n));
  });

  it('the clock set back (a month fast, corrected) after a write: the next change still goes out, with no wait as long as the jump', async () => {
    const area = new MemorySyncArea(() => clock);
    const a = await device(area);
    await star(a, 1);
    expect(await a.sync.reconcile()).toMatchObject({ error: null });
    clock -= 30 * 86_400_000;
    await star(a, 2);
    a.sync.schedule(2_000);
    await advance(a, 5_000);
    expect(a.timers.filter((t) => t.at - clock > 3_600_000)).toEqual([]);
    expect(decodeMarks(await area.get()).marks.size).toBe(2);
  });

  it("a star from a device whose clock is a year ahead is dated now here, not next year (it wins all the same)", async () => {
    const area = new MemorySyncArea(() => clock);
    const a = await device(area);
    const b = await device(area);
    const here = clock;
    clock += 365 * 86_400_000; // a's clock
    await star(a, 1);
    await a.sync.reconcile();
    clock = here + 1_000; // b's clock, right
    await b.sync.reconcile();
    const stored = (await getStates(b.db, [paper(1).id]))[paper(1).id]!;
    expect(stored.starred).toBe(true);
    expect(stored.starredAt).toBe(here + 1_000);
    expect(stored.marksAt).toBeGreaterThan(here + 300 * 86_400_000); // the decision keeps its time
  });

  it('the in-memory area rejects what Chrome rejects, whole', async () => {
    const area = new MemorySyncArea(() => clock);
    await expect(area.set({ big: 'x'.repeat(SYNC_QUOTA.bytesPerItem) })).rejects.toThrow('QUOTA_BYTES_PER_ITEM quota exceeded');
    const many = Object.fromEntries(Array.from({ length: 513 }, (_, i) => [`k${i}`, 1]));
    await expect(area.set(many)).rejects.toThrow('MAX_ITEMS quota exceeded');
    const heavy = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`k${i}`, 'x'.repeat(8_000)]));
    await expect(area.set(heavy)).rejects.toThrow('QUOTA_BYTES quota exceeded');
    expect(area.itemCount()).toBe(0);
    for (let i = 0; i < SYNC_QUOTA.writesPerMinute; i++) await area.set({ k: i });
    await expect(area.set({ k: 'one too many' })).rejects.toThrow('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded');
  });

  it('a pass that finds the database closed under it (the data wiped) says nothing and tries again a second later', async () => {
    const area = new MemorySyncArea(() => clock);
    const closed = await openPaperDb(`sync-${++counter}`);
    closed.close();
    let first = true;
    const a = await device(area, undefined, async (db) => (first ? ((first = false), closed) : db));
    await star(a, 1);
    expect(await a.sync.reconcile()).toMatchObject({ error: null });
    expect(a.statuses).toEqual([]); // nothing said
    await advance(a, 1_000);
    expect(a.statuses.at(-1)).toMatchObject({ error: null, marks: 1 });
    expect(decodeMarks(await area.get()).marks.size).toBe(1);
  });

  it('a pass that hits the write-rate quota waits and tries again, without losing the change', async () => {
    const area = new MemorySyncArea(() => clock);
    const a = await device(area);
    for (let i = 0; i < SYNC_QUOTA.writesPerMinute; i++) await area.set({ filler: i }).catch(() => {});
    await star(a, 1);
    expect(await a.sync.reconcile()).toMatchObject({ error: expect.stringMatching(/waiting/) });
    await advance(a, 61_000);
    expect(a.statuses.at(-1)).toMatchObject({ error: null, marks: 1 });
  });
});

describe('bad data in sync storage', () => {
  it('garbage items are skipped and counted; the device keeps its marks and writes good items back', async () => {
    const area = new MemorySyncArea(() => clock);
    const a = await device(area);
    await star(a, 1);
    area.poke({ 'pr:m0': { 'arxiv:2408.': '<script>alert(1)</script> 00001' }, 'pr:m7': 'junk', 'pr:i0': { a: 1, n: 1, d: '{"topics": 5}' } });
    const status = await a.sync.reconcile();
    expect(status).toMatchObject({ error: null, marks: 1 });
    expect(status.invalid).toBeGreaterThan(0);
    expect(await flagsOf(a, 1)).toMatchObject({ starred: true });
    expect(await area.get()).not.toHaveProperty('pr:m7');
  });

  it('a layout written by an older Paper Radar (version 1: no links) is read and rewritten as ours', async () => {
    const area = new MemorySyncArea(() => clock);
    const a = await device(area);
    area.poke({ 'pr:v': 1, 'pr:m0': { 'arxiv:2408.': '000013' + '4mq1c0' } }); // 2408.00001 starred and read
    expect(await a.sync.reconcile()).toMatchObject({ error: null, marks: 1 });
    expect(await flagsOf(a, 1)).toEqual({ starred: true, read: true, dismissed: false });
    expect(await area.get()).toMatchObject({ 'pr:v': LAYOUT_VERSION });
  });

  it('a version that is no number is garbage: counted and written over, not taken for a newer Paper Radar', async () => {
    for (const junk of [null, '2', { v: 9 }]) {
      const area = new MemorySyncArea(() => clock);
      const a = await device(area);
      await star(a, 1);
      area.poke({ 'pr:v': junk });
      const status = await a.sync.reconcile();
      expect(status).toMatchObject({ error: null, marks: 1, invalid: 1 });
      expect(await area.get()).toMatchObject({ 'pr:v': LAYOUT_VERSION });
    }
  });

  it('a layout written by a newer Paper Radar is left alone', async () => {
    const area = new MemorySyncArea(() => clock);
    const a = await device(area);
    area.poke({ 'pr:v': LAYOUT_VERSION + 1, 'pr:m0': { future: 'format' } });
    await star(a, 1);
    const writes = area.writes;
    expect(await a.sync.reconcile()).toMatchObject({ error: expect.stringMatching(/newer Paper Radar/) });
    expect(area.writes).toBe(writes);
  });
});
