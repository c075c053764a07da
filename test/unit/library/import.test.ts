import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { canonicalId, idScheme, landingUrl } from '../../../src/core/ids';
import { winnerOf } from '../../../src/core/merge';
import { clampMeta, EMPTY_STATE, normalizeNote, normalizeTags, standInTitle, type PaperRecord } from '../../../src/core/paper';
import { anthologyPageOf, MAX_ENTRY_CHARS, toBibtex } from '../../../src/library/bibtex';
import { toRis } from '../../../src/library/ris';
import { CSV_BOM, toCsv } from '../../../src/library/csv';
import { toMarkdownList } from '../../../src/library/markdown';
import { addedDate, braceProblem } from '../../../src/library/bibtex-import';
import { importFileText, importKind, MAX_IMPORT_BYTES, parseImport, readImportFile, type ImportResult } from '../../../src/library/import';
import { paperIdOfLink, seedRecord } from '../../../src/library/seed';
import { IMPORT_LIMIT, PaperRecordSchema } from '../../../src/messages';
import { library } from './arbitraries';
import { toLibraryJson } from '../../../src/library/library-json';
import { requireShared } from '../../../scripts/lib/shared';
import { realListings, type ListedPaper } from '../../support/real-listings';

const NOW = 1_767_225_600_000;

const failure = (text: string, fileName?: string) => {
  const result = parseImport(text, fileName, NOW);
  return result.ok ? 'imported' : result.message;
};

function ok(result: ImportResult) {
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('which kind of file', () => {
  it('JSON by a leading {, BibTeX by an entry at a line start, else ids; the file name decides only for what would be an id list', () => {
    expect(importKind('\n  {"format": 1}')).toBe('json');
    expect(importKind('% JabRef\n\n@Article{key,\n title={x}}')).toBe('bibtex');
    expect(importKind('@misc (key, title = "x")')).toBe('bibtex');
    expect(importKind('2408.00001\n10.1000/xyz')).toBe('ids');
    expect(importKind('oops', 'library.json')).toBe('json');
    expect(importKind('no entries here', 'refs.bib')).toBe('bibtex');
    expect(importKind('2408.00001', 'refs.bib')).toBe('bibtex');
  });
});

describe('id lists', () => {
  it('seeds starred papers with minimal metadata, one per id, duplicates once', () => {
    const text = [
      '# my reading list',
      '2408.03961v2',
      '',
      'https://arxiv.org/abs/hep-th/9901001',
      'arXiv:1706.03762 # attention',
      '  https://doi.org/10.1038/NATURE14539  ',
      '10.48550/arXiv.2408.03961',
      'https://aclanthology.org/2020.acl-main.1.pdf',
      'https://huggingface.co/papers/2501.00001',
    ].join('\r\n');
    const result = ok(parseImport(text, 'list.txt', NOW));
    expect(result.kind).toBe('ids');
    expect(result.interests).toBeNull();
    expect(result.papers.map((p) => p.id)).toEqual([
      'arxiv:2408.03961',
      'arxiv:hep-th/9901001',
      'arxiv:1706.03762',
      'doi:10.1038/nature14539',
      'acl:2020.acl-main.1',
      'arxiv:2501.00001',
    ]);
    expect(result.papers[0]).toEqual({
      id: 'arxiv:2408.03961',
      title: 'arXiv:2408.03961',
      authors: [],
      abstract: null,
      url: 'https://arxiv.org/abs/2408.03961',
      pdfUrl: 'https://arxiv.org/pdf/2408.03961',
      primaryCategory: null,
      subjects: [],
      comments: null,
      site: 'import',
      aliases: [],
      starred: true,
      starredAt: NOW,
      read: false,
      readAt: null,
      dismissed: false,
      firstSeenAt: null,
      lastSeenAt: null,
      annotatedAt: null,
      marksAt: NOW,
      tags: [],
      note: '',
      updatedAt: NOW,
    });
    expect(result.papers[3]).toMatchObject({ title: '10.1038/nature14539', url: 'https://doi.org/10.1038/nature14539', pdfUrl: null });
    for (const p of result.papers) expect(v.is(PaperRecordSchema, p)).toBe(true);
  });

  it('names the first line that is not an id', () => {
    const text = ['2408.00001', '', '# comment', '2408.00002', '2408.00003', '', 'foo', 'bar'].join('\n');
    expect(failure(text)).toBe('Line 7: "foo" is not an arXiv id, DOI or paper URL');
    expect(failure('https://example.com/paper.pdf')).toBe('Line 1: "https://example.com/paper.pdf" is not an arXiv id, DOI or paper URL');
    expect(failure('2408.1234')).toBe('Line 1: "2408.1234" is not an arXiv id, DOI or paper URL');
  });

  it("says what our CSV and Markdown exports and a PDF are, and what can be imported instead, rather than that line 1 is no id", () => {
    const papers = [seedRecord({ id: 'arxiv:2408.00001', title: 'A paper', authors: ['Ada Lovelace'] }, NOW)];
    const instead = ", which cannot be imported. Import a JSON export of Paper Radar's (a backup), a BibTeX or RIS file, or a list of arXiv ids, DOIs or paper URLs, one per line";
    expect(failure(toCsv(papers), 'paper-radar-2026-12-05.csv')).toBe(`This looks like a CSV file (a CSV export is for spreadsheets)${instead}`);
    expect(failure(CSV_BOM + toCsv(papers))).toBe(`This looks like a CSV file (a CSV export is for spreadsheets)${instead}`); // by its header, whatever its name
    expect(failure(toMarkdownList(papers), 'reading-list.txt')).toBe(`This looks like a Markdown file (a Markdown export is a reading list)${instead}`);
    expect(failure('%PDF-1.7\n%âãÏÓ', 'paper.pdf')).toBe(`This looks like a PDF${instead}`);
    // An id list named .csv is read as one; past its first id, a bad line is named by number.
    expect(failure('2408.00001\n2408.00002\n', 'ids.csv')).toBe('imported');
    expect(failure('2408.00001\nfoo\n', 'ids.csv')).toBe('Line 2: "foo" is not an arXiv id, DOI or paper URL');
  });

  it('empty files and comment-only lists', () => {
    expect(failure('')).toBe('The file is empty');
    expect(failure('\uFEFF \n\t\n')).toBe('The file is empty');
    expect(failure('# nothing yet\n')).toBe('The file names no papers');
  });
});

describe('size', () => {
  it('refuses more than MAX_IMPORT_BYTES before reading anything', () => {
    expect(MAX_IMPORT_BYTES).toBe(128 * 1024 * 1024);
    expect(failure('{'.padEnd(MAX_IMPORT_BYTES + 1, ' '))).toBe('The file is larger than 128 MB, the most that can be imported');
    // Counted in UTF-8: 45 million 3-byte characters are 135 MB.
    expect(failure('中'.repeat(45_000_000))).toBe('The file is larger than 128 MB, the most that can be imported');
  });

  it('a file over the limit is refused by its size, unread', async () => {
    let read = false;
    const big = Object.assign(new Blob(['{}']), { name: 'dump.json' });
    Object.defineProperty(big, 'size', { value: MAX_IMPORT_BYTES + 0.6 * 1024 * 1024 });
    big.text = async () => {
      read = true;
      return '{}';
    };
    big.arrayBuffer = async () => {
      read = true;
      return new ArrayBuffer(0);
    };
    expect(await readImportFile(big)).toEqual({ ok: false, message: 'The file is 128.6 MB; files up to 128 MB can be imported' });
    expect(read).toBe(false);
    // Within the limit, the file is read and parsed.
    const ids = Object.assign(new Blob(['2401.00001\n']), { name: 'ids.txt' });
    expect(await readImportFile(ids, Date.UTC(2026, 0, 1))).toMatchObject({ ok: true, kind: 'ids', papers: [{ id: 'arxiv:2401.00001' }] });
  });

  // Crafted files that took the parsers from seconds to minutes (the outcome is checked here; the
  // tests' own time limit is what a return of that slowness would break).
  it('hostile files are read in one pass: an open tag over a long RIS note, comment marks on a long line', () => {
    const ris = parseImport(`TY  - JOUR\nDO  - 10.1000/abc\nN1  - <p>${'<'.repeat(300_000)}\nER  - \n`, 'refs.ris', 0);
    expect(ris).toMatchObject({ ok: true, papers: [{ id: 'doi:10.1000/abc' }] });
    expect(parseImport(`${' #'.repeat(150_000)}\u2028x\n2408.03961 # the one\n`, 'ids.txt', 0)).toMatchObject({ ok: true, papers: [{ id: 'arxiv:2408.03961' }] });
  });

  it('a BibTeX entry longer than any reference is refused before the parser, which would take minutes over it', () => {
    expect(failure(`@article{long, doi={10.1000/x}, title={${'ab '.repeat(120_000)}}}\n@article{ok, doi={10.1000/y}}`)).toBe(
      'Entry "long" (line 1) is longer than 100,000 characters: no reference is (the parser would take minutes over it)',
    );
  });

  it('10 MB of garbage: the first line that is not an id, quoted short', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    const firstLine = 'PK\u0003\u0004\u0014\u0000garbage'.padEnd(200, 'x');
    const bytes = new Uint8Array(10 * 1024 * 1024).map(() => next() % 256);
    const rest = new TextDecoder('latin1').decode(bytes);
    expect(failure(`${firstLine}\n${rest}`)).toBe(`Line 1: "PK    garbage${'x'.repeat(44)}…" is not an arXiv id, DOI or paper URL`);
  });
});

