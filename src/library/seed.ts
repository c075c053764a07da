/**
 * Starred papers made from an import file that names them (BibTeX, an id list), with the little
 * metadata the file gives; a page that shows the paper later fills in the rest (mergeMeta).
 * Pure, no browser APIs.
 */
import { aclAnthologyUrl, arxivAbsUrl, arxivPdfUrl, idScheme, idValue, type PaperId } from '../core/ids';
import { clampAliases, clampMeta, EMPTY_STATE, type PaperRecord } from '../core/paper';

/** The site recorded for papers that came from a file rather than a page. */
export const IMPORT_SITE = 'import';

export interface SeedInput {
  id: PaperId;
  /** Other ids the file gives the paper. */
  aliases?: readonly PaperId[];
  /** When missing, the id stands in for it ("arXiv:2408.00001"). */
  title?: string;
  authors?: string[];
  abstract?: string | null;
  primaryCategory?: string | null;
  /** The year the file gives (kept when it is one: see isYear). */
  year?: number;
  venue?: string;
}

/** A starred record (starred at `now`) for a paper an import file names. */
export function seedRecord(input: SeedInput, now: number): PaperRecord {
  const { id } = input;
  const arxiv = idScheme(id) === 'arxiv';
  const meta = clampMeta({
    id,
    title: input.title || (arxiv ? `arXiv:${idValue(id)}` : idValue(id)),
    authors: input.authors ?? [],
    abstract: input.abstract ?? null,
    url: landingUrl(id),
    pdfUrl: arxiv ? arxivPdfUrl(id) : null,
    primaryCategory: arxiv ? (input.primaryCategory ?? null) : null,
    subjects: [],
    comments: null,
    site: IMPORT_SITE,
    aliases: clampAliases(id, input.aliases ?? []),
    year: input.year,
    venue: input.venue,
  });
  return { ...meta, ...EMPTY_STATE, tags: [], starred: true, starredAt: now, marksAt: now, updatedAt: now };
}

/** The paper's page for an id: arXiv abstract page, ACL Anthology page, doi.org. */
export function landingUrl(id: PaperId): string {
  switch (idScheme(id)) {
    case 'arxiv':
      return arxivAbsUrl(id);
    case 'acl':
      return aclAnthologyUrl(id);
    case 'scholar':
      return `https://scholar.google.com/scholar?cluster=${idValue(id)}`;
    default:
      return `https://doi.org/${idValue(id).split('/').map(encodeURIComponent).join('/')}`;
  }
}
