/**
 * Annotates the paper entries of one page: puts a control on each, shows each paper's stored
 * state and its relevance (badge, highlight: entry-scores.ts; the relevance order:
 * relevance-order.ts; dismissed papers counted on their section headings: section-headings.ts),
 * writes the user's clicks through the background and keeps them for z to take back, and reports
 * entries as seen. The site knowledge lives in the adapters; the extension APIs in main.ts. This
 * class runs in jsdom tests with a fake messenger.
 */
import { chunks } from '../src/core/chunks';
import { canonicalId } from '../src/core/ids';
import { datedMarksOf, EMPTY_STATE, LIMITS, markFields, pageStateOf, withFlag, type DatedMarks, type PageState, type PaperMeta } from '../src/core/paper';
import { OutcomeUnknownError, type EntryScore, type Flag } from '../src/messages';
import { changeDone, notUndoneBecause, UNDO_DEPTH } from '../src/undo-words';
import type { ExtractedEntry } from './adapters/types';
import type { Messenger } from '../src/messenger';
import type { SeenTracker } from './lib/seen-tracker';
import { byUser } from './lib/user-events';
import type { PaperLink, ShownUndo } from './keyboard-triage';
import { yieldToMain } from '../src/yield';
import { askScores } from './entry-scores';
import { createControl, type ControlAction, type ControlView } from './ui/controls';
import { HEADING_NAMED_SELECTOR, nameHeadingByTitle, restoreHeadingName } from './ui/heading-name';
import { ensurePageStyle, SCORING_ATTRIBUTE } from './ui/styles';
import { RelevanceOrder } from './relevance-order';
import { SectionHeadings } from './section-headings';
import { StoredStates } from './stored-states';
import { errorText } from '../src/core/text';

export interface AnnotatorOptions {
  doc: Document;
  messenger: Messenger;
  /** Builds the tracker that reports entries as seen; omitted in tests that don't need it. */
  createSeenTracker?: (onSeen: (ids: string[]) => void) => SeenTracker<string>;
  /**
   * The page is in a private window (Chrome's incognito, Firefox's private browsing, where the
   * user allowed the extension): what the user merely does there leaves no trace, as the browser
   * keeps no history of it. No entry is timed as seen (createSeenTracker is not called),
   * markAllSeen stores nothing, and opening a paper does not mark it read. A star, read mark or
   * dismissal given on purpose is kept, as a bookmark made in a private window is.
   */
  privateWindow?: boolean;
  /**
   * Longest stretch (ms) of reading and building before giving the page its turn (40 by
   * default: under the 50 ms of a long task, with room for the 32 entries between checks). Each
   * turn given costs a wait behind whatever else is queued: measured on a 2,000-entry listing,
   * 40 instead of 25 saved ≈ 8 ms of the median (25 interleaved runs each). Building causes no
   * layout, so on a fast machine a long listing is built in one go; on a slow one it yields.
   */
  sliceBudgetMs?: number;
  /** Entries scored per request (each chunk reads its entries' metadata, then yields). */
  scoreChunkSize?: number;
  /**
   * Runs our own changes to the page (inserting controls, reordering entries) out of the DOM
   * watcher's sight: it need not look at them, and its observer need not record 2,000 insertions.
   */
  unwatched?: (change: () => void) => void;
  now?: () => number;
  /** The first wait before stored states that could not be read are asked for again (doubling each time; 1 s by default). */
  statesRetryMs?: number;
  /**
   * The papers this document's sessions have stored as seen, shared by them: the annotator adds
   * those it stores, and those an earlier session added (before the site navigated client-side)
   * are not new here. The last ones seen on the page before are stored as it goes, after this
   * visit began: by their stored times they would be new.
   */
  seenInDocument?: Set<string>;
}

export interface AnnotateOptions {
  /** When the caller's task started (extraction ran just before): for the longest-task figure. */
  taskStartedAt?: number;
  /**
   * Wait for the stored states before inserting controls (the first annotation of a page: one
   * layout, every control right at once). When false, as for entries a growing page adds,
   * controls appear at once, marked pending, and take their state when it arrives.
   */
  stateFirst?: boolean;
  /**
   * Take copies of controls off the entries first (as for entries a growing page adds): the
   * first annotation after client-side navigation, which the site may have made while cloning
   * cards of the page before. Default: when not stateFirst (a document's first annotation has
   * none to find, and on 2,000 entries the look would cost).
   */
  removeCopies?: boolean;
}

interface PaperOnPage {
  /**
   * Each entry of this paper on the page (usually one) with its control. Never empty: the
   * paper is forgotten with its last entry. The first one's metadata, read from the page when
   * needed, is the paper's.
   */
  mounts: Mount[];
  /** The marks last set on the entries' own elements (set only when they change). */
  marks: Marks;
  /** The relevance shown (badge and highlight), if any. */
  score: EntryScore | null;
}

interface Marks {
  read: boolean;
  starred: boolean;
  dismissed: boolean;
  /** The highlight's strength (0–1) when the paper is relevant, else null. */
  relevance: number | null;
  /** Rated low (dimmed when the user asks for it). */
  below: boolean;
}

const NO_MARKS: Marks = { read: false, starred: false, dismissed: false, relevance: null, below: false };

/** Every attribute Paper Radar puts on a page's elements starts with this. */
const ATTRIBUTE_PREFIX = 'data-paper-radar-';

/** One entry with its control on the page, as keyboard triage walks them. */
export interface AnnotatedEntry {
  readonly id: string;
  /** The control's host; its shadow root holds the star / read / dismiss buttons. */
  readonly host: HTMLElement;
  /** The entry's own elements on the page (e.g. arXiv's <dt> and <dd>). */
  readonly elements: readonly Element[];
  /** The heading of its section, if the page has one (see SectionHeadings). */
  readonly sectionHeading?: Element | undefined;
}

/** An entry on the page with its control. */
interface Mount extends AnnotatedEntry {
  readonly entry: ExtractedEntry;
  readonly elements: Element[];
  readonly view: ControlView;
  /**
   * The marks its elements carry, as last written on them. Per entry, not per paper: an entry
   * drawn anew for a paper already shown (an animated exit, the same paper again further down)
   * must get the paper's marks although the paper's did not change.
   */
  marked: Marks;
}

/** Papers read and sent per message when the whole page is marked seen (markAllSeen). */
const SEEN_ALL_SLICE = 250;

