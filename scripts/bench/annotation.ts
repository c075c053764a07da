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
      const ours = { script: [] as number[], painted: [] as number[], longest: [] as number[] };
      let entries = 0;
      for (let i = 0; i < RUNS; i++) {
        await page.reload();
        entries = (await waitForAnnotation(page)).annotated;
        const run = await page.evaluate(() => {
          const t = JSON.parse(document.documentElement.dataset.paperRadarTimings!) as { start: number; annotated: number; painted: number };
          const tasks = (window as unknown as { __paperRadarLongTasks: Array<[number, number]> }).__paperRadarLongTasks;
          const end = t.start + t.painted;
          const overlapping = tasks.filter(([s, d]) => s + d > t.start && s < end).map(([, d]) => d);
          return { script: t.annotated, painted: t.painted, longest: Math.max(0, ...overlapping) };
        });
        ours.script.push(run.script);
        ours.painted.push(run.painted);
        ours.longest.push(run.longest);
      }
      const base = { script: [] as number[], painted: [] as number[], longest: [] as number[] };
      for (let i = 0; i < RUNS; i++) {
        await page.goto(c.baselineUrl);
        const run = await page.evaluate(async () => {
          const start = performance.now();
          for (const dt of document.querySelectorAll('dl > dt')) {
            const button = document.createElement('button');
            button.textContent = '☆';
            dt.append(button);
          }
          const script = performance.now() - start;
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
          const end = performance.now();
          const tasks = (window as unknown as { __paperRadarLongTasks: Array<[number, number]> }).__paperRadarLongTasks;
          const overlapping = tasks.filter(([s, d]) => s + d > start && s < end).map(([, d]) => d);
          return { script, painted: end - start, longest: Math.max(0, ...overlapping) };
        });
        base.script.push(run.script);
        base.painted.push(run.painted);
        base.longest.push(run.longest);
      }
      const group = 'annotate (issue 2)';
      rows.push({
        group,
        name: `${c.name} (${entries} entries): content-script start → all annotated (states fetched, controls in the page)`,
        value: median(ours.script),
        unit: 'ms',
        baseline: median(base.script),
        baselineName: 'one pass inserting a plain <button> per entry',
        extra: `longest main-thread task ${median(ours.longest).toFixed(0)} ms; runs ${ours.script.map((x) => x.toFixed(0)).join('/')}`,
      });
      rows.push({
        group,
        name: `${c.name} (${entries} entries): … → the next rendered frame (includes the browser's relayout of the page)`,
        value: median(ours.painted),
        unit: 'ms',
        baseline: median(base.painted),
        baselineName: 'the same for the plain buttons',
        extra: `baseline longest task ${median(base.longest).toFixed(0)} ms`,
      });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return rows;
}
