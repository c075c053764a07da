/**
 * Issue 2 figures: on the saved 397-entry arXiv page and a 2,000-entry listing assembled from
 * real entries, the time from content-script start to all entries annotated (states fetched,
 * controls shown, next frame rendered) and the longest main-thread task; against a bare
 * baseline measured in the same browser on the same page: one pass that inserts a plain
 * <button> into each entry, to the next rendered frame. For reference, the same controls built by
 * the least code (SAME_CONTROLS_LEAST_CODE): the part of the time the DOM we promise costs; and
 * the least any control can be (ID_AND_NAME_ONLY: one button with its paper's id and name).
 * Ours and these passes take turns, run after run; then a few more runs of ours are traced, to
 * tell how much of each the engine spent collecting garbage and compiling, and the browser on
 * its own tasks for the page (engine-work.ts); then runs with the service worker stopped before
 * the page opens take turns with runs where it runs (worker-turns.ts). Last, the 2,000-entry
 * listing for a returning reader, every paper on it stored, also as the day's first visit
 * (returningReader).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ARXIV_PAGES, pageFile } from '../lib/demo-pages';
import { launchWithExtension, waitForAnnotation, type ExtensionBrowser } from '../lib/browser';
import { assembleListing } from '../lib/assembled-pages';
import { engineWorkPerRun, traceRuns } from './engine-work';
import { stoppedAndRunningWorkerRuns } from './worker-turns';
import { median, pairedRatio, range, type BenchRow } from './stats';

const RUNS = 15;
/** Runs with the service worker stopped before the page opens, and as many with it running, in turn. */
const STOPPED_WORKER_RUNS = 8;
/** Runs under a trace, apart from the others (tracing slows them a little). */
const TRACED_RUNS = 8;

/** The content script's phases, in order (see PageSession.start and PageAnnotator.annotate). */
export const PHASES = ['before', 'extract', 'prepare', 'build', 'waitStates', 'show', 'insert'] as const;
type Phase = (typeof PHASES)[number];
export const PHASE_NAMES: Record<Phase, string> = {
  before: 'setting up',
  extract: 'reading the entries',
  prepare: 'marking them and asking for their states',
  build: 'building the controls',
  waitStates: 'then waiting for the states',
  show: 'showing them',
  insert: 'inserting',
};

// Records long animation frames (LoAF): per frame, its duration and the time spent in style and
// layout (the browser's relayout after the controls are inserted). Content-script work is not
// attributed in LoAF, so the content script reports its own longest task.
const FRAME_RECORDER = `
  window.__paperRadarFrames = [];
  new PerformanceObserver((list) => {
    for (const f of list.getEntries()) {
      window.__paperRadarFrames.push({
        start: f.startTime,
        duration: f.duration,
        styleAndLayout: f.styleAndLayoutStart ? f.startTime + f.duration - f.styleAndLayoutStart : 0,
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
`;

interface FrameSummary {
  /** The longest frame (task + rendering) in the window (ms). */
  longestFrame: number;
  /** Style and layout within that frame (ms). */
  styleAndLayout: number;
}

/** Evaluated in the page: summarizes the long frames overlapping [start, end]. */
const SUMMARIZE_FRAMES = `(([start, end]) => {
  const frames = window.__paperRadarFrames.filter((f) => f.start + f.duration > start && f.start < end);
  let longestFrame = 0, styleAndLayout = 0;
  for (const f of frames) if (f.duration > longestFrame) { longestFrame = f.duration; styleAndLayout = f.styleAndLayout; }
  return { longestFrame, styleAndLayout };
})`;

/**
 * The bare baseline: one pass inserting a plain <button> into each entry, run as an ordinary task
 * of the page (not inside a DevTools evaluation), timed to the end of the pass and to the next
 * rendered frame.
 */
export const PLAIN_BUTTONS = `new Promise((resolve) => setTimeout(() => {
  const start = performance.now();
  for (const dt of document.querySelectorAll('dl > dt')) {
    const button = document.createElement('button');
    button.textContent = '☆';
    dt.append(button);
  }
  const script = performance.now() - start;
  requestAnimationFrame(() => setTimeout(() => resolve({ start, script, painted: performance.now() - start }), 0));
}, 0))`;

/**
 * The same controls with the least code, for reference: what the DOM we promise costs by itself.
 * Each entry gets what ui/controls.ts gives it (a clone of a group host whose clonable shadow
 * root holds three buttons, each with its parts, action, pressed state, name and symbol; the
 * paper's id; the group named by reference to the entry's title line), read and built by the
 * plainest code, with no checks, no stored state and no messages. Run from an isolated world, like the content script;
 * its ratio to the plain pass there is the floor of ours. Keep its shape in step with
 * controlPrototype() in ui/controls.ts.
 */
