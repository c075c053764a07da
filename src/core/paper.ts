/**
 * The paper record: what a site adapter extracts (PaperMeta), what the user did with it
 * (PaperState), and the limits every record must respect. Pure, no browser APIs.
 */
import { idScheme, idValue, isCanonicalId, type PaperId } from './ids';
import { collapseWhitespace, safeHttpUrl, truncate, withoutBidiControls } from './text';

/** What a listing page says about a paper. */
export interface PaperMeta {
  id: PaperId;
  title: string;
  authors: string[];
  /**
   * True when the paper has more authors than `authors` names: the page cut the list (a Google
   * Scholar result's "S Bannister, J Yu, B Leitner… - …"), or it was longer than LIMITS.authors.
   * Exports end such a list with "and others" / "et al.". Absent otherwise, and in records
   * stored before it existed (their lists were taken as complete).
   */
  authorsCut?: true;
  /** The abstract where the page shows it, else null. */
  abstract: string | null;
  /** The paper's landing page (for arXiv, its abstract page). http(s) only. */
  url: string;
  pdfUrl: string | null;
  primaryCategory: string | null;
  subjects: string[];
  comments: string | null;
  /** Which adapter saw it: "arxiv", … */
  site: string;
  /**
   * The year it appeared, where a page or file says so and the paper's ids cannot (a Scholar
   * result's "Venue, 2002"), or says another with its venue (a journal's year, not the arXiv
   * preprint's); absent where the ids say the same (see yearOf). Absent in records stored before
   * it existed, which is the same as unknown.
   */
  year?: number;
  /**
   * Where it appeared, as a page names it (an ACL Anthology volume: "Proceedings of the …");
   * absent when the page does not say, and in records stored before it existed.
   */
  venue?: string;
  /**
   * Other canonical ids the page gives the same paper (a Scholar result with an arXiv link: its
   * cluster id; an ACL Anthology entry showing its DOI: that DOI). Never `id` itself, no
   * duplicates, at most LIMITS.aliases. The store merges records kept under any of them into one
   * (see src/core/merge.ts).
   */
  aliases: PaperId[];
}

/**
 * What adapters hand to clampMeta: `aliases` may be left out (arXiv and Hugging Face pages name
 * each paper by one id only); clampMeta fills in []. `authorsCut` may be false (kept only when true).
 */
export type PaperMetaInput = Omit<PaperMeta, 'aliases' | 'authorsCut'> & { aliases?: readonly string[] | undefined; authorsCut?: boolean | undefined };

/** What the user did with a paper. Times are epoch milliseconds. */
export interface PaperState {
  starred: boolean;
  starredAt: number | null;
  read: boolean;
  readAt: number | null;
  /** Dismissed ("not interested"): a strong negative for the relevance model; the page dims the entry. */
  dismissed: boolean;
  /** When the paper was first / last at least half visible for a second. */
  firstSeenAt: number | null;
  lastSeenAt: number | null;
  /** The user's tags: trimmed, unique regardless of case, sorted (see normalizeTags). */
  tags: string[];
  /** The user's free-text note; '' when there is none. */
  note: string;
  /**
   * When the user last starred, read or dismissed the paper, or undid one of them; null when
   * they never did. Sightings and tags do not move it: this is the time "the newest mark wins"
   * compares (sync across devices, library imports), so that merely seeing a paper on another
   * machine never undoes a star given earlier.
   */
  marksAt: number | null;
  /**
   * When the user last changed the paper's tags or note; null when they never did. What library
   * imports compare for tags and note, as marksAt for the marks: the paper merely seen since on
   * this device must not keep an older, empty copy over the tags a backup brings.
   */
  annotatedAt: number | null;
  /** The last change to any of the above. */
  updatedAt: number;
}

/** One stored paper: the newest metadata any page showed, and its state. */
export type PaperRecord = PaperMeta & PaperState;

/**
 * Hard caps for page-derived text. Pages are hostile input; these keep one record small enough
 * that a malicious page cannot bloat the database. Real papers fit well within them
 * (ATLAS-size author lists are cut, with the count kept in `authors` length ≤ MAX_AUTHORS).
 */
