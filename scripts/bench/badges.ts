/**
 * Relevance badges on a listing, in real Chromium: with interests set (so every entry gets a
 * score), the time from content-script start to the frame that shows every entry's badge; on
 * the saved 397-entry arXiv page and the 2,000-entry assembled listing. Baseline, in the same
 * runs: the frame that shows every entry's control (badges cannot come before it). Both are
 * read by the page itself (FRAME_WATCH), frame by frame, whatever the content script reports.
 * Then the same with the service worker stopped before the page opens, taking turns with runs
 * where it runs: a first page after a pause, when the worker must also load the model. The
 * stored corpus statistics are those of a user who has seen 16,000 papers (the real listings
 * in ../shared/data), written straight into the extension's database: 2 MB that a started
 * worker reads and parses before it can score.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ARXIV_PAGES, pageFile } from '../lib/demo-pages';
import { launchWithExtension, optionsUrl, waitForAnnotation } from '../lib/browser';
import { assembleListing } from '../lib/assembled-pages';
import { createCorpus } from '../../src/relevance/index';
import { DB_NAME } from '../../src/store/db';
import { loadPapers } from './relevance';
import { stoppedAndRunningWorkerRuns } from './worker-turns';
import { median, pairedRatio, range, type BenchRow } from './stats';

const RUNS = 10;
const STOPPED_WORKER_RUNS = 6;

/** Two topics an astro-ph reader might type; which papers match does not matter to the timing. */
const INTERESTS = {
  topics: [
    { id: 'galaxies', name: 'Galaxy evolution', keywords: ['galaxy evolution', 'star formation', 'dark matter halo'] },
    { id: 'exoplanets', name: 'Exoplanets', keywords: ['exoplanet', 'transit', 'planetary atmosphere'] },
  ],
};

/**
 * Run in each listing from its start: at every frame (requestAnimationFrame, before the frame
 * is rendered), how many entries show a control and how many a badge; recorded when they change.
 */
const FRAME_WATCH = `if (location.pathname.startsWith('/list/')) {
  window.__paperRadarShown = [];
  const watch = () => {
    const hosts = document.querySelectorAll('[data-paper-radar-id]');
    let badges = 0;
    for (const host of hosts) if (host.shadowRoot?.querySelector('[data-paper-radar-score]')) badges++;
    const last = window.__paperRadarShown.at(-1);
    if (!last || last.controls !== hosts.length || last.badges !== badges) window.__paperRadarShown.push({ at: performance.now(), controls: hosts.length, badges });
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
}`;

/** The corpus statistics the worker would store after seeing every paper in the data set. */
function storedCorpusOfDataSet(): string {
  const corpus = createCorpus(null);
  for (const paper of loadPapers()) corpus.add(paper);
  return JSON.stringify(corpus.stats.toJSON(2));
}

/** Evaluated in the worker: stores corpus statistics as the relevance service does (store/settings.ts). */
const STORE_CORPUS = `(async ([name, corpus]) => {
  const db = await new Promise((resolve, reject) => { const open = indexedDB.open(name); open.onsuccess = () => resolve(open.result); open.onerror = () => reject(open.error); });
  const tx = db.transaction('relevance', 'readwrite');
  tx.objectStore('relevance').put(corpus, 'corpus');
  await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
  db.close();
})`;

interface Run {
  /** Content-script start → the frame showing every entry's control. */
  controls: number;
  /** Content-script start → the first frame showing any badge (the top of the page's). */
  firstBadges: number;
  /** Content-script start → the frame showing every entry's badge. */
  badges: number;
}

