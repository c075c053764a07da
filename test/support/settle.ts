/** Waiting for Preact components in tests whose data comes through fake-indexeddb (it answers on timers). */
import { act } from 'preact/test-utils';

/** Lets IndexedDB requests and Preact effects settle, `rounds` timer turns of 5 ms. */
export async function settle(rounds = 6): Promise<void> {
  for (let i = 0; i < rounds; i++) await act(async () => new Promise((r) => setTimeout(r, 5)));
}

/** Settles until `ready()` holds, or `timeoutMs` pass. */
export async function until(ready: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (let waited = 0; !ready() && waited < timeoutMs; waited += 20) await settle(1);
}

/** A gate a test holds work at: `held` resolves once `release()` is called. */
export function gate(): { held: Promise<void>; release: () => void } {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  return { held, release };
}
