/**
 * Content script entry: finds the adapter for this page, annotates its entries, and keeps them
 * in step with changes made elsewhere (another tab, the popup). Thin browser glue; the work is
 * in page-annotator.ts and the adapters.
 */
import browser from 'webextension-polyfill';
import { CHANGE_KEY, type ChangeNotice } from '../src/changes';
import { adapterFor } from './adapters/index';
import { runtimeMessenger } from '../src/messenger';
import { SeenTracker } from './lib/seen-tracker';
import { PageAnnotator } from './page-annotator';

const startedAt = performance.now();

async function run(): Promise<void> {
  const url = new URL(location.href);
  const adapter = adapterFor(url);
  if (!adapter) return;
  const root = document.documentElement;
  const entries = adapter.extract(document, url);
  const extractedAt = performance.now();
  root.dataset.paperRadarEntries = String(entries.length);

  const annotator = new PageAnnotator({
    doc: document,
    messenger: runtimeMessenger,
    createSeenTracker: (onSeen) => new SeenTracker(document, onSeen),
  });
  browser.storage.onChanged.addListener((changes, area) => {
    const notice = changes[CHANGE_KEY]?.newValue as ChangeNotice | undefined;
    if (area === 'local' && notice && Array.isArray(notice.ids)) void annotator.refresh(notice.ids);
  });

  const annotated = await annotator.annotate(entries);
  const annotatedAt = performance.now();
  await nextFrame();
  // Read by the demo, the benchmark and end-to-end tests: how many, and how long it took
  // (content-script start → entries extracted → states shown → the frame that shows them).
  root.dataset.paperRadarTimings = JSON.stringify({
    start: round(startedAt),
    extract: round(extractedAt - startedAt),
    annotated: round(annotatedAt - startedAt),
    painted: round(performance.now() - startedAt),
    phases: Object.fromEntries(Object.entries(annotator.lastTimings).map(([k, v]) => [k, round(v)])),
  });
  root.dataset.paperRadarMs = round(annotatedAt - startedAt).toString();
  root.dataset.paperRadarAnnotated = String(annotated);
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Resolves once the browser has rendered a frame (or after 1 s in a hidden tab, which renders none). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 1000);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

run().catch((error: unknown) => console.error('Paper Radar:', error));
