// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageReport } from '../../src/core/page-health';
import { EMPTY_STATE, type PaperRecord } from '../../src/core/paper';
import { App, type Library, type LibraryApi } from '../../popup/App';
import { formatAuthors } from '../../popup/PaperList';
import { testPaper } from '../support/papers';

function record(n: number, state: Partial<PaperRecord> = {}): PaperRecord {
  return { ...testPaper(n), ...EMPTY_STATE, ...state };
}

function fakeApi(library: Library, report: PageReport | null = null) {
  let onChange: () => void = () => {};
  const api: LibraryApi & { calls: unknown[][]; fireChange: () => void; ordered: boolean | null } = {
    calls: [],
    load: vi.fn(async () => structuredClone(library)),
    pageReport: async () => report,
    ordered: false as boolean | null,
    async orderByRelevance(on?: boolean) {
      if (on !== undefined) this.ordered = on;
      return report && report.entries > 0 ? this.ordered : null;
    },
    async setFlag(id, flag, value) {
      this.calls.push([id, flag, value]);
      const all = [...library.starred, ...library.recent].filter((p) => p.id === id);
      for (const p of all) p[flag] = value;
      if (flag === 'starred' && !value) library.starred = library.starred.filter((p) => p.id !== id);
    },
    subscribe(cb) {
      onChange = cb;
      return () => {
        onChange = () => {};
      };
    },
    fireChange: () => onChange(),
  };
  return api;
}

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

async function mount(api: LibraryApi) {
  await act(async () => {
    render(<App api={api} />, container);
  });
  await act(async () => {}); // let load() resolve
}

const items = () => [...container.querySelectorAll('li[data-paper-radar-id]')];

