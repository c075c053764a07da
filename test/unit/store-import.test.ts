/**
 * Importing into the library through the background (validation, one transaction, merge rules,
 * ids resolved like any write), and annotating papers with tags and notes.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_STATE, LIMITS, type PaperRecord } from '../../src/core/paper';
import { parseRequest } from '../../src/messages';
import type { Messenger } from '../../src/messenger';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { getPaper, getStates, importRecords, markSeen, readLibraryInChunks, setFlag } from '../../src/store/papers';
import { getInterests, NO_INTERESTS, setInterests } from '../../src/store/settings';
import { parseImport } from '../../src/library/import';
import { toLibraryJson } from '../../src/library/library-json';
import { mergeImported } from '../../src/library/merge-import';
import { backgroundMessenger, testPaper } from '../support/papers';

let db: PaperDb;
let messenger: Messenger;
let counter = 0;
let clock = 100_000;

beforeEach(async () => {
  db = await openPaperDb(`import-${++counter}`);
  messenger = backgroundMessenger(db, { now: () => clock });
});
afterEach(() => db.close());

function record(n: number, state: Partial<PaperRecord> = {}): PaperRecord {
  return { ...testPaper(n), ...EMPTY_STATE, ...state };
}

const snapshot = async () => JSON.stringify([await db.getAll('papers'), await db.getAll('states'), await db.getAll('aliases')]);

describe('importLibrary (merge: our JSON)', () => {
  it('adds new papers, updates older local ones, leaves newer local ones and papers not named', async () => {
    await setFlag(db, { id: testPaper(1).id, flag: 'starred', value: true, meta: testPaper(1) }, 1_000);
    await setFlag(db, { id: testPaper(2).id, flag: 'read', value: true, meta: testPaper(2) }, 5_000);
    await setFlag(db, { id: testPaper(9).id, flag: 'starred', value: true, meta: testPaper(9) }, 1_000);
    const summary = await messenger.send({
      type: 'importLibrary',
      mode: 'merge',
      interests: null,
      papers: [
        record(1, { starred: true, starredAt: 900, tags: ['thesis'], note: 'from laptop', marksAt: 2_000, updatedAt: 2_000 }), // newer than local
        record(2, { read: false, updatedAt: 3_000 }), // older than local's read at 5,000
        record(3, { starred: true, starredAt: 50, updatedAt: 50 }), // new
      ],
    });
    expect(summary).toEqual({ added: 1, updated: 1, unchanged: 1, interests: 'none' });
    expect(await getPaper(db, testPaper(1).id)).toMatchObject({ starred: true, starredAt: 900, tags: ['thesis'], note: 'from laptop', updatedAt: 2_000 });
    expect((await getStates(db, [testPaper(2).id]))[testPaper(2).id]).toMatchObject({ read: true, readAt: 5_000 });
    expect(await getPaper(db, testPaper(3).id)).toMatchObject({ starred: true, starredAt: 50, title: 'Paper 3' });
    expect(await getPaper(db, testPaper(9).id)).toMatchObject({ starred: true, starredAt: 1_000 });
  });

  it('stores no time later than the import (a backup from a device whose clock ran fast)', async () => {
    const ahead = clock + 3 * 86_400_000;
    await messenger.send({ type: 'importLibrary', mode: 'merge', interests: null, papers: [record(1, { starred: true, starredAt: ahead, tags: ['x'], marksAt: ahead, annotatedAt: ahead, updatedAt: ahead })] });
    expect(await getPaper(db, testPaper(1).id)).toMatchObject({ starred: true, starredAt: clock, marksAt: clock, annotatedAt: clock, updatedAt: clock });
  });

  it('gives back the tags and note of a paper only seen here since the backup; tags changed here since stay', async () => {
    await markSeen(db, [testPaper(1), testPaper(2)], 5_000);
    await messenger.send({ type: 'setTagsAndNote', id: testPaper(2).id, tags: ['changed here'] });
    const backup = { tags: ['thesis'], note: 'from laptop', annotatedAt: 2_000, updatedAt: 2_000 };
    const summary = await messenger.send({ type: 'importLibrary', mode: 'merge', interests: null, papers: [record(1, backup), record(2, backup)] });
    expect(summary).toMatchObject({ updated: 1, unchanged: 1 });
    expect(await getPaper(db, testPaper(1).id)).toMatchObject({ tags: ['thesis'], note: 'from laptop', annotatedAt: 2_000, lastSeenAt: 5_000, updatedAt: 5_000 });
    expect(await getPaper(db, testPaper(2).id)).toMatchObject({ tags: ['changed here'], note: '', annotatedAt: clock });
  });

  it("a backup that links two records of one paper weighs its marks against each: a star older than the backup's unstar does not come back", async () => {
    const cluster = testPaper(9, { id: 'scholar:123456789', url: 'https://scholar.google.com/scholar?cluster=123456789', site: 'scholar' });
    await setFlag(db, { id: cluster.id, flag: 'starred', value: true, meta: cluster }, 1_000);
    await setFlag(db, { id: testPaper(9).id, flag: 'read', value: true, meta: testPaper(9) }, 3_000); // kept apart: no page named both
    // The backup, from a device that linked them and unstarred the paper at 2,000.
    const backup = record(9, { aliases: [cluster.id], marksAt: 2_000, updatedAt: 2_000 });
    await messenger.send({ type: 'importLibrary', mode: 'merge', interests: null, papers: [backup] });
    expect(await db.getAllKeys('papers')).toEqual([testPaper(9).id]);
    expect(await getPaper(db, cluster.id)).toMatchObject({ starred: false, read: true, readAt: 3_000, marksAt: 3_000 });
  });

  it('an imported record under another id of a stored paper lands on that paper', async () => {
    const paper = testPaper(1, { aliases: ['doi:10.1000/xyz'] });
    await setFlag(db, { id: paper.id, flag: 'starred', value: true, meta: paper }, 1_000);
    const byDoi = { ...record(1), id: 'doi:10.1000/xyz', aliases: [], read: true, readAt: 2_000, marksAt: 2_000, updatedAt: 2_000 };
    const summary = await messenger.send({ type: 'importLibrary', mode: 'merge', interests: null, papers: [byDoi] });
    expect(summary).toMatchObject({ added: 0, updated: 1 });
    expect(await db.count('papers')).toBe(1);
    expect(await getPaper(db, 'doi:10.1000/xyz')).toMatchObject({ id: paper.id, read: true });
  });

  it('does not list, among a record\'s aliases, an id the store refused to link (the next backup would be refused: one id under two papers)', async () => {
    const exportedLibraryImports = async () => {
      const records: PaperRecord[] = [];
      await readLibraryInChunks(db, 100, (chunk) => void records.push(...chunk));
      const again = parseImport(toLibraryJson(records, null, clock), 'backup.json', clock);
      return again.ok ? 'imports' : again.message;
    };
    // Here a Scholar page linked cluster 42 to paper 1; a backup from another browser linked it to paper 2.
    await setFlag(db, { id: testPaper(1).id, flag: 'starred', value: true, meta: testPaper(1, { aliases: ['scholar:42'] }) }, 1_000);
    await setFlag(db, { id: testPaper(2).id, flag: 'starred', value: true, meta: testPaper(2) }, 1_000);
    await messenger.send({ type: 'importLibrary', mode: 'merge', interests: null, papers: [record(2, { aliases: ['scholar:42'], starred: true, starredAt: 2_000, marksAt: 2_000, updatedAt: 2_000 })] });
    expect((await getPaper(db, testPaper(2).id))!.aliases).toEqual([]);
    expect((await getPaper(db, 'scholar:42'))!.id).toBe(testPaper(1).id);
    expect(await exportedLibraryImports()).toBe('imports');
    // A file naming another arXiv paper as an alias (edited by hand, or hostile) likewise.
    await messenger.send({ type: 'importLibrary', mode: 'merge', interests: null, papers: [record(1, { aliases: [testPaper(2).id], updatedAt: 3_000 })] });
    expect((await getPaper(db, testPaper(1).id))!.aliases).toEqual(['scholar:42']);
    expect(await exportedLibraryImports()).toBe('imports');
  });

  it("merges the file's interests into the user's: new topics join, existing ones stay as they are", async () => {
    await messenger.send({ type: 'setInterests', interests: { topics: [{ id: 'a', name: 'Flows', keywords: ['normalizing flows'] }] } });
    const summary = await messenger.send({
      type: 'importLibrary',
      mode: 'merge',
      papers: [],
      interests: {
        topics: [
          { id: 'a', name: 'Flows', keywords: ['something else'] },
          { id: 'b', name: 'Speech', keywords: ['speech recognition'] },
        ],
        followedAuthors: ['Ada Lovelace'],
      },
    });
    expect(summary.interests).toBe('merged');
    const { interests } = await messenger.send({ type: 'getInterests' });
    expect(interests.topics.map((t) => [t.id, t.keywords])).toEqual([
      ['a', ['normalizing flows']],
      ['b', ['speech recognition']],
    ]);
    expect(interests.followedAuthors).toEqual(['Ada Lovelace']);
  });

  it('refuses, writing nothing, interests that the merge would take past a limit', async () => {
    const topic = (i: number, name = `Topic ${i}`) => ({ id: `t${i}`, name, keywords: ['black holes'] });
    await messenger.send({ type: 'setInterests', interests: { topics: Array.from({ length: 20 }, (_, i) => topic(i)) } });
    const before = await snapshot();
    const imported = { topics: Array.from({ length: 20 }, (_, i) => topic(100 + i)) };
    await expect(messenger.send({ type: 'importLibrary', mode: 'merge', papers: [record(1)], interests: imported })).rejects.toThrow(
      /Together with the imported interests, your interests would go past a limit/,
    );
    expect(await snapshot()).toBe(before);
    expect((await messenger.send({ type: 'getInterests' })).interests.topics).toHaveLength(20);
  });

  it('is all or nothing: a failing write leaves the library exactly as it was', async () => {
    await markSeen(db, [testPaper(1), testPaper(2)], 1_000);
    const before = await snapshot();
    let calls = 0;
    await expect(
      importRecords(db, [record(3), record(4), record(5)], (local, incoming) => {
        if (++calls === 3) throw new Error('disk full');
        return mergeImported(local, incoming);
      }),
    ).rejects.toThrow('disk full');
    expect(await snapshot()).toBe(before);
  });

  it('refuses invalid records before anything is written', async () => {
    const bad = [
      { ...record(1), title: '' },
      { ...record(1), url: 'javascript:alert(1)' },
      { ...record(1), id: 'arxiv:not an id' },
      { ...record(1), tags: ['x'.repeat(LIMITS.tag + 1)] },
      { ...record(1), note: 'x'.repeat(LIMITS.note + 1) },
      { ...record(1), starredAt: -5 },
      { ...record(1), extra: 1 },
    ];
    for (const paper of bad) expect(parseRequest({ type: 'importLibrary', mode: 'merge', interests: null, papers: [paper] }).ok).toBe(false);
    expect(parseRequest({ type: 'importLibrary', mode: 'merge', interests: null, papers: [record(1)] }).ok).toBe(true);
  });
});

describe('importLibrary (seed: BibTeX or a list of ids)', () => {
  it('stars new papers; a local paper keeps its tags, note and star time, and a dismissed one stays dismissed', async () => {
    await setFlag(db, { id: testPaper(1).id, flag: 'starred', value: true, meta: testPaper(1) }, 1_000);
    await messenger.send({ type: 'setTagsAndNote', id: testPaper(1).id, tags: ['thesis'], note: 'mine' });
    await setFlag(db, { id: testPaper(2).id, flag: 'dismissed', value: true, meta: testPaper(2) }, 1_000);
    await markSeen(db, [testPaper(3)], 1_000);
    const seeded = (n: number) => record(n, { starred: true, starredAt: clock, updatedAt: clock });
    const summary = await messenger.send({ type: 'importLibrary', mode: 'seed', interests: null, papers: [seeded(1), seeded(2), seeded(3), seeded(4)] });
    expect(summary).toMatchObject({ added: 1, updated: 1, unchanged: 2 });
    expect(await getPaper(db, testPaper(1).id)).toMatchObject({ starred: true, starredAt: 1_000, tags: ['thesis'], note: 'mine' });
    expect(await getPaper(db, testPaper(2).id)).toMatchObject({ starred: false, dismissed: true });
    expect(await getPaper(db, testPaper(3).id)).toMatchObject({ starred: true, starredAt: clock, firstSeenAt: 1_000 });
    expect(await getPaper(db, testPaper(4).id)).toMatchObject({ starred: true });
  });

  /** Seeds the papers a file names, as the popup does (parsed, then sent). */
  async function seedFile(text: string, name: string) {
    const parsed = parseImport(text, name, clock);
    if (!parsed.ok) throw new Error(parsed.message);
    return messenger.send({ type: 'importLibrary', mode: 'seed', interests: null, papers: parsed.papers });
  }

  it('a title the library only has as a stand-in (the id) is replaced by the one a later file gives', async () => {
    // arXiv: an id list, then a .bib with the title.
    await seedFile('1706.03762\n', 'reading.txt');
    expect((await getPaper(db, 'arxiv:1706.03762'))?.title).toBe('arXiv:1706.03762');
    clock += 1_000;
    await seedFile('@article{vaswani, title = {Attention Is All You Need}, author = {Vaswani, Ashish}, eprint = {1706.03762}, archivePrefix = {arXiv}}', 'refs.bib');
    expect(await getPaper(db, 'arxiv:1706.03762')).toMatchObject({ title: 'Attention Is All You Need', authors: ['Ashish Vaswani'] });
    // DOI: an id list, then a RIS file with the title.
    await seedFile('https://doi.org/10.1038/nature14539\n', 'reading.txt');
    expect((await getPaper(db, 'doi:10.1038/nature14539'))?.title).toBe('10.1038/nature14539');
    clock += 1_000;
    await seedFile(['TY  - JOUR', 'TI  - Deep learning', 'AU  - LeCun, Yann', 'DO  - 10.1038/nature14539', 'ER  - ', ''].join('\n'), 'refs.ris');
    expect((await getPaper(db, 'doi:10.1038/nature14539'))?.title).toBe('Deep learning');
  });
});