/** How many times states that could not be read are asked for again (scheduleStatesRetry). */
const STATES_RETRIES = 3;
const STATES_NOT_READ_RETRYING = 'Paper Radar could not read whether you starred, read or dismissed this paper. It is trying again; reloading the page does too.';
const STATES_NOT_READ = 'Paper Radar could not read whether you starred, read or dismissed this paper. Reload the page to try again.';

/** A change whose answer was lost (OutcomeUnknownError): perhaps stored, perhaps not. */
const NOT_KNOWN_IF_SAVED = 'Paper Radar could not tell whether this was saved (the browser restarted it before it answered)';

/** The hosts of our controls (ui/controls.ts). */
const CONTROL_HOST_SELECTOR = '[data-paper-radar-id]';

/** The control host an event passed through (focus entering one of its buttons), or null. */
export function controlHostIn(event: Event): Element | null {
  return event.composedPath().find((node): node is Element => (node as Node).nodeType === 1 && (node as Element).matches(CONTROL_HOST_SELECTOR)) ?? null;
}

export class PageAnnotator {
  /** Papers first seen at or after this time are still "new" on this visit. */
  readonly visitStartedAt: number;
  /** Papers marked on this page on this visit (isNew). */
  private readonly markedHere = new Set<string>();
  /** Whether each paper was new when this visit first showed its stored state (isNew). */
  private readonly newOnThisVisit = new Map<string, boolean>();
  /** Papers this document's earlier sessions stored as seen (AnnotatorOptions.seenInDocument), and the set they share. */
  private readonly seenEarlier: Set<string>;
  private readonly seenInDocument: Set<string> | null;
  private readonly doc: Document;
  private readonly messenger: Messenger;
  private readonly sliceBudgetMs: number;
  private readonly now: () => number;
  private readonly unwatched: (change: () => void) => void;
  private readonly papers = new Map<string, PaperOnPage>();
  private readonly states = new Map<string, PageState>();
  /**
   * The paper of each annotated entry's elements: tells whether an entry is annotated (by its
   * first element) and which entry a clicked link is in.
   */
  private readonly entryOf = new WeakMap<Element, string>();
  /** The entry of each control host (for entriesInPageOrder). */
  private readonly entryOfHost = new WeakMap<Element, Mount>();
  private readonly seenTracker: SeenTracker<string> | null;
  private readonly privateWindow: boolean;
  /** Section headings (and the listing's summary), marked when the user dismissed papers under them. */
  private readonly headings = new SectionHeadings<Mount>((mount) => mount.marked.dismissed);
  /** The entries in order of relevance, when the user asks for it (the popup's toggle). */
  private readonly order: RelevanceOrder<Mount>;
  private destroyed = false;
  private readonly scoreChunkSize: number;
  /** The re-reads of changed states under way (see settled). */
  private readonly refreshing = new Set<Promise<void>>();
  /** The scoring pass running now; a newer one (rescore) makes it stop. */
  private scoringRun = 0;
  /**
   * Papers whose stored states could not be read (the worker did not answer): shown pending and
   * with an error, never as new or unmarked, and asked for again (scheduleStatesRetry).
   */
  private readonly unknown = new Set<string>();
  /**
   * Papers whose marks a change notice said changed, and whose re-read failed: their marks shown
   * may be out of date (unstarred in another tab), so they are asked for again as `unknown` ones
   * are, without being shown pending.
   */
  private readonly stale = new Set<string>();
  /**
   * The states each annotate() pass has asked for and not yet received, with the ids a change
   * notice named meanwhile: its answer may have been read before that change (or asked as the
   * page was parsed, see early-states.ts), so those are read again once it is shown.
   */
  private readonly statesInFlight = new Set<{ ids: ReadonlySet<string>; changed: Set<string> }>();
  /** Reads stored states under every id an entry goes by. */
  private readonly stored: StoredStates;
  private readonly statesRetryMs: number;
  private statesRetries = 0;
  private statesRetryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Entries annotate() could not place a control in, since this annotator began. */
  unplaced = 0;
  /** How long the phases of the last annotate() took (ms), for the benchmark. */
  lastTimings: Record<string, number> = {};
  /**
   * The star, read and dismiss clicks made on this page (by mouse or key), newest last: what
   * undoLast takes back. `saved`: the paper's marks before and after the click, with their
   * times, as the background stored them (null when the click was not saved); `answered`: the
   * same, once it has come; `wasStarred`: whether the paper was starred before (a dismissal
   * that took its star says so when it is undone).
   */
  private readonly changes: Array<{ id: string; flag: Flag; value: boolean; wasStarred: boolean; saved: Promise<SavedChange | null>; answered?: SavedChange | null }> = [];

  constructor(options: AnnotatorOptions) {
    this.doc = options.doc;
    this.messenger = options.messenger;
    this.stored = new StoredStates(this.messenger);
    this.sliceBudgetMs = options.sliceBudgetMs ?? 40;
    this.scoreChunkSize = Math.min(options.scoreChunkSize ?? 100, LIMITS.scoreBatch);
    this.now = options.now ?? Date.now;
    this.statesRetryMs = options.statesRetryMs ?? 1000;
    this.unwatched = options.unwatched ?? ((change) => change());
    this.visitStartedAt = this.now();
    this.seenInDocument = options.seenInDocument ?? null;
    this.seenEarlier = new Set(this.seenInDocument);
    this.privateWindow = options.privateWindow === true;
    this.seenTracker = this.privateWindow ? null : (options.createSeenTracker?.((ids) => void this.reportSeenOrWatchAgain(ids)) ?? null);
    this.order = new RelevanceOrder<Mount>({
      doc: this.doc,
      entries: () => [...this.papers.values()].flatMap(({ mounts }) => mounts),
      sectionOf: (mount) => mount.entry.section,
      annotated: (mount) => this.papers.get(mount.id)?.mounts.includes(mount) === true,
      rank: (id) => {
        const paper = this.papers.get(id);
        return paper && { score: paper.score?.score ?? null, dismissed: paper.marks.dismissed };
      },
      paperOf: (element) => this.entryOf.get(element),
      unwatched: this.unwatched,
      scored: () => this.scoring,
    });
    this.doc.addEventListener('click', this.onLinkOpened, true);
    this.doc.addEventListener('auxclick', this.onLinkOpened, true);
    this.doc.defaultView?.addEventListener('pagehide', this.onPageHide);
  }

  /** True when the entry starting with `el` has its control (adapters skip those when a list grows). */
  readonly isAnnotated = (el: Element): boolean => this.entryOf.has(el);

