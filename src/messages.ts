/**
 * The message protocol between content scripts / the popup and the background service worker,
 * which owns the database. Every message is validated here before anything acts on it: senders
 * relay text from hostile pages, so shapes, sizes, ids and URL schemes are all checked, and
 * anything that does not match is dropped. Pure, no browser APIs.
 */
import * as v from 'valibot';
import { isCanonicalId } from './core/ids';
import { collapseWhitespace, safeHttpUrl, withoutBidiControls } from './core/text';
import { boundedUrl, impliedAnnotatedAt, impliedMarksAt, INTEREST_LIMITS, LIMITS, type DatedMarks, type PackedPageState, type PaperMeta, type PaperRecord, type PaperState } from './core/paper';
import type { Interests, Tier } from './relevance/index';
import { ARXIV_CATEGORY } from './relevance/categories';
import { FORGET_AFTER_CHOICES, type HistorySettings } from './history-settings';
import type { SyncSettings } from './sync/settings';

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
/** A page's text about a paper, its bidirectional overrides dropped (as clampMeta drops them: a sender may not have). */
const pageText = (max: number) => v.pipe(text(max), v.transform(withoutBidiControls));
const httpUrl = v.pipe(
  v.string(),
  v.maxLength(LIMITS.url),
  v.check((s) => /^https?:\/\//i.test(s) && safeHttpUrl(s) !== null, 'must be an http(s) URL'),
  // Checked as stored: "é" is stored as "%C3%A9", and clampMeta would blank a URL grown past the limit.
  v.check((s) => safeHttpUrl(s) === null || boundedUrl(s) !== null, `must be at most ${LIMITS.url.toLocaleString('en-US')} characters once its non-ASCII letters are escaped (é as %C3%A9)`),
);
/**
 * Text that must say something: not empty once whitespace is collapsed, as the library's normal
 * form has it (a title of one space, stored, made the next backup refused by its own importer).
 */
const filled = (max: number) => v.pipe(pageText(max), v.check((s) => collapseWhitespace(s) !== '', 'must not be blank'));
const paperId = v.custom<string>(isCanonicalId, 'must be a canonical paper id');
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

export const PaperMetaSchema = v.strictObject({
  id: paperId,
  title: filled(LIMITS.title),
  authors: v.pipe(v.array(pageText(LIMITS.author)), v.maxLength(LIMITS.authors)),
  authorsCut: v.optional(v.literal(true)),
  abstract: v.nullable(pageText(LIMITS.abstract)),
  url: httpUrl,
  pdfUrl: v.nullable(httpUrl),
  primaryCategory: v.nullable(pageText(LIMITS.category)),
  subjects: v.pipe(v.array(pageText(LIMITS.category)), v.maxLength(LIMITS.subjects)),
  comments: v.nullable(pageText(LIMITS.comments)),
  site: filled(LIMITS.site),
  /** Other canonical ids of the paper (the store drops duplicates and the paper's own id). */
  aliases: v.pipe(v.array(paperId), v.maxLength(LIMITS.aliases)),
  year: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1500), v.maxValue(2999))),
  venue: v.optional(filled(LIMITS.venue)),
}) satisfies v.GenericSchema<PaperMeta>;

const time = v.nullable(count);

/**
 * What the user did with a paper (PaperState), as imports and the protocol carry it. `marksAt`
 * may be missing (library files of format 1 predate it) or null: it is then implied from the
 * flags and their times (impliedMarksAt), as the schema-5 migration does for stored states;
 * `annotatedAt` likewise (format 2 and older; impliedAnnotatedAt, as schema 6 does).
 */
const PaperStateEntries = {
  starred: v.boolean(),
  starredAt: time,
  read: v.boolean(),
  readAt: time,
  dismissed: v.boolean(),
  firstSeenAt: time,
  lastSeenAt: time,
  tags: v.pipe(v.array(v.pipe(text(LIMITS.tag), v.minLength(1))), v.maxLength(LIMITS.tags)),
  note: text(LIMITS.note),
  marksAt: v.optional(time),
  annotatedAt: v.optional(time),
  updatedAt: count,
};

