// @vitest-environment jsdom
/**
 * Sites the browser does not let Paper Radar run on (a user took them away, or an update added
 * them ungranted): the popup names them with Allow…, the options page lists every site. Through
 * the real glue (popup/site-access-api.ts) over a fake browser whose grants the test sets, with
 * the real manifest's patterns.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { namesInProse, sitesOf } from '../../src/site-access';
import { SiteAccessNotice, SiteAccessSettings } from '../../popup/SiteAccess';
import { DECLINED_KEY, siteAccessApi } from '../../popup/site-access-api';
import { REPO_ROOT } from '../../scripts/lib/shared';
import { settle } from '../support/settle';
import { renderTarget } from '../support/render-target';

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'manifest.json'), 'utf8')) as { content_scripts: Array<{ matches: string[] }> };
const PATTERNS = manifest.content_scripts.flatMap((script) => script.matches);
const ARXIV = PATTERNS.filter((pattern) => /^https:\/\/(www\.)?arxiv\.org\//.test(pattern));
const SCHOLAR = PATTERNS.filter((pattern) => pattern.startsWith('https://scholar.google.'));

const fake = vi.hoisted(() => ({
  manifest: null as unknown,
  granted: new Set<string>(),
  /** What the user answers the browser's prompt. */
  answer: true,
  requested: [] as string[][],
  /** How many patterns each permissions.contains call named. */
  containsCalls: [] as number[],
  local: {} as Record<string, unknown>,
  listeners: new Set<() => void>(),
  storageListeners: new Set<(changes: Record<string, unknown>, area: string) => void>(),
}));
const notify = () => fake.listeners.forEach((listener) => listener());
vi.mock('webextension-polyfill', () => {
  const event = (set: Set<never>) => ({ addListener: (l: never) => set.add(l), removeListener: (l: never) => set.delete(l) });
  return {
    default: {
      runtime: { getManifest: () => fake.manifest },
      permissions: {
        contains: async ({ origins }: { origins: string[] }) => {
          fake.containsCalls.push(origins.length);
          return origins.every((origin) => fake.granted.has(origin));
        },
        request: async ({ origins }: { origins: string[] }) => {
          fake.requested.push(origins);
          if (!fake.answer) return false;
          origins.forEach((origin) => fake.granted.add(origin));
          fake.listeners.forEach((listener) => listener());
          return true;
        },
        onAdded: event(fake.listeners as Set<never>),
        onRemoved: event(fake.listeners as Set<never>),
      },
      storage: {
        local: {
          get: async (key: string) => (key in fake.local ? { [key]: fake.local[key] } : {}),
          set: async (items: Record<string, unknown>) => {
            Object.assign(fake.local, items);
            fake.storageListeners.forEach((listener) => listener(Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { newValue: v }])), 'local'));
          },
        },
        onChanged: event(fake.storageListeners as Set<never>),
      },
    },
  };
});

const container = renderTarget();
beforeEach(() => {
  // As the build writes it (dist/manifest.json): a document-start script and an idle one, on the same patterns.
  fake.manifest = { content_scripts: [...manifest.content_scripts, ...manifest.content_scripts] };
  fake.granted = new Set(PATTERNS);
  fake.answer = true;
  fake.requested = [];
  fake.containsCalls = [];
  fake.local = {};
});

const notice = () => container.querySelector<HTMLElement>('[data-paper-radar-site-access]');
const outcome = () => container.querySelector('[data-paper-radar-site-access-outcome]')?.textContent ?? null;
const click = async (selector: string) => {
  await act(() => container.querySelector<HTMLButtonElement>(selector)!.click());
  await settle();
};
const revoke = (patterns: readonly string[]) => {
  patterns.forEach((pattern) => fake.granted.delete(pattern));
  notify();
};

