import { describe, expect, it } from 'vitest';
import { engineWorkPerRun, type TraceEvent } from '../../scripts/bench/engine-work';

// Trace timestamps are microseconds; durations given to engineWorkPerRun are milliseconds.
const MAIN = { pid: 1, tid: 1 };
const MAIN_JS = 'chrome-extension://abc/content-scripts/main.js';
const start = (ts: number, fileName = MAIN_JS): TraceEvent => ({ name: 'v8.run', ph: 'X', ts, dur: 1000, ...MAIN, args: { fileName } });
const span = (name: string, ts: number, dur: number, extra: Partial<TraceEvent> = {}): TraceEvent => ({ name, ph: 'X', ts, dur, ...MAIN, ...extra });

describe('engineWorkPerRun (the benchmark: engine work inside each traced run)', () => {
  it('sums garbage collection and compiling on the script thread inside each run, counting overlaps once', () => {
    const events: TraceEvent[] = [
      start(1_000_000),
      span('MinorGC', 1_010_000, 7000),
      span('V8.GCIncrementalMarking', 1_015_000, 4000), // overlaps the scavenge by 2 ms
      span('ThreadControllerImpl::RunTask', 1_030_000, 5000, { args: { src_file: 'v8/src/heap/cppgc-js/cpp-heap.cc' } }),
      span('ThreadControllerImpl::RunTask', 1_036_000, 9000, { args: { src_file: 'third_party/blink/renderer/core/dom/document.cc' } }),
      span('V8.BytecodeBudgetInterrupt', 1_040_000, 3000),
      span('MinorGC', 1_041_000, 1000), // inside the compile: counted in both kinds, once in the total
      span('MinorGC', 1_010_000, 50_000, { tid: 2 }), // another thread
      span('MajorGC', 1_058_000, 4000), // half inside the 60 ms window
      start(3_000_000),
      span('MajorGC', 3_100_000, 8000), // after the second run's 50 ms window
    ];
    const [first, second] = engineWorkPerRun(events, MAIN_JS, [60, 50]);
    expect(first).toEqual({ jsGc: 7 + 2 + 1 + 2, domGc: 5, compile: 3, total: 9 + 5 + 3 + 2, pageTasks: 0, notOurs: 9 + 5 + 3 + 2 });
    expect(second).toEqual({ jsGc: 0, domGc: 0, compile: 0, total: 0, pageTasks: 0, notOurs: 0 });
  });

  it("counts the browser's own tasks for the page apart from the engine's work, and once where they overlap it", () => {
    const task = (ts: number, dur: number, src_func: string) => span('ThreadControllerImpl::RunTask', ts, dur, { args: { src_file: 'x.cc', src_func } });
    const events: TraceEvent[] = [
      start(1_000_000),
      task(1_010_000, 15_000, 'MaybeUpdateMetrics'), // link metrics
      span('MinorGC', 1_020_000, 2000), // inside it: engine work, counted once in notOurs
      task(1_030_000, 4000, 'CheckLoadEventSoon'), // finishing the load
      task(1_040_000, 2000, 'ScheduledActionSendBeginMainFrame'), // a frame
      task(1_045_000, 20_000, 'PostExecuteAndDestroySelf'), // the content script's own task
      task(1_050_000, 3000, 'CheckLoadEventSoon'), // on another thread (below): not counted
    ];
    events[events.length - 1]!.tid = 2;
    const [run] = engineWorkPerRun(events, MAIN_JS, [60]);
    expect(run).toEqual({ jsGc: 2, domGc: 0, compile: 0, total: 2, pageTasks: 15 + 4 + 2, notOurs: 15 + 4 + 2 });
  });

  it('ignores other extensions and other scripts, even with the same path', () => {
    const events = [
      start(1_000_000),
      start(1_500_000, 'chrome-extension://other/content-scripts/main.js'),
      start(1_600_000, 'chrome-extension://abc/content-scripts/wake.js'),
      start(1_700_000, 'https://arxiv.org/content-scripts/main.js'),
      start(2_000_000),
    ];
    expect(engineWorkPerRun(events, MAIN_JS, [10, 10])).toHaveLength(2);
  });

  it('refuses to guess when the trace shows another number of runs than were traced', () => {
    expect(() => engineWorkPerRun([start(1_000_000)], MAIN_JS, [10, 10])).toThrow(/1 runs of chrome-extension:\/\/abc\/content-scripts\/main.js, but 2 runs/);
  });
});
