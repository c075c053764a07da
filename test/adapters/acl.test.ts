/**
 * The ACL Anthology adapter on the two saved builds of one author page
 * (../shared/fixtures/pages/acl, see SOURCES.md there), parsed with jsdom at the URL SOURCES.md
 * gives. Expected values were read from the raw HTML (a regex-only Python reader: the
 * `<strong><a class=align-middle href=…>` title links, the /people/ links after them, the
 * `title="Open PDF"` links and the abstract cards), not copied from the adapter's output.
 * Event and volume pages are not saved: the small synthetic pages below only pin down that the
 * same row reading applies there (unverified against the real site).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aclAdapter } from '../../content-scripts/adapters/acl';
import type { ExtractedEntry } from '../../content-scripts/adapters/types';
import { loadPage, parsePage } from '../../scripts/lib/dom';
import { PAGES_DIR, requireShared } from '../../scripts/lib/shared';
import { expectTitleElement } from '../support/title-element';

const AUTHOR_URL = 'https://aclanthology.org/people/a/andreas-madsack/';
const PAGES = {
  build2021: { file: 'author-andreas-madsack-2021-06.html', url: AUTHOR_URL },
  build2026: { file: 'author-andreas-madsack-2026-07.html', url: AUTHOR_URL },
} as const;
type PageName = keyof typeof PAGES;

const HAVE_PAGES = requireShared(
  'the ACL Anthology adapter suite',
  ...Object.values(PAGES).map((page) => `fixtures/pages/acl/${page.file}`),
);

const cache = new Map<PageName, ExtractedEntry[]>();
function entriesOf(name: PageName): ExtractedEntry[] {
  let entries = cache.get(name);
  if (!entries) {
    const doc = loadPage(path.join(PAGES_DIR, 'acl', PAGES[name].file), PAGES[name].url);
    entries = aclAdapter.extract(doc, new URL(PAGES[name].url));
    cache.set(name, entries);
  }
  return entries;
}

const ids = (entries: ExtractedEntry[]) => entries.map((e) => e.id);
/** Each entry's section, checked to be the text of the heading it carries (the year's <h4>). */
const sections = (entries: ExtractedEntry[]) =>
  entries.map((e) => {
    expect(e.sectionHeading?.textContent?.trim() ?? null).toBe(e.section);
    if (e.sectionHeading) expect(e.sectionHeading.localName).toBe('h4');
    return e.section;
  });

const TITLES = {
  in2writing: 'Data-to-text systems as writing environment',
  sigmorphon2019: 'AX Semantics’ Submission to the SIGMORPHON 2019 Shared Task',
  conll2018: 'AX Semantics’ Submission to the CoNLL–SIGMORPHON 2018 Shared Task',
  surfaceRealization: 'AX Semantics’ Submission to the Surface Realization Shared Task 2018',
  restApi: 'Multi-Language Surface Realisation as REST API based NLG Microservice',
  nlg17: 'A working, non-trivial, topically indifferent NLG System for 17 languages',
};
const SIX_AUTHORS = [
  'Andreas Madsack',
  'Johanna Heininger',
  'Nyamsuren Davaasambuu',
  'Vitaliia Voronik',
  'Michael Käufl',
  'Robert Weißgraeber',
];