describe('setTagsAndNote', () => {
  it('stores tags (normalized) and a note, and tells pages the paper changed', async () => {
    const changed: string[][] = [];
    messenger = backgroundMessenger(db, { now: () => clock, changed });
    await markSeen(db, [testPaper(1)], 1_000);
    const { state } = await messenger.send({ type: 'setTagsAndNote', id: testPaper(1).id, tags: [' reading  group ', 'ML', 'ml', ''], note: 'line 1\r\nline 2  ' });
    expect(state).toMatchObject({ tags: ['ML', 'reading group'], note: 'line 1\nline 2', annotatedAt: clock, updatedAt: clock });
    // Saving them unchanged later is no change to compare by: annotatedAt stays.
    const { state: again } = await messenger.send({ type: 'setTagsAndNote', id: testPaper(1).id, tags: ['ML', 'reading group'], note: 'line 1\nline 2' });
    expect(again).toMatchObject({ annotatedAt: clock, updatedAt: clock });
    expect(changed.flat()).toContain(testPaper(1).id);
    expect(await db.getAllKeysFromIndex('states', 'tags', 'ML')).toEqual([testPaper(1).id]);
  });

  it('refuses an unknown paper and oversized input', async () => {
    await expect(messenger.send({ type: 'setTagsAndNote', id: testPaper(5).id, note: 'x' })).rejects.toThrow();
    expect(parseRequest({ type: 'setTagsAndNote', id: testPaper(1).id, note: 'x'.repeat(LIMITS.note + 1) }).ok).toBe(false);
    expect(parseRequest({ type: 'setTagsAndNote', id: testPaper(1).id, tags: Array.from({ length: LIMITS.tags + 1 }, (_, i) => `t${i}`) }).ok).toBe(false);
  });
});

