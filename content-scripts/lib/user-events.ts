/**
 * Whether an event came from the user (the browser's own input), not from a page's script. Our
 * controls live in open shadow roots: a page could click their buttons (`button.click()`) or
 * dispatch keys, and star, dismiss, mark read or mark a whole listing seen without the user, which
 * would retrain the model and sync. Only the user's events act.
 *
 * jsdom, where the unit tests run, can make no trusted event: those tests accept synthetic ones
 * (test/support/synthetic-events.ts, a setup file); end-to-end tests click in Chromium for real.
 */
let syntheticAccepted = false;

export function byUser(event: Event): boolean {
  return event.isTrusted || syntheticAccepted;
}

/** For tests only (see above): whether synthetic events count as the user's. */
export function acceptSyntheticEvents(accept: boolean): void {
  syntheticAccepted = accept;
}
