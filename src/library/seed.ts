/**
 * Starred papers made from an import file that names them (BibTeX, RIS, an id list), with the
 * little metadata the file gives, and the tags and note it gives the paper (a reference
 * manager's keywords and notes); a page that shows the paper later fills in the rest (mergeMeta).
 * Pure, no browser APIs.
 */
import { arxivPdfUrl, canonicalId, idScheme, landingUrl, parseArxivId, withImpliedIds, type PaperId } from '../core/ids';
import { yearOf } from './paper-facts';
import { boundedUrl, clampAliases, clampMeta, EMPTY_STATE, fillGaps, normalizeNote, normalizeTags, standInTitle, type PaperRecord } from '../core/paper';

/** The site recorded for papers that came from a file rather than a page. */
export const IMPORT_SITE = 'import';

export interface SeedInput {
  id: PaperId;
  /** Other ids the file gives the paper. */
  aliases?: readonly PaperId[];
  /**
   * When missing, the id stands in for it ("arXiv:2408.00001": standInTitle), until a later entry,
   * file or page gives the paper's title (fillGaps counts a stand-in as missing).
   */
  title?: string;
  /**
   * The paper's link the file gives: kept for a paper only Google Scholar names (its publisher's
   * page beats the cluster's); any other paper's link is its id's page (landingUrl), as pages give.
   */
  url?: string;
  authors?: string[];
  /** The file ends the list with "and others" (BibTeX). */
  authorsCut?: boolean;
  abstract?: string | null;
  primaryCategory?: string | null;
  /** The year the file gives (kept when it is one: see isYear). */
  year?: number;
  venue?: string;
  /** The file's keywords for the paper (BibTeX `keywords`, RIS `KW`). */
  tags?: readonly string[];
  /** The file's note on the paper (RIS `N1`, BibTeX `annote`). */
  note?: string;
  /**
   * When the user's reference manager says it got the paper (BibTeX `date-added` and the like:
   * addedAtOf): its star time, when before the import. The import's time otherwise.
   */
  addedAt?: number;
}

/** A file's year for a paper, unless its ids (and venue) say the same without it (yearOf). */
function keptYear(r: Pick<PaperRecord, 'id' | 'aliases' | 'venue'>, year: number | undefined): number | undefined {
  return year !== undefined && yearOf({ ...r, year }) !== yearOf(r) ? year : undefined;
}

/**
 * A starred record for a paper an import file names: starred when the file says it was added, if
 * it says so, else at `now`; marked at `now` either way (the import is the decision sync weighs).
 */
export function seedRecord(input: SeedInput, now: number): PaperRecord {
  const { id } = input;
  const arxiv = idScheme(id) === 'arxiv';
  const meta = clampMeta({
    id,
    title: input.title || standInTitle(id),
    authors: input.authors ?? [],
    ...(input.authorsCut === true ? { authorsCut: true as const } : {}),
    abstract: input.abstract ?? null,
    url: (idScheme(id) === 'scholar' && boundedUrl(input.url)) || landingUrl(id),
    pdfUrl: arxiv ? arxivPdfUrl(id) : null,
    primaryCategory: arxiv ? (input.primaryCategory ?? null) : null,
    subjects: [],
    comments: null,
    site: IMPORT_SITE,
    // An ACL DOI names its Anthology paper too: the star shows on the paper's Anthology listing.
    aliases: clampAliases(id, withImpliedIds([id, ...(input.aliases ?? [])])),
    // Only a year that changes what the ids say (see yearOf): kept where they say the same, it
    // would only make a re-import of our own export count every paper as updated.
    year: keptYear({ id, aliases: [...(input.aliases ?? [])], venue: input.venue }, input.year),
    venue: input.venue,
  });
  const tags = normalizeTags(input.tags ?? []);
  const note = normalizeNote(input.note ?? '');
  return {
    ...meta,
    ...EMPTY_STATE,
    tags,
    note,
    starred: true,
    starredAt: input.addedAt !== undefined && input.addedAt < now ? input.addedAt : now,
    marksAt: now,
    annotatedAt: tags.length > 0 || note !== '' ? now : null,
    updatedAt: now,
  };
}

/** The date the file gave a seed's star (its reference manager's date-added), or null: seedRecord dates a star before `now` only then. */
export function filedStarDate(seed: PaperRecord, now: number): number | null {
  return seed.starredAt !== null && seed.starredAt < now ? seed.starredAt : null;
}

/** The papers a file names, one per paper, and the keys of its entries (records) naming none. */
export interface Seeds {
  papers: PaperRecord[];
  /** In file order. */
  skipped: string[];
}

/**
 * Seeds from a file's entries: `seedOf` makes each entry's paper (null when it names none);
 * entries naming the same paper are one, each filling the other's gaps, with the tags of both.
 */
export function collectSeeds<E>(entries: Iterable<E>, seedOf: (entry: E) => PaperRecord | null, keyOf: (entry: E) => string): Seeds {
  const byId = new Map<PaperId, PaperRecord>();
  const skipped: string[] = [];
  for (const entry of entries) {
    const record = seedOf(entry);
    if (!record) skipped.push(keyOf(entry));
    else {
      const earlier = byId.get(record.id);
      const tags = earlier ? normalizeTags([...earlier.tags, ...record.tags]) : record.tags;
      byId.set(record.id, earlier ? { ...earlier, ...fillGaps(earlier, record), tags, note: earlier.note || record.note } : record);
    }
  }
  return { papers: [...byId.values()], skipped };
}

/**
 * The arXiv id a citation field names, or null: as "arXiv:1706.03762", or as Google Scholar's
 * journal does, "arXiv preprint arXiv:1706.03762", and for an old-style id without the "arXiv:"
 * ("arXiv preprint math/0211159"). Running text puts it in brackets ("Preprint (arXiv:…)",
 * "[arXiv:…]"), which are no part of an id.
 */
export function arxivIdIn(text: string): PaperId | null {
  for (const [, named] of text.matchAll(/arXiv(?::|\s+preprint\s+(?:arXiv:)?)\s*([^\s,;()[\]]+)/gi)) {
    const bare = parseArxivId(named!);
    if (bare) return `arxiv:${bare}`;
  }
  return null;
}

/**
 * The links a link field holds: Mendeley writes all of an entry's links into one BibTeX `url`
 * (RIS `UR`), separated by spaces.
 */
export function linksIn(field: string): string[] {
  return field.split(/\s+/).filter((link) => link !== '');
}

/**
 * The paper a link names: one canonicalId reads (arXiv, doi.org, the ACL Anthology…), or a
 * Google Scholar cluster page, which our own export writes for a paper Scholar names (for one
 * that only Scholar names, it is the only id the file has).
 */
export function paperIdOfLink(url: string): PaperId | null {
  const cluster = /^https?:\/\/scholar\.google\.[a-z.]+\/scholar\?(?:[^#]*&)?cluster=(\d+)(?:[&#]|$)/i.exec(url.trim())?.[1];
  return canonicalId(cluster ? `scholar:${cluster}` : url);
}

/** A DOI field's paper: a bare DOI ("10.1000/x") or a doi.org URL. */
export function doiFieldId(value: string): PaperId | null {
  return canonicalId(value.startsWith('10.') ? `doi:${value}` : value);
}

/**
 * Where a file says the paper appeared, unless it only names arXiv ("arXiv preprint arXiv:…", or
 * DBLP's "CoRR": that is the eprint, read as an id).
 */
export function venueOf(value: string): string | undefined {
  return value !== '' && !/\barxiv\b|^corr$/i.test(value) ? value : undefined;
}