/** One paper of the library: its metadata and state, in the order a library file writes them. */
export const PAPER_RECORD_KEYS = Object.keys({ ...PaperMetaSchema.entries, ...PaperStateEntries }) as Array<keyof PaperRecord>;

/**
 * One paper of the library (the JSON export's and import's unit), with marksAt always set, and
 * its marks as the store keeps them (withFlag): a mark's time set exactly when the mark is, and
 * never starred and dismissed at once (an undo of "Mark these N" refuses other marks). A record
 * that disagrees (an older or hand-edited file, or a paper merged from two ids before
 * mergeStates kept the two apart) takes the time of its last change for a mark without one,
 * drops the time of a mark that is off, and stays starred rather than dismissed, as mergeStates
 * decides.
 */
export const PaperRecordSchema = v.pipe(
  v.strictObject({ ...PaperMetaSchema.entries, ...PaperStateEntries }),
  v.transform((record): PaperRecord => {
    const agreeing = {
      ...record,
      dismissed: record.dismissed && !record.starred,
      starredAt: record.starred ? (record.starredAt ?? record.marksAt ?? record.updatedAt) : null,
      readAt: record.read ? (record.readAt ?? record.marksAt ?? record.updatedAt) : null,
    };
    // A marked paper without a time (an older file, a hand-edited one) gets the implied time, so
    // it syncs; tags or a note without one (files of format 2 and older) likewise.
    return { ...agreeing, marksAt: record.marksAt ?? impliedMarksAt(agreeing), annotatedAt: record.annotatedAt ?? impliedAnnotatedAt(record) };
  }),
) satisfies v.GenericSchema<unknown, PaperRecord>;

/** Papers in one import (a large library with room to grow; an export of 10,000 papers is ≈ 20 MB). */
export const IMPORT_LIMIT = 50_000;


/** Papers in one scoreEntries request: a page sends its listing in chunks of at most this many. */
export const SCORE_BATCH = LIMITS.scoreBatch;

const phrase = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(INTEREST_LIMITS.phrase));
const nameList = (max: number, each: number) => v.pipe(v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(each))), v.maxLength(max));

/** Only the options the options page offers (FORGET_AFTER_CHOICES), or never. */
const HistorySettingsSchema = v.strictObject({
  forgetAfterDays: v.nullable(v.picklist(FORGET_AFTER_CHOICES.map((choice) => choice.days))),
});

export const InterestsSchema = v.strictObject({
  topics: v.pipe(
    v.array(
      v.strictObject({
        id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+$/, 'topic ids are letters, digits, _ and -'), v.maxLength(INTEREST_LIMITS.topicId)),
        name: v.pipe(v.string(), v.trim(), v.minLength(1, 'a topic needs a name'), v.maxLength(INTEREST_LIMITS.topicName)),
        keywords: v.pipe(
          v.array(
            v.union([
              phrase,
              v.strictObject({
                phrase,
                weight: v.optional(v.pipe(v.number(), v.finite(), v.gtValue(0), v.maxValue(INTEREST_LIMITS.maxWeight))),
              }),
            ]),
          ),
          v.maxLength(INTEREST_LIMITS.keywordsPerTopic),
        ),
        /** Preferred arXiv categories ("cs.LG", "hep-th"): a small scoring bonus for the topic. */
        categories: v.optional(
          v.pipe(
            v.array(v.pipe(v.string(), v.trim(), v.maxLength(LIMITS.category), v.regex(ARXIV_CATEGORY, 'arXiv categories look like cs.LG or hep-th'))),
            v.maxLength(INTEREST_LIMITS.categories),
          ),
        ),
      }),
    ),
    v.maxLength(INTEREST_LIMITS.topics),
    v.check((topics) => new Set(topics.map((t) => t.id)).size === topics.length, 'topic ids must be unique'),
  ),
  followedAuthors: v.optional(nameList(INTEREST_LIMITS.authors, LIMITS.author)),
  mutedKeywords: v.optional(nameList(INTEREST_LIMITS.mutedKeywords, INTEREST_LIMITS.phrase)),
  mutedAuthors: v.optional(nameList(INTEREST_LIMITS.authors, LIMITS.author)),
}) satisfies v.GenericSchema<Interests>;

