/** Typed requests to the background service worker (see src/messages.ts). */
import browser from 'webextension-polyfill';
import { OutcomeUnknownError, type ErrorResponse, type Request, type RequestType, type Response } from './messages';
import { errorText } from './core/text';

export interface Messenger {
  send<T extends RequestType>(request: Extract<Request, { type: T }>): Promise<Response<T>>;
}

/**
 * Waits before each retry of a request that found no worker to answer it. An MV3 worker is
 * stopped when idle (or by the browser at any time); a message sent while it is stopping gets
 * no answer, and the next one starts a new worker. Sent again are the requests no worker
 * received, and those a worker may have received whose second sending cannot undo anything (reads,
 * sightings): see ANSWER_TELLS_CHANGE.
 */
const RETRY_DELAYS_MS = [50, 250, 1000];

/**
 * The user's changes. One the worker received, then stopped before answering ("message port
 * closed"), or whose answer was lost as the page went into the back/forward cache, may be done
 * already, and is not sent again (OutcomeUnknownError): sent again, it would find it done and
 * answer that nothing changed ("Starred 0 papers", no undo, "0 new" after an import); and a mark
 * sent again later (the page shown again after Back) would undo what the user changed meanwhile
 * elsewhere (the paper opened from a listing marked read, then unmarked on its own page, was read
 * again on going Back). Tags and notes are sent from extension pages only, which no
 * back/forward cache holds.
 */
const ANSWER_TELLS_CHANGE: ReadonlySet<RequestType> = new Set<RequestType>(['setFlag', 'markPapers', 'tagPapers', 'restoreMarks', 'importLibrary', 'forgetSeen']);

const NO_ANSWER = "Paper Radar did not answer (the browser may be restarting it): try again in a moment";
/** Chrome's "Extension context invalidated": this page's script belongs to a version no longer running. */
const RELOAD_PAGE = 'Paper Radar was updated or turned off since this page was opened: reload the page';

export const runtimeMessenger: Messenger = {
  async send(request) {
    for (let attempt = 0; ; attempt++) {
      let answer: Response<typeof request.type> | ErrorResponse | undefined;
      try {
        answer = (await browser.runtime.sendMessage(request)) as typeof answer;
      } catch (error) {
        if (/Extension context invalidated/i.test(errorText(error))) throw new Error(RELOAD_PAGE);
        if (!isNoReceiver(error)) throw error;
        if (isUnanswered(error) && ANSWER_TELLS_CHANGE.has(request.type)) throw new OutcomeUnknownError();
        if (attempt >= RETRY_DELAYS_MS.length) throw new Error(NO_ANSWER);
      }
      if (answer) {
        if ('error' in answer) throw new Error(answer.error);
        return answer as never;
      }
      if (attempt >= RETRY_DELAYS_MS.length) throw new Error(NO_ANSWER);
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
    }
  },
};

/** The errors of a message no worker received or answered (Chrome's and Firefox's wording). */
export function isNoReceiver(error: unknown): boolean {
  return /Receiving end does not exist|Could not establish connection/i.test(errorText(error)) || isUnanswered(error);
}

/**
 * The errors of a message a worker may have received, then stopped before answering; or whose
 * answer was lost as Chrome put the page into its back/forward cache ("… so the message channel
 * is closed": the retry goes once the page is shown again).
 */
function isUnanswered(error: unknown): boolean {
  return /message port closed|message channel (?:is )?closed/i.test(errorText(error));
}

