/**
 * One line about the active tab: its papers, whether it is a private window (where nothing seen is
 * recorded), and the page's toggles; a warning when the site seems to have changed its markup.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { BROKEN_PAGE_MESSAGE, pageHealth } from '../src/core/page-health';
import type { PageView, PageViewChange } from '../src/page-commands';
import type { LibraryApi } from './library-api';

/**
 * How long to wait before asking a silent page again. The popup may open while the page is still
 * loading, before its content script (which runs once the page has loaded) can answer; a tab
 * Paper Radar does not run on costs these few unanswered messages.
 */
export const PAGE_RETRY_MS = [250, 500, 1_000, 2_000, 4_000] as const;

export function PageStatus({
  api,
  retryMs = PAGE_RETRY_MS,
  unranked = null,
}: {
  api: LibraryApi;
  retryMs?: readonly number[];
  /** When there is nothing to rank papers by yet: a link saying how to give something. */
  unranked?: ComponentChildren;
}) {
  const [view, setView] = useState<PageView | null>(null);
  // Only the answer to the latest question is shown: an older one arriving late (a re-read sent
  // before a toggle) would show the page as it was. A toggle shows at once, so a second click
  // before the page answers toggles back, not the same way again.
  const asked = useRef(0);
  /** Resolves true when this was the latest question and the page did not answer it. */
  const change = (to?: PageViewChange): Promise<boolean> => {
    const question = ++asked.current;
    if (to) setView((shown) => shown && { ...shown, ...toggled(to) });
    const latest = (answer: PageView | null) => {
      if (question !== asked.current) return false;
      setView(answer);
      return answer === null;
    };
    return api.pageView(to).then(latest, () => latest(null));
  };
  useEffect(() => {
    let retry: ReturnType<typeof setTimeout> | undefined;
    const ask = (attempt: number) =>
      void change().then((silent) => {
        if (silent && attempt < retryMs.length) retry = setTimeout(() => ask(attempt + 1), retryMs[attempt]);
      });
    ask(0);
    // Papers marked here (or anywhere) change how many the page hides: ask the page again.
    const unsubscribe = api.subscribe((_ids, kind) => {
      if (kind === 'changed') void change();
    });
    return () => {
      clearTimeout(retry);
      unsubscribe();
    };
  }, [api]);
  if (!view) return null;
  const { report } = view;
  const health = pageHealth(report);
  if (health === 'broken') {
    return (
      <p class="page-status broken" role="alert" data-paper-radar-page-status="broken">
        {BROKEN_PAGE_MESSAGE}
      </p>
    );
  }
  const ordered = view.orderedByRelevance;
  // Offered where there is something to order: several entries, and scores to order them by (a
  // paper's own page has one; a new user, no interests or stars: the page stayed as it was, said
  // ordered). Kept while on, to be turned off.
  const orderToggle = health === 'ok' && ((report.entries > 1 && view.scored) || ordered);
  // Offered where the options page hides dismissed papers and this page has some (or shows them now).
  const dismissedToggle = health === 'ok' && view.hidingDismissed && (view.dismissed > 0 || view.showingDismissed);
  return (
    <p class="page-status" data-paper-radar-page-status={health}>
      <span class="page-count">
        {health === 'ok' ? `${report.entries} ${report.entries === 1 ? 'paper' : 'papers'} on this page` : 'No papers on this page'}
      </span>
      {report.privateWindow && (
        <span class="page-private" data-paper-radar-private-window title="Stars, read marks and dismissals given here are kept; what you merely see or open is not">
          {' · private window: nothing seen here is recorded'}
        </span>
      )}
      {health === 'ok' && unranked && <span class="page-unranked" data-paper-radar-unranked>{' · not ranked: '}{unranked}</span>}
      {orderToggle && (
        <button
          type="button"
          class="page-toggle"
          data-paper-radar-action="order-by-relevance"
          aria-pressed={ordered}
          onClick={() => void change({ orderByRelevance: !ordered })}
        >
          Most relevant first
          <CheckMark on={ordered} />
        </button>
      )}
      {dismissedToggle && (
        <button
          type="button"
          class="page-toggle"
          data-paper-radar-action="show-dismissed"
          aria-pressed={view.showingDismissed}
          title="Your settings hide the papers you dismissed; show this page's after all (until you leave it)"
          onClick={() => void change({ showDismissed: !view.showingDismissed })}
        >
          {`Show ${view.dismissed} dismissed`}
          <CheckMark on={view.showingDismissed} />
        </button>
      )}
    </p>
  );
}

/**
 * A toggle's ✓ for the eye: its name stays the same (aria-pressed says the state; a name that
 * changed with it was read "… check mark, pressed", and speech input no longer matched it).
 */
function CheckMark({ on }: { on: boolean }) {
  return on ? <span aria-hidden="true">{' ✓'}</span> : null;
}

/** What a toggle changes of the view shown, before the page answers. */
function toggled(to: PageViewChange): Partial<PageView> {
  return {
    ...(to.orderByRelevance !== undefined ? { orderedByRelevance: to.orderByRelevance } : {}),
    ...(to.showDismissed !== undefined ? { showingDismissed: to.showDismissed } : {}),
  };
}