/** Interests as the protocol carries them (checked by InterestsSchema). */
export type InterestsMessage = v.InferOutput<typeof InterestsSchema>;

/** Why an entry scored as it did, in the paper's and the user's own words (from the engine). */
export interface ScoreExplanation {
  /** The best topic's keyword phrases found in the paper, strongest first. */
  keywords: string[];
  /** Followed authors among the paper's authors. */
  authors: string[];
  /** Muted keywords and authors found (they cap the tier at low). */
  muted: string[];
  /** The paper's arXiv categories among the best topic's preferred ones. */
  categories: string[];
  /** Words of the paper that raised / lowered the score most, strongest first. */
  raising: string[];
  lowering: string[];
  /** The title of the starred paper it is most like, when alike enough (see Scorer). */
  like?: string;
  /** The paper is one the user starred, which the topic was learned from. */
  starred?: true;
  /**
   * A keyword in its title, not its score, makes it medium; this many stars behind the topic end
   * that rule (TRUSTED_STARS in src/relevance/score.ts, which the page's script does not load).
   */
  titleKeywordUntilStars?: number;
  /**
   * Its words alone score it this much, but nothing names it a paper of the topic (no keyword of
   * it, no star it is like: Scorer.hasTopicEvidence), so it is held at low until `untilStars`
   * stars are behind the topic.
   */
  heldLow?: { score: number; tier: Tier; untilStars: number };
}

/** The relevance of one entry. */
export interface EntryScore {
  /** 0–100. */
  score: number;
  tier: Tier;
  /** The best topic's name. */
  topic: string | null;
  /** Above threshold (tier high) for some topic. */
  relevant: boolean;
  why: ScoreExplanation;
}

export const FLAGS = ['starred', 'read', 'dismissed'] as const;
export type Flag = (typeof FLAGS)[number];

/** The marks "Mark these N" sets: not "not interested", a strong negative for the model to give hundreds at once. */
export const BULK_FLAGS = ['starred', 'read'] as const satisfies readonly Flag[];
export type BulkFlag = (typeof BULK_FLAGS)[number];

/** A paper's marks with their times, as they were: a mark has a time exactly when it is set, and a dismissed paper is not starred. */
const DatedMarksSchema = v.pipe(
  v.strictObject({ starred: v.boolean(), starredAt: time, read: v.boolean(), readAt: time, dismissed: v.boolean() }),
  v.check((m) => m.starred === (m.starredAt !== null) && m.read === (m.readAt !== null) && !(m.starred && m.dismissed), 'marks and their times must agree'),
);