describe.skipIf(!HAVE_PAGES)('ACL Anthology adapter on saved author pages', () => {
  it.each(Object.keys(PAGES) as PageName[])('%s: well-formed entries, control after the title', (name) => {
    const entries = entriesOf(name);
    expect(entries).toHaveLength(name === 'build2021' ? 5 : 6);
    expect(new Set(ids(entries)).size).toBe(entries.length);
    for (const { id, title, paper, elements, placement } of entries) {
      expect(id).toBe(paper.id);
      expect(title).toBe(paper.title);
      const anthologyId = id.slice('acl:'.length);
      expect(paper.url).toBe(`https://aclanthology.org/${anthologyId}/`);
      expect(paper.pdfUrl).toMatch(new RegExp(`/${anthologyId.replace(/\./g, '\\.')}\\.pdf$`));
      expect(paper.site).toBe('acl');
      // Neither build's rows link a DOI.
      expect(paper.aliases).toEqual([]);
      expect(paper.authors.length).toBeGreaterThan(0);
      expect(paper.authors).not.toContain('Proceedings of the 10th International Conference on Natural Language Generation');
      // One row per entry, with the abstract card after it where the paper has one (hidden and
      // moved with the row); the control right after the <strong> around the title link.
      expect(elements.map((el) => el.getAttribute('class'))).toEqual(
        paper.abstract === null ? [expect.stringContaining('d-sm-flex')] : [expect.stringContaining('d-sm-flex'), expect.stringContaining('abstract-collapse')],
      );
      if (elements[1]) expect(elements[1].id).toBe(`abstract-${anthologyId.replace(/\./g, '--')}`);
      expect(elements[1] ?? null).toBe(elements[0]!.nextElementSibling?.classList.contains('abstract-collapse') ? elements[0]!.nextElementSibling : null);
      expect(placement.position).toBe('afterend');
      expect(placement.anchor.localName).toBe('strong');
      expect(placement.anchor.closest('a')).toBeNull();
      expect(placement.anchor.firstElementChild!.localName).toBe('a');
      expect(elements[0]!.contains(placement.anchor)).toBe(true);
      expect(elements[0]!.matches(aclAdapter.entrySelector(new URL(PAGES[name].url)))).toBe(true);
    }
    // Each control is named by the title link (ariaLabelledByElements), which does not hold it.
    for (const entry of entries) {
      expect(entry.titleElement!.matches('strong > a')).toBe(true);
      expectTitleElement(entry);
    }
  });

  it('skip: rows already read are left out; sections still follow the headings', () => {
    const url = new URL(PAGES.build2026.url);
    const doc = loadPage(path.join(PAGES_DIR, 'acl', PAGES.build2026.file), url.href);
    const rows = [...doc.querySelectorAll(aclAdapter.entrySelector(url))];
    expect(rows).toHaveLength(6);
    const firstThree = new Set(rows.slice(0, 3));
    const rest = aclAdapter.extract(doc, url, { skip: (el) => firstThree.has(el) });
    expect(ids(rest)).toEqual(['acl:W18-3607', 'acl:K18-3004', 'acl:W17-3524']);
    expect(sections(rest)).toEqual(['2018', '2018', '2017']);
    expect(aclAdapter.extract(doc, url, { skip: () => true })).toEqual([]);
  });

  describe('2021 build (links /anthology/<id>/, PDFs on www.aclweb.org)', () => {
    const entries = () => entriesOf('build2021');

    it('5 papers under their year headings, ids from /anthology/<id>/ links', () => {
      expect(ids(entries())).toEqual(['acl:W19-4201', 'acl:K18-3004', 'acl:W18-3607', 'acl:W18-6560', 'acl:W17-3524']);
      expect(sections(entries())).toEqual(['2019', '2018', '2018', '2018', '2017']);
      expect(entries().map((e) => e.title)).toEqual([
        TITLES.sigmorphon2019,
        TITLES.conll2018,
        TITLES.surfaceRealization,
        TITLES.restApi,
        TITLES.nlg17,
      ]);
    });

    it('first and last entries', () => {
      const first = entries()[0]!.paper;
      expect(first).toMatchObject({
        id: 'acl:W19-4201',
        title: TITLES.sigmorphon2019,
        authors: ['Andreas Madsack', 'Robert Weißgraeber'],
        url: 'https://aclanthology.org/W19-4201/',
        pdfUrl: 'https://www.aclweb.org/anthology/W19-4201.pdf',
        primaryCategory: null,
        subjects: [],
        comments: null,
        site: 'acl',
      });
      expect(first.abstract!.startsWith('This paper describes the AX Semantics’ submission to the SIGMORPHON 2019 shared task')).toBe(true);
      expect(first.abstract).toHaveLength(592);
      expect(entries().at(-1)!.paper).toEqual({
        id: 'acl:W17-3524',
        title: TITLES.nlg17,
        authors: ['Robert Weißgraeber', 'Andreas Madsack'],
        abstract:
          'A fully fledged practical working application for a rule-based NLG system is presented that is able to create non-trivial, human sounding narrative from structured data, in any language and for any topic.',
        url: 'https://aclanthology.org/W17-3524/',
        pdfUrl: 'https://www.aclweb.org/anthology/W17-3524.pdf',
        primaryCategory: null,
        subjects: [],
        comments: null,
        site: 'acl',
        aliases: [],
        venue: 'Proceedings of the 10th International Conference on Natural Language Generation',
      });
    });

    it('venues: the volume each row names', () => {
      expect(entries().map((e) => e.paper.venue)).toEqual([
        'Proceedings of the 16th Workshop on Computational Research in Phonetics, Phonology, and Morphology',
        'Proceedings of the CoNLL–SIGMORPHON 2018 Shared Task: Universal Morphological Reinflection',
        'Proceedings of the First Workshop on Multilingual Surface Realisation',
        'Proceedings of the 11th International Conference on Natural Language Generation',
        'Proceedings of the 10th International Conference on Natural Language Generation',
      ]);
    });

    it('authors and abstracts: one paper has no abstract (no "abs" button, no card)', () => {
      expect(entries().map((e) => e.paper.authors)).toEqual([
        ['Andreas Madsack', 'Robert Weißgraeber'],
        ['Andreas Madsack', 'Alessia Cavallo', 'Johanna Heininger', 'Robert Weißgraeber'],
        SIX_AUTHORS,
        SIX_AUTHORS,
        ['Robert Weißgraeber', 'Andreas Madsack'],
      ]);
      expect(entries().map((e) => e.paper.abstract?.length ?? null)).toEqual([592, null, 309, 361, 204]);
    });
  });

  describe('2026 build (links /<id>/, a new-style id, PDFs on aclanthology.org)', () => {
    const entries = () => entriesOf('build2026');

    it('6 papers under their year headings, ids from /<id>/ links', () => {
      expect(ids(entries())).toEqual([
        'acl:2022.in2writing-1.1',
        'acl:W19-4201',
        'acl:W18-6560',
        'acl:W18-3607',
        'acl:K18-3004',
        'acl:W17-3524',
      ]);
      expect(sections(entries())).toEqual(['2022', '2019', '2018', '2018', '2018', '2017']);
    });

    it('first and last entries', () => {
      const first = entries()[0]!.paper;
      expect(first).toMatchObject({
        id: 'acl:2022.in2writing-1.1',
        title: TITLES.in2writing,
        authors: ['Adela Schneider', 'Andreas Madsack', 'Johanna Heininger', 'Ching-Yi Chen', 'Robert Weißgraeber'],
        url: 'https://aclanthology.org/2022.in2writing-1.1/',
        pdfUrl: 'https://aclanthology.org/2022.in2writing-1.1.pdf',
        venue: 'Proceedings of the First Workshop on Intelligent and Interactive Writing Assistants (In2Writing 2022)',
      });
      // The abstract card's id mangles the anthology id: abstract-2022--in2writing-1--1.
      expect(first.abstract!.startsWith('Today, data-to-text systems are used as commercial solutions for automated text productionof')).toBe(true);
      expect(first.abstract).toHaveLength(852);
      const last = entries().at(-1)!.paper;
      expect(last).toMatchObject({
        id: 'acl:W17-3524',
        title: TITLES.nlg17,
        authors: ['Robert Weißgraeber', 'Andreas Madsack'],
        pdfUrl: 'https://aclanthology.org/W17-3524.pdf',
      });
      expect(last.abstract).toHaveLength(204);
    });

    it('the same paper reads the same on both builds (except where the PDF is hosted)', () => {
      const old = new Map(entriesOf('build2021').map((e) => [e.id, e.paper]));
      for (const { id, paper } of entries()) {
        const before = old.get(id);
        if (!before) continue;
        expect({ ...paper, pdfUrl: null }).toEqual({ ...before, pdfUrl: null });
      }
      expect(entries().filter((e) => old.has(e.id))).toHaveLength(5);
    });
  });
});

