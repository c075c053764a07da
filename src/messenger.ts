/** Typed requests to the background service worker (see src/messages.ts). */
import browser from 'webextension-polyfill';
import type { ErrorResponse, Request, RequestType, Response } from './messages';

export interface Messenger {
  send<T extends RequestType>(request: Extract<Request, { type: T }>): Promise<Response<T>>;
}

export const runtimeMessenger: Messenger = {
  async send(request) {
    const answer = (await browser.runtime.sendMessage(request)) as Response<typeof request.type> | ErrorResponse | undefined;
    if (!answer) throw new Error('Paper Radar background did not answer');
    if ('error' in answer) throw new Error(answer.error);
    return answer as never;
  },
};
