/**
 * Content script entry: runs a PageSession for the page's URL, replaces it when the page
 * navigates on the client side, and keeps entries in step with changes made elsewhere (another
 * tab, the popup). Thin browser glue; the work is in page-session.ts, page-annotator.ts and the
 * adapters.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { DIM_BELOW_ATTRIBUTE, DISPLAY_KEY, HIDE_DISMISSED_ATTRIBUTE, parseDisplay } from '../src/display-settings';
import { isPageViewCommand, type PageView } from '../src/page-commands';
import { CHANGE_KEY, isScoring, MODEL_KEY, type ChangeNotice } from '../src/changes';
import { runtimeMessenger } from '../src/messenger';
import { afterNextFrame } from '../src/yield';
import { adapterFor } from './adapters/index';
import { LAYOUT_SETTINGS, takeEarlySettings } from './early-settings';
import { takeEarlyStates, withEarlyStates } from './early-states';
import { FocusedEntry } from './focused-entry';
import { KeyboardTriage } from './keyboard-triage';
import { DomWatcher } from './lib/dom-watcher';
import { countPaperLinks } from './lib/paper-links';
import type { PageAnnotator } from './page-annotator';
import { PageSession } from './page-session';
import { PAPER_PAGE_ATTRIBUTE, SCORING_ATTRIBUTE } from './ui/styles';

const scriptStartedAt = performance.now();
const root = document.documentElement;
let session: PageSession | null = null;
/** The listing's keys (keyboard-triage.ts): one for the document's lifetime, walking whichever session is current. */
const triage = new KeyboardTriage(document, () => session?.annotator ?? null, {
  closedShadowRoot: closedShadowRootOf,
  toggleDismissed: () => {
    if (!hidingApplies() || !session) return null;
    showDismissedHere(!hiding.shownHere);
    return pageView(session.annotator);
  },
});
/** Keeps a dismissed paper in view while its control has the focus (see FocusedEntry). */
new FocusedEntry(document, () => session?.annotator ?? null);

/**
 * An element's shadow root, also when the page closed it: content scripts may read those, in
 * Chrome through chrome.dom (no permission needed; the polyfill does not wrap it), in Firefox as
 * a property of the element.
 */
