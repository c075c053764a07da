/** One line about the active tab; a warning when the site seems to have changed its markup. */
import { useEffect, useState } from 'preact/hooks';
import { BROKEN_PAGE_MESSAGE, pageHealth, type PageReport } from '../src/core/page-health';
import type { LibraryApi } from './library-api';

export function PageStatus({ api }: { api: LibraryApi }) {
  const [report, setReport] = useState<PageReport | null>(null);
  const [ordered, setOrdered] = useState<boolean | null>(null);
  useEffect(() => {
    api.pageReport().then(setReport, () => setReport(null));
  }, [api]);
  const health = report ? pageHealth(report) : null;
  useEffect(() => {
    if (health === 'ok') api.orderByRelevance().then(setOrdered, () => setOrdered(null));
  }, [api, health]);
  if (!report || !health) return null;
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
