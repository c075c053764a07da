/**
 * Schema migrations from every earlier version, each from a saved database of that version
 * (test/fixtures/db): nothing is lost, new fields get their defaults, and the upgraded database
 * has exactly the stores and indexes a new one has and works with the current code.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { EMPTY_STATE, impliedAnnotatedAt, impliedMarksAt, type PaperMeta, type PaperState } from '../../src/core/paper';
import { canonicalId } from '../../src/core/ids';
import { DB_VERSION, openPaperDb, type PaperDb } from '../../src/store/db';
import { getPaper, getStates, listStarred, readLibraryInChunks, setFlag, updateAnnotations } from '../../src/store/papers';
import { parseLibraryJson, toLibraryJson } from '../../src/library/library-json';
import type { PaperRecord } from '../../src/core/paper';
import { getInterests } from '../../src/store/settings';
import { createFromFixture, FIXTURE_VERSIONS, readDbFixture } from '../support/db-fixtures';
import { parseRequest } from '../../src/messages';

let counter = 0;

/**
 * Records (by id) and aliases of the fixtures that a step rewrites, by the version it upgrades:
 * 6 → 7 repairs what release 6 let in; 7 → 8 moves what is kept under ids no longer canonical.
 */
const REWRITTEN: Record<number, ReadonlySet<string>> = {
  6: new Set(['arxiv:2408.00009']),
  7: new Set(['doi:10.1234/ab\u00adcd', 'doi:10.1234/abcd', 'arxiv:2408.00001', 'doi:10.5555/al\u200bias', 'doi:10.5555/alias']),
};
/** An id as the current code names it (fixtures keep ids as their release wrote them). */
const nowNamed = (id: string) => canonicalId(id) ?? id;

/** Store → its key path and indexes (name → key path, multiEntry), as the database reports them. */
function shape(db: PaperDb) {
  const names = [...db.objectStoreNames];
  const tx = db.transaction(names);
  return Object.fromEntries(
    names.map((name) => {
      const store = tx.objectStore(name);
      const indexes = [...store.indexNames].map((i) => [i, store.index(i).keyPath, store.index(i).multiEntry]);
      return [name, { keyPath: store.keyPath, indexes }];
    }),
  );
}

/** The library's JSON backup of `db` is read back whole by its own importer. */
async function expectBackupReadBack(db: PaperDb): Promise<void> {
  const records: PaperRecord[] = [];
  await readLibraryInChunks(db, 100, (chunk) => void records.push(...chunk));
  const parsed = parseLibraryJson(toLibraryJson(records, null, 1_000));
  expect(parsed).toMatchObject({ ok: true });
  expect(parsed.ok && parsed.papers.map((p) => p.id).sort()).toEqual(records.map((r) => r.id).sort());
}