function closedShadowRootOf(host: Element): ShadowRoot | null {
  type Readers = { chrome?: { dom?: { openOrClosedShadowRoot?: (el: Element) => ShadowRoot | null } } };
  try {
    const chromeDom = (globalThis as Readers).chrome?.dom;
    if (chromeDom?.openOrClosedShadowRoot) return chromeDom.openOrClosedShadowRoot(host) ?? null;
    return (host as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot ?? null;
  } catch {
    return null; // not an element either API takes
  }
}

async function startSession(): Promise<void> {
  const startedAt = session === null ? scriptStartedAt : performance.now();
  session?.destroy();
  session = null;
  reportedEntries = null;
  triage.reset(); // the current entry belonged to the old page
  for (const key of ['paperRadarEntries', 'paperRadarAnnotated', 'paperRadarMs', 'paperRadarTimings']) delete root.dataset[key];
  // The document's first session finds the states of its listing asked for already, by wake.ts
  // as the page was parsed (early-states.ts); later ones (client-side navigation) ask themselves.
  const early = takeEarlyStates();
  const url = new URL(location.href);
  const adapter = adapterFor(url);
  hiding.paperPage = adapter?.isPaperPage?.(url) === true;
  root.toggleAttribute(PAPER_PAGE_ATTRIBUTE, hiding.paperPage); // never dimmed there (PAGE_CSS)
  hiding.shownHere = false; // asked of the page left behind
  applyHiding();
  if (!adapter) return;
  // A private window's page records no sightings (PageAnnotator's privateWindow; the worker
  // refuses them from such a tab too).
  const privateWindow = browser.extension.inIncognitoContext === true;
  const current = new PageSession(adapter, document, url, withEarlyStates(runtimeMessenger, early), { privateWindow, unwatched: (change) => watcher.unwatched(change) });
  session = current;
  const report = await current.start();
  if (session !== current) return; // navigated away meanwhile
  const annotatedAt = performance.now();
  await afterNextFrame();
  // Read by the demo, the benchmark and end-to-end tests: how many, and how long it took
  // (content-script start → states shown → the frame that shows them); how many entries'
  // states the early ask answered, and what it cost the page when it was parsed.
  root.dataset.paperRadarTimings = JSON.stringify({
    start: round(startedAt),
    answeredEarly: early?.served ?? 0,
    earlyAskMs: round(early?.askMs ?? 0),
    annotated: round(annotatedAt - startedAt),
    painted: round(performance.now() - startedAt),
    phases: Object.fromEntries(
      Object.entries({ before: report.extractStartedAt - startedAt, ...current.annotator.lastTimings }).map(([k, v]) => [k, round(v)]),
    ),
  });
  root.dataset.paperRadarMs = String(round(annotatedAt - startedAt));
  root.dataset.paperRadarEntries = String(report.entries);
  root.dataset.paperRadarAnnotated = String(report.annotated);
  await reportPage(current, current.site, report.entries);
}

/** The number of entries the worker was last told this page shows (reportPage). */
let reportedEntries: number | null = null;

/**
 * Tells the worker, for the popup, how many entries the page shows and whether it looks like one
 * the adapter no longer understands (it matches, finds nothing, yet links papers); again when
 * entries come or go (infinite scroll), else the popup kept the count the page first had.
 */
async function reportPage(current: PageSession, site: string, entries: number): Promise<void> {
  if (session !== current || entries === reportedEntries) return;
  reportedEntries = entries;
  const paperLinks = entries === 0 ? countPaperLinks(document) : 0;
  await runtimeMessenger.send({ type: 'reportPage', site, entries, paperLinks });
}

/** After entries came or went: the page's report again, counting the entries with a control now. */
function reportChange(current: PageSession | null): void {
  if (current && reportedEntries !== null) void reportPage(current, current.site, current.annotator.entriesInPageOrder().length).catch(report);
}

// Back from the back/forward cache: the tab's report in the worker is the last page's (another
// listing's, say), so this page's is sent again.
addEventListener('pageshow', (event) => {
  if (!event.persisted || reportedEntries === null) return;
  reportedEntries = -1;
  reportChange(session);
});

/**
 * Dismissed papers are hidden when the options page asks for it, except on a page about one
 * paper (there the entry is the page) and on a page where the popup asked to see them after all.
 */
const hiding = { asked: false, paperPage: false, shownHere: false };
const hidingApplies = () => hiding.asked && !hiding.paperPage;
function applyHiding(): void {
  root.toggleAttribute(HIDE_DISMISSED_ATTRIBUTE, hidingApplies() && !hiding.shownHere);
}

/** The popup's toggle and the keyboard's H: this page's dismissed papers shown after all, or hidden again. */
function showDismissedHere(show: boolean): void {
  hiding.shownHere = show;
  applyHiding();
}

function pageView(annotator: PageAnnotator): PageView {
  return {
    orderedByRelevance: annotator.orderedByRelevance,
    dismissed: annotator.dismissedCount,
    hidingDismissed: hidingApplies(),
    showingDismissed: hiding.shownHere,
  };
}

let watcher: DomWatcher;

function run(): void {
  watcher = new DomWatcher(document, {
    selector: () => session?.selector ?? null,
    onUrlChange: () => void startSession().catch(report),
    onEntriesAdded: () => {
      const current = session;
      void current?.entriesAdded().then(() => reportChange(current), report);
    },
    onRemoved: () => {
      const current = session;
      void current?.removed().then(() => reportChange(current), report);
    },
    onLinksChanged: (links) => void session?.linksChanged(links).catch(report),
  });
  addEventListener('popstate', () => watcher.checkUrl());
  (globalThis as { navigation?: EventTarget }).navigation?.addEventListener('navigatesuccess', () => watcher.checkUrl());
  // Dimming below the relevance threshold, hiding dismissed papers and the keyboard, as set in the options page.
  const applyDisplay = (value: unknown) => {
    const display = parseDisplay(value);
    root.toggleAttribute(DIM_BELOW_ATTRIBUTE, display.dimBelowThreshold);
    hiding.asked = display.hideDismissed;
    applyHiding();
    triage.configure(display.keyboard);
  };
  // Whether entries will get badges: their controls keep the badges' room from the start.
  const applyScoring = (notice: unknown) => root.toggleAttribute(SCORING_ATTRIBUTE, isScoring(notice));
  const applySettings = (stored: Record<string, unknown>) => {
    applyDisplay(stored[DISPLAY_KEY]);
    applyScoring(stored[MODEL_KEY]);
  };
  // As wake.ts read them when the page started loading: applied before the first controls are
  // in the page (early-settings.ts). Read again in case they changed since.
  void takeEarlySettings()?.then(applySettings, () => {});
  void browser.storage.local.get(LAYOUT_SETTINGS).then(applySettings, report);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    const notice = changes[CHANGE_KEY]?.newValue as ChangeNotice | undefined;
    if (notice && Array.isArray(notice.ids)) void session?.refresh(notice.ids).catch(report);
    // The model was retrained (a star, a dismissal, new interests): scores may have moved.
    if (changes[MODEL_KEY]) {
      applyScoring(changes[MODEL_KEY].newValue);
      void session?.rescore().catch(report);
    }
    if (changes[DISPLAY_KEY]) applyDisplay(changes[DISPLAY_KEY].newValue);
  });
  // The popup's toggles for this page (order by relevance, show the dismissed papers); answers
  // with the view now shown, once the changes this page was told of are shown (the popup asks
  // again when it is told of one).
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id || !isPageViewCommand(message) || !session) return undefined;
    const { annotator } = session;
    if (message.orderByRelevance !== undefined) annotator.orderByRelevance(message.orderByRelevance);
    if (message.showDismissed !== undefined) showDismissedHere(message.showDismissed);
    return annotator.settled().then(() => pageView(annotator));
  });
  void startSession().catch(report);
}

function report(error: unknown): void {
  console.error('Paper Radar:', error);
}

const round = (ms: number) => Math.round(ms * 10) / 10;

run();
