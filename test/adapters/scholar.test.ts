/**
 * The Google Scholar adapter on real saved pages (../shared/fixtures/pages/scholar, see
 * SOURCES.md there), each parsed with jsdom at the URL it was served from. Expected values were
 * read from the raw HTML (grep and a regex-only Python reader), not copied from the adapter.
 *
 * One page needs care: the 2020 "geology" page declares ISO-8859-1 in its <meta>, but its bytes
 * are UTF-8 (its 39 NBSPs are C2 A0, its 3 "±" C2 B1, and it is valid UTF-8 throughout): the
 * repository that saved it wrote the decoded text back out as UTF-8. Decoded by the meta, every
 * NBSP reads "Â " (mojibake the live page never had). loadPage, like the browsers the e2e tests
 * and the demo serve it to, reads it as UTF-8 (savedPageCharset), which gives the text the
 * browser showed; a test below checks that the meta-charset reading yields the same entries.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { scholarAdapter } from '../../content-scripts/adapters/scholar';
import { clusterOfResultId } from '../../content-scripts/adapters/scholar-results';
import type { ExtractedEntry } from '../../content-scripts/adapters/types';
import { declaredCharset, loadPage, parsePage, savedPageCharset } from '../../scripts/lib/dom';
import { PAGES_DIR, requireShared } from '../../scripts/lib/shared';
import { expectTitleElement } from '../support/title-element';

const GEOLOGY_QUERY =
  'Geology+of+the+Olympus+Range+area,southern+Victoria+Land,+Antarctica.+Isaac+M.J.,+Chinn+T.J.,+Edbrooke+S.W.,Forsyth+P.J.+1996';
const PAGES = {
  geology: {
    file: 'gscholar-search-geology-olympus-range-2020-11.html',
    url: `https://scholar.google.com/scholar?hl=en&as_sdt=0%2C6&q=${GEOLOGY_QUERY}`,
  },
  captcha: {
    file: 'gscholar-search-captcha-noresults-2020-11.html',
    url: `https://scholar.google.com/scholar?hl=en&as_sdt=0%2C6&q=${GEOLOGY_QUERY}`,
  },
  deepArchitectures: {
    file: 'gscholar-search-learning-deep-architectures-2016-05.html',
    url: 'https://scholar.google.co.jp/scholar?hl=en&q=%22Learning+deep+architectures+for+AI%22&num=1',
  },
  featureLearning: {
    file: 'gscholar-search-unsupervised-feature-learning-2016-05.html',
    url: 'https://scholar.google.co.jp/scholar?hl=en&q=%22Unsupervised+feature+learning+and+deep+learning:+A+review+and+new+perspectives%22',
  },
  cluster: {
    file: 'gscholar-cluster-single-result-2016-05.html',
    url: 'https://scholar.google.co.jp/scholar?hl=en&cluster=5362332738201102290&num=1',
  },
} as const;
type PageName = keyof typeof PAGES;

const HAVE_PAGES = requireShared(
  'the Google Scholar adapter suite',
  ...Object.values(PAGES).map((page) => `fixtures/pages/scholar/${page.file}`),
);

const filePath = (name: PageName) => path.join(PAGES_DIR, 'scholar', PAGES[name].file);

const openPage = (name: PageName): Document => loadPage(filePath(name), PAGES[name].url);

const cache = new Map<PageName, ExtractedEntry[]>();
function entriesOf(name: PageName): ExtractedEntry[] {
  let entries = cache.get(name);
  if (!entries) {
    entries = scholarAdapter.extract(openPage(name), new URL(PAGES[name].url));
    cache.set(name, entries);
  }
  return entries;
}

const ids = (entries: ExtractedEntry[]) => entries.map((e) => e.id);

/** The cites= numbers of the raw page, in order (one per result on these pages). */
function rawCites(name: PageName): string[] {
  return [...readFileSync(filePath(name), 'utf8').matchAll(/\/scholar\?cites=(\d+)/g)].map((m) => m[1]!);
}

