/**
 * The library in memory for the popup and the library page: a fast first paint from the most
 * recently starred papers, then every paper in a search index (src/library/search.ts; a search
 * typed meanwhile looks through the papers read so far, newest ids first), kept
 * current as the user acts here (the answer's state is applied at once, to the papers read so far
 * and the first starred ones too while the library is read) and as papers change elsewhere: the
 * papers a change names are read again (coalesced; papers seen, at most once a second; while the
 * whole library is being read, once that read is done), or, for a large change, the whole library.
 */
import { failureMessage } from '../src/store/failure';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { LIMITS, type PaperRecord, type PaperState } from '../src/core/paper';
import { DEFAULT_QUERY, LibraryIndex } from '../src/library/search';
import { yieldToMain } from '../src/yield';
import type { LibraryApi, Relevance } from './library-api';

/** Papers read for the first paint: a screenful of the full-page library (the popup shows 7). */
export const FIRST_PAINT = 20;
/** Indexing runs in slices of about this many ms between yields to the browser. */
const INDEX_SLICE_MS = 8;
/**
 * Papers indexed per call while reading: more than LibraryIndex.upsertAll keeps sort orders for
 * by insertion, so a search of the papers read so far (which builds an order) does not make each
 * paper read after it cost an insertion into a 48,000-entry array.
 */
const INDEX_BATCH = 100;
/** Most recently seen candidates scored for the Recommended view. */
const SCORED_CANDIDATES = 2_000;
/** Changes elsewhere within this window cause one catch-up. */
export const RELOAD_DELAY_MS = 150;
/**
 * Papers seen elsewhere are caught up with at most this often: a page reports what it saw every
 * few hundred ms while the user scrolls, and each catch-up reads them, updates the index and
 * renders the views again. At most: waiting for a pause in the reports could wait as long as the
 * scrolling.
 * A library page in a tab the user is not looking at waits until they come back to it: with
 * 48,000 papers each catch-up kept it ≈ 0.1 s busy (10,000: ≈ 35 ms), every second the user
 * scrolled a listing in another tab.
 */
export const SEEN_DELAY_MS = 1_000;
/**
 * Changes elsewhere naming at most this many papers are caught up with by reading those papers
 * alone; more, and the library is read whole again. The library page may stay open beside the
 * listings all day: each star there (and each click in the page itself, whose notice comes back
 * too) made it read 10,000 papers again, ≈ 1 s of work. As many as one request of a bulk change
 * names: "Tag these 3,000" made here read the whole library again when its notice came back.
 */
const PATCH_MAX = LIMITS.batch;

/**
 * `api` with the first paint's read already started: called before the first render, the
 * database opens and the newest starred papers are read while Preact builds the page, instead of
 * after it (the first use of loadFirst gets that read; later ones read afresh).
 */
export function withFirstReadStarted(api: LibraryApi): LibraryApi {
  let started: ReturnType<LibraryApi['loadFirst']> | null = api.loadFirst(FIRST_PAINT).then((papers) => (performance.mark('paper-radar:first-read'), papers));
  return {
    ...api,
    loadFirst(count) {
      const read = started && count === FIRST_PAINT ? started : api.loadFirst(count);
      started = null;
      return read;
    },
  };
}

/** Performance mark (scripts/bench/library.ts): a search first looks through the papers read so far. */
export const SEARCHABLE_SO_FAR_MARK = 'paper-radar:searchable-so-far';

/** A newer load started: this one stops. */
class Superseded extends Error {}

