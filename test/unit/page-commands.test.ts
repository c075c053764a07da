import { describe, expect, it } from 'vitest';
import { isPageView, isPageViewCommand, PAGE_VIEW_COMMAND } from '../../src/page-commands';

describe('the popup’s commands to a page', () => {
  it('accepts a page-view command that changes nothing, one thing or both', () => {
    expect(isPageViewCommand({ type: PAGE_VIEW_COMMAND })).toBe(true);
    expect(isPageViewCommand({ type: PAGE_VIEW_COMMAND, orderByRelevance: true })).toBe(true);
    expect(isPageViewCommand({ type: PAGE_VIEW_COMMAND, showDismissed: false })).toBe(true);
    expect(isPageViewCommand({ type: PAGE_VIEW_COMMAND, orderByRelevance: false, showDismissed: true })).toBe(true);
  });

  it('drops anything else: other types, other fields, values that are not booleans', () => {
    for (const message of [
      null,
      'pageView',
      {},
      { type: 'orderByRelevance', on: true },
      { type: PAGE_VIEW_COMMAND, showDismissed: 'yes' },
      { type: PAGE_VIEW_COMMAND, orderByRelevance: 1 },
      { type: PAGE_VIEW_COMMAND, hideAll: true },
    ]) {
      expect(isPageViewCommand(message), JSON.stringify(message)).toBe(false);
    }
  });

  it('checks the page’s answer before the popup shows it', () => {
    const view = { report: { site: 'arxiv', entries: 49, paperLinks: 0 }, orderedByRelevance: false, scored: true, dismissed: 3, hidingDismissed: true, showingDismissed: false };
    expect(isPageView(view)).toBe(true);
    expect(isPageView({ ...view, report: { ...view.report, privateWindow: true } })).toBe(true);
    expect(isPageView({ ...view, report: { ...view.report, privateWindow: 'yes' } })).toBe(false);
    expect(isPageView({ ...view, report: { ...view.report, site: '' } })).toBe(false);
    expect(isPageView({ ...view, report: { ...view.report, paperLinks: Number.NaN } })).toBe(false);
    expect(isPageView({ ...view, report: undefined })).toBe(false);
    expect(isPageView({ ...view, dismissed: -1 })).toBe(false);
    expect(isPageView({ ...view, dismissed: 1.5 })).toBe(false);
    expect(isPageView({ ...view, showingDismissed: undefined })).toBe(false);
    expect(isPageView({ on: true })).toBe(false);
    expect(isPageView(null)).toBe(false);
  });
});