const SAME_CONTROLS_LEAST_CODE = `new Promise((resolve) => setTimeout(() => {
  const start = performance.now();
  const host = document.createElement('span');
  host.setAttribute('data-paper-radar-new', '');
  host.setAttribute('role', 'group');
  const shadow = host.attachShadow({ mode: 'open', clonable: true });
  for (const [action, text] of [['star', '☆'], ['read', ''], ['dismiss', '✕']]) {
    const button = document.createElement('button');
    button.setAttribute('part', 'button ' + action);
    button.setAttribute('data-paper-radar-action', action);
    button.setAttribute('aria-pressed', 'false');
    button.setAttribute('aria-label', action);
    if (text) button.textContent = text;
    shadow.append(button);
  }
  for (const dt of document.querySelectorAll('dl > dt')) {
    const href = dt.querySelector('a[href*="/abs/"]').getAttribute('href');
    const control = host.cloneNode(true);
    control.setAttribute('data-paper-radar-id', 'arxiv:' + href.slice(href.lastIndexOf('/') + 1));
    control.ariaLabelledByElements = [dt.nextElementSibling.querySelector('.list-title')];
    dt.append(control);
  }
  resolve({ script: performance.now() - start });
}, 0))`;

/**
 * The least any control can be: per entry one plain <button>, as in the plain pass, that also
 * carries its paper's id (read from the abstract link) and is named by reference to the entry's
 * title line; what the contract asks of every control, without the other buttons, the shadow
 * root, state or styles. Run from an isolated world. Its ratio to the plain pass in the page's
 * world tells whether the issue's 4× is within reach of any extension.
 */
const ID_AND_NAME_ONLY = `new Promise((resolve) => setTimeout(() => {
  const start = performance.now();
  for (const dt of document.querySelectorAll('dl > dt')) {
    const button = document.createElement('button');
    button.textContent = '☆';
    const href = dt.querySelector('a[href*="/abs/"]').getAttribute('href');
    button.setAttribute('data-paper-radar-id', 'arxiv:' + href.slice(href.lastIndexOf('/') + 1));
    button.ariaLabelledByElements = [dt.nextElementSibling.querySelector('.list-title')];
    dt.append(button);
  }
  resolve({ script: performance.now() - start });
}, 0))`;

/**
 * The shape of the first control on the page: the host's and its buttons' attribute names and
 * the buttons' child counts, and the elements naming the host (what the reference must build
 * the same; "new" is left out, as it depends on the stored state).
 */
const CONTROL_SHAPE = `(() => {
  const host = document.querySelector('[data-paper-radar-id]');
  const names = (el) => [...el.attributes].map((a) => a.name).filter((n) => n !== 'data-paper-radar-new').sort().join(' ');
  const buttons = [...host.shadowRoot.querySelectorAll('button')].map((b) => b.localName + '[' + names(b) + ']' + b.childNodes.length);
  const labelledBy = (host.ariaLabelledByElements ?? []).map((el) => el.className).join(',');
  return host.localName + '[' + names(host) + '] named by [' + labelledBy + '] ' + buttons.join(' ');
})()`;

interface Timings {
  start: number;
  /** When the page's DOMContentLoaded handlers had run (ms after navigation; read by the bench, not reported by the page). */
  domContentLoaded: number;
  annotated: number;
  painted: number;
  phases: Record<Phase | 'longestSlice', number>;
  /** How many entries' states the ask made as the page was parsed answered (content-scripts/early-states.ts). */
  answeredEarly: number;
  /** What that ask cost the page's thread as it was parsed (ms, outside the content script's time). */
  earlyAskMs: number;
}

/** Opens the listing and returns the content script's report of that run (see content-scripts/main.ts). */
async function annotateOnce(page: Page, url: string): Promise<{ entries: number; timings: Timings }> {
  await page.goto(url);
  const { annotated: entries } = await waitForAnnotation(page);
  const timings = await page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { ...JSON.parse(document.documentElement.dataset.paperRadarTimings!), domContentLoaded: navigation.domContentLoadedEventEnd } as Timings;
  });
  return { entries, timings };
}

interface Case {
  name: string;
  url: string;
  baselineUrl: string;
  html: string;
}

