import { describe, expect, it } from 'vitest';
import { EMPTY_STATE, LIMITS, type PaperRecord } from '../../../src/core/paper';
import { combinerFor, mergeImported, seedImported } from '../../../src/library/merge-import';
import { seedRecord } from '../../../src/library/seed';

function paper(extra: Partial<PaperRecord> = {}): PaperRecord {
  return {
    id: 'arxiv:2408.00001',
    title: 'Local title',
    authors: ['Ada Lovelace'],
    abstract: null,
    url: 'https://arxiv.org/abs/2408.00001',
    pdfUrl: null,
    primaryCategory: 'cs.LG',
    subjects: [],
    comments: null,
    site: 'arxiv',
    aliases: [],
    ...EMPTY_STATE,
    tags: [],
    note: '',
    ...extra,
  };
}

describe('mergeImported (our JSON library: the newer change wins)', () => {
  const local = paper({ starred: true, starredAt: 100, tags: ['mine'], note: 'local note', firstSeenAt: 50, lastSeenAt: 150, marksAt: 100, annotatedAt: 100, updatedAt: 200 });

  it('takes a new paper as it is', () => {
    expect(mergeImported(undefined, local)).toBe(local);
  });

  it('a newer import wins whole: an unstar and a deleted note made later elsewhere are carried over', () => {
    const incoming = paper({ title: 'Imported title', abstract: 'From the file', starred: false, starredAt: null, read: true, readAt: 250, tags: ['theirs'], note: '', firstSeenAt: 40, lastSeenAt: 120, marksAt: 250, annotatedAt: 280, updatedAt: 300 });
    expect(mergeImported(local, incoming)).toEqual({
      ...incoming,
      title: 'Imported title',
      abstract: 'From the file',
      // Sightings are observations: both kept (earliest first, latest last).
      firstSeenAt: 40,
      lastSeenAt: 150,
    });
  });

  it('an older (or equally old) import changes no decision and only fills metadata gaps', () => {
    const incoming = paper({ title: 'Old title', abstract: 'Abstract only the file has', starred: false, starredAt: null, dismissed: true, note: 'old', marksAt: 90, updatedAt: 200 });
    const merged = mergeImported(local, incoming);
    expect(merged).toEqual({ ...local, abstract: 'Abstract only the file has' });
  });

  it('a paper merely seen later elsewhere keeps the star, tags and note given earlier here (they compare marksAt and annotatedAt, not updatedAt)', () => {
    const seenLater = paper({ starred: false, starredAt: null, firstSeenAt: 40, lastSeenAt: 400, marksAt: null, annotatedAt: null, updatedAt: 400 });
    const merged = mergeImported(local, seenLater);
    expect(merged).toMatchObject({ starred: true, starredAt: 100, marksAt: 100, tags: ['mine'], note: 'local note', annotatedAt: 100, lastSeenAt: 400, updatedAt: 400 });
  });

  it('a backup gives back the tags and note of a paper only seen here since it was made', () => {
    const seenHere = paper({ firstSeenAt: 50, lastSeenAt: 900, updatedAt: 900 });
    const backup = paper({ starred: true, starredAt: 300, marksAt: 300, tags: ['to read'], note: 'check §3', annotatedAt: 310, firstSeenAt: 50, lastSeenAt: 60, updatedAt: 310 });
    expect(mergeImported(seenHere, backup)).toEqual({ ...backup, lastSeenAt: 900, updatedAt: 900 });
  });

  it('tags and a note changed here after the backup stay as they are now, even taken off', () => {
    const backup = paper({ tags: ['old'], note: 'old note', annotatedAt: 300, updatedAt: 300 });
    const retagged = paper({ tags: ['new'], note: '', annotatedAt: 400, updatedAt: 400 });
    expect(mergeImported(retagged, backup)).toMatchObject({ tags: ['new'], note: '', annotatedAt: 400 });
    const cleared = paper({ tags: [], note: '', annotatedAt: 400, updatedAt: 400 });
    expect(mergeImported(cleared, backup)).toMatchObject({ tags: [], note: '', annotatedAt: 400 });
    // The same time on both: the library's own copy.
    expect(mergeImported(paper({ tags: ['here'], annotatedAt: 300, updatedAt: 300 }), backup)).toMatchObject({ tags: ['here'], note: '' });
  });

  it('keeps the year and venue either record has (the newer one first)', () => {
    const dated = paper({ year: 2021, venue: 'Proceedings of X', updatedAt: 100 });
    expect(mergeImported(dated, paper({ updatedAt: 300 }))).toMatchObject({ year: 2021, venue: 'Proceedings of X' });
    expect(mergeImported(paper({ updatedAt: 300 }), dated)).toMatchObject({ year: 2021, venue: 'Proceedings of X' });
    expect(mergeImported(dated, paper({ year: 2022, venue: 'Y', updatedAt: 300 }))).toMatchObject({ year: 2022, venue: 'Y' });
    expect(seedImported(1_000)(dated, paper({ site: 'import' }))).toMatchObject({ year: 2021, venue: 'Proceedings of X' });
  });

  it('keeps the better id when the records are one paper under two ids', () => {
    const scholar = paper({ id: 'scholar:123', aliases: ['arxiv:2408.00001'], updatedAt: 500, url: 'https://scholar.google.com/x' });
    const merged = mergeImported(local, scholar);
    expect(merged.id).toBe('arxiv:2408.00001');
    expect(merged.aliases).toEqual(['scholar:123']);
  });
});

