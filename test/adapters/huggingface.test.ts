/**
 * The Hugging Face adapter on the real saved daily page (../shared/fixtures/pages/huggingface,
 * see SOURCES.md there), parsed with jsdom at the URL it was served from, and on variants of it
 * made in the test: embedded JSON removed, JSON out of step with the DOM. Expected values come
 * from the raw HTML, read with regexes only (the card <h3> links and the DailyPapers data-props
 * JSON), and were cross-checked with a Python reader; none was copied from the adapter's output.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { huggingfaceAdapter, MAX_PROPS_CHARS } from '../../content-scripts/adapters/huggingface';
import type { ExtractedEntry } from '../../content-scripts/adapters/types';
import { loadPage, parsePage } from '../../scripts/lib/dom';
import { PAGES_DIR, requireShared } from '../../scripts/lib/shared';
import { collapseWhitespace } from '../../src/core/text';
import { expectTitleElement } from '../support/title-element';

const FILE = 'daily-papers-2026-hydrated.html';
const URL_DAILY = 'https://huggingface.co/papers';
const HAVE_PAGES = requireShared('the Hugging Face adapter suite', `fixtures/pages/huggingface/${FILE}`);
const filePath = () => path.join(PAGES_DIR, 'huggingface', FILE);

/** A fresh Document of the saved page (tests that change it get their own). */
function openPage(): Document {
  return loadPage(filePath(), URL_DAILY);
}

function extract(doc: Document, url = URL_DAILY): ExtractedEntry[] {
  return huggingfaceAdapter.extract(doc, new URL(url));
}

let cached: ExtractedEntry[] | undefined;
function entries(): ExtractedEntry[] {
  cached ??= extract(openPage());
  return cached;
}

// ---------------------------------------------------------------------------------------------
// The raw HTML, read without a DOM

/** The few entities the saved page uses in attributes and text. */
function decodeEntities(s: string): string {
  return s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(quot|amp|lt|gt|apos));/gi, (_, dec, hex, name) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" }[(name as string).toLowerCase()]!;
  });
}

interface RawPaper {
  id: string;
  title: string;
  summary: string;
  authors: Array<{ name: string }>;
}

let raw: { cards: Array<{ id: string; title: string }>; json: RawPaper[] } | undefined;
/** The card headings (<h3><a href="/papers/<id>">title</a></h3>) and the DailyPapers JSON. */
function rawPage() {
  if (raw) return raw;
  const html = readFileSync(filePath(), 'utf8');
  const cards = [...html.matchAll(/<h3[^>]*><a[^>]*href="\/papers\/([^"]+)">([^<]*)<\/a><\/h3>/g)].map((m) => ({
    id: m[1]!,
    title: collapseWhitespace(decodeEntities(m[2]!)),
  }));
  const props = /data-target="DailyPapers" data-props="([^"]*)"/.exec(html)![1]!;
  const json = (JSON.parse(decodeEntities(props)) as { dailyPapers: Array<{ paper: RawPaper }> }).dailyPapers.map(
    (item) => item.paper,
  );
  raw = { cards, json };
  return raw;
}

const ids = (list: ExtractedEntry[]) => list.map((e) => e.id);
const titles = (list: ExtractedEntry[]) => list.map((e) => e.title);

/** Moves every child of `el` in front of it and removes it (the element, not its content). */
function unwrap(el: Element): void {
  const parent = el.parentNode!;
  while (el.firstChild) parent.insertBefore(el.firstChild, el);
  el.remove();
}

const dailyPapersHydrater = (doc: Document) => doc.querySelector('[data-target="DailyPapers"]')!;

