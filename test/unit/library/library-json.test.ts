import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_STATE, type PaperRecord } from '../../../src/core/paper';
import { parseImport } from '../../../src/library/import';
import { jsonErrorText, LIBRARY_FORMAT, parseLibraryJson, toLibraryJson } from '../../../src/library/library-json';
import type { Interests } from '../../../src/relevance/interests';
import { interests, library } from './arbitraries';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

function paper(extra: Partial<PaperRecord> = {}): PaperRecord {
  return {
    id: 'arxiv:2408.00001',
    title: 'A paper',
    authors: ['Ada Lovelace'],
    abstract: 'An abstract.',
    url: 'https://arxiv.org/abs/2408.00001',
    pdfUrl: 'https://arxiv.org/pdf/2408.00001',
    primaryCategory: 'cs.LG',
    subjects: ['cs.LG'],
    comments: null,
    site: 'arxiv',
    aliases: [],
    ...EMPTY_STATE,
    tags: ['ml'],
    note: 'first line\n\nsecond paragraph',
    starred: true,
    starredAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...extra,
  };
}

/** Our envelope around `papers` (raw JSON values, so tests can break them). */
function envelope(papers: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: LIBRARY_FORMAT, version: 1, exportedAt: '2026-11-28T12:00:00.000Z', interests: null, papers, ...extra });
}

