/**
 * The ask for a listing's states made as the page is parsed (content-scripts/early-states.ts):
 * which ids it reads from the saved real pages (every entry's, where it covers the site), what it
 * does with hostile links, and how main.ts's first state request uses its answer.
 */
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../content-scripts/adapters/index';
import { askEarlyStates, earlyIds, takeEarlyStates, withEarlyStates, type EarlyStates, type StorageEvents } from '../../content-scripts/early-states';
import { ARXIV_PAGES, OTHER_PAGES, type SavedPage } from '../../scripts/lib/demo-pages';
import { loadPage } from '../../scripts/lib/dom';
import { PAGES_DIR, requireShared } from '../../scripts/lib/shared';
import { CHANGE_KEY } from '../../src/changes';
import { packPageState, type PackedPageState } from '../../src/core/paper';
import type { Request } from '../../src/messages';
import type { Messenger } from '../../src/messenger';

/**
 * Every saved page, at the URL it was saved from (the demo's registry, and the three pages the
 * demo does not show), and whether the early ask covers its site.
 */
type Page = Pick<SavedPage, 'file' | 'url'>;
const covered = (pages: Page[]) => pages.map((page) => ({ ...page, covered: true }));
const SAVED: Array<Page & { covered: boolean }> = [
  ...covered(Object.values(ARXIV_PAGES)),
  ...covered([
    { file: 'arxiv/list-astro-ph.CO-pastweek-show1000-oldmarkup-2022-11-15.html', url: 'https://arxiv.org/list/astro-ph.CO/pastweek?show=1000' },
    { file: 'arxiv/abs-2106.09608-oldbrowse-2021-12.html', url: 'https://arxiv.org/abs/2106.09608' },
    OTHER_PAGES.huggingfaceDaily,
    OTHER_PAGES.aclAuthor,
    { file: 'acl/author-andreas-madsack-2021-06.html', url: 'https://www.aclweb.org/anthology/people/a/andreas-madsack/' },
  ]),
  // Scholar, its ids read as its adapter reads them: by a paper's link, a cluster's, a result's
  // own id; the 2016 and 2020 markup, a ?cluster= page.
  ...covered([
    OTHER_PAGES.scholarSearch,
    { file: 'scholar/gscholar-search-learning-deep-architectures-2016-05.html', url: 'https://scholar.google.co.jp/scholar?hl=en&q=%22Learning+deep+architectures+for+AI%22&num=1' },
    {
      file: 'scholar/gscholar-search-unsupervised-feature-learning-2016-05.html',
      url: 'https://scholar.google.co.jp/scholar?hl=en&q=%22Unsupervised+feature+learning+and+deep+learning:+A+review+and+new+perspectives%22',
    },
    { file: 'scholar/gscholar-cluster-single-result-2016-05.html', url: 'https://scholar.google.co.jp/scholar?hl=en&cluster=5362332738201102290&num=1' },
  ]),
];
const HAVE_PAGES = requireShared('the early states suite', ...SAVED.map((page) => `fixtures/pages/${page.file}`));

describe.skipIf(!HAVE_PAGES)('earlyIds on the saved real pages', () => {
  it.each(SAVED)('$file: the ids of its entries, in page order (covered: $covered)', ({ file, url, covered }) => {
    const pageUrl = new URL(url);
    const doc = loadPage(path.join(PAGES_DIR, file), url);
    const entries = [...new Set(adapterFor(pageUrl)!.extract(doc, pageUrl).map((entry) => entry.id))];
    expect(entries.length).toBeGreaterThan(0);
    expect(earlyIds(doc, pageUrl)).toEqual(covered ? entries : []);
  });
});

function pageWithLinks(links: Array<string | Record<string, string>>, url = 'https://arxiv.org/list/cs.LG/new', wrap?: string): { doc: Document; url: URL } {
  const dom = new JSDOM('<!doctype html><body></body>', { url });
  const doc = dom.window.document;
  for (const link of links) {
    const a = doc.createElement('a');
    for (const [name, value] of Object.entries(typeof link === 'string' ? { href: link, title: 'Abstract' } : link)) a.setAttribute(name, value);
    const parent = wrap ? doc.createElement(wrap.split('.')[0]!) : doc.body;
    if (wrap) {
      parent.className = wrap.split('.')[1] ?? '';
      doc.body.append(parent);
    }
    parent.append(a);
  }
  return { doc, url: new URL(url) };
}