  /** Ids of the papers annotated on this page. */
  get ids(): string[] {
    return [...this.papers.keys()];
  }

  /** Whether any entry has a relevance score: there is something to order by. */
  get scored(): boolean {
    for (const paper of this.papers.values()) if (paper.score !== null) return true;
    return false;
  }

  /**
   * How many entries on this page show a dismissed paper (a paper listed twice, as arXiv's /new
   * lists a cross-list, counts twice): counted as the page's entries and its headings' counts are.
   */
  get dismissedCount(): number {
    let count = 0;
    for (const paper of this.papers.values()) if (paper.marks.dismissed) count += paper.mounts.length;
    return count;
  }

  /**
   * The element that sums up a listing whose entries are under no section heading ("Showing
   * 1–50 of 1,234 results"): how many of those the user dismissed is shown there while they are
   * hidden (SectionHeadings). Null: nowhere.
   */
  setListingSummary(element: Element | null): void {
    if (!this.destroyed) this.headings.setListing(element);
  }

  /** The entry whose control `host` is (null: none of this annotator's). */
  entryWithControl(host: Element): AnnotatedEntry | null {
    return this.destroyed ? null : (this.entryOfHost.get(host) ?? null);
  }

  /** Every entry of this paper on the page (arXiv's /new lists a paper again among the cross-lists). */
  entriesOf(id: string): readonly AnnotatedEntry[] {
    return this.destroyed ? [] : (this.papers.get(id)?.mounts ?? []);
  }

  /**
   * The entries with a control, in the order the page shows them now (also after
   * orderByRelevance moved them, or the page appended more). One native query: the hosts come
   * back in document order, which sorting 2,000 entries by compareDocumentPosition would not
   * beat. Hosts of another annotator (an old session) are left out.
   */
  entriesInPageOrder(): AnnotatedEntry[] {
    const entries: AnnotatedEntry[] = [];
    if (this.destroyed) return entries;
    for (const host of this.doc.querySelectorAll(CONTROL_HOST_SELECTOR)) {
      const entry = this.entryOfHost.get(host);
      if (entry) entries.push(entry);
    }
    return entries;
  }

  /** The paper's title as the page shows it; null if unknown. */
  paperTitle(id: string): string | null {
    return this.readPaper(id)?.title ?? null;
  }

  /** The address of a paper's own page (its abstract), as the page gives it; null if unknown. */
  paperUrl(id: string, kind: PaperLink): string | null {
    const paper = this.readPaper(id);
    return (kind === 'pdf' ? paper?.pdfUrl : paper?.url) ?? null;
  }

  /**
   * The user opened this paper from the listing (a link, a key): that counts as reading it.
   * Resolves once the write is done (or failed and was shown).
   */
  opened(id: string): Promise<void> {
    if (this.privateWindow || !this.papers.has(id) || this.states.get(id)?.read) return Promise.resolve();
    return this.set(id, 'read', true).then(() => undefined);
  }

  /**
   * The user has looked over the whole page (a key, see keyboard-triage.ts): every paper on it
   * counts as seen now, however briefly it was on screen, so none is new on the next visit (this
   * visit keeps its marks). Resolves with how many papers, or null when they could not be stored;
   * in a private window, 'private': nothing is stored there.
   */
  async markAllSeen(): Promise<number | null | 'private'> {
    if (this.privateWindow) return 'private';
    const ids = [...this.papers.keys()];
    for (const paper of this.papers.values()) for (const mount of paper.mounts) this.seenTracker?.untrack(mount.elements);
    // In slices, the page getting its turn in between: reading 2,000 entries' metadata and
    // sending it at once was one 118 ms task.
    for (let i = 0; i < ids.length; i += SEEN_ALL_SLICE) {
      if (!(await this.reportSeen(ids.slice(i, i + SEEN_ALL_SLICE)))) {
        this.watchAgain(ids.slice(i));
        return null;
      }
      await yieldToMain();
    }
    return ids.length;
  }

