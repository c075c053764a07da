import { isCount, isOptionalBoolean, isPageReport, type PageReport } from './core/page-health';

/**
 * Commands the popup (and the worker: `scriptHere`) send to a tab's content script
 * (browser.tabs.sendMessage; no permission needed for a tab id). Validated on arrival like every
 * other message.
 */
export const PAGE_VIEW_COMMAND = 'pageView';

/**
 * Changes how the tab shows its listing, or (with neither field) only asks how it shows it:
 * ordered by relevance (true) or in the site's order (false); the dismissed papers that the
 * options page hides shown on this page after all (true), or hidden again (false).
 */
export interface PageViewCommand {
  type: typeof PAGE_VIEW_COMMAND;
  orderByRelevance?: boolean;
  showDismissed?: boolean;
}

/** What a PageViewCommand changes. */
export type PageViewChange = Omit<PageViewCommand, 'type'>;

/**
 * The content script's answer: what it found on the page and how the tab shows its listing now.
 * Only the page can say: a tab may have moved on to a page Paper Radar does not run on, or to
 * another listing still being read.
 */
export interface PageView {
  report: PageReport;
  orderedByRelevance: boolean;
  /** Whether any entry has a relevance score (with no interests or stars, none has: nothing to order by). */
  scored: boolean;
  /** Papers on the page the user dismissed. */
  dismissed: number;
  /** Whether the options page's hiding of dismissed papers applies here (not on a page about one paper). */
  hidingDismissed: boolean;
  /** Whether the user asked to see this page's dismissed papers after all (reset by a new page). */
  showingDismissed: boolean;
}

export function isPageViewCommand(message: unknown): message is PageViewCommand {
  if (typeof message !== 'object' || message === null) return false;
  const { type, orderByRelevance, showDismissed, ...rest } = message as Record<string, unknown>;
  return type === PAGE_VIEW_COMMAND && isOptionalBoolean(orderByRelevance) && isOptionalBoolean(showDismissed) && Object.keys(rest).length === 0;
}

export function isPageView(answer: unknown): answer is PageView {
  if (typeof answer !== 'object' || answer === null) return false;
  const { report, orderedByRelevance, scored, dismissed, hidingDismissed, showingDismissed } = answer as Record<string, unknown>;
  return (
    isPageReport(report) &&
    typeof orderedByRelevance === 'boolean' &&
    typeof scored === 'boolean' &&
    typeof hidingDismissed === 'boolean' &&
    typeof showingDismissed === 'boolean' &&
    isCount(dismissed)
  );
}

/**
 * Asks the tab whether a live copy of the listing script runs there (src/background/open-tabs.ts
 * runs one where none does); the script answers true. A copy cut off by an update hears nothing.
 */
export const SCRIPT_HERE_COMMAND = 'scriptHere';

export function isScriptHereCommand(message: unknown): boolean {
  return typeof message === 'object' && message !== null && Object.keys(message).length === 1 && (message as { type?: unknown }).type === SCRIPT_HERE_COMMAND;
}