/**
 * The pages issue 2 measures on (here and in firefox.ts), and each served twice: at its listing
 * URL and, for the baseline passes, at a URL the extension does not run on.
 */
export function annotationCases(): { cases: Case[]; extraPages: Map<string, string> } {
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
    extraPages.set(c.baselineUrl, c.html);
  }
  return { cases, extraPages };
}

export async function benchAnnotation(): Promise<BenchRow[]> {
  const { cases, extraPages } = annotationCases();
  const browser = await launchWithExtension({ extraPages });
  await browser.context.addInitScript(FRAME_RECORDER);
  const rows: BenchRow[] = [];
  try {
    for (const c of cases) {
      const page = await browser.context.newPage();
      await page.goto(c.url); // warm-up: wakes the service worker, opens the database
      await waitForAnnotation(page);
      const ours = { script: [] as number[], fromParsed: [] as number[], painted: [] as number[], frames: [] as FrameSummary[], longestTask: [] as number[] };
      // Where the time goes: the content script's own phases (PageSession / PageAnnotator.lastTimings).
      const phases = Object.fromEntries(PHASES.map((p) => [p, [] as number[]])) as Record<Phase, number[]>;
      // Per run, the time in none of the phases (between them: promise hops, the end of the pass).
      const unaccounted: number[] = [];
      const answeredEarly: number[] = [];
      const earlyAskMs: number[] = [];
      const base = { script: [] as number[], painted: [] as number[], frames: [] as FrameSummary[] };
      // The plain pass and the reference from an isolated world, as a content script runs (every
      // DOM object it touches gets a wrapper of that world's own): the floor for any extension.
      const isolated = { plain: [] as number[], reference: [] as number[], idAndName: [] as number[] };
      const cdp = await browser.context.newCDPSession(page);
      const inIsolatedWorld = async (expression: string): Promise<number> => {
        await page.goto(c.baselineUrl);
        const { frameTree } = await cdp.send('Page.getFrameTree');
        const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'bench: a content script' });
        const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId: executionContextId, awaitPromise: true, returnByValue: true });
        if (exceptionDetails) throw new Error(`the isolated-world pass failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
        return (result.value as { script: number }).script;
      };
      // Ours and the four passes it is compared with take turns, run after run: this machine's
      // speed drifts by tens of percent within minutes (a fixed loop in Node ran 12.5–17.5 M
      // iterations a second, second after second, on an idle machine), so each run of ours is
      // compared with passes measured moments apart, and the ratios are taken per run.
      let entries = 0;
      for (let i = 0; i < RUNS; i++) {
        const { entries: found, timings: t } = await annotateOnce(page, c.url);
        entries = found;
        ours.longestTask.push(t.phases.longestSlice);
        for (const phase of PHASES) phases[phase].push(t.phases[phase]);
        unaccounted.push(t.annotated - PHASES.reduce((sum, phase) => sum + t.phases[phase], 0));
        answeredEarly.push(t.answeredEarly);
        earlyAskMs.push(t.earlyAskMs);
        await page.waitForTimeout(200); // let the frame observer report the last frames
        ours.script.push(t.annotated);
        ours.fromParsed.push(t.start + t.annotated - t.domContentLoaded);
        ours.painted.push(t.painted);
        ours.frames.push(await page.evaluate(`${SUMMARIZE_FRAMES}([${t.start}, ${t.start + t.painted}])`));

        await page.goto(c.baselineUrl);
        const run = (await page.evaluate(PLAIN_BUTTONS)) as { start: number; script: number; painted: number };
        await page.waitForTimeout(200);
        base.script.push(run.script);
        base.painted.push(run.painted);
        base.frames.push(await page.evaluate(`${SUMMARIZE_FRAMES}([${run.start}, ${run.start + run.painted}])`));

        isolated.plain.push(await inIsolatedWorld(PLAIN_BUTTONS));
        isolated.reference.push(await inIsolatedWorld(SAME_CONTROLS_LEAST_CODE));
        isolated.idAndName.push(await inIsolatedWorld(ID_AND_NAME_ONLY));
      }
      // More runs of ours under a trace, each opened from the baseline page as above: how much
      // of each the engine took for itself (garbage collection, compiling), and the browser's
      // own tasks for the page took while the script waited.
      const traced = await traceRuns(cdp, async () => {
        const times: number[] = [];
        for (let i = 0; i < TRACED_RUNS; i++) {
          await page.goto(c.baselineUrl);
          times.push((await annotateOnce(page, c.url)).timings.annotated);
        }
        return times;
      });
      const engine = engineWorkPerRun(traced.events, `chrome-extension://${browser.extensionId}/content-scripts/main.js`, traced.result);
      const worker = await stoppedAndRunningWorkerRuns(browser, page, cdp, {
        runs: STOPPED_WORKER_RUNS,
        baselineUrl: c.baselineUrl,
        open: async () => (await annotateOnce(page, c.url)).timings,
      });
      await cdp.detach();
      const referenceShape = await page.evaluate(CONTROL_SHAPE);
      await page.goto(c.url);
      await waitForAnnotation(page);
      const ourShape = await page.evaluate(CONTROL_SHAPE);
      if (referenceShape !== ourShape) throw new Error(`the reference builds other controls than ours (update SAME_CONTROLS_LEAST_CODE):\n  ours: ${ourShape}\n  reference: ${referenceShape}`);
      const group = 'annotate (issue 2)';
      const med = (frames: FrameSummary[], key: keyof FrameSummary) => median(frames.map((f) => f[key])).toFixed(0);
      rows.push({
        group,
        name: `${c.name} (${entries} entries): content-script start → all annotated (every entry's control in the page, named after its paper, its stored state shown)`,
        value: median(ours.script),
        unit: 'ms',
        baseline: median(base.script),
        baselineName: 'one pass inserting a plain <button> per entry',
        extra: `run by run, ours ÷ the plain pass ${pairedRatio(ours.script, base.script)}; the same plain pass from an isolated world (a content script's) ${median(isolated.plain).toFixed(1)} ms; range ${range(ours.script)} ms; longest task of ours ${median(ours.longestTask).toFixed(0)} ms; from the page parsed (its DOMContentLoaded handlers run) to all annotated ${median(ours.fromParsed).toFixed(1)} ms (range ${range(ours.fromParsed)}); medians: ${PHASES.map((p) => `${PHASE_NAMES[p]} ${median(phases[p]).toFixed(1)}`).join(', ')}, in none of these ${median(unaccounted).toFixed(1)} ms; states answered by the ask made as the page was parsed ${range(answeredEarly)} of ${entries} (that ask took the page's thread ${median(earlyAskMs).toFixed(1)} ms at DOMContentLoaded, range ${range(earlyAskMs)}); runs ${ours.script.map((x) => x.toFixed(0)).join('/')}`,
      });
      const withoutEngine = traced.result.map((ms, i) => ms - engine[i]!.total);
      const ourOwn = traced.result.map((ms, i) => ms - engine[i]!.notOurs);
      const med1 = (values: number[]) => median(values).toFixed(1);
      rows.push({
        group,
        name: `${c.name}: of that, work not the content script's own (the engine's: garbage collection, compiling; the browser's tasks for the page: finishing its load, link metrics, frames), in ${TRACED_RUNS} more runs under a trace`,
        value: median(engine.map((w) => w.notOurs)),
        unit: 'ms',
        extra: `range ${range(engine.map((w) => w.notOurs))} ms; medians: JS garbage collection ${med1(engine.map((w) => w.jsGc))}, DOM garbage collection ${med1(engine.map((w) => w.domGc))}, compiling ${med1(engine.map((w) => w.compile))}, the page's tasks ${med1(engine.map((w) => w.pageTasks))} ms; these runs took ${med1(traced.result)} ms (range ${range(traced.result)}), without the engine's work ${med1(withoutEngine)} ms (range ${range(withoutEngine)}), without the page's tasks too ${med1(ourOwn)} ms (range ${range(ourOwn)}); runs (time/engine/page) ${traced.result.map((ms, i) => `${ms.toFixed(0)}/${engine[i]!.total.toFixed(0)}/${engine[i]!.pageTasks.toFixed(0)}`).join(' ')}`,
      });
      const annotated = (runs: Timings[]) => runs.map((t) => t.annotated);
      const waited = (runs: Timings[]) => median(runs.map((t) => t.phases.waitStates)).toFixed(1);
      const fromNavigation = (runs: Timings[]) => median(runs.map((t) => t.start + t.annotated)).toFixed(0);
      rows.push({
        group,
        name: `${c.name}: the same with the service worker stopped before the page opens (a first page after 30 s without Paper Radar)`,
        value: median(annotated(worker.stopped)),
        unit: 'ms',
        baseline: median(annotated(worker.running)),
        baselineName: 'the worker running, runs taking turns',
        extra: `run by run ${pairedRatio(annotated(worker.stopped), annotated(worker.running))}; waiting for the states ${waited(worker.stopped)} vs ${waited(worker.running)} ms; navigation → all annotated ${fromNavigation(worker.stopped)} vs ${fromNavigation(worker.running)} ms; runs ${annotated(worker.stopped).map((x) => x.toFixed(0)).join('/')}`,
      });
      rows.push({
        group,
        name: `${c.name}: reference, the same controls built by the least code (no checks, state or messages), from an isolated world`,
        value: median(isolated.reference),
        unit: 'ms',
        baseline: median(isolated.plain),
        baselineName: 'the plain pass from an isolated world',
        extra: `run by run: this reference ÷ the plain pass from an isolated world ${pairedRatio(isolated.reference, isolated.plain)}, ÷ the plain pass in the page's world ${pairedRatio(isolated.reference, base.script)}; ours ÷ this reference ${pairedRatio(ours.script, isolated.reference)}; the least any control can be (one plain button with its paper's id and name, from an isolated world) ${median(isolated.idAndName).toFixed(1)} ms, ÷ the plain pass in the page's world ${pairedRatio(isolated.idAndName, base.script)}`,
      });
      rows.push({
        group,
        name: `${c.name} (${entries} entries): … → the next rendered frame (includes the browser's relayout of the page)`,
        value: median(ours.painted),
        unit: 'ms',
        baseline: median(base.painted),
        baselineName: 'the same for the plain buttons',
        extra: `longest frame (a main-thread task of the browser's) ${med(ours.frames, 'longestFrame')} ms, of which style+layout ${med(ours.frames, 'styleAndLayout')} ms (baseline: ${med(base.frames, 'longestFrame')} ms, ${med(base.frames, 'styleAndLayout')} ms)`,
      });
      await page.close();
    }
    rows.push(await returningReader(browser, cases[1]!, 'annotate (issue 2)'));
  } finally {
    await browser.close();
  }
  return rows;
}