export const LIMITS = {
  title: 1_000,
  author: 200,
  authors: 200,
  abstract: 10_000,
  comments: 2_000,
  venue: 500,
  url: 2_000,
  category: 40,
  subjects: 30,
  site: 40,
  /** Other ids of one paper (a page names one or two; the cap keeps a hostile page from linking many records). */
  aliases: 10,
  /** One tag, tags on one paper, and one note: the user's own text, capped so a slip cannot bloat the store. */
  tag: 60,
  tags: 50,
  note: 20_000,
  /** What the user types to search by meaning (a sentence or two about a paper). */
  query: 500,
  /** Papers in one message (a listing page can show 2,000; a batch is capped below this). */
  batch: 5_000,
  /** Papers in one scoring request (a page sends its listing in chunks of at most this many). */
  scoreBatch: 500,
} as const;

/** Caps of what the interests editor may store (generous for a person, small for a database). */
export const INTEREST_LIMITS = {
  topics: 30,
  topicId: 40,
  topicName: 80,
  keywordsPerTopic: 200,
  phrase: 200,
  maxWeight: 10,
  authors: 500,
  mutedKeywords: 500,
  categories: 50,
} as const;

export const EMPTY_STATE: Readonly<PaperState> = Object.freeze({
  starred: false,
  starredAt: null,
  read: false,
  readAt: null,
  dismissed: false,
  firstSeenAt: null,
  lastSeenAt: null,
  tags: Object.freeze([]) as unknown as string[],
  note: '',
  marksAt: null,
  annotatedAt: null,
  updatedAt: 0,
});

/** The state part of a record (what content scripts and the popup need to render a paper). */
export function stateOf(record: PaperState | undefined | null): PaperState {
  if (!record) return { ...EMPTY_STATE };
  const { starred, starredAt, read, readAt, firstSeenAt, lastSeenAt, updatedAt } = record;
  // States stored before version 3 have no `dismissed`, before version 4 no tags or note.
  return {
    starred,
    starredAt,
    read,
    readAt,
    dismissed: record.dismissed === true,
    firstSeenAt,
    lastSeenAt,
    tags: Array.isArray(record.tags) ? record.tags : [],
    note: typeof record.note === 'string' ? record.note : '',
    // States stored before version 5 have no marksAt.
    marksAt: (record as Partial<PaperState>).marksAt === undefined ? impliedMarksAt(record) : record.marksAt,
    // States stored before version 6 have no annotatedAt.
    annotatedAt: (record as Partial<PaperState>).annotatedAt === undefined ? impliedAnnotatedAt(record) : record.annotatedAt,
    updatedAt,
  };
}

/**
 * The best guess of marksAt for a state written before it existed (schema 4 and older, library
 * files of format 1): the latest star or read time; for a dismissal, which kept no time, the
 * last change; null when nothing is marked (an earlier unstar left no trace).
 */
export function impliedMarksAt(state: Omit<PaperState, 'marksAt' | 'annotatedAt'>): number | null {
  const times = [state.starred ? state.starredAt : null, state.read ? state.readAt : null, state.dismissed === true ? state.updatedAt : null];
  const known = times.filter((t): t is number => typeof t === 'number');
  return known.length > 0 ? Math.max(...known) : state.starred || state.read ? state.updatedAt : null;
}

/**
 * The best guess of annotatedAt for a state written before it existed (schema 5 and older,
 * library files of format 2 and older): the last change, when the paper has tags or a note;
 * null when it has neither (tags taken off earlier left no trace).
 */
export function impliedAnnotatedAt(state: Pick<PaperState, 'updatedAt'> & Partial<Pick<PaperState, 'tags' | 'note'>>): number | null {
  const annotated = (Array.isArray(state.tags) && state.tags.length > 0) || (typeof state.note === 'string' && state.note !== '');
  return annotated ? state.updatedAt : null;
}

/**
 * Tags as stored: in Unicode's composed form (NFC) without noncharacters, whitespace collapsed
 * and trimmed, cut to LIMITS.tag, empty ones dropped, one per spelling regardless of case (the
 * smallest spelling, "ML" before "ml"), sorted case-insensitively, at most LIMITS.tags — so that
 * merging two tag lists gives the same list whatever order they meet in.
 */
