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

/** Stored under MODEL_KEY after each retrain: pages ask for their entries' scores again. */
export const MODEL_KEY = 'paperRadar.model';

export interface ModelNotice {
  at: number;
}
