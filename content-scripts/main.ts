/**
 * Content script entry: runs a PageSession for the page's URL, replaces it when the page
 * navigates on the client side, and keeps entries in step with changes made elsewhere (another
 * tab, the popup). Thin browser glue; the work is in page-session.ts, page-annotator.ts and the
 * adapters.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { DIM_BELOW_ATTRIBUTE, DISPLAY_KEY, HIDE_DISMISSED_ATTRIBUTE, parseDisplay } from '../src/display-settings';
import type { PageReport } from '../src/core/page-health';
import { isPageViewCommand, isScriptHereCommand, type PageView } from '../src/page-commands';
import { CHANGE_KEY, isScoring, MODEL_KEY, type ChangeNotice } from '../src/changes';
import { runtimeMessenger } from '../src/messenger';
import { afterNextFrame } from '../src/yield';
import { adapterFor } from './adapters/index';
import { LAYOUT_SETTINGS, takeEarlySettings } from './early-settings';
import { takeEarlyStates, withEarlyStates } from './early-states';
import { FocusedEntry } from './focused-entry';
import { KeyboardTriage } from './keyboard-triage';
import { sweepLeftovers } from './leftovers';
import { DomWatcher } from './lib/dom-watcher';
import { countPaperLinks } from './lib/paper-links';
import { PageSession } from './page-session';
import { stopListeningForClicks } from './ui/controls';
import { PAGE_STYLE_ID, PAPER_PAGE_ATTRIBUTE, SCORING_ATTRIBUTE } from './ui/styles';

const scriptStartedAt = performance.now();
const root = document.documentElement;
// A private window's page records no sightings (PageAnnotator's privateWindow; the worker refuses
// them from such a tab too), and the popup says so.
const privateWindow = browser.extension.inIncognitoContext === true;
let session: PageSession | null = null;
/** The listing's keys (keyboard-triage.ts): one for the document's lifetime, walking whichever session is current. Made in run(). */
let triage: KeyboardTriage;

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

/** Sessions started in this document: the first one has no control of an earlier one to find… */
let sessionsStarted = 0;
/** The papers this document's sessions stored as seen: not new on the next page the site shows in it. */
const seenInDocument = new Set<string>();
/**
 * …unless an earlier copy of this script ran in it: Firefox runs the content scripts of an add-on
 * updated, reloaded or turned back on in the tabs already open, and what the old one put in the
 * page stays (its controls, dead; every entry had two). Its page style tells, found by id at no cost.
 */
const earlierScriptRan = document.getElementById(PAGE_STYLE_ID) !== null;

async function startSession(): Promise<void> {
  const startedAt = session === null ? scriptStartedAt : performance.now();
  session?.destroy();
  session = null;
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
  const afterNavigation = sessionsStarted++ > 0 || earlierScriptRan;
  const current = new PageSession(adapter, document, url, withEarlyStates(runtimeMessenger, early), {
    privateWindow,
    afterNavigation,
    unwatched: (change) => watcher.unwatched(change),
    seenInDocument,
  });
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
}

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

/**
 * What the popup shows about this page: how many entries it shows (after infinite scroll too),
 * whether it looks like one the adapter no longer understands (it matches, finds nothing, yet
 * links papers; see page-health.ts), and how it shows them.
 */
function pageView(current: PageSession): PageView {
  const { annotator } = current;
  const entries = annotator.entriesInPageOrder().length;
  const report: PageReport = { site: current.site, entries, paperLinks: entries === 0 ? countPaperLinks(document) : 0 };
  if (privateWindow) report.privateWindow = true;
  return {
    report,
    orderedByRelevance: annotator.orderedByRelevance,
    scored: annotator.scored,
    dismissed: annotator.dismissedCount,
    hidingDismissed: hidingApplies(),
    showingDismissed: hiding.shownHere,
  };
}

let watcher: DomWatcher;
let focused: FocusedEntry;

/**
 * Told on the document by a copy of this script as it starts. In Chrome, a copy from before the
 * extension was updated (or turned off and on) lives on in an open tab, cut off from the
 * extension: its controls can do nothing but say "reload the page". The worker runs a new copy
 * in such tabs (open-tabs.ts); the old one hears this and takes its controls away. (An event on
 * the document, not a name in the world below: whether Chrome gives the extension's new load the
 * old one's world is not ours to count on.)
 */
const NEW_COPY_EVENT = 'paper-radar-new-copy';

/**
 * Where this copy of the script says it runs, in the content scripts' world: shared by every copy
 * the extension runs in this document (Chrome's own, the worker's: open-tabs.ts) and unseen by the
 * page's scripts. Its value says whether that copy is still alive.
 */
const LIVE_COPY_KEY = 'paperRadarLiveCopy';

/** Whether this copy of the script is cut off from the extension (updated, reloaded, turned off or removed since). */
function orphaned(): boolean {
  try {
    return !browser.runtime.id;
  } catch {
    return true;
  }
}