export interface LibraryState {
  /** Null until the whole library is read (the first paint shows `firstStarred`). */
  index: LibraryIndex | null;
  /**
   * Until then, the papers read so far, indexed as they arrive (one object for the whole read,
   * kept when the read starts again; null before its first chunk, and once `index` is set): at
   * 48,000 papers reading them all takes seconds, and a search need not wait for it.
   */
  readSoFar: LibraryIndex | null;
  /** The first paint's papers, with the changes made here since (a paper unstarred here stays in it, for its undo). */
  firstStarred: PaperRecord[] | null;
  /** Bumps whenever the index changes (memo key). */
  version: number;
  /**
   * Whether the whole library is being read (again: `index` is then the library as it was before,
   * e.g. before an import, until the read is done and replaces it).
   */
  readingAll: boolean;
  /**
   * The model's verdict on the Recommended view's candidates: undefined until it is known, null
   * when there is nothing to score by (no interests, no stars) or scoring failed.
   */
  relevance: Relevance | null | undefined;
  error: string | null;
  setError(message: string | null): void;
  /**
   * The paper as this page last heard of it: from the index, else (while the library is read)
   * from the papers read so far or the first starred ones.
   */
  paper(id: string): PaperRecord | undefined;
  /** Applies states the background answered with, by paper id, at once (to every set of papers shown; one re-render). */
  applyStates(states: Readonly<Record<string, PaperState>>): void;
  reload(): void;
}