describe('aclAdapter.matches', () => {
  const accepted = [
    'https://aclanthology.org/people/a/andreas-madsack/',
    'https://aclanthology.org/people/andreas-madsack/',
    'https://aclanthology.org/people/andreas-madsack/unverified/',
    'https://aclanthology.org/events/acl-2020/',
    'https://aclanthology.org/events/acl-2020',
    'https://aclanthology.org/volumes/2020.acl-main/',
    'https://aclanthology.org/volumes/W19-42/',
    'https://aclanthology.org/anthology/people/a/andreas-madsack/',
    'https://www.aclweb.org/anthology/people/a/andreas-madsack/',
    'https://www.aclweb.org/anthology/volumes/W19-42/',
  ];
  const rejected = [
    'http://aclanthology.org/people/a/andreas-madsack/', // https only
    'https://aclanthology.org/',
    'https://aclanthology.org/people/',
    'https://aclanthology.org/2020.acl-main.1/', // a paper page, not a listing
    'https://aclanthology.org/2020.acl-main.1.pdf',
    'https://aclanthology.org/venues/acl/',
    'https://aclanthology.org/search/?q=parsing',
    'https://aclanthology.org/faq/',
    'https://aclanthology.org/volumes/2020.acl-main/extra/',
    'https://www.aclweb.org/people/a/andreas-madsack/',
    'https://www.aclweb.org/portal/',
    'https://aclanthology.org.evil.example/people/a/x/',
    'https://evil-aclanthology.org/people/a/x/',
  ];
  it.each(accepted)('accepts %s', (url) => expect(aclAdapter.matches(new URL(url))).toBe(true));
  it.each(rejected)('rejects %s', (url) => expect(aclAdapter.matches(new URL(url))).toBe(false));
});

