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
