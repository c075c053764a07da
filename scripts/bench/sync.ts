/**
 * Sync round trip with 5,000 marks on real arXiv ids (the shared listings data): one device
 * writes them to an in-memory sync area that enforces storage.sync's quotas, a wiped device reads
 * them back. Figures: bytes used against the 100 KB quota (baseline: the same marks as plain
 * JSON records), items, the largest item against its 8 KB quota, and the time of each pass.
 * Runs twice: in Node with fake-indexeddb, and in real Chromium (the marks imported through the
 * import message, sync turned on as the options page does, Chrome's own getBytesInUse, then the
 * database deleted and the worker stopped, and the time until every mark is back).
 */
// Node has no IndexedDB: the devices' databases are fake-indexeddb's (a global, unused by the browser benches).
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { EMPTY_STATE, withMarks, type PaperRecord } from '../../src/core/paper';
import { openPaperDb } from '../../src/store/db';
import { markedRecord, readMarks } from '../../src/store/sync-marks';
import { importRecords } from '../../src/store/papers';
import type { SyncedMark } from '../../src/sync/codec';
import { SYNC_QUOTA, totalBytes } from '../../src/sync/quotas';
import { SyncService } from '../../src/sync/service';
import { MemorySyncArea } from '../../test/support/memory-sync-area';
import { arxivPapers, seededRandom } from '../lib/library-records';
import { launchWithExtension, popupUrl } from '../lib/browser';
import type { BenchRow } from './stats';

const MARKS = 5_000;

/** A researcher's marks on real arXiv papers: a third starred, most read, some dismissed, over two years. */
function researcherMarks(now: number): SyncedMark[] {
  const random = seededRandom(11);
  return arxivPapers(MARKS).map((paper) => {
    const r = random();
    return { id: paper.id, starred: r < 0.3, read: r > 0.2 && r < 0.9, dismissed: r >= 0.9, at: now - Math.floor(random() * 730 * 86_400_000) };
  });
}

export async function benchSync(): Promise<BenchRow[]> {
  return [...(await benchSyncNode()), ...(await benchSyncChromium())];
}

async function benchSyncNode(): Promise<BenchRow[]> {
  const now = Date.now();
  const marks = researcherMarks(now);
  const area = new MemorySyncArea(() => now);
  const device = async (name: string) => {
    const db = await openPaperDb(`bench-sync-${name}-${now}`);
    const sync = new SyncService({
      db: async () => db,
      area,
      now: () => now,
      marksApplied: async () => {},
      interestsApplied: async () => {},
      report: async () => {},
      setTimer: () => () => {},
    });
    return { db, sync };
  };

  const first = await device('first');
  await importRecords(first.db, marks.map((m) => markedRecord(m, Date.now(), 'arxiv')), (_local, incoming) => incoming);
  let start = performance.now();
  const written = await first.sync.reconcile();
  const writeMs = performance.now() - start;
  if (written.error || written.leftOut > 0) throw new Error(`sync bench: the first pass did not write every mark (${JSON.stringify(written)})`);

  const wiped = await device('wiped');
  start = performance.now();
  await wiped.sync.reconcile();
  const restoreMs = performance.now() - start;
  const restored = (await readMarks(wiped.db)).marks;
  if (restored.length !== MARKS) throw new Error(`sync bench: ${restored.length} of ${MARKS} marks restored`);

  const plain = totalBytes({ marks: marks.map(({ id, starred, read, dismissed, at }) => ({ id, starred, read, dismissed, at })) });
  first.db.close();
  wiped.db.close();
  const group = `sync round trip, ${MARKS.toLocaleString('en')} marks (real arXiv ids; in-memory area with storage.sync's quotas)`;
  return [
    {
      group,
      name: 'bytes used in sync storage',
      value: area.bytesInUse() / 1024,
      unit: 'KB',
      baseline: plain / 1024,
      baselineName: 'the same marks as plain JSON records',
      extra: `quota ${SYNC_QUOTA.bytes / 1024} KB (${((100 * area.bytesInUse()) / SYNC_QUOTA.bytes).toFixed(0)}% used), ${(area.bytesInUse() / MARKS).toFixed(1)} B per mark, ${area.itemCount()} items (quota ${SYNC_QUOTA.items}), largest ${area.largestItem()} B (quota ${SYNC_QUOTA.bytesPerItem})`,
    },
    { group, name: 'first pass: read 5,000 marks, lay out, write', value: writeMs, unit: 'ms', extra: `${area.writes} write operations` },
    { group, name: 'wiped device: read sync storage, restore 5,000 marks', value: restoreMs, unit: 'ms', extra: `${restored.length.toLocaleString('en')} restored` },
  ];
}

