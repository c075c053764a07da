/**
 * How an imported paper meets the library's copy of it. Pure, no browser APIs. The store
 * (importRecords in src/store/papers.ts) finds the local record by any of the paper's ids and
 * calls one of these per imported paper; papers the import does not name are never touched, so
 * an import can add and update but never delete.
 *
 * Two kinds of import, two rules:
 *   - mergeImported, for our JSON library (a backup, another browser's library): the newer
 *     change wins, whole, so that an unstar or a deleted note made later elsewhere is carried
 *     over, not undone by a union. The marks — starred, read, dismissed with their times — come
 *     from the record whose marks changed later (marksAt, as sync compares them; the local one
 *     on a tie), so that merely seeing a paper elsewhere never undoes a star; tags and note
 *     likewise from the record whose tags or note changed later (annotatedAt), so that a paper
 *     seen here since the backup was made gets its tags back. Sightings are observations, not
 *     decisions: first seen is the earliest, last seen the latest of both. Metadata: the record
 *     updated later (updatedAt), gaps filled from the other.
 *   - seedImported, for papers listed in BibTeX, RIS or an id list (titles and ids, maybe tags
 *     and a note, no history): they can only add. A paper not in the library arrives starred. A
 *     local paper keeps all it has — flags, times, tags, note — and is starred only when the user
 *     has neither starred it already (its star time stays) nor dismissed it ("not interested" is
 *     a decision the file knows nothing about); the file only fills gaps in its metadata, adds
 *     its tags to the paper's, and gives its note to a paper that has none. A star is dated when
 *     the file says the user's reference manager got the paper (BibTeX's `date-added` and the
 *     like), else at the import; its marks' time (marksAt) is the import's either way.
 */
import { earliest, latest, rekeyMeta, winnerOf } from '../core/merge';
import { fillGaps, metaOf, normalizeTags, tagsThatFit, timeNotAfter, withFlag, type PaperMeta, type PaperRecord, type PaperState } from '../core/paper';
import { filedStarDate } from './seed';

export type ImportMode = 'merge' | 'seed';
export type Combine = (local: PaperRecord | undefined, incoming: PaperRecord) => PaperRecord;

export function mergeImported(local: PaperRecord | undefined, incoming: PaperRecord): PaperRecord {
  if (!local) return incoming;
  const [newer, older] = incoming.updatedAt > local.updatedAt ? [incoming, local] : [local, incoming];
  const marked = (incoming.marksAt ?? -1) > (local.marksAt ?? -1) ? incoming : local;
  const annotated = (incoming.annotatedAt ?? -1) > (local.annotatedAt ?? -1) ? incoming : local;
  const { starred, starredAt, read, readAt, dismissed, marksAt } = marked;
  const { tags, note, annotatedAt } = annotated;
  const state: PaperState = {
    ...{ starred, starredAt, read, readAt, dismissed, marksAt },
    ...{ tags, note, annotatedAt },
    firstSeenAt: earliest(local.firstSeenAt, incoming.firstSeenAt),
    lastSeenAt: latest(local.lastSeenAt, incoming.lastSeenAt),
    updatedAt: newer.updatedAt,
  };
  return { ...metaOfPair(newer, older, local), ...state };
}

/** The seed rule above, starring at `now`. */
export function seedImported(now: number): Combine {
  return (local, incoming) => {
    if (!local) return incoming;
    const meta = metaOfPair(local, incoming, local);
    const keep = local.starred || local.dismissed;
    const state = keep ? stateFields(local) : starredAsFiled(stateFields(local), incoming, now, local.updatedAt);
    // The paper's own tags stay as the user wrote them (a file's "Reading Group" adds nothing to
    // "reading group"), and are never pushed out by the file's at LIMITS.tags.
    const added = tagsThatFit(local.tags, incoming.tags);
    const tags = added.length > 0 ? normalizeTags([...local.tags, ...added]) : local.tags;
    const note = local.note || incoming.note;
    const annotated = added.length > 0 || note !== local.note;
    return { ...meta, ...state, tags, note, ...(annotated ? { annotatedAt: Math.max(now, local.annotatedAt ?? 0), updatedAt: Math.max(now, state.updatedAt) } : {}) };
  };
}

/**
 * `state` starred by an import at `now` (not dated before its last change, `changedAt`), and
 * dated when the file says the paper was added to the user's reference manager (filedStarDate).
 */
function starredAsFiled(state: PaperState, filed: PaperRecord, now: number, changedAt: number): PaperState {
  const starred = withFlag(state, 'starred', true, Math.max(now, changedAt));
  const filedAt = filedStarDate(filed, now);
  return filedAt === null ? starred : { ...starred, starredAt: filedAt };
}

/** The combiner for an import of `mode`, at `now`; the file's times are taken as notAfter(now). */
export function combinerFor(mode: ImportMode, now: number): Combine {
  const combine = mode === 'merge' ? mergeImported : seedImported(now);
  return (local, incoming) => combine(local, notAfter(incoming, now));
}

/** The record with no time later than `now` (timeNotAfter): a file's times are only as good as its device's clock. */
function notAfter(record: PaperRecord, now: number): PaperRecord {
  const early = (time: number | null) => timeNotAfter(time, now);
  return {
    ...record,
    starredAt: early(record.starredAt),
    readAt: early(record.readAt),
    firstSeenAt: early(record.firstSeenAt),
    lastSeenAt: early(record.lastSeenAt),
    marksAt: early(record.marksAt),
    annotatedAt: early(record.annotatedAt),
    updatedAt: Math.min(record.updatedAt, now),
  };
}

/**
 * `preferred`'s metadata with gaps filled from `other`, kept under the better of both ids (the
 * local one when they are the same paper under one id, as the store usually hands them).
 */
function metaOfPair(preferred: PaperRecord, other: PaperRecord, local: PaperRecord): PaperMeta {
  const filled = fillGaps(metaOf(preferred), metaOf(other));
  return rekeyMeta(filled, winnerOf([local.id, preferred.id, other.id]));
}

function stateFields(r: PaperRecord): PaperState {
  const { starred, starredAt, read, readAt, dismissed, firstSeenAt, lastSeenAt, tags, note, marksAt, annotatedAt, updatedAt } = r;
  return { starred, starredAt, read, readAt, dismissed, firstSeenAt, lastSeenAt, tags, note, marksAt, annotatedAt, updatedAt };
}