export function normalizeTags(tags: Iterable<string>): string[] {
  const byKey = new Map<string, string>();
  for (const raw of tags) {
    // NFC: one spelling of a tag whichever way its characters were composed (a BibTeX reader
    // composes them). Unicode's noncharacters are for a program's own use, never text (the
    // BibTeX reader's markers).
    // Trimmed after the cut too: a tag cut just after a space kept it, and was then another tag
    // than itself normalized again (removing it in bulk took two goes; a backup restored it otherwise).
    const tag = truncate(collapseWhitespace(raw.normalize('NFC').replace(/[\uFDD0-\uFDEF]/g, '')), LIMITS.tag).trimEnd();
    const key = tag.toLocaleLowerCase();
    const kept = byKey.get(key);
    if (tag !== '' && (kept === undefined || tag < kept)) byKey.set(key, tag);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, LIMITS.tags)
    .map(([, tag]) => tag);
}

/**
 * Of `extra`, the tags a paper with tags `own` does not have (in any letter case) and that fit
 * under LIMITS.tags: a paper's own tags are never pushed out by tags added in bulk or by a file.
 */
export function tagsThatFit(own: readonly string[], extra: readonly string[]): string[] {
  const held = new Set(own.map((tag) => tag.toLocaleLowerCase()));
  return extra.filter((tag) => !held.has(tag.toLocaleLowerCase())).slice(0, Math.max(0, LIMITS.tags - own.length));
}

/** Tags to add to a paper and to take off it (any letter case), leaving its other tags as they are. */
export interface TagEdit {
  add: string[];
  remove: string[];
}

/**
 * The tags to add and to remove (in any letter case) to take a paper's tags from `from` to `to`:
 * what the tag editor sends, and what its undo sends back, changing only what the edit changed,
 * not tags given since elsewhere.
 */
export function tagsDifference(from: readonly string[], to: readonly string[]): TagEdit {
  const keys = (tags: readonly string[]) => new Set(tags.map((tag) => tag.toLocaleLowerCase()));
  const had = keys(from);
  const wanted = keys(to);
  return { add: to.filter((tag) => !had.has(tag.toLocaleLowerCase())), remove: from.filter((tag) => !wanted.has(tag.toLocaleLowerCase())) };
}

/** A note as stored: line ends normalized, trailing whitespace trimmed, cut to LIMITS.note. */
export function normalizeNote(note: string): string {
  return truncate(note.replace(/\r\n?/g, '\n').trimEnd(), LIMITS.note).trimEnd();
}

/**
 * The state after the user set the paper's tags and/or note at `now` (the ones `change` leaves
 * out stay). annotatedAt moves only when they changed: saving them unchanged decides nothing.
 */
export function withAnnotations(state: PaperState, change: { tags?: Iterable<string> | undefined; note?: string | undefined }, now: number): PaperState {
  const tags = change.tags === undefined ? state.tags : normalizeTags(change.tags);
  const note = change.note === undefined ? state.note : normalizeNote(change.note);
  const changed = !sameTags(tags, state.tags) || note !== state.note;
  return { ...state, tags, note, ...(changed ? { annotatedAt: nextAnnotatedAt(state, now) } : {}), updatedAt: now };
}

/** Whether two tag lists (as normalizeTags leaves them) are the same. */
export function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}

/**
 * annotatedAt for a change made at `now`: after the one it replaces even when this device's clock
 * is behind the one that made it (as nextMarksAt), so that it wins the next import's comparison.
 */
function nextAnnotatedAt(state: Pick<PaperState, 'annotatedAt'>, now: number): number {
  return state.annotatedAt == null || now > state.annotatedAt ? now : state.annotatedAt + 1;
}

/**
 * Normalizes page-derived metadata: collapses whitespace, drops bidirectional overrides
 * (withoutBidiControls), cuts every field to its limit, drops non-http(s) URLs. Adapters call it
 * so that what they emit is already within the protocol's limits; the background validates
 * again (it trusts no sender).
 */