describe('earlyIds on hostile and odd links', () => {
  it('reads only valid new-style ids from abstract links, once each, without versions', () => {
    const { doc, url } = pageWithLinks([
      '/abs/2401.00001v3',
      '/abs/2401.00001',
      'https://arxiv.org/abs/2401.00002?context=cs',
      '/abs/2401.00003/',
      '/abs/2413.00004', // no month 13: refused by the worker, so never asked
      '/abs/2401.000051', // six digits: not an id
      '/abs/hep-th/9901001', // old style: left to main.ts
      '/pdf/2401.00006',
      '/abs/2401.00007#comments',
      { href: '/abs/2401.00008' }, // a link in an abstract or comment, not an entry's abstract link
      { title: 'Abstract' }, // no address
    ]);
    expect(earlyIds(doc, url)).toEqual(['arxiv:2401.00001', 'arxiv:2401.00002', 'arxiv:2401.00003', 'arxiv:2401.00007']);
  });

  it('asks for at most one request’s worth (5,000 ids)', () => {
    const hrefs = Array.from({ length: 5_001 }, (_, i) => `/abs/2401.${String(i).padStart(5, '0')}`);
    const { doc, url } = pageWithLinks(hrefs);
    const ids = earlyIds(doc, url);
    expect(ids).toHaveLength(5_000);
    expect(ids.at(-1)).toBe('arxiv:2401.04999');
  });

  it('reads search results, an abstract page’s own address, Hugging Face paper links; on Scholar, only results', () => {
    const search = pageWithLinks([{ href: 'https://arxiv.org/abs/2512.03003' }], 'https://arxiv.org/search/?query=x', 'p.list-title');
    expect(earlyIds(search.doc, search.url)).toEqual(['arxiv:2512.03003']);
    const abs = pageWithLinks([], 'https://arxiv.org/abs/2609.22268v2');
    expect(earlyIds(abs.doc, abs.url)).toEqual(['arxiv:2609.22268']);
    const badAbs = pageWithLinks([], 'https://arxiv.org/abs/2613.22268');
    expect(earlyIds(badAbs.doc, badAbs.url)).toEqual([]);
    const hf = pageWithLinks([{ href: '/papers/2509.12345' }, { href: '/papers/2509.12345#community' }, { href: 'https://huggingface.co/papers/2509.54321' }, { href: '/papers/trending' }], 'https://huggingface.co/papers');
    expect(earlyIds(hf.doc, hf.url)).toEqual(['arxiv:2509.12345', 'arxiv:2509.54321']);
    const scholar = pageWithLinks(['https://arxiv.org/abs/2401.00001'], 'https://scholar.google.com/scholar?q=x');
    expect(earlyIds(scholar.doc, scholar.url)).toEqual([]);
  });

  it('asks for at most one request’s worth of Scholar results, and skips a result that has no id', () => {
    const result = (n: number) =>
      `<div class="gs_r"><div class="gs_ri"><h3 class="gs_rt"><a href="https://arxiv.org/abs/2401.${String(n).padStart(5, '0')}">T</a></h3></div></div>`;
    const noId = '<div class="gs_r"><div class="gs_ri"><h3 class="gs_rt"><a href="javascript:alert(1)">T</a></h3></div></div>';
    const html = `<div id="gs_res_ccl_mid">${noId}${Array.from({ length: 5_001 }, (_, n) => result(n)).join('')}</div>`;
    const url = 'https://scholar.google.com/scholar?q=x';
    const doc = new JSDOM(`<!doctype html><body>${html}</body>`, { url }).window.document;
    const ids = earlyIds(doc, new URL(url));
    expect(ids).toHaveLength(5_000);
    expect(ids[0]).toBe('arxiv:2401.00000');
    expect(ids.at(-1)).toBe('arxiv:2401.04999');
  });
});

