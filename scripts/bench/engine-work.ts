/**
 * How much of a content-script run was not the script's own work, read from a Chromium trace:
 * the engine's (garbage collection and compiling), and the browser's own tasks for the page
 * that fall between the script's tasks while it waits for the worker's answer (finishing the
 * page's load with its layout, Chromium's link metrics for preloading, rendering a frame of the
 * page as it was). On this 2-core machine the annotation time of one listing swings by tens of
 * milliseconds from run to run; these are the parts of it no script change controls directly,
 * so the benchmark reports them beside the time, and the time without them.
 *
 * The analysis is pure (trace events in, figures out), so it is unit-tested; recording the
 * trace is the few lines of traceRuns.
 */
import type { CDPSession } from 'playwright-core';

/** The trace categories the analysis needs (few, so that tracing disturbs the runs little). */
export const ENGINE_TRACE_CATEGORIES = ['v8', 'v8.execute', 'devtools.timeline', 'toplevel'].join(',');

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { fileName?: string; src_file?: string; src_func?: string };
}

/** Engine work on the script's thread inside one run's window (ms; overlaps counted once). */
export interface EngineWork {
  /** V8's collections: young generation (scavenges), full ones, incremental marking steps. */
  jsGc: number;
  /** Tasks of Blink's C++ heap (Oilpan): sweeping and marking of DOM objects. */
  domGc: number;
  /** Compiling on the main thread: the first compile of a script, and tier-up to faster code. */
  compile: number;
  /** The engine's work: all of the above together. */
  total: number;
  /**
   * The browser's own tasks for the page on the script's thread (PAGE_TASKS): work any page
   * of this size costs, extension or not, that ran while the script waited.
   */
  pageTasks: number;
  /** The engine's work and the page's tasks together: what the run spent on anything but the script's own work. */
  notOurs: number;
}

const JS_GC = new Set(['MinorGC', 'MajorGC', 'V8.GCIncrementalMarking', 'V8.GCFinalizeMC']);
const COMPILE = new Set(['v8.compile', 'V8.BytecodeBudgetInterrupt', 'V8.BytecodeBudgetInterruptWithStackCheck']);
const TOP_LEVEL_TASK = 'ThreadControllerImpl::RunTask';
/**
 * Top-level tasks the browser posts for the page itself, by the function that posted them (as
 * Chromium 150 names them): finishing the load (the load event, and the layout the frame's
 * observers ask for then; ≈ 5–20 ms on a 2,000-entry listing), the anchor metrics sent for
 * link preloading, 200 ms after links were added (it walks every link: ≈ 15 ms there), and
 * rendering a frame. None of them runs the content script.
 */
const PAGE_TASKS = new Set(['CheckLoadEventSoon', 'MaybeUpdateMetrics', 'ScheduledActionSendBeginMainFrame']);

type Kind = keyof Omit<EngineWork, 'total' | 'notOurs'>;
const KINDS: readonly Kind[] = ['jsGc', 'domGc', 'compile', 'pageTasks'];
const ENGINE_KINDS: readonly Kind[] = ['jsGc', 'domGc', 'compile'];

function kindOf(event: TraceEvent): Kind | null {
  if (JS_GC.has(event.name)) return 'jsGc';
  if (COMPILE.has(event.name)) return 'compile';
  if (event.name === TOP_LEVEL_TASK && event.args?.src_file?.includes('cppgc')) return 'domGc';
  if (event.name === TOP_LEVEL_TASK && PAGE_TASKS.has(event.args?.src_func ?? '')) return 'pageTasks';
  return null;
}

/** Total length of the union of [start, end) intervals, clipped to [from, to). */
function unionLength(intervals: Array<[number, number]>, from: number, to: number): number {
  const clipped = intervals
    .map(([s, e]): [number, number] => [Math.max(s, from), Math.min(e, to)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let length = 0;
  let end = -Infinity;
  for (const [s, e] of clipped) {
    if (s >= end) length += e - s;
    else if (e > end) length += e - end;
    end = Math.max(end, e);
  }
  return length;
}

/**
 * The work not the script's own inside each run. A run's window starts where the engine began running the
 * content script (a plain script: its first line runs at once; `scriptUrl` is its full
 * chrome-extension:// URL, which no page script can have — Chromium 150 no longer names the world
 * in the trace) and lasts `durationsMs[i]`. The i-th run of the script belongs to the i-th run; a
 * different count of runs of the script than runs traced is an error, not a guess.
 */
export function engineWorkPerRun(events: readonly TraceEvent[], scriptUrl: string, durationsMs: readonly number[]): EngineWork[] {
  const starts = events.filter((e) => e.name === 'v8.run' && e.args?.fileName === scriptUrl).sort((a, b) => a.ts - b.ts);
  if (starts.length !== durationsMs.length) {
    throw new Error(`the trace shows ${starts.length} runs of ${scriptUrl}, but ${durationsMs.length} runs were traced`);
  }
  // Each thread's engine work, sorted out once for all the runs.
  const work = new Map<string, Record<Kind, Array<[number, number]>>>();
  for (const e of events) {
    const kind = e.ph === 'X' && e.dur !== undefined ? kindOf(e) : null;
    if (!kind) continue;
    const thread = `${e.pid}:${e.tid}`;
    let byKind = work.get(thread);
    if (!byKind) work.set(thread, (byKind = noWork()));
    byKind[kind].push([e.ts, e.ts + e.dur!]);
  }
  return starts.map((start, i) => {
    const from = start.ts;
    const to = from + durationsMs[i]! * 1000;
    const byKind = work.get(`${start.pid}:${start.tid}`) ?? noWork();
    const ms = (kinds: readonly Kind[]) => unionLength(kinds.flatMap((kind) => byKind[kind]), from, to) / 1000;
    return {
      jsGc: ms(['jsGc']),
      domGc: ms(['domGc']),
      compile: ms(['compile']),
      total: ms(ENGINE_KINDS),
      pageTasks: ms(['pageTasks']),
      notOurs: ms(KINDS),
    };
  });
}

const noWork = (): Record<Kind, Array<[number, number]>> => ({ jsGc: [], domGc: [], compile: [], pageTasks: [] });

/** Records a trace (all the browser's processes) around `runs` and returns its events. */
export async function traceRuns<T>(cdp: CDPSession, runs: () => Promise<T>): Promise<{ events: TraceEvent[]; result: T }> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: ENGINE_TRACE_CATEGORIES, transferMode: 'ReportEvents' });
  let result: T;
  try {
    result = await runs();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
  }
  return { events, result };
}
