/**
 * Forgetting history when a write after the deletion is refused (the relevance engine's
 * statistics on a full disk): the papers are gone, so the request says how many were forgotten,
 * not "Nothing was changed", and open pages are told.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failureMessage, handleRequest } from '../../src/background/handlers';
import { RelevanceService } from '../../src/background/relevance';
import { parseRequest, type Request } from '../../src/messages';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { getStates, markSeen } from '../../src/store/papers';
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
