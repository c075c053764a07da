/**
 * The popup: starred papers (newest first) and recently seen papers, each with title, authors
 * and a link to the abstract; unstar and mark read from here. Data access is passed in (api) so
 * the component tree renders in tests without extension APIs.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { BROKEN_PAGE_MESSAGE, pageHealth, type PageReport } from '../src/core/page-health';
import type { PaperRecord } from '../src/core/paper';
import type { Flag } from '../src/messages';
import { PaperList } from './PaperList';

export interface Library {
  starred: PaperRecord[];
  recent: PaperRecord[];
}

export interface LibraryApi {
  load(): Promise<Library>;
  /** What Paper Radar found on the active tab, or null (not a supported page). */
  pageReport(): Promise<PageReport | null>;
  /**
   * Orders the active tab's listing by relevance (true) or the site's order (false), or only
   * asks (undefined); resolves with the order now shown, or null when the tab has no listing.
   */
  orderByRelevance(on?: boolean): Promise<boolean | null>;
  setFlag(id: string, flag: Flag, value: boolean): Promise<void>;
  /** Calls back when papers change elsewhere; returns the unsubscribe function. */
  subscribe(onChange: () => void): () => void;
}

type View = 'starred' | 'recent';

export function App({ api }: { api: LibraryApi }) {
  const [library, setLibrary] = useState<Library | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<View>('starred');
  const [page, setPage] = useState<PageReport | null>(null);

  useEffect(() => {
    api.pageReport().then(setPage, () => setPage(null));
  }, [api]);

  const reload = useCallback(() => {
    api.load().then(
      (lib) => {
        setLibrary(lib);
        setError(null);
      },
      (e: unknown) => setError(`Could not read your library: ${e instanceof Error ? e.message : String(e)}`),
    );
  }, [api]);

  useEffect(() => {
    reload();
    return api.subscribe(reload);
  }, [api, reload]);

  const setFlag = useCallback(
    (id: string, flag: Flag, value: boolean) => {
      api.setFlag(id, flag, value).then(reload, (e: unknown) =>
        setError(`Could not save that change: ${e instanceof Error ? e.message : String(e)}`),
      );
    },
    [api, reload],
  );

  const tabs: Array<{ id: View; label: string; count: number | null }> = [
    { id: 'starred', label: 'Starred', count: library?.starred.length ?? null },
    { id: 'recent', label: 'Recently seen', count: library?.recent.length ?? null },
  ];

  return (
    <main class="popup">
      <header class="popup-header">
        <h1>Paper Radar</h1>
        <a class="options-link" href="../options/index.html" target="_blank" rel="noopener" data-paper-radar-options>
          Interests…
        </a>
      </header>
      {page && <PageStatus report={page} api={api} />}
      <nav class="tabs" role="tablist" aria-label="Paper lists">
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={view === tab.id}
            aria-controls={`panel-${tab.id}`}
            class={view === tab.id ? 'tab active' : 'tab'}
            onClick={() => setView(tab.id)}
          >
            {tab.label}
            {tab.count !== null && <span class="count">{tab.count}</span>}
          </button>
        ))}
      </nav>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <section role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`}>
        {library === null ? (
          !error && <p class="empty">Loading…</p>
        ) : view === 'starred' ? (
          <PaperList
            papers={library.starred}
            when={(p) => p.starredAt}
            whenLabel="starred"
            empty="No starred papers yet. Star papers with ☆ on arXiv listing pages."
            onFlag={setFlag}
          />
        ) : (
          <PaperList
            papers={library.recent}
            when={(p) => p.lastSeenAt}
            whenLabel="seen"
            empty="Papers you scroll past on arXiv listings show up here."
            onFlag={setFlag}
          />
        )}
      </section>
    </main>
  );
}

/** One line about the active tab; a warning when the site seems to have changed its markup. */
function PageStatus({ report, api }: { report: PageReport; api: LibraryApi }) {
  const health = pageHealth(report);
  const [ordered, setOrdered] = useState<boolean | null>(null);
  useEffect(() => {
    if (health === 'ok') api.orderByRelevance().then(setOrdered, () => setOrdered(null));
  }, [api, health]);
  if (health === 'broken') {
    return (
      <p class="page-status broken" role="alert" data-paper-radar-page-status="broken">
        {BROKEN_PAGE_MESSAGE}
      </p>
    );
  }
  return (
    <p class="page-status" data-paper-radar-page-status={health}>
      <span class="page-count">
        {health === 'ok' ? `${report.entries} ${report.entries === 1 ? 'paper' : 'papers'} on this page` : 'No papers on this page'}
      </span>
      {ordered !== null && (
        <button
          type="button"
          class="order"
          data-paper-radar-action="order-by-relevance"
          aria-pressed={ordered}
          onClick={() => api.orderByRelevance(!ordered).then(setOrdered, () => setOrdered(null))}
        >
          {ordered ? 'Most relevant first ✓' : 'Most relevant first'}
        </button>
      )}
    </p>
  );
}
