// @vitest-environment jsdom
/**
 * A page that changes under its controls, as a site's framework changes it: the saved Hugging
 * Face daily page, with the DOM watcher and a page session wired as main.ts wires them (a new
 * session on client-side navigation). Cards are re-rendered, loaded later, rewritten in place,
 * cloned; the user turns the relevance order on and off meanwhile.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { huggingfaceAdapter } from '../../content-scripts/adapters/huggingface';
import type { ExtractedEntry } from '../../content-scripts/adapters/types';
import { DomWatcher } from '../../content-scripts/lib/dom-watcher';
import { PageAnnotator } from '../../content-scripts/page-annotator';
import { PageSession } from '../../content-scripts/page-session';
import type { PackedPageState } from '../../src/core/paper';
import type { Messenger } from '../../src/messenger';
import type { SeenTracker } from '../../content-scripts/lib/seen-tracker';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { OTHER_PAGES, pageFile } from '../../scripts/lib/demo-pages';
import { loadPage } from '../../scripts/lib/dom';
import { requireShared } from '../../scripts/lib/shared';
import { backgroundMessenger, testPaper } from '../support/papers';
import { FakeIntersectionObserver, FakeIO } from '../support/fake-intersection-observer';

const PAGE = OTHER_PAGES.huggingfaceDaily;
const available = requireShared('changing pages', `fixtures/pages/${PAGE.file}`);
const setUrl = (url: string) => (globalThis as unknown as { jsdom: { reconfigure(o: { url: string }): void } }).jsdom.reconfigure({ url });

let db: PaperDb;
let counter = 0;
let session: PageSession | null;
let sessions: PageSession[];
let watcher: DomWatcher;

const cards = () => [...document.querySelectorAll('main article')];
const allHosts = () => [...document.querySelectorAll<HTMLElement>('[data-paper-radar-id]')];
const hostIds = (within: ParentNode) => [...within.querySelectorAll<HTMLElement>('[data-paper-radar-id]')].map((h) => h.dataset['paperRadarId']);
const settled = async () => {
  await session!.idle();
  await new Promise((resolve) => setTimeout(resolve, 50));
};

/** Points a card's paper links at `to` (a framework reusing the card for another paper). */
function relink(card: Element, to: string): void {
  for (const link of card.querySelectorAll('a[href^="/papers/"]')) link.setAttribute('href', link.getAttribute('href')!.replace(/^\/papers\/[^/?#]+/, `/papers/${to}`));
}

/** A card as the framework renders it anew: the same markup, none of ours. */
function renderedAnew(card: Element): Element {
  const fresh = card.cloneNode(true) as Element;
  for (const host of fresh.querySelectorAll('[data-paper-radar-id]')) host.remove();
  for (const el of [fresh, ...fresh.querySelectorAll('*')]) for (const name of el.getAttributeNames()) if (name.startsWith('data-paper-radar')) el.removeAttribute(name);
  return fresh;
}

async function startSession(): Promise<void> {
  session?.destroy();
  const current = new PageSession(huggingfaceAdapter, document, new URL(location.href), backgroundMessenger(db), {
    afterNavigation: sessions.length > 0,
    unwatched: (change) => watcher.unwatched(change),
  });
  session = current;
  sessions.push(current);
  await current.start();
}

describe.skipIf(!available)('a Hugging Face page changing under its controls', () => {
  beforeEach(async () => {
    (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver = FakeIO;
    db = await openPaperDb(`changing-pages-${++counter}`);
    setUrl(PAGE.url);
    document.replaceChild(document.importNode(loadPage(pageFile(PAGE), PAGE.url).documentElement, true), document.documentElement);
    session = null;
    sessions = [];
    watcher = new DomWatcher(document, {
      selector: () => session?.selector ?? null,
      onUrlChange: () => void startSession(),
      onEntriesAdded: () => void session?.entriesAdded(),
      onRemoved: () => void session?.removed(),
      onLinksChanged: (links, added) => void session?.linksChanged(links, added),
    });
    await startSession();
    expect(allHosts()).toHaveLength(cards().length);
  });
  afterEach(() => {
    watcher.disconnect();
    session?.destroy();
    db.close();
  });

  it('reads the page once per batch of cards arriving (infinite scroll), not once for the cards and again for their links', async () => {
    const extract = vi.spyOn(huggingfaceAdapter, 'extract');
    try {
      const last = cards().at(-1)!;
      const batch = [1, 2, 3].map((i) => {
        const card = renderedAnew(last);
        relink(card, `2609.9100${i}`);
        return card;
      });
      last.after(...batch);
      await vi.waitFor(() => expect(batch.map((card) => hostIds(card))).toEqual([['arxiv:2609.91001'], ['arxiv:2609.91002'], ['arxiv:2609.91003']]));
      await settled();
      expect(extract).toHaveBeenCalledTimes(1);
    } finally {
      extract.mockRestore();
    }
  });

  it('puts cards loaded while ordered by relevance before the block after the cards, where the site put them, when its order is back', async () => {
    const grid = cards()[0]!.parentElement!;
    const block = grid.lastElementChild!; // the links the site keeps after its cards
    expect(block.localName).toBe('div');
    session!.annotator.orderByRelevance(true);
    const more = renderedAnew(cards()[0]!);
    relink(more, '2609.90001');
    block.before(more);
    await vi.waitFor(() => expect(hostIds(more)).toEqual(['arxiv:2609.90001']));
    session!.annotator.orderByRelevance(false);
    expect([...grid.children].slice(-2)).toEqual([more, block]);
  });

  it('puts a card rendered anew while ordered by relevance back in its own place when the order is back', async () => {
    const siteOrder = cards().map((card) => hostIds(card)[0]);
    session!.annotator.orderByRelevance(true);
    const old = cards().find((card) => hostIds(card)[0] === siteOrder[2])!;
    const fresh = renderedAnew(old);
    old.replaceWith(fresh);
    await vi.waitFor(() => expect(hostIds(fresh)).toHaveLength(1));
    session!.annotator.orderByRelevance(false);
    expect(cards().indexOf(fresh)).toBe(2);
    expect(cards().map((card) => hostIds(card)[0])).toEqual(siteOrder);
  });

  it('gives a card that is one big link, pointed at another paper, that paper’s control', async () => {
    const wrapper = document.createElement('a');
    wrapper.setAttribute('href', '/papers/2609.99997');
    const article = wrapper.appendChild(document.createElement('article'));
    article.className = 'relative flex flex-col';
    article.appendChild(document.createElement('div')).appendChild(document.createElement('h3')).textContent = 'A card that is one big link';
    cards().at(-1)!.after(wrapper);
    await vi.waitFor(() => expect(hostIds(document)).toContain('arxiv:2609.99997'));
    wrapper.setAttribute('href', '/papers/2609.99996');
    wrapper.querySelector('h3')!.textContent = 'Another paper in the same card';
    await vi.waitFor(() => expect(hostIds(document)).toContain('arxiv:2609.99996'));
    await settled();
    expect(hostIds(document).filter((id) => id === 'arxiv:2609.99997' || id === 'arxiv:2609.99996')).toEqual(['arxiv:2609.99996']);
  });

  it('watches a card rendered anew for being seen, and no longer the card it replaced', async () => {
    const old = cards()[3]!;
    const fresh = renderedAnew(old);
    old.replaceWith(fresh); // before the first session's entries are watched (a framework hydrating)
    await vi.waitFor(() => expect(hostIds(fresh)).toHaveLength(1));
    await settled();
    const watched = FakeIntersectionObserver.last.targets;
    expect([...watched].filter((target) => !target.isConnected)).toEqual([]);
    expect(watched.has(fresh)).toBe(true);
  });

  it.each([
    ['a card', false],
    ['a dismissed card', true],
  ])('takes the last page’s control and marks off %s the site clones as it navigates', async (_, dismissed) => {
    const first = cards()[0]!;
    if (dismissed) {
      first.querySelector('[data-paper-radar-id]')!.shadowRoot!.querySelector<HTMLButtonElement>('[data-paper-radar-action="dismiss"]')!.click();
      await vi.waitFor(() => expect(first.hasAttribute('data-paper-radar-dismissed')).toBe(true));
    }
    history.pushState({}, '', '/papers/date/2026-09-25');
    const copy = first.cloneNode(true) as Element; // in the same batch of changes as the navigation
    relink(copy, '2609.77777');
    first.parentElement!.append(copy);
    await vi.waitFor(() => expect(sessions).toHaveLength(2));
    await settled();
    expect(hostIds(copy)).toEqual(['arxiv:2609.77777']);
    expect(allHosts().filter((host) => session!.annotator.entryWithControl(host) === null)).toEqual([]);
    expect(copy.hasAttribute('data-paper-radar-dismissed')).toBe(false);
  });
});

/** A card of paper `n` appended to the page: a box with a heading, the control in it. */
function card(n: number): ExtractedEntry {
  const div = document.body.appendChild(document.createElement('div'));
  const heading = div.appendChild(document.createElement('h3'));
  const paper = testPaper(n);
  return { id: paper.id, title: paper.title, paper, section: null, elements: [div], placement: { anchor: heading, position: 'beforeend' } };
}

/** Whether paper `n`'s control on the page says "new". */
const isNew = (n: number) => document.querySelector(`[data-paper-radar-id="${testPaper(n).id}"]`)!.hasAttribute('data-paper-radar-new');

/** A seen tracker that watches nothing by itself: a test says when papers were seen. */
const quietTracker = () => ({ track() {}, watching: () => true, untrack() {}, flush() {}, disconnect() {} }) as unknown as SeenTracker<string>;

/**
 * The page the site showed before (a session of the document that client-side navigation ends):
 * papers `shown`, of which `seenPaper` was on screen for a second; `then` runs before the session
 * ends (waits for what the sighting sent). The page is empty again when this returns.
 */
async function pageBefore(messenger: Messenger, seenInDocument: Set<string>, shown: number[], seenPaper: number, then: () => Promise<void> | void): Promise<void> {
  let seen!: (ids: string[]) => void;
  const tracker = quietTracker();
  document.body.replaceChildren();
  const before = new PageAnnotator({ doc: document, messenger, seenInDocument, createSeenTracker: (onSeen) => ((seen = onSeen), tracker) });
  await before.annotate(shown.map((n) => card(n)));
  seen([testPaper(seenPaper).id]);
  await then();
  before.destroy();
  document.body.replaceChildren();
}

describe('a paper whose card left the page', () => {
  it('is new again when its card comes back after its record was forgotten meanwhile', async () => {
    const stored = new Map<string, PackedPageState>();
    const messenger = {
      async send(request: { type: string; ids?: string[] }) {
        if (request.type !== 'getStates') return request.type === 'scoreEntries' ? { ready: false, scores: {} } : {};
        return { states: Object.fromEntries((request.ids ?? []).filter((id) => stored.has(id)).map((id) => [id, stored.get(id)!])) };
      },
    } as unknown as Messenger;
    const id = testPaper(1).id;
    document.body.replaceChildren();
    stored.set(id, [0, Date.now() - 86_400_000]); // only seen, yesterday
    const annotator = new PageAnnotator({ doc: document, messenger });
    const first = card(1);
    await annotator.annotate([first]);
    expect(isNew(1)).toBe(false);
    // The site takes the card away (a filter); its record is forgotten, and the notice names it.
    first.elements[0]!.remove();
    annotator.prune();
    stored.delete(id);
    await annotator.refresh([id]);
    // The site shows the card again.
    await annotator.annotate([card(1)], { stateFirst: false });
    expect(isNew(1)).toBe(true);
    annotator.destroy();
  });

  it('seen on the page the site showed before (client-side navigation), it is not new on the next, though the worker dates it later', async () => {
    // The worker has not stored the last sightings yet when the next page asks: nothing stored.
    const sentSeen: string[] = [];
    const messenger = {
      async send(request: { type: string; papers?: Array<{ id: string }> }) {
        if (request.type === 'markSeen') sentSeen.push(...request.papers!.map((paper) => paper.id));
        if (request.type === 'getStates') return { states: {} };
        return request.type === 'scoreEntries' ? { ready: false, scores: {} } : {};
      },
    } as unknown as Messenger;
    const seenInDocument = new Set<string>();
    // Paper 1 on screen for a second, just before the user went on: new on that page for the whole visit.
    await pageBefore(messenger, seenInDocument, [1, 2], 1, () => expect(isNew(1)).toBe(true));
    const next = new PageAnnotator({ doc: document, messenger, seenInDocument });
    await next.annotate([card(1), card(2), card(3)]);
    expect(sentSeen).toEqual([testPaper(1).id]);
    expect([isNew(1), isNew(2), isNew(3)]).toEqual([false, true, true]);
    next.destroy();
  });

  it('seen on the page the site showed before, but not stored (the worker refused): still new on the next', async () => {
    const messenger = {
      async send(request: { type: string }) {
        if (request.type === 'markSeen') throw new Error('storage full');
        if (request.type === 'getStates') return { states: {} };
        return request.type === 'scoreEntries' ? { ready: false, scores: {} } : {};
      },
    } as unknown as Messenger;
    const seenInDocument = new Set<string>();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await pageBefore(messenger, seenInDocument, [1], 1, () => vi.waitFor(() => expect(warn).toHaveBeenCalled()));
    const next = new PageAnnotator({ doc: document, messenger, seenInDocument });
    await next.annotate([card(1)]);
    // Before: not new (counted seen though nothing was stored).
    expect(isNew(1)).toBe(true);
    next.destroy();
    warn.mockRestore();
  });

  it('seen on the page the site showed before, then forgotten: new again on the next (the document no longer counts it seen)', async () => {
    const stored = new Map<string, PackedPageState>();
    const messenger = {
      async send(request: { type: string; ids?: string[]; papers?: Array<{ id: string }> }) {
        if (request.type === 'markSeen') for (const { id } of request.papers!) stored.set(id, [0, Date.now()]);
        if (request.type === 'getStates') return { states: Object.fromEntries(request.ids!.flatMap((id) => (stored.has(id) ? [[id, stored.get(id)!]] : []))) };
        return request.type === 'scoreEntries' ? { ready: false, scores: {} } : {};
      },
    } as unknown as Messenger;
    const seenInDocument = new Set<string>();
    await pageBefore(messenger, seenInDocument, [1], 1, () => vi.waitFor(() => expect(stored.has(testPaper(1).id)).toBe(true)));
    const next = new PageAnnotator({ doc: document, messenger, seenInDocument, createSeenTracker: quietTracker });
    await next.annotate([card(1)]);
    expect(isNew(1)).toBe(false);
    // The user forgets their history (the options page); the notice names every paper.
    stored.clear();
    await next.refresh([testPaper(1).id]);
    // Before: still not new (an earlier session of this document had seen it).
    expect(isNew(1)).toBe(true);
    next.destroy();
    document.body.replaceChildren();
    const third = new PageAnnotator({ doc: document, messenger, seenInDocument, createSeenTracker: quietTracker });
    await third.annotate([card(1)]);
    expect(isNew(1)).toBe(true);
    third.destroy();
  });

  it('leaving while its state is read again: the papers still on the page and unseen are watched again', async () => {
    let hold: Promise<void> | null = null;
    const messenger = {
      async send(request: { type: string }) {
        if (request.type !== 'getStates') return request.type === 'scoreEntries' ? { ready: false, scores: {} } : {};
        await hold;
        return { states: {} }; // neither stored (forgotten, or never seen)
      },
    } as unknown as Messenger;
    const watched: string[] = [];
    const tracker = { track: (id: string) => watched.push(id), watching: () => false, untrack() {}, flush() {}, disconnect() {} } as unknown as SeenTracker<string>;
    document.body.replaceChildren();
    const cards = [testPaper(1), testPaper(2)].map((paper): ExtractedEntry => {
      const div = document.body.appendChild(document.createElement('div'));
      const heading = div.appendChild(document.createElement('h3'));
      return { id: paper.id, title: paper.title, paper, section: null, elements: [div], placement: { anchor: heading, position: 'beforeend' } };
    });
    const annotator = new PageAnnotator({ doc: document, messenger, createSeenTracker: () => tracker });
    await annotator.annotate(cards);
    await vi.waitFor(() => expect(watched).toHaveLength(2));
    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));
    const reread = annotator.refresh();
    // The site takes the first card away while its state is on its way.
    cards[0]!.elements[0]!.remove();
    annotator.prune();
    release();
    await expect(reread).resolves.toBeUndefined();
    expect(watched).toEqual([cards[0]!.id, cards[1]!.id, cards[1]!.id]);
    annotator.destroy();
  });
});
