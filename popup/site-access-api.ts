/**
 * Which of its sites the browser lets Paper Radar run on, and asking for the ones it may not:
 * browser glue for SiteAccess.tsx (the popup's notice and the options page's list).
 */
import browser from 'webextension-polyfill';
import { sitesOf, type Site } from '../src/site-access';

export interface SiteAccess extends Site {
  /** Its patterns the browser does not grant (all of them: the site is not annotated at all). */
  missing: readonly string[];
}

export interface SiteAccessApi {
  load(): Promise<{ sites: SiteAccess[]; declined: readonly string[] }>;
  /**
   * Asks the browser to grant these patterns (it asks the user); true when granted. Call it
   * straight from the click, before any await: Firefox grants only within a user action.
   */
  allow(patterns: readonly string[]): Promise<boolean>;
  /** The popup stops naming these patterns (the options page still lists them). */
  decline(patterns: readonly string[]): Promise<void>;
  /** Calls back when a grant changes (here, in the browser's settings, or in another extension page). */
  watch(onChange: () => void): () => void;
  /**
   * Whether a site's pages open already are marked once it is allowed: in Chrome the worker runs
   * the listing script in them (src/background/open-tabs.ts; its build has the `scripting`
   * permission). Firefox marks them once reloaded.
   */
  marksOpenPages(): boolean;
}

/** The patterns the user told the popup not to ask about again. */
export const DECLINED_KEY = 'siteAccessDeclined';

export function parseDeclined(stored: unknown): string[] {
  return Array.isArray(stored) ? stored.filter((pattern): pattern is string => typeof pattern === 'string') : [];
}

export const siteAccessApi: SiteAccessApi = {
  async load() {
    // Without the permissions API (a browser that lacks it) there is nothing to say: no site is named.
    if (typeof browser.permissions?.contains !== 'function') return { sites: [], declined: [] };
    // The built manifest names each pattern twice (a script at document start, one at idle).
    const patterns = [...new Set((browser.runtime.getManifest().content_scripts ?? []).flatMap((script) => script.matches ?? []))];
    // One question for all, the usual answer; then one per pattern: a user may take away one
    // host of a site (Firefox lists each).
    const all = await browser.permissions.contains({ origins: patterns });
    const granted = new Map(await Promise.all(patterns.map(async (pattern) => [pattern, all || (await browser.permissions.contains({ origins: [pattern] }))] as const)));
    const sites = sitesOf(patterns).map((site) => ({ ...site, missing: site.patterns.filter((pattern) => !granted.get(pattern)) }));
    return { sites, declined: parseDeclined((await browser.storage.local.get(DECLINED_KEY))[DECLINED_KEY]) };
  },
  allow(patterns) {
    return browser.permissions.request({ origins: [...patterns] });
  },
  marksOpenPages() {
    return (browser.runtime.getManifest().permissions ?? []).includes('scripting');
  },
  async decline(patterns) {
    const before = parseDeclined((await browser.storage.local.get(DECLINED_KEY))[DECLINED_KEY]);
    await browser.storage.local.set({ [DECLINED_KEY]: [...new Set([...before, ...patterns])] });
  },
  watch(onChange) {
    if (typeof browser.permissions?.onAdded?.addListener !== 'function') return () => {};
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && DECLINED_KEY in changes) onChange();
    };
    browser.permissions.onAdded.addListener(onChange);
    browser.permissions.onRemoved.addListener(onChange);
    browser.storage.onChanged.addListener(onStorage);
    return () => {
      browser.permissions.onAdded.removeListener(onChange);
      browser.permissions.onRemoved.removeListener(onChange);
      browser.storage.onChanged.removeListener(onStorage);
    };
  },
};
