/**
 * Wakes the background while the page is still loading: it runs at document_start on every page
 * the content script runs on (see vite.config.ts). Chrome stops an extension's service worker
 * after 30 s without events, so a user's first listing after a pause found it stopped: starting
 * it and opening the database took ≈ 80–100 ms, which the page's first request (its entries'
 * states) waited for. Woken here, it starts while the page loads, and main.ts, which runs once
 * the page is parsed, finds it ready. The worker also loads the relevance model then (its
 * stored corpus statistics are ≈ 2 MB after 16,000 papers seen, ≈ 80 ms to read), before the
 * page asks for its entries' scores.
 *
 * It also reads the settings that lay out the controls (early-settings.ts), and once the page is
 * parsed asks for the states of the papers the page links to (early-states.ts), for main.ts to
 * find waiting.
 *
 * It imports no browser glue, not even the polyfill, only pure modules, so it stays small
 * (≈ 24 KB): it runs on every such page before the page is parsed.
 */
import type { Request } from '../src/messages';
import { readEarlySettings, type LocalArea } from './early-settings';
import { askEarlyStates, type StorageEvents } from './early-states';

interface Runtime {
  sendMessage(message: Request): Promise<unknown>;
}
type Api = { runtime: Runtime; storage: StorageEvents & { local: LocalArea } };
/** Firefox's `browser`, else Chrome's `chrome`: both answer with a promise in MV3. */
const { runtime, storage } = ((globalThis as { browser?: Api }).browser ?? (globalThis as { chrome?: Api }).chrome)!;

runtime.sendMessage({ type: 'wake' }).catch((error: unknown) => console.warn('Paper Radar: could not wake the background', error));
// The settings that lay out the controls, for main.ts to apply before its first ones (see early-settings.ts).
readEarlySettings(storage.local);
// Once the page is parsed: the states of the papers it links, for main.ts (see early-states.ts).
askEarlyStates(document, new URL(location.href), runtime, storage);