describe.skipIf(!HAVE_PAGES)('Hugging Face adapter on the saved daily page (2026-09-28)', () => {
  it('the raw page has 28 cards and 28 JSON papers, in the same order', () => {
    const { cards, json } = rawPage();
    expect(cards).toHaveLength(28);
    expect(json.map((p) => p.id)).toEqual(cards.map((c) => c.id));
  });

  it('listingSummary: the page\'s "Daily Papers" heading (the cards have no sections); none on a paper page', () => {
    expect(entries().every((e) => e.sectionHeading === undefined)).toBe(true);
    const summary = huggingfaceAdapter.listingSummary!(openPage(), new URL(URL_DAILY));
    expect(summary?.localName).toBe('h1');
    expect(summary!.textContent).toBe('Daily Papers');
    expect(huggingfaceAdapter.listingSummary!(openPage(), new URL('https://huggingface.co/papers/2509.22186'))).toBeNull();
  });

  it('has exactly 28 well-formed entries, in card order', () => {
    const list = entries();
    expect(list).toHaveLength(28);
    expect(new Set(ids(list)).size).toBe(28);
    expect(ids(list)).toEqual(rawPage().cards.map((c) => `arxiv:${c.id}`));
    for (const { id, title, section, paper, elements, placement } of list) {
      expect(id).toMatch(/^arxiv:\d{4}\.\d{5}$/);
      expect(id).toBe(paper.id);
      expect(title).toBe(paper.title);
      expect(section).toBeNull();
      const bare = id.slice('arxiv:'.length);
      expect(paper.url).toBe(`https://arxiv.org/abs/${bare}`);
      expect(paper.pdfUrl).toBe(`https://arxiv.org/pdf/${bare}`);
      expect(paper.site).toBe('huggingface');
      expect(paper.primaryCategory).toBeNull();
      expect(paper.subjects).toEqual([]);
      expect(paper.comments).toBeNull();
      // One <article> per entry; the control goes right after the title link, inside the <h3>,
      // so it is inside the card and inside no link.
      expect(elements).toHaveLength(1);
      expect(elements[0]!.localName).toBe('article');
      expect(placement.position).toBe('afterend');
      expect(placement.anchor.localName).toBe('a');
      expect(placement.anchor.getAttribute('href')).toBe(`/papers/${bare}`);
      expect(placement.anchor.parentElement!.localName).toBe('h3');
      expect(placement.heading).toBe(placement.anchor.parentElement);
      expect(placement.anchor.parentElement!.closest('a')).toBeNull();
      expect(elements[0]!.contains(placement.anchor)).toBe(true);
      expect(elements[0]!.matches(huggingfaceAdapter.entrySelector(new URL(URL_DAILY)))).toBe(true);
    }
    // Each control is named by the title link it follows (ariaLabelledByElements).
    for (const entry of list) {
      expect(entry.titleElement).toBe(entry.placement.anchor);
      expectTitleElement(entry);
    }
  });

  it('skip: cards already read are left out, the others read as before', () => {
    const doc = openPage();
    const first10 = new Set<Element>([...doc.querySelectorAll('article')].slice(0, 10));
    const rest = huggingfaceAdapter.extract(doc, new URL(URL_DAILY), { skip: (el) => first10.has(el) });
    expect(ids(rest)).toEqual(ids(entries()).slice(10));
    expect(rest[0]!.paper.abstract).toBe(entries()[10]!.paper.abstract);
    expect(huggingfaceAdapter.extract(doc, new URL(URL_DAILY), { skip: () => true })).toEqual([]);
  });

  it('first and last entries', () => {
    const list = entries();
    const first = list[0]!.paper;
    expect(first.id).toBe('arxiv:2609.31620');
    expect(first.title).toBe(
      'FuseReg: Regularizing Layer Fusion Mitigates the Reconstruction-Generation Gap in Representation Autoencoders',
    );
    expect(first.authors).toEqual([
      'Hongyang Du',
      'Yunfei Xie',
      'Junjie Ye',
      'Jiawei Yang',
      'Xiaoyan Cong',
      'Haodong Zhang',
      'Yongchao Huang',
      'Haiyu Wu',
      'Zongxia Li',
      'Shihang Gui',
      'Dawei Liu',
      'Runhao Li',
      'Jingcheng Ni',
      'Chen Wei',
      'Randall Balestriero',
      'Yue Wang',
    ]);
    expect(first.abstract!.startsWith('Representation autoencoders (RAEs) reuse features from a pretrained visual encod')).toBe(true);
    expect(first.abstract).toHaveLength(1465);
    expect(list.at(-1)!.paper).toEqual({
      id: 'arxiv:2604.02103',
      title: 'BoundInk: Boundary-Aware Online Handwriting Generation',
      authors: ['Jinsu Shin', 'Sungeun Hong', 'JinYeong Bak'],
      abstract: collapseWhitespace(rawPage().json.at(-1)!.summary),
      url: 'https://arxiv.org/abs/2604.02103',
      pdfUrl: 'https://arxiv.org/pdf/2604.02103',
      primaryCategory: null,
      subjects: [],
      comments: null,
      site: 'huggingface',
      aliases: [],
    });
    expect(list.at(-1)!.paper.abstract).toHaveLength(1179);
  });

  it('every title is the card heading; every abstract and author list is the JSON one', () => {
    const list = entries();
    const { cards, json } = rawPage();
    expect(titles(list)).toEqual(cards.map((c) => c.title));
    list.forEach((entry, i) => {
      expect(entry.paper.abstract).toBe(collapseWhitespace(json[i]!.summary));
      // The JSON's names, with what it escaped once too often decoded ("D&#39;Mello").
      expect(entry.paper.authors).toEqual(json[i]!.authors.map((a) => a.name.replaceAll('&#39;', "'")));
    });
    const escaped = json.flatMap((paper) => paper.authors.map((a) => a.name)).filter((name) => name.includes('&#39;'));
    expect(escaped).toEqual(["Christopher D&#39;Mello", "Meghan O&#39;Connell"]);
    const paper = list.find((entry) => entry.id === 'arxiv:2609.31473')!.paper;
    expect(paper.authors).toEqual(expect.arrayContaining(["Christopher D'Mello", "Meghan O'Connell"]));
  });

  it('takes authors from the JSON, not from the avatar row (first 5, reordered, user handles)', () => {
    const entry = entries().find((e) => e.id === 'arxiv:2609.31394')!;
    expect(entry.title).toBe('InternW0-Δ: A World Action Model Bridging Predictive Dynamics and Actions with 20K+ Hours of Open Data');
    expect(entry.paper.authors).toHaveLength(48);
    expect(entry.paper.authors.slice(0, 4)).toEqual(['Xingyu Miao', 'Zizun Li', 'Baole Fang', 'Kaiwen Song']);
    const avatars = [...entry.elements[0]!.querySelectorAll('li[title]')].map((li) => li.getAttribute('title'));
    expect(avatars).toEqual(['Kaiwen Song', 'Baole Fang', 'Zizun Li', 'Xingyu Miao', 'ghy0324']);
  });

  describe('without the embedded JSON, every entry still comes from the DOM', () => {
    const expectDomOnly = (list: ExtractedEntry[]) => {
      expect(list).toHaveLength(28);
      expect(ids(list)).toEqual(ids(entries()));
      expect(titles(list)).toEqual(titles(entries()));
      for (const { paper } of list) {
        expect(paper.authors).toEqual([]);
        expect(paper.abstract).toBeNull();
        expect(paper.url).toBe(`https://arxiv.org/abs/${paper.id.slice('arxiv:'.length)}`);
      }
    };

    it('hydrater elements removed (their content, the cards, kept in place)', () => {
      // The cards are inside the DailyPapers hydrater: removing it with its content would remove
      // the listing itself, so each hydrater is unwrapped.
      const doc = openPage();
      const hydraters = [...doc.querySelectorAll('.SVELTE_HYDRATER')];
      expect(hydraters.length).toBeGreaterThan(1);
      expect(hydraters.some((el) => el.querySelectorAll('article').length === 28)).toBe(true);
      hydraters.forEach(unwrap);
      expect(doc.querySelectorAll('[data-props]')).toHaveLength(0);
      expect(doc.querySelectorAll('article')).toHaveLength(28);
      expectDomOnly(extract(doc));
    });

    it('data-props attributes removed', () => {
      const doc = openPage();
      for (const el of doc.querySelectorAll('[data-props]')) el.removeAttribute('data-props');
      expectDomOnly(extract(doc));
    });

    it('data-props not JSON, or over the size cap', () => {
      const broken = openPage();
      dailyPapersHydrater(broken).setAttribute('data-props', '{"dailyPapers":[{"paper":');
      expectDomOnly(extract(broken));
      const huge = openPage();
      const hydrater = dailyPapersHydrater(huge);
      // Still valid JSON (trailing whitespace), but longer than the adapter parses.
      const props = hydrater.getAttribute('data-props')!;
      hydrater.setAttribute('data-props', props + ' '.repeat(MAX_PROPS_CHARS - props.length + 1));
      expectDomOnly(extract(huge));
    });
  });

  describe('stale JSON (the app re-rendered the cards after client-side navigation)', () => {
    it('papers the JSON lists but the DOM no longer shows are not entries; DOM order wins', () => {
      const doc = openPage();
      const articles = [...doc.querySelectorAll('article')];
      // Drop three cards, and move the last card to the front.
      articles[0]!.remove();
      articles[5]!.remove();
      articles[13]!.remove();
      const last = articles[27]!;
      articles[1]!.before(last);
      const list = extract(doc);
      const { cards, json } = rawPage();
      const expected = [cards[27]!, ...cards.filter((_, i) => ![0, 5, 13, 27].includes(i))];
      expect(list).toHaveLength(25);
      expect(ids(list)).toEqual(expected.map((c) => `arxiv:${c.id}`));
      expect(ids(list)).not.toContain('arxiv:2609.31620');
      // Metadata still follows the id, wherever the card now is.
      expect(list[0]!.paper.authors).toEqual(['Jinsu Shin', 'Sungeun Hong', 'JinYeong Bak']);
      expect(list[0]!.paper.abstract).toBe(collapseWhitespace(json[27]!.summary));
    });

    it('JSON of another listing: only cards count, and only a matching id gets its metadata', () => {
      const doc = openPage();
      const other = {
        dateString: '2026-09-25',
        dailyPapers: [
          { paper: { id: '2609.00001', title: 'Not on the page', summary: 'x', authors: [{ name: 'Ghost' }] } },
          // Same paper as the third card: its metadata is used.
          {
            paper: {
              id: '2609.31093',
              title: 'Block Sparse Attention with Log-Linear Complexity',
              summary: 'Replaced  summary.',
              authors: [{ name: 'A. Author' }, { name: 42 }, null, { name: '  ' }, { name: 'B. Author' }],
            },
          },
        ],
      };
      dailyPapersHydrater(doc).setAttribute('data-props', JSON.stringify(other));
      const list = extract(doc);
      expect(ids(list)).toEqual(ids(entries()));
      expect(ids(list)).not.toContain('arxiv:2609.00001');
      const third = list[2]!.paper;
      expect(third.id).toBe('arxiv:2609.31093');
      expect(third.authors).toEqual(['A. Author', 'B. Author']);
      expect(third.abstract).toBe('Replaced summary.');
      expect(list.filter((e) => e.paper.abstract !== null)).toHaveLength(1);
    });

    it('a card the JSON does not know is an entry without metadata', () => {
      const doc = openPage();
      const card = doc.querySelectorAll('article')[4]!;
      for (const a of card.querySelectorAll('a[href^="/papers/2609.24385"]')) a.setAttribute('href', '/papers/2609.99999');
      card.querySelector('h3 a')!.textContent = 'A paper rendered after navigation';
      const entry = extract(doc)[4]!;
      expect(entry.id).toBe('arxiv:2609.99999');
      expect(entry.title).toBe('A paper rendered after navigation');
      expect(entry.paper.authors).toEqual([]);
      expect(entry.paper.abstract).toBeNull();
    });
  });

  it('reads the JSON only when metadata is first asked for', () => {
    const doc = openPage();
    const list = extract(doc);
    // Changing the props after extraction but before the first read: the read sees the change.
    dailyPapersHydrater(doc).removeAttribute('data-props');
    expect(list[0]!.paper.authors).toEqual([]);
    expect(list[1]!.paper.abstract).toBeNull();
  });
});