describe('aclAdapter.extract on small and odd markup', () => {
  const fromHtml = (html: string, url: string) => aclAdapter.extract(parsePage(html, url), new URL(url));
  const row = (id: string, title: string, extra = '') =>
    `<p class="d-sm-flex align-items-stretch"><span class="d-block me-2 list-button-row"><a class="badge" href=https://aclanthology.org/${id}.pdf title="Open PDF">pdf</a></span>` +
    `<span class=d-block><strong><a class=align-middle href=/${id}/>${title}</a></strong><br><a href=/people/a-b/>A B</a> | <a href=/people/c-d/>C D</a>${extra}</span></p>`;

  it('returns [] for empty and unrelated documents', () => {
    const url = 'https://aclanthology.org/people/a/andreas-madsack/';
    expect(fromHtml('', url)).toEqual([]);
    expect(fromHtml('<section id=main><div class=d-sm-flex><strong>No link</strong></div></section>', url)).toEqual([]);
    expect(fromHtml(`<section id=main>${row('P19-1001', 'T')}</section>`, 'https://aclanthology.org/faq/')).toEqual([]);
  });

  it('a volume page (unverified markup): front matter and papers, no section headings', () => {
    const url = 'https://aclanthology.org/volumes/2020.acl-main/';
    const html = `<section id=main><h2 id=title>Proceedings of the 58th Annual Meeting</h2>
      ${row('2020.acl-main.0', 'Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics')}
      ${row('2020.acl-main.1', 'Learning to Understand Child-directed and Adult-directed Speech')}
      ${row('2020.acl-main.2', 'Predicting Depression in Screening Interviews from Latent Categorization of Interview Prompts')}</section>`;
    const entries = fromHtml(html, url);
    expect(ids(entries)).toEqual(['acl:2020.acl-main.0', 'acl:2020.acl-main.1', 'acl:2020.acl-main.2']);
    expect(sections(entries)).toEqual([null, null, null]);
    expect(entries[1]!.paper).toMatchObject({
      authors: ['A B', 'C D'],
      abstract: null,
      pdfUrl: 'https://aclanthology.org/2020.acl-main.1.pdf',
    });
  });

  it("an event page (no saved copy: the heading as the Anthology's events template writes it): volume titles become sections", () => {
    const url = 'https://aclanthology.org/events/acl-2019/';
    // hugo/layouts/events/single.html in acl-org/acl-anthology: the volume's pdf and bib links, then its title.
    const heading = (volume: string, title: string) =>
      `<h4 class="d-sm-flex pb-2 border-bottom"><span class="d-block me-2 list-button-row"><a class="badge text-bg-primary" href="https://aclanthology.org/${volume}.pdf">pdf&nbsp;(full)</a><br class="d-none d-sm-inline-block"><a class="badge text-bg-secondary" href="/${volume}.bib">bib&nbsp;(full)</a></span><a class=align-middle href=/volumes/${volume}/>${title}</a></h4>`;
    const html = `<section id=main>${heading('P19-1', 'Proceedings of the 57th Annual Meeting')}${row('P19-1001', 'One')}
      ${heading('W19-53', 'Proceedings of the Fourth Conference on Machine Translation')}${row('W19-5301', 'Two')}</section>`;
    expect(fromHtml(html, url).map((e) => [e.id, e.section])).toEqual([
      ['acl:P19-1001', 'Proceedings of the 57th Annual Meeting'],
      ['acl:W19-5301', 'Proceedings of the Fourth Conference on Machine Translation'],
    ]);
  });

  it('skips rows whose title link is not a paper id; non-http PDF links are dropped', () => {
    const url = 'https://aclanthology.org/people/x/';
    const html = `<section id=main>
      ${row('volumes/W19-42', 'A volume link')}
      ${row('not-an-id', 'Nonsense')}
      ${row('P19-1001', '   ')}
      ${row('P19-1002', 'Good  &amp; kept').replace('https://aclanthology.org/P19-1002.pdf', 'javascript:alert(1)')}
    </section>`;
    const entries = fromHtml(html, url);
    expect(entries.map((e) => [e.id, e.title])).toEqual([['acl:P19-1002', 'Good & kept']]);
    expect(entries[0]!.paper.pdfUrl).toBeNull();
  });

  it('a DOI the row links is the entry\'s alias (an arXiv DOI is the arXiv paper); other links are not', () => {
    const url = 'https://aclanthology.org/volumes/2020.acl-main/';
    const doi = (href: string) => `<a href="${href}">DOI</a>`;
    const html = `<section id=main>
      ${row('2020.acl-main.1', 'With DOI', doi('https://doi.org/10.18653/v1/2020.acl-main.1'))}
      ${row('2020.acl-main.2', 'Two links, one repeated', doi('https://dx.doi.org/10.18653/V1/2020.acl-main.2') + doi('https://doi.org/10.18653/v1/2020.acl-main.2') + doi('https://doi.org/10.48550/arXiv.2005.00001'))}
      ${row('2020.acl-main.3', 'Not DOIs', doi('https://example.org/doi.org/10.1/x') + doi("javascript:alert('https://doi.org/10.1000/x')") + doi('https://doi.org/not-a-doi'))}
      ${row('2020.acl-main.4', 'No DOI')}</section>`;
    expect(fromHtml(html, url).map((e) => [e.id, e.paper.aliases])).toEqual([
      ['acl:2020.acl-main.1', ['doi:10.18653/v1/2020.acl-main.1']],
      ['acl:2020.acl-main.2', ['doi:10.18653/v1/2020.acl-main.2', 'arxiv:2005.00001']],
      ['acl:2020.acl-main.3', []],
      ['acl:2020.acl-main.4', []],
    ]);
  });

  it('an abstract card is only read when it belongs to the row', () => {
    const url = 'https://aclanthology.org/people/x/';
    const abs = (id: string, text: string) => `<div class="card collapse abstract-collapse" id=abstract-${id}><div class=card-body>${text}</div></div>`;
    const html = `<section id=main>
      ${row('P19-1001', 'With toggle').replace('title="Open PDF">pdf</a>', 'title="Open PDF">pdf</a><a href=#abstract-P19-1001 aria-controls=abstract-P19-1001>abs</a>')}
      <div>something in between</div>${abs('P19-1001', 'First abstract.')}
      ${row('P19-1002', 'Card right after, no toggle')}${abs('P19-1002', 'Second  abstract.')}
      ${row('P19-1003', 'Toggle pointing elsewhere').replace('title="Open PDF">pdf</a>', 'title="Open PDF">pdf</a><a aria-controls=abstract-nothing>abs</a>')}
      ${row('P19-1004', 'No card')}</section>`;
    expect(fromHtml(html, url).map((e) => e.paper.abstract)).toEqual(['First abstract.', 'Second abstract.', null, null]);
  });
});