const BIB = String.raw`% Encoding: UTF-8
@string{ap = "arXiv preprint"}

@misc{vaswani2017attention,
  title = {Attention Is All You Need},
  author = {Vaswani, Ashish and Shazeer, Noam and others},
  year = {2017},
  eprint = {1706.03762v7},
  archivePrefix = {arXiv},
  primaryClass = {cs.CL},
  abstract = {The dominant sequence
    transduction models \ldots}
}

@article{scholar,
  title={Deep residual learning for image recognition},
  author={He, Kaiming and Zhang, Xiangyu},
  journal={arXiv preprint arXiv:1512.03385},
  year={2015}
}

@Article{lecun2015deep,
  title = {Deep {L}earning: {$\alpha$} \& M{\"u}ller's {\textless}b{\textgreater} tags},
  author = {LeCun, Yann and Bengio, Yoshua and Hinton, Geoffrey},
  journal = {Nature},
  doi = {10.1038/NATURE14539},
  url = {https://arxiv.org/abs/1502.03167}
}

@misc(oldstyle,
  title = "Old " # "style",
  eprint = {9901001},
  primaryClass = {hep-th}
)

@book{knuth1984,
  title = {The {\TeX}book},
  author = {Knuth, Donald E.},
  year = {1984}
}

@online{web, title = {A blog post}, url = {https://example.com/post}}

@inproceedings{acl, title = {An ACL paper}, url = {https://aclanthology.org/2020.acl-main.1/}}

@misc{dup, title = {Attention again}, eprint = {1706.03762}, author = {Vaswani, Ashish}}
`;

describe('file encodings', () => {
  const file = (bytes: Uint8Array<ArrayBuffer>, name: string) => Object.assign(new Blob([bytes]), { name });
  /** Text in a one-byte charset whose first 256 code points are Latin-1's (as these tests' are). */
  const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
  const utf16le = (s: string) => Uint8Array.from([0xff, 0xfe, ...[...s].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);

  it('a JabRef file saved in windows-1252, as its header says, keeps "Café" and "Müller" (not U+FFFD)', async () => {
    // JabRef writes "% Encoding: <charset>" first; on Windows its default was windows-1252.
    const bib = latin1('% Encoding: windows-1252\n\n@Article{m2019,\n  author = {M\u00fcller, J\u00f6rg},\n  title = {Caf\u00e9 au lait},\n  doi = {10.1000/x}\n}\n');
    const result = await readImportFile(file(bib, 'library.bib'), NOW);
    expect(result.ok && result.papers.map((p) => [p.title, p.authors])).toEqual([['Café au lait', ['Jörg Müller']]]);
  });

  it('UTF-16 with its byte order mark (JabRef "UTF-16", Windows Notepad "Unicode"): BibTeX and RIS are read', async () => {
    const ids = async (bytes: Uint8Array<ArrayBuffer>, name: string) => {
      const result = await readImportFile(file(bytes, name), NOW);
      return result.ok ? result.papers.map((p) => p.id) : result.message;
    };
    expect(await ids(utf16le('@article{a,\n  title = {X},\n  doi = {10.1000/x}\n}\n'), 'refs.bib')).toEqual(['doi:10.1000/x']);
    expect(await ids(utf16le('TY  - JOUR\r\nTI  - X\r\nDO  - 10.1000/x\r\nER  - \r\n'), 'refs.ris')).toEqual(['doi:10.1000/x']);
  });

  it('importFileText: UTF-8 whatever a header says; else the charset a JabRef header names (Java\'s names too), else windows-1252', () => {
    const utf8 = new TextEncoder().encode('% Encoding: windows-1252\ntitle = {Café}');
    expect(importFileText(utf8)).toBe('% Encoding: windows-1252\ntitle = {Café}');
    expect(importFileText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x43, 0xc3, 0xa9]))).toBe('Cé'); // a UTF-8 byte order mark goes
    // Older JabRef wrote Java's names: Cp1252, ISO8859_1. (Only letters of 0xA0–0xFF here: Node
    // since 20.18.3 reads windows-1252's 0x80–0x9F, “ ” € –, as Latin-1's controls, nodejs/node#60888;
    // browsers read them as they are.)
    expect(importFileText(latin1('% Encoding: Cp1252\nCaf\u00e9'))).toBe('% Encoding: Cp1252\nCafé');
    expect(importFileText(latin1('% Encoding: ISO8859_2\nK\u00f3\u00b3ko'))).toBe('% Encoding: ISO8859_2\nKółko');
    // No header, or one naming a charset no browser decodes: windows-1252.
    expect(importFileText(latin1('M\u00fcller'))).toBe('Müller');
    expect(importFileText(latin1('% Encoding: no-such-charset\nM\u00fcller'))).toBe('% Encoding: no-such-charset\nMüller');
    // UTF-16 big-endian, by its byte order mark.
    expect(importFileText(Uint8Array.from([0xfe, 0xff, 0x00, 0x43, 0x00, 0xe9]))).toBe('Cé');
  });
});