describe('the sites of the manifest', () => {
  it('groups every content-script pattern under a site a user knows by name', () => {
    const sites = sitesOf(PATTERNS);
    expect(sites.map((site) => site.name)).toEqual(['arXiv', 'Hugging Face', 'Google Scholar', 'ACL Anthology']);
    expect(sites.flatMap((site) => site.patterns).sort()).toEqual([...PATTERNS].sort());
    expect(sites[0]!.patterns).toEqual(ARXIV);
    expect(ARXIV).toHaveLength(8);
    expect(sites[2]!.patterns).toEqual(SCHOLAR);
  });

  it('counts a pattern named twice once, names an unknown host by itself and leaves out patterns without one', () => {
    expect(sitesOf(['https://example.org/papers/*', '<all_urls>', 'https://example.org/list/*', 'https://example.org/papers/*'])).toEqual([
      { name: 'example.org', patterns: ['https://example.org/papers/*', 'https://example.org/list/*'] },
    ]);
  });

  it('joins names as a sentence does', () => {
    expect(namesInProse([])).toBe('');
    expect(namesInProse(['arXiv'])).toBe('arXiv');
    expect(namesInProse(['arXiv', 'Hugging Face'])).toBe('arXiv and Hugging Face');
    expect(namesInProse(['arXiv', 'Hugging Face', 'Google Scholar'])).toBe('arXiv, Hugging Face and Google Scholar');
  });
});

describe("the popup's notice", () => {
  it('says nothing while every site is allowed, and names a site once it is taken away', async () => {
    render(<SiteAccessNotice api={siteAccessApi} />, container);
    await settle();
    expect(notice()).toBeNull();
    expect(container.textContent).toBe('');
    // The status region is there from the start, empty, so what it says later is announced.
    expect(container.querySelector('[role="status"]')?.textContent).toBe('');

    revoke(ARXIV);
    await settle();
    expect(notice()?.dataset.paperRadarSiteAccess).toBe('arXiv');
    expect(notice()?.textContent).toContain('Paper Radar may not run on arXiv: papers there are not marked until you allow it.');
  });

  it('names several sites in one sentence, and not a site allowed on some of its addresses (marked where the user reads it)', async () => {
    fake.granted.delete('https://huggingface.co/papers*');
    revoke(ARXIV.filter((pattern) => pattern.includes('www.')));
    revoke(SCHOLAR.filter((pattern) => pattern !== 'https://scholar.google.de/scholar?*'));
    render(<SiteAccessNotice api={siteAccessApi} />, container);
    await settle();
    expect(notice()?.dataset.paperRadarSiteAccess).toBe('Hugging Face');
    revoke(['https://scholar.google.de/scholar?*', 'https://aclanthology.org/people/*', 'https://aclanthology.org/events/*', 'https://aclanthology.org/volumes/*']);
    await settle();
    expect(notice()?.textContent).toContain('run on Hugging Face, Google Scholar and ACL Anthology:');
  });

  it('asks the browser once for all patterns when every one is allowed', async () => {
    render(<SiteAccessNotice api={siteAccessApi} />, container);
    await settle();
    expect(fake.containsCalls).toEqual([PATTERNS.length]);
  });

  it('asks the browser for exactly the missing patterns from the click itself, and says to reload once granted', async () => {
    revoke(ARXIV);
    revoke(['https://aclanthology.org/people/*', 'https://aclanthology.org/events/*', 'https://aclanthology.org/volumes/*']);
    render(<SiteAccessNotice api={siteAccessApi} />, container);
    await settle();
    // Firefox grants only while handling the user's action: the request goes out before the click returns.
    const allow = container.querySelector<HTMLButtonElement>('[data-paper-radar-action="allow-sites"]')!;
    allow.focus();
    allow.click();
    expect(fake.requested).toEqual([[...ARXIV, 'https://aclanthology.org/people/*', 'https://aclanthology.org/events/*', 'https://aclanthology.org/volumes/*']]);
    await settle();
    expect(notice()).toBeNull();
    expect(outcome()).toBe('Allowed: reload a page of that site to see its papers marked.');
    expect(document.activeElement).toBe(container.querySelector('[data-paper-radar-site-access-outcome]'));
  });

  it('says the pages open already are marked too where the worker marks them (Chrome: the scripting permission)', async () => {
    fake.manifest = { ...(fake.manifest as object), permissions: ['storage', 'scripting'] };
    revoke(ARXIV);
    render(<SiteAccessNotice api={siteAccessApi} />, container);
    await settle();
    container.querySelector<HTMLButtonElement>('[data-paper-radar-action="allow-sites"]')!.click();
    await settle();
    expect(outcome()).toBe('Allowed: its pages open now are marked too.');
  });

  it('keeps the notice when the user declines the prompt, and says so', async () => {
    revoke(ARXIV);
    fake.answer = false;
    render(<SiteAccessNotice api={siteAccessApi} />, container);
    await settle();
    await click('[data-paper-radar-action="allow-sites"]');
    expect(notice()?.dataset.paperRadarSiteAccess).toBe('arXiv');
    expect(outcome()).toBe('Not allowed: the browser or you declined.');
  });

  it('a site declined under the patterns of an earlier version (Scholar\'s "scholar*") stays declined', async () => {
    revoke(SCHOLAR);
    fake.local[DECLINED_KEY] = SCHOLAR.map((pattern) => pattern.replace('/scholar?*', '/scholar*'));
    render(<SiteAccessNotice api={siteAccessApi} />, container);
    await settle();
    expect(notice()).toBeNull();
  });

  it("stops naming what the user said not to ask about again, and names a site taken away afterwards", async () => {
    revoke(SCHOLAR);
    render(<SiteAccessNotice api={siteAccessApi} />, container);
    await settle();
    await click('[data-paper-radar-action="decline-sites"]');
    expect(notice()).toBeNull();
    expect(fake.local[DECLINED_KEY]).toEqual(SCHOLAR);
    expect(outcome()).toBe('Paper Radar will not ask again here; the settings page lists these sites, to allow them later.');
    expect(document.activeElement).toBe(container.querySelector('[data-paper-radar-site-access-outcome]'));

    // Opened again later: still quiet about Scholar, but a site taken away since is named.
    render(null, container);
    render(<SiteAccessNotice api={siteAccessApi} />, container);
    await settle();
    expect(notice()).toBeNull();
    revoke(['https://huggingface.co/papers*']);
    await settle();
    expect(notice()?.dataset.paperRadarSiteAccess).toBe('Hugging Face');
  });

  it('reads a damaged declined list as empty', async () => {
    revoke(ARXIV);
    fake.local[DECLINED_KEY] = 'all';
    render(<SiteAccessNotice api={siteAccessApi} />, container);
    await settle();
    expect(notice()?.dataset.paperRadarSiteAccess).toBe('arXiv');
  });
});

