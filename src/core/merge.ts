/**
 * One paper, one record: the rules for merging the records of one paper that were stored under
 * different canonical ids (a Scholar result first kept as `scholar:<cluster>`, later shown with
 * its arXiv link). Pure, no browser APIs; the store (src/store/papers.ts) applies them inside
 * one transaction.
 *
 * Which id wins: the best-ranked scheme, arxiv > doi > acl > scholar (then the smaller id, so
 * that two ids of one scheme still have one winner whatever order they are met in):
 *   - arxiv: the arXiv and Hugging Face adapters, the busiest pages, only ever know the arXiv id
 *     and send no aliases. Keyed by it, their listings read states directly (no alias hop for
 *     thousands of entries), and an arXiv id is never merged away except into another arXiv id.
 *     It is also the id the Scholar adapter already prefers for a preprint with a journal DOI.
 *   - doi: a publisher-independent persistent id that many sites can name (publishers, Scholar
 *     links, arXiv "related DOI", Anthology paper pages); an ACL DOI (10.18653/v1/<anthology id>)
 *     says the same as the Anthology id and is recognized by more sites.
 *   - acl: names the paper on one site (and links to it).
 *   - scholar: a cluster number, which Google may split or re-merge over time; the id of last
 *     resort, used only for results that link nothing better.
 * The merge never depends on the winner for what the user did (states merge symmetrically); the
 * winner only decides under which key the record lives and whose metadata comes first.
 */
import { idScheme, type PaperId } from './ids';
import { aliasesOf, clampAliases, EMPTY_STATE, normalizeNote, normalizeTags, pageStateOf, type PageState, type PaperMeta, type PaperState } from './paper';

/** Schemes, best first. */
export const ID_RANK = ['arxiv', 'doi', 'acl', 'scholar'] as const;

/** The rank of an id's scheme: 0 for arxiv; unknown schemes after every known one. */
export function idRank(id: PaperId): number {
  const rank = (ID_RANK as readonly string[]).indexOf(idScheme(id));
  return rank === -1 ? ID_RANK.length : rank;
}

/** Negative when `a` should win over `b`, positive when `b` should, 0 only when they are equal. */
export function compareIds(a: PaperId, b: PaperId): number {
  return idRank(a) - idRank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The id a paper known under all of `ids` is kept under. Throws on no ids. */
export function winnerOf(ids: Iterable<PaperId>): PaperId {
  let best: PaperId | undefined;
  for (const id of ids) if (best === undefined || compareIds(id, best) < 0) best = id;
  if (best === undefined) throw new Error('winnerOf: no ids');
  return best;
}

/**
 * How each state field of two records of one paper combine. Nothing the user did is lost:
 * starred / read if either record is (with the earliest time it happened), seen from the
 * earliest first sighting to the latest last one, updated at the latest change. Every rule is
 * commutative and associative, so the order in which records meet does not matter. Adding a
 * field to PaperState = one line here (a missing line is a compile error). Tags: the union;
 * notes: both kept (one after the other, in a fixed order so that the rule stays commutative).
 */
const STATE_FIELDS: { [K in keyof PaperState]: (a: PaperState, b: PaperState) => PaperState[K] } = {
  starred: (a, b) => a.starred || b.starred,
  starredAt: (a, b) => earliest(a.starred ? a.starredAt : null, b.starred ? b.starredAt : null),
  read: (a, b) => a.read || b.read,
  readAt: (a, b) => earliest(a.read ? a.readAt : null, b.read ? b.readAt : null),
  dismissed: (a, b) => a.dismissed || b.dismissed,
  firstSeenAt: (a, b) => earliest(a.firstSeenAt, b.firstSeenAt),
  lastSeenAt: (a, b) => latest(a.lastSeenAt, b.lastSeenAt),
  tags: (a, b) => normalizeTags([...a.tags, ...b.tags]),
  note: (a, b) => bothNotes(a.note, b.note),
  marksAt: (a, b) => latest(a.marksAt, b.marksAt),
  annotatedAt: (a, b) => latest(a.annotatedAt, b.annotatedAt),
  updatedAt: (a, b) => Math.max(a.updatedAt, b.updatedAt),
};

/**
 * The state of one paper whose records had states `a` and `b`. A paper starred under one id and
 * dismissed under another stays starred and is not dismissed: the two exclude each other (as
 * withFlag keeps them), and a saved paper is the one not to lose. This keeps the rule
 * commutative and associative: whatever the order, dismissed = some record dismissed it and
 * none starred it.
 */
export function mergeStates(a: PaperState, b: PaperState): PaperState {
  const out = {} as Record<keyof PaperState, unknown>;
  for (const key of Object.keys(STATE_FIELDS) as Array<keyof PaperState>) out[key] = STATE_FIELDS[key](a, b);
  const merged = out as unknown as PaperState;
  return merged.starred && merged.dismissed ? { ...merged, dismissed: false } : merged;
}

/** All of `states` merged (EMPTY_STATE for none). */
export function mergeAllStates(states: Iterable<PaperState>): PaperState {
  let merged: PaperState = { ...EMPTY_STATE };
  for (const state of states) merged = mergeStates(merged, state);
  return merged;
}

/**
 * What a page shows of one paper whose ids lead to several stored records (a Scholar result's
 * arXiv id and its cluster, kept apart until a write names both): the marks as the store will
 * merge the records. Undefined when none is stored.
 */
export function mergePageStates(states: ReadonlyArray<PageState | undefined>): PageState | undefined {
  const stored = states.filter((state): state is PageState => state !== undefined);
  return stored.length <= 1 ? stored[0] : pageStateOf(mergeAllStates(stored.map((state) => ({ ...EMPTY_STATE, ...state }))));
}

/** `meta` moved to id `id`: its old id becomes an alias. */
export function rekeyMeta(meta: PaperMeta, id: PaperId): PaperMeta {
  if (meta.id === id) return meta;
  return { ...meta, id, aliases: clampAliases(id, [meta.id, ...aliasesOf(meta)]) };
}

/**
 * Two notes of one paper: one when they are the same or one is empty, else every paragraph of
 * either, once, in sorted order (so the rule is commutative and associative; two notes of one
 * paper only meet when records kept under different ids merge, which is rare).
 */
function bothNotes(a: string, b: string): string {
  if (a === b || b === '') return a;
  if (a === '') return b;
  const paragraphs = new Set([...a.split('\n\n'), ...b.split('\n\n')]);
  return normalizeNote([...paragraphs].sort().join('\n\n'));
}

/** The earlier of two times, either missing (null). */
export function earliest(a: number | null, b: number | null): number | null {
  return a == null ? b : b == null ? a : Math.min(a, b);
}

/** The later of two times, either missing (null). */
export function latest(a: number | null, b: number | null): number | null {
  return a == null ? b : b == null ? a : Math.max(a, b);
}
