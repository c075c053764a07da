/**
 * What the user is told when the database refuses a request: the browser's own words
 * ("Failed to execute 'transaction' on 'IDBDatabase': The database connection is closing.")
 * reached listing entries, the popup and the settings page.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { failureMessage } from '../../src/store/failure';
import { openPaperDb } from '../../src/store/db';
import { backgroundMessenger, testPaper } from './../support/papers';

describe('failureMessage', () => {
  it("says in the user's words what IndexedDB's errors mean, and whether anything was changed", () => {
    const closing = new DOMException("Failed to execute 'transaction' on 'IDBDatabase': The database connection is closing.", 'InvalidStateError');
    expect(failureMessage(closing)).toBe('the browser did not let Paper Radar use its storage just then. Nothing was changed. Try again; if it keeps failing, restart the browser.');
    expect(failureMessage(new DOMException('aborted', 'AbortError'), { firstWrite: false })).toBe('the browser did not let Paper Radar use its storage just then. Try again; if it keeps failing, restart the browser.');
    expect(failureMessage(new DOMException('An attempt was made to open a database using a lower version than the existing version.', 'VersionError'))).toBe(
      'the library was written by a newer version of Paper Radar. Nothing was changed. Update Paper Radar to use it.',
    );
    expect(failureMessage(new DOMException('full', 'QuotaExceededError'))).toMatch(/^the browser's storage for Paper Radar is full\. Nothing was changed\./);
    // Our own messages pass as they are.
    expect(failureMessage(new Error('that paper is not in your library'))).toBe('that paper is not in your library');
  });

  it('a star given while the database connection is closing is refused in those words', async () => {
    const db = await openPaperDb('storage-failure-closing');
    db.close();
    const messenger = backgroundMessenger(db);
    const paper = testPaper(1);
    await expect(messenger.send({ type: 'setFlag', id: paper.id, flag: 'starred', value: true, paper })).rejects.toThrow(
      'the browser did not let Paper Radar use its storage just then. Nothing was changed. Try again; if it keeps failing, restart the browser.',
    );
  });
});
