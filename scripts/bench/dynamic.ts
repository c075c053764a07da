/**
 * Issue 3 figures: pages that grow after load, and pages that change in unrelated ways.
 *
 * - Growth: 500 real arXiv entries appended to the saved hep-th /new page in 10 batches of 50;
 *   per batch, the time from insertion to every new entry having its control. Baseline, same
 *   page at a URL the extension does not run on: a page-script MutationObserver that puts a
 *   plain <button> into each new entry (the floor for noticing and marking new entries).
 * - Unrelated changes: a "clock" element re-rendered 2,000 times (a new <span> each time, with a
 *   microtask checkpoint after each, so every change reaches the observers), timed with the
 *   extension's observer present and without it.
 */
import { readFileSync } from 'node:fs';
import { ARXIV_PAGES, pageFile } from '../lib/demo-pages';
import { launchWithExtension, waitForAnnotation } from '../lib/browser';
import { median, type BenchRow } from './stats';

const BATCHES = 10;
const BATCH_SIZE = 50;
const TICKS = 2000;

/** In the page: appends the batches one at a time and times each until `done(batch)` says so. */
const GROW = `async ([sourceHtml, batches, size, baseline]) => {
  const source = new DOMParser().parseFromString(sourceHtml, 'text/html');
  const onPage = new Set([...document.querySelectorAll('dt a[href*="/abs/"]')].map((a) => a.getAttribute('href')));
  const pairs = [...source.querySelectorAll('dl#articles > dt')].filter((dt) => !onPage.has(dt.querySelector('a[href*="/abs/"]')?.getAttribute('href')));
  const list = document.querySelector('dl#articles');
  if (baseline) {
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.nodeName === 'DT') { const b = document.createElement('button'); b.textContent = '☆'; b.className = 'baseline'; n.append(b); }
    }).observe(document.body, { childList: true, subtree: true });
  }
  const count = () => document.querySelectorAll(baseline ? 'button.baseline' : '[data-paper-radar-id]').length;
  const pending = () => document.querySelector('[data-paper-radar-pending]') !== null;
  const times = [];
  const stateTimes = [];
  for (let b = 0; b < batches; b++) {
    const target = count() + size;
    const batch = [];
    for (let i = 0; i < size; i++) {
      const dt = pairs[(b * size + i) % pairs.length];
      const copyDt = document.importNode(dt, true);
      const copyDd = document.importNode(dt.nextElementSibling, true);
      // Every appended entry is a distinct paper (ids past the saved ones, a range arXiv never used).
      const id = '2412.' + (95000 + b * size + i);
      for (const a of copyDt.querySelectorAll('a[href]')) a.setAttribute('href', a.getAttribute('href').replace(/\\d{4}\\.\\d{4,5}/, id));
      batch.push(copyDt, copyDd);
    }
    const start = performance.now();
    list.append(...batch);
    await new Promise((resolve) => {
      const check = () => (count() >= target ? resolve() : requestAnimationFrame(check));
      const mo = new MutationObserver(() => { if (count() >= target) { mo.disconnect(); resolve(); } });
      mo.observe(list, { childList: true, subtree: true });
      check();
    });
    times.push(performance.now() - start);
    // …and until each new control shows the paper's stored state.
    await new Promise((resolve) => {
      const check = () => (pending() ? setTimeout(check, 1) : resolve());
      check();
    });
    stateTimes.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { times, stateTimes };
}`;

const TICK = `async (ticks) => {
  const clock = document.createElement('div');
  document.body.prepend(clock);
  const start = performance.now();
  for (let i = 0; i < ticks; i++) {
    const span = document.createElement('span');
    span.textContent = new Date(1700000000000 + i * 1000).toISOString();
    clock.replaceChildren(span);
    await Promise.resolve(); // a microtask checkpoint: observers see each change
  }
  return performance.now() - start;
}`;

export async function benchDynamic(): Promise<BenchRow[]> {
  const page = ARXIV_PAGES.hepThNew;
  const html = readFileSync(pageFile(page), 'utf8');
  const source = readFileSync(pageFile(ARXIV_PAGES.astroPhPastweek), 'utf8');
  const baselineUrl = 'https://arxiv.org/bench-baseline/hep-th-new';
  const browser = await launchWithExtension({ pages: [page], extraPages: new Map([[baselineUrl, html]]) });
  const rows: BenchRow[] = [];
  try {
    const tab = await browser.context.newPage();
    const ours: number[] = [];
    const oursWithState: number[] = [];
    const base: number[] = [];
    const oursTicks: number[] = [];
    const baseTicks: number[] = [];
    for (let run = 0; run < 3; run++) {
      await tab.goto(page.url);
      await waitForAnnotation(tab);
      const grown = (await tab.evaluate(`(${GROW})(${JSON.stringify([source, BATCHES, BATCH_SIZE, false])})`)) as Record<string, number[]>;
      ours.push(...grown.times!);
      oursWithState.push(...grown.stateTimes!);
      oursTicks.push((await tab.evaluate(`(${TICK})(${TICKS})`)) as number);
      await tab.goto(baselineUrl);
      base.push(...((await tab.evaluate(`(${GROW})(${JSON.stringify([source, BATCHES, BATCH_SIZE, true])})`)) as Record<string, number[]>).times!);
      baseTicks.push((await tab.evaluate(`(${TICK})(${TICKS})`)) as number);
    }
    rows.push({
      group: 'pages that change (issue 3)',
      name: `${BATCHES * BATCH_SIZE} entries appended in ${BATCHES} batches of ${BATCH_SIZE}: insertion → every new entry annotated, median per batch`,
      value: median(ours),
      unit: 'ms',
      baseline: median(base),
      baselineName: 'page MutationObserver adding a plain <button>',
      extra: `max ${Math.max(...ours).toFixed(1)} ms over ${ours.length} batches; until each shows its stored state: median ${median(oursWithState).toFixed(1)} ms`,
    });
    const perTick = (total: number[]) => (median(total) / TICKS) * 1000;
    rows.push({
      group: 'pages that change (issue 3)',
      name: `unrelated change (a clock re-rendered ${TICKS}×) with our observer: time per change`,
      value: perTick(oursTicks),
      unit: 'µs',
      baseline: perTick(baseTicks),
      baselineName: 'same page, no extension',
      extra: `our observer's cost ≈ ${(perTick(oursTicks) - perTick(baseTicks)).toFixed(2)} µs per change`,
    });
  } finally {
    await browser.close();
  }
  return rows;
}
