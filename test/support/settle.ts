/** Waiting for Preact components in tests whose data comes through fake-indexeddb (it answers on timers). */
import { act } from 'preact/test-utils';

/** Lets IndexedDB requests and Preact effects settle, `rounds` timer turns of 5 ms. */
export async function settle(rounds = 6): Promise<void> {
  for (let i = 0; i < rounds; i++) await act(async () => new Promise((r) => setTimeout(r, 5)));
}

/**
 * Settles until `ready()` holds; throws if it does not within `timeoutMs`, so that a wait a test
 * ends on is a claim it checks.
 */
export async function until(ready: () => boolean, timeoutMs = 10_000): Promise<void> {
  if (!(await settledWithin(ready, timeoutMs))) throw new Error(`until: not so within ${timeoutMs} ms: ${ready.toString()}`);
}

/** Settles until `ready()` holds, or `timeoutMs` pass (where either is fine); says which. */
export async function settledWithin(ready: () => boolean, timeoutMs: number): Promise<boolean> {
  // performance.now(): a test that fakes Date would make Date.now() wait for ever.
  for (const start = performance.now(); performance.now() - start < timeoutMs; ) {
    if (ready()) return true;
    await settle(1);
  }
  return ready();
}

/** A gate a test holds work at: `held` resolves once `release()` is called. */
export function gate(): { held: Promise<void>; release: () => void } {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  return { held, release };
}