describe('every earlier schema version upgrades to the current one', () => {
  it('has a saved fixture for every earlier version', () => {
    expect([...FIXTURE_VERSIONS]).toEqual(Array.from({ length: DB_VERSION - 1 }, (_, i) => i + 1));
  });

  describe.each(FIXTURE_VERSIONS.map((v) => [v]))('from version %i', (version) => {
    const fixture = readDbFixture(version);

    async function upgraded(): Promise<PaperDb> {
      const name = `migrate-v${version}-${++counter}`;
      await createFromFixture(name, fixture);
      return openPaperDb(name);
    }

    it('keeps every record, adding only the new fields with their defaults', async () => {
      const db = await upgraded();
      try {
        expect(db.version).toBe(DB_VERSION);
        // What versions 7 and 8 rewrite is checked by tests of their own (below).
        const rewritten = REWRITTEN[version] ?? new Set();
        const kept = <T,>(records: T[]) => records.filter((r) => !rewritten.has((r as { id?: string }).id ?? '') && !rewritten.has((r as { alias?: string }).alias ?? ''));
        const papers = fixture.stores['papers']!.records as Array<Partial<PaperMeta>>;
        expect(kept(await db.getAll('papers'))).toEqual(kept(papers).map((p) => ({ aliases: [], ...p })));
        expect((await db.getAllKeys('papers')).length).toBe(papers.length);
        const states = fixture.stores['states']!.records as Array<Partial<PaperState>>;
        expect(kept(await db.getAll('states'))).toEqual(kept(states).map((s) => {
          const upgraded = { dismissed: false, tags: [], note: '', ...s } as PaperState;
          return {
            ...upgraded,
            marksAt: s.marksAt === undefined ? impliedMarksAt(upgraded) : s.marksAt,
            annotatedAt: s.annotatedAt === undefined ? impliedAnnotatedAt(upgraded) : s.annotatedAt,
          };
        }));
        expect((await db.getAllKeys('states')).length).toBe(states.length);
        for (const name of ['aliases', 'settings', 'relevance'] as const) {
          const before = fixture.stores[name];
          if (!before) expect(await db.count(name)).toBe(0);
          else if (before.records) expect(kept(await db.getAll(name))).toEqual(kept(before.records));
          else expect(await Promise.all(before.entries!.map(([key]) => db.get(name, key as never)))).toEqual(before.entries!.map(([, v]) => v));
        }
      } finally {
        db.close();
      }
    });

    it('has the stores and indexes of a new database', async () => {
      const db = await upgraded();
      const fresh = await openPaperDb(`fresh-${++counter}`);
      try {
        expect(shape(db)).toEqual(shape(fresh));
      } finally {
        db.close();
        fresh.close();
      }
    });

    it('works with the current code: reads, aliases, indexes and new writes', async () => {
      const db = await upgraded();
      try {
        const starred = (fixture.stores['states']!.records as Array<{ id: string; starred: boolean; starredAt: number | null }>)
          .filter((s) => s.starred)
          .sort((a, b) => b.starredAt! - a.starredAt!)
          .map((s) => nowNamed(s.id));
        expect((await listStarred(db)).map((p) => p.id)).toEqual(starred);
        for (const { alias: written, id } of (fixture.stores['aliases']?.records ?? []) as Array<{ alias: string; id: string }>) {
          const alias = nowNamed(written);
          expect((await getStates(db, [alias]))[alias]).toEqual((await getStates(db, [id]))[id]);
        }
        const first = (fixture.stores['papers']!.records as PaperMeta[])[0]!.id;
        await updateAnnotations(db, { id: first, tags: ['to read'], note: 'check §3' }, 1_000);
        expect(await getPaper(db, first)).toMatchObject({ tags: ['to read'], note: 'check §3', updatedAt: 1_000 });
        expect(await db.getAllKeysFromIndex('states', 'tags', 'to read')).toEqual([first]);
        await setFlag(db, { id: first, flag: 'dismissed', value: true }, 2_000);
        expect((await getStates(db, [first]))[first]).toMatchObject({ dismissed: true, tags: ['to read'] });
        const interests = fixture.stores['settings']?.entries?.find(([key]) => key === 'interests')?.[1];
        if (interests) expect(await getInterests(db)).toMatchObject(interests as object);
      } finally {
        db.close();
      }
    });
  });
});

describe('version 6 → 7 brings what release 6 let in to what is accepted now', () => {
  async function upgradedV6(): Promise<PaperDb> {
    const name = `repair-v6-${++counter}`;
    await createFromFixture(name, readDbFixture(6));
    return openPaperDb(name);
  }

  it('lists only aliases that lead to the paper, names a blank title by its id, drops a blank venue, keeps one spelling of a tag', async () => {
    const db = await upgradedV6();
    try {
      const nine = await getPaper(db, 'arxiv:2408.00009');
      expect(nine).toMatchObject({ title: 'arxiv:2408.00009', site: 'huggingface', aliases: ['doi:10.1234/nine'], starred: true, starredAt: 70 });
      expect(nine).not.toHaveProperty('venue');
      expect(nine!.tags).toEqual(['Café', 'ML']);
      expect(await db.getAllKeysFromIndex('states', 'tags', 'Café')).toEqual(['arxiv:2408.00009']);
      expect(await db.getAllKeysFromIndex('states', 'tags', 'cafe\u0301')).toEqual([]);
      // The aliases that led elsewhere still do.
      expect(await db.get('aliases', 'scholar:9')).toEqual({ alias: 'scholar:9', id: 'arxiv:2408.00001' });
      expect((await getPaper(db, 'arxiv:2408.00002'))?.id).toBe('arxiv:2408.00002');
    } finally {
      db.close();
    }
  });

  it('makes a backup its own importer reads back whole', async () => {
    const db = await upgradedV6();
    try {
      await expectBackupReadBack(db);
    } finally {
      db.close();
    }
  });
});

