/**
 * Forgetting the papers the user only saw (src/store/forget.ts): which go and which stay, their
 * other ids with them, the relevance engine's stored statistics and model, and the messages.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RelevanceService } from '../../src/background/relevance';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { onlySeen } from '../../src/store/forget';
import { getPaper, getStates, markSeen, setFlag, updateAnnotations } from '../../src/store/papers';
import { readRelevance } from '../../src/store/settings';
import { backgroundMessenger, testPaper } from '../support/papers';

let db: PaperDb;
let counter = 0;
let relevance: RelevanceService;
beforeEach(async () => {
  db = await openPaperDb(`test-forget-${++counter}`);
  relevance = new RelevanceService(db, { retrainDelayMs: 60_000, persistDelayMs: 60_000 });
});
afterEach(() => {
  relevance.dispose();
  db.close();
});

const seenOnly = testPaper(1, { title: 'Seen only, long ago', abstract: 'Holographic entanglement entropy of black holes.' });
const withAlias = testPaper(2, { title: 'Seen only, long ago, on Scholar too', aliases: ['scholar:9876543210'] });
const starred = testPaper(3);
const tagged = testPaper(4);
const noted = testPaper(5);
const unstarred = testPaper(6); // starred, then unstarred: a decision sync compares
const read = testPaper(7);
const dismissed = testPaper(8);
const seenLately = testPaper(9);
const KEPT = [starred, tagged, noted, unstarred, read, dismissed];

async function seedHistory(): Promise<void> {
  await markSeen(db, [seenOnly, withAlias, ...KEPT], 1_000);
  await markSeen(db, [seenLately], 9_000);
  await setFlag(db, { id: starred.id, flag: 'starred', value: true }, 1_100);
  await updateAnnotations(db, { id: tagged.id, tags: ['thesis'] }, 1_100);
  await updateAnnotations(db, { id: noted.id, note: 'read with Ana' }, 1_100);
  await setFlag(db, { id: unstarred.id, flag: 'starred', value: true }, 1_100);
  await setFlag(db, { id: unstarred.id, flag: 'starred', value: false }, 1_200);
  await setFlag(db, { id: read.id, flag: 'read', value: true }, 1_100);
  await setFlag(db, { id: dismissed.id, flag: 'dismissed', value: true }, 1_100);
}

describe('forgetting what was only seen', () => {
  it('counts the papers only seen, and how many were last seen before each cutoff', async () => {
    await seedHistory();
    const messenger = backgroundMessenger(db, { relevance });
    expect(await messenger.send({ type: 'seenOnlySummary', cutoffs: [5_000, 10_000, 500] })).toEqual({ count: 3, oldestSeenAt: 1_000, before: [2, 3, 0] });
    const states = await getStates(db, [seenOnly.id, ...KEPT.map((p) => p.id)]);
    expect(onlySeen(states[seenOnly.id]!)).toBe(true);
    expect(KEPT.map((p) => onlySeen(states[p.id]!))).toEqual(KEPT.map(() => false));
  });

  it('forgets them, with their other ids; what the user made stays; seen again, a paper is new again', async () => {
    await seedHistory();
    const changed: string[][] = [];
    const messenger = backgroundMessenger(db, { relevance, changed });
    expect(await messenger.send({ type: 'forgetSeen', before: 5_000 })).toEqual({ forgotten: 2 });
    // Open pages hear which, by every id they may show them under, and ask for their states again.
    expect(changed.at(-1)!.sort()).toEqual([seenOnly.id, withAlias.id, 'scholar:9876543210'].sort());
    expect(await getPaper(db, seenOnly.id)).toBeUndefined();
    expect(await getPaper(db, withAlias.id)).toBeUndefined();
    // Asked for by its other id, nothing either (the alias went with it).
    expect(await getStates(db, [seenOnly.id, withAlias.id, 'scholar:9876543210'])).toEqual({});
    const kept = await getStates(db, [...KEPT, seenLately].map((p) => p.id));
    expect(Object.keys(kept).sort()).toEqual([...KEPT, seenLately].map((p) => p.id).sort());
    expect(kept[tagged.id]!.tags).toEqual(['thesis']);
    expect(kept[noted.id]!.note).toBe('read with Ana');

    // All of them: the one seen lately too.
    expect(await messenger.send({ type: 'forgetSeen', before: null })).toEqual({ forgotten: 1 });
    expect(changed.at(-1)).toEqual([seenLately.id]);
    // Nothing left to forget: no notice.
    await messenger.send({ type: 'forgetSeen', before: null });
    expect(changed).toHaveLength(2);
    expect(await getPaper(db, seenLately.id)).toBeUndefined();
    expect(await messenger.send({ type: 'seenOnlySummary', cutoffs: [] })).toEqual({ count: 0, oldestSeenAt: null, before: [] });

    await markSeen(db, [seenOnly], 20_000);
    expect((await getStates(db, [seenOnly.id]))[seenOnly.id]).toMatchObject({ firstSeenAt: 20_000, lastSeenAt: 20_000 });
  });

  it('the relevance engine forgets them too: its stored statistics no longer name them, and its model is retrained', async () => {
    await seedHistory();
    const messenger = backgroundMessenger(db, { relevance });
    await messenger.send({ type: 'scoreEntries', papers: [seenOnly, starred, seenLately] });
    await relevance.flush();
    const storedIds = async () => (JSON.parse((await readRelevance(db)).corpus!) as { ids: string[] }).ids;
    expect(await storedIds()).toEqual(expect.arrayContaining([seenOnly.id, starred.id]));
    await messenger.send({ type: 'forgetSeen', before: 5_000 });
    const ids = await storedIds();
    expect(ids).not.toContain(seenOnly.id);
    expect(ids).toEqual(expect.arrayContaining([starred.id, seenLately.id]));
    expect((await readRelevance(db)).stale).toBeTypeOf('number');
  });

  it('the relevance engine forgets a merged paper under the id it counted it by before the merge', async () => {
    const cluster = { ...seenOnly, id: 'scholar:1234567890', url: 'https://scholar.google.com/scholar?cluster=1234567890', site: 'scholar' };
    let now = 1_000;
    const messenger = backgroundMessenger(db, { relevance, now: () => now });
    // A Scholar result without its arXiv link: counted and seen under its cluster id; later shown
    // with the link, its records merge under the arXiv id.
    await messenger.send({ type: 'scoreEntries', papers: [cluster] });
    await messenger.send({ type: 'markSeen', papers: [cluster] });
    now = 2_000;
    await messenger.send({ type: 'markSeen', papers: [{ ...seenOnly, aliases: [cluster.id] }] });
    await relevance.flush();
    const storedIds = async () => (JSON.parse((await readRelevance(db)).corpus!) as { ids: string[] }).ids;
    expect(await storedIds()).toContain(cluster.id);
    expect(await messenger.send({ type: 'forgetSeen', before: null })).toEqual({ forgotten: 1 });
    expect(await storedIds()).not.toContain(cluster.id);
  });

  it('validates its messages', async () => {
    const messenger = backgroundMessenger(db, { relevance });
    await expect(messenger.send({ type: 'forgetSeen', before: -1 })).rejects.toThrow();
    await expect(messenger.send({ type: 'forgetSeen', before: 1.5 })).rejects.toThrow();
    await expect(messenger.send({ type: 'forgetSeen' } as never)).rejects.toThrow();
    await expect(messenger.send({ type: 'seenOnlySummary', cutoffs: Array.from({ length: 11 }, () => 1) })).rejects.toThrow();
  });
});