  /**
   * Annotates the entries not annotated yet and resolves with how many were.
   *
   * Order matters for speed on long listings. States are requested first, so the background
   * reads the database while controls are built. Controls are built off-document, yielding to
   * the page whenever a stretch of work reaches sliceBudgetMs (building causes no layout, so
   * yielding costs little), take their state while still off-document (attributes set there
   * cost the page no style invalidation), and are then inserted in one synchronous pass: the
   * page is laid out once, not once per slice (a relayout of a 2,000-entry arXiv page costs over
   * 100 ms).
   */
  async annotate(
    entries: readonly ExtractedEntry[],
    { taskStartedAt = performance.now(), stateFirst = true, removeCopies = !stateFirst }: AnnotateOptions = {},
  ): Promise<number> {
    const preparing = performance.now();
    const fresh: ExtractedEntry[] = [];
    for (const entry of entries) {
      const first = entry.elements[0];
      if (first === undefined || this.entryOf.has(first)) continue;
      for (const el of entry.elements) this.entryOf.set(el, entry.id);
      fresh.push(entry);
    }
    if (fresh.length === 0) return 0;
    const ids = new Set<string>();
    const newIds = new Set<string>();
    for (const { id, aliases } of fresh) {
      ids.add(id);
      if (!this.papers.has(id)) newIds.add(id);
      if (aliases) this.stored.know(id, aliases);
    }
    const statesRequest = this.stored.read([...newIds]);
    const inFlight = { ids: newIds, changed: new Set<string>() };
    this.statesInFlight.add(inFlight);
    const slices = new SliceTimer(taskStartedAt);

    const t0 = performance.now();
    const mounts: Mount[] = [];
    for (let i = 0; i < fresh.length; i++) {
      // The first check also counts the extraction that ran just before, in this task.
      if (i % 32 === 0 && slices.elapsed() > this.sliceBudgetMs) await slices.yield(yieldToMain());
      mounts.push(this.build(fresh[i]!));
    }
    const t1 = performance.now();
    const receiveStates = async () => {
      // Through a task boundary even when the states are in hand already (asked as the page was
      // parsed, see early-states.ts): the last stretch of building and the insertion would
      // otherwise run as one task, longer than the slice budget, and be timed as two.
      const [states] = await slices.yield(Promise.all([statesRequest, yieldToMain()]));
      this.statesInFlight.delete(inFlight);
      if (states === null) this.statesNotRead(newIds);
      else {
        // A paper with no record has no state: one held from before (its entry left the page,
        // and its record was forgotten meanwhile) would show it seen, or marked.
        for (const id of newIds) this.states.delete(id);
        for (const [id, state] of Object.entries(states)) this.states.set(id, state);
        // Read now: a paper whose earlier read failed (its entry drawn again since) is no longer
        // pending, and once none is, the next outage gets its own retries.
        if (this.unknown.size > 0) {
          for (const id of newIds) if (this.unknown.delete(id)) this.setError(id, null);
          if (this.unknown.size === 0 && this.stale.size === 0) this.statesRetries = 0;
        }
      }
      if (inFlight.changed.size > 0) void this.refresh([...inFlight.changed]);
    };
    if (stateFirst) await receiveStates();
    if (this.destroyed) return 0; // the user navigated away meanwhile
    const t2 = performance.now();
    // Before show() writes each entry's marks, so that none it writes is taken for a copy.
    if (removeCopies) this.unwatched(() => fresh.forEach((entry) => this.removeCopies(entry)));
    for (const id of ids) this.show(id, !stateFirst && newIds.has(id));
    const t3 = performance.now();
    ensurePageStyle(this.doc);
    const unplaced: Mount[] = [];
    this.unwatched(() => {
      for (let i = 0; i < fresh.length; i++) {
        const { anchor, position, heading } = fresh[i]!.placement;
        // The page replaced the element the control goes beside while the states were on their
        // way (a framework hydrating): nowhere to go. The entry is forgotten, and counted in
        // `unplaced` for the session to read it again (PageSession.placed).
        if (!anchor.isConnected) {
          unplaced.push(mounts[i]!);
          continue;
        }
        anchor.insertAdjacentElement(position, mounts[i]!.host);
        if (heading) nameHeadingByTitle(heading, fresh[i]!);
      }
    });
    for (const mount of unplaced) this.unmount(this.papers.get(mount.id)!, mount);
    this.unplaced += unplaced.length;
    const t4 = performance.now();
    slices.end();
    if (!stateFirst) {
      await receiveStates();
      if (this.destroyed) return 0;
      for (const id of newIds) this.show(id);
    }
    this.lastTimings = {
      prepare: t0 - preparing,
      build: t1 - t0,
      waitStates: t2 - t1,
      show: t3 - t2,
      insert: t4 - t3,
      longestSlice: slices.longest,
    };
    // Seen tracking is not needed to show anything: start it once the page has had its turn.
    if (this.seenTracker) void yieldToMain().then(() => this.track(fresh));
    // Relevance comes after the controls are shown, in small chunks between the page's own work.
    const orderArrivals = this.order.arrived(mounts);
    this.scoring = this.scoring
      .then(() => this.score([...ids]))
      .then(() => orderArrivals?.())
      .catch((error: unknown) => console.warn('Paper Radar: scoring failed', error));
    return fresh.length - unplaced.length;
  }

  /** Whether entries are shown in order of relevance (see orderByRelevance). */
  get orderedByRelevance(): boolean {
    return this.order.on;
  }

  /** Puts the entries in order of relevance, or back in the site's own order (relevance-order.ts). */
  orderByRelevance(on: boolean): void {
    this.order.set(on);
  }

  /** Resolves once the entries annotated so far have their scores (tests, the benchmark). */
  scoring: Promise<void> = Promise.resolve();

  /** Asks for every entry's score again (the model changed). */
  rescore(): Promise<void> {
    const run = ++this.scoringRun;
    this.scoring = this.scoring
      .then(() => this.score(this.ids, run))
      // Shown in order of relevance: in the new scores' order (it stayed in the old one).
      .then(() => {
        if (run === this.scoringRun) this.order.scoresChanged(true);
      })
      .catch((error: unknown) => console.warn('Paper Radar: scoring failed', error));
    return this.scoring;
  }

  /** Asks for these papers' scores and shows them as they come (entry-scores.ts); a newer run stops this one. */
  private score(ids: readonly string[], run = this.scoringRun): Promise<void> {
    return askScores(ids, {
      messenger: this.messenger,
      chunkSize: this.scoreChunkSize,
      read: (id) => (this.papers.has(id) ? this.readPaper(id) : null),
      stopped: () => this.destroyed || run !== this.scoringRun,
      show: (scores) => {
        for (const [id, score] of scores) {
          const paper = this.papers.get(id);
          if (!paper) continue;
          paper.score = score;
          this.show(id);
        }
      },
      nothingToScoreBy: () => {
        // No badges to keep room for (the notice that said so is out of date).
        this.doc.documentElement.removeAttribute(SCORING_ATTRIBUTE);
        for (const id of ids) {
          const paper = this.papers.get(id);
          if (paper?.score) {
            paper.score = null;
            this.show(id);
          }
        }
      },
    });
  }

  /** An entry's metadata as the page shows it (adapters read it lazily; null if unreadable). */
  private readPaper(id: string): PaperMeta | null {
    try {
      const paper = this.papers.get(id)?.mounts[0]!.entry.paper;
      return paper && paper.title !== '' && paper.url !== '' ? paper : null;
    } catch {
      return null;
    }
  }

  /** Re-reads the states of these papers (all on the page when omitted) and shows them. */
  refresh(ids: readonly string[] = this.ids): Promise<void> {
    const run = this.reread(ids);
    this.refreshing.add(run);
    const done = () => void this.refreshing.delete(run);
    run.then(done, done);
    return run;
  }

  /**
   * Resolves once every re-read started so far has shown its states: the popup, told of a
   * change as this page is, asks for the page's view (how many papers it dismissed) after that.
   */
  async settled(): Promise<void> {
    await Promise.allSettled(this.refreshing);
  }

