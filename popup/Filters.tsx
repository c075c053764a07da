/** Filters (tag, site, status: read, unread or not interested; date range) and sort order of the library's list. */
import { useMemo } from 'preact/hooks';
import type { LibraryIndex, LibraryQuery } from '../src/library/search';

interface Props {
  query: LibraryQuery;
  index: LibraryIndex | null;
  version: number;
  onChange: (change: Partial<LibraryQuery>) => void;
  /** In the popup the filters fold away behind one toggle. */
  compact: boolean;
  /** The list is in an order of its own (search by meaning: nearest first), whatever the sort says. */
  ranked?: boolean;
}

const SITE_NAMES: Record<string, string> = { arxiv: 'arXiv', huggingface: 'Hugging Face', scholar: 'Google Scholar', acl: 'ACL Anthology' };

export function Filters({ query, index, version, onChange, compact, ranked = false }: Props) {
  const { view, tag, site, status, from, to } = query;
  // Counted in the view and the other filters: a tag's count is what choosing it shows (before any words typed).
  const tags = useMemo(() => index?.tagsIn({ ...query, text: '' }) ?? [], [index, version, view, tag, site, status, from, to]);
  const sites = index?.sites() ?? [];
  const active = [query.tag, query.site, query.from, query.to].filter((v) => v !== null).length + (query.status !== 'any' ? 1 : 0);
  const controls = (
    <div class="filters">
      <label>
        Tag{' '}
        <select data-paper-radar-filter="tag" value={query.tag ?? ''} onChange={(e) => onChange({ tag: value(e) || null })}>
          <option value="">any</option>
          {tags.map(({ tag, count }) => (
            <option key={tag} value={tag}>{`${tag} (${count})`}</option>
          ))}
        </select>
      </label>
      <label>
        Site{' '}
        <select data-paper-radar-filter="site" value={query.site ?? ''} onChange={(e) => onChange({ site: value(e) || null })}>
          <option value="">any</option>
          {sites.map((site) => (
            <option key={site} value={site}>
              {SITE_NAMES[site] ?? site}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status{' '}
        <select data-paper-radar-filter="status" value={query.status} onChange={(e) => onChange({ status: value(e) as LibraryQuery['status'] })}>
          <option value="any">any</option>
          <option value="unread">unread</option>
          <option value="read">read</option>
          <option value="dismissed">dismissed</option>
        </select>
      </label>
      <label>
        From{' '}
        <input type="date" data-paper-radar-filter="from" value={toDateInput(query.from)} onChange={(e) => onChange({ from: fromDateInput(value(e)) })} />
      </label>
      <label>
        To{' '}
        <input type="date" data-paper-radar-filter="to" value={toDateInput(query.to)} onChange={(e) => onChange({ to: fromDateInput(value(e)) })} />
      </label>
      <label>
        Sort{' '}
        <select data-paper-radar-filter="sort" value={ranked ? 'meaning' : query.sort} disabled={ranked} onChange={(e) => onChange({ sort: value(e) as LibraryQuery['sort'] })}>
          {ranked && <option value="meaning">nearest first</option>}
          <option value="date">{query.view === 'starred' ? 'date starred' : 'date seen'}</option>
          {/* Only Recommended's papers are scored (the others would all sort as unscored, by date). */}
          {query.view === 'recommended' && <option value="relevance">relevance</option>}
          <option value="title">title</option>
        </select>
      </label>
    </div>
  );
  if (!compact) return controls;
  return (
    <details class="filters-toggle">
      <summary>Filters{active > 0 ? ` (${active})` : ''}</summary>
      {controls}
    </details>
  );
}

function value(e: Event): string {
  return (e.target as HTMLInputElement | HTMLSelectElement).value;
}

/** A local day as the date input writes it (yyyy-mm-dd, the year in four digits or more), from epoch ms. */
export function toDateInput(time: number | null): string {
  if (time === null) return '';
  const d = new Date(time);
  return `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Local midnight of the date input's day (the search includes whole days). The year as written:
 * Chromium reports the date as each digit of its year is typed ("0002-05-01", "0020-05-01"…),
 * and `new Date(2, 4, 1)` is 1902, which the input then showed, under the user's typing.
 */
export function fromDateInput(text: string): number | null {
  const m = /^(\d{4,})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const day = new Date(0);
  day.setFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}