const RequestSchema = v.variant('type', [
  /**
   * A page Paper Radar runs on has started loading: start the worker, open the database and load
   * the relevance model now, while the page loads, so its requests find them ready (see
   * content-scripts/wake.ts).
   */
  v.strictObject({ type: v.literal('wake') }),
  /** States of the papers on a page, by id (missing ids have no record yet). */
  v.strictObject({
    type: v.literal('getStates'),
    ids: v.pipe(v.array(paperId), v.maxLength(LIMITS.batch)),
  }),
  /**
   * Star/unstar or mark read/unread. `paper` carries the metadata from the page so the record
   * exists for the popup; the popup acts on stored papers and sends only the id.
   */
  v.pipe(
    v.strictObject({
      type: v.literal('setFlag'),
      id: paperId,
      flag: v.picklist(FLAGS),
      value: v.boolean(),
      paper: v.optional(PaperMetaSchema),
    }),
    // The store treats every id of `paper` as the same paper: `id` must be one of them.
    v.check((r) => !r.paper || r.paper.id === r.id || r.paper.aliases.includes(r.id), 'paper must be the paper named by id'),
  ),
  /** Papers that were at least half visible for a second. */
  v.strictObject({
    type: v.literal('markSeen'),
    papers: v.pipe(v.array(PaperMetaSchema), v.minLength(1), v.maxLength(LIMITS.batch)),
  }),
  /** The interests the user typed (the options page, the popup). */
  v.strictObject({ type: v.literal('getInterests') }),
  /**
   * Replaces the interests; the model is retrained. With `base`, the interests the sender read
   * before editing: changes made elsewhere since are kept (rebaseInterests).
   */
  v.strictObject({ type: v.literal('setInterests'), interests: InterestsSchema, base: v.optional(InterestsSchema) }),
  /** The abbreviations the model learned from the user's own papers (the options page's hint). */
  v.strictObject({ type: v.literal('getLearnedAbbreviations') }),
  /** Relevance of the papers on a page (which also join the local corpus). */
  v.strictObject({
    type: v.literal('scoreEntries'),
    papers: v.pipe(v.array(PaperMetaSchema), v.minLength(1), v.maxLength(SCORE_BATCH)),
  }),
  /** The user's tags and/or note on a stored paper (the popup, the library page). */
  v.strictObject({
    type: v.literal('setTagsAndNote'),
    id: paperId,
    tags: v.optional(v.pipe(v.array(text(LIMITS.tag)), v.maxLength(LIMITS.tags))),
    note: v.optional(text(LIMITS.note)),
    /** The note is written only if the stored one is this (an undo: a note written since elsewhere stays). */
    noteWas: v.optional(text(LIMITS.note)),
  }),
  /** Tags added to and/or taken off several stored papers at once (the popup's "Tag these N"). */
  v.pipe(
    v.strictObject({
      type: v.literal('tagPapers'),
      ids: v.pipe(v.array(paperId), v.minLength(1), v.maxLength(LIMITS.batch)),
      add: v.optional(v.pipe(v.array(text(LIMITS.tag)), v.maxLength(LIMITS.tags))),
      remove: v.optional(v.pipe(v.array(text(LIMITS.tag)), v.maxLength(LIMITS.tags))),
    }),
    v.check((r) => (r.add?.length ?? 0) + (r.remove?.length ?? 0) > 0, 'a tag to add or remove'),
  ),
  /** A mark set on several stored papers at once (the popup's "Mark these N"). */
  v.strictObject({
    type: v.literal('markPapers'),
    ids: v.pipe(v.array(paperId), v.minLength(1), v.maxLength(LIMITS.batch)),
    flag: v.picklist(BULK_FLAGS),
    value: v.boolean(),
  }),
  /**
   * Marks put back as they were before a change of one flag, with their times (an undo), by paper
   * id: only the mark a change of `flag` makes (starring and dismissing go together), and only on
   * papers whose mark is still as the change left it (`left`) or already as it was: a star given
   * since, here or elsewhere, is not taken back by the undo of a dismissal or of "Mark these N".
   */
  v.strictObject({
    type: v.literal('restoreMarks'),
    marks: v.pipe(
      v.record(paperId, DatedMarksSchema),
      v.check((marks) => Object.keys(marks).length > 0 && Object.keys(marks).length <= LIMITS.batch, `1 to ${LIMITS.batch} papers`),
    ),
    flag: v.picklist(FLAGS),
    /** Each paper's marks as the change left them, with their times; a paper without is left as it is. */
    left: v.pipe(v.record(paperId, DatedMarksSchema), v.check((marks) => Object.keys(marks).length <= LIMITS.batch, `at most ${LIMITS.batch} papers`)),
  }),
  /**
   * Papers from an import file, already parsed and validated by the page that read it, merged
   * into the library in one transaction (all or nothing). `merge`: our JSON export (for each
   * paper the newer change wins); `seed`: papers listed in BibTeX or an id list, starred unless
   * the user already decided otherwise (see src/library/merge-import.ts).
   */
  v.strictObject({
    type: v.literal('importLibrary'),
    mode: v.picklist(['merge', 'seed']),
    papers: v.pipe(v.array(PaperRecordSchema), v.maxLength(IMPORT_LIMIT)),
    interests: v.nullable(InterestsSchema),
  }),
  /** The stored papers most like a stored one ("more like this" in the popup). */
  v.strictObject({ type: v.literal('similarPapers'), id: paperId }),
  /**
   * The stored papers nearest in meaning to what the user typed (the popup's search by meaning);
   * an empty text only makes the library ready for the next (see RelevanceService.about).
   */
  v.strictObject({ type: v.literal('papersAbout'), text: text(LIMITS.query) }),
  /**
   * How many papers the user has only seen (src/store/forget.ts), and of those, how many were
   * last seen before each of `cutoffs` (the options page's choices).
   */
  v.strictObject({ type: v.literal('seenOnlySummary'), cutoffs: v.pipe(v.array(count), v.maxLength(10)) }),
  /** Forgets the papers only seen, last seen before `before` (null: all of them). */
  v.strictObject({ type: v.literal('forgetSeen'), before: time }),
  /** The options page reads and sets forgetting history automatically (src/history-settings.ts). */
  v.strictObject({ type: v.literal('getHistorySettings') }),
  /** `justForgotten`: the options page has just forgotten what the setting takes (it counted them). */
  v.strictObject({ type: v.literal('setHistorySettings'), settings: HistorySettingsSchema, justForgotten: v.optional(v.literal(true)) }),
  /** The options page reads and turns the sync switch (src/sync/settings.ts). */
  v.strictObject({ type: v.literal('getSyncSettings') }),
  v.strictObject({ type: v.literal('setSyncSettings'), settings: v.strictObject({ enabled: v.boolean() }) }),
]);

