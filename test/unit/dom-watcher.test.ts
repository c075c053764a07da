// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DomWatcher } from '../../content-scripts/lib/dom-watcher';

function watch() {
  const calls = { added: 0, removed: 0 };
  const watcher = new DomWatcher(document, {
    selector: () => 'dt',
    onUrlChange: () => {},
    onEntriesAdded: () => calls.added++,
    onRemoved: () => calls.removed++,
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
    expect(calls).toEqual({ added: 0, removed: 0 });
    dl.append(document.createElement('dt'));
    await vi.waitFor(() => expect(calls.added).toBe(1));
  });

  it('still reports page changes queued before ours', async () => {
    const dl = document.createElement('dl');
    document.body.append(dl);
    const { watcher, calls } = watch();
    current = watcher;
    dl.append(document.createElement('dt')); // the page's, in the same task as ours
    watcher.unwatched(() => dl.firstElementChild!.remove());
    await vi.waitFor(() => expect(calls.added).toBe(1));
    expect(calls.removed).toBe(0);
  });
});
