/**
 * The worker running the listing script in tabs already open (src/background/open-tabs.ts), over
 * a fake `browser`: where, in which order, and only once per load of the extension (Chrome empties
 * storage.session when it loads the extension again, not when the idle worker stops). The real
 * thing in Chromium: test/e2e/extension-update.test.ts and site-access.test.ts.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SCRIPT_HERE_COMMAND } from '../../src/page-commands';

const fake = vi.hoisted(() => ({ browser: null as unknown }));
vi.mock('webextension-polyfill', () => ({
  get default() {
    return fake.browser;
  },
}));
const { annotateOpenTabs, annotateOpenTabsOncePerLoad } = await import('../../src/background/open-tabs');

const LISTINGS = ['https://arxiv.org/list/*', 'https://huggingface.co/papers*'];

/** Tabs 1 and 3 show listings, tab 1 with a live copy of the script; `session` is storage.session. */
function fakeBrowser({ scripting = true, session = new Map<string, unknown>() } = {}) {
  const queries: unknown[] = [];
  const runs: Array<{ tabId: number; what: string }> = [];
  fake.browser = {
    storage: {
      session: {
        get: async (key: string) => (session.has(key) ? { [key]: session.get(key) } : {}),
        set: async (items: Record<string, unknown>) => Object.entries(items).forEach(([k, v]) => session.set(k, v)),
      },
    },
    runtime: {
      getManifest: () => ({
        content_scripts: [
          { matches: LISTINGS, js: ['content-scripts/wake.js'], run_at: 'document_start' },
          { matches: LISTINGS, js: ['content-scripts/main.js'] },
        ],
      }),
    },
    tabs: {
      query: async (query: unknown) => (queries.push(query), [{ id: 1 }, { id: 3 }]),
      sendMessage: async (tabId: number, message: unknown) => {
        expect(message).toEqual({ type: SCRIPT_HERE_COMMAND });
        if (tabId === 1) return true; // a live copy
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    },
    ...(scripting && {
      scripting: {
        executeScript: async ({ target, files, ...rest }: { target: { tabId: number }; files: string[] }) => {
          expect(rest).toEqual({}); // once the page is parsed, as Chrome runs its own copy
          runs.push({ tabId: target.tabId, what: files.join(' ') });
        },
      },
    }),
  };
  return { queries, runs, session };
}

describe('the listing script run in open tabs', () => {
  beforeEach(() => void (fake.browser = null));

  it('runs the listing script (not the wake) in each listing tab, loaded or loading, without a live copy', async () => {
    const { queries, runs } = fakeBrowser();
    await annotateOpenTabs();
    expect(queries).toEqual([{ url: LISTINGS, discarded: false }]);
    expect(runs).toEqual([{ tabId: 3, what: 'content-scripts/main.js' }]);
  });

  it('looks once per load of the extension: not again when the idle worker starts again, again after a reload', async () => {
    const session = new Map<string, unknown>();
    const first = fakeBrowser({ session });
    await annotateOpenTabsOncePerLoad();
    expect(first.runs).toHaveLength(1);
    expect(session.size).toBe(1);

    const restarted = fakeBrowser({ session }); // a page's wake started the worker again
    await annotateOpenTabsOncePerLoad();
    expect(restarted.queries).toEqual([]);

    const reloaded = fakeBrowser(); // turned off and on, updated: storage.session emptied
    await annotateOpenTabsOncePerLoad();
    expect(reloaded.runs).toHaveLength(1);
  });

  it('does nothing where the browser gives no scripting (Firefox runs its content scripts in open tabs itself)', async () => {
    const { queries, session } = fakeBrowser({ scripting: false });
    await annotateOpenTabsOncePerLoad();
    expect(queries).toEqual([]);
    expect(session.size).toBe(0);
  });
});