async function openListing(page: Page, url: string, entries: number): Promise<Run> {
  await page.goto(url);
  await waitForAnnotation(page);
  type Shown = { at: number; controls: number; badges: number };
  const shown = (await page.waitForFunction((n) => {
    const frames = (window as unknown as { __paperRadarShown: Shown[] }).__paperRadarShown;
    return frames.at(-1)!.badges >= n && frames;
  }, entries, { timeout: 30_000 }).then((handle) => handle.jsonValue())) as Shown[];
  const start = await page.evaluate(() => (JSON.parse(document.documentElement.dataset.paperRadarTimings!) as { start: number }).start);
  const first = (key: 'controls' | 'badges', count: number) => shown.find((frame) => frame[key] >= count)!.at - start;
  return { controls: first('controls', entries), firstBadges: first('badges', 1), badges: first('badges', entries) };
}

export async function benchBadges(): Promise<BenchRow[]> {
  const cases = [
    { name: '397-entry arXiv page', entries: 397, url: ARXIV_PAGES.astroPhPastweek.url, baselineUrl: 'https://arxiv.org/bench-baseline/397', html: readFileSync(pageFile(ARXIV_PAGES.astroPhPastweek), 'utf8') },
    { name: '2,000-entry assembled listing', entries: 2000, url: 'https://arxiv.org/list/astro-ph/pastweek?show=2000', baselineUrl: 'https://arxiv.org/bench-baseline/2000', html: assembleListing(2000) },
  ];
  const extraPages = new Map(cases.flatMap((c) => [[c.url, c.html] as const, [c.baselineUrl, c.html] as const]));
  const browser = await launchWithExtension({ extraPages });
  await browser.context.addInitScript(FRAME_WATCH);
  const rows: BenchRow[] = [];
  try {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await page.goto(optionsUrl(browser));
    await page.evaluate(`chrome.runtime.sendMessage(${JSON.stringify({ type: 'setInterests', interests: INTERESTS })})`);
    // The worker has opened the database (it answered), so its schema is there to write into;
    // a worker started later reads these statistics.
    await browser.serviceWorker.evaluate(`${STORE_CORPUS}(${JSON.stringify([DB_NAME, storedCorpusOfDataSet()])})`);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    for (const c of cases) {
      // Warm-up: the page's papers join the corpus and the model is trained on them.
      await openListing(page, c.url, c.entries);
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.goto(c.baselineUrl);
        runs.push(await openListing(page, c.url, c.entries));
      }
      const worker = await stoppedAndRunningWorkerRuns(browser, page, cdp, { runs: STOPPED_WORKER_RUNS, baselineUrl: c.baselineUrl, open: () => openListing(page, c.url, c.entries) });
      const badges = (list: Run[]) => list.map((r) => r.badges);
      const controls = (list: Run[]) => list.map((r) => r.controls);
      const group = 'badges (relevance on the page)';
      rows.push({
        group,
        name: `${c.name}: content-script start → the frame showing every entry's badge`,
        value: median(badges(runs)),
        unit: 'ms',
        baseline: median(controls(runs)),
        baselineName: 'the same runs: → the frame showing the controls',
        extra: `run by run ${pairedRatio(badges(runs), controls(runs))}; badges after the controls ${median(runs.map((r) => r.badges - r.controls)).toFixed(0)} ms; the first badges (the top of the page's) ${median(runs.map((r) => r.firstBadges)).toFixed(0)} ms; range ${range(badges(runs))} ms`,
      });
      rows.push({
        group,
        name: `${c.name}: the same with the service worker stopped before the page opens (it loads the model first)`,
        value: median(badges(worker.stopped)),
        unit: 'ms',
        baseline: median(badges(worker.running)),
        baselineName: 'the worker running, runs taking turns',
        extra: `run by run ${pairedRatio(badges(worker.stopped), badges(worker.running))}; controls ${median(controls(worker.stopped)).toFixed(0)} vs ${median(controls(worker.running)).toFixed(0)} ms; runs ${badges(worker.stopped).map((x) => x.toFixed(0)).join('/')} vs ${badges(worker.running).map((x) => x.toFixed(0)).join('/')}`,
      });
    }
  } finally {
    await browser.close();
  }
  return rows;
}
