/**
 * The database in trouble: the real background worker (src/background/index.ts, over a fake
 * `browser`) and the library page's connection (popup/extension-api.ts) after an open failed, an
 * upgrade was interrupted, or the database was deleted or closed under them; and what a request
 * answers when a write after the user's change is refused (a full disk).
 */
import 'fake-indexeddb/auto';
import { forceCloseDatabase } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handleRequest } from '../../src/background/handlers';
import { failureMessage } from '../../src/store/failure';
import { RelevanceService } from '../../src/background/relevance';
import { parseRequest, type Request } from '../../src/messages';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { getStates, setFlag } from '../../src/store/papers';
import { readRelevance, setInterests } from '../../src/store/settings';
import { createFromFixture, readDbFixture } from '../support/db-fixtures';
import { fakeBrowser } from '../support/fake-browser';
import { testPaper } from '../support/papers';

const fake = vi.hoisted(() => ({ current: null as ReturnType<typeof import('../support/fake-browser').fakeBrowser> | null }));
vi.mock('webextension-polyfill', () => ({
  get default() {
    return fake.current!.browser;
  },
}));

const DB = 'paper-radar';

function request<T>(make: () => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const r = make();
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}
const openRaw = (version: number) => request(() => indexedDB.open(DB, version));
const deleteRaw = () => request(() => indexedDB.deleteDatabase(DB));

/** The worker as the browser starts it, over a fresh fake `browser`. */
async function startWorker(): Promise<ReturnType<typeof fakeBrowser>> {
  fake.current = fakeBrowser();
  vi.resetModules();
  await import('../../src/background/index');
  return fake.current;
}

describe('the worker, after its database failed to open', () => {
  beforeEach(() => deleteRaw());

  it('opens it again on the next request once it can (a failed open is not kept for good)', async () => {
    (await openRaw(99)).close(); // left by a newer build: this one cannot open it
    const worker = await startWorker();
    expect(await worker.send({ type: 'getStates', ids: ['arxiv:2408.00001'] })).toHaveProperty('error');
    await deleteRaw(); // the user cleared the extension's data
    expect(await worker.send({ type: 'getStates', ids: ['arxiv:2408.00001'] })).toEqual({ states: {} });
  });

  it('upgrades on the next request after an upgrade a full disk interrupted, with the old records', async () => {
    await createFromFixture(DB, readDbFixture(5));
    // The upgrade's data step (annotatedAt on every state) is refused once.
    const realUpdate = IDBCursor.prototype.update;
    let refuse = true;
    IDBCursor.prototype.update = function (this: IDBCursor, value: unknown) {
      if (refuse) {
        refuse = false;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return realUpdate.call(this, value);
    };
    try {
      const worker = await startWorker();
      const ids = ['arxiv:2408.00001'];
      expect(await worker.send({ type: 'getStates', ids })).toHaveProperty('error');
      const raw = await openRaw(5); // left at its old version (db.ts: a failure aborts the upgrade)
      raw.close();
      const answer = await worker.send({ type: 'getStates', ids });
      expect(Object.keys(answer.states)).toEqual(ids);
    } finally {
      IDBCursor.prototype.update = realUpdate;
    }
  });
});

describe("the library page's connection, closed under it", () => {
  const meta = (n: number) => testPaper(n);
  let page: ReturnType<typeof import('../../popup/extension-api').extensionApi>;
  const starredIds = () => page.loadFirst(10).then((papers) => papers.map((p) => p.id), (error: unknown) => `failed: ${String(error)}`);

  beforeEach(async () => {
    await deleteRaw();
    fake.current = fakeBrowser();
    vi.resetModules();
    page = (await import('../../popup/extension-api')).extensionApi({ isLibraryPage: true });
  });

  it('reads again after the database was deleted and made anew (site data cleared)', async () => {
    const worker = await openPaperDb();
    await setFlag(worker, { id: meta(1).id, flag: 'starred', value: true, meta: meta(1) }, 1_000);
    expect(await starredIds()).toEqual([meta(1).id]);
    worker.close();
    await deleteRaw(); // the page's connection is asked to close (blocking), and does
    const again = await openPaperDb();
    await setFlag(again, { id: meta(2).id, flag: 'starred', value: true, meta: meta(2) }, 2_000);
    expect(await starredIds()).toEqual([meta(2).id]);
    again.close();
  });

  it('reads again after the browser closed its connection (terminated)', async () => {
    const opened: IDBDatabase[] = [];
    const realOpen = indexedDB.open.bind(indexedDB);
    indexedDB.open = ((name: string, version?: number) => {
      const r = realOpen(name, version);
      r.addEventListener('success', () => opened.push(r.result));
      return r;
    }) as typeof indexedDB.open;
    try {
      expect(await starredIds()).toEqual([]);
      forceCloseDatabase(opened[0]! as never);
      await new Promise((resolve) => setTimeout(resolve, 0)); // the close event
      const worker = await openPaperDb();
      await setFlag(worker, { id: meta(3).id, flag: 'starred', value: true, meta: meta(3) }, 3_000);
      worker.close();
      expect(await starredIds()).toEqual([meta(3).id]);
    } finally {
      indexedDB.open = realOpen;
    }
  });
});

describe('a write refused after the user’s change was stored (a full disk)', () => {
  let db: PaperDb;
  let counter = 0;
  let service: RelevanceService;
  // A one-time QuotaExceededError for the next write to the relevance store (labelsChanged's stale mark).
  let refuseRelevanceWrite = false;
  const realPut = IDBObjectStore.prototype.put;

  beforeEach(async () => {
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      if (refuseRelevanceWrite && this.name === 'relevance') {
        refuseRelevanceWrite = false;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return realPut.apply(this, args as never);
    } as typeof IDBObjectStore.prototype.put;
    db = await openPaperDb(`worker-database-quota-${++counter}`);
    await setInterests(db, { topics: [{ id: 'flows', name: 'Flows', keywords: ['normalizing flows'] }], followedAuthors: [], mutedKeywords: [], mutedAuthors: [] }, 1);
    service = new RelevanceService(db, { retrainDelayMs: 5, persistDelayMs: 5 });
    await service.retrainNow();
  });
  afterEach(() => {
    IDBObjectStore.prototype.put = realPut;
    service.dispose();
    db.close();
  });

  async function send(r: Request): Promise<{ answer?: unknown; error?: string }> {
    const parsed = parseRequest(structuredClone(r));
    if (!parsed.ok) throw new Error(parsed.error);
    try {
      return { answer: await handleRequest(parsed.request, { db, now: Date.now, notifyChanged: async () => {}, relevance: service }) };
    } catch (error) {
      return { error: failureMessage(error) };
    }
  }

  it('the star is answered as stored (not "Nothing was changed", which made the page take it back), and the model learns it', async () => {
    const paper = testPaper(1, { title: 'Normalizing flows for graphs' });
    const trainedBefore = service.modelTrainedAt!;
    refuseRelevanceWrite = true;
    const { answer, error } = await send({ type: 'setFlag', id: paper.id, flag: 'starred', value: true, paper });
    expect(error).toBeUndefined();
    expect(answer).toMatchObject({ state: { starred: true } });
    expect((await getStates(db, [paper.id]))[paper.id]?.starred).toBe(true);
    await vi.waitFor(() => expect(service.modelTrainedAt).toBeGreaterThan(trainedBefore), { timeout: 5_000 });
    expect((await readRelevance(db)).stale).toBeUndefined();
  });
});