describe('seedImported (BibTeX, id lists: only ever adds)', () => {
  const NOW = 1_000;
  const seed = seedRecord({ id: 'arxiv:2408.00001', title: 'Title from BibTeX', authors: ['Ada Lovelace', 'Charles Babbage'], abstract: 'From BibTeX' }, NOW);
  const combine = seedImported(NOW);
  /** What the file adds to the local `paper()`: only what it lacks. */
  const gaps = { abstract: 'From BibTeX', pdfUrl: 'https://arxiv.org/pdf/2408.00001' };

  it('a paper not in the library arrives starred', () => {
    expect(combine(undefined, seed)).toMatchObject({ starred: true, starredAt: NOW, updatedAt: NOW, title: 'Title from BibTeX', site: 'import' });
  });

  it('stars a local paper the user has not decided on, keeping everything else it has', () => {
    const local = paper({ read: true, readAt: 10, tags: ['x'], note: 'keep me', updatedAt: 20 });
    expect(combine(local, seed)).toEqual({ ...local, starred: true, starredAt: NOW, marksAt: NOW, updatedAt: NOW, ...gaps });
  });

  it('never unstars, restars, overwrites a note or tags, or stars a dismissed paper', () => {
    const starred = paper({ starred: true, starredAt: 5, note: 'mine', tags: ['t'], updatedAt: 5 });
    expect(combine(starred, seed)).toEqual({ ...starred, ...gaps });
    const dismissed = paper({ dismissed: true, updatedAt: 7 });
    expect(combine(dismissed, seed)).toMatchObject({ starred: false, dismissed: true, updatedAt: 7 });
    // The file's title is a fallback only: a local title from a page stays.
    expect(combine(starred, seed).title).toBe('Local title');
  });

  it("adds the file's tags to the paper's (its own as the user wrote them, none pushed out at the limit), and gives a note only where there is none", () => {
    const tagged = seedRecord({ id: 'arxiv:2408.00001', abstract: 'From BibTeX', tags: ['Reading Group', 'thesis'], note: 'From Zotero' }, NOW);
    const starred = paper({ starred: true, starredAt: 5, tags: ['reading group'], updatedAt: 5 });
    expect(combine(starred, tagged)).toEqual({ ...starred, ...gaps, tags: ['reading group', 'thesis'], note: 'From Zotero', annotatedAt: NOW, updatedAt: NOW });
    const noted = paper({ starred: true, starredAt: 5, note: 'mine', tags: ['reading group', 'thesis'], updatedAt: 5 });
    expect(combine(noted, tagged)).toEqual({ ...noted, ...gaps }); // nothing to add: not updated
    const full = Array.from({ length: LIMITS.tags }, (_, i) => `tag ${String(i).padStart(2, '0')}`);
    expect(combine(paper({ tags: full }), tagged).tags).toEqual(full);
  });

  it('dates the star of a local paper when the file says the paper was added (its marks are the import\'s)', () => {
    const dated = seedRecord({ id: 'arxiv:2408.00001', addedAt: 400 }, NOW);
    const local = paper({ read: true, readAt: 10, updatedAt: 20 });
    expect(combine(undefined, dated)).toMatchObject({ starred: true, starredAt: 400, marksAt: NOW, updatedAt: NOW });
    expect(combine(local, dated)).toMatchObject({ starred: true, starredAt: 400, marksAt: NOW, updatedAt: NOW, read: true, readAt: 10 });
    // A star already there keeps its own time.
    expect(combine(paper({ starred: true, starredAt: 5, updatedAt: 5 }), dated)).toMatchObject({ starredAt: 5 });
    // A date after the import is no date.
    expect(combine(local, seedRecord({ id: 'arxiv:2408.00001', addedAt: NOW + 1 }, NOW))).toMatchObject({ starredAt: NOW });
  });

  it('keeps updatedAt from going back when the local record changed after `now`', () => {
    expect(combine(paper({ updatedAt: 5_000 }), seed)).toMatchObject({ starred: true, starredAt: 5_000, updatedAt: 5_000 });
  });

  it('combinerFor picks the rule by import mode', () => {
    const local = paper({ starred: true, starredAt: 1, marksAt: 1, updatedAt: 1 });
    const unstarred = paper({ marksAt: 2, updatedAt: 2 });
    expect(combinerFor('merge', NOW)(local, unstarred).starred).toBe(false); // the newer change wins
    expect(combinerFor('seed', NOW)(local, unstarred).starred).toBe(true); // a seed only adds
  });

  it("combinerFor takes no time in the file as later than the import (a device's wrong clock)", () => {
    const future = NOW + 10 * 365 * 86_400_000;
    const fromTheFuture = paper({ starred: true, starredAt: future, read: true, readAt: 3, firstSeenAt: 2, lastSeenAt: future, marksAt: future, annotatedAt: future, tags: ['x'], updatedAt: future });
    const merged = combinerFor('merge', NOW)(undefined, fromTheFuture);
    expect(merged).toMatchObject({ starred: true, starredAt: NOW, read: true, readAt: 3, firstSeenAt: 2, lastSeenAt: NOW, marksAt: NOW, annotatedAt: NOW, updatedAt: NOW });
    // So a change made after the import wins over it (here a later backup of another browser).
    const unstarredLater = paper({ marksAt: NOW + 1, annotatedAt: NOW + 1, updatedAt: NOW + 1 });
    expect(combinerFor('merge', NOW + 2)(merged, unstarredLater)).toMatchObject({ starred: false, tags: [] });
  });
});
