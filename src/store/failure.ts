/**
 * What a user is told when the database refused a request, in words they can act on: the
 * browser's own ("Failed to execute 'transaction' on 'IDBDatabase': The database connection is
 * closing.") reached listing entries, the popup and the settings page. Pure; the raw error goes
 * to the console where it is caught.
 */
import { errorText } from '../core/text';

/** IndexedDB's errors of the moment (the connection closing, a transaction aborted, the disk): trying again can work. */
const PASSING = new Set(['InvalidStateError', 'AbortError', 'UnknownError', 'TransactionInactiveError']);

/**
 * Why a request failed. `firstWrite`: the write refused was the request's first (every write is
 * one transaction), so nothing was changed; false where earlier writes of it were made, or for a
 * read.
 */
export function failureMessage(error: unknown, { firstWrite = true }: { firstWrite?: boolean } = {}): string {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  const nothing = firstWrite ? ' Nothing was changed.' : '';
  if (name === 'QuotaExceededError') {
    return `the browser's storage for Paper Radar is full.${nothing} Free some disk space, or forget papers you have only seen (Paper Radar's settings, History).`;
  }
  // Opened by an older Paper Radar than the one that wrote the database (a downgrade).
  if (name === 'VersionError') return `the library was written by a newer version of Paper Radar.${nothing} Update Paper Radar to use it.`;
  if (PASSING.has(name)) return `the browser did not let Paper Radar use its storage just then.${nothing} Try again; if it keeps failing, restart the browser.`;
  return errorText(error);
}
