/**
 * Issue 2 figures: on the saved 397-entry arXiv page and a 2,000-entry listing assembled from
 * real entries, the time from content-script start to all entries annotated (states fetched,
 * controls shown, next frame rendered) and the longest main-thread task; against a bare
 * baseline measured in the same browser on the same page: one pass that inserts a plain
 * <button> into each entry, to the next rendered frame.
 */
import { readFileSync } from 'node:fs';
import { ARXIV_PAGES, pageFile } from '../lib/demo-pages';
import { launchWithExtension, waitForAnnotation } from '../lib/browser';
import { assembleListing } from './assemble-listing';
import { median, type BenchRow } from './stats';

const RUNS = 9;

// Records long tasks from the start, in every page.
const LONG_TASK_RECORDER = `
  window.__paperRadarLongTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__paperRadarLongTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
`;

interface Case {
  name: string;
  url: string;
  baselineUrl: string;
  html: string;
}

export async function benchAnnotation(): Promise<BenchRow[]> {
  const cases: Case[] = [
    {
      name: '397-entry arXiv page',
      url: ARXIV_PAGES.astroPhPastweek.url,
      baselineUrl: 'https://arxiv.org/bench-baseline/397',
      html: readFileSync(pageFile(ARXIV_PAGES.astroPhPastweek), 'utf8'),
    },
    {
      name: '2,000-entry assembled listing',
      url: 'https://arxiv.org/list/astro-ph/pastweek?show=2000',
      baselineUrl: 'https://arxiv.org/bench-baseline/2000',
      html: assembleListing(2000),
    },
  ];
  const extraPages = new Map<string, string>();
  for (const c of cases) {
    extraPages.set(c.url, c.html);
    extraPages.set(c.baselineUrl, c.html); // same page at a URL the extension does not run on
  }
  const browser = await launchWithExtension({ extraPages });
  await browser.context.addInitScript(LONG_TASK_RECORDER);
  const rows: BenchRow[] = [];
  try {
    for (const c of cases) {
      const page = await browser.context.newPage();
      await page.goto(c.url); // warm-up: wakes the service worker, opens the database
      await waitForAnnotation(page);
      const ours: number[] = [];
      const oursLongest: number[] = [];
      let entries = 0;
      for (let i = 0; i < RUNS; i++) {
        await page.reload();
        const report = await waitForAnnotation(page);
        entries = report.annotated;
        const { painted, start, longest } = await page.evaluate(() => {
          const t = JSON.parse(document.documentElement.dataset.paperRadarTimings!) as { start: number; painted: number };
          const tasks = (window as unknown as { __paperRadarLongTasks: Array<[number, number]> }).__paperRadarLongTasks;
          const end = t.start + t.painted;
          const overlapping = tasks.filter(([s, d]) => s + d > t.start && s < end).map(([, d]) => d);
          return { painted: t.painted, start: t.start, longest: Math.max(0, ...overlapping) };
        });
        void start;
        ours.push(painted);
        oursLongest.push(longest);
      }
      const base: number[] = [];
      const baseLongest: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await page.goto(c.baselineUrl);
        const { ms, longest } = await page.evaluate(async () => {
          const start = performance.now();
          for (const dt of document.querySelectorAll('dl > dt')) {
            const button = document.createElement('button');
            button.textContent = '☆';
            dt.append(button);
          }
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
          const end = performance.now();
          const tasks = (window as unknown as { __paperRadarLongTasks: Array<[number, number]> }).__paperRadarLongTasks;
          const overlapping = tasks.filter(([s, d]) => s + d > start && s < end).map(([, d]) => d);
          return { ms: end - start, longest: Math.max(0, ...overlapping) };
        });
        base.push(ms);
        baseLongest.push(longest);
      }
      const oursMedian = median(ours);
      const baseMedian = median(base);
      rows.push({
        group: 'annotate (issue 2)',
        name: `${c.name}: ${entries} entries, content-script start → annotated & painted`,
        value: oursMedian,
        unit: 'ms',
        baseline: baseMedian,
        baselineName: 'plain <button> per entry',
        extra: `longest task ${median(oursLongest).toFixed(1)} ms (baseline ${median(baseLongest).toFixed(1)} ms); runs ${ours.map((x) => x.toFixed(0)).join('/')}`,
      });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return rows;
}
