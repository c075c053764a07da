import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_STATE, type PaperRecord } from '../../../src/core/paper';
import { markdownLink, toMarkdownList } from '../../../src/library/markdown';
import { testPaper } from '../../support/papers';
import { library } from './arbitraries';

const record = (n: number, extra: Partial<PaperRecord> = {}): PaperRecord => ({ ...testPaper(n), ...EMPTY_STATE, tags: [], note: '', ...extra });

describe('Markdown', () => {
  it('a link: brackets, emphasis and code marks in the title are shown as written; the address cannot end early', () => {
    expect(markdownLink({ title: 'On [brackets] and *stars* and `code` in $a_1$', url: 'https://example.org/a (b)' })).toBe(
      '[On \\[brackets\\] and \\*stars\\* and \\`code\\` in $a\\_1$](https://example.org/a%20%28b%29)',
    );
    // Only http(s) becomes a link.
    expect(markdownLink({ title: 'Evil', url: 'javascript:alert(1)' })).toBe('Evil');
    expect(markdownLink({ title: 'x](javascript:alert(1))', url: 'https://a.org/' })).toBe('[x\\](javascript:alert(1))](https://a.org/)');
    // A backslash kept in a URL's query would escape the closing parenthesis (CommonMark §6.3).
    expect(markdownLink({ title: 'Paper 1', url: 'https://arxiv.org/abs/2408.00001?q=a\\' })).toBe('[Paper 1](https://arxiv.org/abs/2408.00001?q=a%5C)');
    // Tildes would strike through in GitHub-Flavored Markdown (§6.5), in titles and author names alike.
    expect(markdownLink({ title: 'A ~~struck~~ title', url: 'https://a.org/' })).toBe('[A \\~\\~struck\\~\\~ title](https://a.org/)');
    expect(toMarkdownList([record(1, { authors: ['~~Ada~~ Lovelace'] })]).split('\n')[0]).toBe('- [Paper 1](https://arxiv.org/abs/2408.00001) — \\~\\~Ada\\~\\~ Lovelace (2024) · arXiv:2408.00001');
  });

  it('a note is quoted as the user wrote it, Markdown and all', () => {
    expect(toMarkdownList([record(1, { note: 'See [the code](https://github.com/x/y).\n- todo: *rerun*' })]).split('\n').slice(1)).toEqual([
      '  > See [the code](https://github.com/x/y).',
      '  > - todo: *rerun*',
      '',
    ]);
  });

  it('a reading list: one item per paper with its authors, year, cited id and tags; its note quoted under it', () => {
    const list = toMarkdownList([
      record(1, { title: 'Diffusion models', authors: ['Ada Lovelace', 'Alan Turing', 'Emmy Noether', 'Kurt Gödel'], tags: ['reading group', 'c++'], note: 'Read §3.\n\nThen the appendix.' }),
      record(2, { id: 'scholar:123', aliases: [], title: 'Geology', authors: [], url: 'https://scholar.google.com/scholar?cluster=123', year: 1996 }),
    ]);
    expect(list).toBe(
      [
        '- [Diffusion models](https://arxiv.org/abs/2408.00001) — Ada Lovelace, Alan Turing, Emmy Noether et al. (2024) · arXiv:2408.00001 · #reading-group · #c-',
        '  > Read §3.',
        '  >',
        '  > Then the appendix.',
        '- [Geology](https://scholar.google.com/scholar?cluster=123) — (1996)',
        '',
      ].join('\n'),
    );
    expect(toMarkdownList([])).toBe('');
    // A list the page cut has "et al." after fewer than three.
    expect(toMarkdownList([record(3, { authors: ['S Bannister', 'J Yu'], authorsCut: true })])).toContain(' — S Bannister, J Yu et al. (2024)');
  });

  it('a title with a character reference shows it as written', () => {
    expect(markdownLink({ title: 'A &amp; B &#x21; & C', url: 'https://arxiv.org/abs/2408.00001' })).toBe('[A \\&amp; B \\&#x21; & C](https://arxiv.org/abs/2408.00001)');
  });

  it('a tag cannot start or end emphasis: "_" stays only between letters or digits', () => {
    const line = toMarkdownList([record(1, { tags: ['_draft_', 'to_read', 'a/_b', '__init__'] })]).split('\n')[0]!;
    expect(line.split(' · ').slice(2)).toEqual(['#-draft-', '#to_read', '#a/-b', '#--init--']);
  });

  it("a note keeps its http(s) links but nothing that acts when the list is shown (a note may come from an imported file's annote)", () => {
    const note = 'See [the code](javascript:alert(document.domain)) and ![pixel](https://tracker.example/p.png)\n[ref]: javascript:alert(1)\n<img src=x onerror=alert(1)> [repo](https://github.com/x) [ok]: https://a.org';
    expect(toMarkdownList([record(1, { note })]).split('\n').slice(1)).toEqual([
      '  > See [the code\\](javascript:alert(document.domain)) and !\\[pixel](https://tracker.example/p.png)',
      '  > [ref\\]: javascript:alert(1)',
      '  > \\<img src=x onerror=alert(1)> [repo](https://github.com/x) [ok]: https://a.org',
      '',
    ]);
  });

  it("a backslash of the note's own before a bracket or < is not undone by the escape (that made them live again)", () => {
    // After one backslash a character is escaped already; after two (a literal backslash) it is live.
    const note = String.raw`[a\](javascript:x) [b\\](javascript:x)
Figure:\<img src=x> Figure:\\<img src=x> !\[p](https://t.example/p.png) !\\[p](https://t.example/p.png)`;
    expect(toMarkdownList([record(1, { note })]).split('\n').slice(1)).toEqual([
      String.raw`  > [a\](javascript:x) [b\\\](javascript:x)`,
      String.raw`  > Figure:\<img src=x> Figure:\\\<img src=x> !\[p](https://t.example/p.png) !\\\[p](https://t.example/p.png)`,
      '',
    ]);
  });

  it('any library: one "- " line per paper, every other line a quoted note line, links only to http(s)', () => {
    fc.assert(
      fc.property(library(8), (records) => {
        const lines = toMarkdownList(records).split('\n');
        expect(lines.pop()).toBe('');
        expect(lines.filter((l) => l.startsWith('- '))).toHaveLength(records.length);
        for (const line of lines) expect(line.startsWith('- ') || line === '  >' || line.startsWith('  > ')).toBe(true);
        // A link's destination follows an unescaped "](" (a title's own brackets are escaped),
        // in the items and in the notes alike; no image, no HTML.
        for (const m of lines.join('\n').matchAll(/(?<!\\)\]\(\s*([^)\s]*)/g)) expect(m[1]).toMatch(/^https?:\/\//);
        for (const line of lines) expect(line).not.toMatch(/(?<!\\)!\[|(?<!\\)</);
      }),
    );
  });
});