describe('library JSON round trip', () => {
  it('gives back every record and the interests exactly (property: unicode, TeX, odd whitespace)', () => {
    fc.assert(
      fc.property(library(), interests, (records, userInterests) => {
        const text = toLibraryJson(records, userInterests, NOW);
        const result = parseImport(text, 'library.json', NOW + 1);
        if (!result.ok) throw new Error(result.message);
        expect(result.kind).toBe('json');
        expect(result.papers).toEqual(records);
        expect(result.interests).toEqual(userInterests);
      }),
      { numRuns: 200 },
    );
  });

  it('writes the versioned envelope, one paper per line, fields in a fixed order', () => {
    const text = toLibraryJson([paper(), paper({ id: 'arxiv:2408.00002' })], { topics: [] }, NOW);
    const data = JSON.parse(text);
    expect(data).toMatchObject({ format: 'paper-radar-library', version: 4, exportedAt: '2026-11-28T12:00:00.000Z', interests: { topics: [] } });
    const lines = text.split('\n');
    expect(lines.filter((l) => l.startsWith('    {"id":'))).toHaveLength(2);
    expect(Object.keys(data.papers[0]).slice(0, 3)).toEqual(['id', 'title', 'authors']);
    expect(Object.keys(data.papers[0]).at(-1)).toBe('updatedAt');
  });

  it('files of format 2 and older, which have no annotatedAt, date tags or a note by the last change', () => {
    const { annotatedAt: _annotatedAt, ...before } = paper({ tags: ['ML'], note: 'n', updatedAt: NOW - 10 });
    const { annotatedAt: _none, ...bare } = paper({ id: 'arxiv:2408.00002', tags: [], note: '', updatedAt: NOW - 10 });
    for (const version of [1, 2]) {
      const result = parseLibraryJson(envelope([before, bare], { version }));
      expect(result.ok && result.papers.map((p) => p.annotatedAt)).toEqual([NOW - 10, null]);
    }
  });

  it('exports records stored before tags and notes existed with the defaults', () => {
    const { tags: _tags, note: _note, ...old } = paper();
    const result = parseLibraryJson(toLibraryJson([old as unknown as PaperRecord], null, NOW));
    expect(result.ok && result.papers[0]).toMatchObject({ tags: [], note: '' });
  });

  it('carries a year and venue a page showed, and files without them (all before they existed) read as before', () => {
    const text = toLibraryJson([paper({ year: 2002, venue: 'Proc. X' }), paper({ id: 'arxiv:2408.00002' })], null, NOW);
    expect(text.split('\n').filter((line) => line.includes('"year":2002,"venue":"Proc. X"'))).toHaveLength(1);
    const result = parseLibraryJson(text);
    expect(result.ok && result.papers.map((p) => [p.year, p.venue])).toEqual([
      [2002, 'Proc. X'],
      [undefined, undefined],
    ]);
    expect(parseLibraryJson(envelope([{ ...paper(), year: 'soon' }])).ok).toBe(false);
    expect(parseLibraryJson(envelope([{ ...paper(), venue: '' }])).ok).toBe(false);
  });

  it('carries a list the page cut (authorsCut, version 4); files of version 3 and older have none', () => {
    const text = toLibraryJson([paper({ authors: ['S Bannister', 'J Yu'], authorsCut: true }), paper({ id: 'arxiv:2408.00002' })], null, NOW);
    expect(text.split('\n').filter((line) => line.includes('"authors":["S Bannister","J Yu"],"authorsCut":true,'))).toHaveLength(1);
    const result = parseLibraryJson(text);
    expect(result.ok && result.papers.map((p) => p.authorsCut)).toEqual([true, undefined]);
    for (const version of [1, 2, 3]) expect(parseLibraryJson(envelope([paper()], { version })).ok).toBe(true);
    expect(parseLibraryJson(envelope([{ ...paper(), authorsCut: false }])).ok).toBe(false);
    // Cut with no authors named says nothing: not kept.
    const none = parseLibraryJson(envelope([{ ...paper(), authors: [], authorsCut: true }]));
    expect(none.ok && none.papers[0]!.authorsCut).toBeUndefined();
  });

  it('brings a hand-edited file to the store’s normal form', () => {
    const text = envelope([{ ...paper(), title: '  Spaced\tout\n title ', tags: [' b ', 'A', 'a'], note: 'note  \r\n' }]);
    const result = parseLibraryJson(text);
    expect(result.ok && result.papers[0]).toMatchObject({ title: 'Spaced out title', tags: ['A', 'b'], note: 'note' });
  });

  it('gives each mark a time exactly when it is set, and never both a star and a dismissal, as the store keeps them', () => {
    const text = envelope([
      { ...paper(), starredAt: null, read: true, readAt: null, marksAt: 1_700_000_500_000 },
      { ...paper({ id: 'arxiv:2408.00002' }), starred: false, starredAt: 1_700_000_000_000, readAt: 1_700_000_000_000, updatedAt: NOW + 3_600_000 },
      { ...paper({ id: 'arxiv:2408.00003' }), dismissed: true }, // starred and dismissed: kept starred, as mergeStates decides
    ]);
    const result = parseLibraryJson(text);
    const marks = ({ starred, starredAt, read, readAt, dismissed, marksAt }: PaperRecord) => ({ starred, starredAt, read, readAt, dismissed, marksAt });
    expect(result.ok && result.papers.map(marks)).toEqual([
      { starred: true, starredAt: 1_700_000_500_000, read: true, readAt: 1_700_000_500_000, dismissed: false, marksAt: 1_700_000_500_000 },
      { starred: false, starredAt: null, read: false, readAt: null, dismissed: false, marksAt: null },
      { starred: true, starredAt: 1_700_000_000_000, read: false, readAt: null, dismissed: false, marksAt: 1_700_000_000_000 },
    ]);
  });

  it('imports an empty library', () => {
    expect(parseImport(toLibraryJson([], null, NOW))).toEqual({ ok: true, kind: 'json', papers: [], interests: null });
  });
});