export function useLibrary(api: LibraryApi): LibraryState {
  const [index, setIndex] = useState<LibraryIndex | null>(null);
  const [readSoFar, setReadSoFar] = useState<LibraryIndex | null>(null);
  const [firstStarred, setFirstStarred] = useState<PaperRecord[] | null>(null);
  const [version, setVersion] = useState(0);
  const [readingAllNow, setReadingAllNow] = useState(false);
  const [relevance, setRelevance] = useState<Relevance | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** The index as last set (for catching up with changes outside a render). */
  const indexRef = useRef<LibraryIndex | null>(null);
  /** The papers read so far as last set, and the index a whole read under way is building. */
  const readSoFarRef = useRef<LibraryIndex | null>(null);
  const building = useRef<LibraryIndex | null>(null);
  /** Whether a whole read is under way (it began after any change it was started for). */
  const readingAll = useRef(false);
  /**
   * The ids changed elsewhere since the last catch-up, or since the whole read under way began
   * (caught up with at its end); null: read the whole library again.
   */
  const changed = useRef<Set<string> | null>(new Set());
  /** Catch-ups run one after another, so that an older read never overwrites a newer one. */
  const patching = useRef<Promise<void>>(Promise.resolve());
  /**
   * Asks for every candidate of the Recommended view to be scored again (counted; `rescoredFor`:
   * the last ask a whole verdict answered): when the whole library was read and when the worker
   * says it retrained the model (after a star, a dismissal, new interests). Other changes move no
   * paper's score, so after them only the candidates without a score are scored. Papers seen
   * elsewhere arrive every second while the user scrolls a listing in another tab, and a star
   * is followed by the model's notice: asking for 2,000 scores at each (≈ 0.2–0.3 s of the
   * worker's, which the listing waits behind) would cost more than the change.
   */
  const rescoreAsks = useRef(1);
  const rescoredFor = useRef(0);
  /** The verdict shown (for adding the scores of candidates that had none). */
  const relevanceRef = useRef<Relevance | null | undefined>(undefined);

  const fail = useCallback((what: string) => (e: unknown) => setError(`${what}: ${failureMessage(e, { firstWrite: false })}`), []);

  /**
   * Reads again the papers `ids` names and puts them into the index (a paper no longer in the
   * library, or merged into another, leaves it).
   */
  const patch = useCallback(
    (ids: ReadonlySet<string>) => {
      const target = indexRef.current;
      if (target === null || ids.size === 0) return;
      patching.current = patching.current.then(async () => {
        const changes = await api.loadPapers([...ids]).catch((e: unknown) => (fail('Could not read your library')(e), null));
        // A whole read since began after the change: it has it.
        if (!changes || target !== indexRef.current || readingAll.current) return;
        for (const id of changes.gone) target.remove(id);
        // Drawn again only if something changed: the notice of a change made here names papers
        // shown as they are already (a star re-ran every view's search a second time).
        if (target.upsertAll(changes.records) > 0 || changes.gone.length > 0) setVersion((v) => v + 1);
      });
    },
    [api, fail],
  );

  const loading = useRef(0);
  const loadAll = useCallback(() => {
    // Read and index in chunks, yielding between them, so the list stays responsive; the new
    // index replaces the old one only when complete (a reload never shows half a library).
    const run = ++loading.current;
    const next = new LibraryIndex();
    building.current = next;
    readingAll.current = true;
    setReadingAllNow(true);
    // It has every change made before it began; the ones made while it reads wait for its end.
    changed.current = new Set();
    // The first read lets searches look through the papers read so far; a later one keeps the
    // index it replaces meanwhile, and one started again keeps the papers its predecessor read
    // (a search typed over them would otherwise lose rows, shown again from the first chunk).
    let givesSoFar = indexRef.current === null && readSoFarRef.current === null;
    api
      .loadAll(async (records) => {
        if (run !== loading.current) throw new Superseded();
        let start = performance.now();
        for (let i = 0; i < records.length; i += INDEX_BATCH) {
          next.upsertAll(records.slice(i, i + INDEX_BATCH));
          if (performance.now() - start > INDEX_SLICE_MS) {
            await yieldToMain();
            start = performance.now();
          }
        }
        if (givesSoFar && run === loading.current) {
          givesSoFar = false; // once: the same index goes on growing
          performance.mark(SEARCHABLE_SO_FAR_MARK);
          readSoFarRef.current = next;
          setReadSoFar(next);
        }
        await yieldToMain();
      })
      .then(
        () => {
          if (run !== loading.current) return;
          readingAll.current = false;
          setReadingAllNow(false);
          building.current = null;
          indexRef.current = next;
          readSoFarRef.current = null;
          rescoreAsks.current++;
          setIndex(next);
          setReadSoFar(null);
          setVersion((v) => v + 1);
          // The papers changed while it read: it may have read them before the change. (A change
          // naming none started it again; the catch-up already due takes them.)
          const ids = changed.current;
          if (ids !== null && ids.size > 0 && !reloadTimer.current) {
            changed.current = new Set();
            patch(ids);
          }
        },
        (e: unknown) => {
          if (e instanceof Superseded) return;
          if (run === loading.current) {
            readingAll.current = false;
            setReadingAllNow(false);
            building.current = null;
            readSoFarRef.current = null;
            setReadSoFar(null); // it would say the library is still being read
          }
          fail('Could not read your library')(e);
        },
      );
  }, [api, fail, patch]);

  /**
   * Reads again the papers changed elsewhere since the last catch-up and puts them into the
   * index; the whole library when the change was large or unnamed, or the library is not read
   * yet. While a whole read is under way, the papers named wait for its end (it may have read
   * them before the change): reading everything again for each star, or for each second of papers
   * seen in another tab, made a large library's first read start over and over.
   */
  const catchUp = useCallback(() => {
    reloadTimer.current = null;
    const ids = changed.current;
    if (ids !== null && readingAll.current) return;
    changed.current = new Set();
    if (ids === null || indexRef.current === null) loadAll();
    else patch(ids);
  }, [loadAll, patch]);

  useEffect(() => {
    // The first rows first; the whole library after they are on screen.
    performance.mark('paper-radar:app-start');
    api.loadFirst(FIRST_PAINT).then(
      (starred) => {
        performance.mark('paper-radar:first-data');
        setFirstStarred(starred);
        requestAnimationFrame(() => setTimeout(loadAll, 0));
      },
      (e: unknown) => {
        fail('Could not read your library')(e);
        loadAll();
      },
    );
    const unsubscribe = api.subscribe((ids, kind) => {
      if (kind === 'model') {
        // Nothing to read again: the Recommended view's candidates are scored anew.
        rescoreAsks.current++;
        setVersion((v) => v + 1);
        return;
      }
      const pending = changed.current;
      if (ids === null || pending === null || pending.size + ids.length > PATCH_MAX) changed.current = null;
      else for (const id of ids) pending.add(id);
      // The catch-up already due takes them; or, in a library page the user is not looking at,
      // the one when they come back to it (see SEEN_DELAY_MS).
      if (kind === 'seen' && (reloadTimer.current || document.hidden)) return;
      if (reloadTimer.current) clearTimeout(reloadTimer.current);
      reloadTimer.current = setTimeout(catchUp, kind === 'seen' ? SEEN_DELAY_MS : RELOAD_DELAY_MS);
    });
    const onVisible = () => {
      const pending = changed.current;
      if (!document.hidden && !reloadTimer.current && (pending === null || pending.size > 0)) reloadTimer.current = setTimeout(catchUp, 0);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      unsubscribe();
      document.removeEventListener('visibilitychange', onVisible);
      if (reloadTimer.current) clearTimeout(reloadTimer.current);
    };
  }, [api, loadAll, catchUp, fail]);

  // Scores for the Recommended view, once the library is read (and after reloads). The verdict
  // before stays shown meanwhile: rescoring after each star would otherwise flash the whole view.
  useEffect(() => {
    if (!index) return;
    const candidates = index.search({ ...DEFAULT_QUERY, view: 'recommended' }).slice(0, SCORED_CANDIDATES);
    const known = relevanceRef.current;
    const ask = rescoreAsks.current;
    const all = ask > rescoredFor.current || known === undefined;
    // Else only the candidates without a score (none when there is nothing to score by).
    const unscored = all ? candidates : known ? candidates.filter((paper) => !known.scores.has(paper.id)) : [];
    const show = (verdict: Relevance | null) => {
      relevanceRef.current = verdict;
      setRelevance(verdict);
    };
    if (unscored.length === 0) {
      if (all) show(known ?? null);
      return;
    }
    let cancelled = false;
    api.score(unscored).then(
      (verdict) => {
        if (cancelled) return;
        if (all) rescoredFor.current = Math.max(rescoredFor.current, ask);
        show(all || !known || !verdict ? verdict : withScores(known, verdict));
      },
      () => !cancelled && show(null), // no scores: the view falls back to newest first
    );
    return () => {
      cancelled = true;
    };
  }, [api, index, version]);

  const firstStarredRef = useRef(firstStarred);
  firstStarredRef.current = firstStarred;
  const paper = useCallback(
    (id: string) => (indexRef.current ?? readSoFarRef.current)?.get(id) ?? firstStarredRef.current?.find((record) => record.id === id),
    [],
  );

  // Until the whole library is read, a change made here shows on the papers read so far and the
  // first starred ones (an unstarred paper's row showed ★ still, and clicking it again sent the
  // same change); the index being built gets it too, as it may have read the paper before.
  const applyStates = useCallback((states: Readonly<Record<string, PaperState>>) => {
    let applied = false;
    for (const target of new Set([indexRef.current ?? readSoFarRef.current, building.current])) {
      if (!target) continue;
      const changed: PaperRecord[] = [];
      for (const [id, state] of Object.entries(states)) {
        const record = target.get(id);
        if (record) changed.push({ ...record, ...state });
      }
      if (changed.length === 0) continue;
      target.upsertAll(changed);
      applied = true;
    }
    if (applied) setVersion((v) => v + 1);
    setFirstStarred((papers) => (papers?.some((record) => states[record.id]) ? papers.map((record) => ({ ...record, ...states[record.id] })) : papers));
  }, []);

  return useMemo(
    () => ({ index, readSoFar, firstStarred, version, readingAll: readingAllNow, relevance, error, setError, paper, applyStates, reload: loadAll }),
    [index, readSoFar, firstStarred, version, readingAllNow, relevance, error, paper, applyStates, loadAll],
  );
}

/** `known` with the scores of more papers added. */
function withScores(known: Relevance, more: Relevance): Relevance {
  return {
    scores: new Map([...known.scores, ...more.scores]),
    recommended: new Set([...known.recommended, ...more.recommended]),
    explained: new Map([...known.explained, ...more.explained]),
  };
}