/** The same 5,000 marks through real Chromium's storage.sync (an unsigned-in profile keeps it local, with the same quotas). */
async function benchSyncChromium(): Promise<BenchRow[]> {
  const now = Date.now();
  const papers = new Map(arxivPapers(MARKS).map((paper) => [paper.id, paper]));
  const records: PaperRecord[] = researcherMarks(now).map((mark) => ({ ...papers.get(mark.id)!, ...withMarks({ ...EMPTY_STATE, tags: [] }, mark, mark.at, now) }));
  const browser = await launchWithExtension();
  try {
    const page = await browser.context.newPage();
    await page.goto(popupUrl(browser).replace('index.html', 'library.html'));
    await page.evaluate(`(async (papers) => {
      const answer = await chrome.runtime.sendMessage({ type: 'importLibrary', mode: 'merge', papers, interests: null });
      if (!answer || answer.error) throw new Error('import failed: ' + JSON.stringify(answer));
    })(${JSON.stringify(records)})`);
    /** Waits until the worker reports a pass with `marks` marks and no error; ms from the call. */
    const passDone = (marks: number, after: number) =>
      page.evaluate(`(async () => {
        const start = performance.now();
        for (;;) {
          const status = (await chrome.storage.local.get('paperRadar.syncStatus'))['paperRadar.syncStatus'];
          if (status && status.error) throw new Error('sync failed: ' + status.error);
          if (status && status.marks === ${marks} && status.lastSyncAt > ${after}) return performance.now() - start;
          await new Promise((r) => setTimeout(r, 20));
        }
      })()`) as Promise<number>;
    const enabledAt = Date.now();
    await page.evaluate(`chrome.runtime.sendMessage({ type: 'setSyncSettings', settings: { enabled: true } })`);
    const firstPassMs = await passDone(MARKS, enabledAt);
    const [bytes, items] = (await page.evaluate(`(async () => [await chrome.storage.sync.getBytesInUse(null), Object.keys(await chrome.storage.sync.get(null)).length])()`)) as [number, number];

    // Wipe the database (the worker closes its connection when asked), stop the worker, and time
    // how long after sync is turned on again every mark is back.
    const deleted = await page.evaluate(`new Promise((resolve) => { const r = indexedDB.deleteDatabase('paper-radar'); r.onsuccess = () => resolve(true); r.onerror = () => resolve(false); })`);
    if (!deleted) throw new Error('sync bench: could not delete the database');
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const wipedAt = Date.now();
    const restoreMs = (await page.evaluate(`(async () => {
      const start = performance.now();
      // The switch went with the library: the user turns sync on again, as on a new device.
      await chrome.runtime.sendMessage({ type: 'setSyncSettings', settings: { enabled: true } });
      const count = () => new Promise((resolve) => {
        const open = indexedDB.open('paper-radar');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('states')) { db.close(); return resolve(0); }
          const request = db.transaction('states').objectStore('states').index('marksAt').count();
          request.onsuccess = () => { db.close(); resolve(request.result); };
        };
        open.onerror = () => resolve(0);
      });
      while ((await count()) < ${MARKS}) await new Promise((r) => setTimeout(r, 50));
      return performance.now() - start;
    })()`)) as number;
    await passDone(MARKS, wipedAt);
    const group = `sync round trip in real Chromium, ${MARKS.toLocaleString('en')} marks (chrome.storage.sync)`;
    return [
      { group, name: "bytes used (Chrome's getBytesInUse)", value: bytes / 1024, unit: 'KB', extra: `quota ${SYNC_QUOTA.bytes / 1024} KB (${((100 * bytes) / SYNC_QUOTA.bytes).toFixed(0)}% used), ${items} items` },
      { group, name: 'sync turned on → every mark in sync storage', value: firstPassMs, unit: 'ms' },
      { group, name: 'database wiped, worker stopped, sync turned on again → every mark restored', value: restoreMs, unit: 'ms', extra: 'a pass runs as soon as sync is turned on' },
    ];
  } finally {
    await browser.close();
  }
}