describe('version 7 → 8 moves what is kept under ids no longer canonical to theirs', () => {
  const SOFT = 'doi:10.1234/ab\u00adcd';
  const MOVED = 'doi:10.1234/abcd';
  async function upgradedV7(change: (fixture: ReturnType<typeof readDbFixture>) => void = () => {}): Promise<PaperDb> {
    const name = `recanonicalize-v7-${++counter}`;
    const fixture = readDbFixture(7);
    change(fixture);
    await createFromFixture(name, fixture);
    return openPaperDb(name);
  }

  it('a record under a DOI with a soft hyphen: under the DOI without it, marks, tags and note kept, within reach of every message', async () => {
    const db = await upgradedV7();
    try {
      expect(await db.get('papers', SOFT)).toBeUndefined();
      expect(await db.get('states', SOFT)).toBeUndefined();
      // Before: stored under the old id only; pages and imports named it by the new one.
      expect(await getPaper(db, MOVED)).toMatchObject({ id: MOVED, starred: true, starredAt: 80, tags: ['to cite'], note: "from the publisher's page" });
      expect((await listStarred(db)).map((p) => p.id)).toContain(MOVED);
      expect(parseRequest({ type: 'setFlag', id: MOVED, flag: 'starred', value: false })).toMatchObject({ ok: true });
      await setFlag(db, { id: MOVED, flag: 'starred', value: false }, 2_000);
      expect((await getStates(db, [MOVED]))[MOVED]).toMatchObject({ starred: false });
      // The alias with a zero-width space leads to paper 1 in its canonical form, which paper 1 lists.
      expect(await db.get('aliases', 'doi:10.5555/al\u200bias')).toBeUndefined();
      expect(await db.get('aliases', 'doi:10.5555/alias')).toEqual({ alias: 'doi:10.5555/alias', id: 'arxiv:2408.00001' });
      expect((await getPaper(db, 'arxiv:2408.00001'))!.aliases).toEqual(['scholar:9', 'doi:10.5555/alias']);
      // The backup its own importer reads back whole (it refused the old id, and the whole file with it).
      await expectBackupReadBack(db);
    } finally {
      db.close();
    }
  });

  it('merged with the record the paper was stored under again meanwhile (seen by its new id): one paper, both records\' marks', async () => {
    const db = await upgradedV7((fixture) => {
      const soft = (fixture.stores['papers']!.records as PaperMeta[]).find((p) => p.id === SOFT)!;
      fixture.stores['papers']!.records!.push({ ...soft, id: MOVED, title: 'The paper, as a page named it since', abstract: 'An abstract.' });
      fixture.stores['states']!.records!.push({ ...EMPTY_STATE, id: MOVED, read: true, readAt: 90, firstSeenAt: 85, lastSeenAt: 90, updatedAt: 90, marksAt: 90, tags: ['ML'] });
    });
    try {
      expect(await db.getAllKeys('papers')).not.toContain(SOFT);
      expect(await getPaper(db, MOVED)).toMatchObject({
        title: 'The paper, as a page named it since',
        abstract: 'An abstract.',
        starred: true,
        read: true,
        firstSeenAt: 85,
        tags: ['ML', 'to cite'],
        note: "from the publisher's page",
      });
    } finally {
      db.close();
    }
  });

  it("merged into the paper whose alias its new id is (a page linked the clean DOI to an arXiv id meanwhile): one paper, its edits reach it", async () => {
    const ARXIV = 'arxiv:2408.00002';
    const db = await upgradedV7((fixture) => {
      fixture.stores['aliases']!.records!.push({ alias: MOVED, id: ARXIV });
      const other = (fixture.stores['papers']!.records as PaperMeta[]).find((p) => p.id === ARXIV)!;
      other.aliases = [...other.aliases, MOVED];
    });
    try {
      expect(await db.getAllKeys('papers')).not.toContain(SOFT);
      expect(await db.getAllKeys('papers')).not.toContain(MOVED);
      expect(await db.getAllKeys('states')).not.toContain(MOVED);
      expect(await getPaper(db, ARXIV)).toMatchObject({ starred: true, tags: ['to cite'], note: "from the publisher's page" });
      expect((await getPaper(db, ARXIV))!.aliases).toContain(MOVED);
      // Unstarred by the DOI (a page naming it so): the one record changes.
      await setFlag(db, { id: MOVED, flag: 'starred', value: false }, 2_000);
      expect((await getStates(db, [MOVED, ARXIV]))[ARXIV]).toMatchObject({ starred: false });
      expect((await listStarred(db)).map((p) => p.id)).not.toContain(MOVED);
      await expectBackupReadBack(db);
    } finally {
      db.close();
    }
  });
});
