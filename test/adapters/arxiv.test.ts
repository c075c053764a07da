/**
 * The arXiv adapter on real saved pages (../shared/fixtures/pages/arxiv, see SOURCES.md there),
 * each parsed with jsdom at the URL it was served from. Expected values were read from the raw
 * HTML (grep and a regex-only Python reader), not copied from the adapter's output.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { arxivAdapter } from '../../content-scripts/adapters/arxiv';
import type { ExtractedEntry } from '../../content-scripts/adapters/types';
import { LIMITS } from '../../src/core/paper';
import { loadPage, parsePage } from '../../scripts/lib/dom';
import { PAGES_DIR, requireShared } from '../../scripts/lib/shared';

const PAGES = {
  co2022: {
    file: 'list-astro-ph.CO-pastweek-show1000-oldmarkup-2022-11-15.html',
    url: 'https://arxiv.org/list/astro-ph.CO/pastweek?show=1000',
  },
  co2024: {
    file: 'list-astro-ph.CO-pastweek-show1000-oldmarkup-2024-03-14.html',
    url: 'https://arxiv.org/list/astro-ph.CO/pastweek?show=1000',
  },
  quantPh: { file: 'list-quant-ph-new-newmarkup-2024-08-09.html', url: 'https://arxiv.org/list/quant-ph/new' },
  hepTh: { file: 'list-hep-th-new-newmarkup-2024-08-09.html', url: 'https://arxiv.org/list/hep-th/new' },
  mathPh: { file: 'list-math-ph-new-newmarkup-2024-08-09.html', url: 'https://arxiv.org/list/math-ph/new' },
  astroPh: {
    file: 'list-astro-ph-pastweek-newmarkup-browser-saved-2024-11-22.html',
    url: 'https://arxiv.org/list/astro-ph/pastweek?show=1000',
  },
  search: {
    file: 'search-abstract-distributed-systems-200results-2025-12.html',
    url: 'https://arxiv.org/search/?searchtype=abstract&query=distributed+systems&size=200',
  },
  abs2021: { file: 'abs-2106.09608-oldbrowse-2021-12.html', url: 'https://arxiv.org/abs/2106.09608' },
  abs2026: { file: 'abs-2609.22268-newdesign-2026-09.html', url: 'https://arxiv.org/abs/2609.22268' },
} as const;
type PageName = keyof typeof PAGES;

const HAVE_PAGES = requireShared(
  'the arXiv adapter suite',
  ...Object.values(PAGES).map((page) => `fixtures/pages/arxiv/${page.file}`),
);

function filePath(name: PageName): string {
  return path.join(PAGES_DIR, 'arxiv', PAGES[name].file);
}

/** The saved page as the browser saw it (loadPage decodes it as arXiv's HTTP header said: UTF-8). */
function openPage(name: PageName, url: string = PAGES[name].url): Document {
  return loadPage(filePath(name), url);
}

const cache = new Map<PageName, ExtractedEntry[]>();
/** The adapter's entries for a saved page (parsed and extracted once per page). */
function entriesOf(name: PageName): ExtractedEntry[] {
  let entries = cache.get(name);
  if (!entries) {
    entries = arxivAdapter.extract(openPage(name), new URL(PAGES[name].url));
    cache.set(name, entries);
  }
  return entries;
}

function ids(entries: ExtractedEntry[]): string[] {
  return entries.map((e) => e.paper.id);
}

/** Entry counts per section, in page order of first appearance. */
function sectionCounts(entries: ExtractedEntry[]): Array<[string | null, number]> {
  const counts = new Map<string | null, number>();
  for (const e of entries) counts.set(e.section, (counts.get(e.section) ?? 0) + 1);
  return [...counts];
}

/** Distinct /abs/<id> link targets in the raw HTML (what a naive link count would find). */
function distinctAbsLinks(name: PageName): number {
  const html = readFileSync(filePath(name), 'utf8');
  return new Set(html.match(/\/abs\/\d{4}\.\d{4,5}/g)).size;
}

