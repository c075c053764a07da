/**
 * How writes are announced: after every write the background stores a ChangeNotice under
 * CHANGE_KEY in storage.local, and every open page and popup hears it through
 * storage.onChanged. Unlike messaging tabs one by one, this needs no "tabs" permission and does
 * not keep the service worker alive.
 */
export const CHANGE_KEY = 'paperRadar.changed';

export interface ChangeNotice {
  ids: string[];
  at: number;
}

/**
 * Papers merely seen change nothing a listing shows (each visit keeps its own "new" marks), but
 * they change the library's History and Recommended views. A page reports what it saw every few
 * hundred milliseconds while the user scrolls, too often to store a ChangeNotice (a disk write,
 * and every open tab hears it), so the background tells only the extension's own pages (popup,
 * library page), by runtime message: with none open, nobody hears it and nothing is written.
 */
export const SEEN_NOTICE = 'paperRadar.seen';

export interface SeenNotice {
  type: typeof SEEN_NOTICE;
  /** The ids of the records written (a paper seen under an alias is named by its record's id). */
  ids: string[];
}

/**
 * The setting that forgets history automatically was stored (it lives in the database, not in
 * storage.local, so no storage event tells): the options pages open elsewhere show it. Sent as
 * SEEN_NOTICE is, to the extension's own pages.
 */
export const HISTORY_SETTING_NOTICE = 'paperRadar.historySetting';

export const isHistorySettingNotice = (message: unknown): boolean =>
  (message as { type?: unknown } | null | undefined)?.type === HISTORY_SETTING_NOTICE;

/**
 * The ids a change notice names, or null when it names none we can trust (storage and runtime
 * messages are shared with every page of the extension).
 */
export function changedIds(notice: unknown): string[] | null {
  const ids = (notice as Partial<ChangeNotice> | null | undefined)?.ids;
  return Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? ids : null;
}

/** The ids a seen notice names, or null when `message` is not one. */
export function seenIds(message: unknown): string[] | null {
  return (message as Partial<SeenNotice> | null | undefined)?.type === SEEN_NOTICE ? changedIds(message) : null;
}

/**
 * Stored under MODEL_KEY after each retrain: pages ask for their entries' scores again. Pages
 * also read it as they start: while `scoring`, each control keeps the room of the badge it will
 * show, so badges arriving later move nothing on the page.
 */
export const MODEL_KEY = 'paperRadar.model';

export interface ModelNotice {
  at: number;
  /** Whether entries get badges: there are interests or stars to score by. */
  scoring: boolean;
}

/** The notice's `scoring`, from what storage holds (anything else, such as no notice yet: false). */
export function isScoring(stored: unknown): boolean {
  return typeof stored === 'object' && stored !== null && (stored as Partial<ModelNotice>).scoring === true;
}