describe('malformed library files', () => {
  const failure = (text: string, fileName?: string) => {
    const result = parseImport(text, fileName);
    return result.ok ? 'imported' : result.message;
  };

  it('truncated JSON: where the input ends', () => {
    const text = '{\n  "format": "paper-radar-library",\n  "version": 1,\n  "papers": [';
    expect(failure(text)).toBe('Not valid JSON: unexpected end of input at line 4, column 14');
    const full = toLibraryJson([paper(), paper({ id: 'arxiv:2408.00002' })], null, NOW);
    const cut = full.slice(0, full.indexOf('arxiv:2408.00002'));
    const lines = cut.split('\n');
    expect(failure(cut)).toBe(`Not valid JSON: unexpected end of input at line ${lines.length}, column ${lines.at(-1)!.length + 1}`);
  });

  it('JSON syntax errors: the engine’s words, with a line and column when it gives a position', () => {
    expect(failure('{\n  "format" "x"\n}')).toBe("Not valid JSON: expected ':' after property name at line 2, column 12");
    // Chromium's and Firefox's wordings of the same error.
    const text = '{\n "a": 1,\n "b": [1, 2';
    expect(jsonErrorText(new SyntaxError("Expected ',' or ']' after array element in JSON at position 22 (line 3 column 12)"), text)).toBe(
      'unexpected end of input at line 3, column 12',
    );
    expect(jsonErrorText(new SyntaxError('JSON.parse: unexpected end of data at line 3 column 12 of the JSON data'), text)).toBe(
      'unexpected end of input at line 3, column 12',
    );
    expect(jsonErrorText(new SyntaxError('JSON.parse: expected \':\' after property name in object at line 1 column 6 of the JSON data'), '{"a" 1}')).toBe(
      "expected ':' after property name in object at line 1, column 6",
    );
    expect(jsonErrorText(new SyntaxError('Unexpected token \'}\', "{"a": tru}" is not valid JSON'), '{"a": tru}')).toBe("unexpected token '}'");
  });

  it('not our format, unknown versions', () => {
    expect(failure('{"papers": []}')).toBe('Not a Paper Radar library: the file is JSON but has no "format": "paper-radar-library"');
    expect(failure('[]', 'x.json')).toBe('Not a Paper Radar library: the file is JSON but has no "format": "paper-radar-library"');
    expect(failure(envelope([], { version: 5 }))).toBe(
      'Unknown library version 5: this Paper Radar reads version 4 (the file was written by a newer Paper Radar; update this one to import it)',
    );
    expect(failure(envelope([], { version: '1' }))).toBe('Unknown library version "1": this Paper Radar reads version 4');
    expect(failure(envelope([], { extra: true }))).toBe('Unknown field "extra" in the library file');
    expect(failure(envelope([], { exportedAt: 'yesterday' }))).toBe('"exportedAt" must be an ISO 8601 time');
  });

  it('entries: what is wrong and where', () => {
    const cases: Array<[unknown, string]> = [
      [{ ...paper(), abstract: 'x'.repeat(10_001) }, 'Entry 1 (arxiv:2408.00001): abstract is longer than 10,000 characters'],
      [{ ...paper(), id: 'arxiv:2408.1' }, 'Entry 1: id must be a canonical paper id'],
      [{ ...paper(), id: 'arXiv:2408.00001v2' }, 'Entry 1: id must be a canonical paper id'],
      [{ ...paper(), url: 'javascript:alert(1)' }, 'Entry 1 (arxiv:2408.00001): url must be an http(s) URL'],
      [{ ...paper(), pdfUrl: 'data:text/html,hi' }, 'Entry 1 (arxiv:2408.00001): pdfUrl must be an http(s) URL'],
      // 620 characters as written, 3,620 as stored ("é" is "%C3%A9"): refused, not stored blank.
      [{ ...paper(), pdfUrl: `https://example.org/${'é'.repeat(600)}` }, 'Entry 1 (arxiv:2408.00001): pdfUrl must be at most 2,000 characters once its non-ASCII letters are escaped (é as %C3%A9)'],
      [{ ...paper(), authors: ['A', 'B'.repeat(201)] }, 'Entry 1 (arxiv:2408.00001): author 2 is longer than 200 characters'],
      [{ ...paper(), authors: Array(201).fill('A') }, 'Entry 1 (arxiv:2408.00001): authors has more than 200 entries'],
      [{ ...paper(), aliases: ['doi:10.1000/ABC'] }, 'Entry 1 (arxiv:2408.00001): alias 1 must be a canonical paper id'],
      [{ ...paper(), tags: Array(51).fill('t') }, 'Entry 1 (arxiv:2408.00001): tags has more than 50 entries'],
      [{ ...paper(), tags: ['x'.repeat(61)] }, 'Entry 1 (arxiv:2408.00001): tag 1 is longer than 60 characters'],
      [{ ...paper(), note: 'n'.repeat(20_001) }, 'Entry 1 (arxiv:2408.00001): note is longer than 20,000 characters'],
      [{ ...paper(), title: '' }, 'Entry 1 (arxiv:2408.00001): title must not be blank'],
      [{ ...paper(), title: ' \n\u200b ' }, 'Entry 1 (arxiv:2408.00001): title must not be blank'],
      [{ ...paper(), site: ' ' }, 'Entry 1 (arxiv:2408.00001): site must not be blank'],
      [{ ...paper(), venue: '   ' }, 'Entry 1 (arxiv:2408.00001): venue must not be blank'],
      [{ ...paper(), starredAt: -5 }, 'Entry 1 (arxiv:2408.00001): starredAt must not be negative'],
      [{ ...paper(), readAt: 1.5 }, 'Entry 1 (arxiv:2408.00001): readAt must be a whole number'],
      [{ ...paper(), starred: 'yes' }, 'Entry 1 (arxiv:2408.00001): starred must be true or false'],
      [{ ...paper(), evil: 1 }, 'Entry 1 (arxiv:2408.00001): unknown field "evil"'],
      [(({ note: _, ...rest }) => rest)(paper()), 'Entry 1 (arxiv:2408.00001): missing field "note"'],
      ['just a string', 'Entry 1: the value must be an object'],
    ];
    for (const [entry, message] of cases) expect(failure(envelope([entry])), message).toBe(message);
    expect(failure(envelope([paper(), paper({ id: 'arxiv:2408.00002' }), paper()]))).toBe('Entry 3 (arxiv:2408.00001): the same paper as entry 1');
    // The same paper under another of its ids, either way round.
    expect(failure(envelope([paper(), paper({ id: 'doi:10.1000/x', aliases: ['arxiv:2408.00001'] })]))).toBe('Entry 2 (doi:10.1000/x): the same paper as entry 1');
    expect(failure(envelope([paper({ aliases: ['doi:10.1000/x'] }), paper({ id: 'doi:10.1000/x' })]))).toBe('Entry 2 (doi:10.1000/x): the same paper as entry 1');
    const twelfth = [...Array(11).keys()].map((i) => paper({ id: `arxiv:2408.${String(i + 10).padStart(5, '0')}` }));
    expect(failure(envelope([...twelfth, { ...paper(), abstract: 'a'.repeat(10_001) }]))).toBe(
      'Entry 12 (arxiv:2408.00001): abstract is longer than 10,000 characters',
    );
  });

  it('times later than the export are read as they are (a mark synced from a device whose clock runs fast; the import takes them as its own moment)', () => {
    const ahead = { ...paper(), starred: true, starredAt: NOW + 3 * 86_400_000, marksAt: NOW + 3 * 86_400_000, updatedAt: NOW + 3 * 86_400_000 };
    const result = parseImport(envelope([ahead]));
    expect(result.ok && result.papers[0]).toMatchObject({ starredAt: NOW + 3 * 86_400_000, marksAt: NOW + 3 * 86_400_000 });
  });

  it('interests are validated as the options page validates them', () => {
    const bad = { topics: [{ id: 'a', name: '  ', keywords: [] }] } as unknown as Interests;
    expect(failure(envelope([], { interests: bad }))).toBe('Interests: topic 1 name: a topic needs a name');
    // Lists named as the settings page names them, not by their field names.
    const tooMany = { topics: [], followedAuthors: Array.from({ length: 501 }, (_, i) => `Author ${i}`) } as unknown as Interests;
    expect(failure(envelope([], { interests: tooMany }))).toBe('Interests: authors you follow has more than 500 entries');
    const blankMute = { topics: [], mutedKeywords: ['ok', ' '] } as unknown as Interests;
    expect(failure(envelope([], { interests: blankMute }))).toMatch(/^Interests: muted keyword 2\b/);
  });

  it('a 10 MB abstract: an error naming the entry, not a hang', () => {
    const huge = envelope([{ ...paper(), abstract: 'x'.repeat(10 * 1024 * 1024) }]);
    const start = performance.now();
    expect(failure(huge)).toBe('Entry 1 (arxiv:2408.00001): abstract is longer than 10,000 characters');
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});