describe.skipIf(!HAVE_PAGES)('arXiv adapter on saved pages', () => {
  describe('every page', () => {
    const expectedCounts: Record<PageName, number> = {
      co2022: 88,
      co2024: 76,
      quantPh: 78,
      hepTh: 49,
      mathPh: 23,
      astroPh: 397,
      search: 200,
      abs2021: 1,
      abs2026: 1,
    };

    // The papers whose author line ends "et al. (N additional authors not shown)" (found in the
    // raw HTML with a regex): said to be cut, and no other.
    const cutAuthorLists: Partial<Record<PageName, string[]>> = {
      co2022: ['arxiv:2211.03896'],
      co2024: ['arxiv:2403.08726', 'arxiv:2403.05398'],
      search: ['arxiv:2512.04147', 'arxiv:2512.05589', 'arxiv:2512.06291'],
    };

    it.each(Object.keys(PAGES) as PageName[])('%s: the author lists arXiv cut, and only those, are said to be cut', (name) => {
      const cut = entriesOf(name).filter((e) => e.paper.authorsCut === true);
      expect(cut.map((e) => e.id).sort()).toEqual([...(cutAuthorLists[name] ?? [])].sort());
    });

    it.each(Object.keys(PAGES) as PageName[])('%s: exact count, well-formed entries', (name) => {
      const entries = entriesOf(name);
      expect(entries).toHaveLength(expectedCounts[name]);
      expect(new Set(ids(entries)).size).toBe(entries.length); // no paper twice on these pages
      for (const { id, title, titleElement, paper, elements, placement } of entries) {
        // The id and title known up front are the ones of the (lazily read) full record.
        expect(id).toBe(paper.id);
        expect(title).toBe(paper.title);
        const bare = paper.id.replace(/^arxiv:/, '');
        expect(paper.id).toMatch(/^arxiv:\d{4}\.\d{4,5}$/);
        expect(paper.site).toBe('arxiv');
        expect(paper.url).toBe(`https://arxiv.org/abs/${bare}`);
        expect(paper.pdfUrl).toBe(`https://arxiv.org/pdf/${bare}`);
        expect(paper.title).not.toBe('');
        expect(paper.title).not.toMatch(/^Title:/);
        expect(paper.authors.length).toBeGreaterThan(0);
        expect(paper.primaryCategory).toBe(paper.subjects[0]);
        expect(paper.comments ?? '').not.toMatch(/^Comments:/);
        // The control's anchor is one of the entry's elements or inside one.
        expect(elements.some((el) => el === placement.anchor || el.contains(placement.anchor))).toBe(true);
        // Listings and search results name the control by the title's element: the entry's own
        // title line, which must not hold the control (the name would then take in its buttons).
        if (PAGES[name].url.includes('/abs/')) expect(titleElement).toBeUndefined();
        else {
          expect(titleElement!.matches('.list-title, p.title')).toBe(true);
          expect(elements.some((el) => el.contains(titleElement!))).toBe(true);
          expect(titleElement!.contains(placement.anchor)).toBe(false);
        }
      }
    });

    it("each listing entry with a section carries that section's heading: the <h3> last before it", () => {
      for (const name of ['co2022', 'co2024', 'quantPh', 'hepTh', 'mathPh', 'astroPh'] as const) {
        const entries = entriesOf(name);
        const headings = [...entries[0]!.elements[0]!.ownerDocument.querySelectorAll('#dlpage h3')];
        for (const { section, sectionHeading, elements } of entries) {
          const before = headings.filter((h) => h.compareDocumentPosition(elements[0]!) & 4 /* FOLLOWING */);
          expect(section).not.toBeNull();
          expect(sectionHeading).toBe(before.at(-1));
        }
        // One heading per section, as many as the page shows.
        const bySection = new Map(entries.map((e) => [e.section, e.sectionHeading]));
        expect(new Set(entries.map((e) => e.sectionHeading)).size).toBe(bySection.size);
      }
      expect(entriesOf('hepTh')[0]!.sectionHeading!.textContent).toMatch(/^New submissions for Friday, 9 August 2024/);
    });

    it('listings (their entries under headings) and abstract pages give no listing summary', () => {
      for (const name of ['co2022', 'co2024', 'quantPh', 'hepTh', 'mathPh', 'astroPh', 'abs2021', 'abs2026'] as const) {
        expect(arxivAdapter.listingSummary!(openPage(name), new URL(PAGES[name].url))).toBeNull();
      }
    });

    it('listing entries are the [dt, dd] pairs, with the control at the end of the dt', () => {
      for (const name of ['co2022', 'co2024', 'quantPh', 'hepTh', 'mathPh', 'astroPh'] as const) {
        for (const { elements, placement } of entriesOf(name)) {
          expect(elements.map((el) => el.localName)).toEqual(['dt', 'dd']);
          expect(elements[0]!.nextElementSibling).toBe(elements[1]);
          expect(placement).toEqual({ anchor: elements[0], position: 'beforeend' });
        }
      }
    });
  });

  describe('astro-ph.CO pastweek, old markup, 2022-11-15', () => {
    const entries = () => entriesOf('co2022');

    it('has 88 entries in 5 day groups', () => {
      expect(sectionCounts(entries())).toEqual([
        ['Tue, 15 Nov 2022', 24],
        ['Mon, 14 Nov 2022', 17],
        ['Fri, 11 Nov 2022', 19],
        ['Thu, 10 Nov 2022', 12],
        ['Wed, 9 Nov 2022', 16],
      ]);
    });

    it('first and last entries', () => {
      const first = entries()[0]!.paper;
      expect(first).toEqual({
        id: 'arxiv:2211.07607',
        title: 'Constraining accuracy of pairwise velocities using scale-free models',
        authors: ['Sara Maleubre', 'Daniel J. Eisenstein', 'Lehman H. Garrison', 'Michael Joyce'],
        abstract: null,
        url: 'https://arxiv.org/abs/2211.07607',
        pdfUrl: 'https://arxiv.org/pdf/2211.07607',
        primaryCategory: 'astro-ph.CO',
        subjects: ['astro-ph.CO'],
        comments: '16 pages, 14 figures, 1 table. Submitted to MNRAS',
        site: 'arxiv',
        aliases: [],
      });
      const last = entries().at(-1)!.paper;
      expect(last.id).toBe('arxiv:2211.03794');
      expect(last.title).toBe('Photon Ring Astrometry for Superradiant Clouds');
      expect(last.authors).toEqual(['Yifan Chen', 'Xiao Xue', 'Richard Brito', 'Vitor Cardoso']);
      // A cross-list: its own primary category first, then the others in page order.
      expect(last.primaryCategory).toBe('gr-qc');
      expect(last.subjects).toEqual(['gr-qc', 'astro-ph.CO', 'astro-ph.HE', 'hep-ph']);
      expect(entries().at(-1)!.section).toBe('Wed, 9 Nov 2022');
    });

    it('papers cited in comments are not entries (90 distinct /abs links, 88 entries)', () => {
      expect(distinctAbsLinks('co2022')).toBe(90);
      const all = ids(entries());
      expect(all).not.toContain('arxiv:2210.01770');
      expect(all).not.toContain('arxiv:2010.02212');
      const citing = entries().find((e) => e.paper.id === 'arxiv:2211.07027')!;
      expect(citing.paper.comments).toBe(
        '10 pages, 5 figures. Version prepared for inclusion in the Snowmass Book. Extended version at arXiv:2210.01770',
      );
      expect(entries().find((e) => e.paper.id === 'arxiv:2211.06016')!.paper.comments).toBe(
        '12 pages, 9 figures. arXiv admin note: substantial text overlap with arXiv:2010.02212',
      );
    });

    it('decodes entities, collapses whitespace, keeps TeX as written', () => {
      const pyn = entries()[3]!.paper; // "Pynkowski:  theory" has two spaces in the page
      expect(pyn.id).toBe('arxiv:2211.07562');
      expect(pyn.title).toBe('Minkowski Functionals of CMB polarisation intensity with Pynkowski: theory and application to Planck data');
      expect(pyn.authors[1]).toBe('Javier Carrón Duque'); // Carr&#xf3;n
      // The page shows the address as a link reading "this https URL".
      expect(pyn.comments).toBe('11 pages, 6 figures, $\\texttt{Pynkowski}$ can be found at https://github.com/javicarron/pynkowski');
      const cross = entries()[23]!.paper; // "(cross-list from gr-qc)"
      expect(cross.id).toBe('arxiv:2211.06079');
      expect(cross.authors).toEqual(['A. S. Arapoğlu', 'S. Çağan', 'A. E. Yükselci']);
      expect(cross.subjects).toEqual(['gr-qc', 'astro-ph.CO']);
    });
  });

  describe('astro-ph.CO pastweek, old markup, 2024-03-14 (last before the switch)', () => {
    const entries = () => entriesOf('co2024');

    it('has 76 entries in 5 day groups', () => {
      expect(sectionCounts(entries())).toEqual([
        ['Thu, 14 Mar 2024', 16],
        ['Wed, 13 Mar 2024', 13],
        ['Tue, 12 Mar 2024', 18],
        ['Mon, 11 Mar 2024', 16],
        ['Fri, 8 Mar 2024', 13],
      ]);
      expect(distinctAbsLinks('co2024')).toBe(77); // one more paper cited in a comment
    });

    it('first and last entries; a truncated author list keeps only the shown names', () => {
      const first = entries()[0]!.paper;
      expect(first.id).toBe('arxiv:2403.08726');
      expect(first.title).toBe('Euclid: Testing photometric selection of emission-line galaxy targets');
      // 63 linked names, then "et al. (84 additional authors not shown)" as plain text.
      expect(first.authors).toHaveLength(63);
      expect(first.authors.slice(0, 3)).toEqual(['M. S. Cagliari', 'B. R. Granett', 'L. Guzzo']);
      expect(first.authors.at(-1)).toBe('F. Hormuth');
      expect(first.authorsCut).toBe(true);
      expect(first.comments).toBe('19 pages, 12+3 figures, submitted to A&A');
      const last = entries().at(-1)!.paper;
      expect(last.id).toBe('arxiv:2403.03972');
      expect(last.title).toBe('On the cosmology and terrestrial signals of sexaquark dark matter');
      expect(last.authors).toEqual(['Marianne Moore', 'Tracy R. Slatyer']);
      expect(last.subjects).toEqual(['hep-ph', 'astro-ph.CO', 'hep-ex']);
    });
  });

  describe('/new pages, new markup, 2024-08-09', () => {
    it('quant-ph: New 28 / Cross 13 / Replacement 37, from the headings', () => {
      const entries = entriesOf('quantPh');
      expect(sectionCounts(entries)).toEqual([
        ['new', 28],
        ['cross-list', 13],
        ['replacement', 37],
      ]);
      expect(entries[28]!.paper.id).toBe('arxiv:2408.03736'); // first "(cross-list from cond-mat.quant-gas)"
      expect(entries[41]!.paper.id).toBe('arxiv:2301.13353'); // first "(replaced)"
    });

    it('quant-ph: first and last entries, abstracts', () => {
      const entries = entriesOf('quantPh');
      expect(entries[0]!.paper).toEqual({
        id: 'arxiv:2408.03941',
        title: "The Born rule for quantum probabilities from Newton's third law", // Newton&#39;s
        authors: ['S.S. Afonin'],
        abstract:
          'I propose a simple physical answer to the old question of why probability in quantum theory is determined by the square of the wave function or amplitude.',
        url: 'https://arxiv.org/abs/2408.03941',
        pdfUrl: 'https://arxiv.org/pdf/2408.03941',
        primaryCategory: 'quant-ph',
        subjects: ['quant-ph', 'hep-ph', 'hep-th'],
        comments: '9 pages, 1 figure',
        site: 'arxiv',
        aliases: [],
      });
      const last = entries.at(-1)!.paper;
      expect(last.id).toBe('arxiv:2408.03580');
      expect(last.title).toBe(
        'Atom-Field-Medium Interactions I: Graded Influence Actions for $N$ Harmonic Atoms in a Dielectric-Altered Quantum Field',
      );
      expect(last.authors).toEqual(['Jen-Tsung Hsiang', 'Bei-Lok Hu']);
      expect(last.abstract!.startsWith('This series of papers has two broader aims: 1) Construct a theory for multi-partite open q')).toBe(true);
      expect(last.abstract).toHaveLength(1894);
      expect(entries.every((e) => e.paper.abstract !== null)).toBe(true);
    });

    it('quant-ph: a cross-list keeps its own primary category; UTF-8 names', () => {
      const cross = entriesOf('quantPh')[28]!.paper;
      expect(cross.authors).toEqual([
        'Taufiq Murtadho',
        'Federica Cataldini',
        'Sebastian Erne',
        'Marek Gluza',
        'Jörg Schmiedmayer',
        'Nelly H.Y. Ng',
      ]);
      expect(cross.primaryCategory).toBe('cond-mat.quant-gas');
      expect(cross.subjects).toEqual(['cond-mat.quant-gas', 'quant-ph']);
      expect(cross.comments).toBe('4+10 pages, 10 figures');
    });

    it('hep-th: New 14 / Cross 22 / Replacement 13; first and last', () => {
      const entries = entriesOf('hepTh');
      expect(sectionCounts(entries)).toEqual([
        ['new', 14],
        ['cross-list', 22],
        ['replacement', 13],
      ]);
      const first = entries[0]!.paper;
      expect(first.id).toBe('arxiv:2408.04000');
      expect(first.title).toBe('Quantisation of type IIB superstring theory and the matrix model');
      expect(first.authors).toEqual(['Yuhma Asano']);
      expect(first.abstract!.startsWith('We discuss the path-integral quantisation of perturbative string theory')).toBe(true);
      expect(first.abstract).toHaveLength(737);
      const last = entries.at(-1)!.paper;
      expect(last.id).toBe('arxiv:2407.15919');
      expect(last.title).toBe('Lectures on the quantum phase transitions of metals');
      expect(last.authors).toEqual(['Subir Sachdev']);
      expect(last.primaryCategory).toBe('cond-mat.str-el');
      expect(last.subjects).toEqual(['cond-mat.str-el', 'hep-th']);
      expect(last.comments).toBe(
        "52 pages and 168 slides; Lecture notes and slides for `Prospects in Theoretical Physics 2024', Quantum Matter Summer School, Institute for Advanced Study, Princeton, July 8-19, 2024; Lecture videos at https://www.youtube.com/playlist?list=PLcD25rnTeV9jGNXx-7XGKazw6d5yGhyWQ",
      );
      expect(last.abstract).toHaveLength(1527);
    });

    it('math-ph: New 6 / Cross 10 / Replacement 7; first and last', () => {
      const entries = entriesOf('mathPh');
      expect(sectionCounts(entries)).toEqual([
        ['new', 6],
        ['cross-list', 10],
        ['replacement', 7],
      ]);
      const first = entries[0]!.paper;
      expect(first.id).toBe('arxiv:2408.03981');
      expect(first.title).toBe('A Higher Spin Statistics Theorem for Invertible Quantum Field Theories');
      expect(first.authors).toEqual(['Cameron Krulewski', 'Lukas Müller', 'Luuk Stehouwer']);
      expect(first.subjects).toEqual(['math-ph', 'hep-th', 'math.AT']);
      expect(first.abstract).toHaveLength(612);
      const last = entries.at(-1)!.paper;
      expect(last.id).toBe('arxiv:2407.11175');
      expect(last.title).toBe(
        "On trilinear and quadrilinear equations associated with the lattice Gel'fand-Dikii hierarchy",
      );
      expect(last.authors).toEqual(['P.H. van der Kamp', 'F.W. Nijhoff', 'D.I. McLaren', 'G.R.W Quispel']);
      expect(last.primaryCategory).toBe('nlin.SI');
      expect(last.subjects).toEqual(['nlin.SI', 'math-ph', 'math.CO']);
      expect(last.abstract!.startsWith('Introduced in 2012, by Zhang, Zhao, and Nijhoff, the trilinear Boussinesq equation')).toBe(true);
      expect(last.abstract).toHaveLength(786);
    });
  });

  describe('astro-ph pastweek, new markup, browser-saved with MathJax rendered', () => {
    const entries = () => entriesOf('astroPh');

    it('has 397 entries in 5 day groups (75+67+94+101+60)', () => {
      expect(sectionCounts(entries())).toEqual([
        ['Fri, 22 Nov 2024', 75],
        ['Thu, 21 Nov 2024', 67],
        ['Wed, 20 Nov 2024', 94],
        ['Tue, 19 Nov 2024', 101],
        ['Mon, 18 Nov 2024', 60],
      ]);
    });

    it('first and last entries', () => {
      const first = entries()[0]!.paper;
      expect(first.id).toBe('arxiv:2411.14419');
      expect(first.title).toBe(
        'Combining summary statistics with simulation-based inference for the 21 cm signal from the Epoch of Reionization',
      );
      expect(first.authors).toEqual(['Benoit Semelin', 'Romain Mériot', 'Ashutosh Mishra', 'David Cornu']);
      expect(first.comments).toBe('11 pages, submitted to A&A');
      expect(first.abstract).toBeNull(); // pastweek pages show no abstracts
      const last = entries().at(-1)!.paper;
      expect(last.id).toBe('arxiv:2411.09747');
      expect(last.title).toBe('Thermo-Coupled Early Dark Energy');
      expect(last.authors).toEqual(['Marc Kamionkowski', 'Anubhav Mathur']);
      expect(last.subjects).toEqual(['hep-ph', 'astro-ph.CO']);
    });

    it('recovers the TeX from MathJax <script type="math/tex">, not the rendered glyphs', () => {
      const byId = new Map(entries().map((e) => [e.paper.id, e.paper]));
      // <script type="math/tex" id="MathJax-Element-1">0513.9-6951</script> after the glyph spans
      expect(byId.get('arxiv:2411.14273')!.title).toBe(
        'Examining the evolution of the Supersoft X-ray Source RX J$0513.9-6951$',
      );
      expect(byId.get('arxiv:2411.14271')!.title).toBe(
        'The properties of the interstellar medium in dusty, star-forming galaxies at $z \\sim 2-4$: The shape of the CO spectral line energy distributions',
      );
      // Math next to TeX the page never typeset (\AA~ outside $…$ stays as written).
      expect(byId.get('arxiv:2411.10537')!.title).toBe(
        'EELG1002: A Record-Breaking [OIII]+H$\\beta$ EW $\\sim 3700$\\AA~Galaxy at $z \\sim 0.8$ -- Analog of Early Galaxies?',
      );
      expect(byId.get('arxiv:2411.11534')!.title).toBe(
        'A Broad-line, Low-luminosity Active Galactic Nucleus at ${z=7.3}$ Anchoring a Large Galaxy Overdensity',
      );
      // The page has 30 math/tex scripts and no other "$": exactly 30 $…$ pairs come back, and
      // no rendered glyph (U+2212 minus, MathJax's italic letters) leaks into any title.
      const dollars = entries().reduce(
        (n, e) => n + (e.paper.title + (e.paper.comments ?? '')).split('$').length - 1,
        0,
      );
      expect(dollars).toBe(60);
      expect(entries().some((e) => e.paper.title.includes('\u2212'))).toBe(false);
    });

    it('reads a name arXiv links only in part as one author, and collaborations and affiliations as no name', () => {
      const byId = new Map(entries().map((e) => [e.paper.id, e.paper]));
      // <a>Yuxi</a> (Lucy)Lu, <a>Yuqin Chen</a>
      expect(byId.get('arxiv:2411.13011')!.authors.slice(2, 5)).toEqual(['Xunzhou Chen', 'Yuxi (Lucy)Lu', 'Yuqin Chen']);
      // <a>Xunhe</a> (Andrew)<a>Zhang</a>, <a>Yassine Abaakil</a>: one author, of 12
      const yahalomi = byId.get('arxiv:2411.09753')!.authors;
      expect(yahalomi.slice(4, 7)).toEqual(['Avishi Poddar', 'Xunhe (Andrew)Zhang', 'Yassine Abaakil']);
      expect(yahalomi).toHaveLength(12);
      // <a>DESI Collaboration</a>: <a>A. G. Adame</a>, …
      expect(byId.get('arxiv:2411.12022')!.authors.slice(0, 2)).toEqual(['DESI Collaboration', 'A. G. Adame']);
      // <a>T.A. Permyakova</a> (UrFU), <a>G. Carraro</a> (UniPD), …; <a>Matthew Route</a> (1) ((1) Purdue University)
      expect(byId.get('arxiv:2411.14235')!.authors.slice(0, 2)).toEqual(['T.A. Permyakova', 'G. Carraro']);
      expect(byId.get('arxiv:2411.13718')!.authors).toEqual(['Matthew Route']);
    });

    it('gives the words arXiv\'s linker took for a web address as the authors wrote them', () => {
      const byId = new Map(entries().map((e) => [e.paper.id, e.paper]));
      // <a href="http://figures.submitted/" class="link-external link-http">this http URL</a>
      expect(byId.get('arxiv:2411.12705')!.comments).toBe('18 pages, 10 figures.submitted to ApJS');
      // …<a href="http://gr.qc/">this http URL</a>:<a href="/abs/2401.08758">2401.08758</a>
      expect(byId.get('arxiv:2411.14399')!.comments).toContain(
        'Second paper of a series of papers. See gr.qc:2401.08758 for application of these algorithms',
      );
    });
  });

  describe('search results (arxiv-search), 200 results', () => {
    const entries = () => entriesOf('search');

    it('listingSummary: the "Showing 1–200 of 77,800 results" heading (the results have no sections)', () => {
      expect(entries().every((e) => e.sectionHeading === undefined)).toBe(true);
      const summary = arxivAdapter.listingSummary!(openPage('search'), new URL(PAGES.search.url));
      expect(summary?.localName).toBe('h1');
      expect(summary!.textContent!.replace(/\s+/g, ' ').trim()).toBe('Showing 1–200 of 77,800 results for abstract: distributed systems');
    });

    it('first and last results, exact abstract without the More/Less toggles', () => {
      const first = entries()[0]!;
      expect(first.paper).toEqual({
        id: 'arxiv:2512.03003',
        title: 'The role of the top Yukawa coupling in triple Higgs production at the LHC',
        authors: ['Luca Panizzi'],
        abstract:
          'In this letter I quantify the effects of varying the top Yukawa coupling in the process of production of three Higgs bosons at the LHC. Modifications of the coupling within experimentally observed ranges have a sizeable impact on the total cross-section, but do not have large effects on the distributions of the invariant mass of the three-Higgs system and other global observables.',
        url: 'https://arxiv.org/abs/2512.03003',
        pdfUrl: 'https://arxiv.org/pdf/2512.03003',
        primaryCategory: 'hep-ph',
        subjects: ['hep-ph'],
        comments: '6 pages, 4 figures, 1 table',
        site: 'arxiv',
        aliases: [],
      });
      expect(first.section).toBeNull();
      expect(first.elements).toHaveLength(1);
      expect(first.elements[0]!.matches('li.arxiv-result')).toBe(true);
      expect(first.placement.anchor.matches('p.list-title')).toBe(true);
      expect(first.placement.position).toBe('beforeend');

      const last = entries().at(-1)!.paper;
      expect(last.id).toBe('arxiv:2512.08261');
      expect(last.title).toBe(
        'Beyond Traditional Diagnostics: Transforming Patient-Side Information into Predictive Insights with Knowledge Graphs and Prototypes',
      );
      expect(last.authors).toEqual(['Yibowen Zhao', 'Yinan Zhang', 'Zhixiang Su', 'Lizhen Cui', 'Chunyan Miao']);
      expect(last.abstract!.startsWith('Predicting diseases solely from patient-side information, such as demographics')).toBe(true);
      expect(last.abstract).toHaveLength(1330);
      expect(last.comments).toBe('This work has been accepted by ICDE 2026 and is available on arXiv for early access');
    });

    it('categories from the tags, comments only from the "Comments:" line', () => {
      expect(entries()[1]!.paper.subjects).toEqual(['quant-ph', 'cond-mat.stat-mech']);
      expect(entries().filter((e) => e.paper.comments !== null)).toHaveLength(112); // 112 "Comments:" labels
      const journalRefOnly = entries()[58]!.paper; // has "Journal ref: Physica B …" but no comments
      expect(journalRefOnly.id).toBe('arxiv:2512.02894');
      expect(journalRefOnly.comments).toBeNull();
      for (const { paper } of entries()) {
        expect(paper.abstract).not.toBeNull();
        expect(paper.abstract).not.toMatch(/[▽△]|(More|Less)$/);
      }
    });
  });

  describe('abstract pages', () => {
    it('2021 browse: exactly its one paper', () => {
      const entries = entriesOf('abs2021');
      expect(entries).toHaveLength(1);
      const { paper, section, elements, placement } = entries[0]!;
      expect(paper).toEqual({
        id: 'arxiv:2106.09608',
        title: 'Learning Knowledge Graph-based World Models of Textual Environments',
        authors: ['Prithviraj Ammanabrolu', 'Mark O. Riedl'],
        abstract: expect.stringMatching(
          /^World models improve a learning agent's ability to efficiently operate in interactive .* as well as the importance of each of our contributions\.$/,
        ),
        url: 'https://arxiv.org/abs/2106.09608',
        pdfUrl: 'https://arxiv.org/pdf/2106.09608',
        primaryCategory: 'cs.LG',
        subjects: ['cs.LG', 'cs.AI', 'cs.CL'],
        comments: 'Camera read, in Proceedings of NeurIPS 2021 Main Conference',
        site: 'arxiv',
        aliases: [],
      });
      // Same text as the page's citation_abstract meta tag, whitespace collapsed.
      expect(paper.abstract).toHaveLength(1225);
      expect(section).toBeNull();
      expect(elements.map((el) => el.id)).toEqual(['abs']);
      expect(placement.anchor.className).toBe('dateline');
      expect(placement.position).toBe('beforeend');
    });

    it('2021 browse at a versioned URL: the same paper, version dropped', () => {
      const url = 'https://arxiv.org/abs/2106.09608v2';
      const entries = arxivAdapter.extract(openPage('abs2021', url), new URL(url));
      expect(ids(entries)).toEqual(['arxiv:2106.09608']);
    });

    it('2026 redesign: exactly its one paper', () => {
      const entries = entriesOf('abs2026');
      expect(entries).toHaveLength(1);
      const { paper, elements } = entries[0]!;
      expect(paper.id).toBe('arxiv:2609.22268');
      expect(paper.title).toBe(
        'Efficient spectral Galerkin framework for nonlinear transient heat transfer in finite domains',
      );
      expect(paper.authors).toEqual(['Théo Andrieux', 'Andreas Ntinos', 'Manas V. Upadhyay']);
      expect(paper.abstract!.startsWith('Accurately modelling the temporal evolution of heterogeneous temperature fields')).toBe(true);
      expect(paper.abstract!.endsWith('are available at https://github.com/manasvupadhyay/spectral_galerkin_heat under the Apache 2.0 license.')).toBe(true);
      expect(paper.abstract).toHaveLength(1767 - 'this https URL'.length + 'https://github.com/manasvupadhyay/spectral_galerkin_heat'.length);
      expect(paper.comments).toBe('preprint, 30 pages, 1 algorithm, 1 link to source code, 15 figures, 3 tables');
      expect(paper.primaryCategory).toBe('cond-mat.mtrl-sci');
      expect(paper.subjects).toEqual(['cond-mat.mtrl-sci']);
      expect(paper.url).toBe('https://arxiv.org/abs/2609.22268');
      expect(paper.pdfUrl).toBe('https://arxiv.org/pdf/2609.22268');
      expect(elements.map((el) => el.id)).toEqual(['abs']);
    });
  });

  it('a saved page at a URL the adapter does not handle gives nothing', () => {
    const url = 'https://arxiv.org/pdf/2106.09608';
    expect(arxivAdapter.extract(openPage('abs2021', url), new URL(url))).toEqual([]);
  });
});

