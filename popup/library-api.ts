/**
 * What the popup and the library page need from the extension, as one interface: the components
 * get it passed in, so they render in tests (jsdom) with a fake and in the extension with
 * `extensionApi` (popup/extension-api.ts).
 */
import type { PageView, PageViewChange } from '../src/page-commands';
import type { DatedMarks, PaperMeta, PaperRecord, PaperState } from '../src/core/paper';
import type { ImportResult } from '../src/library/import';
import type { BulkFlag, EntryScore, Flag, ImportSummary } from '../src/messages';
import type { Interests, RelevanceModel } from '../src/relevance/index';
import type { LibraryChanges } from '../src/store/papers';
import { errorText } from '../src/core/text';

export interface ImportRequest {
  mode: 'merge' | 'seed';
  papers: PaperRecord[];
  interests: Interests | null;
}

/** The current model's verdict on some papers. */
export interface Relevance {
  /** 0–100 by paper id. */
  scores: ReadonlyMap<string, number>;
  /**
   * Ids worth recommending: tier medium or high for some topic (badges say which). Medium too:
   * "high" is only the top 1–5 % of what the user sees, and a paper just seen has competed with
   * everything on its page; the Recommended view is the second look.
   */
  recommended: ReadonlySet<string>;
  /** Each paper's score as the worker gave it, to say why (src/explanation.ts). */
  explained: ReadonlyMap<string, EntryScore>;
}

/** A change to several papers: the new and the previous state of each paper changed, by record id. */
export interface BulkAnswer {
  states: Record<string, PaperState>;
  before: Record<string, PaperState>;
}

/** What putting marks back did (restoreMarks): the new states, and the papers marked again since (left as they are). */
export interface RestoreAnswer {
  states: Record<string, PaperState>;
  changedSince: string[];
}

/**
 * A change to several papers, sent in requests of LIMITS.batch papers, that stopped at a request
 * after the first: the ones before it were written (`done`), to be shown and undone like a whole
 * change's; `left` papers were not reached. Its message is the failed request's.
 */
export class PartlyDone<Answer = BulkAnswer> extends Error {
  /** The request that failed may have been done (its answer was lost): whether the `left` were changed is not known. */
  readonly unknown: boolean;
  constructor(
    readonly done: Answer,
    readonly left: number,
    cause: unknown,
  ) {
    const unknown = cause instanceof Error && cause.name === 'OutcomeUnknownError';
    // Why the request failed, in its words but for "Nothing was changed": true of that request,
    // false of the change, whose requests before it were done.
    super(unknown ? "Paper Radar was restarted by the browser before it answered" : errorText(cause).replace(' Nothing was changed.', ''));
    this.unknown = unknown;
  }
}

/**
 * changed: marks, tags, records (a ChangeNotice). seen: papers seen on a page, nothing else.
 * model: the relevance model was retrained (new interests, the corpus grown): no paper changed,
 * but scores may have moved.
 */
export type ChangeKind = 'changed' | 'seen' | 'model';

export interface LibraryApi {
  /** The most recently starred papers, for a fast first paint (counts come with the whole library). */
  loadFirst(limit: number): Promise<PaperRecord[]>;
  /**
   * Every paper of the library, handed over in chunks (the caller may yield to the browser in
   * `onChunk`: a 10,000-paper library is too much for one task).
   */
  loadAll(onChunk: (records: PaperRecord[]) => Promise<void> | void): Promise<void>;
  /** These papers as the library has them now: their records, and the ids gone from it (see getLibraryPapers). */
  loadPapers(ids: readonly string[]): Promise<LibraryChanges>;
  /**
   * What Paper Radar found on the active tab and how the tab shows it (ordered by relevance, its
   * dismissed papers shown), after the change asked for if any; null where no content script of
   * ours runs a session (not a supported page, or the library page).
   */
  pageView(change?: PageViewChange): Promise<PageView | null>;
  setFlag(id: string, flag: Flag, value: boolean): Promise<PaperState>;
  /** `noteWas`: the note is written only if the stored one is this. */
  setTagsAndNote(id: string, change: { tags?: string[]; note?: string; noteWas?: string }): Promise<PaperState>;
  /**
   * Adds and/or removes tags on several stored papers; resolves with the new and the previous
   * state of each paper changed, by record id. Rejects with PartlyDone when it stopped part way.
   */
  tagPapers(ids: readonly string[], change: { add?: string[]; remove?: string[] }): Promise<BulkAnswer>;
  /**
   * Sets a mark on several stored papers; resolves with the new and the previous state of each
   * paper changed, by record id (papers that had it already are not named). Rejects with
   * PartlyDone when it stopped part way.
   */
  markPapers(ids: readonly string[], flag: BulkFlag, value: boolean): Promise<BulkAnswer>;
  /**
   * Puts back the mark a change of `flag` made, as it was with its time (an undo); resolves with
   * the new state of each paper changed. `left`: each paper's marks as the change left them; a
   * paper whose mark changed again since is left as it is (named in changedSince), and its other
   * marks stay as stored. Rejects with PartlyDone<RestoreAnswer> when it stopped part way.
   */
  restoreMarks(marks: Readonly<Record<string, DatedMarks>>, flag: Flag, left: Readonly<Record<string, DatedMarks>>): Promise<RestoreAnswer>;
  /** Reads and validates an import file (in the extension, off the page's thread: read-import.ts). */
  readImport(file: File): Promise<ImportResult>;
  importLibrary(request: ImportRequest): Promise<ImportSummary>;
  /** These papers' relevance by the current model; null when there is nothing to score by yet. */
  score(papers: PaperMeta[]): Promise<Relevance | null>;
  interests(): Promise<Interests>;
  /** The stored papers most like this one, best first (ids and cosine similarity). */
  similar(id: string): Promise<ReadonlyArray<{ id: string; similarity: number }>>;
  /** The stored papers nearest in meaning to a typed text, nearest first (ids and cosine similarity). */
  about(text: string): Promise<ReadonlyArray<{ id: string; similarity: number }>>;
  /** Follows (or stops following) an author, as the options page would; resolves with the followed authors now. */
  follow(name: string, on: boolean): Promise<readonly string[]>;
  /** The stored relevance model (what drives recommendations), or null before the first training. */
  model(): Promise<RelevanceModel | null>;
  /**
   * Calls back when papers change elsewhere, with the ids the change names (null when it does not
   * say; none for a retrained model), and what the change was (see ChangeKind); returns the
   * unsubscribe function.
   */
  subscribe(onChange: (ids: readonly string[] | null, kind: ChangeKind) => void): () => void;
  /** Opens a URL in a new tab. */
  open(url: string): void;
  /** Opens the full-page library (from the popup); `import`: to import a file there. */
  openLibraryPage(purpose?: 'import'): void;
  /** Saves `text` as a downloaded file. */
  download(fileName: string, mimeType: string, text: string): void;
  copy(text: string): Promise<void>;
}
