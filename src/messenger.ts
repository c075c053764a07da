/** Typed requests to the background service worker (see src/messages.ts). */
import browser from 'webextension-polyfill';
import type { ErrorResponse, Request, RequestType, Response } from './messages';

export interface Messenger {
  send<T extends RequestType>(request: Extract<Request, { type: T }>): Promise<Response<T>>;
}

/**
 * Waits before each retry of a request that found no worker to answer it. An MV3 worker is
 * stopped when idle (or by the browser at any time); a message sent while it is stopping gets
 * no answer, and the next one starts a new worker. Every request is idempotent (flags carry
 * their value, tags and notes their whole text, imports merge), so sending it again is safe.
 */
const RETRY_DELAYS_MS = [50, 250, 1000];

export const runtimeMessenger: Messenger = {
  async send(request) {
    for (let attempt = 0; ; attempt++) {
      let answer: Response<typeof request.type> | ErrorResponse | undefined;
      try {
        answer = (await browser.runtime.sendMessage(request)) as typeof answer;
      } catch (error) {
        if (attempt >= RETRY_DELAYS_MS.length || !isNoReceiver(error)) throw error;
      }
      if (answer) {
        if ('error' in answer) throw new Error(answer.error);
        return answer as never;
      }
      if (attempt >= RETRY_DELAYS_MS.length) throw new Error('Paper Radar background did not answer');
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
    }
  },
};

/** The errors of a message no worker received or answered (Chrome's and Firefox's wording). */
export function isNoReceiver(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /Receiving end does not exist|message port closed|Could not establish connection|message channel closed/i.test(message);
}