describe('a full disk', () => {
  it('a write refused for quota reaches the sender as a clear message, and nothing is written', async () => {
    await markSeen(db, [testPaper(1)], 1_000);
    const before = await snapshot();
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      await expect(messenger.send({ type: 'setFlag', id: testPaper(1).id, flag: 'starred', value: true })).rejects.toThrow(
        "the browser's storage for Paper Radar is full. Nothing was changed.",
      );
      await expect(messenger.send({ type: 'importLibrary', mode: 'merge', interests: null, papers: [record(2)] })).rejects.toThrow(/storage for Paper Radar is full/);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(await snapshot()).toBe(before);
  });
});

describe('importLibrary with interests, while the user saves theirs', () => {
  it("keeps a topic the user added while the file's papers were being written", async () => {
    const mine = { topics: [{ id: 'flows', name: 'Flows', keywords: ['normalizing flows'] }] };
    await messenger.send({ type: 'setInterests', interests: mine });
    const fromFile = { topics: [{ id: 'graphs', name: 'Graphs', keywords: ['graph neural networks'] }] };
    const papers = Array.from({ length: 3_000 }, (_, i) => record(i + 1, { starred: true, starredAt: 50, marksAt: 50, updatedAt: 50 }));
    const importing = messenger.send({ type: 'importLibrary', mode: 'merge', interests: fromFile, papers });
    // Saved in the options page while the import runs, and answered as saved.
    const added = { topics: [...mine.topics, { id: 'diffusion', name: 'Diffusion', keywords: ['diffusion models'] }] };
    const saved = await messenger.send({ type: 'setInterests', interests: added, base: mine });
    expect(saved.interests.topics.map((t) => t.id)).toContain('diffusion');
    expect(await importing).toMatchObject({ added: 3_000, interests: 'merged' });
    const stored = await messenger.send({ type: 'getInterests' });
    expect(stored.interests.topics.map((t) => t.id).sort()).toEqual(['diffusion', 'flows', 'graphs']);
  });

  it('merges into the interests as stored, not as the relevance engine last heard of them (a sync pass stores first, then tells it)', async () => {
    const mine = { topics: [{ id: 'flows', name: 'Flows', keywords: ['normalizing flows'] }] };
    await messenger.send({ type: 'setInterests', interests: mine }); // the engine holds these
    const fromFile = { topics: [{ id: 'graphs', name: 'Graphs', keywords: ['graph neural networks'] }] };
    const papers = Array.from({ length: 3_000 }, (_, i) => record(i + 1, { starred: true, starredAt: 50, marksAt: 50, updatedAt: 50 }));
    const importing = messenger.send({ type: 'importLibrary', mode: 'merge', interests: fromFile, papers });
    // Another device's interests, stored by a sync pass that has not told the engine yet.
    const synced = { ...NO_INTERESTS, topics: [...mine.topics, { id: 'optics', name: 'Optics', keywords: ['metasurfaces'] }] };
    await setInterests(db, synced, clock);
    expect(await importing).toMatchObject({ interests: 'merged' });
    expect((await getInterests(db)).topics.map((t) => t.id).sort()).toEqual(['flows', 'graphs', 'optics']);
  });
});
