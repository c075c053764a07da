/**
 * A minimal fake of the extension's `browser` (storage areas, runtime messaging), for running the
 * real background worker (src/background/index.ts) and extension pages' code against
 * fake-indexeddb. The test file mocks webextension-polyfill with it.
 */
import type { Runtime } from 'webextension-polyfill';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- listeners of every shape
type Listener = (...args: any[]) => unknown;

export function fakeBrowser() {
  const local = new Map<string, unknown>();
  const session = new Map<string, unknown>();
  const sync = new Map<string, unknown>();
  const messageListeners: Listener[] = [];
  const area = (m: Map<string, unknown>) => ({
    async get(keys?: string | string[] | null) {
      if (keys === null || keys === undefined) return Object.fromEntries(m);
      const list = typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(list.filter((k) => m.has(k)).map((k) => [k, m.get(k)]));
    },
    async set(items: Record<string, unknown>) {
      for (const [k, v] of Object.entries(items)) m.set(k, v);
    },
    async remove(keys: string | string[]) {
      for (const k of typeof keys === 'string' ? [keys] : keys) m.delete(k);
    },
  });
  const event = () => ({ addListener(_l: Listener) {}, removeListener(_l: Listener) {} });
  const browser = {
    storage: { local: area(local), session: area(session), sync: area(sync), onChanged: event() },
    permissions: { onAdded: event() },
    runtime: {
      id: 'paper-radar-test',
      getURL: (path: string) => `chrome-extension://paper-radar-test/${path}`,
      onInstalled: event(),
      onMessage: { addListener: (l: Listener) => messageListeners.push(l), removeListener() {} },
      sendMessage: async () => undefined,
    },
  };
  /** Sends `message` as the popup would, and returns the worker's answer. */
  async function send(message: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- any answer
    const sender: Runtime.MessageSender = { id: 'paper-radar-test', url: 'chrome-extension://paper-radar-test/popup/popup.html' };
    const listener = messageListeners[0];
    if (!listener) throw new Error('the worker registered no onMessage listener');
    return listener(message, sender);
  }
  return { browser, local, send };
}
