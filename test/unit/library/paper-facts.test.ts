import { describe, expect, it } from 'vitest';
import { EMPTY_STATE, type PaperRecord } from '../../../src/core/paper';
import { citedId, paperFacts } from '../../../src/library/paper-facts';
import { testPaper } from '../../support/papers';

const record = (extra: Parameters<typeof testPaper>[1]): PaperRecord => ({ ...testPaper(1, extra), ...EMPTY_STATE, tags: [], note: '' });

describe('paper facts (the detail pane)', () => {
  it('an arXiv listing entry: its id as cited, the year from the id, the primary class first, the comments', () => {
    const facts = paperFacts(
      record({
        id: 'arxiv:2411.14327',
        aliases: ['doi:10.1051/0004-6361/202452105'],
        primaryCategory: 'astro-ph.GA',
        subjects: ['astro-ph.CO', 'astro-ph.GA'],
        comments: '36 pages, 29 figures, 9 tables, accepted for publication in A&A',
      }),
    );
    expect(facts).toEqual({
      ids: ['arXiv:2411.14327', 'doi:10.1051/0004-6361/202452105'],
      year: 2024,
      venue: null,
      subjects: ['astro-ph.GA', 'astro-ph.CO'],
      comments: '36 pages, 29 figures, 9 tables, accepted for publication in A&A',
    });
  });

  it('a Scholar result: no id a reader could use, the year and nothing else its page showed', () => {
    const facts = paperFacts(record({ id: 'scholar:5362332738201102290', aliases: [], primaryCategory: null, subjects: [], comments: null, year: 2002 }));
    expect(facts).toEqual({ ids: [], year: 2002, venue: null, subjects: [], comments: null });
  });

  it('an ACL Anthology paper: its Anthology id and DOI, the year from the id, its volume', () => {
    const facts = paperFacts(
      record({ id: 'acl:W19-4201', aliases: ['doi:10.18653/v1/w19-4201'], primaryCategory: null, subjects: [], comments: '', venue: 'Proceedings of the 16th SIGMORPHON Workshop' }),
    );
    expect(facts).toEqual({ ids: ['ACL W19-4201', 'doi:10.18653/v1/w19-4201'], year: 2019, venue: 'Proceedings of the 16th SIGMORPHON Workshop', subjects: [], comments: null });
  });

  it('writes each scheme as people cite it', () => {
    expect(citedId('arxiv:hep-th/9901001')).toBe('arXiv:hep-th/9901001');
    expect(citedId('doi:10.1038/nature14539')).toBe('doi:10.1038/nature14539');
    expect(citedId('acl:2020.acl-main.1')).toBe('ACL 2020.acl-main.1');
    expect(citedId('scholar:123')).toBeNull();
  });
});
