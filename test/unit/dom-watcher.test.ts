// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DomWatcher } from '../../content-scripts/lib/dom-watcher';

function watch() {
  const calls = { added: 0, removed: 0, links: [] as Element[][] };
  const watcher = new DomWatcher(document, {
    selector: () => 'dt',
    onUrlChange: () => {},
    onEntriesAdded: () => calls.added++,
    onRemoved: () => calls.removed++,
    onLinksChanged: (links, added) => {
      calls.links.push(links);
      if (added) calls.added++;
    },
  });
  return { watcher, calls };
}

let current: DomWatcher | null = null;
afterEach(() => {
  current?.disconnect();
  document.body.replaceChildren();
});

describe('DomWatcher.unwatched', () => {
  it('does not report our own changes, and keeps watching the page afterwards', async () => {
    const dl = document.createElement('dl');
    document.body.append(dl);
    const { watcher, calls } = watch();
    current = watcher;
    watcher.unwatched(() => dl.append(document.createElement('dt')));
    await Promise.resolve();
    expect(calls).toEqual({ added: 0, removed: 0, links: [] });
    dl.append(document.createElement('dt'));
    await vi.waitFor(() => expect(calls.added).toBe(1), { timeout: 5_000 });
  });

  it('still reports page changes queued before ours', async () => {
    const dl = document.createElement('dl');
    document.body.append(dl);
    const { watcher, calls } = watch();
    current = watcher;
    dl.append(document.createElement('dt')); // the page's, in the same task as ours
    watcher.unwatched(() => dl.firstElementChild!.remove());
    await vi.waitFor(() => expect(calls.added).toBe(1), { timeout: 5_000 });
    expect(calls.removed).toBe(0);
  });
});

describe('DomWatcher: links that change or are added', () => {
  it('reports links whose href the page changed, in one call per batch, and no other attribute changes', async () => {
    document.body.innerHTML = '<dl><dt><a href="/abs/2408.00001">arXiv:2408.00001</a></dt><dd><a href="/a/one">One</a></dd></dl>';
    const [abs, author] = [...document.querySelectorAll('a')] as [HTMLAnchorElement, HTMLAnchorElement];
    const { watcher, calls } = watch();
    current = watcher;
    abs.className = 'visited';
    abs.title = 'Abstract';
    document.querySelector('dt')!.setAttribute('href', '/not-a-link'); // not an <a>
    await Promise.resolve();
    expect(calls.links).toEqual([]);
    abs.setAttribute('href', '/abs/2408.00002');
    author.href = '/a/two';
    await vi.waitFor(() => expect(calls.links).toHaveLength(1), { timeout: 5_000 });
    expect(calls.links[0]).toEqual([abs, author]);
    expect(calls.added + calls.removed).toBe(0);
  });

  it('reports links the page added, alone or inside what it added', async () => {
    document.body.innerHTML = '<dl><dt><a href="/abs/2408.00001">x</a></dt><dd><span>Title</span></dd></dl>';
    const { watcher, calls } = watch();
    current = watcher;
    document.querySelector('dd span')!.textContent = 'Another title'; // text only: no links
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls.links).toEqual([]);
    const replacement = document.createElement('a');
    replacement.href = '/abs/2408.00002';
    document.querySelector('dt a')!.replaceWith(replacement);
    const block = document.createElement('div');
    block.innerHTML = '<p><a href="/a/one">One</a> <a>no address</a> <a href="/a/two">Two</a></p>';
    document.querySelector('dd')!.append(block);
    await vi.waitFor(() => expect(calls.links).toHaveLength(1), { timeout: 5_000 });
    expect(calls.links[0]!.map((a) => a.getAttribute('href'))).toEqual(['/abs/2408.00002', '/a/one', '/a/two']);
  });

  it('reports an entry added with a subtree of 150,000 links (hostile markup: spread as arguments, they overflowed the stack and the batch was lost)', async () => {
    const { watcher, calls } = watch();
    current = watcher;
    const block = document.createElement('div');
    block.innerHTML = '<dl><dt><a href="/abs/2408.00001">arXiv:2408.00001</a></dt><dd>Title</dd></dl>';
    // Built node by node: jsdom's parser is slow on one long list.
    for (let i = 0; i < 1_500; i++) {
      const group = block.appendChild(document.createElement('span'));
      for (let j = 0; j < 100; j++) group.appendChild(document.createElement('a')).setAttribute('href', '#');
    }
    document.body.append(block);
    await vi.waitFor(() => expect(calls.added).toBe(1), { timeout: 5_000 });
    expect(calls.links.flat()).toHaveLength(150_001);
  });

  it('does not report links changed by our own changes', async () => {
    document.body.innerHTML = '<dl><dt><a href="/abs/2408.00001">x</a></dt></dl>';
    const { watcher, calls } = watch();
    current = watcher;
    watcher.unwatched(() => document.querySelector('a')!.setAttribute('href', '/abs/2408.00003'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls.links).toEqual([]);
  });
});

describe('DomWatcher.checkUrl', () => {
  it('a new path or query is a new page; a new fragment alone (an in-page jump) is not', () => {
    let changes = 0;
    const watcher = new DomWatcher(document, { selector: () => 'dt', onUrlChange: () => changes++, onEntriesAdded() {}, onRemoved() {}, onLinksChanged() {} });
    current = watcher;
    const start = location.href;
    try {
      history.pushState(null, '', '#item15');
      expect(watcher.checkUrl()).toBe(false);
      history.pushState(null, '', '#content');
      expect(watcher.checkUrl()).toBe(false);
      history.pushState(null, '', '?skip=25');
      expect(watcher.checkUrl()).toBe(true);
      history.pushState(null, '', '?skip=25#item3');
      expect(watcher.checkUrl()).toBe(false);
      history.pushState(null, '', '/papers/trending');
      expect(watcher.checkUrl()).toBe(true);
      expect(changes).toBe(2);
    } finally {
      history.replaceState(null, '', start);
    }
  });

  it('going back or forward is a new page; once disconnected (a copy cut off from the extension), nothing is', () => {
    let changes = 0;
    const watcher = new DomWatcher(document, { selector: () => 'dt', onUrlChange: () => changes++, onEntriesAdded() {}, onRemoved() {}, onLinksChanged() {} });
    current = watcher;
    const start = location.href;
    try {
      history.pushState(null, '', '/papers/date/2026-09-28');
      dispatchEvent(new PopStateEvent('popstate'));
      expect(changes).toBe(1);
      watcher.disconnect();
      history.pushState(null, '', '/papers/trending');
      dispatchEvent(new PopStateEvent('popstate'));
      expect(watcher.checkUrl()).toBe(false);
      expect(changes).toBe(1);
    } finally {
      history.replaceState(null, '', start);
    }
  });
});
