/**
 * What the library knows about a paper besides its title and authors, as a reader wants it in
 * the popup's detail pane: the ids one cites or looks it up by, where and when it appeared, its
 * subjects and the authors' comments ("accepted for publication in A&A"). Pure, no browser APIs.
 * The year is worked out as BibTeX and CSV export it.
 */
import { idScheme, idValue, type PaperId } from '../core/ids';
import { aliasesOf, isYear, type PaperRecord } from '../core/paper';

export interface PaperFacts {
  /** Its ids as written in citations ("arXiv:2408.03961", "doi:10.1002/jqs.691"), its own first. */
  ids: string[];
  year: number | null;
  venue: string | null;
  /** Its arXiv subject classes, the primary one first. */
  subjects: string[];
  comments: string | null;
}

export function paperFacts(r: PaperRecord): PaperFacts {
  const subjects = [...new Set([r.primaryCategory, ...r.subjects].filter((s): s is string => Boolean(s)))];
  return {
    ids: idsOf(r).map(citedId).filter((id): id is string => id !== null),
    year: yearOf(r),
    venue: r.venue || null,
    subjects,
    comments: r.comments || null,
  };
}

/** The paper's ids, its own first. */
export function idsOf(r: Pick<PaperRecord, 'id' | 'aliases'>): PaperId[] {
  return [r.id, ...aliasesOf(r)];
}

/**
 * An id as people write it: arXiv's "arXiv:2408.03961", "doi:…", "ACL 2020.acl-main.1"; null for
 * a Scholar cluster id, a number no reader looks a paper up by.
 */
export function citedId(id: PaperId): string | null {
  switch (idScheme(id)) {
    case 'arxiv':
      return `arXiv:${idValue(id)}`;
    case 'doi':
      return `doi:${idValue(id)}`;
    case 'acl':
      return `ACL ${idValue(id)}`;
    default:
      return null;
  }
}

/**
 * The year the paper appeared: an ACL Anthology id's (its venue's year); else, for a paper with a
 * venue (a journal a file or page named), the year given with it; else an arXiv id's (the
 * preprint's: a 2019 preprint in a 2021 journal is cited as 2021); else the one its page showed,
 * or null.
 */
export function yearOf(r: Pick<PaperRecord, 'id' | 'aliases' | 'year' | 'venue'>): number | null {
  let preprint: number | null = null;
  for (const id of idsOf(r)) {
    const value = idValue(id);
    let m: RegExpExecArray | null;
    if (idScheme(id) === 'acl') {
      if ((m = /^(\d{4})\./.exec(value))) return Number(m[1]);
      // Old-style Anthology ids ran from 1965 to 2019: P19-1001, C65-1001.
      if ((m = /^[A-Z](\d{2})-/.exec(value))) return Number(m[1]) <= 19 ? 2000 + Number(m[1]) : 1900 + Number(m[1]);
    } else if (idScheme(id) === 'arxiv' && preprint === null) {
      // New-style ids start in 2007 (YYMM.…); old-style ones ran 1991–2007 (archive/YYMMNNN).
      if ((m = /^(\d{2})\d{2}\./.exec(value))) preprint = 2000 + Number(m[1]);
      else if ((m = /\/(\d{2})\d{5}$/.exec(value))) preprint = Number(m[1]) >= 91 ? 1900 + Number(m[1]) : 2000 + Number(m[1]);
    }
  }
  if (r.venue && isYear(r.year)) return r.year;
  return preprint ?? (isYear(r.year) ? r.year : null);
}
