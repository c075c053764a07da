/**
 * The listings already open when Paper Radar is installed, updated or turned on again in Chrome.
 * Chrome runs a content script only in pages loaded after that: an open arXiv tab had no
 * controls (installed), or dead ones whose every click said "reload the page" (updated, or
 * turned off and on: the old script lives on, cut off from the extension). So the worker runs
 * the listing script in each open tab its manifest entry matches; the new copy tells an old one
 * to take its controls away (content-scripts/main.ts, stopIfOrphaned). Firefox runs the content
 * scripts in open tabs itself, and its build has no `scripting` permission: there this does
 * nothing.
 */
import browser, { type Scripting } from 'webextension-polyfill';
import { SCRIPT_HERE_COMMAND } from '../page-commands';

/** Set in storage.session once the open tabs were looked at since the extension was loaded. */
const LOOKED_AT_KEY = 'openTabsLookedAt';

/**
 * Runs annotateOpenTabs once each time the extension is loaded: installed, updated, turned on
 * again (no onInstalled then), or the browser started. Chrome empties storage.session at each of
 * these, not when the idle worker stops, so the worker's other starts (every page's wake) cost
 * one read of it.
 */
export async function annotateOpenTabsOncePerLoad(): Promise<void> {
  const session = browser.storage.session as typeof browser.storage.session | undefined;
  // Not even the read where there is nothing to do (Firefox: no `scripting`).
  if (!scriptingApi() || !session || (await session.get(LOOKED_AT_KEY))[LOOKED_AT_KEY] !== undefined) return;
  await session.set({ [LOOKED_AT_KEY]: Date.now() });
  await annotateOpenTabs();
}

const scriptingApi = () => (browser as { scripting?: Scripting.Static }).scripting;

/** Runs the listing script in every open tab it matches that has no live copy of it. */
export async function annotateOpenTabs(): Promise<void> {
  const scripting = scriptingApi();
  if (!scripting) return;
  for (const script of browser.runtime.getManifest().content_scripts ?? []) {
    // Not the script that runs as a page starts (wake.ts asks for the states as the page is
    // parsed; an open page has started).
    if (script.run_at === 'document_start' || !script.js?.length) continue;
    // Only tabs the extension may read (the user may have taken a site's access away); loading
    // ones too: Chrome runs its own copy only where the page was parsed after the extension was
    // loaded (where it does too, the second copy to start stops: content-scripts/main.ts, start).
    const tabs = await browser.tabs.query({ url: script.matches, discarded: false });
    const runs = tabs.map(async (tab) => {
      if (tab.id === undefined) return;
      // Not where a live copy runs already (it would stop at once: not worth the bundle's parse).
      const live = await browser.tabs.sendMessage(tab.id, { type: SCRIPT_HERE_COMMAND }).then(
        (answer) => answer === true,
        () => false,
      );
      if (live) return;
      try {
        // Run once the page is parsed (as Chrome's own copy: not injectImmediately).
        await scripting.executeScript({ target: { tabId: tab.id }, files: script.js! });
      } catch (error) {
        // A tab showing an error page, or one whose site access was withheld: nothing to do there.
        console.info('Paper Radar: could not run in an open tab', tab.id, error);
      }
    });
    await Promise.all(runs);
  }
}