  private async reread(changed: readonly string[]): Promise<void> {
    const ids = this.stored.concerned(changed);
    for (const pass of this.statesInFlight) for (const id of ids) if (pass.ids.has(id)) pass.changed.add(id);
    const onPage = ids.filter((id) => this.papers.has(id));
    for (const id of ids) if (!this.papers.has(id)) this.stale.delete(id); // gone from the page
    if (onPage.length === 0) return;
    const states = await this.stored.read(onPage);
    if (states === null) {
      // The marks shown stay as they are (the last ones read); all are asked for again.
      for (const id of onPage) if (!this.unknown.has(id)) this.stale.add(id);
      this.scheduleStatesRetry();
      return;
    }
    const unseen: string[] = [];
    for (const id of onPage) {
      const state = states[id];
      if (!state?.firstSeenAt) unseen.push(id);
      if (state) this.states.set(id, state);
      else if (this.states.delete(id)) {
        // Stored, and gone since (its history forgotten): new again, also to this document's
        // later sessions, though an earlier one saw it.
        this.seenEarlier.delete(id);
        this.seenInDocument?.delete(id);
      }
      if (this.unknown.delete(id)) this.setError(id, null);
      this.stale.delete(id);
      this.show(id);
    }
    // All read: the next outage gets its own retries.
    if (this.unknown.size === 0 && this.stale.size === 0) this.statesRetries = 0;
    // Seen here and forgotten since (history was forgotten meanwhile): watched again, so that
    // seen again they are stored again. Those whose entries left the page while their states
    // were read are not (they come back bare, and are watched then).
    const tracker = this.seenTracker;
    const notWatched = (id: string) => this.papers.get(id)?.mounts.some((mount) => tracker!.watching(mount.elements)) === false;
    if (tracker) this.watchAgain(unseen.filter(notWatched));
  }

  /** These papers' stored states could not be read: said on their entries, and asked for again. */
  private statesNotRead(ids: Iterable<string>): void {
    // Marked on every entry, said once: an alert per entry was as many announcements.
    let announce = true;
    for (const id of ids) {
      this.unknown.add(id);
      this.setError(id, this.statesRetries < STATES_RETRIES ? STATES_NOT_READ_RETRYING : STATES_NOT_READ, announce);
      announce = false;
    }
    this.scheduleStatesRetry();
  }

  /**
   * Asks again for the states not read (unknown, stale), after 1, 2, 4 s (statesRetryMs); then
   * leaves the errors shown until a read succeeds, no longer saying it is trying again.
   */
  private scheduleStatesRetry(): void {
    if ((this.unknown.size === 0 && this.stale.size === 0) || this.statesRetryTimer !== null || this.destroyed) return;
    if (this.statesRetries >= STATES_RETRIES) {
      for (const id of this.unknown) this.setError(id, STATES_NOT_READ, false);
      return;
    }
    this.statesRetryTimer = setTimeout(() => {
      this.statesRetryTimer = null;
      this.statesRetries++;
      void this.refresh([...this.unknown, ...this.stale]);
    }, this.statesRetryMs * 2 ** this.statesRetries);
  }

  destroy(): void {
    // The site's own order back: the next session on this document starts from it (and can
    // order by relevance again, or not).
    this.order.destroy();
    this.destroyed = true;
    if (this.statesRetryTimer !== null) clearTimeout(this.statesRetryTimer);
    this.doc.removeEventListener('click', this.onLinkOpened, true);
    this.doc.removeEventListener('auxclick', this.onLinkOpened, true);
    this.doc.defaultView?.removeEventListener('pagehide', this.onPageHide);
    this.seenTracker?.disconnect();
    for (const paper of this.papers.values()) {
      for (const { view, elements, entry, marked } of paper.mounts) {
        view.host.remove();
        restoreHeadingName(entry.placement.heading);
        if (!sameMarks(marked, NO_MARKS)) for (const el of elements) mark(el, NO_MARKS);
      }
    }
    this.papers.clear();
    this.headings.clear();
  }

  /**
   * Forgets controls that left the page. An entry that is still there but lost its control (a
   * framework re-rendered the inside of a card) is annotated again by the next annotate().
   */
  prune(): void {
    for (const paper of this.papers.values()) {
      // The entry gone takes its control with it, wherever that was placed (after a link around
      // a whole card, it is outside the entry).
      for (const mount of paper.mounts) if (!mount.host.isConnected || !mount.elements[0]!.isConnected) this.unmount(paper, mount);
    }
  }

  /**
   * The annotated entries holding any of these elements (e.g. links the page changed), or held
   * by one (a card that is one big link: its address changed, its card shows another paper), by
   * their first element.
   */
  entriesHolding(elements: readonly Element[]): Set<Element> {
    const firsts = new Set<Element>();
    const add = (el: Element) => {
      const mount = this.papers.get(this.entryOf.get(el)!)?.mounts.find((m) => m.elements.includes(el));
      if (mount) firsts.add(mount.elements[0]!);
    };
    for (const inner of elements) {
      const el = this.entryElementHolding(inner);
      if (el) add(el);
      else for (const held of inner.querySelectorAll('*')) if (this.entryOf.has(held)) add(held);
    }
    return firsts;
  }

  /** The element of an annotated entry that is, or holds, `inner`; null when none does. */
  private entryElementHolding(inner: Element): Element | null {
    let el: Element | null = inner;
    while (el && !this.entryOf.has(el)) el = el.parentElement;
    return el;
  }

  /**
   * Takes the controls off entries the page reused for another paper. A framework patching a
   * list in place (a re-sort, a search as you type) keeps an entry's elements and changes their
   * links and text: the same card now shows another paper, or none, and its old control would
   * star the old one. `reread` are annotated entries (by their first element) that were read
   * again, `current` what that reading found; each whose paper changed, or that no longer reads
   * as a paper, loses its control and marks, and the next annotate() gives it its own.
   */
  forgetReused(reread: ReadonlySet<Element>, current: readonly ExtractedEntry[]): void {
    const now = new Map(current.map((entry) => [entry.elements[0], entry.id]));
    for (const first of reread) {
      const was = this.entryOf.get(first);
      if (was === undefined || was === now.get(first)) continue;
      const paper = this.papers.get(was);
      const mount = paper?.mounts.find((m) => m.elements[0] === first);
      if (paper && mount) this.unmount(paper, mount);
    }
  }

  /**
   * Takes an entry's control off and forgets the entry, so the next annotate() treats it as
   * new: an entry that left the page with its control inside, if the page puts the same element
   * back (a list re-sorted or recycled), must come back bare and unmarked, or it would get a
   * second control and keep the old paper's marks.
   */
  private unmount(paper: PaperOnPage, mount: Mount): void {
    // Seen and waiting for its batch: stored now, while the entry can still be read (the batch,
    // read after it left, would have none of it, and it would be "new" on the next visit).
    this.seenTracker?.flush();
    mount.host.remove();
    restoreHeadingName(mount.entry.placement.heading);
    this.seenTracker?.untrack(mount.elements);
    for (const el of mount.elements) {
      this.entryOf.delete(el);
      if (!sameMarks(mount.marked, NO_MARKS)) mark(el, NO_MARKS);
    }
    paper.mounts = paper.mounts.filter((m) => m !== mount);
    if (paper.mounts.length === 0) {
      this.papers.delete(mount.id);
      // Not asked for again once off the page: left in, the retries never counted as done.
      this.unknown.delete(mount.id);
      this.stale.delete(mount.id);
    }
    this.headings.remove(mount);
  }