describe('BibTeX import', () => {
  it("gives a paper named by its ACL DOI or an old Anthology link its Anthology id too (its star shows on its Anthology listing)", () => {
    const bib = `@inproceedings{kim, title = {Convolutional Neural Networks for Sentence Classification}, doi = {10.18653/v1/D14-1181}}
@inproceedings{kimold, title = {The same, by its link}, url = {http://www.aclweb.org/anthology/D/D14/D14-1181.pdf}}`;
    const result = ok(parseImport(bib, 'refs.bib', NOW));
    expect(result.papers.map((p) => [p.id, p.aliases])).toEqual([['doi:10.18653/v1/d14-1181', ['acl:D14-1181']], ['acl:D14-1181', []]]);
  });

  it('seeds starred papers from entries with an arXiv id, DOI or paper URL, and reports the others', () => {
    const result = ok(parseImport(BIB, 'refs.bib', NOW));
    expect(result.kind).toBe('bibtex');
    expect(result.papers.map((p) => [p.id, p.aliases])).toEqual([
      ['arxiv:1706.03762', []],
      ['arxiv:1512.03385', []],
      ['arxiv:1502.03167', ['doi:10.1038/nature14539']],
      ['arxiv:hep-th/9901001', []],
      ['acl:2020.acl-main.1', []],
    ]);
    const [attention, resnet, lecun, old] = result.papers;
    expect(attention).toMatchObject({
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer'],
      authorsCut: true, // "and others"
      abstract: 'The dominant sequence transduction models …',
      url: 'https://arxiv.org/abs/1706.03762',
      primaryCategory: 'cs.CL',
      site: 'import',
      starred: true,
      starredAt: NOW,
      updatedAt: NOW,
    });
    expect(resnet).toMatchObject({ title: 'Deep residual learning for image recognition', authors: ['Kaiming He', 'Xiangyu Zhang'] });
    expect(resnet).not.toHaveProperty('authorsCut');
    expect(lecun!.title).toBe("Deep Learning: α & Müller's <b> tags");
    expect(old!.title).toBe('Old style');
    expect(result.skipped).toEqual({ count: 2, keys: ['knuth1984', 'web'] });
    expect(result.note).toBe('2 entries name no arXiv id, DOI or paper URL and were not imported: knuth1984, web.');
    for (const p of result.papers) expect(v.is(PaperRecordSchema, p)).toBe(true);
  });

  it("keeps an entry's year (year, or biblatex's date) and venue, when it is one", () => {
    const bib = [
      '@article{a, doi = {10.1000/a}, title = {A}, year = {2015}, journal = {Nature}}',
      '@misc{b, url = {https://doi.org/10.1000/b}, title = {B}, date = {2016-03-01}}',
      '@misc{c, doi = {10.1000/c}, title = {C}, year = {n.d.}, journal = {arXiv preprint arXiv:1706.03762}}',
      '@inproceedings{d, doi = {10.1000/d}, title = {D}, booktitle = {Proceedings of ACL}}',
    ].join('\n');
    const result = ok(parseImport(bib, 'refs.bib', NOW));
    expect(result.papers.map((p) => [p.id, p.year, p.venue])).toEqual([
      ['doi:10.1000/a', 2015, 'Nature'],
      ['doi:10.1000/b', 2016, undefined],
      // "arXiv preprint arXiv:…" names the eprint (the paper's id), not a venue.
      ['arxiv:1706.03762', undefined, undefined],
      ['doi:10.1000/d', undefined, 'Proceedings of ACL'],
    ]);
    for (const p of result.papers) expect(v.is(PaperRecordSchema, p)).toBe(true);
    // Exported again, they say it.
    expect(toBibtex(result.papers.slice(0, 1))).toContain('year = {2015}');
  });

  it("cites a journal's year, not its arXiv preprint's, and reads our own export back unchanged", () => {
    const bib = [
      '@article{nature, doi = {10.1038/x}, eprint = {1911.00001}, archivePrefix = {arXiv}, title = {N}, journal = {Nature}, year = {2021}}',
      '@article{preprint, eprint = {1911.00002}, archivePrefix = {arXiv}, title = {P}, year = {2019}}',
    ].join('\n');
    const papers = ok(parseImport(bib, 'zotero.bib', NOW)).papers;
    expect(papers.map((p) => p.year)).toEqual([2021, undefined]); // the second, as its id says
    const exported = toBibtex(papers);
    expect(exported).toContain('howpublished = {Nature},\n  year = {2021}');
    expect(exported).toContain('  year = {2019}');
    expect(toRis(papers)).toContain('PY  - 2021');
    expect(ok(parseImport(exported, 'again.bib', NOW)).papers.map((p) => [p.year, p.venue])).toEqual(papers.map((p) => [p.year, p.venue]));
  });

  it('dates each star when the reference manager says it got the entry (BibDesk, JabRef, BibSonomy), else at the import', () => {
    const bib = [
      '@misc{bibdesk, doi = {10.1000/a}, title = {A}, date-added = {2019-03-04 10:22:33 +0000}, date-modified = {2024-01-01 00:00:00 +0000}}',
      '@misc{jabref, doi = {10.1000/b}, title = {B}, creationdate = {2021-03-04T10:22:33}}',
      '@misc{bibsonomy, doi = {10.1000/c}, title = {C}, added-at = {2019-03-04T10:22:33.000+0100}}',
      '@misc{jabrefOld, doi = {10.1000/d}, title = {D}, timestamp = {2019.03.04}}',
      // What names no time the user got the paper: a placeholder, a day no calendar has, a time
      // after the import (a wrong clock), text. Starred at the import.
      '@misc{placeholder, doi = {10.1000/e}, title = {E}, timestamp = {0000-00-00}}',
      '@misc{february, doi = {10.1000/f}, title = {F}, date-added = {2019-02-30 10:00:00 +0000}}',
      '@misc{future, doi = {10.1000/g}, title = {G}, creationdate = {2099-01-01T00:00:00}}',
      '@misc{words, doi = {10.1000/h}, title = {H}, timestamp = {last spring}}',
      '@misc{none, doi = {10.1000/i}, title = {I}}',
    ].join('\n');
    const result = ok(parseImport(bib, 'refs.bib', NOW));
    expect(result.papers.map((p) => [p.title, p.starredAt, p.marksAt])).toEqual([
      ['A', Date.UTC(2019, 2, 4, 10, 22, 33), NOW],
      ['B', new Date(2021, 2, 4, 10, 22, 33).getTime(), NOW], // no offset: the user's local time, as JabRef writes it
      ['C', Date.UTC(2019, 2, 4, 9, 22, 33), NOW],
      ['D', new Date(2019, 2, 4, 12).getTime(), NOW], // a day alone: its noon
      ...['E', 'F', 'G', 'H', 'I'].map((title) => [title, NOW, NOW]),
    ]);
    // Said: these stars are listed under Starred by those dates, not at the top.
    expect(result.note).toBe('The file dates when 4 of them were added (date-added, creationdate): a new star takes that date.');
    expect(ok(parseImport('@misc{a, doi = {10.1000/a}, date-added = {2019-03-04 10:22:33 +0000}}', 'a.bib', NOW)).note).toBe(
      'The file dates when 1 of them was added (date-added, creationdate): a new star takes that date.',
    );
    for (const p of result.papers) expect(v.is(PaperRecordSchema, p)).toBe(true);
  });

  it('reads back the dates our own BibTeX export gives its stars (to the second)', () => {
    const starredAt = Date.UTC(2023, 10, 2, 8, 30, 15, 900);
    const starred = { ...seedRecord({ id: 'arxiv:2408.03961', title: 'Starred' }, NOW), starred: true, starredAt };
    const readOnly = { ...seedRecord({ id: 'arxiv:2408.03962', title: 'Read' }, NOW), starred: false, starredAt: null, read: true, readAt: starredAt };
    const back = ok(parseImport(toBibtex([starred, readOnly]), 'paper-radar.bib', NOW));
    expect(back.papers.map((p) => [p.title, p.starredAt])).toEqual([
      ['Starred', starredAt - 900],
      ['Read', NOW],
    ]);
    expect(back.note).toBe('The file dates when 1 of them was added (date-added, creationdate): a new star takes that date.');
  });

  it("takes a time without an offset as the user's local time (JabRef's creationdate)", () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles'; // Node reads the zone again when TZ is set
    try {
      expect(addedDate('2021-03-04T10:22:33')).toBe(Date.UTC(2021, 2, 4, 18, 22, 33));
      expect(addedDate('2019-03-04')).toBe(Date.UTC(2019, 2, 4, 20)); // noon there
      expect(addedDate('2021-03-04T10:22:33Z')).toBe(Date.UTC(2021, 2, 4, 10, 22, 33));
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('reads a date field as a date only when it is one', () => {
    expect(addedDate('2019-03-04 10:22:33 -05:30')).toBe(Date.UTC(2019, 2, 4, 15, 52, 33));
    expect(addedDate(' 2019-3-4 ')).toBe(new Date(2019, 2, 4, 12).getTime());
    expect(addedDate('2019/03/04T23:59Z')).toBe(Date.UTC(2019, 2, 4, 23, 59));
    for (const text of ['', '2019', '2019-03', '2019-13-01', '2019-00-10', '2019-03-04 24:00', '2019-03-04 10:60', '1970-01-01', '2019-03-04 10:22:33 +0000 extra', '04/03/2019'])
      expect(addedDate(text), text).toBeNull();
  });

  it("reads the arXiv id Semantic Scholar and DBLP write as the volume of a journal named ArXiv or CoRR", () => {
    const bib = String.raw`@Article{Vaswani2017AttentionIA,
 author = {Ashish Vaswani and Noam M. Shazeer},
 booktitle = {Neural Information Processing Systems},
 journal = {ArXiv},
 title = {Attention is All you Need},
 volume = {abs/1706.03762},
 year = {2017}
}
@article{DBLP:journals/corr/HeZRS15,
  author       = {Kaiming He and Xiangyu Zhang},
  title        = {Deep Residual Learning for Image Recognition},
  journal      = {CoRR},
  volume       = {abs/1512.03385},
  year         = {2015},
  url          = {http://arxiv.org/abs/1512.03385}
}
@article{other, title = {Not arXiv}, journal = {Proceedings B}, volume = {abs/1512.03386}, doi = {10.1000/x}}`;
    const result = ok(parseImport(bib, 'refs.bib', NOW));
    // CoRR is arXiv, no venue; an arXiv id says the year.
    expect(result.papers.map((p) => [p.id, p.aliases, p.venue])).toEqual([
      ['arxiv:1706.03762', [], 'Neural Information Processing Systems'],
      ['arxiv:1512.03385', [], undefined],
      ['doi:10.1000/x', [], 'Proceedings B'],
    ]);
  });

  it("keeps an entry's keywords as tags (Zotero's and ours, TeX escapes read; Mendeley's tags) and its annote as the note, paragraphs kept", () => {
    const bib = String.raw`@article{zotero, title = {A}, eprint = {2408.00001}, keywords = {{DNA} repair; Computer Science - Machine Learning, a\_b \& c\textbraceleft{}d\textbraceright{}},
  annote = {Read §3 first.

Then \emph{compare}.}}
@misc{mendeley, title = {B}, doi = {10.1000/b}, mendeley-tags = {to read,thesis}, keywords = {thesis}}
@misc{dup, title = {A again}, eprint = {2408.00001}, keywords = {second}}
@misc{none, title = {C}, eprint = {2408.00003}}`;
    const [a, b, c] = ok(parseImport(bib, 'refs.bib', NOW)).papers;
    expect(a).toMatchObject({ id: 'arxiv:2408.00001', tags: ['a_b & c{d}', 'Computer Science - Machine Learning', 'DNA repair', 'second'], note: 'Read §3 first.\n\nThen compare.' });
    expect(b).toMatchObject({ tags: ['thesis', 'to read'], note: '' });
    expect(c).toMatchObject({ tags: [], note: '' });
  });

  it('keeps a % in a field as text (IEEE Xplore writes them unescaped), undoes TeX escapes in doi and url, and reads a venue from howpublished', () => {
    const bib = String.raw`% JabRef comment: 100% ignored {
@article{ieee,
  title = {Pruning Cuts 90% of Parameters},
  % a comment between fields, as biber allows
  abstract = "A 0.5% drop, {at 100%} sparsity",
  doi = {10.1109/abc\_def.2020.1},
  url = {https://example.org/paper?id=a%20b},
  note = {Already escaped: 5\% less},
}
@misc(ours, title = {Half 50% there}, eprint = {2401.00002}, howpublished = {Proc. ACL 2020})
@misc{web, title = {A web page}, doi = {10.1000/web}, howpublished = {\url{https://example.org}}}`;
    const [ieee, ours, web] = ok(parseImport(bib, 'refs.bib', NOW)).papers;
    expect(ieee).toMatchObject({ id: 'doi:10.1109/abc_def.2020.1', title: 'Pruning Cuts 90% of Parameters', abstract: 'A 0.5% drop, at 100% sparsity' });
    expect(ours).toMatchObject({ id: 'arxiv:2401.00002', title: 'Half 50% there', venue: 'Proc. ACL 2020' });
    expect(web!.venue).toBeUndefined();
    // Our own export of a venue without proceedings (howpublished) reads back.
    expect(ok(parseImport(toBibtex([ours!]), 'paper-radar.bib', NOW)).papers[0]!.venue).toBe('Proc. ACL 2020');
  });

  it("reads Mendeley's braced escapes in a DOI ({\\_}) and biblatex's eprintclass", () => {
    const bib = String.raw`@incollection{ronneberger2015,
  title = {U-Net: Convolutional Networks for Biomedical Image Segmentation},
  doi = {10.1007/978-3-319-24574-4{\_}28},
}
@article{vaswani, title = {Attention Is All You Need}, eprint = {1706.03762}, eprinttype = {arXiv}, eprintclass = {cs.CL}}
@article{old, title = {An old one}, eprint = {9901001}, eprinttype = {arXiv}, eprintclass = {hep-th}}`;
    expect(ok(parseImport(bib, 'mendeley.bib', NOW)).papers.map((p) => [p.id, p.primaryCategory ?? null])).toEqual([
      ['doi:10.1007/978-3-319-24574-4_28', null],
      ['arxiv:1706.03762', 'cs.CL'],
      ['arxiv:hep-th/9901001', 'hep-th'],
    ]);
  });

  it('keeps TeX commands the parser does not know that a title reads as words: operators by name, logos, a math accent\'s letter', () => {
    const bib = String.raw`@misc{a, title = {$O(\log n)$ Regret for $\min$-$\max$ Games}, eprint = {2408.03961}, archivePrefix = {arXiv}}
@misc{b, title = {$\tilde{O}(\sqrt{T})$ Regret, Writing {\TeX} Macros}, abstract = {Bounds of $O(\sqrt{T}\log T)$ and $\arg\max_x f$, as \citet{foo} says.}, eprint = {2408.03962}}`;
    const [a, b] = ok(parseImport(bib, 'refs.bib', NOW)).papers;
    expect(a!.title).toBe('O(log n) Regret for min-max Games');
    expect(b!.title).toBe('O(√T) Regret, Writing TeX Macros');
    expect(b!.abstract).toBe('Bounds of O(√T log T) and arg maxₓf, as foo says.');
    // Our own export keeps such commands in math; read back, they are still there.
    const title = String.raw`$\tilde{O}(\sqrt{T})$ Regret in $O(\log n)$ Rounds`;
    const exported = toBibtex([{ ...ok(parseImport('arxiv:2408.03961', 'ids.txt', NOW)).papers[0]!, title }]);
    expect(ok(parseImport(exported, 'paper-radar.bib', NOW)).papers[0]!.title).toBe('O(√T) Regret in O(log n) Rounds');
  });

  it('reads TeX in keywords as titles are read ("Schr{\\"o}dinger bridge" is a tag in letters)', () => {
    const bib = String.raw`@article{a, title = {Schr{\"o}dinger Bridges}, doi = {10.1000/abc}, keywords = {Schr{\"o}dinger bridge, r{\'e}seaux de neurones; {\"U}bersetzung, plain, $\alpha$-nets}}`;
    const paper = ok(parseImport(bib, 'refs.bib', NOW)).papers[0]!;
    expect(paper.title).toBe('Schrödinger Bridges');
    expect(paper.tags).toEqual(normalizeTags(['Schrödinger bridge', 'réseaux de neurones', 'Übersetzung', 'plain', 'α-nets']));
  });

  it('keeps a keyword with a comma or semicolon in braces one tag, as our export writes it', () => {
    const bib = String.raw`@misc{a, title = {A}, eprint = {2408.00001}, keywords = {{ML; theory}, {Smith, J.}, plain; {Schr{\"o}dinger, bridges}}}
@misc{b, title = {B}, eprint = {2408.00002}, keywords = "{a; b}, c"}`;
    const [a, b] = ok(parseImport(bib, 'refs.bib', NOW)).papers;
    expect(a!.tags).toEqual(normalizeTags(['ML; theory', 'Smith, J.', 'plain', 'Schrödinger, bridges']));
    expect(b!.tags).toEqual(['a; b', 'c']);
    // Round trip: what the popup lets a user type (a semicolon in a tag; commas part tags there).
    const exported = toBibtex([{ ...a!, tags: ['ML; theory', 'to read', 'x; {y}'] }]);
    expect(exported).toContain('keywords = {{ML; theory}, to read, {x; \\textbraceleft{}y\\textbraceright{}}}');
    expect(ok(parseImport(exported, 'paper-radar.bib', NOW)).papers[0]!.tags).toEqual(normalizeTags(['ML; theory', 'to read', 'x; {y}']));
  });

  it("reads Google Scholar's old-style arXiv ids, which it writes without \"arXiv:\" (journal = {arXiv preprint math/0211159})", () => {
    // Scholar writes "arXiv preprint arXiv:1706.03762" for new ids, but not for old-style ones
    // (Perelman's entropy formula paper).
    const bib = `@article{perelman2002entropy,
  title={The entropy formula for the Ricci flow and its geometric applications},
  author={Perelman, Grisha},
  journal={arXiv preprint math/0211159},
  year={2002}
}`;
    expect(ok(parseImport(bib, 'scholar.bib', NOW)).papers.map((p) => [p.id, p.venue])).toEqual([['arxiv:math/0211159', undefined]]);
  });

  it('reads an arXiv id in brackets in running text: note = {Preprint (arXiv:1706.03762)}, {[arXiv:1706.03762]}', () => {
    for (const note of ['Preprint (arXiv:1706.03762)', '[arXiv:1706.03762]']) {
      expect(ok(parseImport(`@misc{vaswani, title = {Attention Is All You Need}, note = {${note}}}`, 'refs.bib', NOW)).papers.map((p) => p.id)).toEqual(['arxiv:1706.03762']);
    }
  });

  it("reads every link of a url field holding several (Mendeley Desktop joins an entry's links with spaces)", () => {
    const bib = '@article{a, title = {Attention Is All You Need}, url = {http://www.example.com/x http://arxiv.org/abs/1706.03762}}';
    expect(ok(parseImport(bib, 'mendeley.bib', NOW)).papers.map((p) => [p.id, p.url])).toEqual([['arxiv:1706.03762', 'https://arxiv.org/abs/1706.03762']]);
  });

  it('an entry without a title takes the one a later entry for the same paper gives (the id only stood in for it)', () => {
    const parsed = ok(parseImport('@misc{a, eprint = {1706.03762}}\n@article{b, title = {Attention Is All You Need}, eprint = {1706.03762}}\n', 'refs.bib', NOW));
    expect(parsed.papers.map((p) => p.title)).toEqual(['Attention Is All You Need']);
  });

  it('reads an accent over a dotless \\i as one over i: na\\"{\\i}ve, Mart\\\'{\\i}nez, Garc{\\\'\\i}a are naïve, Martínez, García', () => {
    const r = ok(parseImport(String.raw`@article{a, title = {A Na\"{\i}ve Approach}, author = {Mart\'{\i}nez, Jos\'{e} and Garc{\'\i}a, Ana}, doi = {10.1000/x}}`, 'refs.bib', NOW));
    expect([r.papers[0]!.title, ...r.papers[0]!.authors]).toEqual(['A Naïve Approach', 'José Martínez', 'Ana García']);
  });

  it('finds the paper a hand-written entry links only in howpublished or note (\\url{…})', () => {
    const bib = String.raw`@misc{hand1, title = {A}, author = {Doe, Jane}, howpublished = {\url{https://arxiv.org/abs/2408.03961}}, year = {2024}}
@misc{hand2, title = {B}, author = {Doe, Jane}, note = {Available at \url{https://doi.org/10.1145/3292500.3330701}}, year = {2019}}
@misc{hand3, title = {C}, howpublished = {\url{https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-0}}}`;
    const result = ok(parseImport(bib, 'refs.bib', NOW));
    // The third's link has percent escapes (a Wiley SICI DOI): read as the link says, not as "\%3C".
    const sici = canonicalId('https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-0');
    expect(sici).toMatch(/^doi:10\.1002\/\(sici\)1097-4571\(199806\)49:8.693::aid-asi4.3\.0\.co;2-0$/);
    expect(result.papers.map((p) => p.id)).toEqual(['arxiv:2408.03961', 'doi:10.1145/3292500.3330701', sici]);
    expect(result.note).toBeUndefined();
  });

  it('reads a venue macro the file does not define (from abbrev.bib) as its name, and says so; one in a field naming the paper stays an error', () => {
    const bib = `@inproceedings{vaswani2017, title = {Attention is All you Need}, booktitle = NIPS, year = 2017, eprint = {1706.03762}, archivePrefix = {arXiv}}
@article{he2016, title = {Deep Residual Learning}, journal = IEEE_J_PAMI # { (early access)}, doi = {10.1109/CVPR.2016.90}}`;
    const result = ok(parseImport(bib, 'refs.bib', NOW));
    expect(result.papers.map((p) => [p.id, p.venue])).toEqual([
      ['arxiv:1706.03762', 'NIPS'],
      ['doi:10.1109/cvpr.2016.90', 'IEEE_J_PAMI (early access)'],
    ]);
    expect(result.note).toBe('2 @string macros the file uses but does not define (a venue\'s, from another .bib file) were read as their names: NIPS, IEEE_J_PAMI.');
    const idMacro = parseImport(`@misc{a, title = {T}, booktitle = NIPS, eprint = ARXIVID}`, 'refs.bib', NOW);
    expect(idMacro.ok ? idMacro.papers : idMacro.message).toMatch(/Unresolved @string reference/);
  });

  it('a venue macro after a long run of letters or spaces (text between entries) is read as at once: each was retried at every letter, hours for a large file', () => {
    const entry = '@inproceedings{k, title = {T}, booktitle = NIPS, eprint = {2408.03961}, archivePrefix = {arXiv}}';
    for (const before of ['a'.repeat(1_000_000), `x =${' '.repeat(1_000_000)}`]) {
      const result = ok(parseImport(`${before}\n${entry}`, 'refs.bib', NOW));
      expect(result.papers.map((p) => [p.id, p.venue])).toEqual([['arxiv:2408.03961', 'NIPS']]);
    }
    // A field naming the paper written as a concatenation ending in a macro still stays an error.
    for (const eprint of ['ARXIVPREFIX # ARXIVID', '"24" # {08} # ARXIVID']) {
      const idMacro = parseImport(`@misc{a, title = {T}, booktitle = NIPS, eprint = ${eprint}}`, 'refs.bib', NOW);
      expect(idMacro.ok ? idMacro.papers : idMacro.message, eprint).toMatch(/Unresolved @string reference/);
    }
  });

  it("reads back the ACL Anthology id of an arXiv paper a page linked to it, from our own BibTeX and RIS (the star given on the Anthology shows there again)", () => {
    const linked = seedRecord({ id: 'arxiv:2004.10964', aliases: ['acl:2020.acl-main.740', 'scholar:777'], title: "Don't Stop Pretraining" }, NOW);
    const byDoi = seedRecord({ id: 'arxiv:1810.04805', aliases: ['doi:10.18653/v1/n19-1423', 'acl:N19-1423'], title: 'BERT' }, NOW);
    expect(toBibtex([linked])).toContain('anthology = {https://aclanthology.org/2020.acl-main.740/}');
    expect(toBibtex([byDoi])).not.toContain('anthology'); // its DOI names it already
    for (const [file, name] of [[toBibtex([linked, byDoi]), 'paper-radar.bib'], [toRis([linked, byDoi]), 'paper-radar.ris']] as const) {
      const papers = ok(parseImport(file, name, NOW)).papers;
      expect(papers.map((p) => [p.id, [...p.aliases].sort()]), name).toEqual([
        ['arxiv:2004.10964', ['acl:2020.acl-main.740', 'scholar:777']],
        ['arxiv:1810.04805', ['acl:N19-1423', 'doi:10.18653/v1/n19-1423']],
      ]);
    }
  });

  it('reads back a paper only Google Scholar names, and the Scholar cluster of an arXiv paper, from our own BibTeX and RIS', () => {
    const scholarOnly: PaperRecord = { ...seedRecord({ id: 'scholar:5362332738201102290', title: 'Geology of the Moon', year: 1996 }, NOW), url: 'https://www.sciencedirect.com/science/article/pii/S0019103596900001' };
    const arxiv = seedRecord({ id: 'arxiv:1706.03762', aliases: ['scholar:2960712678066186980'], title: 'Attention Is All You Need' }, NOW);
    expect(toBibtex([scholarOnly])).toContain('googlescholar = {https://scholar.google.com/scholar?cluster=5362332738201102290}');
    for (const [file, name] of [[toBibtex([scholarOnly, arxiv]), 'paper-radar.bib'], [toRis([scholarOnly, arxiv]), 'paper-radar.ris']] as const) {
      const result = ok(parseImport(file, name, NOW));
      expect(result.papers.map((p) => [p.id, p.aliases, p.title, p.year, p.url])).toEqual([
        ['scholar:5362332738201102290', [], 'Geology of the Moon', 1996, scholarOnly.url],
        ['arxiv:1706.03762', ['scholar:2960712678066186980'], 'Attention Is All You Need', undefined, 'https://arxiv.org/abs/1706.03762'],
      ]);
      expect(result.skipped).toBeUndefined();
    }
    // A cluster page is read from a link too, as Scholar writes it (other parameters around it);
    // a page of Scholar's that names no cluster is no paper.
    expect(paperIdOfLink('https://scholar.google.de/scholar?hl=de&cluster=5362332738201102290&as_sdt=0,5')).toBe('scholar:5362332738201102290');
    expect(paperIdOfLink('https://scholar.google.com/scholar?q=cluster=5362332738201102290')).toBeNull();
    expect(paperIdOfLink('https://scholar.google.com/citations?user=abc')).toBeNull();
  });

  it('a link longer than a record keeps is given up for the paper\'s own page, in BibTeX and RIS, so the file imports (not refused whole)', () => {
    const long = `https://publisher.example/p?${'x'.repeat(2_000)}`;
    const cluster = 'https://scholar.google.com/scholar?cluster=123456789';
    const files = [
      [`@misc{ok, title = {Fine}, eprint = {2401.00001}}\n@misc{k, title = {T}, url = {${long}}, googlescholar = {${cluster}}}`, 'refs.bib'],
      [`TY  - GEN\nTI  - Fine\nUR  - https://arxiv.org/abs/2401.00001\nER  - \nTY  - GEN\nTI  - T\nUR  - ${long}\nL2  - ${cluster}\nER  - \n`, 'refs.ris'],
    ] as const;
    for (const [file, name] of files) {
      const result = ok(parseImport(file, name, NOW));
      expect(result.papers.map((p) => [p.id, p.url])).toEqual([
        ['arxiv:2401.00001', 'https://arxiv.org/abs/2401.00001'],
        ['scholar:123456789', cluster],
      ]);
      for (const p of result.papers) expect(v.is(PaperRecordSchema, p)).toBe(true);
    }
  });

  it("keeps every entry of our BibTeX short enough for our import, however a page's text escapes: authors are cut first", () => {
    const hostile = seedRecord({ id: 'arxiv:2408.00001', title: 'T', authors: Array.from({ length: 100 }, (_, i) => `A${i} ${'\\'.repeat(70)}`) }, NOW);
    const bib = toBibtex([hostile, seedRecord({ id: 'arxiv:2408.00002', title: 'Fine' }, NOW)]);
    expect(bib.split('\n\n').every((entry) => entry.length <= MAX_ENTRY_CHARS)).toBe(true);
    const read = ok(parseImport(bib, 'paper-radar.bib', NOW)).papers;
    expect(read.map((p) => p.id)).toEqual(['arxiv:2408.00001', 'arxiv:2408.00002']);
    expect(read[0]!.authors.length).toBeGreaterThan(0);
    expect(read[0]!.authors.length).toBeLessThan(100);
  });

  it('a DOI with braces, a backslash, a dollar sign or a caret comes back from our BibTeX as itself (the export percent-encodes them)', () => {
    const dois = ['doi:10.1000/a{b}', 'doi:10.1000/x\\y$1', 'doi:10.1000/a^b'];
    const bib = toBibtex(dois.map((id) => seedRecord({ id, title: 'T' }, NOW)));
    expect(bib).toContain('doi = {10.1000/a%7Bb%7D}');
    expect(ok(parseImport(bib, 'paper-radar.bib', NOW)).papers.map((p) => p.id)).toEqual(dois);
  });

  it("keeps a file's private-use characters (they were taken for the reader's own markers), and drops noncharacters", () => {
    const bib = '@misc{a, title = {Icons \uE000\uE001\uE002 <b> \\textless{}i\\textgreater{}}, eprint = {2408.00001}, keywords = {\uE000, x\uFDD0y}}';
    expect(ok(parseImport(bib, 'refs.bib', NOW)).papers[0]).toMatchObject({ title: 'Icons \uE000\uE001\uE002 <b> <i>', tags: ['xy', '\uE000'] });
  });

  it('reads back the papers our own export names (property)', () => {
    fc.assert(
      fc.property(library(10), (records) => {
        const lib = records.map((r) => ({ ...r, url: landingUrl(r.id) }));
        // The ids the export writes: eprint (first arXiv id), doi (first DOI), url (the id's
        // page), googlescholar (the first Scholar cluster's page) and anthology (the Anthology
        // page of a paper kept under another id).
        const written = lib.map((r) => {
          const ids = [r.id, ...r.aliases];
          const first = (scheme: string) => ids.find((id) => idScheme(id) === scheme);
          const anthology = anthologyPageOf(r) ? first('acl') : undefined;
          return [...new Set([first('arxiv'), first('doi'), r.id, first('scholar'), anthology].filter((id): id is string => id !== undefined))];
        });
        const all = written.flat();
        if (new Set(all).size !== all.length) return; // two records naming one id are one paper on import
        const parsed = parseImport(toBibtex(lib), 'paper-radar.bib', NOW);
        if (written.every((ids) => ids.length === 0)) {
          expect(parsed.ok).toBe(false);
          return;
        }
        const result = ok(parsed);
        const imported = new Map(result.papers.flatMap((p) => [p.id, ...p.aliases].map((id) => [id, p] as const)));
        for (const ids of written) {
          if (ids.length === 0) continue;
          for (const id of ids) expect(imported.has(id)).toBe(true);
          expect(imported.get(ids[0]!)!.id).toBe(winnerOf(ids));
        }
        expect(result.skipped?.count ?? 0).toBe(written.filter((ids) => ids.length === 0).length);
        for (const p of result.papers) {
          expect(p).toMatchObject({ starred: true, note: '' }); // notes are not in our BibTeX
          // What the background accepts in an importLibrary message.
          expect(v.is(PaperRecordSchema, p)).toBe(true);
        }
        // A star keeps its date, to the second (date-added), where it is a date before the import.
        const seconds = (ms: number) => Math.floor(ms / 1000) * 1000;
        lib.forEach((r, i) => {
          if (written[i]!.length === 0) return;
          const dated = r.starred && r.starredAt !== null && r.starredAt >= Date.UTC(1985, 0, 1) && seconds(r.starredAt) < NOW;
          expect(imported.get(written[i]![0]!)!.starredAt).toBe(dated ? seconds(r.starredAt!) : NOW);
        });
        // The tags come back as keywords, a comma or semicolon inside one too.
        lib.forEach((r, i) => {
          if (written[i]!.length === 0) return;
          const tags = normalizeTags(r.tags.map((tag) => tag.replace(/\p{Cc}/gu, '')));
          expect(imported.get(written[i]![0]!)!.tags).toEqual(tags);
        });
      }),
      { numRuns: Number(process.env.RUNS ?? 60) },
    );
  });

  it('refuses a file with more entries than one import takes before parsing any, wherever they start', () => {
    const entry = (i: number) => `@misc{k${i}, eprint = {2401.${String(i % 100_000).padStart(5, '0')}}}`;
    const many = Array.from({ length: IMPORT_LIMIT + 1 }, (_, i) => entry(i));
    const message = `The file has 50,001 entries; at most 50,000 can be imported at once`;
    expect(failure(many.join('\n'))).toBe(message);
    expect(failure(many.join(' '), 'refs.bib')).toBe(message); // all on one line
  });

  it('unbalanced braces: names the entry and its line', () => {
    const unclosed = '@misc{a,\n  title = {Fine},\n  eprint = {2408.00001}\n}\n\n@misc{b,\n  title = {Broken {brace},\n  eprint = {2408.00002}\n}\n\n@misc{c,\n  title = {After},\n  eprint = {2408.00003}\n}\n';
    expect(failure(unclosed)).toBe('Entry "b" (line 6): unbalanced braces — a "{" is still open where the next entry starts, on line 11');
    expect(failure('@misc{a,\n  title = {Never closed,\n  eprint = {2408.00001}\n')).toBe('Entry "a" (line 1): unbalanced braces — a "{" is never closed');
    const extra = '@misc{a,\n  title = {One}},\n  eprint = {2408.00001}\n}\n';
    expect(failure(extra)).toBe('Entry "a" (line 1): unbalanced braces — it ends before line 3, which still has a "{" (an extra "}" in the entry?)');
    expect(braceProblem('% a comment with { in it\n@misc{a, title = {x \\{ y}}\n@comment{ {x} }\n')).toBeNull();
  });

  it('a value with a line that only starts like an entry (a decorator in an abstract, a handle in a note) is text, unless its entry never closes', () => {
    const bib = '@misc{a,\n  eprint = {2408.00001},\n  abstract = {We study decorators such as\n@dataclass(frozen=True) in code.},\n  annote = {Ask\n@alice{tomorrow}}\n}\n';
    const result = ok(parseImport(bib, 'refs.bib', NOW));
    expect(result.papers.map((p) => p.id)).toEqual(['arxiv:2408.00001']);
    expect(result.papers[0]!.abstract).toBe('We study decorators such as @dataclass(frozen=True) in code.');
    expect(failure(bib.replace('in code.}', 'in code.'))).toBe('Entry "a" (line 1): unbalanced braces — a "{" is still open where the next entry starts, on line 4');
  });

  it('a syntax error names the entry it is in, the first one too (not the entry before it, nor "BibTeX error:")', () => {
    const entries = Array.from({ length: 5 }, (_, i) => `@article{k${i},\n  title = {Title ${i}},\n  doi = {10.1000/x${i}}\n}\n`).join('\n');
    // A missing comma in the 4th entry (k3, line 16): k2 starts on line 11.
    expect(failure(entries.replace('title = {Title 3},', 'title = {Title 3}'))).toMatch(/^Entry "k3" \(line 16\): /);
    expect(failure('@article{first,\n  title = {X}\n  doi = {10.1000/x}\n}\n')).toMatch(/^Entry "first" \(line 1\): /);
  });

  it('reads a parenthesised entry with a parenthesis in a quoted value: @misc(key, title = "Learning (Deep) Models", …)', () => {
    const result = ok(parseImport('@misc(key,\n  title = "Learning (Deep) Models",\n  doi = {10.1000/x}\n)\n', 'refs.bib', NOW));
    expect(result.papers.map((p) => [p.id, p.title])).toEqual([['doi:10.1000/x', 'Learning (Deep) Models']]);
  });

  it('other syntax errors: the parser’s message; files with no usable entry are errors', () => {
    expect(failure('@misc{a,\n title = {x}}\n\n@misc{b,\n title = {x},\n eprint = 2408.00001\n}')).toBe(
      'Entry "b" (line 4): Unresolved @string reference "2408.00001"',
    );
    expect(failure('@book{knuth1984, title = {The TeXbook}}\n@book{lamport, title = {LaTeX}}', 'refs.bib')).toBe(
      'No entry names an arXiv id, DOI or paper URL (2 entries, e.g. knuth1984, lamport)',
    );
    expect(failure('% nothing but a comment\n', 'refs.bib')).toBe('No BibTeX entries found');
  });
});

const RIS = [
  // Google Scholar's: the arXiv id only in the journal.
  'TY  - JOUR',
  'T1  - Attention is all you need',
  'A1  - Vaswani, Ashish',
  'A1  - Shazeer, Noam',
  'JO  - arXiv preprint arXiv:1706.03762',
  'Y1  - 2017',
  'ER  - ',
  '',
  // Zotero's: a DOI, a wrapped abstract, a journal.
  'TY  - JOUR',
  'TI  - Deep learning',
  'AU  - LeCun, Yann',
  'AU  - Bengio, Yoshua',
  'T2  - Nature',
  'AB  - Deep learning allows computational models',
  'that are composed of multiple processing layers.',
  'DA  - 2015/05/27/',
  'DO  - 10.1038/NATURE14539',
  'UR  - https://doi.org/10.1038/nature14539',
  'ER  - ',
  '',
  'TY  - BOOK',
  'TI  - The TeXbook',
  'AU  - Knuth, Donald E.',
  'ER  -',
].join('\r\n');

/** A value as RIS writes it: on one line. */
const oneLine = (value: string) => value.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').replace(/ {2,}/g, ' ').trim();

describe('RIS import', () => {
  it('is RIS when its first record starts before any line that looks like a BibTeX entry (an abstract about @decorators)', () => {
    const ris = ['TY  - JOUR', 'TI  - Decorators in Python', 'AU  - Doe, Jane', 'AB  - We study decorators such as', '@dataclass(frozen=True) and @property in large codebases.', 'DO  - 10.1145/3292500.3330701', 'ER  - ', ''].join('\r\n');
    const result = ok(parseImport(ris, 'refs.ris', NOW));
    expect(result.kind).toBe('ris');
    expect(result.papers.map((p) => p.id)).toEqual(['doi:10.1145/3292500.3330701']);
    expect(importKind('@misc{a, note = {TY  - JOUR}}\nTY  - JOUR', 'x.bib')).toBe('bibtex');
  });

  it('reads RIS by its TY line or a .ris name', () => {
    expect(importKind(RIS)).toBe('ris');
    expect(ok(parseImport('\uFEFFTY  - JOUR\nDO  - 10.1000/x\nER  - ', 'export.txt', NOW)).kind).toBe('ris');
    expect(importKind('nothing', 'refs.ris')).toBe('ris');
  });

  it('stars the records that name a paper, with their metadata; says which were left out', () => {
    const result = ok(parseImport(RIS, 'refs.ris', NOW));
    expect(result.kind).toBe('ris');
    expect(result.papers.map((p) => p.id)).toEqual(['arxiv:1706.03762', 'doi:10.1038/nature14539']);
    expect(result.papers[0]).toMatchObject({ title: 'Attention is all you need', authors: ['Ashish Vaswani', 'Noam Shazeer'], starred: true, starredAt: NOW });
    expect(result.papers[0]!.year).toBeUndefined(); // the arXiv id gives it (yearOf): 2017
    expect(result.papers[0]!.venue).toBeUndefined(); // "arXiv preprint …" is the eprint, not a venue
    expect(result.papers[1]).toMatchObject({
      title: 'Deep learning',
      authors: ['Yann LeCun', 'Yoshua Bengio'],
      venue: 'Nature',
      year: 2015,
      abstract: 'Deep learning allows computational models that are composed of multiple processing layers.',
    });
    expect(result.note).toBe('1 record names no arXiv id, DOI or paper URL and was not imported: The TeXbook.');
  });

  it('our own RIS export reads back: the same papers, by their arXiv ids, with their titles', () => {
    fc.assert(
      fc.property(library(8), (lib) => {
        const withArxiv = lib.filter((r) => [r.id, ...r.aliases].some((id) => idScheme(id) === 'arxiv'));
        const ids = withArxiv.map((r) => [r.id, ...r.aliases].find((id) => idScheme(id) === 'arxiv')!);
        // Every id a record's RIS names: its arXiv id and DOI, and what its page and PDF links
        // name. Random records whose links name another record's paper are one paper on import.
        const named = withArxiv.flatMap((r) => [
          ...new Set(
            [
              ...[r.id, ...r.aliases].filter((id) => idScheme(id) === 'arxiv' || idScheme(id) === 'doi'),
              [r.id, ...r.aliases].find((id) => idScheme(id) === 'scholar'),
              canonicalId(r.url),
              r.pdfUrl && canonicalId(r.pdfUrl),
            ].filter(Boolean),
          ),
        ]);
        if (withArxiv.length === 0 || new Set(named).size !== named.length) return;
        const result = ok(parseImport(toRis(withArxiv), 'paper-radar.ris', NOW));
        const byArxiv = new Map(result.papers.flatMap((p) => [p.id, ...p.aliases].map((id) => [id, p] as const)));
        withArxiv.forEach((r, i) => {
          const p = byArxiv.get(ids[i]!)!;
          expect(p).toBeDefined();
          // The title as RIS wrote it (one line); none written, the import stands in the id it
          // keeps the paper under (a link may name an older arXiv id, which wins).
          const written = oneLine(r.title);
          expect(p.title).toBe(written !== '' ? written : standInTitle(p.id));
          // Tags (KW, one each) and the note (N1, one a paragraph, read back joined by blank lines;
          // a paragraph of several lines, as HTML, with its line breaks; a paragraph that only
          // names an arXiv id too, not as Mendeley's id) come back.
          expect(p.tags).toEqual(normalizeTags(r.tags.map(oneLine)));
          const asHtml = (lines: string[]) => lines.map(oneLine).join('\n').replace(/[ \u00a0]+/g, ' ').replace(/ ?\n ?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
          const paragraphs = r.note.split(/\n\s*\n/).map((text) => (text.trim().includes('\n') ? asHtml(text.trim().split('\n')) : oneLine(text)));
          expect(p.note).toBe(normalizeNote(paragraphs.filter((text) => text !== '').join('\n\n')));
          expect(v.is(PaperRecordSchema, p)).toBe(true);
        });
      }),
      // A note of two paragraphs, which the random libraries seldom hold (a run of 200,000 found it).
      // A note of two paragraphs, one of them only an arXiv id.
      { numRuns: Number(process.env.RUNS ?? 60), examples: [[[seedRecord({ id: 'arxiv:0701.0000', title: 'Untitled', note: '!\n\n !' }, NOW)]], [[seedRecord({ id: 'arxiv:0701.0001', title: 'U', note: 'See\n\narXiv: 0701.0002' }, NOW)]]] },
    );
  });

  it("keeps a record's keywords as tags and its notes as the note: Zotero's HTML notes as text, Mendeley's arXiv id is no note", () => {
    const ris = [
      'TY  - JOUR', 'TI  - A', 'AN  - arXiv:2408.00001', 'KW  - Computer Science - Machine Learning', 'KW  - reading group', 'KW  -  ',
      'N1  - <p>Comment: 15 pages</p><p>Proofs in &lt;§3&gt; &amp; the appendix&#x21;</p>', 'N1  - Plain second note', 'ER  - ',
      'TY  - JOUR', 'TI  - B', 'DO  - 10.1000/b', 'N1  - arXiv: 1706.03762', 'ER  - ',
    ].join('\n');
    const [a, b] = ok(parseImport(ris, 'refs.ris', NOW)).papers;
    expect(a).toMatchObject({ tags: ['Computer Science - Machine Learning', 'reading group'], note: 'Comment: 15 pages\nProofs in <§3> & the appendix!\n\nPlain second note' });
    expect(b!.note).toBe('');
  });

  it('our RIS reads back as the same papers whatever their notes cite, with organizations and HTML-looking notes as written', () => {
    const papers = [
      seedRecord({ id: 'arxiv:2408.00001', title: 'A', note: 'Builds on arXiv:1706.03762.' }, NOW),
      seedRecord({ id: 'doi:10.1000/b', title: 'B', note: 'Compare arXiv:1706.03762', authors: ['Google Research, Brain Team', 'University of California, Berkeley', 'Charles Babbage Jr.'] }, NOW),
      seedRecord({ id: 'arxiv:2408.00003', title: 'C', note: '<p> vs <div>: which tag to use\n\n<h1>Key idea</h1> &amp; more' }, NOW),
      seedRecord({ id: 'arxiv:2408.00004', title: 'D', note: 'see arXiv:2408.00005' }, NOW),
      seedRecord({ id: 'arxiv:2408.00005', title: 'E' }, NOW),
    ];
    const read = ok(parseImport(toRis(papers), 'paper-radar.ris', NOW)).papers;
    expect(read.map((p) => [p.id, p.aliases, p.note])).toEqual(papers.map((p) => [p.id, [], p.note]));
    expect(read[1]!.authors).toEqual(papers[1]!.authors);
    // A note that only names an arXiv id is Mendeley's way of giving the paper's: still read, beside a DOI.
    const mendeley = ['TY  - JOUR', 'TI  - B', 'DO  - 10.1000/b', 'N1  - arXiv: 1706.03762', 'ER  - ', ''].join('\n');
    expect(ok(parseImport(mendeley, 'refs.ris', NOW)).papers.map((p) => [p.id, p.aliases])).toEqual([['arxiv:1706.03762', ['doi:10.1000/b']]]);
  });

  it("reads Google Scholar's old-style arXiv id (JO  - arXiv preprint hep-th/9711200) and an arXiv id in brackets in a note", () => {
    const scholar = ['TY  - JOUR', 'T1  - The large N limit of superconformal field theories and supergravity', 'A1  - Maldacena, Juan', 'JO  - arXiv preprint hep-th/9711200', 'Y1  - 1997', 'ER  - ', ''].join('\n');
    expect(ok(parseImport(scholar, 'scholar.ris', NOW)).papers.map((p) => p.id)).toEqual(['arxiv:hep-th/9711200']);
    const noted = ['TY  - JOUR', 'TI  - Attention Is All You Need', 'N1  - Preprint (arXiv:1706.03762)', 'ER  - ', ''].join('\n');
    expect(ok(parseImport(noted, 'refs.ris', NOW)).papers.map((p) => p.id)).toEqual(['arxiv:1706.03762']);
  });

  it("reads every link of a UR field holding several (Mendeley joins a record's links with spaces)", () => {
    const ris = ['TY  - JOUR', 'TI  - Attention Is All You Need', 'UR  - http://www.example.com/x http://arxiv.org/abs/1706.03762', 'ER  - ', ''].join('\n');
    expect(ok(parseImport(ris, 'mendeley.ris', NOW)).papers.map((p) => p.id)).toEqual(['arxiv:1706.03762']);
  });

  it('a header before the first record (as JSTOR writes one) is no field, and is passed over', () => {
    const jstor = 'Provider: JSTOR http://www.jstor.org\nDatabase: JSTOR\nContent: text/plain; charset="UTF-8"\n\nTY  - JOUR\nTI  - A paper\nDO  - 10.2307/1234567\nER  - \n';
    expect(ok(parseImport(jstor, 'citations.ris', NOW)).papers.map((p) => p.id)).toEqual(['doi:10.2307/1234567']);
  });

  it('a title holding a line separator (U+2028, as Taylor & Francis write them) is one field, not a line of the field above', () => {
    const ris = ['TY  - JOUR', 'AU  - Doe, John', 'AB  - First part.\u2028Second part.', 'T1  - Augmentative Communication:\u2028Potential and Limits', 'DO  - 10.3109/07434618.2014.906498', 'ER  - ', ''].join('\n');
    expect(ok(parseImport(ris, 'tandf.ris', NOW)).papers).toMatchObject([
      { id: 'doi:10.3109/07434618.2014.906498', title: 'Augmentative Communication: Potential and Limits', authors: ['John Doe'], abstract: 'First part. Second part.' },
    ]);
  });

  it('authors under A1 and AU mixed in one record keep their order', () => {
    const ris = ['TY  - JOUR', 'TI  - A paper', 'A1  - Georgiev, Ann', 'AU  - Bello, Ben', 'A1  - Chen, Cai', 'DO  - 10.1000/mixed', 'ER  - ', ''].join('\n');
    expect(ok(parseImport(ris, 'zotero.ris', NOW)).papers[0]!.authors).toEqual(['Ann Georgiev', 'Ben Bello', 'Cai Chen']);
  });

  it('an EndNote file whose fields have one space before the hyphen (TY - JOUR) is read as the file writes them', () => {
    const endnote = ['TY - JOUR', 'T1 - Deep residual learning', 'A1 - He, Kaiming', 'DO - 10.1109/CVPR.2016.90', 'L1 - internal-pdf://0123/He.pdf', 'ER -', '', 'TY - JOUR', 'T1 - Attention is all you need', 'UR - https://arxiv.org/abs/1706.03762', 'ER -', ''].join('\n');
    expect(ok(parseImport(endnote, 'My EndNote Library.txt', NOW)).papers.map((p) => [p.id, p.title])).toEqual([
      ['doi:10.1109/cvpr.2016.90', 'Deep residual learning'],
      ['arxiv:1706.03762', 'Attention is all you need'],
    ]);
  });

  it('a broken file is an error naming the line, and nothing is imported', () => {
    expect(failure('TY  - JOUR\nTI  - x\nDO  - 10.1/x\n')).toBe('The record starting at line 1 has no end (ER  - )');
    expect(failure('TI  - x\nER  - ', 'refs.ris')).toBe('Line 1: a TI field outside a record (records start with TY  - )');
    expect(failure('TY  - JOUR\nDO  - 10.1/x\nTY  - JOUR\nER  - ')).toBe('Line 3: a record starts before the one at line 1 ended (ER  - )');
    // A field line with one space is no field: a broken ER leaves its record open.
    expect(failure('TY  - JOUR\nDO  - 10.1000/x\nER - \nTY  - JOUR\nDO  - 10.1000/y\nER  - ')).toBe('Line 4: a record starts before the one at line 1 ended (ER  - )');
    expect(failure('TY  - BOOK\nTI  - A book\nER  - ')).toBe('No record names an arXiv id, DOI or paper URL (1 record, e.g. A book)');
  });
});

describe('a large real backup', () => {
  it('a JSON backup of 18,000 real arXiv papers with abstracts (over 32 MB) reads back whole', { timeout: 120_000 }, async (ctx) => {
    if (!requireShared('real arXiv listings', 'data/arxiv_daily_cs_listings.jsonl')) return ctx.skip();
    const at = Date.UTC(2026, 6, 1);
    const record = (p: ListedPaper & { authors?: string[] }, id: string): PaperRecord => ({
      ...clampMeta({ id: `arxiv:${id}`, title: p.title, authors: p.authors ?? [], abstract: p.summary, url: `https://arxiv.org/abs/${id}`, pdfUrl: `https://arxiv.org/pdf/${id}`, primaryCategory: null, subjects: [], comments: null, site: 'arxiv' }),
      ...EMPTY_STATE,
      firstSeenAt: at,
      lastSeenAt: at,
      updatedAt: at,
      tags: [],
      note: '',
    });
    const listed = realListings(16_000) as Array<ListedPaper & { authors?: string[] }>;
    const papers = [...listed.map((p) => record(p, p.id)), ...listed.slice(0, 2_000).map((p, i) => record(p, `2607.${90_000 + i}`))];
    const file = Object.assign(new Blob([toLibraryJson(papers, null, at)]), { name: 'paper-radar-2026-07-02.json' });
    expect(file.size).toBeGreaterThan(32 * 1024 * 1024);
    const result = await readImportFile(file);
    expect(result.ok ? result.papers.length : result.message).toBe(18_000);
  });
});