describe('arxivAdapter.matches', () => {
  const accepted = [
    'https://arxiv.org/list/hep-th/new',
    'https://arxiv.org/list/astro-ph.CO/pastweek?show=1000',
    'https://arxiv.org/list/astro-ph.CO/pastweek?skip=25&show=25',
    'https://www.arxiv.org/list/cs.LG/recent',
    'https://export.arxiv.org/list/quant-ph/new',
    'https://arxiv.org/list/cond-mat.stat-mech/new/',
    'https://arxiv.org/list/physics.acc-ph/recent?show=2000',
    'https://arxiv.org/list/math-ph/2408',
    'https://arxiv.org/list/math-ph/2024-08',
    'https://arxiv.org/list/hep-th/24',
    'https://arxiv.org/list/q-bio.NC/2024?skip=0&show=2000',
    'https://arxiv.org/catchup/astro-ph/2024-11-18?abs=True',
    'https://arxiv.org/catchup',
    'https://arxiv.org/search/?searchtype=abstract&query=distributed+systems&size=200',
    'https://arxiv.org/search/advanced?advanced=&terms-0-term=qcd&terms-0-field=title',
    'https://arxiv.org/search/astro-ph?searchtype=author&query=Maleubre%2C+S',
    'https://arxiv.org/abs/2408.03941',
    'https://arxiv.org/abs/2106.09608v2',
    'https://arxiv.org/abs/hep-th/9901001',
    'https://arxiv.org/abs/math.GT/0309136v1',
    'https://export.arxiv.org/abs/1501.00001',
  ];
  const rejected = [
    'http://arxiv.org/list/hep-th/new', // https only
    'https://arxiv.org/',
    'https://arxiv.org/list/hep-th',
    'https://arxiv.org/list/hep-th/old',
    'https://arxiv.org/list/hep-th/2024-13',
    'https://arxiv.org/pdf/2408.03941',
    'https://arxiv.org/html/2408.03941v1',
    'https://arxiv.org/format/2408.03941',
    'https://arxiv.org/abs/',
    'https://arxiv.org/abs/not-an-id',
    'https://arxiv.org/abs/2413.00001', // month 13
    'https://arxiv.org/help/api',
    'https://arxiv.org/searchengine',
    'https://info.arxiv.org/help/submit.html',
    'https://arxiv.org.evil.example/list/hep-th/new',
    'https://evilarxiv.org/list/hep-th/new',
    'https://example.com/list/hep-th/new',
    'https://scholar.google.com/scholar?q=arxiv',
  ];

  it.each(accepted)('accepts %s', (url) => {
    expect(arxivAdapter.matches(new URL(url))).toBe(true);
  });
  it.each(rejected)('rejects %s', (url) => {
    expect(arxivAdapter.matches(new URL(url))).toBe(false);
  });
});

