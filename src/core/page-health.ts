/**
 * Noticing that a site changed its markup: a page that an adapter claims (its URL matches) but
 * where it finds no entries, while the page plainly links papers, is most likely a page whose
 * markup moved under the adapter. The popup says so instead of failing silently. Pure.
 */
import { LIMITS } from './paper';

export interface PageReport {
  site: string;
  /** Entries the adapter found. */
  entries: number;
  /** Links on the page that name a paper (counted only when no entries were found). */
  paperLinks: number;
  /** The tab is in a private window: nothing seen there is recorded (the popup says so). */
  privateWindow?: boolean;
}

/** Whether a page's answer (untrusted: a compromised renderer may say anything) is a PageReport. */
export function isPageReport(value: unknown): value is PageReport {
  if (typeof value !== 'object' || value === null) return false;
  const { site, entries, paperLinks, privateWindow, ...rest } = value as Record<string, unknown>;
  return (
    typeof site === 'string' &&
    site.length > 0 &&
    site.length <= LIMITS.site &&
    isCount(entries) &&
    isCount(paperLinks) &&
    isOptionalBoolean(privateWindow) &&
    Object.keys(rest).length === 0
  );
}

export const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

export const isOptionalBoolean = (value: unknown): value is boolean | undefined => value === undefined || typeof value === 'boolean';

/** Paper links it takes, with no entries found, to call a page broken (a CAPTCHA page has none). */
export const BROKEN_PAGE_PAPER_LINKS = 3;

export type PageHealth = 'ok' | 'empty' | 'broken';

export function pageHealth(report: PageReport): PageHealth {
  if (report.entries > 0) return 'ok';
  return report.paperLinks >= BROKEN_PAGE_PAPER_LINKS ? 'broken' : 'empty';
}

export const BROKEN_PAGE_MESSAGE = 'Paper Radar found no papers on this page — the site may have changed.';
