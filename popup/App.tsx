/**
 * The library: Starred, Recommended and History views with counts, search as you type, filters
 * and sort, a long list that renders only its visible rows, the active paper's details (tags,
 * note, copy as BibTeX or Markdown), export and import, and a picture of the user's reading.
 * The same component is the popup (`layout="popup"`) and the full-page library
 * (`layout="page"`). Data access is passed in (api) so it renders in tests without extension APIs.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { datedMarksOf, LIMITS, tagsDifference, type PaperRecord, type PaperState, type TagEdit } from '../src/core/paper';
import type { Flag } from '../src/messages';
import { DEFAULT_QUERY, hasStatus, narrows, type LibraryQuery, type LibraryView } from '../src/library/search';
import { ExportImport } from './ExportImport';
import { NO_QUIRKS, type Platform } from './platform';
import { Filters } from './Filters';
import { HelpOverlay, handleListKey, isField, rowIdOf, rowIndexOf } from './keyboard';
import type { LibraryApi, Relevance } from './library-api';
import { explanationLines } from '../src/explanation';
import { Insights } from './Insights';
import { PageStatus } from './PageStatus';
import { SiteAccessNotice } from './SiteAccess';
import type { SiteAccessApi } from './site-access-api';
import { PaperDetail, type DetailHandle } from './PaperDetail';
import { PaperRow, ROW_HEIGHT, toggleFocused } from './PaperRow';
import { MarkShown } from './MarkShown';
import { TagShown } from './TagShown';
import { useUndoLine } from './undo-line';
import { annotationChanged, changeDone, noteNotUndone, notUndone } from '../src/undo-words';
import { useLibrary } from './use-library';
import { useMeaning } from './meaning';
import { VirtualList } from './VirtualList';
import { errorText } from '../src/core/text';

export type Layout = 'popup' | 'page';
type Tab = Exclude<LibraryView, 'all'> | 'insights';

const TABS: ReadonlyArray<{ id: Tab; label: string }> = [
  { id: 'starred', label: 'Starred' },
  { id: 'recommended', label: 'Recommended' },
  { id: 'history', label: 'History' },
  { id: 'insights', label: 'Insights' },
];

const EMPTY: Record<LibraryView, string> = {
  starred: 'No starred papers yet. Star papers with ☆ on arXiv, Hugging Face, Scholar or ACL Anthology pages.',
  recommended: 'Papers you have seen but not read or starred show up here, most relevant first.',
  history: 'Papers you scroll past on listing pages show up here.',
  all: 'Your library is empty.',
};

const NOTHING_ABOVE = 'Nothing you have seen lately is rated medium or high for your interests.';

function whyOf(relevance: Relevance | null | undefined, id: string): string[] | null {
  const score = relevance?.explained.get(id);
  return score ? explanationLines(score) : null;
}

/** The default sort of each view: Recommended is about relevance, the others about time. */
const VIEW_SORT: Record<LibraryView, LibraryQuery['sort']> = { starred: 'date', recommended: 'relevance', history: 'date', all: 'date' };

export const FIRST_ROWS_MARK = 'paper-radar:first-rows';
export const LIBRARY_READY_MARK = 'paper-radar:library-ready';