describe('huggingfaceAdapter.matches', () => {
  const accepted = [
    'https://huggingface.co/papers',
    'https://huggingface.co/papers/',
    'https://huggingface.co/papers?q=diffusion+transformers',
    'https://huggingface.co/papers?date=2026-09-25',
    'https://huggingface.co/papers/date/2026-09-25',
    'https://huggingface.co/papers/week/2026-W39',
    'https://huggingface.co/papers/month/2026-09',
    'https://huggingface.co/papers/trending',
    'https://huggingface.co/papers/trending?q=agents',
    'https://huggingface.co/papers/2609.31620',
    'https://huggingface.co/papers/2609.31620#community',
    'https://huggingface.co/papers/2609.31620v2',
    'https://huggingface.co/papers/1706.03762',
  ];
  const rejected = [
    'http://huggingface.co/papers', // https only
    'https://huggingface.co/',
    'https://huggingface.co/models',
    'https://huggingface.co/papers/date/2026-13-01',
    'https://huggingface.co/papers/date/2026-09',
    'https://huggingface.co/papers/week/2026-W54',
    'https://huggingface.co/papers/month/2026-00',
    'https://huggingface.co/papers/2609.31620/discussion',
    'https://huggingface.co/papers/not-an-id',
    'https://huggingface.co/papers/search', // not a page (search is /papers?q=)
    'https://huggingface.co/api/papers/2609.31620',
    'https://huggingface.co/akhaliq',
    'https://hf.co/papers',
    'https://huggingface.co.evil.example/papers',
    'https://arxiv.org/abs/2609.31620',
  ];
  it.each(accepted)('accepts %s', (url) => expect(huggingfaceAdapter.matches(new URL(url))).toBe(true));
  it.each(rejected)('rejects %s', (url) => expect(huggingfaceAdapter.matches(new URL(url))).toBe(false));
});

