/**
 * What the browser does differently to the popup's pages, which the app then works around:
 * Firefox closes its popup panel when a file dialog opens (the import would never arrive), and
 * gives extension pages in a private window storage of their own, apart from the worker's.
 */
export interface Platform {
  /** Opening a file dialog closes the popup: it imports in the library page instead. */
  fileDialogClosesPopup: boolean;
  /** This page reads other storage than the worker writes: the library shown would be empty. */
  storageApart: boolean;
}

export const NO_QUIRKS: Platform = Object.freeze({ fileDialogClosesPopup: false, storageApart: false });

/** The quirks of the browser whose extension pages have URLs of `protocol`, in a private window or not. */
export function platformOf(protocol: string, inPrivateWindow: boolean): Platform {
  const firefox = protocol === 'moz-extension:';
  return { fileDialogClosesPopup: firefox, storageApart: firefox && inPrivateWindow };
}