export function clampMeta(meta: PaperMetaInput): PaperMeta {
  const text = (s: string, max: number) => truncate(collapseWhitespace(withoutBidiControls(s)), max).trimEnd();
  const optional = (s: string | null, max: number) => {
    const t = s == null ? '' : text(s, max);
    return t === '' ? null : t;
  };
  const venue = optional(meta.venue ?? null, LIMITS.venue);
  const authors = meta.authors.map((a) => text(a, LIMITS.author)).filter((a) => a !== '');
  return {
    id: meta.id,
    title: text(meta.title, LIMITS.title),
    authors: authors.slice(0, LIMITS.authors),
    ...(authors.length > 0 && (meta.authorsCut === true || authors.length > LIMITS.authors) ? { authorsCut: true as const } : {}),
    abstract: optional(meta.abstract, LIMITS.abstract),
    url: boundedUrl(meta.url) ?? '',
    pdfUrl: boundedUrl(meta.pdfUrl),
    primaryCategory: optional(meta.primaryCategory, LIMITS.category),
    subjects: meta.subjects
      .map((s) => text(s, LIMITS.category))
      .filter((s) => s !== '')
      .slice(0, LIMITS.subjects),
    comments: optional(meta.comments, LIMITS.comments),
    site: text(meta.site, LIMITS.site),
    aliases: clampAliases(meta.id, meta.aliases ?? []),
    ...(isYear(meta.year) ? { year: meta.year } : {}),
    ...(venue ? { venue } : {}),
  };
}

/** A plausible year of publication (an integer from 1500 to 2999). */
export function isYear(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1500 && (value as number) <= 2999;
}

/** `aliases` cut to what a record may hold: canonical ids only, no duplicates, not `id`, at most LIMITS.aliases. */
export function clampAliases(id: PaperId, aliases: Iterable<unknown>): PaperId[] {
  const kept: PaperId[] = [];
  for (const alias of aliases) {
    if (kept.length >= LIMITS.aliases) break;
    if (alias !== id && isCanonicalId(alias) && !kept.includes(alias)) kept.push(alias);
  }
  return kept;
}

/**
 * The http(s) URL as stored (its normal form: non-ASCII letters percent-encoded, so up to six
 * times as long as written), or null when it is none or longer than LIMITS.url.
 */
export function boundedUrl(href: string | null | undefined): string | null {
  const url = safeHttpUrl(href);
  return url !== null && url.length <= LIMITS.url ? url : null;
}

/**
 * How each metadata field is combined when two descriptions of one paper meet: `preferred`'s
 * value, or `fallback`'s where `preferred` has none (e.g. a /pastweek listing shows no abstracts,
 * a Scholar result no arXiv categories; a title that only stands in for an id is none:
 * isStandInTitle). Adding a field to PaperMeta = one line here (the mapped type makes a missing
 * line a compile error). `id` and `site` are `preferred`'s and `aliases`
 * the union of both (plus `fallback.id`); mergeMeta below keeps the stored id and site instead.
 */
const META_FIELDS: { [K in keyof PaperMeta]-?: (preferred: PaperMeta, fallback: PaperMeta) => PaperMeta[K] } = {
  id: (p) => p.id,
  title: (p, f) => (isStandInTitle(p) && f.title !== '' && !isStandInTitle(f) ? f.title : p.title || f.title),
  authors: (p, f) => authorsFrom(p, f).authors,
  authorsCut: (p, f) => authorsFrom(p, f).authorsCut, // says whether those authors are all
  abstract: (p, f) => present(p.abstract) ?? f.abstract,
  url: (p, f) => p.url || f.url,
  pdfUrl: (p, f) => present(p.pdfUrl) ?? f.pdfUrl,
  primaryCategory: (p, f) => present(p.primaryCategory) ?? f.primaryCategory,
  subjects: (p, f) => (p.subjects.length > 0 ? p.subjects : f.subjects),
  comments: (p, f) => present(p.comments) ?? f.comments,
  site: (p) => p.site,
  aliases: (p, f) => clampAliases(p.id, [...aliasesOf(p), f.id, ...aliasesOf(f)]),
  year: (p, f) => p.year ?? f.year,
  venue: (p, f) => p.venue || f.venue,
};