export type Request = v.InferOutput<typeof RequestSchema>;
export type RequestType = Request['type'];

/** What the background answers to each request type. */
export interface ResponseMap {
  wake: { ok: true };
  /** What pages need of each stored paper's state (see PackedPageState), by the id asked for. */
  getStates: { states: Record<string, PackedPageState> };
  /** `before`: the paper's marks before the change, with their times (what an undo puts back). */
  setFlag: { state: PaperState; before: DatedMarks };
  markSeen: { seen: number };
  setTagsAndNote: { state: PaperState };
  /** The new and the previous state of each paper whose tags changed, by record id (papers left as they were are not named). */
  tagPapers: { states: Record<string, PaperState>; before: Record<string, PaperState> };
  /** The same for the papers whose mark changed, with their states before (what an undo puts back). */
  markPapers: { states: Record<string, PaperState>; before: Record<string, PaperState> };
  /**
   * The new state of each paper whose marks were put back; `changedSince`: the ids left as they
   * are because their marks changed again after `changedAt`.
   */
  restoreMarks: { states: Record<string, PaperState>; changedSince: string[] };
  importLibrary: ImportSummary;
  getInterests: { interests: Interests };
  /** `changedElsewhere`: the stored interests were no longer `base`; what is saved keeps both. */
  setInterests: { interests: Interests; changedElsewhere: boolean };
  /** [short form, long form] pairs (see localAbbreviations); none before the first retrain. */
  getLearnedAbbreviations: { abbreviations: Array<[string, string]> };
  /** `ready` is false when there is nothing to score by yet (no interests, no stars): no scores. */
  scoreEntries: { ready: boolean; scores: Record<string, EntryScore> };
  /** Best first; only those alike enough (see RelevanceService.similar). */
  similarPapers: { papers: Array<{ id: string; similarity: number }> };
  /** Nearest first (see RelevanceService.about). */
  papersAbout: { papers: Array<{ id: string; similarity: number }> };
  /** `before[i]`: how many were last seen before `cutoffs[i]`. */
  seenOnlySummary: { count: number; oldestSeenAt: number | null; before: number[] };
  /** `failed`: why the rest were not forgotten, when a write failed after some were. */
  forgetSeen: { forgotten: number; failed?: string };
  getHistorySettings: { settings: HistorySettings };
  /** Applied at once: how many papers that forgot (null: none were due, the setting is "never"). */
  /** `failed`: the setting was stored, but applying it failed (why, in words). */
  setHistorySettings: { forgotten: number | null; failed?: string };
  getSyncSettings: { settings: SyncSettings };
  /** Stored; a pass runs at once when turned on (the status in storage.local says how it went). */
  setSyncSettings: { ok: true };
}
/** What an import did. */
export interface ImportSummary {
  /** Papers that were not in the library. */
  added: number;
  /** Papers in the library whose record the import changed. */
  updated: number;
  /** Papers in the library the import left as they were (the local copy was as new or newer). */
  unchanged: number;
  /**
   * `merged`: imported topics or authors joined the user's; `kept`: they added nothing; `none`: the
   * file had none; `refused`: the papers were stored but the interests could not be merged (why:
   * `interestsProblem`), e.g. the user saved more topics while a large file's papers were written.
   */
  interests: 'merged' | 'kept' | 'none' | 'refused';
  interestsProblem?: string;
}

