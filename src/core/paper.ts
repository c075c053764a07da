/**
 * The paper record: what a site adapter extracts (PaperMeta), what the user did with it
 * (PaperState), and the limits every record must respect. Pure, no browser APIs.
 */
import type { PaperId } from './ids';
import { collapseWhitespace, safeHttpUrl, truncate } from './text';

/** What a listing page says about a paper. */
export interface PaperMeta {
  id: PaperId;
  title: string;
  authors: string[];
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
}

/** What the user did with a paper. Times are epoch milliseconds. */
export interface PaperState {
  starred: boolean;
  starredAt: number | null;
  read: boolean;
  readAt: number | null;
  /** When the paper was first / last at least half visible for a second. */
  firstSeenAt: number | null;
  lastSeenAt: number | null;
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
  url: 2_000,
  category: 40,
  subjects: 30,
  site: 40,
  /** Papers in one message (a listing page can show 2,000; a batch is capped below this). */
  batch: 5_000,
} as const;

export const EMPTY_STATE: Readonly<PaperState> = Object.freeze({
  starred: false,
  starredAt: null,
  read: false,
  readAt: null,
  firstSeenAt: null,
  lastSeenAt: null,
  updatedAt: 0,
});

/** The state part of a record (what content scripts and the popup need to render a paper). */
export function stateOf(record: PaperState | undefined | null): PaperState {
  if (!record) return { ...EMPTY_STATE };
  const { starred, starredAt, read, readAt, firstSeenAt, lastSeenAt, updatedAt } = record;
  return { starred, starredAt, read, readAt, firstSeenAt, lastSeenAt, updatedAt };
}

/**
 * Normalizes page-derived metadata: collapses whitespace, cuts every field to its limit, drops
 * non-http(s) URLs. Adapters call it so that what they emit is already within the protocol's
 * limits; the background validates again (it trusts no sender).
 */
export function clampMeta(meta: PaperMeta): PaperMeta {
  const text = (s: string, max: number) => truncate(collapseWhitespace(s), max);
  const optional = (s: string | null, max: number) => {
    const t = s == null ? '' : text(s, max);
    return t === '' ? null : t;
  };
  return {
    id: meta.id,
    title: text(meta.title, LIMITS.title),
    authors: meta.authors
      .map((a) => text(a, LIMITS.author))
      .filter((a) => a !== '')
      .slice(0, LIMITS.authors),
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
  };
}

function boundedUrl(href: string | null): string | null {
  const url = safeHttpUrl(href);
  return url !== null && url.length <= LIMITS.url ? url : null;
}

/**
 * Newer metadata from a page, merged over what is stored: a field the new page does not show
 * (e.g. a /pastweek listing has no abstracts) keeps the stored value.
 */
export function mergeMeta(stored: PaperMeta, incoming: PaperMeta): PaperMeta {
  const pick = <T>(a: T | null, b: T | null): T | null => (a == null || a === '' ? b : a);
  return {
    id: stored.id,
    title: incoming.title || stored.title,
    authors: incoming.authors.length > 0 ? incoming.authors : stored.authors,
    abstract: pick(incoming.abstract, stored.abstract),
    url: incoming.url || stored.url,
    pdfUrl: pick(incoming.pdfUrl, stored.pdfUrl),
    primaryCategory: pick(incoming.primaryCategory, stored.primaryCategory),
    subjects: incoming.subjects.length > 0 ? incoming.subjects : stored.subjects,
    comments: pick(incoming.comments, stored.comments),
    site: stored.site,
  };
}

/** The state after the user sets `flag` to `value` at time `now`. */
export function withFlag(state: PaperState, flag: 'starred' | 'read', value: boolean, now: number): PaperState {
  if (flag === 'starred') return { ...state, starred: value, starredAt: value ? (state.starred ? state.starredAt : now) : null, updatedAt: now };
  return { ...state, read: value, readAt: value ? (state.read ? state.readAt : now) : null, updatedAt: now };
}

/** The state after the paper was seen at `now`. */
export function withSeen(state: PaperState, now: number): PaperState {
  return { ...state, firstSeenAt: state.firstSeenAt ?? now, lastSeenAt: now, updatedAt: Math.max(state.updatedAt, now) };
}