/**
 * Whose author list a combination keeps: `preferred`'s, unless it has none, or it is cut and
 * `fallback`'s is whole and longer (an arXiv listing names 63 of the 147 authors its abstract
 * page gave; a Scholar result two of an Anthology paper's three).
 */
function authorsFrom(preferred: PaperMeta, fallback: PaperMeta): PaperMeta {
  if (preferred.authors.length === 0) return fallback;
  const wholer = preferred.authorsCut === true && fallback.authorsCut !== true && fallback.authors.length > preferred.authors.length;
  return wholer ? fallback : preferred;
}

/**
 * The title that stands in for a paper's until something names it: its id as people write it
 * ("arXiv:1706.03762", "10.1038/nature14539"). An import file that gives no title gets it
 * (seedRecord).
 */
export function standInTitle(id: PaperId): string {
  return idScheme(id) === 'arxiv' ? `arXiv:${idValue(id)}` : idValue(id);
}

/**
 * Whether a record's title is only a stand-in for one of its ids (standInTitle, or the id itself,
 * which the schema 7 repair gives a blank title): combining counts it as missing, so that a
 * real title from a later file or page replaces it (it stood in for good otherwise).
 */
export function isStandInTitle(meta: Pick<PaperMeta, 'id' | 'title' | 'aliases'>): boolean {
  return [meta.id, ...aliasesOf(meta)].some((id) => meta.title === id || meta.title === standInTitle(id));
}

function present(s: string | null): string | null {
  return s == null || s === '' ? null : s;
}

/** Only the metadata fields of a record (so that nothing else a caller passed is stored or sent), aliases cleaned. */
export function metaOf(meta: PaperMeta): PaperMeta {
  const { id, title, authors, authorsCut, abstract, url, pdfUrl, primaryCategory, subjects, comments, site, year, venue } = meta;
  const aliases = clampAliases(id, aliasesOf(meta));
  return {
    id,
    title,
    authors,
    ...(authorsCut === true && authors.length > 0 ? { authorsCut } : {}),
    abstract,
    url,
    pdfUrl,
    primaryCategory,
    subjects,
    comments,
    site,
    aliases,
    ...(isYear(year) ? { year } : {}),
    ...(venue ? { venue } : {}),
  };
}

/** A stored record's aliases (records written before aliases existed have none). */
export function aliasesOf(meta: Pick<PaperMeta, 'aliases'>): PaperId[] {
  return Array.isArray(meta.aliases) ? meta.aliases : [];
}

/**
 * Field by field, `preferred` with its gaps filled from `fallback`; id and site are
 * `preferred`'s, aliases the union of both (with `fallback.id` when it differs).
 */
export function fillGaps(preferred: PaperMeta, fallback: PaperMeta): PaperMeta {
  const out = {} as Record<keyof PaperMeta, unknown>;
  for (const key of Object.keys(META_FIELDS) as Array<keyof PaperMeta>) {
    const value = META_FIELDS[key](preferred, fallback);
    if (value !== undefined) out[key] = value; // an optional field neither has stays absent
  }
  return out as unknown as PaperMeta;
}

/**
 * Sites that show a paper abridged: a Google Scholar result gives authors as initials, cut after
 * a few ("A Vaswani, N Shazeer, N Parmar…"), a snippet of the abstract, and the title as one
 * venue cased it. What such a page shows fills a stored record's gaps, and never replaces the
 * title, authors or abstract another site or a file gave (the popup, the BibTeX export and
 * "more like this" read them).
 */
const ABRIDGING_SITES: ReadonlySet<string> = new Set(['scholar']);

/**
 * Newer metadata from a page, merged over what is stored for the same id: the page's values win,
 * a field the page does not show (e.g. a /pastweek listing has no abstracts) keeps the stored
 * value; the id and the site that first saw the paper are kept; aliases are the union (the
 * stored ones first, so a full list is not reshuffled by each page). A page of an abridging site
 * (ABRIDGING_SITES) only fills the stored title, authors and abstract where they are missing (a
 * title that only stands in for an id is: isStandInTitle).
 */
