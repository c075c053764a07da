import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_STATE, type PaperRecord } from '../../../src/core/paper';
import { toRis } from '../../../src/library/ris';
import { parseRisSeeds } from '../../../src/library/ris-import';
import { testPaper } from '../../support/papers';
import { library } from './arbitraries';

const record = (n: number, extra: Partial<PaperRecord> = {}): PaperRecord => ({ ...testPaper(n), ...EMPTY_STATE, tags: [], note: '', ...extra });

describe('RIS', () => {
  it('an arXiv paper: GEN, its authors family name first, the year and DOI from the id, tags as keywords, the note', () => {
    const ris = toRis([
      record(1, {
        title: 'Attention for $k$-sparse graphs',
        authors: ['Ada Lovelace', 'Charles Babbage Jr.', 'DeepMind Team'],
        abstract: 'Line one.\nLine two.',
        pdfUrl: 'https://arxiv.org/pdf/2408.00001',
        tags: ['reading group', 'graphs'],
        note: 'Read §3\nfirst.',
      }),
    ]);
    expect(ris).toBe(
      [
        'TY  - GEN',
        'TI  - Attention for $k$-sparse graphs',
        'AU  - Lovelace, Ada',
        'AU  - Babbage, Charles, Jr.',
        'AU  - DeepMind Team',
        'PY  - 2024',
        'AB  - Line one. Line two.',
        'UR  - https://arxiv.org/abs/2408.00001',
        'L1  - https://arxiv.org/pdf/2408.00001',
        'DO  - 10.48550/arXiv.2408.00001',
        'AN  - arXiv:2408.00001',
        'KW  - reading group',
        'KW  - graphs',
        'N1  - <p>Read §3<br>first.</p>',
        'ER  - ',
        '',
      ].join('\r\n'),
    );
  });

  it('an ACL paper with its volume: CONF with the proceedings title (C3); its own DOI; unknown fields left out', () => {
    const ris = toRis([
      record(2, { id: 'acl:W19-4201', aliases: ['doi:10.18653/v1/W19-4201'], url: 'https://aclanthology.org/W19-4201/', venue: 'Proceedings of the 16th Workshop', authors: [] }),
    ]);
    expect(ris.split('\r\n')).toEqual(['TY  - CONF', 'TI  - Paper 2', 'PY  - 2019', 'C3  - Proceedings of the 16th Workshop', 'UR  - https://aclanthology.org/W19-4201/', 'DO  - 10.18653/v1/W19-4201', 'ER  - ', '']);
    // Read back: the proceedings are the venue, before a conference's name (T2); CPAPER's T2 and
    // another type's C3 (a book's title prefix) as before.
    const venues = (text: string) => {
      const read = parseRisSeeds(text, 1);
      if (!read.ok) throw new Error(read.message);
      return read.seeds.papers.map((p) => p.venue);
    };
    expect(venues(ris)).toEqual(['Proceedings of the 16th Workshop']);
    const doi = 'DO  - 10.1000/x';
    expect(venues(['TY  - CONF', doi, 'T2  - ACL 2019', 'C3  - Proceedings of ACL', 'ER  - ', ''].join('\n'))).toEqual(['Proceedings of ACL']);
    expect(venues(['TY  - CPAPER', doi, 'T2  - Proceedings of ACL', 'ER  - ', ''].join('\n'))).toEqual(['Proceedings of ACL']);
    expect(venues(['TY  - BOOK', doi, 'C3  - The', 'T2  - Series', 'ER  - ', ''].join('\n'))).toEqual(['Series']);
  });

  it("a note's paragraphs are one N1 each, which reading it back joins with a blank line; a paragraph's own line breaks come back", () => {
    const note = 'Read section 3.\n\nCompare with BERT.\n- See the appendix & <the code>.';
    const ris = toRis([record(1, { note })]);
    expect(ris.split('\r\n').filter((line) => line.startsWith('N1'))).toEqual(['N1  - Read section 3.', 'N1  - <p>Compare with BERT.<br>- See the appendix &amp; &lt;the code&gt;.</p>']);
    const read = parseRisSeeds(ris, 1);
    expect(read.ok && read.seeds.papers[0]!.note).toBe(note);
  });

  it("a note that only names an arXiv id reads back as the note, not as the paper's id (two papers stay two)", () => {
    const bert = { ...record(1), id: 'arxiv:1810.04805', url: 'https://arxiv.org/abs/1810.04805' };
    const parrots = { ...record(2), id: 'doi:10.1145/3442188.3445922', url: 'https://doi.org/10.1145/3442188.3445922', note: 'arXiv:1810.04805' };
    const ris = toRis([bert, parrots]);
    expect(ris).toContain('N1  - <p>arXiv:1810.04805</p>');
    const read = parseRisSeeds(ris, 1);
    if (!read.ok) throw new Error(read.message);
    expect(read.seeds.papers.map((p) => [p.id, p.title, p.note])).toEqual([
      ['arxiv:1810.04805', bert.title, ''],
      ['doi:10.1145/3442188.3445922', parrots.title, 'arXiv:1810.04805'],
    ]);
  });

  it('page text cannot end a record or start a field', () => {
    const ris = toRis([record(3, { title: 'Evil\r\nER  - \r\nTY  - JOUR', abstract: 'a\u2028TI  - b\u0000c' })]);
    expect(ris.match(/^TY {2}- /gm)).toHaveLength(1);
    expect(ris.match(/^ER {2}- /gm)).toHaveLength(1);
    expect(ris).toContain('TI  - Evil ER - TY - JOUR\r\n');
  });

  it('any library: one record per paper, every line a field', () => {
    fc.assert(
      fc.property(library(8), (records) => {
        const lines = toRis(records).split('\r\n');
        expect(lines.pop()).toBe('');
        expect(lines.filter((l) => l.startsWith('TY  - '))).toHaveLength(records.length);
        expect(lines.filter((l) => l === 'ER  - ')).toHaveLength(records.length);
        for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /);
        for (const line of lines) expect(line).not.toMatch(/[\n\r\u2028\u2029]/);
      }),
    );
  });
});