describe('earlyIds on ACL Anthology listings', () => {
  /** An Anthology listing: rows (.d-sm-flex) under #main, each with its title link in <strong>. */
  function aclListing(url: string, hrefs: string[], outsideMain: string[] = []): { doc: Document; url: URL } {
    const dom = new JSDOM('<!doctype html><body><section id="main"></section><aside></aside></body>', { url });
    const doc = dom.window.document;
    const row = (parent: Element, href: string) => {
      const div = doc.createElement('div');
      div.className = 'd-sm-flex align-items-stretch';
      const strong = doc.createElement('strong');
      const a = doc.createElement('a');
      a.setAttribute('href', href);
      a.textContent = 'A title';
      strong.append(a);
      div.append(strong);
      parent.append(div);
    };
    for (const href of hrefs) row(doc.getElementById('main')!, href);
    for (const href of outsideMain) row(doc.querySelector('aside')!, href);
    return { doc, url: new URL(url) };
  }

  it('reads each row’s Anthology id from its title link, in both builds’ forms, and nothing else', () => {
    const { doc, url } = aclListing(
      'https://aclanthology.org/people/a/andreas-madsack/',
      [
        '/2022.in2writing-1.1/',
        '/anthology/W19-4201/',
        'https://aclanthology.org/2023.acl-long.12/',
        '/2022.in2writing-1.1/', // the same paper twice
        '/people/a/andreas-madsack/', // not a paper
        'javascript:alert(1)',
        '/2022.in2writing-1.1.pdf',
      ],
      ['/2020.acl-main.1/'], // a row outside the page's content: not an entry
    );
    expect(earlyIds(doc, url)).toEqual(['acl:2022.in2writing-1.1', 'acl:W19-4201', 'acl:2023.acl-long.12']);
    const legacy = aclListing('https://www.aclweb.org/anthology/people/a/andreas-madsack/', ['https://www.aclweb.org/anthology/W19-4201/']);
    expect(earlyIds(legacy.doc, legacy.url)).toEqual(['acl:W19-4201']);
  });
});

type Listener = (changes: Record<string, unknown>, area: string) => void;
function fakeStorage(): StorageEvents & { notify: Listener } {
  const listeners: Listener[] = [];
  return {
    onChanged: { addListener: (listener) => listeners.push(listener) },
    notify: (changes, area) => listeners.forEach((listener) => listener(changes, area)),
  };
}

const state = (starred: boolean): PackedPageState => packPageState({ starred, read: false, dismissed: false, firstSeenAt: 1_700_000_000_000 });

describe('askEarlyStates (wake.ts)', () => {
  it('asks once the page is parsed, and the answer goes stale when a change is announced', async () => {
    const { doc, url } = pageWithLinks(['/abs/2401.00001', '/abs/2401.00002']);
    Object.defineProperty(doc, 'readyState', { value: 'loading', configurable: true });
    const sent: Request[] = [];
    const runtime = { sendMessage: async (message: Request) => (sent.push(message), { states: { 'arxiv:2401.00001': state(true) } }) };
    const storage = fakeStorage();
    const shared = {};
    askEarlyStates(doc, url, runtime, storage, shared);
    expect(sent).toEqual([]);
    doc.dispatchEvent(new doc.defaultView!.Event('DOMContentLoaded'));
    doc.dispatchEvent(new doc.defaultView!.Event('DOMContentLoaded'));
    expect(sent).toEqual([{ type: 'getStates', ids: ['arxiv:2401.00001', 'arxiv:2401.00002'] }]);

    const early = takeEarlyStates(shared)!;
    expect(takeEarlyStates(shared)).toBeNull(); // taken once
    expect([...early.ids]).toEqual(['arxiv:2401.00001', 'arxiv:2401.00002']);
    expect(await early.answer).toEqual({ 'arxiv:2401.00001': state(true) });
    storage.notify({ [CHANGE_KEY]: { newValue: { ids: [], at: 1 } } }, 'sync');
    storage.notify({ 'paperRadar.display': {} }, 'local');
    expect(early.stale).toBe(false);
    storage.notify({ [CHANGE_KEY]: { newValue: { ids: ['arxiv:2401.00001'], at: 2 } } }, 'local');
    expect(early.stale).toBe(true);
  });

  it('asks at once on a parsed page; on a page without paper links, asks nothing', async () => {
    const sent: Request[] = [];
    const runtime = { sendMessage: async (message: Request) => (sent.push(message), undefined) };
    const parsed = pageWithLinks(['/abs/2401.00001']);
    Object.defineProperty(parsed.doc, 'readyState', { value: 'interactive', configurable: true });
    const shared = {};
    askEarlyStates(parsed.doc, parsed.url, runtime, fakeStorage(), shared);
    expect(sent).toHaveLength(1);
    // An answer without states (no worker answered) is a failure main.ts recovers from.
    await expect(takeEarlyStates(shared)!.answer).rejects.toThrow(/did not answer with states/);

    const empty = pageWithLinks(['/a/someone_1'], 'https://arxiv.org/list/cs.LG/new');
    Object.defineProperty(empty.doc, 'readyState', { value: 'complete', configurable: true });
    const none = {};
    askEarlyStates(empty.doc, empty.url, runtime, fakeStorage(), none);
    expect(sent).toHaveLength(1);
    expect(takeEarlyStates(none)).toBeNull();
  });
});