describe("the options page's list", () => {
  const row = (name: string) => container.querySelector<HTMLElement>(`[data-paper-radar-site="${name}"]`)!;

  it('lists every site with its state, and Allow… asks only for that site', async () => {
    revoke(ARXIV);
    fake.granted.delete('https://scholar.google.de/scholar?*');
    fake.local[DECLINED_KEY] = ARXIV; // declined in the popup: still listed here
    render(<SiteAccessSettings api={siteAccessApi} />, container);
    await settle();
    expect([...container.querySelectorAll<HTMLElement>('[data-paper-radar-site]')].map((li) => [li.dataset.paperRadarSite, li.dataset.allowed])).toEqual([
      ['arXiv', 'false'],
      ['Hugging Face', 'true'],
      ['Google Scholar', 'false'],
      ['ACL Anthology', 'true'],
    ]);
    expect(row('arXiv').textContent).toBe('arXiv not allowed Allow…');
    expect(row('Google Scholar').textContent).toBe(`Google Scholar not allowed on 1 of its ${SCHOLAR.length} addresses Allow…`);
    expect(row('Hugging Face').querySelector('button')).toBeNull();

    row('Google Scholar').querySelector('button')!.click();
    expect(fake.requested).toEqual([['https://scholar.google.de/scholar?*']]);
    await settle();
    expect(row('Google Scholar').dataset.allowed).toBe('true');
    expect(row('arXiv').dataset.allowed).toBe('false');
  });

  it('says when the browser cannot tell', async () => {
    fake.manifest = null; // getManifest() failing as a broken API would
    render(<SiteAccessSettings api={siteAccessApi} />, container);
    await settle();
    expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/^Could not read which sites Paper Radar may run on: \w/);
  });
});
