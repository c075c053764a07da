// @vitest-environment jsdom
/**
 * Entries a page reuses for another paper, on the saved Hugging Face daily page (28 cards),
 * annotated by a real PageSession with the background's request path over fake-indexeddb.
 * A framework that patches a list in place (Svelte's unkeyed {#each}, on a re-sort or a search
 * as you type) keeps each <article> and rewrites its links and text, so the card that showed one
 * paper now shows another. The test patches two cards that way, swapping their papers, and
 * hands the session the links it changed, as the DOM watcher does (its own test checks that it
 * reports them; the end-to-end suite runs the whole chain in Chromium).
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { huggingfaceAdapter } from '../../content-scripts/adapters/huggingface';
import { PageSession } from '../../content-scripts/page-session';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { getPaper, getStates } from '../../src/store/papers';
import { OTHER_PAGES, pageFile } from '../../scripts/lib/demo-pages';
import { loadPage } from '../../scripts/lib/dom';
import { requireShared } from '../../scripts/lib/shared';
import { backgroundMessenger } from '../support/papers';

const PAGE = OTHER_PAGES.huggingfaceDaily;
const available = requireShared('the reused-entries unit test', `fixtures/pages/${PAGE.file}`);

let db: PaperDb;
let counter = 0;
let session: PageSession;

const cards = () => [...document.querySelectorAll('main article')];
const hostsIn = (card: Element) => [...card.querySelectorAll<HTMLElement>('[data-paper-radar-id]')];
const idOf = (card: Element) => {
  const hosts = hostsIn(card);
  expect(hosts).toHaveLength(1); // never a second control, never none
  return hosts[0]!.dataset.paperRadarId!;
};
const button = (card: Element, action: string) => hostsIn(card)[0]!.shadowRoot!.querySelector<HTMLButtonElement>(`[data-paper-radar-action="${action}"]`)!;
/** The card's title, as its <h3> link shows it. */
const titleOf = (card: Element) => card.querySelector('h3 a')!.textContent!.trim();

/**
 * Rewrites a card in place to show another paper, as a framework patches it: every link to the
 * old paper now links the new one, and the title link's text is the new title. Returns the links
 * changed.
 */
function patchCard(card: Element, from: string, to: string, title: string): Element[] {
  const changed: Element[] = [];
  for (const link of card.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href')!;
    if (!href.includes(from)) continue;
    link.setAttribute('href', href.replace(from, to));
    changed.push(link);
  }
  const titleText = [...card.querySelector('h3 a')!.childNodes].find((n) => n.nodeType === 3 && n.textContent!.trim() !== '')!;
  titleText.textContent = title;
  return changed;
}

describe.skipIf(!available)('a page that redraws an entry while its control is being made', () => {
  it('gives the card its control when the page replaced the title link the control goes beside before the states came', async () => {
    db = await openPaperDb(`reused-${++counter}`);
    const saved = loadPage(pageFile(PAGE), PAGE.url);
    document.replaceChild(document.importNode(saved.documentElement, true), document.documentElement);
    const background = backgroundMessenger(db);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const messenger: typeof background = { send: (request) => (request.type === 'getStates' ? held.then(() => background.send(request)) : background.send(request)) };
    session = new PageSession(huggingfaceAdapter, document, new URL(PAGE.url), messenger, { trackSeen: false });
    const started = session.start();
    // The page hydrates while the worker reads the states: the card's title link is replaced.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const link = cards()[0]!.querySelector('h3 a')!;
    link.replaceWith(link.cloneNode(true));
    release();
    const report = await started;
    expect(report).toMatchObject({ entries: 28, annotated: 28 });
    expect(cards().map((card) => hostsIn(card).length)).toEqual(Array(28).fill(1));
    expect(session.annotator.entriesInPageOrder()).toHaveLength(28);
    session.destroy();
    db.close();
  });
});