/** A messenger answering getStates from `stored` (only the stored papers), recording every request. */
function fakeMessenger(stored: Record<string, PackedPageState>): Messenger & { requests: Request[] } {
  const requests: Request[] = [];
  return {
    requests,
    async send(request) {
      requests.push(request);
      if (request.type !== 'getStates') return { ok: true } as never;
      const { ids } = request as Extract<Request, { type: 'getStates' }>;
      return { states: Object.fromEntries(ids.filter((id) => id in stored).map((id) => [id, stored[id]!])) } as never;
    },
  };
}

function earlyAsk(ids: string[], answer: Promise<Record<string, PackedPageState>>): EarlyStates {
  answer.catch(() => {});
  return { ids: new Set(ids), answer, stale: false, served: 0, askMs: 0 };
}

describe('withEarlyStates (main.ts)', () => {
  const A = 'arxiv:2401.00001';
  const B = 'arxiv:2401.00002';
  const C = 'arxiv:2401.00003';

  it('answers the covered ids of the first state request early, asks for the others, and passes everything after through', async () => {
    const worker = fakeMessenger({ [A]: state(false), [C]: state(true) });
    const early = earlyAsk([A, B], Promise.resolve({ [A]: state(true) }));
    const messenger = withEarlyStates(worker, early);
    expect(await messenger.send({ type: 'getStates', ids: [A, B, C] })).toEqual({ states: { [A]: state(true), [C]: state(true) } });
    expect(worker.requests).toEqual([{ type: 'getStates', ids: [C] }]);
    expect(early.served).toBe(2);
    // The page's later requests (entries added later, a refresh) get the worker's answers.
    expect(await messenger.send({ type: 'getStates', ids: [A] })).toEqual({ states: { [A]: state(false) } });
    expect(await messenger.send({ type: 'wake' })).toEqual({ ok: true });
    expect(worker.requests).toHaveLength(3);
  });

  it('sends only what it needs: nothing when the early ask covered every id', async () => {
    const worker = fakeMessenger({});
    const messenger = withEarlyStates(worker, earlyAsk([A, B], Promise.resolve({})));
    expect(await messenger.send({ type: 'getStates', ids: [B, A] })).toEqual({ states: {} });
    expect(worker.requests).toEqual([]);
  });

  it('asks for the whole request when the early answer failed, or a change made it stale before or while it was awaited', async () => {
    const stored = { [A]: state(true) };
    const failed = fakeMessenger(stored);
    const failedEarly = earlyAsk([A], Promise.reject(new Error('no worker')));
    expect(await withEarlyStates(failed, failedEarly).send({ type: 'getStates', ids: [A] })).toEqual({ states: stored });
    expect(failed.requests).toEqual([{ type: 'getStates', ids: [A] }]);
    expect(failedEarly.served).toBe(0);

    const staleBefore = fakeMessenger(stored);
    const before = earlyAsk([A], Promise.resolve({}));
    before.stale = true;
    expect(await withEarlyStates(staleBefore, before).send({ type: 'getStates', ids: [A] })).toEqual({ states: stored });
    expect(staleBefore.requests).toHaveLength(1);

    const staleWhile = fakeMessenger(stored);
    let answer!: (states: Record<string, PackedPageState>) => void;
    const pending = earlyAsk([A], new Promise((resolve) => (answer = resolve)));
    const request = withEarlyStates(staleWhile, pending).send({ type: 'getStates', ids: [A] });
    pending.stale = true; // the user starred it in another tab meanwhile
    answer({});
    expect(await request).toEqual({ states: stored });
    expect(staleWhile.requests).toEqual([{ type: 'getStates', ids: [A] }]);
  });

  it('is the messenger itself without an early ask', () => {
    const worker = fakeMessenger({});
    expect(withEarlyStates(worker, null)).toBe(worker);
  });
});
