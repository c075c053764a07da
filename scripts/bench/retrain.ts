/**
 * Retraining on a large library (npm run bench -- retrain): a star's time from the click's
 * message to the worker's notice that the model was retrained, in real Chromium.
 *
 * A reader of a busy category has tens of thousands of papers only seen and a few hundred stars.
 * Training reads the stars and the MAX_SEEN most recently seen papers, however large the library.
 * Baseline, in the same browser: the same stars on a library that holds only the papers training
 * reads (the stars and the 3,000 most recently seen). Then the older seen papers are added
 * (PAPER_RADAR_BENCH_PAPERS in all, 48,000 by default) and the same stars are timed again. Each
 * star is taken back before the next, so both phases train on the same papers.
 */
import { launchWithExtension, optionsUrl, type ExtensionBrowser } from '../lib/browser';
import { benchLibrary } from '../lib/library-records';
import { MAX_SEEN } from '../../src/background/relevance';
import { MODEL_KEY } from '../../src/changes';
import { EMPTY_STATE, type PaperRecord } from '../../src/core/paper';
import { median, type BenchRow } from './stats';

const PAPERS = Number(process.env.PAPER_RADAR_BENCH_PAPERS ?? 48_000);
const STARS = 500;
const RUNS = 7;
const IMPORT_CHUNK = 10_000;

const INTERESTS = {
  topics: [
    { id: 'vision', name: 'Vision', keywords: ['image segmentation', 'diffusion model'] },
    { id: 'language', name: 'Language', keywords: ['language model', 'machine translation'] },
  ],
};

/** Sends a message from the extension's options page; its answer. */
type Send = <T>(message: unknown) => Promise<T>;

export async function benchRetrain(): Promise<BenchRow[]> {
  const group = `Retraining after a star: ${STARS} stars among ${PAPERS.toLocaleString('en')} papers, real Chromium`;
  // The library's records: STARS starred, the rest only seen, the papers training reads seen last.
  const records: PaperRecord[] = benchLibrary(PAPERS)
    .sort((a, b) => (b.lastSeenAt ?? 0) - (a.lastSeenAt ?? 0))
    .map((r, i) => (i < STARS ? r : { ...r, ...EMPTY_STATE, firstSeenAt: r.firstSeenAt, lastSeenAt: r.lastSeenAt, updatedAt: r.lastSeenAt ?? 0 }));
  const trainedOn = STARS + MAX_SEEN;
  const browser = await launchWithExtension({ intercept: false });
  try {
    const { send, retrainedAfter, settled } = await optionsPage(browser);
    const importAll = async (papers: readonly PaperRecord[]) => {
      for (let i = 0; i < papers.length; i += IMPORT_CHUNK) {
        await send({ type: 'importLibrary', mode: 'merge', papers: papers.slice(i, i + IMPORT_CHUNK), interests: null });
      }
    };
    await importAll(records.slice(0, trainedOn));
    await send({ type: 'setInterests', interests: INTERESTS });
    // The papers starred and unstarred in turn: seen, among the ones training reads.
    const starred = records.slice(STARS, STARS + RUNS).map((r) => r.id);
    const timeStars = async () => {
      const times: number[] = [];
      await settled(); // the retrains the import or the interests asked for
      for (const id of starred) {
        times.push(await retrainedAfter(() => send({ type: 'setFlag', id, flag: 'starred', value: true })));
        await retrainedAfter(() => send({ type: 'setFlag', id, flag: 'starred', value: false }));
      }
      return times;
    };
    const small = await timeStars();
    await importAll(records.slice(trainedOn));
    const large = await timeStars();
    return [
      {
        group,
        name: `star → model retrained (${RUNS} stars; includes the worker's 400 ms wait for more changes)`,
        value: median(large),
        unit: 'ms',
        baseline: median(small),
        baselineName: `the same on a library of only the ${trainedOn.toLocaleString('en')} papers training reads`,
        extra: `runs ${Math.round(Math.min(...large))}–${Math.round(Math.max(...large))} ms (baseline ${Math.round(Math.min(...small))}–${Math.round(Math.max(...small))})`,
      },
    ];
  } finally {
    await browser.close();
  }
}

/**
 * An extension page to send messages from, and a way to time one until the worker's next model
 * notice (the storage write every open page hears when it retrained).
 */
async function optionsPage(browser: ExtensionBrowser): Promise<{ send: Send; retrainedAfter: (act: () => Promise<unknown>) => Promise<number>; settled: () => Promise<void> }> {
  const page = await browser.context.newPage();
  await page.goto(optionsUrl(browser));
  await page.evaluate((key) => {
    const w = globalThis as unknown as { chrome: { storage: { onChanged: { addListener(f: (changes: Record<string, unknown>) => void): void } } }; notices: number[] };
    w.notices = [];
    w.chrome.storage.onChanged.addListener((changes) => {
      if (changes[key]) w.notices.push(performance.now());
    });
  }, MODEL_KEY);
  const send: Send = (message) =>
    page.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), message) as never;
  const notices = () => page.evaluate(() => (globalThis as unknown as { notices: number[] }).notices);
  const retrainedAfter = async (act: () => Promise<unknown>) => {
    const before = (await notices()).length;
    const start = await page.evaluate(() => performance.now());
    await act();
    await page.waitForFunction((n) => (globalThis as unknown as { notices: number[] }).notices.length > n, before, { timeout: 120_000 });
    const at = (await notices())[before]! - start;
    await settled();
    return at;
  };
  /** Resolves once no model notice came for 3 s (no retrain under way or scheduled). */
  const settled = async () => {
    for (let n = -1; n !== (await notices()).length; ) {
      n = (await notices()).length;
      await page.waitForTimeout(3_000);
    }
  };
  return { send, retrainedAfter, settled };
}