  /**
   * A page that adds an entry by copying one (cloneNode) copies our control with it, shadow root
   * and all: a control that is not ours, whose buttons do nothing. It goes; the entry gets its
   * own. The copied entry's marks go too (dismissed, read, current…: another paper's, or this
   * one's as they were), so that the entry carries only what show() writes on it. Only entries a
   * page adds later can hold copies, so the first pass over a page skips this.
   */
  private removeCopies(entry: ExtractedEntry): void {
    const hosts: Element[] = [];
    for (const el of entry.elements) {
      for (const name of el.getAttributeNames()) if (name.startsWith(ATTRIBUTE_PREFIX)) el.removeAttribute(name);
      (el as HTMLElement).style?.removeProperty('--paper-radar-relevance');
      hosts.push(...el.querySelectorAll(CONTROL_HOST_SELECTOR));
    }
    // A control placed after the entry's anchor is outside the entry (after a link around a whole
    // card): an earlier copy of the script left one there too.
    const { anchor, position } = entry.placement;
    const after = position === 'afterend' ? anchor.nextElementSibling : null;
    if (after?.matches(CONTROL_HOST_SELECTOR)) hosts.push(after);
    for (const host of hosts) {
      if (this.entryOfHost.has(host)) continue;
      restoreHeadingName(host.parentElement?.closest(HEADING_NAMED_SELECTOR) ?? undefined);
      host.remove();
    }
  }

  /**
   * Watches these entries for being seen: those still mounted (one the page replaced in the task
   * before, a framework hydrating, is not, and would be held and watched for nothing).
   */
  private track(entries: readonly ExtractedEntry[]): void {
    for (const entry of entries) {
      const mounted = this.papers.get(entry.id)?.mounts.some((mount) => mount.entry === entry);
      if (mounted) this.seenTracker?.track(entry.id, entry.elements);
    }
  }

  /** The control of one entry, not yet in the page. */
  private build(entry: ExtractedEntry): Mount {
    const { id, elements } = entry;
    const view = createControl(this.doc, entry, this.onAction);
    const mount: Mount = { id, host: view.host, entry, elements, view, sectionHeading: entry.sectionHeading, marked: NO_MARKS };
    this.entryOfHost.set(view.host, mount);
    this.headings.add(mount);
    const known = this.papers.get(id);
    if (known) known.mounts.push(mount);
    else this.papers.set(id, { mounts: [mount], marks: NO_MARKS, score: null });
    return mount;
  }

  /**
   * Never seen before this visit: first seen during it, or never seen on a page and never marked.
   * A paper the user starred, read or dismissed elsewhere (on another device, through sync; in a
   * file imported) is known to them, though no page recorded it as seen. Decided once, when the
   * visit first has the paper's stored state, and kept for the visit: a paper known then is not
   * "new" because it is seen or marked here for the first time, and one new then stays new though
   * marked here. Only a paper whose record is gone since (its history forgotten) is new again.
   */
  private isNew(id: string): boolean {
    if (this.seenEarlier.has(id)) return false;
    const state = this.states.get(id);
    if (!state) {
      this.newOnThisVisit.delete(id); // never stored, or forgotten: decided again once stored
      return true;
    }
    let isNew = this.newOnThisVisit.get(id);
    if (isNew === undefined) {
      // Seen first on this visit: from its start until now (a sighting dated later was stored by a
      // clock running fast, since put right: it was seen before).
      isNew =
        state.firstSeenAt !== null
          ? state.firstSeenAt >= this.visitStartedAt && state.firstSeenAt <= this.now()
          : !(state.starred || state.read || state.dismissed) || this.markedHere.has(id);
      this.newOnThisVisit.set(id, isNew);
    }
    return isNew;
  }

  private show(id: string, waiting = false): void {
    const paper = this.papers.get(id);
    if (!paper) return;
    const state = this.states.get(id);
    const unknown = this.unknown.has(id);
    const pending = waiting || unknown;
    // Not while its state is on its way (waiting, none held): a paper seen before flashed "new" until it came.
    const isNew = !unknown && !(waiting && !this.states.has(id)) && this.isNew(id);
    const dismissed = state?.dismissed ?? false;
    const marks: Marks = {
      read: state?.read ?? false,
      starred: state?.starred ?? false,
      dismissed,
      relevance: paper.score?.relevant && !dismissed ? highlightStrength(paper.score.score) : null,
      // Rated low: what the popup's Recommended leaves out too (medium and high are worth a look).
      below: paper.score?.tier === 'low' && !dismissed,
    };
    paper.marks = marks;
    for (const mount of paper.mounts) {
      mount.view.render(state, { isNew, pending });
      mount.view.showRelevance(paper.score);
      if (sameMarks(marks, mount.marked)) continue;
      for (const el of mount.elements) mark(el, marks);
      const dismissedChanged = marks.dismissed !== mount.marked.dismissed;
      mount.marked = marks;
      if (dismissedChanged) this.headings.changed(mount);
    }
  }

  /** A star, read or dismiss click. Every control of this page calls this one function (no closure per control). */
  private readonly onAction = (id: string, action: ControlAction): void => void this.act(id, action);

  private act(id: string, action: ControlAction): Promise<void> {
    const flag: Flag = action === 'star' ? 'starred' : action === 'dismiss' ? 'dismissed' : 'read';
    const value = !(this.states.get(id)?.[flag] ?? false);
    const wasStarred = this.states.get(id)?.starred === true;
    const saved = this.set(id, flag, value);
    const change: (typeof this.changes)[number] = { id, flag, value, wasStarred, saved };
    this.changes.push(change);
    if (this.changes.length > UNDO_DEPTH) this.changes.shift();
    return saved.then((marks) => {
      change.answered = marks;
      // A change that was not saved (and was reverted on the page) is nothing to undo: left in,
      // the next z would say it took back that change and do nothing.
      const at = marks === null ? this.changes.indexOf(change) : -1;
      if (at !== -1) this.changes.splice(at, 1);
    });
  }