export function App({
  api,
  layout = 'popup',
  platform = NO_QUIRKS,
  startWithImport = false,
  siteAccess,
}: {
  api: LibraryApi;
  layout?: Layout;
  platform?: Platform;
  startWithImport?: boolean;
  /** Where given, the popup names the sites the browser does not let Paper Radar run on. */
  siteAccess?: SiteAccessApi;
}) {
  const library = useLibrary(api);
  const { index, version, relevance } = library;
  const [tab, setTab] = useState<Tab>('starred');
  // With interests, Recommended shows the papers scored medium or high; the rest on request.
  const [belowToo, setBelowToo] = useState(false);
  /** Recommended: only the papers whose best topic is this one (null: every topic). */
  const [topicShown, setTopicShown] = useState<string | null>(null);
  const [query, setQuery] = useState<LibraryQuery>({ ...DEFAULT_QUERY, view: 'starred' });
  const [activeIndex, setActiveIndex] = useState(0);
  const [help, setHelp] = useState(false);
  const interests = useInterestNames(api);
  const topics = interests?.topics ?? [];
  /** What the live region last said: the paper j/k (and the other moves) went to, when focus is not in the list. */
  const [announced, setAnnounced] = useState('');
  /** The paper whose row takes focus once rendered: the keyboard moved on from a row that had it. */
  const focusNext = useRef<string | null>(null);
  /** A failed change, said until the next one is saved (it is then no longer the last word) or dismissed. */
  const [changeError, setChangeError] = useState<string | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const undoLine = useRef<HTMLParagraphElement>(null);
  /** The line's Undo was pressed: focus stays on the line (see undoFromLine). */
  const refocusLine = useRef(false);
  const undoButton = useRef<HTMLButtonElement>(null);
  const detail = useRef<DetailHandle | null>(null);
  /**
   * Where focus goes from "Tag these N" or "Mark these N" when it emptied the list (its button
   * then disabled): the undo line's button, which takes the change back, else the search box.
   */
  const focusElsewhere = useCallback(() => undoButton.current ?? searchBox.current, []);

  const scores = relevance?.scores;
  // Search by meaning: the papers the worker finds nearest to the text, nearest first, of those
  // the view and the filters show (null while it looks).
  const [byMeaning, setByMeaning] = useState(false);
  const meaning = useMeaning(api, query.text, byMeaning);
  const toggleMeaning = useCallback(() => {
    setByMeaning((on) => !on);
    startAtTop();
  }, []);
  // Until the whole library is read, a typed search or a filter looks through the papers read so
  // far, as they are when it is set: the list then changes as the user types and once the whole
  // library is read, not as more papers arrive, so no row moves under the pointer or the keyboard.
  // (Nothing else adds to it: a retrained model's notice, say, would list the papers read by then.)
  // A change made meanwhile shows on its paper, which leaves the list if the change takes it out
  // of the view or the filters (unstarred in Starred), as it does from the whole library's.
  const plainView = !narrows(query) && query.sort === 'date';
  const soFar = !index && meaning === null && !plainView ? library.readSoFar : null;
  const typedSoFar = useMemo(() => (soFar ? { found: soFar.search(query), version } : null), [soFar, query]);
  const foundSoFar = useMemo(() => {
    if (!soFar || !typedSoFar || typedSoFar.version === version) return typedSoFar?.found ?? null;
    const listed = new Set(typedSoFar.found.map((paper) => paper.id));
    return soFar.search(query).filter((paper) => listed.has(paper.id));
  }, [typedSoFar, version]);
  const found = useMemo(() => {
    if (!index) return foundSoFar;
    if (meaning === null) return index.search(query, scores);
    if (typeof meaning === 'string') return meaning === 'failed' ? [] : null;
    const allowed = new Map(index.search({ ...query, text: '' }, scores).map((paper) => [paper.id, paper]));
    return meaning.ids.flatMap((id) => allowed.get(id) ?? []);
  }, [index, version, query, scores, meaning, foundSoFar]);
  // With several topics, Recommended can be narrowed to one, and each row names its paper's best topic.
  const byTopic = query.view === 'recommended' && Boolean(relevance) && topics.length > 1;
  const topicFilter = byTopic && topicShown !== null && topics.includes(topicShown) ? topicShown : null;
  const inTopic = (paper: PaperRecord) => topicFilter === null || relevance?.explained.get(paper.id)?.topic === topicFilter;
  const results = useMemo(() => {
    if (query.view !== 'recommended' || relevance === null) return found;
    if (relevance === undefined) return null; // ranking: loading
    if (!found) return found;
    return found.filter((paper) => (belowToo || relevance.recommended.has(paper.id)) && inTopic(paper));
  }, [found, query.view, relevance, belowToo, topicFilter]);
  // What "Also show … below" would add to this list (this search, these filters, this topic).
  const belowHere = useMemo(
    () => (query.view === 'recommended' && relevance && found ? found.filter((paper) => !relevance.recommended.has(paper.id) && inTopic(paper)).length : null),
    [found, query.view, relevance, topicFilter],
  );
  // Before the whole library is read, the starred view shows the first starred papers (newest
  // first: only while nothing filters or reorders them, else "Mark these N" would count others),
  // those unstarred here since left out (an undo brings one back in its place).
  const firstStarred = useMemo(() => library.firstStarred?.filter((paper) => paper.starred) ?? [], [library.firstStarred]);
  const listed: PaperRecord[] = results ?? (query.view === 'starred' && plainView ? firstStarred : []);
  // A paper whose tags or note the user edits in the detail pane stays listed, in its place, until
  // they move to another paper or search: a note rewritten without the word searched for, or the
  // tag filtered by taken off, would else take the paper (and the field being typed in) away
  // under their keys, and the next letters would act on another paper as shortcuts. From the
  // moment they go into the field: a paper re-ranked out of Recommended, or unstarred in another
  // window, while its first tag is typed took the field away as well.
  const [editedId, setEditedId] = useState<string | null>(null);
  // The list as last drawn (kept as it is: mapping it to ids at every render cost 5 ms with 20,000 papers).
  const lastShown = useRef<readonly PaperRecord[]>([]);
  const shown = useMemo(() => keptInPlace(listed, editedId === null ? undefined : library.paper(editedId), lastShown.current), [listed, editedId, version]);
  useEffect(() => void (lastShown.current = shown));
  const active: PaperRecord | undefined = shown[Math.min(activeIndex, shown.length - 1)];
  // When the list changes under the user (a paper starred in another tab, the model retrained
  // and Recommended re-ranked, the whole library read in place of its first papers), the paper
  // they were on stays selected wherever it now is: s, r, x, t and n act on the paper they see.
  // Gone from the list (starred out of Recommended), its place goes to the paper after it (or
  // the last one). A new view or search starts at the top instead (startAtTop).
  const lastActiveId = useRef<string | undefined>(undefined);
  /** The paper whose row holds focus (null: focus is elsewhere). */
  const focusedRowId = useRef<string | null>(null);
  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => void (focusedRowId.current = rowIdOf(event.target));
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, []);
  useEffect(() => {
    const at = lastActiveId.current === undefined ? -1 : shown.findIndex((paper) => paper.id === lastActiveId.current);
    const next = at >= 0 ? at : Math.max(0, Math.min(activeIndex, shown.length - 1));
    if (next !== activeIndex) setActiveIndex(next);
    focusNext.current = null; // a row that was to take focus may be gone
    // The focused row left the list (unstarred in Starred, starred out of Recommended): focus,
    // dropped to the page, goes to the paper that took its place, or the search box, as j and k
    // move it; a keyboard or screen-reader user would else start again from the top.
    const dropped = document.activeElement === null || document.activeElement === document.body;
    if (dropped && focusedRowId.current !== null && !shown.some((paper) => paper.id === focusedRowId.current)) {
      const paper = shown[next];
      const row = paper ? document.querySelector(`.paper[data-paper-radar-id="${paper.id.replace(/["\\]/g, '\\$&')}"]`) : null;
      (row?.querySelector<HTMLElement>('a.title, button') ?? searchBox.current)?.focus();
    }
  }, [shown]);
  // After the one above: it needs the paper before. An empty list (while a view loads) keeps it.
  useEffect(() => void (active && (lastActiveId.current = active.id)));
  useEffect(() => {
    if (editedId !== null && active !== undefined && active.id !== editedId) setEditedId(null);
  }, [active?.id]);
  const startAtTop = () => {
    lastActiveId.current = undefined;
    setActiveIndex(0);
    setEditedId(null);
  };

  // Marks for the benchmark (scripts/bench/library.ts): the first rows on screen, the whole library searchable.
  const hasRows = shown.length > 0;
  useEffect(() => {
    if (hasRows && performance.getEntriesByName(FIRST_ROWS_MARK).length === 0) performance.mark(FIRST_ROWS_MARK);
  }, [hasRows]);
  useEffect(() => {
    if (index) performance.mark(LIBRARY_READY_MARK);
  }, [index]);

  const counts = useMemo(() => {
    if (!index) return { starred: null, recommended: null, history: null, belowThreshold: 0 };
    // Counts are of the whole views, not of the current search or filters.
    const unread = index.count('recommended');
    const recommended = relevance ? index.count('recommended', (paper) => relevance.recommended.has(paper.id)) : relevance === null ? unread : null;
    return { starred: index.count('starred'), recommended, history: index.count('history'), belowThreshold: unread - (recommended ?? 0) };
  }, [index, version, relevance]);
  // Nothing to rank by yet (no topic, no author followed, no star): a new user is told what ranks papers.
  const unranked = interests !== null && interests.topics.length === 0 && interests.followed === 0 && counts.starred === 0;

  const selectTab = (next: Tab) => {
    setTab(next);
    if (next !== 'insights') setQuery((q) => ({ ...q, view: next, sort: VIEW_SORT[next] }));
    startAtTop();
  };
  const updateQuery = (change: Partial<LibraryQuery>) => {
    setQuery((q) => ({ ...q, ...change }));
    startAtTop();
  };
  // Recommended's own filters start at the top too.
  const chooseTopic = (name: string | null) => {
    setTopicShown(name);
    startAtTop();
  };
  const showBelowToo = (on: boolean) => {
    setBelowToo(on);
    startAtTop();
  };

  const report = (what: string) => (e: unknown) => setChangeError(`${what}: ${errorText(e)}`);
  /**
   * A change to paper `id` failed: said. One whose answer was lost (the worker stopped before it
   * answered) is perhaps stored: the paper is shown as stored, and that said, with no undo.
   */
  const notSaved = useCallback(
    (id: string, error: unknown) => {
      if (!(error instanceof Error && error.name === 'OutcomeUnknownError')) return report('Could not save that change')(error);
      void api.loadPapers([id]).then(({ records }) => {
        const stored = records[0];
        if (stored) library.applyStates({ [stored.id]: stored });
        setChangeError('Paper Radar could not tell whether that was saved (the browser restarted it before it answered): the list shows the paper as stored.');
      }, report('Could not save that change'));
    },
    [api, library.applyStates],
  );
  /** The states a change made here was answered with: shown at once; a failure said before is now out of date. */
  const applyChanged = useCallback(
    (states: Record<string, PaperState>) => {
      setChangeError(null);
      library.applyStates(states);
    },
    [library.applyStates],
  );
  // A change that takes a paper off the list in view (a star or ✕ in Recommended or Insights,
  // an unstar in Starred, a read mark under Status "unread"), or tags several at once, is said in
  // a line under the tabs, for a while, with a way to undo it; every change can be taken back
  // with z, newest first.
  const changes = useUndoLine(() => undoLine.current?.contains(document.activeElement) === true);
  /** Sets a mark on `before`, the paper as its row or the detail pane showed it. */
  const setFlag = useCallback(
    (before: PaperRecord, flag: Flag, value: boolean) => {
      const { id } = before;
      const byToggle = toggleFocused(flag);
      // A mark takes a paper off the list as marks do, with the line's Undo, edited or not.
      setEditedId((edited) => (edited === id ? null : edited));
      api.setFlag(id, flag, value).then((changed) => {
        // Off the list in view: any mark in Insights, a mark given in Recommended, a star gone in
        // Starred (unstarred, or dismissed, which unstars), a status the filter no longer takes.
        const after = { ...before, ...changed };
        const leaves =
          tab === 'insights' || (tab === 'recommended' && value) || (tab === 'starred' && before.starred && !after.starred) || !hasStatus(after, query.status);
        applyChanged({ [id]: changed });
        // Undo puts back the mark this change made, with its time (an unstarred paper starred
        // again would otherwise be dated now, and jump to the top of Starred), and no other: a
        // read mark given in another tab since stays. Only while that mark is as this change
        // left it: a star given since on a listing is not taken back by undoing a dismissal. An
        // undo is not itself undone: z again takes back the change before.
        const undo = () => {
          void api.restoreMarks({ [id]: datedMarksOf(before) }, flag, { [id]: datedMarksOf(after) }).then(({ states, changedSince }) => {
            applyChanged(states);
            if (changedSince.length > 0) changes.record({ text: notUndone(before.title) });
          }, report('Could not undo that change'));
        };
        changes.record({ text: changeDone(flag, value, before.title, before.starred), undo }, { show: leaves });
        // A paper that stays in view shows its change, which a screen reader hears only from the
        // toggle itself: a key (s, r, x) pressed elsewhere is said in the live region.
        if (!leaves && !byToggle) setAnnounced(changeDone(flag, value, before.title, before.starred));
      }, (e: unknown) => {
        notSaved(id, e);
      });
    },
    [api, applyChanged, tab, query.status, changes.record, notSaved],
  );
  /**
   * A tag edit that changed nothing: the paper had its tags so already, or had no room for a tag
   * added (another tab filled it meanwhile). Shown as stored; a tag that did not fit is an error.
   */
  const tagsUnchanged = useCallback(
    async (id: string, edit: TagEdit): Promise<null> => {
      const stored = (await api.loadPapers([id])).records[0];
      if (stored) library.applyStates({ [stored.id]: stored });
      const has = new Set(stored?.tags.map((tag) => tag.toLocaleLowerCase()));
      const left = edit.add.filter((tag) => !has.has(tag.toLocaleLowerCase()));
      if (left.length > 0) throw new Error(`${left.map((tag) => `“${tag}”`).join(', ')} not added: a paper has at most ${LIMITS.tags} tags.`);
      return null;
    },
    [api, library.applyStates],
  );
  /** Per paper, the note as this view last saved it: an undo puts the note back only while it is so. */
  const savedNotes = useRef(new Map<string, string>());
  /**
   * Saves a tag edit (the tags added and taken off: a tag another tab adds meanwhile stays) or a
   * note; true once stored (a failure is reported, and the editor says so). z takes it back like
   * any change: a tag taken off by mistake comes back (z reached past it, and undid the change
   * before, perhaps "Tag these 50"); a note, as it was before the user began typing it (it is saved
   * as it is typed, each save continuing the same change). Only what this edit changed goes back: a
   * tag added since in another tab stays, and a note written since elsewhere is not undone (putting
   * the whole list or note back lost them).
   */
  const saveTagsAndNote = useCallback(
    (id: string, change: { tags: TagEdit } | { note: string }): Promise<boolean> => {
      setEditedId(id);
      const before = library.paper(id);
      const saved: Promise<{ state: PaperState; was: PaperState } | null> =
        'tags' in change
          ? api.tagPapers([id], change.tags).then(({ states, before: was }) => (states[id] && was[id] ? { state: states[id], was: was[id] } : tagsUnchanged(id, change.tags)))
          : api.setTagsAndNote(id, change).then((state) => ({ state, was: before ?? state }));
      return saved.then(
        (result) => {
          if (!result) return true; // the tags were so already
          const { state, was } = result;
          applyChanged({ [id]: state });
          if ('note' in change) savedNotes.current.set(id, state.note);
          if (before) {
            const field = 'tags' in change ? 'tags' : 'note';
            const failed = report('Could not undo that change');
            const undoTags = () => {
              const { add, remove } = tagsDifference(state.tags, was.tags);
              if (add.length + remove.length > 0) void api.tagPapers([id], { add, remove }).then(({ states }) => applyChanged(states), failed);
            };
            const undoNote = () =>
              void api.setTagsAndNote(id, { note: before.note, noteWas: savedNotes.current.get(id) ?? state.note }).then((put) => {
                applyChanged({ [id]: put });
                if (put.note === before.note) savedNotes.current.set(id, put.note);
                else changes.record({ text: noteNotUndone(before.title) });
              }, failed);
            changes.record(
              { text: annotationChanged(field, before.title), undo: field === 'tags' ? undoTags : undoNote },
              { show: false, run: field === 'note' ? `note ${id}` : undefined },
            );
          }
          return true;
        },
        (error: unknown) => {
          notSaved(id, error);
          return false;
        },
      );
    },
    [api, applyChanged, library.paper, changes.record, notSaved, tagsUnchanged],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === '?' && !isField(event.target as HTMLElement)) {
        event.preventDefault();
        setHelp((h) => !h);
        return;
      }
      if (event.key === 'Escape' && help) {
        event.preventDefault();
        setHelp(false);
        return;
      }
      // The list's keys wait while the help covers the list.
      if (tab === 'insights' || help) return;
      focusNext.current = null;
      // A key pressed in a row (on its link or a toggle, reached with Tab) is for that row: focus
      // entering it makes it the active one, but the key can come before that is rendered.
      const inRow = rowIndexOf(event.target, shown);
      const at = inRow >= 0 ? inRow : activeIndex;
      handleListKey(event, {
        count: shown.length,
        active: shown[at],
        activeIndex: at,
        // Where the move is conveyed: focus in a row follows to the new one (the keys act on the
        // row focused); else a screen reader hears the paper, which a highlight alone never told it.
        setActiveIndex: (i) => {
          const paper = shown[i];
          setActiveIndex(i);
          if (!paper) return;
          if (inRow >= 0) focusNext.current = paper.id;
          else setAnnounced(`${paper.title}, ${i + 1} of ${shown.length}`);
        },
        searchBox: searchBox.current,
        detail: detail.current,
        api,
        setFlag,
        undo: changes.undoLast,
        toggleMeaning,
      });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [shown, active, activeIndex, help, tab, api, setFlag, changes.undoLast, toggleMeaning]);

  /** Which list is shown: a new one (another view, search, filter) is shown from its active row. */
  const listKey = JSON.stringify([tab, query, byMeaning, belowToo, topicFilter]);

  /** The line above the list: what it shows, or what it waits for. */
  const resultLine = (): string => {
    if (meaning === 'asking') return 'Looking through your library…';
    if (meaning === 'failed') return 'Could not search by meaning.';
    if (results === null) return shown.length > 0 ? '' : found ? 'Ranking by your interests…' : 'Loading…';
    if (meaning) return `${shown.length} by meaning, nearest first`;
    if (soFar) return `${shown.length} found so far; still reading your library…`;
    return narrows(query) ? `${shown.length} found` : '';
  };
  const counted: Record<Tab, number | null> = { starred: counts.starred, recommended: counts.recommended, history: counts.history, insights: null };
  // What "Tag these N" and "Mark these N" act on, and where they say what they did.
  const onShown = { api, shown, onChanged: applyChanged, onNotice: changes.record, onError: setChangeError, focusElsewhere };
  const clearFilters = () => {
    updateQuery({ tag: null, site: null, from: null, to: null, status: 'any' });
    setTopicShown(null);
    searchBox.current?.focus(); // not the page's body: the button goes with the message
  };
  /** The undo line's Undo: focus stays on the line when the button goes with the change it took back. */
  const undoFromLine = () => {
    changes.undoLast();
    refocusLine.current = true;
  };
  useLayoutEffect(() => {
    if (!refocusLine.current) return;
    refocusLine.current = false;
    if (!undoLine.current?.contains(document.activeElement)) undoLine.current?.focus();
  }, [changes.line]);
  const errors = [library.error, changeError].filter((error): error is string => error !== null);
  const dismissErrors = () => {
    library.setError(null);
    setChangeError(null);
    searchBox.current?.focus();
  };

  return (
    <main class={`library layout-${layout}`}>
      <header class="library-header">
        <h1>Paper Radar</h1>
        <div class="header-links">
          {layout === 'popup' && (
            <button type="button" class="link-button" data-paper-radar-action="open-library" onClick={() => api.openLibraryPage()}>
              Open library
            </button>
          )}
          <a class="options-link" href="../options/index.html" target="_blank" rel="noopener" data-paper-radar-options>
            Settings…
          </a>
          <button type="button" class="link-button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => setHelp(true)}>
            ?
          </button>
        </div>
      </header>
      {platform.storageApart && (
        <p class="error" role="alert" data-paper-radar-storage-apart>
          This is a private window: Firefox keeps an extension's storage for private windows apart, so your library cannot be shown
          here (what you change here still goes to it, unseen). Open Paper Radar from a normal window.
        </p>
      )}
      {layout === 'popup' && siteAccess && <SiteAccessNotice api={siteAccess} />}
      {layout === 'popup' && <PageStatus api={api} unranked={unranked ? <AddInterests>add your interests</AddInterests> : null} />}
      <nav class="tabs" role="tablist" aria-label="Views">
        {TABS.map(({ id, label }) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls="library-panel"
            class={tab === id ? 'tab active' : 'tab'}
            data-paper-radar-view={id}
            onClick={() => selectTab(id)}
          >
            {label}
            {counted[id] !== null && <span class="count">{counted[id]}</span>}
          </button>
        ))}
      </nav>
      {errors.length > 0 && (
        <p class="error" role="alert">
          {`${errors.join(' ')} `}
          <button type="button" class="link-button" data-paper-radar-action="dismiss-error" onClick={dismissErrors}>
            Dismiss
          </button>
        </p>
      )}
      <p class="undo" role="status" data-paper-radar-undo tabIndex={-1} ref={undoLine}>
        {changes.line && (
          <>
            {`${changes.line.text} `}
            {changes.line.undoLabel && (
              <button type="button" ref={undoButton} class="link-button" onClick={undoFromLine}>
                {changes.line.undoLabel}
              </button>
            )}
          </>
        )}
      </p>
      <section class="library-panel" role="tabpanel" id="library-panel" aria-labelledby={`tab-${tab}`}>
        {tab === 'insights' ? (
          <Insights api={api} records={index} version={version} relevance={relevance} onFlag={setFlag} />
        ) : (
          <>
            <div class="toolbar">
              <input
                ref={searchBox}
                type="search"
                class="search"
                placeholder="Search the library  ( / )"
                title="Titles, authors, abstracts, tags, notes and ids: each word the start of a word; &quot;quoted phrases&quot;"
                aria-label="Search the library"
                value={query.text}
                onInput={(e) => updateQuery({ text: (e.target as HTMLInputElement).value })}
              />
              <button
                type="button"
                class="meaning-toggle"
                aria-pressed={byMeaning}
                data-paper-radar-action="by-meaning"
                title="Search by meaning: papers about what you typed, nearest first (any word may match, word forms folded, rare words count most) (m)"
                onClick={toggleMeaning}
              >
                By meaning
              </button>
              <Filters query={query} index={index} version={version} onChange={updateQuery} compact={layout === 'popup'} ranked={meaning !== null} />
            </div>
            {query.view === 'recommended' && unranked && (
              <p class="hint" data-paper-radar-unranked>
                Not ranked yet: <AddInterests>add topics or authors you follow</AddInterests>, or star papers you like. Until then, this lists what you have seen and not read, newest first.
              </p>
            )}
            {query.view === 'recommended' && relevance && (byTopic || counts.belowThreshold > 0) && (
              <div class="recommended-options">
                {byTopic && (
                  <label>
                    {'Topic '}
                    <select data-paper-radar-filter="topic" value={topicFilter ?? ''} onChange={(e) => chooseTopic((e.target as HTMLSelectElement).value || null)}>
                      <option value="">every topic</option>
                      {topics.map((name) => (
                        <option key={name} value={name}>
                          {name}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
                {counts.belowThreshold > 0 && (
                  <label>
                    <input type="checkbox" data-paper-radar-filter="below-threshold" checked={belowToo} onChange={(e) => showBelowToo((e.target as HTMLInputElement).checked)} />
                    {belowHere === 0 ? ' Also show those rated low (none here)' : ` Also show the ${belowHere ?? counts.belowThreshold} rated low`}
                  </label>
                )}
              </div>
            )}
            <p class="result-count" aria-live="polite">
              {resultLine()}
            </p>
            <p class="visually-hidden" aria-live="polite" data-paper-radar-announce>
              {announced}
            </p>
            <div class="list-and-detail">
              {shown.length === 0 ? (
                results !== null &&
                (meaning ? (
                  <p class="empty">Nothing here is about these words.</p>
                ) : query.text.trim() !== '' ? (
                  <p class="empty">
                    {'Nothing matches your search. '}
                    <button type="button" class="link-button" data-paper-radar-action="search-by-meaning" onClick={() => setByMeaning(true)}>
                      Search by meaning
                    </button>
                  </p>
                ) : narrows(query) || topicFilter !== null ? (
                  <p class="empty">
                    {'Nothing matches these filters. '}
                    <button type="button" class="link-button" data-paper-radar-action="clear-filters" onClick={clearFilters}>
                      Clear the filters
                    </button>
                  </p>
                ) : (
                  <p class="empty">{relevance && !belowToo && query.view === 'recommended' && counts.belowThreshold > 0 ? NOTHING_ABOVE : EMPTY[query.view]}</p>
                ))
              ) : (
                <VirtualList
                  items={shown}
                  rowHeight={ROW_HEIGHT}
                  overscan={6}
                  activeIndex={activeIndex}
                  listKey={listKey}
                  getKey={(paper: PaperRecord) => paper.id}
                  renderRow={(paper: PaperRecord, i: number) => (
                    <PaperRow
                      paper={paper}
                      view={query.view}
                      score={scores?.get(paper.id) ?? null}
                      topic={byTopic ? (relevance?.explained.get(paper.id)?.topic ?? null) : null}
                      active={i === activeIndex}
                      takeFocus={paper.id === focusNext.current}
                      onSelect={() => {
                        focusNext.current = null;
                        setActiveIndex(i);
                      }}
                      onFlag={setFlag}
                    />
                  )}
                />
              )}
              {active && (
                <PaperDetail
                  handle={detail}
                  topics={topics}
                  paper={active}
                  why={query.view === 'recommended' ? whyOf(relevance, active.id) : null}
                  index={index}
                  version={version}
                  api={api}
                  saveTagsAndNote={saveTagsAndNote}
                  onEditing={setEditedId}
                  full={layout === 'page'}
                />
              )}
            </div>
          </>
        )}
        {/* Kept (hidden) on Insights: an import under way there goes on, with its message and
            question, and another cannot be started over it. */}
        <ExportImport
          hidden={tab === 'insights'}
          api={api}
          shown={shown}
          index={index}
          rereading={library.readingAll}
          onError={library.setError}
          onImported={library.reload}
          importElsewhere={layout === 'popup' && platform.fileDialogClosesPopup ? () => api.openLibraryPage('import') : undefined}
          startWithImport={startWithImport}
        >
          <TagShown {...onShown} index={index} version={version} />
          <MarkShown {...onShown} />
        </ExportImport>
      </section>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </main>
  );
}

/**
 * The names of the user's interest topics, and how many authors they follow (null until read):
 * read again when the model is retrained, which new interests typed in the settings page do (a
 * topic added there was missing from the Topic filter while its papers were ranked by it).
 */
function useInterestNames(api: LibraryApi): { topics: string[]; followed: number } | null {
  const [names, setNames] = useState<{ topics: string[]; followed: number } | null>(null);
  useEffect(() => {
    const read = () =>
      api.interests().then(
        (i) => setNames({ topics: i.topics.map((t) => t.name), followed: i.followedAuthors?.length ?? 0 }),
        () => setNames({ topics: [], followed: 0 }),
      );
    void read();
    return api.subscribe((_ids, kind) => void (kind === 'model' && read()));
  }, [api]);
  return names;
}

/** Where a new user learns what ranks papers: the settings page, which opens on the interests. */
function AddInterests({ children }: { children: string }) {
  return (
    <a href="../options/index.html" target="_blank" rel="noopener">
      {children}
    </a>
  );
}

/**
 * The list with `kept` in it: where it was in `before` (after the paper it followed there that is
 * still listed), unless the list has it already or there is none.
 */
function keptInPlace(list: PaperRecord[], kept: PaperRecord | undefined, before: readonly PaperRecord[]): PaperRecord[] {
  if (!kept || list.some((paper) => paper.id === kept.id)) return list;
  const at = list.length === 0 ? 0 : placeAfter(list, before, before.findIndex((paper) => paper.id === kept.id));
  return [...list.slice(0, at), kept, ...list.slice(at)];
}

/** The index after the nearest paper before position `from` of `before` that `list` still has (0: none). */
function placeAfter(list: readonly PaperRecord[], before: readonly PaperRecord[], from: number): number {
  for (let i = from - 1; i >= 0; i--) {
    const at = list.findIndex((paper) => paper.id === before[i]!.id);
    if (at >= 0) return at + 1;
  }
  return 0;
}