/**
 * When a copy cut off from the extension takes its controls away, besides a new copy starting:
 * Paper Radar turned off or removed and not back, every click on them could only fail. The tab
 * shown again (turned off at chrome://extensions), or a click or a key on the page (turned off
 * or removed from the toolbar, the tab in view all along). Chrome only: Firefox takes an add-on's
 * scripts away with it.
 */
const ORPHAN_CHECKS = ['visibilitychange', 'pageshow', 'pointerdown', 'keydown'] as const;

function stopIfOrphaned(): void {
  if (!orphaned()) return;
  document.removeEventListener(NEW_COPY_EVENT, stopIfOrphaned);
  for (const type of ORPHAN_CHECKS) removeEventListener(type, stopIfOrphaned, true);
  watcher.disconnect();
  triage.destroy();
  focused.destroy();
  stopListeningForClicks(document);
  session?.destroy();
  session = null;
}

/**
 * `handle`, unless this copy is cut off: then it stops. The page changing (Back in the toolbar,
 * cards arriving as the wheel scrolls) is no click or key: a cut-off copy went on building
 * controls that could only fail.
 */
function whileConnected<A extends unknown[]>(handle: (...args: A) => void): (...args: A) => void {
  return (...args) => (orphaned() ? stopIfOrphaned() : handle(...args));
}

/**
 * Starts this copy, unless a live one runs in the document already: Chrome may run its own copy
 * in a tab the worker runs one in (a page loading as the extension was installed, updated or
 * turned on, or as the browser started), whichever comes second stops here. Both run to this
 * point without a pause, so they cannot both pass it.
 */
function start(): void {
  const globals = globalThis as Record<string, unknown>;
  const other = globals[LIVE_COPY_KEY];
  if (typeof other === 'function' && other() === true) return;
  globals[LIVE_COPY_KEY] = () => !orphaned();
  document.dispatchEvent(new CustomEvent(NEW_COPY_EVENT));
  document.addEventListener(NEW_COPY_EVENT, stopIfOrphaned);
  // Captured on the window: before the page's handlers and the keyboard triage's.
  for (const type of ORPHAN_CHECKS) addEventListener(type, stopIfOrphaned, { capture: true, passive: true });
  run();
}

function run(): void {
  if (earlierScriptRan) sweepLeftovers(document);
  triage = new KeyboardTriage(document, () => session?.annotator ?? null, {
    closedShadowRoot: closedShadowRootOf,
    toggleDismissed: () => {
      if (!hidingApplies() || !session) return null;
      showDismissedHere(!hiding.shownHere);
      return pageView(session);
    },
  });
  // Keeps a dismissed paper in view while its control has the focus (see FocusedEntry).
  focused = new FocusedEntry(document, () => session?.annotator ?? null);
  watcher = new DomWatcher(document, {
    selector: () => session?.selector ?? null,
    onUrlChange: whileConnected(() => void startSession().catch(report)),
    onEntriesAdded: whileConnected(() => void session?.entriesAdded().catch(report)),
    onRemoved: whileConnected(() => void session?.removed().catch(report)),
    onLinksChanged: whileConnected((links, entriesAdded) => void session?.linksChanged(links, entriesAdded).catch(report)),
  });
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
  const readSettings = () => void browser.storage.local.get(LAYOUT_SETTINGS).then(applySettings, report);
  readSettings();
  // Back to a page from the back/forward cache: nothing ran while it was there, so the changes
  // made meanwhile (a star on the paper's own page, a retrained model, the display options) were
  // not heard. Read again.
  addEventListener('pageshow', (event) => {
    if (!event.persisted || orphaned()) return; // cut off: stopIfOrphaned took the controls away
    readSettings();
    void session?.refresh().catch(report);
    void session?.rescore().catch(report);
  });
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
  // The popup's line about this page and its toggles (order by relevance, show the dismissed
  // papers); answers with the page's view once the entries being read and the changes this page
  // was told of are shown (the popup asks again when it is told of one). A page where no adapter
  // runs leaves the popup unanswered: no line.
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    if (isScriptHereCommand(message)) return Promise.resolve(true);
    const current = session;
    if (!isPageViewCommand(message) || !current) return undefined;
    const { annotator } = current;
    if (message.orderByRelevance !== undefined) annotator.orderByRelevance(message.orderByRelevance);
    if (message.showDismissed !== undefined) showDismissedHere(message.showDismissed);
    return settledView(current);
  });
  void startSession().catch(report);
}

/**
 * The page's view once `asked`'s entries being read and the changes it was told of are shown; if
 * the site navigated client-side meanwhile, the view of the page shown now (the session asked of
 * is gone: its no entries beside the new page's links read as a site that changed its markup).
 */
async function settledView(asked: PageSession): Promise<PageView | undefined> {
  await asked.idle();
  await asked.annotator.settled();
  if (session !== asked) return session ? settledView(session) : undefined;
  return pageView(asked);
}

function report(error: unknown): void {
  console.error('Paper Radar:', error);
}

const round = (ms: number) => Math.round(ms * 10) / 10;

try {
  start();
} catch (error) {
  report(error);
}