/**
 * The 2,000-entry listing again, every paper on it now stored (seen): a reader who comes back to
 * a listing they went through, as /pastweek readers do every day. All states are then read,
 * where a first visit finds few. Ours and the plain pass take turns, as above.
 */
async function returningReader(browser: ExtensionBrowser, c: Case, group: string): Promise<BenchRow> {
  const page = await browser.context.newPage();
  await page.goto(c.url);
  await waitForAnnotation(page);
  await page.keyboard.press('A'); // every paper on the page stored as seen (keyboard-triage.ts)
  await page.waitForFunction(() => /^Marked [\d,]+ papers as seen/.test(document.querySelector('[data-paper-radar-notice]')?.shadowRoot?.querySelector('[role="status"]')?.textContent ?? ''), undefined, { timeout: 60_000, polling: 100 });
  const ours: number[] = [];
  const waits: number[] = [];
  const plain: number[] = [];
  let notNew = 0;
  for (let i = 0; i < RUNS; i++) {
    const { timings } = await annotateOnce(page, c.url);
    ours.push(timings.annotated);
    waits.push(timings.phases.waitStates);
    notNew = await page.evaluate(() => document.querySelectorAll('[data-paper-radar-id]:not([data-paper-radar-new])').length);
    await page.goto(c.baselineUrl);
    plain.push(((await page.evaluate(PLAIN_BUTTONS)) as { script: number }).script);
  }
  // The day's first visit: the worker stopped since (it keeps the states in memory once started).
  const cdp = await browser.context.newCDPSession(page);
  const { stopped } = await stoppedAndRunningWorkerRuns(browser, page, cdp, {
    runs: STOPPED_WORKER_RUNS,
    baselineUrl: c.baselineUrl,
    open: async () => (await annotateOnce(page, c.url)).timings,
  });
  await cdp.detach();
  await page.close();
  if (notNew < 2000) throw new Error(`the returning reader's papers are not all stored: ${notNew} of 2,000 shown as seen before`);
  return {
    group,
    name: `${c.name}, every paper on it stored (a returning reader): content-script start → all annotated`,
    value: median(ours),
    unit: 'ms',
    baseline: median(plain),
    baselineName: 'one pass inserting a plain <button> per entry',
    extra: `run by run, ours ÷ the plain pass ${pairedRatio(ours, plain)}; waiting for the states ${median(waits).toFixed(1)} ms; range ${range(ours)} ms; runs ${ours.map((x) => x.toFixed(0)).join('/')}; the day's first visit (the service worker stopped before the page opens) ${median(stopped.map((t) => t.annotated)).toFixed(1)} ms, waiting for the states ${median(stopped.map((t) => t.phases.waitStates)).toFixed(1)} ms`,
  };
}
