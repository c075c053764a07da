/**
 * Test configuration, kept apart from vite.config.ts so the crx plugin never runs in tests.
 *   unit: pure core, adapters on saved pages (jsdom), store (fake-indexeddb), popup components
 *   e2e:  the built extension in real Chromium (dist/, driven by playwright-core) and Firefox
 *         (dist-firefox/, driven by puppeteer-core)
 */
import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [preact()],
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    // expect.poll gives up after 1 s unless told otherwise; a loaded machine may take longer to
    // carry a click through the worker, IndexedDB and another tab (vi.waitFor, which no setting
    // reaches, is given 5 s where it is called). A passing poll ends as soon as its value is
    // right, so the margin costs nothing.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}', 'test/adapters/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/support/preact-frames.ts', 'test/support/synthetic-events.ts'],
          // The slowest take ≈ 7 s here (child processes, thousands of sync marks); a CI machine
          // running the browser tests beside them may take a few times that.
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // One browser at a time: the machine has two cores.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
