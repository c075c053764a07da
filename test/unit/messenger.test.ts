/**
 * The messenger's retries, over a fake browser.runtime in front of the real background: a request
 * no worker received is sent again; one a worker received and then stopped before answering is
 * sent again only when its answer does not tell what the change did.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { getStates, markSeen } from '../../src/store/papers';
import { backgroundMessenger, testPaper } from '../support/papers';

const fake = vi.hoisted(() => ({ runtime: null as unknown }));
vi.mock('webextension-polyfill', () => ({
  default: {
    get runtime() {
      return fake.runtime;
    },
  },
}));
const { runtimeMessenger } = await import('../../src/messenger');
const { OutcomeUnknownError } = await import('../../src/messages');

let db: PaperDb;
let counter = 0;
let sent: string[];
const ids = [1, 2, 3].map((n) => testPaper(n).id);
const PORT_CLOSED = 'The message port closed before a response was received.';
const NO_RECEIVER = 'Could not establish connection. Receiving end does not exist.';

/** A runtime whose first `failures` sends fail so: `delivered` ones after the worker did the request. */
function runtime(failures: number, message: string, delivered: boolean): void {
  const background = backgroundMessenger(db);
  fake.runtime = {
    async sendMessage(request: Parameters<typeof background.send>[0]) {
      sent.push(request.type);
      if (sent.length <= failures) {
        if (delivered) await background.send(request);
        throw new Error(message);
      }
      return background.send(request).catch((error: Error) => ({ error: error.message }));
    },
  };
}

beforeEach(async () => {
  db = await openPaperDb(`messenger-${++counter}`);
  sent = [];
  await markSeen(db, [1, 2, 3].map((n) => testPaper(n)), 1_000);
});
afterEach(() => db.close());

it('does not send again a change whose answer tells what it did, when the worker got it and stopped before answering: it says so', async () => {
  runtime(1, PORT_CLOSED, true);
  await expect(runtimeMessenger.send({ type: 'markPapers', ids, flag: 'starred', value: true })).rejects.toThrow("Paper Radar was restarted by the browser before it answered, so whether this was done is not known");
  await expect(runtimeMessenger.send({ type: 'markPapers', ids, flag: 'read', value: true })).resolves.toBeTruthy(); // the next one goes through
  expect(sent).toEqual(['markPapers', 'markPapers']);
  expect(Object.values(await getStates(db, ids)).map((state) => state.starred)).toEqual([true, true, true]); // it was done
});

it('sends such a change again when no worker received it, and answers what it did', async () => {
  runtime(2, NO_RECEIVER, false);
  const answer = await runtimeMessenger.send({ type: 'markPapers', ids, flag: 'starred', value: true });
  expect(sent).toEqual(['markPapers', 'markPapers', 'markPapers']);
  expect(Object.keys(answer.states).sort()).toEqual(ids);
  expect(Object.values(answer.before).map((state) => state.starred)).toEqual([false, false, false]);
});

it('does not send a mark again after a lost answer: sent later, it would undo a change made meanwhile elsewhere', async () => {
  runtime(1, PORT_CLOSED, true);
  const error = await runtimeMessenger.send({ type: 'setFlag', id: ids[0]!, flag: 'read', value: true }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OutcomeUnknownError);
  expect(sent).toEqual(['setFlag']);
  expect((await getStates(db, [ids[0]!]))[ids[0]!]).toMatchObject({ read: true }); // it was done
});

it('sends a read again after a lost answer', async () => {
  runtime(1, PORT_CLOSED, true);
  const answer = await runtimeMessenger.send({ type: 'getStates', ids });
  expect(sent).toEqual(['getStates', 'getStates']);
  expect(Object.keys(answer.states)).toHaveLength(3);
});

it("says in its own words, not the browser's, that no worker answered after the last retry", async () => {
  runtime(Infinity, NO_RECEIVER, false);
  await expect(runtimeMessenger.send({ type: 'getStates', ids })).rejects.toThrow("Paper Radar did not answer (the browser may be restarting it)");
  expect(sent).toHaveLength(4);
});

it("a mark whose answer Chrome lost as the page went into the back/forward cache (it says the channel 'is closed') is not sent again when the page is shown", async () => {
  runtime(1, 'The page keeping the extension port is moved into back/forward cache, so the message channel is closed.', true);
  const error = await runtimeMessenger.send({ type: 'setFlag', id: ids[0]!, flag: 'read', value: true }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OutcomeUnknownError);
  expect(sent).toEqual(['setFlag']);
});

it('says to reload the page when the extension was updated, reloaded or turned off since the page was opened', async () => {
  runtime(Infinity, 'Extension context invalidated.', false);
  await expect(runtimeMessenger.send({ type: 'setFlag', id: ids[0]!, flag: 'starred', value: true })).rejects.toThrow(
    'Paper Radar was updated or turned off since this page was opened: reload the page',
  );
  expect(sent).toHaveLength(1);
});
