/**
 * Records stored by earlier releases, brought to what the store accepts now (the schema 7
 * migration runs these over every record). Earlier releases could store what the worker now
 * refuses: a title of one zero-width space from a hostile page, a blank venue, an alias the
 * store had refused to link (it leads to another paper), tags in another Unicode form than the
 * one they are now kept in. The library's JSON backup of such a record was refused by its own
 * importer, and two spellings of one tag were two tags. Pure, no browser APIs.
 */
import { idScheme } from '../core/ids';
import { normalizeTags, sameTags, type PaperMeta } from '../core/paper';
import { collapseWhitespace } from '../core/text';
import type { StoredState } from './db';

const blank = (s: string) => collapseWhitespace(s) === '';

/**
 * `meta` as the store keeps it now, or null when it already is. `leadsHere` says whether an id
 * leads to this record (the alias table points it here): a record lists only those as aliases.
 * A blank title becomes the paper's id (the next page that shows the paper gives its real
 * title), a blank site the id's scheme, a blank venue none.
 */
export function repairedMeta(meta: PaperMeta, leadsHere: (id: string) => boolean): PaperMeta | null {
  const aliases = meta.aliases.filter(leadsHere);
  const badVenue = meta.venue !== undefined && blank(meta.venue);
  if (!blank(meta.title) && !blank(meta.site) && !badVenue && aliases.length === meta.aliases.length) return null;
  const { venue, ...rest } = meta;
  return {
    ...rest,
    title: blank(meta.title) ? meta.id : meta.title,
    site: blank(meta.site) ? idScheme(meta.id) : meta.site,
    aliases,
    ...(badVenue || venue === undefined ? {} : { venue }),
  };
}

/** `state` with its tags as they are kept now (normalizeTags), or null when they already are. */
export function repairedState(state: StoredState): StoredState | null {
  const tags = normalizeTags(state.tags);
  return sameTags(tags, state.tags) ? null : { ...state, tags };
}
