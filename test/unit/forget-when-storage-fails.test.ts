/**
 * Forgetting history when a write after the deletion is refused (the relevance engine's
 * statistics on a full disk): the papers are gone, so the request says how many were forgotten,
 * not "Nothing was changed", and open pages are told.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleRequest } from '../../src/background/handlers';
import { failureMessage } from '../../src/store/failure';
import { RelevanceService } from '../../src/background/relevance';
import { parseRequest, type Request } from '../../src/messages';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { getStates, markSeen } from '../../src/store/papers';
import { getHistory } from '../../src/store/settings';
import { testPaper } from '../support/papers';

describe('forgetSeen when a write after the deletion is refused (a full disk)', () => {
  let db: PaperDb;
  let counter = 0;
  let service: RelevanceService;
  let refuseRelevanceWrite = false;
  const realPut = IDBObjectStore.prototype.put;
  const notified: string[][] = [];

  beforeEach(async () => {
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      if (refuseRelevanceWrite && this.name === 'relevance') {
        refuseRelevanceWrite = false;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return realPut.apply(this, args as never);
    } as typeof IDBObjectStore.prototype.put;
    db = await openPaperDb(`forget-failure-${++counter}`);
    service = new RelevanceService(db, { retrainDelayMs: 60_000, persistDelayMs: 60_000 });
    notified.length = 0;
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
      const answer = await handleRequest(parsed.request, {
        db,
        now: Date.now,
        notifyChanged: async (ids) => void notified.push(ids),
        relevance: service,
      });
      return { answer };
    } catch (error) {
      return { error: failureMessage(error) };
    }
  }

  it('answers how many were forgotten and tells open pages, not "Nothing was changed"', async () => {
    const papers = [testPaper(1), testPaper(2)];
    await markSeen(db, papers, 1_000);
    expect(Object.keys(await getStates(db, papers.map((p) => p.id)))).toHaveLength(2);

    refuseRelevanceWrite = true;
    const { answer, error } = await send({ type: 'forgetSeen', before: null });

    // The deletion happened whatever the answer says.
    expect(await getStates(db, papers.map((p) => p.id))).toEqual({});
    expect(error).toBeUndefined();
    expect(answer).toEqual({ forgotten: 2 });
  });

  it('tells open pages of the papers forgotten even when the engine could not store its statistics', async () => {
    const papers = [testPaper(1), testPaper(2)];
    await markSeen(db, papers, 1_000);
    refuseRelevanceWrite = true;
    await send({ type: 'forgetSeen', before: null });
    expect(await getStates(db, papers.map((p) => p.id))).toEqual({});
    // Listing pages still show them as seen (not new) until they reload.
    expect(notified.flat().sort()).toEqual(papers.map((p) => p.id).sort());
  });

  it('setHistorySettings: every paper forgotten, only the date of it refused: answered with the count, no failure', async () => {
    const papers = [testPaper(1), testPaper(2)];
    await markSeen(db, papers, 1_000); // seen long ago
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
      if (this.name === 'settings' && args[1] === 'historyForgotAt') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args as never);
    } as typeof IDBObjectStore.prototype.put;
    const { answer, error } = await send({ type: 'setHistorySettings', settings: { forgetAfterDays: 30 } });
    expect(error).toBeUndefined();
    expect(answer).toEqual({ forgotten: 2 });
    expect(await getStates(db, papers.map((p) => p.id))).toEqual({});
  });

  it('setHistorySettings: a setting stored and applied is not answered "Nothing was changed"', async () => {
    const papers = [testPaper(1), testPaper(2)];
    await markSeen(db, papers, 1_000); // seen long ago
    refuseRelevanceWrite = true;
    const { answer, error } = await send({ type: 'setHistorySettings', settings: { forgetAfterDays: 30 } });
    expect(await getStates(db, papers.map((p) => p.id))).toEqual({});
    expect((await send({ type: 'getHistorySettings' })).answer).toEqual({ settings: { forgetAfterDays: 30 } });
    expect(error).toBeUndefined();
    expect(answer).toEqual({ forgotten: 2 });
  });
});

describe('forgetSeen when a batch fails part way (a disk error after the first 500)', () => {
  let db: PaperDb;
  let counter = 0;
  let service: RelevanceService;
  const realTransaction = IDBDatabase.prototype.transaction;
  let writes = 0;
  let failAt = Infinity;

  beforeEach(async () => {
    db = await openPaperDb(`forget-part-way-${++counter}`);
    service = new RelevanceService(db, { retrainDelayMs: 60_000, persistDelayMs: 60_000 });
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const tx = realTransaction.apply(this, args);
      if (args[1] === 'readwrite' && ++writes === failAt) queueMicrotask(() => tx.abort());
      return tx;
    } as typeof IDBDatabase.prototype.transaction;
  });
  afterEach(() => {
    IDBDatabase.prototype.transaction = realTransaction;
    service.dispose();
    db.close();
  });

  it('answers how many were forgotten and why the rest were not, and tells open pages and the engine of those forgotten', async () => {
    const papers = Array.from({ length: 800 }, (_, i) => testPaper(i + 1));
    await markSeen(db, papers, 1_000);
    const told: string[] = [];
    const engineTold: string[] = [];
    const forgot = service.forgot.bind(service);
    service.forgot = async (ids) => {
      engineTold.push(...ids);
      return forgot(ids);
    };
    writes = 0;
    failAt = 2;
    const parsed = parseRequest({ type: 'forgetSeen', before: null });
    if (!parsed.ok) throw new Error(parsed.error);
    const answer = await handleRequest(parsed.request, { db, now: Date.now, notifyChanged: async (ids) => void told.push(...ids), relevance: service });
    failAt = Infinity;
    const left = Object.keys(await getStates(db, papers.map((p) => p.id)));
    expect(left).toHaveLength(300);
    expect(answer).toEqual({ forgotten: 500, failed: expect.stringMatching(/^the browser did not let Paper Radar use its storage just then\./) as unknown });
    const forgotten = papers.map((p) => p.id).filter((id) => !left.includes(id));
    expect(told.sort()).toEqual([...forgotten].sort());
    expect(engineTold.sort()).toEqual([...forgotten].sort());
  });

  it('setHistorySettings: stored, then applying it fails part way: answered as saved, with why the rest were not forgotten', async () => {
    const papers = Array.from({ length: 800 }, (_, i) => testPaper(i + 1));
    await markSeen(db, papers, 1_000); // seen long ago
    writes = 0;
    failAt = 3; // the setting, the first 500 forgotten, then the rest refused
    const parsed = parseRequest({ type: 'setHistorySettings', settings: { forgetAfterDays: 30 } });
    if (!parsed.ok) throw new Error(parsed.error);
    const answer = await handleRequest(parsed.request, { db, now: Date.now, notifyChanged: async () => {}, relevance: service });
    failAt = Infinity;
    expect(Object.keys(await getStates(db, papers.map((p) => p.id)))).toHaveLength(300);
    expect((await getHistory(db)).settings).toEqual({ forgetAfterDays: 30 });
    expect(answer).toEqual({ forgotten: null, failed: expect.stringMatching(/^the browser did not let Paper Radar use its storage just then\./) as unknown });
    expect((answer as { failed: string }).failed).not.toMatch(/Nothing was changed/);
  });
});