describe.skipIf(!HAVE_PAGES)('Google Scholar adapter on saved pages', () => {
  const expectedCounts: Record<PageName, number> = {
    geology: 10,
    captcha: 0,
    deepArchitectures: 1,
    featureLearning: 1,
    cluster: 1,
  };

  it.each(Object.keys(PAGES) as PageName[])('%s: exact count, well-formed entries', (name) => {
    const entries = entriesOf(name);
    expect(entries).toHaveLength(expectedCounts[name]);
    expect(new Set(ids(entries)).size).toBe(entries.length);
    for (const { id, title, section, paper, elements, placement } of entries) {
      expect(id).toBe(paper.id);
      expect(title).toBe(paper.title);
      expect(section).toBeNull();
      expect(id).toMatch(/^(?:scholar:\d+|doi:10\.\S+|arxiv:\d{4}\.\d{4,5})$/);
      expect(paper.site).toBe('scholar');
      // Results keyed by their cluster have no alias; the others carry their cluster.
      expect(paper.aliases).toEqual(id.startsWith('scholar:') ? [] : [expect.stringMatching(/^scholar:\d+$/)]);
      expect(paper.title).not.toMatch(/\[(?:PDF|HTML|CITATION|C)\]/);
      expect(paper.authors.length).toBeGreaterThan(0);
      expect(paper.url).toMatch(/^https?:\/\//);
      if (paper.pdfUrl !== null) expect(paper.pdfUrl).toMatch(/^https?:\/\//);
      // One .gs_r per entry; the control at the end of its h3.gs_rt, outside any link.
      expect(elements).toHaveLength(1);
      expect(elements[0]!.classList.contains('gs_r')).toBe(true);
      expect(placement.position).toBe('beforeend');
      expect(placement.anchor.matches('h3.gs_rt')).toBe(true);
      expect(placement.heading).toBe(placement.anchor);
      expect(placement.anchor.closest('a')).toBeNull();
      expect(elements[0]!.contains(placement.anchor)).toBe(true);
      expect(elements[0]!.matches(scholarAdapter.entrySelector(new URL(PAGES[name].url)))).toBe(true);
    }
    // A control is named by its result's title link where there is one ([CITATION] results
    // have none, and keep a copy of the title).
    for (const entry of entries) {
      const link = entry.placement.anchor.querySelector('a[href]');
      if (!link) expect(entry.titleElement).toBeUndefined();
      else {
        expect(entry.titleElement).toBe(link);
        expectTitleElement(entry);
      }
    }
  });

  it('skip: results already read are left out, the others read as before', () => {
    const doc = openPage('geology');
    const url = new URL(PAGES.geology.url);
    const first4 = new Set([...doc.querySelectorAll('.gs_r')].slice(0, 4));
    const rest = scholarAdapter.extract(doc, url, { skip: (el) => first4.has(el) });
    expect(ids(rest)).toEqual(ids(entriesOf('geology')).slice(4));
    expect(rest.map((e) => e.paper)).toEqual(entriesOf('geology').slice(4).map((e) => e.paper));
    expect(scholarAdapter.extract(doc, url, { skip: () => true })).toEqual([]);
  });

  it('listingSummary: the results count above the results (2020: its inner line; 2016: the bar, empty on some pages)', () => {
    const summary = (name: PageName) => scholarAdapter.listingSummary!(openPage(name), new URL(PAGES[name].url));
    const text = (el: Element | null) => el!.textContent!.replace(/\s+/g, ' ').trim();
    expect(summary('geology')!.className).toBe('gs_ab_mdw');
    expect(text(summary('geology'))).toBe('About 30 results (0.05 sec)');
    expect(summary('cluster')!.id).toBe('gs_ab_md');
    expect(text(summary('cluster'))).toBe('7 results (0.01 sec)');
    expect(summary('deepArchitectures')!.id).toBe('gs_ab_md');
    expect(text(summary('deepArchitectures'))).toBe('');
    // Not a results page: none.
    expect(scholarAdapter.listingSummary!(openPage('geology'), new URL('https://scholar.google.com/citations?user=x'))).toBeNull();
  });

  it('the CAPTCHA page: zero entries and no error (it has chrome, and a data-cid on the cite dialog)', () => {
    const doc = openPage('captcha');
    expect(doc.body.textContent).toMatch(/not a robot/);
    expect(doc.querySelectorAll('.gs_ri')).toHaveLength(0);
    expect(scholarAdapter.extract(doc, new URL(PAGES.captcha.url))).toEqual([]);
  });

  describe('geology search, 2020 markup (10 results)', () => {
    const entries = () => entriesOf('geology');

    it('ids: the cluster from "All N versions" / "Cited by", a DOI from a publisher /doi/ link', () => {
      const cites = rawCites('geology');
      expect(cites).toHaveLength(10);
      expect(ids(entries())).toEqual(
        cites.map((c, i) => (i === 6 ? 'doi:10.1002/jqs.691' : `scholar:${c}`)),
      );
    });

    it('years: the one in the middle of each result\'s green line ("Venue, 2002")', () => {
      expect(entries().map((e) => e.paper.year)).toEqual([1996, 2002, 2002, 1996, 2001, 2003, 2002, 2002, 1999, 2002]);
    });

    it('first entry: a [CITATION] without a link, id from its "Cited by" link only', () => {
      expect(entries()[0]!.paper).toEqual({
        id: 'scholar:15801554877513113826',
        title: 'Geology of the Olympus Range Area, Southern Victoria Land',
        authors: ['MJ Isaac', 'TJ Chinn', 'SW Edbrooke', 'PJ Forsyth'],
        abstract: null,
        url: 'https://scholar.google.com/scholar?cluster=15801554877513113826',
        pdfUrl: null,
        primaryCategory: null,
        subjects: [],
        comments: null,
        site: 'scholar',
        aliases: [],
        year: 1996,
      });
    });

    it('a [PDF] title: the label is dropped, the title link is also the PDF', () => {
      const second = entries()[1]!.paper;
      expect(second.id).toBe('scholar:8188755959889491825');
      expect(second.title).toBe(
        'Plutonic rocks from the Cape Roberts hinterland: Wilson piedmont glacier, southern Victoria land, Antarctica',
      );
      expect(second.authors).toEqual(['PJ Forsyth', 'N Mortimer', 'IM Turnbull']);
      const pdf = 'http://sidst3.dst.unisi.it/english/Publications/TAP/TA_pdfs/Volume_09/TA_09_057_Forsyth.pdf';
      expect(second.url).toBe(pdf);
      expect(second.pdfUrl).toBe(pdf);
      expect(second.abstract).toBe(
        'Previous geological mapping of the inland Dry Valleys area of southern Victoria Land identified a number of 1-10 km-size granitoid plutons, and assigned them to calc-alkaline (DV1a), adakitic (DV1b) and monzonitic (DV2) suites. In the adjacent coastal Wilson …',
      );
    });

    it('a cut author list ("B Leitner…") and an HTML side link that is not a PDF', () => {
      const sixth = entries()[5]!.paper;
      expect(sixth.id).toBe('scholar:10850020273222537549');
      expect(sixth.authors).toEqual(['S Bannister', 'J Yu', 'B Leitner']);
      expect(sixth.authorsCut).toBe(true);
      // The two results whose lists Scholar cut ("B Leitner…", "B Overturf…") say so; no other does.
      expect(entries().map((e) => e.paper.authorsCut === true)).toEqual([false, false, false, false, false, true, true, false, false, false]);
      const seventh = entries()[6]!.paper;
      expect(seventh.id).toBe('doi:10.1002/jqs.691');
      expect(seventh.title).toBe(
        'Glacial Lake Victoria, a high‐level Antarctic lake inferred from lacustrine deposits in Victoria Valley',
      );
      expect(seventh.authors).toEqual(['BL Hall', 'GH Denton', 'B Overturf']);
      expect(seventh.url).toBe('https://onlinelibrary.wiley.com/doi/abs/10.1002/jqs.691');
      expect(seventh.pdfUrl).toBeNull();
    });

    it('the DOI result carries its cluster ("All 2 versions" / "Cited by") as an alias; the others none', () => {
      const cites = rawCites('geology');
      expect(cites[6]).toBe('18026851802484925231');
      expect(entries().map((e) => e.paper.aliases)).toEqual(cites.map((c, i) => (i === 6 ? [`scholar:${c}`] : [])));
      // Without its footer links the alias still comes from data-cid (L2O5OTQ-LPoJ), as ids do.
      const doc = openPage('geology');
      for (const a of doc.querySelectorAll('.gs_r[data-cid] .gs_fl a')) a.remove();
      const bare = scholarAdapter.extract(doc, new URL(PAGES.geology.url));
      expect(bare[6]!.paper.aliases).toEqual(['scholar:18026851802484925231']);
    });

    it('last entry: side [PDF] link, title link to the landing page', () => {
      expect(entries().at(-1)!.paper).toEqual({
        id: 'scholar:2445773960792234109',
        title: 'Surficial geology and geomorphology of the western Olympus Range, Antarctica: Implications for ice-sheet history',
        authors: ['B VandenHeuvel'],
        abstract:
          '… Glacial geology and geomorphology of four cirques in the western Olympus Range … Figure 5. Satellite image of western Wright Valley and the western Olympus Range showing Cirques AE (from United States Geological Survey, McMurdo Dry Valleys, Antarctica … Olympus Range …',
        url: 'https://digitalcommons.library.umaine.edu/etd/657/',
        pdfUrl: 'https://digitalcommons.library.umaine.edu/cgi/viewcontent.cgi?article=1546&context=etd',
        primaryCategory: null,
        subjects: [],
        comments: null,
        site: 'scholar',
        aliases: [],
        year: 2002,
      });
    });

    it('titles keep what Scholar shows (a leading "…" when it cut the title); 9 of 10 have a snippet', () => {
      expect(entries()[4]!.title).toBe(
        '… erosion, uplift and unroofing of the Transantarctic Mountains deduced from sandstone detrital modes in CRP-3 drillcore, Victoria Land Basin, Antarctica',
      );
      expect(entries().filter((e) => e.paper.abstract !== null)).toHaveLength(9);
    });

    it('data-cid is the cluster id in base64 (all 10 results), used when the links are gone', () => {
      const doc = openPage('geology');
      const results = [...doc.querySelectorAll('.gs_r[data-cid]')];
      expect(results.map((r) => clusterOfResultId(r.getAttribute('data-cid')))).toEqual(rawCites('geology'));
      for (const result of results) for (const a of result.querySelectorAll('.gs_fl a')) a.remove();
      const entries = scholarAdapter.extract(doc, new URL(PAGES.geology.url));
      expect(ids(entries)).toEqual(ids(entriesOf('geology')));
    });

    it('is read as UTF-8 though it declares ISO-8859-1; the other pages as they declare', () => {
      const bytes = readFileSync(filePath('geology'));
      expect(declaredCharset(bytes)).toBe('iso-8859-1');
      expect(bytes.includes(Buffer.from([0xc2, 0xa0]))).toBe(true);
      expect(savedPageCharset(bytes)).toBe('utf-8');
      expect(entriesOf('geology')[0]!.paper.authors.at(-1)).toBe('PJ Forsyth');
      for (const name of ['deepArchitectures', 'featureLearning', 'cluster'] as const) {
        expect(savedPageCharset(readFileSync(filePath(name)))).toBe('utf-8');
      }
      // The captcha page declares ISO-8859-1 too, and is plain ASCII: it stays as declared.
      expect(savedPageCharset(readFileSync(filePath('captcha')))).toBe('iso-8859-1');
    });

    it('read by its meta charset (ISO-8859-1) the page gives the same entries, with mojibake text', () => {
      const bytes = readFileSync(filePath('geology'));
      const byMeta = new JSDOM(bytes, { url: PAGES.geology.url, contentType: 'text/html; charset=iso-8859-1' }).window.document;
      const entries = scholarAdapter.extract(byMeta, new URL(PAGES.geology.url));
      expect(ids(entries)).toEqual(ids(entriesOf('geology')));
      expect(entries[0]!.paper.authors.at(-1)).toBe('PJ ForsythÂ'); // "Forsyth\u00a0- " read as windows-1252
      expect(entries[0]!.title).toBe(entriesOf('geology')[0]!.title);
    });
  });

  describe('2016 markup (scholar.google.co.jp)', () => {
    it('"Learning deep architectures for AI": cluster from "All 58 versions", side [PDF] link', () => {
      expect(entriesOf('deepArchitectures')[0]!.paper).toEqual({
        id: 'scholar:5331804836605365413',
        title: 'Learning deep architectures for AI',
        authors: ['Y Bengio'],
        abstract:
          'Abstract Theoretical results suggest that in order to learn the kind of complicated functions that can represent high-level abstractions (eg, in vision, language, and other AI-level tasks), one may need deep architectures. Deep architectures are composed of multiple levels of ...',
        url: 'http://dl.acm.org/citation.cfm?id=1658424',
        pdfUrl:
          'http://sanghv.com/download/soft/machine%20learning,%20artificial%20intelligence,%20mathematics%20ebooks/ML/learning%20deep%20architectures%20for%20AI%20(2009).pdf',
        primaryCategory: null,
        subjects: [],
        comments: null,
        site: 'scholar',
        aliases: [],
        year: 2009,
      });
      expect(rawCites('deepArchitectures')).toEqual(['5331804836605365413']);
    });

    it('a [CITATION] without link or snippet whose venue is DBLP\'s "CoRR, abs/1206.5538": that arXiv paper, its cluster an alias', () => {
      expect(entriesOf('featureLearning')[0]!.paper).toEqual({
        id: 'arxiv:1206.5538',
        title: 'Unsupervised feature learning and deep learning: A review and new perspectives',
        authors: ['Y Bengio', 'AC Courville', 'P Vincent'],
        abstract: null,
        url: 'https://arxiv.org/abs/1206.5538',
        pdfUrl: 'https://arxiv.org/pdf/1206.5538',
        primaryCategory: null,
        subjects: [],
        comments: null,
        site: 'scholar',
        aliases: ['scholar:1290425714414184502'],
        year: 2012,
      });
    });

    it('the same result without its venue\'s arXiv id: its cluster from "Cited by", url its cluster page', () => {
      const doc = openPage('featureLearning');
      const line = doc.querySelector('.gs_a')!;
      line.lastChild!.textContent = ' - CoRR, 2012';
      expect(scholarAdapter.extract(doc, new URL(PAGES.featureLearning.url))[0]!.paper).toMatchObject({
        id: 'scholar:1290425714414184502',
        url: 'https://scholar.google.co.jp/scholar?cluster=1290425714414184502',
        pdfUrl: null,
        aliases: [],
      });
    });

    it.each([
      [' - arXiv preprint arXiv:1206.5538, 2012 - arxiv.org', 'arxiv:1206.5538'],
      [' - arXiv preprint arXiv:1501.00001v2, 2015', 'arxiv:1501.00001'],
      [' - arXiv preprint arXiv:1206.553…', null], // cut short by Scholar
      [' - arXiv preprint arXiv:2106.09608, 2021 - arxiv.org', 'arxiv:2106.09608'],
      [' - arXiv preprint arXiv:1206.55381, 2012', null], // no such id: five digits began in 2015
      [' - CoRR abs/1206.5538, 2012', 'arxiv:1206.5538'],
      [' - arXiv preprint arXiv:1206.5538.', 'arxiv:1206.5538'],
      [' - arXiv preprint arXiv:1501.0000...', null], // cut short by Scholar, with three dots
      [' - Journal of Machine Learning Research 13:1206.5538', null],
    ])('the venue %j names %s', (venue, expected) => {
      const doc = openPage('featureLearning');
      doc.querySelector('.gs_a')!.lastChild!.textContent = venue;
      expect(scholarAdapter.extract(doc, new URL(PAGES.featureLearning.url))[0]!.paper.id).toBe(expected ?? 'scholar:1290425714414184502');
    });

    it('the cluster page: its one result is the page cluster (from its own "Cited by" link)', () => {
      const [entry] = entriesOf('cluster');
      expect(entry!.paper).toMatchObject({
        id: 'scholar:5362332738201102290',
        title: 'Deep learning',
        authors: ['Y LeCun', 'Y Bengio', 'G Hinton'],
        url: 'http://www.nature.com/nature/journal/v521/n7553/abs/nature14539.html',
        pdfUrl: null,
      });
      expect(entry!.paper.abstract!.startsWith('Deep learning allows computational models that are composed of multiple processing layers')).toBe(true);
    });

    it('without its footer links, a 2016 result falls back to the page cluster, then to related:<result id>', () => {
      const clusterDoc = openPage('cluster');
      for (const a of clusterDoc.querySelectorAll('.gs_ri .gs_fl a[href*="cites="]')) a.remove();
      expect(ids(scholarAdapter.extract(clusterDoc, new URL(PAGES.cluster.url)))).toEqual(['scholar:5362332738201102290']);
      const doc = openPage('deepArchitectures');
      for (const a of doc.querySelectorAll('.gs_ri .gs_fl a[href*="cites="], .gs_ri .gs_fl a[href*="cluster="]')) a.remove();
      // "Related articles" is q=related:pYyS8T9g_kkJ:scholar.google.com/
      expect(ids(scholarAdapter.extract(doc, new URL(PAGES.deepArchitectures.url)))).toEqual(['scholar:5331804836605365413']);
    });
  });
});

describe('scholarAdapter.matches', () => {
  const accepted = [
    'https://scholar.google.com/scholar?q=deep+learning',
    'https://scholar.google.com/scholar?hl=en&as_sdt=0%2C5&q=x&btnG=',
    'https://scholar.google.com/scholar?cites=5362332738201102290',
    'https://scholar.google.com/scholar?cluster=5362332738201102290',
    'https://scholar.google.co.jp/scholar?hl=en&q=x',
    'https://scholar.google.de/scholar?q=x',
    'https://scholar.google.com.au/scholar?q=x',
    'https://scholar.google.co.uk/scholar?q=x',
    'https://scholar.google.cat/scholar?q=x',
  ];
  const rejected = [
    'http://scholar.google.com/scholar?q=x', // https only
    'https://scholar.google.com/',
    'https://scholar.google.com/citations?user=kukA0LcAAAAJ',
    'https://scholar.google.com/scholar_alerts?view_op=list_alerts',
    'https://scholar.google.com/scholar_lookup?title=x',
    'https://www.google.com/search?q=x',
    'https://scholar.google.evil.example/scholar?q=x',
    'https://scholar.google.com.evil.example/scholar?q=x',
    'https://scholar.googleusercontent.com/scholar?q=cache:x',
    'https://evilscholar.google.com/scholar?q=x',
  ];
  it.each(accepted)('accepts %s', (url) => expect(scholarAdapter.matches(new URL(url))).toBe(true));
  it.each(rejected)('rejects %s', (url) => expect(scholarAdapter.matches(new URL(url))).toBe(false));
});

describe('scholarAdapter.extract on small and odd markup', () => {
  const URL_SEARCH = 'https://scholar.google.com/scholar?q=x';
  const fromHtml = (html: string, url = URL_SEARCH) => scholarAdapter.extract(parsePage(html, url), new URL(url));
  const result = (inner: string, attrs = '') =>
    `<div class="gs_r gs_or gs_scl"${attrs}><div class="gs_ri">${inner}</div></div>`;

  it('reads the year from the middle of the green line only, and only when it ends it', () => {
    const line = (text: string, n: number) => result(`<h3 class="gs_rt"><a href="https://arxiv.org/abs/2101.0000${n}">T${n}</a></h3><div class="gs_a">${text}</div>`);
    const html = `<div id="gs_res_ccl_mid">${[
      'A Author - Journal of Things, 2019 - example.org',
      'A Author - 2007 - arxiv.org',
      'A Author - ICML 2019 Workshop - example.org',
      'A Author - arxiv.org',
      'A Author, B 2020 Author - Proc. 3000 - x',
      'no dash at all, 2019',
    ]
      .map((text, i) => line(text, i))
      .join('')}</div>`;
    expect(fromHtml(html).map((e) => e.paper.year)).toEqual([2019, 2007, undefined, undefined, undefined, undefined]);
  });

  it('returns [] for empty and unrelated documents', () => {
    expect(fromHtml('')).toEqual([]);
    expect(fromHtml('<div class="gs_r gs_alrt_btm"><a href="/scholar_alerts">Create alert</a></div>')).toEqual([]);
  });

  it('arXiv beats an Anthology link beats a DOI; javascript: links are not read', () => {
    const html = `<div id="gs_res_ccl_mid">
      ${result(
        '<h3 class="gs_rt"><a href="https://doi.org/10.18653/v1/P19-1001">A</a></h3><div class="gs_a">X Y - ACL, 2019</div>',
      ).replace('<div class="gs_ri">', '<div class="gs_ggs gs_fl"><a href="https://arxiv.org/pdf/1906.00001v2">[PDF] arxiv.org</a></div><div class="gs_ri">')}
      ${result(
        '<h3 class="gs_rt"><a href="https://doi.org/10.18653/v1/P19-1002">B</a></h3><div class="gs_a">X Y - ACL, 2019</div>',
      ).replace('<div class="gs_ri">', '<div class="gs_ggs gs_fl"><a href="https://aclanthology.org/P19-1002.pdf">[PDF] aclanthology.org</a></div><div class="gs_ri">')}
      ${result('<h3 class="gs_rt"><a href="javascript:alert(1)">C</a></h3><div class="gs_fl"><a href="/scholar?cluster=42">All 2 versions</a></div>')}
      ${result('<h3 class="gs_rt"><a href="https://dl.acm.org/doi/10.1145/3292500.3330701">D</a></h3>')}
      ${result('<h3 class="gs_rt"><a href="https://onlinelibrary.wiley.com/doi/10.1002/jqs.691/abstract">E</a></h3>')}
      ${result('<h3 class="gs_rt"><a href="https://example.org/x">No id at all</a></h3><div class="gs_fl"><a href="/scholar?cluster=0">bad</a></div>')}
    </div>`;
    const entries = fromHtml(html);
    expect(entries.map((e) => [e.id, e.title])).toEqual([
      ['arxiv:1906.00001', 'A'],
      ['acl:P19-1002', 'B'],
      ['scholar:42', 'C'],
      ['doi:10.1145/3292500.3330701', 'D'],
      ['doi:10.1002/jqs.691', 'E'],
    ]);
    expect(entries[0]!.paper.url).toBe('https://arxiv.org/abs/1906.00001');
    expect(entries[0]!.paper.pdfUrl).toBe('https://arxiv.org/pdf/1906.00001'); // arXiv's own, as every adapter stores it
    expect(entries[2]!.paper.url).toBe('https://scholar.google.com/scholar?cluster=42');
    // The other papers' ids the links name, one per scheme, and the Anthology id an ACL DOI
    // implies; no cluster anywhere in A, B, D, E; C is keyed by its cluster.
    expect(entries.map((e) => e.paper.aliases)).toEqual([['doi:10.18653/v1/p19-1001', 'acl:P19-1001'], ['doi:10.18653/v1/p19-1002'], [], [], []]);
  });

  it('a [CITATION] without a title link whose side link names a paper has that paper\'s page as its url', () => {
    const citation = (href: string) =>
      result('<h3 class="gs_rt"><span class="gs_ctu"><span class="gs_ct1">[CITATION]</span></span> A title</h3>').replace(
        '<div class="gs_ri">',
        `<div class="gs_ggs gs_fl"><a href="${href}">[PDF] x</a></div><div class="gs_ri">`,
      );
    const html = `<div id="gs_res_ccl_mid">${citation('https://aclanthology.org/2020.acl-main.1.pdf')}${citation('https://doi.org/10.1000/x%3Cy%3E')}</div>`;
    expect(fromHtml(html).map((e) => [e.id, e.paper.url])).toEqual([
      ['acl:2020.acl-main.1', 'https://aclanthology.org/2020.acl-main.1/'],
      ['doi:10.1000/x<y>', 'https://doi.org/10.1000/x%3Cy%3E'],
    ]);
  });

  it('a DOI too long for a canonical id names no paper (the background would refuse the page\'s whole request)', () => {
    const long = `10.1002/${'a'.repeat(290)}`;
    const html = `<div id="gs_res_ccl_mid">${result(`<h3 class="gs_rt"><a href="https://onlinelibrary.wiley.com/doi/${long}">A</a></h3><div class="gs_fl"><a href="/scholar?cluster=7">All 2 versions</a></div>`)}</div>`;
    expect(fromHtml(html).map((e) => e.id)).toEqual(['scholar:7']);
  });

  it('a result with an arXiv, Anthology or DOI id carries its cluster as an alias', () => {
    const side = (href: string) => `<div class="gs_ggs gs_fl"><a href="${href}">[PDF] x</a></div><div class="gs_ri">`;
    const html = `<div id="gs_res_ccl_mid">
      ${result('<h3 class="gs_rt"><a href="https://example.org/a">A</a></h3><div class="gs_fl"><a href="/scholar?cites=11">Cited by 3</a><a href="/scholar?cluster=11">All 2 versions</a></div>').replace('<div class="gs_ri">', side('https://arxiv.org/pdf/2106.09608v1'))}
      ${result('<h3 class="gs_rt"><a href="https://aclanthology.org/2020.acl-main.1/">B</a></h3><div class="gs_fl"><a href="/scholar?cites=12">Cited by 1</a></div>')}
      ${result('<h3 class="gs_rt"><a href="https://doi.org/10.1000/xyz">C</a></h3>', ' data-cid="0qfs6zbVakoJ"')}
      ${result('<h3 class="gs_rt"><a href="https://doi.org/10.1000/abc">D</a></h3>')}
    </div>`;
    expect(fromHtml(html).map((e) => [e.id, e.paper.aliases])).toEqual([
      ['arxiv:2106.09608', ['scholar:11']],
      ['acl:2020.acl-main.1', ['scholar:12']],
      ['doi:10.1000/xyz', ['scholar:5362332738201102290']],
      ['doi:10.1000/abc', []],
    ]);
    // On a ?cluster= page every result is a version of the page's cluster.
    const onCluster = fromHtml(
      result('<h3 class="gs_rt"><a href="https://arxiv.org/abs/2106.09608">A</a></h3>'),
      'https://scholar.google.com/scholar?cluster=5362332738201102290',
    );
    expect(onCluster.map((e) => [e.id, e.paper.aliases])).toEqual([['arxiv:2106.09608', ['scholar:5362332738201102290']]]);
  });

  it('labels in text form are dropped too; a result without a title is skipped', () => {
    const html = `${result('<h3 class="gs_rt">[BOOK][B] A book</h3><div class="gs_fl"><a href="/scholar?cites=7">Cited by 1</a></div>')}
      ${result('<h3 class="gs_rt"><span class="gs_ctu">[CITATION]</span></h3><div class="gs_fl"><a href="/scholar?cites=8">x</a></div>')}`;
    expect(fromHtml(html).map((e) => [e.id, e.title])).toEqual([['scholar:7', 'A book']]);
  });

  it('an authors line without " - " gives no authors; names are split on commas', () => {
    const html = `${result('<h3 class="gs_rt">T</h3><div class="gs_a">just some text</div><div class="gs_fl"><a href="/scholar?cites=7">x</a></div>')}
      ${result('<h3 class="gs_rt">U</h3><div class="gs_a">A B,  C D&nbsp;- V, 2000</div><div class="gs_fl"><a href="/scholar?cites=9">x</a></div>')}`;
    expect(fromHtml(html).map((e) => e.paper.authors)).toEqual([[], ['A B', 'C D']]);
  });

  it('clusterOfResultId decodes only the 9-byte form', () => {
    expect(clusterOfResultId('cXeT3ShOpHEJ')).toBe('8188755959889491825');
    expect(clusterOfResultId('0qfs6zbVakoJ')).toBe('5362332738201102290');
    expect(clusterOfResultId('gs_citd')).toBeNull();
    expect(clusterOfResultId('cXeT3ShOpHEA')).toBeNull(); // last byte not 0x09
    expect(clusterOfResultId('cXeT3ShOpHE!')).toBeNull();
    expect(clusterOfResultId('AAAAAAAAAAAJ')).toBeNull(); // cluster 0
    expect(clusterOfResultId(null)).toBeNull();
  });
});