describe.skipIf(!available)('entries the page reuses for another paper', () => {
  beforeEach(async () => {
    db = await openPaperDb(`reused-${++counter}`);
    const saved = loadPage(pageFile(PAGE), PAGE.url);
    document.replaceChild(document.importNode(saved.documentElement, true), document.documentElement);
    session = new PageSession(huggingfaceAdapter, document, new URL(PAGE.url), backgroundMessenger(db), { trackSeen: false });
    await session.start();
  });
  afterEach(() => {
    session.destroy();
    db.close();
  });

  it('gives a card its new paper’s control, state and marks when the page rewrites it in place', async () => {
    const [first, second] = cards() as [Element, Element];
    const [id0, id1] = [idOf(first), idOf(second)];
    const [title0, title1] = [titleOf(first), titleOf(second)];
    expect(id0).not.toBe(id1);
    button(first, 'star').click();
    await expect.poll(async () => (await getStates(db, [id0]))[id0]?.starred).toBe(true);
    expect(first.hasAttribute('data-paper-radar-starred')).toBe(true);

    // The page swaps the two cards' papers in place (a re-sort).
    const bare = (id: string) => id.replace('arxiv:', '');
    const changed = [...patchCard(first, bare(id0), bare(id1), title1), ...patchCard(second, bare(id1), bare(id0), title0)];
    expect(changed.length).toBeGreaterThanOrEqual(2);
    expect(await session.linksChanged(changed)).toBe(2);
    await expect.poll(() => button(second, 'star').getAttribute('aria-pressed')).toBe('true');

    expect([idOf(first), idOf(second)]).toEqual([id1, id0]);
    expect(hostsIn(first)[0]!.getAttribute('aria-label')).toBe(title1.length > 90 ? `${title1.slice(0, 87)}…` : title1);
    // The star went with its paper; the card's marks too.
    expect(button(first, 'star').getAttribute('aria-pressed')).toBe('false');
    expect(first.hasAttribute('data-paper-radar-starred')).toBe(false);
    expect(second.hasAttribute('data-paper-radar-starred')).toBe(true);
    expect(session.annotator.entriesInPageOrder().slice(0, 2).map((e) => e.id)).toEqual([id1, id0]);

    // Starring the first card now stars the paper it shows, with that paper's own title.
    button(first, 'star').click();
    await expect.poll(async () => (await getStates(db, [id1]))[id1]?.starred).toBe(true);
    expect((await getPaper(db, id1))?.title).toBe(title1);
    expect((await getPaper(db, id0))?.title).toBe(title0);
    expect(cards().reduce((n, card) => n + hostsIn(card).length, 0)).toBe(28);
  });

  it('gives a card drawn anew for a paper already shown its marks, not only its control', async () => {
    const [first] = cards() as [Element];
    const id = idOf(first);
    button(first, 'read').click();
    await expect.poll(async () => (await getStates(db, [id]))[id]?.read).toBe(true);
    expect(first.hasAttribute('data-paper-radar-read')).toBe(true);
    // The page draws the card again before it takes the old one away (an animated exit).
    const again = first.cloneNode(true) as Element;
    for (const host of hostsIn(again)) host.remove();
    for (const name of again.getAttributeNames()) if (name.startsWith('data-paper-radar-')) again.removeAttribute(name);
    first.after(again);
    expect(await session.entriesAdded()).toBe(1);
    first.remove();
    await session.removed();
    expect(idOf(again)).toBe(id);
    expect(button(again, 'read').getAttribute('aria-pressed')).toBe('true');
    expect(again.hasAttribute('data-paper-radar-read')).toBe(true);
  });

  it('takes the marks a page copied along with a card off the copy, which shows another paper', async () => {
    const [first] = cards() as [Element];
    const id = idOf(first);
    button(first, 'dismiss').click();
    await expect.poll(async () => (await getStates(db, [id]))[id]?.dismissed).toBe(true);
    expect(first.hasAttribute('data-paper-radar-dismissed')).toBe(true);
    // Infinite scroll that builds a card by copying one (cloneNode), then fills in another paper.
    const copy = first.cloneNode(true) as Element;
    patchCard(copy, id.replace('arxiv:', ''), '2609.99999', 'A paper further down');
    cards().at(-1)!.after(copy);
    expect(await session.entriesAdded()).toBe(1);
    expect(idOf(copy)).toBe('arxiv:2609.99999');
    expect(button(copy, 'dismiss').getAttribute('aria-pressed')).toBe('false');
    expect(copy.hasAttribute('data-paper-radar-dismissed')).toBe(false);
    expect(first.hasAttribute('data-paper-radar-dismissed')).toBe(true);
  });

  it('counts the dismissed papers on the summary the page drew anew with the cards it rewrote and added', async () => {
    const [first, second] = cards() as [Element, Element];
    const id0 = idOf(first);
    const counted = () => document.querySelector('main h1')!.getAttribute('data-paper-radar-dismissed-count');
    button(first, 'dismiss').click();
    await expect.poll(counted).toBe('1');
    // One render of the page's: a new heading, the second card rewritten, a card added below.
    const heading = document.querySelector('main h1')!;
    const redrawn = heading.cloneNode(true) as Element;
    redrawn.removeAttribute('data-paper-radar-dismissed-count');
    heading.replaceWith(redrawn);
    const id1 = idOf(second).replace('arxiv:', '');
    const changed = patchCard(second, id1, '2609.99998', 'A paper put in its place');
    const added = first.cloneNode(true) as Element;
    for (const host of hostsIn(added)) host.remove();
    patchCard(added, id0.replace('arxiv:', ''), '2609.99999', 'A paper further down');
    cards().at(-1)!.after(added);
    expect(await session.linksChanged(changed, true)).toBe(2);
    expect([idOf(second), idOf(added)]).toEqual(['arxiv:2609.99998', 'arxiv:2609.99999']);
    expect(counted()).toBe('1');
  });

  it('takes the control off a card the page rewrites to show no paper it can read', async () => {
    const [first, second] = cards() as [Element, Element];
    const id0 = idOf(first);
    const changed = patchCard(first, id0.replace('arxiv:', ''), 'not-a-paper', 'Sponsored');
    expect(await session.linksChanged(changed)).toBe(0);
    expect(hostsIn(first)).toEqual([]);
    expect(session.annotator.ids).not.toContain(id0);
    expect(hostsIn(second)).toHaveLength(1);
  });

  it('leaves a control alone when a changed link does not change the paper, or is not in an entry', async () => {
    const [first] = cards() as [Element];
    const host = hostsIn(first)[0]!;
    const comments = first.querySelector<HTMLAnchorElement>('a[href$="#community"]')!;
    comments.setAttribute('href', `${comments.getAttribute('href')}?sort=new`);
    const outside = document.createElement('a');
    outside.href = '/papers/2509.00001';
    document.body.append(outside);
    expect(await session.linksChanged([comments, outside])).toBe(0);
    expect(hostsIn(first)).toEqual([host]);
  });
});