export type Response<T extends RequestType> = ResponseMap[T];
export type ErrorResponse = { error: string };

/**
 * A change the worker may have made, then stopped before answering (or whose answer Chrome lost
 * as it put the page into its back/forward cache): not sent again (messenger.ts), so the sender
 * reads what is stored if it needs to know.
 */
export class OutcomeUnknownError extends Error {
  constructor() {
    super("Paper Radar was restarted by the browser before it answered, so whether this was done is not known: reopen Paper Radar to see your papers as they are before you try again");
    this.name = 'OutcomeUnknownError';
  }
}

/**
 * Validates a made-up state request of 2,000 ids, as the worker starts: a worker started by a
 * page's wake has never run this code, and validating the page's own request cold took 21–62 ms
 * (≈ 5 ms once warmed) while the page waited for its states (session 29, a 2,000-entry listing).
 * Throws if the request is refused: the warm-up would then warm the wrong code.
 */
export function warmUpValidation(): void {
  // A listing's worth of ids no paper has (arXiv's December 2099, numbers 00000–01999).
  const ids = Array.from({ length: 2_000 }, (_, i) => `arxiv:9912.${String(i).padStart(5, '0')}`);
  const parsed = parseRequest({ type: 'getStates', ids });
  if (!parsed.ok) throw new Error(`the warm-up request was refused: ${parsed.error}`);
}

/**
 * The requests a listing page's content script sends: its wake, its entries' states and scores,
 * a mark, its sightings, and the undo (`z`) of one paper's marks. The worker takes no
 * other from a web page's tab (pageMaySend).
 */
const PAGE_REQUESTS: ReadonlySet<RequestType> = new Set(['wake', 'getStates', 'setFlag', 'markSeen', 'scoreEntries', 'restoreMarks']);

/**
 * Whether a content script in a web page's tab may send this request. A content script runs in
 * the renderer process of the page it reads, which a hostile page may compromise (Chrome's
 * extension security advice treats content scripts as less trusted), so what only the popup,
 * library and options pages ask for (importing, forgetting history, turning sync on or off,
 * marking or tagging papers in bulk, the interests) is refused from there.
 */
export function pageMaySend(request: Request): boolean {
  if (!PAGE_REQUESTS.has(request.type)) return false;
  // The page's undo (`z`) of one paper's mark; several at once are the popup's "Mark these N".
  return request.type !== 'restoreMarks' || Object.keys(request.marks).length === 1;
}

/**
 * The message as a typed request, or an error naming the first problem (for the log; the
 * sender gets only "invalid message").
 */
export function parseRequest(message: unknown): { ok: true; request: Request } | { ok: false; error: string } {
  const result = v.safeParse(RequestSchema, message);
  if (result.success) return { ok: true, request: result.output };
  const issue = result.issues[0];
  const where = issue ? v.getDotPath(issue) : null;
  return { ok: false, error: `${where ? `${where}: ` : ''}${issue?.message ?? 'invalid message'}` };
}