describe('arxivAdapter.isPaperPage', () => {
  it('is true on abstract pages only (their entry is the page: never hidden as dismissed)', () => {
    const paperPages = ['https://arxiv.org/abs/2408.03941', 'https://arxiv.org/abs/hep-th/9901001', 'https://export.arxiv.org/abs/1501.00001'];
    const listings = ['https://arxiv.org/list/hep-th/new', 'https://arxiv.org/list/math-ph/2408', 'https://arxiv.org/search/?searchtype=abstract&query=x'];
    expect([...paperPages, ...listings].map((url) => arxivAdapter.isPaperPage!(new URL(url)))).toEqual([true, true, true, false, false, false]);
  });
});

describe('arxivAdapter.extract on odd or hostile markup', () => {
  const LIST_URL = new URL('https://arxiv.org/list/hep-th/new');
  const extractHtml = (html: string, url = LIST_URL) => arxivAdapter.extract(parsePage(html, url.href), url);

  it('returns [] for empty and unrelated documents', () => {
    expect(extractHtml('')).toEqual([]);
    expect(extractHtml('<!doctype html><title>x</title><p>Hello</p><dl><dt>term</dt><dd>def</dd></dl>')).toEqual([]);
    expect(extractHtml('<p>nothing</p>', new URL('https://arxiv.org/search/?query=x'))).toEqual([]);
    expect(extractHtml('<p>nothing</p>', new URL('https://arxiv.org/abs/2408.03941'))).toEqual([]);
  });

  it(`a list of more than ${LIMITS.authors} authors keeps ${LIMITS.authors}, said to be cut; ${LIMITS.authors} exactly are whole`, () => {
    const listing = (n: number) =>
      `<div id="dlpage"><h3>New submissions</h3><dl><dt><a href="/abs/2408.03941" title="Abstract">arXiv:2408.03941</a></dt><dd><div class="meta">` +
      `<div class="list-title">T</div><div class="list-authors">${Array.from({ length: n }, (_, i) => `<a>Author ${i}</a>`).join(', ')}</div></div></dd></dl></div>`;
    const [long] = extractHtml(listing(LIMITS.authors + 50));
    expect(long!.paper.authors).toHaveLength(LIMITS.authors);
    expect(long!.paper.authorsCut).toBe(true);
    const [full] = extractHtml(listing(LIMITS.authors));
    expect(full!.paper.authors).toHaveLength(LIMITS.authors);
    expect(full!.paper).not.toHaveProperty('authorsCut');
  });

  it('skips broken entries and keeps the good ones', () => {
    const entry = (dt: string, dd: string) => `<dt>${dt}</dt><dd><div class="meta">${dd}</div></dd>`;
    const good = entry(
      '<a href="/abs/hep-th/9901001v2" title="Abstract">arXiv:hep-th/9901001</a> [<a href="/pdf/hep-th/9901001" title="Download PDF">pdf</a>]',
      '<div class="list-title mathjax"><span class="descriptor">Title:</span> Old &amp; <b>new</b></div>' +
        '<div class="list-authors"><a>A. Author</a>, <a> </a>, <a>B.  Author</a></div>' +
        '<div class="list-subjects"><span class="primary-subject">High Energy Physics - Theory (hep-th)</span>; (nonsense code!)</div>',
    );
    const html = `<div id="dlpage"><h3>New submissions for Fri, 1 Jan 99</h3><dl>
      <dt>no dd follows</dt>
      ${entry('<a href="javascript:alert(1)" title="Abstract">x</a>', '<div class="list-title">No id</div>')}
      ${entry('<a href="/abs/2408.03941">arXiv:2408.03941</a>', '<div class="list-authors"><a>No title</a></div>')}
      ${entry('<a href="/abs/9999.99999">bad id</a>', '<div class="list-title">Bad id</div>')}
      <dd>orphan dd</dd>
      ${good}
    </dl></div>`;
    const entries = extractHtml(html);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.section).toBe('new');
    expect(entries[0]!.paper).toEqual({
      id: 'arxiv:hep-th/9901001',
      title: 'Old & new',
      authors: ['A. Author', 'B. Author'],
      abstract: null,
      url: 'https://arxiv.org/abs/hep-th/9901001',
      pdfUrl: 'https://arxiv.org/pdf/hep-th/9901001',
      primaryCategory: 'hep-th',
      subjects: ['hep-th'],
      comments: null,
      site: 'arxiv',
      aliases: [],
    });
  });

  it('turns MathJax display math back into $$…$$ and ignores other scripts', () => {
    const html = `<div id="dlpage"><dl><dt><a href="/abs/2408.03941" title="Abstract">x</a></dt><dd><div class="meta">
      <div class="list-title mathjax">Inline <span class="MathJax_Preview">α</span><span class="MathJax"><span>α</span></span><script type="math/tex">\\alpha</script>
      and <div class="MathJax_Display"><span class="MathJax">glyphs</span></div><script type="math/tex; mode=display">E=mc^2</script>
      <script>alert("not text")</script><style>.x{}</style>end</div></div></dd></dl></div>`;
    expect(extractHtml(html)[0]!.paper.title).toBe('Inline $\\alpha$ and $$E=mc^2$$ end');
  });

  it('gives the address of a link shown as "this https URL", only when it is http(s)', () => {
    const html = `<div id="dlpage"><dl><dt><a href="/abs/2408.03941" title="Abstract">x</a></dt><dd><div class="meta">
      <div class="list-title mathjax">A title</div>
      <div class="list-comments mathjax"><span class="descriptor">Comments:</span> code at <a href="https://github.com/a/b">this https URL</a>,
      data at <a href="javascript:alert(1)">this https URL</a>, slides at <a href="/relative">this http URL</a>,
      and <a href="https://example.org/x">our site</a>; see <a href="http://example.org/">this http URL</a>,
      <a href="https://example.org/">this https URL</a></div></div></dd></dl></div>`;
    expect(extractHtml(html)[0]!.paper.comments).toBe(
      'code at https://github.com/a/b, data at this https URL, slides at this http URL, and our site; see example.org, https://example.org/',
    );
  });

  it('survives deep nesting and very long text without throwing', () => {
    // Deeper than browsers build (their parsers stop nesting at 512 levels).
    const deep = '<span>'.repeat(1_000) + 'Deep title' + '</span>'.repeat(1_000);
    const long = 'word '.repeat(100_000);
    const html = `<div id="dlpage"><dl>
      <dt><a href="/abs/2408.03941">x</a></dt><dd><div class="meta"><div class="list-title">${deep}</div></div></dd>
      <dt><a href="/abs/2408.03986">x</a></dt><dd><div class="meta"><div class="list-title">${long}</div><p>${long}</p></div></dd>
    </dl></div>`;
    const entries = extractHtml(html);
    expect(ids(entries)).toEqual(['arxiv:2408.03941', 'arxiv:2408.03986']);
    expect(entries[0]!.paper.title).toBe('Deep title');
    expect(entries[1]!.paper.title.length).toBeLessThanOrEqual(1_000);
    expect(entries[1]!.paper.abstract!.length).toBeLessThanOrEqual(10_000);
  });

  it('day headings lose their "(… showing …)" count, whatever its wording', () => {
    const html = `<div id="dlpage"><dl><h3>Thu, 21 Nov 2024 (continued, showing 5 of 67 entries )</h3>
      <dt><a href="/abs/2408.03941" title="Abstract">x</a></dt><dd><div class="meta"><div class="list-title">T</div></div></dd></dl></div>`;
    const entries = extractHtml(html, new URL('https://arxiv.org/list/astro-ph/recent?skip=25&show=25'));
    expect(entries.map((e) => e.section)).toEqual(['Thu, 21 Nov 2024']);
  });

  it('a hostile heading of a megabyte, and a subjects line naming 50,000 categories, are read in bounded work', () => {
    const heading = `(${'showing '.repeat(130_000)}`;
    const subjects = Array.from({ length: 50_000 }, (_, i) => `Topic (cs.${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + ((i / 26) % 26 | 0))})`).join('; ');
    const html = `<div id="dlpage"><dl><h3>${heading}</h3>
      <dt><a href="/abs/2408.03941" title="Abstract">x</a></dt><dd><div class="meta"><div class="list-title">T</div>
      <div class="list-subjects"><span class="primary-subject">Machine Learning (cs.LG)</span>; ${subjects}</div></div></dd></dl></div>`;
    const [entry] = extractHtml(html, new URL('https://arxiv.org/list/astro-ph/recent'));
    expect(entry!.section!.length).toBeLessThanOrEqual(500);
    expect(entry!.paper.subjects.length).toBeLessThanOrEqual(30);
    expect(entry!.paper.subjects[0]).toBe('cs.LG');
  });

  it('on month listings entries carry no section', () => {
    const html = `<div id="dlpage"><h3>Some heading</h3><dl><dt><a href="/abs/2408.03941" title="Abstract">x</a></dt>
      <dd><div class="meta"><div class="list-title">T</div></div></dd></dl></div>`;
    const entries = extractHtml(html, new URL('https://arxiv.org/list/hep-th/2408'));
    expect(entries.map((e) => e.section)).toEqual([null]);
    expect(entries.map((e) => e.sectionHeading)).toEqual([undefined]);
  });
});