  /**
   * Takes back the newest star, read or dismissal made on this page (see keyboard-triage.ts):
   * the paper's marks go back to what they were, with their times, as the popup's undo puts them
   * back (so a starred paper dismissed by mistake is starred again, from its old date). Changes
   * to papers no longer on the page are passed over.
   */
  undoLast(): ShownUndo | null {
    for (let change = this.changes.pop(); change; change = this.changes.pop()) {
      const { id, flag, value, wasStarred, saved, answered } = change;
      if (!this.papers.has(id)) continue;
      // restore() shows the marks put back before it awaits anything. Usually the click was
      // answered long ago, and the page shows them before the caller moves to the entry (a
      // dismissal taken back while dismissed papers are hidden: the entry must be visible to
      // take the focus); a z pressed right after the click waits for the answer.
      // No marks to put back: the change failed (shown reverted: nothing to undo), or its answer
      // was lost though the paper shows it stored (what it changed is not known).
      const restore = (marks: SavedChange | null) =>
        marks ? this.restore(id, flag, marks) : Promise.resolve<Restored>(this.states.get(id)?.[flag] === value ? 'unknown' : 'done');
      const title = this.readPaper(id)?.title ?? id;
      const done = changeDone(flag, value, title, wasStarred);
      const refusal = (putBack: Promise<Restored>) => putBack.then((outcome) => (outcome === 'done' ? null : notUndoneBecause(outcome, title)));
      if (answered !== undefined) return { id, done, shown: null, refused: refusal(restore(answered)) };
      let putBack: Promise<Restored> = Promise.resolve('done');
      const shown = saved.then((marks) => void (putBack = restore(marks)));
      return { id, done, shown, refused: shown.then(() => refusal(putBack)) };
    }
    return null;
  }

  /** Sets a flag. Resolves to the paper's marks before and after, or null when the change was not saved. */
  private async set(id: string, flag: Flag, value: boolean): Promise<SavedChange | null> {
    if (!this.papers.has(id)) return null;
    // The background keeps a paper only with its title and link: say so at once, not after a refused request.
    const paper = this.readPaper(id);
    if (!paper) {
      this.setError(id, 'Paper Radar could not save this: it cannot read the title or link of this paper on the page.');
      return null;
    }
    const shown = withFlag({ ...EMPTY_STATE, ...this.states.get(id) }, flag, value, this.now());
    this.markedHere.add(id);
    let storedOtherwise = false;
    const hidesBefore = this.pageHides;
    const request = { type: 'setFlag', id, flag, value, paper } as const;
    const answer = await this.write(id, shown, () =>
      this.messenger.send(request).catch(async (error: unknown) => {
        if (!(error instanceof OutcomeUnknownError)) throw error;
        // Perhaps done (its answer lost as the page went into the back/forward cache, a paper
        // opened from it in the same tab): the entry shows what is stored, which may be a change
        // made since on the paper's own page, and it is not sent again over it. But where the
        // page stayed shown, the worker stopped before it answered (the browser stops an idle
        // one): a change not stored was lost with it, and no other page can have made one since,
        // so it is sent again (a star clicked as the worker stopped was lost under a loaded CI).
        const stored = (await this.stored.read([id]))?.[id];
        if (!stored) throw error;
        if (stored[flag] !== value && this.pageHides === hidesBefore) return this.messenger.send(request);
        storedOtherwise = stored[flag] !== value;
        return { state: stored };
      }),
    );
    if (!answer) return null;
    if (storedOtherwise) this.setError(id, `${NOT_KNOWN_IF_SAVED}: the paper shows as it is stored.`);
    // Marked on the page, so seen, even within its first second on screen (opened at once): else
    // it would be "new" on the next visit.
    if (!answer.state.firstSeenAt && !this.privateWindow && !this.destroyed) {
      for (const mount of this.papers.get(id)?.mounts ?? []) this.seenTracker?.untrack(mount.elements);
      void this.reportSeenOrWatchAgain([id]);
    }
    // Not known what it changed when only what is stored could be read: no undo.
    return 'before' in answer ? { before: answer.before, left: datedMarksOf(answer.state) } : null;
  }

  /**
   * Puts back the mark a change of `flag` made, as it was with its time (an undo); the paper's
   * other marks stay as stored (a read mark given in the popup since is kept). Resolves to
   * 'changedSince' when the background refused, as that mark was changed again elsewhere since
   * (the page then shows it as stored), and to 'failed' when it could not be written (the entry
   * says why).
   */
  private async restore(id: string, flag: Flag, { before, left }: SavedChange): Promise<Restored> {
    if (!this.papers.has(id)) return 'done';
    const shown = { ...EMPTY_STATE, ...this.states.get(id), ...markFields(flag, before) };
    let putBack: Restored = 'done';
    const answer = await this.write(id, shown, async () => {
      const answer = await this.messenger.send({ type: 'restoreMarks', marks: { [id]: before }, flag, left: { [id]: left } }).catch((error: unknown) => {
        if (error instanceof OutcomeUnknownError) putBack = 'unknown';
        throw error;
      });
      // Answered under the id the paper's record is kept by (which may be another of its ids), or
      // with no state when the marks were already so.
      if (answer.changedSince.length === 0) return { state: Object.values(answer.states)[0] };
      putBack = 'changedSince';
      const stored = (await this.stored.read([id]))?.[id];
      if (!stored) throw new Error('it could not read back what is stored.');
      return { state: stored };
    });
    return answer === null && (putBack as Restored) !== 'unknown' ? 'failed' : putBack;
  }

  /**
   * A change to one paper: `shown` at once, `send` through the background, the state it answers
   * shown then; reverted, with the error on the entry, if that fails. Resolves to the answer, or
   * null when it failed.
   */
  private async write<T extends { state?: PageState | undefined }>(id: string, shown: PageState, send: () => Promise<T>): Promise<T | null> {
    this.order.userActed();
    const before = this.states.get(id);
    this.states.set(id, pageStateOf(shown));
    this.show(id, true);
    let answer: T | null = null;
    try {
      answer = await send();
      if (answer.state) {
        this.states.set(id, pageStateOf(answer.state));
        // The answer is the paper's state as stored: known now, also when reading it had failed.
        this.unknown.delete(id);
      }
      this.setError(id, null);
    } catch (error) {
      if (before) this.states.set(id, before);
      else this.states.delete(id);
      this.setError(id, error instanceof OutcomeUnknownError ? `${NOT_KNOWN_IF_SAVED}. Reload the page to see the paper as it is stored.` : `Paper Radar could not save this: ${errorText(error)}`);
    }
    this.show(id);
    return answer;
  }

