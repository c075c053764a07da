// @vitest-environment jsdom
/**
 * Hugging Face cards the page changes in place, on the saved daily page with the DomWatcher wired
 * to the session as content-scripts/main.ts wires them.
 *
 * README ("Pages that change"): "An annotated entry holding a changed or added link is read
 * again; if it now shows another paper, its control and marks go and it is annotated as the new
 * paper (a card that shows no paper any more keeps no control)"; "a card the site rewrites in
 * place to show another paper gets that paper's control".
 *
 * 1. A card patched to show no paper, then another paper, gets that paper's control.
 * 2. A card appended as a placeholder (its title link without an address, as a framework renders
 *    before its data arrives) gets a control once the address is set.
 * 3. A card that is one big link (<a href="/papers/…"><article>…</article></a>, which the adapter
 *    reads): its control sits after the link, outside the entry, and goes with the card.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { huggingfaceAdapter } from '../../content-scripts/adapters/huggingface';
import { DomWatcher } from '../../content-scripts/lib/dom-watcher';
import { PageSession } from '../../content-scripts/page-session';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { OTHER_PAGES, pageFile } from '../../scripts/lib/demo-pages';
import { loadPage } from '../../scripts/lib/dom';
import { requireShared } from '../../scripts/lib/shared';
import { backgroundMessenger } from '../support/papers';

const PAGE = OTHER_PAGES.huggingfaceDaily;
const available = requireShared('the Hugging Face cards-in-place unit test', `fixtures/pages/${PAGE.file}`);

let db: PaperDb;
let counter = 0;
let session: PageSession;
let watcher: DomWatcher;

const cards = () => [...document.querySelectorAll('main article')];
const controlsFor = (id: string) => document.querySelectorAll(`[data-paper-radar-id="${id}"]`);
const hostIds = (card: Element) => [...card.querySelectorAll<HTMLElement>('[data-paper-radar-id]')].map((h) => h.dataset.paperRadarId);

/** Points every link of `card` to paper `to` (bare id, or anything) as a framework patching attributes does. */
function relink(card: Element, to: string, title?: string): void {
  for (const link of card.querySelectorAll('a[href^="/papers/"]')) {
    const href = link.getAttribute('href')!;
    link.setAttribute('href', href.replace(/^\/papers\/[^/?#]+/, `/papers/${to}`));
  }
  if (title !== undefined) {
    const text = [...card.querySelector('h3 a')!.childNodes].find((n) => n.nodeType === 3 && n.textContent!.trim() !== '')!;
    text.textContent = title;
  }
}

beforeEach(async () => {
  db = await openPaperDb(`hf-cards-in-place-${++counter}`);
  const saved = loadPage(pageFile(PAGE), PAGE.url);
  document.replaceChild(document.importNode(saved.documentElement, true), document.documentElement);
  session = new PageSession(huggingfaceAdapter, document, new URL(PAGE.url), backgroundMessenger(db), {
    trackSeen: false,
    unwatched: (change) => watcher.unwatched(change),
  });
  watcher = new DomWatcher(document, {
    selector: () => session.selector,
    onUrlChange: () => {},
    onEntriesAdded: () => void session.entriesAdded(),
    onRemoved: () => void session.removed(),
    onLinksChanged: (links, added) => void session.linksChanged(links, added),
  });
  await session.start();
});
afterEach(() => {
  watcher.disconnect();
  session.destroy();
  db.close();
});

describe.skipIf(!available)('Hugging Face: cards changed in place', () => {
  it('a card rewritten to show no paper, then another paper, gets that paper’s control', async () => {
    const card = cards()[0]!;
    expect(hostIds(card)).toHaveLength(1);
    relink(card, 'not-a-paper', 'Sponsored');
    // As README promises: the card that shows no paper keeps no control.
    await vi.waitFor(() => expect(hostIds(card)).toEqual([]), { timeout: 3_000 });
    relink(card, '2609.99999', 'A paper the page now shows here');
    await vi.waitFor(() => expect(hostIds(card)).toEqual(['arxiv:2609.99999']), { timeout: 3_000 });
  });

  it('a placeholder card whose title link gets its address later gets a control', async () => {
    const placeholder = cards()[0]!.cloneNode(true) as Element;
    for (const host of placeholder.querySelectorAll('[data-paper-radar-id]')) host.remove();
    for (const link of placeholder.querySelectorAll('a[href]')) link.removeAttribute('href');
    placeholder.querySelector('h3 a')!.textContent = 'A paper still loading';
    cards().at(-1)!.after(placeholder);
    // Not a paper yet: nothing to annotate.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hostIds(placeholder)).toEqual([]);
    // The data arrives: the framework sets the links' address (one attribute change per link).
    placeholder.querySelector('h3 a')!.setAttribute('href', '/papers/2609.99998');
    await vi.waitFor(() => expect(hostIds(placeholder)).toEqual(['arxiv:2609.99998']), { timeout: 3_000 });
  });

  it('a card that is one big link loses its control (outside the card) when the page takes the card away', async () => {
    const last = document.querySelectorAll('main article')[27]!;
    const wrapper = document.createElement('a');
    wrapper.setAttribute('href', '/papers/2609.99997');
    wrapper.innerHTML = '<article class="relative flex flex-col"><div><h3 class="mb-1 text-lg/6">A card that is one big link</h3></div></article>';
    last.after(wrapper);
    await vi.waitFor(() => expect(controlsFor('arxiv:2609.99997')).toHaveLength(1), { timeout: 3_000 });
    expect(session.annotator.ids).toContain('arxiv:2609.99997');

    wrapper.remove(); // the page takes the card away
    await new Promise((resolve) => setTimeout(resolve, 100));
    await vi.waitFor(() => expect(controlsFor('arxiv:2609.99997')).toHaveLength(0), { timeout: 2_000 });
    expect(session.annotator.ids).not.toContain('arxiv:2609.99997');
  });
});
