/**
 * Sync round trip with 5,000 marks on real arXiv ids (the shared listings data): one device
 * writes them to an in-memory sync area that enforces storage.sync's quotas, a wiped device reads
 * them back. Figures: bytes used against the 100 KB quota (baseline: the same marks as plain
 * JSON records), items, the largest item against its 8 KB quota, and the time of each pass.
 * Runs in Node with fake-indexeddb (the browser's own numbers: test/e2e/sync.test.ts checks that
 * Chrome's getBytesInUse agrees with our count).
 */
// Node has no IndexedDB: the devices' databases are fake-indexeddb's (a global, unused by the browser benches).
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { EMPTY_STATE, withMarks } from '../../src/core/paper';
import { seedRecord } from '../../src/library/seed';
import { openPaperDb } from '../../src/store/db';
import { readMarks } from '../../src/store/marks';
import { importRecords } from '../../src/store/papers';
import type { SyncedMark } from '../../src/sync/codec';
import { SYNC_QUOTA, totalBytes } from '../../src/sync/quotas';
import { SyncService } from '../../src/sync/service';
import { MemorySyncArea } from '../../test/support/memory-sync-area';
import { arxivPapers, seededRandom } from '../lib/library-records';
import type { BenchRow } from './stats';

const MARKS = 5_000;

export async function benchSync(): Promise<BenchRow[]> {
  const now = Date.now();
  const random = seededRandom(11);
  // A researcher's marks: a third starred, most read, some dismissed, over two years.
  const marks: SyncedMark[] = arxivPapers(MARKS).map((paper) => {
    const r = random();
    return { id: paper.id, starred: r < 0.3, read: r > 0.2 && r < 0.9, dismissed: r >= 0.9, at: now - Math.floor(random() * 730 * 86_400_000) };
  });
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
  await importRecords(first.db, marks.map((m) => ({ ...seedRecord({ id: m.id }, m.at), ...withMarks({ ...EMPTY_STATE, tags: [] }, m, m.at) })), (_local, incoming) => incoming);
  let start = performance.now();
  const written = await first.sync.reconcile();
  const writeMs = performance.now() - start;
  if (written.error || written.leftOut > 0) throw new Error(`sync bench: the first pass did not write every mark (${JSON.stringify(written)})`);

  const wiped = await device('wiped');
  start = performance.now();
  await wiped.sync.reconcile();
  const restoreMs = performance.now() - start;
  const restored = await readMarks(wiped.db);
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