  /** How many times the page was hidden (pagehide: left, maybe into the back/forward cache): see set(). */
  private pageHides = 0;
  private readonly onPageHide = (): void => {
    this.pageHides++;
  };

  /**
   * Opening a paper from the listing (its abstract, PDF or HTML link, also with a middle or
   * modified click) counts as reading it. The link must open the entry's own paper: links to
   * other papers in an entry's comments do not count, nor its citation (an ACL "bib" badge).
   */
  private readonly onLinkOpened = (event: Event): void => {
    if (!byUser(event)) return; // a page's script opening links reads nothing
    if (event.type === 'auxclick' && (event as MouseEvent).button !== 1) return;
    const target = event.composedPath()[0];
    const link = target instanceof Element ? target.closest<HTMLAnchorElement>('a[href]') : null;
    if (!link) return;
    const el = this.entryElementHolding(link);
    const id = el ? this.entryOf.get(el) : undefined;
    if (id && this.opensPaper(link.href, id)) void this.opened(id);
  };

  /**
   * Whether a link opens paper `id`: it names the paper (its abstract or PDF on arXiv, its
   * Anthology page), or it is the page or PDF the entry gives for it (a Scholar result's
   * publisher link, which names no id, or names a DOI the result is not kept by).
   */
  private opensPaper(href: string, id: string): boolean {
    if (/\.(?:bib|xml)(?:[?#]|$)/i.test(href)) return false; // a citation to download, not the paper
    if (canonicalId(href) === id) return true;
    const paper = this.readPaper(id);
    return paper !== null && (href === paper.url || href === paper.pdfUrl);
  }

  private setError(id: string, message: string | null, announce = true): void {
    for (const { view } of this.papers.get(id)?.mounts ?? []) {
      view.showError(message, announce);
      announce = false; // a paper listed twice: once
    }
  }

  /**
   * Entries the tracker saw, stored as seen; when that fails, they are watched again, so that
   * the next time they are on screen they are stored then (else they stayed "new" for good).
   */
  private async reportSeenOrWatchAgain(ids: string[]): Promise<void> {
    if (!(await this.reportSeen(ids))) this.watchAgain(ids);
  }

  /** Watches these papers' entries again: the next time one is on screen for a second, it is stored as seen. */
  private watchAgain(ids: string[]): void {
    if (!this.destroyed) this.track(ids.flatMap((id) => this.papers.get(id)?.mounts.map((mount) => mount.entry) ?? []));
  }

  /** Stores these papers as seen now; false when that failed (said in the console). */
  private async reportSeen(ids: string[]): Promise<boolean> {
    // Entries the page shows without a title or link are left out: the background would refuse the whole batch.
    const papers = ids.map((id) => this.readPaper(id)).filter((p): p is PaperMeta => p !== null);
    // Counted seen at once: the document's next session may ask for states before these are stored.
    for (const { id } of papers) this.seenInDocument?.add(id);
    const batches = chunks(papers, LIMITS.batch);
    let sent = 0;
    try {
      for (const batch of batches) {
        await this.messenger.send({ type: 'markSeen', papers: batch });
        sent++;
      }
      return true;
    } catch (error) {
      console.warn('Paper Radar: could not record seen papers', error);
      // Not stored after all: new to the next session too, until they are.
      for (const batch of batches.slice(sent)) for (const { id } of batch) this.seenInDocument?.delete(id);
      return false;
    }
  }
}

/** On an entry's own elements while it is relevant (tier high, not dismissed): highlighted, and where J / K stop. */
export const RELEVANT_ATTRIBUTE = 'data-paper-radar-relevant';

/** The attributes mark() sets on an entry's own elements, and the property it sets in their style. */
export const MARK_ATTRIBUTES = ['data-paper-radar-read', 'data-paper-radar-starred', 'data-paper-radar-dismissed', RELEVANT_ATTRIBUTE, 'data-paper-radar-below'] as const;
export const RELEVANCE_PROPERTY = '--paper-radar-relevance';

/**
 * Marks an entry's own element as read / starred / dismissed / relevant (the page style dims read
 * and dismissed entries and highlights relevant ones by RELEVANCE_PROPERTY).
 */
function mark(el: Element, marks: Marks): void {
  const [read, starred, dismissed, relevant, below] = MARK_ATTRIBUTES;
  el.toggleAttribute(read, marks.read);
  el.toggleAttribute(starred, marks.starred);
  el.toggleAttribute(dismissed, marks.dismissed);
  el.toggleAttribute(relevant, marks.relevance !== null);
  el.toggleAttribute(below, marks.below);
  const style = (el as HTMLElement).style as CSSStyleDeclaration | undefined;
  if (!style) return;
  if (marks.relevance !== null) style.setProperty(RELEVANCE_PROPERTY, marks.relevance.toFixed(2));
  else if (style.getPropertyValue(RELEVANCE_PROPERTY) !== '') style.removeProperty(RELEVANCE_PROPERTY);
}

function sameMarks(a: Marks, b: Marks): boolean {
  return a.read === b.read && a.starred === b.starred && a.dismissed === b.dismissed && a.relevance === b.relevance && a.below === b.below;
}

/** How strongly a relevant entry is highlighted: from 0.25 at the threshold to 1 at 100. */
function highlightStrength(score: number): number {
  return Math.round(Math.min(1, Math.max(0.25, 0.25 + (0.75 * (score - 75)) / 25)) * 100) / 100;
}

/** What an undo did: put the mark back, found it changed again since elsewhere, could not write, or cannot tell (an answer lost). */
type Restored = 'done' | 'changedSince' | 'failed' | 'unknown';

/** A mark saved from this page: the paper's marks before and after it, with their times (what its undo needs). */
interface SavedChange {
  before: DatedMarks;
  left: DatedMarks;
}

/**
 * The longest uninterrupted stretch of main-thread work between awaits: what the page sees as
 * one task of ours. The first stretch starts when the caller's task started (it extracted the
 * entries just before).
 */
class SliceTimer {
  longest = 0;

  constructor(private started: number) {}

  async yield<T>(pending: Promise<T>): Promise<T> {
    this.end();
    const value = await pending;
    this.started = performance.now();
    return value;
  }

  elapsed(): number {
    return performance.now() - this.started;
  }

  end(): void {
    this.longest = Math.max(this.longest, this.elapsed());
  }
}