describe('popup', () => {
  it('lists starred papers with title, authors and a link to the abstract, with counts on the tabs', async () => {
    const api = fakeApi({
      starred: [record(2, { starred: true, starredAt: 20 }), record(1, { starred: true, starredAt: 10, read: true })],
      recent: [record(3, { lastSeenAt: 5 })],
    });
    await mount(api);
    expect(items().map((li) => li.getAttribute('data-paper-radar-id'))).toEqual(['arxiv:2408.00002', 'arxiv:2408.00001']);
    const link = items()[0]!.querySelector('a.title')!;
    expect(link.textContent).toBe('Paper 2');
    expect(link.getAttribute('href')).toBe('https://arxiv.org/abs/2408.00002');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(items()[0]!.querySelector('.authors')!.textContent).toBe('Author 2');
    expect(items()[1]!.querySelector('[data-paper-radar-action="read"]')!.getAttribute('aria-pressed')).toBe('true');
    const tabs = [...container.querySelectorAll('[role="tab"]')].map((t) => t.textContent);
    expect(tabs).toEqual(['Starred2', 'Recently seen1']);
  });

  it('links to the interests editor (the options page)', async () => {
    await mount(fakeApi({ starred: [], recent: [] }));
    const link = container.querySelector<HTMLAnchorElement>('[data-paper-radar-options]')!;
    expect(link.getAttribute('href')).toBe('../options/index.html');
    expect(link.textContent).toMatch(/Interests/);
  });

  it('switches to recently seen', async () => {
    await mount(fakeApi({ starred: [], recent: [record(3, { lastSeenAt: 5 }), record(4, { lastSeenAt: 4 })] }));
    expect(container.textContent).toContain('No starred papers yet');
    await act(async () => (container.querySelectorAll<HTMLButtonElement>('[role="tab"]')[1]!).click());
    expect(items().map((li) => li.getAttribute('data-paper-radar-id'))).toEqual(['arxiv:2408.00003', 'arxiv:2408.00004']);
    expect(container.querySelector('[role="tab"][aria-selected="true"]')!.textContent).toContain('Recently seen');
  });

  it('unstars and marks read through the api, then shows the new state', async () => {
    const api = fakeApi({ starred: [record(1, { starred: true, starredAt: 10 }), record(2, { starred: true, starredAt: 5 })], recent: [] });
    await mount(api);
    await act(async () => items()[0]!.querySelector<HTMLButtonElement>('[data-paper-radar-action="read"]')!.click());
    await act(async () => {});
    expect(api.calls).toEqual([['arxiv:2408.00001', 'read', true]]);
    expect(items()[0]!.querySelector('[data-paper-radar-action="read"]')!.getAttribute('aria-pressed')).toBe('true');
    await act(async () => items()[0]!.querySelector<HTMLButtonElement>('[data-paper-radar-action="star"]')!.click());
    await act(async () => {});
    expect(api.calls[1]).toEqual(['arxiv:2408.00001', 'starred', false]);
    expect(items().map((li) => li.getAttribute('data-paper-radar-id'))).toEqual(['arxiv:2408.00002']);
  });

  it('reloads when papers change elsewhere', async () => {
    const library: Library = { starred: [], recent: [] };
    const api = fakeApi(library);
    await mount(api);
    library.starred.push(record(7, { starred: true, starredAt: 1 }));
    await act(async () => api.fireChange());
    await act(async () => {});
    expect(items()).toHaveLength(1);
  });

  it('says so when the library cannot be read', async () => {
    const api = fakeApi({ starred: [], recent: [] });
    api.load = async () => {
      throw new Error('database is closed');
    };
    await mount(api);
    expect(container.querySelector('[role="alert"]')!.textContent).toContain('database is closed');
  });

  it('renders hostile titles as text and refuses non-http links', async () => {
    const evil = record(1, { starred: true, starredAt: 1, title: '<img src=x onerror=alert(1)>', url: 'javascript:alert(1)' });
    await mount(fakeApi({ starred: [evil], recent: [] }));
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('a.title')).toBeNull();
    expect(items()[0]!.querySelector('.title')!.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('warns when the page matched a site but no papers were found although it links papers', async () => {
    await mount(fakeApi({ starred: [], recent: [] }, { site: 'arxiv', entries: 0, paperLinks: 40 }));
    const status = container.querySelector('[data-paper-radar-page-status]')!;
    expect(status.getAttribute('data-paper-radar-page-status')).toBe('broken');
    expect(status.getAttribute('role')).toBe('alert');
    expect(status.textContent).toBe('Paper Radar found no papers on this page — the site may have changed.');
  });

  it('toggles the order of the listing on the active tab', async () => {
    const api = fakeApi({ starred: [], recent: [] }, { site: 'arxiv', entries: 49, paperLinks: 0 });
    await mount(api);
    await act(async () => {});
    const toggle = container.querySelector<HTMLButtonElement>('[data-paper-radar-action="order-by-relevance"]')!;
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await act(async () => toggle.click());
    await act(async () => {});
    expect(api.ordered).toBe(true);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    await act(async () => toggle.click());
    await act(async () => {});
    expect(api.ordered).toBe(false);
  });

  it('says how many papers the page has, and stays calm on a page without papers', async () => {
    await mount(fakeApi({ starred: [], recent: [] }, { site: 'arxiv', entries: 49, paperLinks: 0 }));
    expect(container.querySelector('[data-paper-radar-page-status] .page-count')!.textContent).toBe('49 papers on this page');
    render(null, container);
    await mount(fakeApi({ starred: [], recent: [] }, { site: 'scholar', entries: 0, paperLinks: 1 }));
    expect(container.querySelector('[data-paper-radar-page-status]')!.getAttribute('data-paper-radar-page-status')).toBe('empty');
    expect(container.querySelector('[role="alert"]')).toBeNull();
    render(null, container);
    await mount(fakeApi({ starred: [], recent: [] }, null));
    expect(container.querySelector('[data-paper-radar-page-status]')).toBeNull();
  });

  it('shortens long author lists', () => {
    expect(formatAuthors(['A', 'B'])).toBe('A, B');
    expect(formatAuthors(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C, … (5 authors)');
  });
});