export function mergeMeta(stored: PaperMeta, incoming: PaperMeta): PaperMeta {
  const shown = ABRIDGING_SITES.has(incoming.site)
    ? {
        ...incoming,
        title: isStandInTitle(stored) ? incoming.title || stored.title : stored.title || incoming.title,
        ...(stored.authors.length > 0 ? { authors: stored.authors, authorsCut: stored.authorsCut } : {}),
        abstract: present(stored.abstract) ?? incoming.abstract,
      }
    : incoming;
  // A paper with an arXiv id keeps its links on arXiv: a page may link a copy elsewhere (a
  // Scholar result's [PDF] side link), and a compromised page could point the popup's Abstract
  // and PDF buttons, and the exports, anywhere.
  const preferred =
    idScheme(stored.id) === 'arxiv' ? { ...shown, url: onArxiv(shown.url) ? shown.url : '', pdfUrl: onArxiv(shown.pdfUrl) ? shown.pdfUrl : null } : shown;
  return {
    ...fillGaps(preferred, stored),
    id: stored.id,
    site: stored.site,
    aliases: clampAliases(stored.id, [...aliasesOf(stored), incoming.id, ...aliasesOf(incoming)]),
  };
}

function onArxiv(url: string | null): boolean {
  if (!url) return false;
  try {
    const { hostname } = new URL(url);
    return hostname === 'arxiv.org' || hostname.endsWith('.arxiv.org');
  } catch {
    return false;
  }
}

/** The flags the user sets. */
export type StateFlag = 'starred' | 'read' | 'dismissed';

/**
 * When a change made at `now` happened, as a time kept beside what it replaces (changed at
 * `previous`): `now`, unless that is not in a later second (this device's clock is behind the
 * one that made them, or the change came within the same second); then the next whole second.
 * Sync keeps whole seconds and lets the later time win: dated by the slow clock, the user's newer
 * decision (an unstar of a star synced from a device whose clock is ahead) lost to the older one,
 * and within one second the two tied, which the star won; the next sync brought the star back.
 */
export function changeTime(previous: number | null, now: number): number {
  return previous === null ? now : Math.max(now, (Math.floor(previous / 1000) + 1) * 1000);
}

/**
 * `time`, or `now` when it is later. A time given from elsewhere (a file, a page's undo) is only
 * as good as the clock that wrote it: one in the future would win every merge and sync against
 * the user's changes until then, and one past what Date holds shows as "Invalid Date".
 */
export function timeNotAfter(time: number | null, now: number): number | null {
  return time === null ? null : Math.min(time, now);
}

/** When a change of marks made at `now` happened, as marksAt (changeTime). */
export function nextMarksAt(state: Pick<PaperState, 'marksAt'>, now: number): number {
  return changeTime(state.marksAt, now);
}

/**
 * The state after the user sets `flag` to `value` at time `now`. Starring and dismissing exclude
 * each other: starring a dismissed paper takes back the dismissal, dismissing a starred paper
 * unstars it (a paper cannot be both a positive and a strong negative for the model).
 */
export function withFlag(state: PaperState, flag: StateFlag, value: boolean, now: number): PaperState {
  const changed = { ...state, marksAt: nextMarksAt(state, now), updatedAt: now };
  if (flag === 'starred') {
    const starred = { ...changed, starred: value, starredAt: value ? (state.starred ? state.starredAt : now) : null };
    return value ? { ...starred, dismissed: false } : starred;
  }
  if (flag === 'dismissed') return value ? { ...changed, dismissed: true, starred: false, starredAt: null } : { ...changed, dismissed: false };
  return { ...changed, read: value, readAt: value ? (state.read ? state.readAt : now) : null };
}

/** What a listing page needs of a paper's state: its marks, and when it was first seen (for "new"). */
export interface PageState {
  starred: boolean;
  read: boolean;
  dismissed: boolean;
  firstSeenAt: number | null;
}

/**
 * A PageState as the background sends it to pages: [flags (1 starred, 2 read, 4 dismissed),
 * firstSeenAt]. A returning reader's 2,000-entry listing has every paper stored: as full states
 * the answer was ≈ 480 KB of JSON to write in the worker and parse on the page's thread.
 */
export type PackedPageState = [flags: number, firstSeenAt: number | null];

export function packPageState(state: PageState): PackedPageState {
  return [(state.starred ? 1 : 0) | (state.read ? 2 : 0) | (state.dismissed ? 4 : 0), state.firstSeenAt];
}

