/**
 * The stored settings that decide how the page's controls are laid out (the display options,
 * and whether entries will get relevance badges, whose room each control then keeps from the
 * start), read as the page starts loading (wake.ts, document_start). main.ts applies them before
 * its first controls are in the page: read by main.ts itself, the answer could come after them
 * once a listing's states were asked for early (early-states.ts), and the badges' room, made
 * then, moved every line of the page (a layout shift of 0.07–0.14 on the saved Scholar and ACL
 * pages). Both scripts run in the extension's isolated world and share its global object.
 *
 * Imports only pure modules: wake.ts runs on every supported page before it is parsed.
 */
import { MODEL_KEY } from '../src/changes';
import { DISPLAY_KEY } from '../src/display-settings';

/** The keys read. */
export const LAYOUT_SETTINGS = [DISPLAY_KEY, MODEL_KEY];

export interface LocalArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
}

const GLOBAL_KEY = '__paperRadarEarlySettings';
type Shared = { [GLOBAL_KEY]?: Promise<Record<string, unknown>> };

/** In wake.ts: starts reading the settings, for main.ts to take. */
export function readEarlySettings(local: LocalArea, shared: object = globalThis): void {
  const read = local.get(LAYOUT_SETTINGS);
  read.catch(() => {}); // main.ts reads them again in any case
  (shared as Shared)[GLOBAL_KEY] = read;
}

/** In main.ts: the read wake.ts started, if any; taken once. */
export function takeEarlySettings(shared: object = globalThis): Promise<Record<string, unknown>> | null {
  const read = (shared as Shared)[GLOBAL_KEY] ?? null;
  delete (shared as Shared)[GLOBAL_KEY];
  return read;
}