describe('huggingfaceAdapter.isPaperPage', () => {
  it("is true on a paper's own page only (its entry is the page: never hidden as dismissed)", () => {
    const urls = ['https://huggingface.co/papers/2609.31620', 'https://huggingface.co/papers/2609.31620#community', 'https://huggingface.co/papers', 'https://huggingface.co/papers/date/2026-09-25', 'https://huggingface.co/papers/trending'];
    expect(urls.map((url) => huggingfaceAdapter.isPaperPage!(new URL(url)))).toEqual([true, true, false, false, false]);
  });
});

describe('huggingfaceAdapter.extract on small and odd markup', () => {
  const fromHtml = (html: string, url = URL_DAILY) => huggingfaceAdapter.extract(parsePage(html, url), new URL(url));

  it('returns [] for empty and unrelated documents, and for pages it does not handle', () => {
    expect(fromHtml('')).toEqual([]);
    expect(fromHtml('<main><article><h3>No link</h3></article><article><a href="/models">m</a></article></main>')).toEqual([]);
    expect(fromHtml('<main><article><h3><a href="/papers/2609.31620">T</a></h3></article></main>', 'https://huggingface.co/models')).toEqual([]);
  });

  it('skips cards without a paper id or title, keeps the good ones', () => {
    const html = `<main>
      <article><h3><a href="/papers/trending">Trending</a></h3></article>
      <article><h3><a href="javascript:alert(1)">Bad</a></h3></article>
      <article><h3><a href="/papers/2609.31620">   </a></h3></article>
      <article><h3><a href="https://huggingface.co/papers/2609.31093?x=1">Absolute  &amp; fine</a></h3></article>
    </main>`;
    const list = fromHtml(html);
    expect(list.map((e) => [e.id, e.title])).toEqual([['arxiv:2609.31093', 'Absolute & fine']]);
  });

  it('a heading without a link takes the card link; the control then goes at the end of the heading', () => {
    const html = `<main><article><a href="/papers/2609.31620"><img alt=""></a><h3>Plain  title</h3></article></main>`;
    const [entry] = fromHtml(html);
    expect(entry!.id).toBe('arxiv:2609.31620');
    expect(entry!.title).toBe('Plain title');
    expect(entry!.placement.anchor.localName).toBe('h3');
    expect(entry!.placement.position).toBe('beforeend');
    expect(entry!.placement.heading).toBe(entry!.placement.anchor);
  });

  it('a card that is one big link: the control goes after that link, never inside it', () => {
    const html = `<main><div><a href="/papers/2609.31620"><article><h3><span>Linked card</span></h3></article></a></div></main>`;
    const [entry] = fromHtml(html);
    expect(entry!.id).toBe('arxiv:2609.31620');
    expect(entry!.title).toBe('Linked card');
    expect(entry!.placement.anchor.localName).toBe('a');
    expect(entry!.placement.position).toBe('afterend');
    expect(entry!.placement.heading).toBeUndefined();
  });

  it('without <article>s, headings that link a paper are the entries', () => {
    const html = `<main><div><h3><a href="/papers/2609.31620">One</a></h3></div><h2>Section</h2>
      <div><h3><a href="/papers/2609.31093">Two</a></h3></div></main>`;
    const list = fromHtml(html);
    expect(list.map((e) => [e.id, e.title, e.elements[0]!.localName])).toEqual([
      ['arxiv:2609.31620', 'One', 'h3'],
      ['arxiv:2609.31093', 'Two', 'h3'],
    ]);
    const selector = huggingfaceAdapter.entrySelector(new URL(URL_DAILY));
    expect(list.every((e) => e.elements[0]!.matches(selector))).toBe(true);
  });

  it('validates the JSON shape defensively', () => {
    const props = (value: unknown) => JSON.stringify(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    const card = `<article><h3><a href="/papers/2609.31620">T</a></h3></article>`;
    for (const bad of [
      null,
      [1, 2],
      { dailyPapers: 'x' },
      { dailyPapers: [null, 1, 'x', { paper: null }, { paper: { id: 2609.3162 } }] },
      { dailyPapers: [{ paper: { id: '2609.31620', authors: 'A', summary: 5, title: [] } }] },
    ]) {
      const html = `<div data-target="DailyPapers" data-props="${props(bad)}"></div><main>${card}</main>`;
      const [entry] = fromHtml(html);
      expect(entry!.paper.authors).toEqual([]);
      expect(entry!.paper.abstract).toBeNull();
      expect(entry!.paper.title).toBe('T');
    }
    // A bare paper object as list item, and the first of two items with the same id wins.
    const good = {
      dailyPapers: [
        { id: '2609.31620v2', summary: 'First', authors: [{ name: 'X' }] },
        { paper: { id: '2609.31620', summary: 'Second', authors: [] } },
      ],
    };
    const [entry] = fromHtml(`<div data-target="DailyPapers" data-props="${props(good)}"></div><main>${card}</main>`);
    expect(entry!.paper.abstract).toBe('First');
    expect(entry!.paper.authors).toEqual(['X']);
  });

  it('a paper page (unverified markup): the <h1>, and a hydrater `paper` with the same id', () => {
    const props = JSON.stringify({
      paper: { id: '2609.31620', title: 'JSON title', summary: 'The  abstract.', authors: [{ name: 'A' }, { name: 'B' }] },
    }).replace(/"/g, '&quot;');
    const url = 'https://huggingface.co/papers/2609.31620';
    const html = `<main><div data-target="PaperContent" data-props="${props}"><h1>Shown title</h1>
      <article><h3><a href="/papers/2609.31093">A related card</a></h3></article></div></main>`;
    const list = fromHtml(html, url);
    expect(list).toHaveLength(1);
    expect(list[0]!.paper).toMatchObject({
      id: 'arxiv:2609.31620',
      title: 'Shown title',
      authors: ['A', 'B'],
      abstract: 'The abstract.',
      url: 'https://arxiv.org/abs/2609.31620',
    });
    expect(list[0]!.placement).toEqual({ anchor: list[0]!.elements[0], position: 'beforeend', heading: list[0]!.elements[0] });
    expect(list[0]!.elements[0]!.matches(huggingfaceAdapter.entrySelector(new URL(url)))).toBe(true);
    expect(huggingfaceAdapter.extract(parsePage(html, url), new URL(url), { skip: (el) => el.localName === 'h1' })).toEqual([]);
    expect(fromHtml('<main><p>No heading</p></main>', url)).toEqual([]);
  });
});