export function unpackPageState([flags, firstSeenAt]: PackedPageState): PageState {
  return { starred: (flags & 1) !== 0, read: (flags & 2) !== 0, dismissed: (flags & 4) !== 0, firstSeenAt };
}

/** Only what a page needs of a state. */
export function pageStateOf({ starred, read, dismissed, firstSeenAt }: PageState): PageState {
  return { starred, read, dismissed, firstSeenAt };
}

/** A paper's three marks: what sync carries between devices. */
export interface Marks {
  starred: boolean;
  read: boolean;
  dismissed: boolean;
}

/**
 * The state after marks decided at `at` elsewhere (another device) replaced this one's. Times of
 * marks already held are kept (a star's date stays the first one); a new mark is dated `at`, or
 * `now` if that is later: a device whose clock is ahead dated a star a year from now, first in
 * Starred for a year, out of every week's count, exported with that date. (marksAt keeps `at`:
 * the newest decision wins by it.)
 */
export function withMarks(state: PaperState, marks: Marks, at: number, now: number): PaperState {
  const starred = marks.starred && !marks.dismissed;
  const dated = Math.min(at, now);
  return {
    ...state,
    starred,
    starredAt: starred ? (state.starred ? state.starredAt : dated) : null,
    read: marks.read,
    readAt: marks.read ? (state.read ? state.readAt : dated) : null,
    dismissed: marks.dismissed,
    marksAt: at,
    updatedAt: Math.max(state.updatedAt, dated),
  };
}

/** A paper's marks with their times: what an undo puts back exactly (a star keeps its date). */
export interface DatedMarks extends Marks {
  starredAt: number | null;
  readAt: number | null;
}

/** Only the marks and their times (of a state, or of marks that came with more fields). */
export function datedMarksOf(state: DatedMarks): DatedMarks {
  const { starred, starredAt, read, readAt, dismissed } = state;
  return { starred, starredAt, read, readAt, dismissed };
}

/**
 * The mark a change of `flag` made, with its time, as `marks` has it: what an undo of that change
 * puts back, and no other mark (starring and dismissing undo each other, so they go together).
 */
export function markFields(flag: StateFlag, marks: DatedMarks): Partial<DatedMarks> {
  const { starred, starredAt, read, readAt, dismissed } = marks;
  return flag === 'read' ? { read, readAt } : { starred, starredAt, dismissed };
}

/**
 * Whether `now`'s marks of `flag`'s kind (starred and dismissed go together) are still as a
 * change of `flag` left them (`left`), or as they were before it (`before`), times included:
 * only then may an undo of that change put them back. Marks of that kind given since elsewhere
 * (a dismissal in the popup after a page's star, a star taken back and given again, which has a
 * new date) must not be taken back by the page's undo; marks of the other kind are not looked
 * at, as the undo leaves them (see markFields). A dismissal has no date: one taken back and given
 * again is as the change left it.
 */
export function undoableSince(now: DatedMarks, flag: StateFlag, before: DatedMarks, left: DatedMarks): boolean {
  const kind = (marks: DatedMarks) => JSON.stringify(markFields(flag, datedMarksOf(marks)));
  return kind(now) === kind(left) || kind(now) === kind(before);
}

/**
 * The state with marks put back as they were before a change (an undo). The undo is the user's
 * newest decision, so `marksAt` is now (nextMarksAt): sync and imports carry it over an older copy.
 */
export function withDatedMarks(state: PaperState, marks: DatedMarks, now: number): PaperState {
  return { ...state, ...datedMarksOf(marks), marksAt: nextMarksAt(state, now), updatedAt: now };
}

/**
 * The state after the paper was seen at `now`. Last-seen is `now`, even when earlier than the
 * last sighting (the clock was set back: a time once ahead must not keep the paper from being
 * forgotten for good); first-seen is then never after it.
 */
export function withSeen(state: PaperState, now: number): PaperState {
  return { ...state, firstSeenAt: Math.min(state.firstSeenAt ?? now, now), lastSeenAt: now, updatedAt: Math.max(state.updatedAt, now) };
}
