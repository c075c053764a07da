// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { countPaperLinks } from '../../content-scripts/lib/paper-links';
import { pageHealth, type PageReport } from '../../src/core/page-health';
import { openPaperDb } from '../../src/store/db';
import { backgroundMessenger } from '../support/papers';

describe('pageHealth', () => {
  it('is ok with entries, broken with none but paper links, empty otherwise', () => {
    expect(pageHealth({ site: 'arxiv', entries: 3, paperLinks: 0 })).toBe('ok');
    expect(pageHealth({ site: 'arxiv', entries: 0, paperLinks: 3 })).toBe('broken');
    expect(pageHealth({ site: 'scholar', entries: 0, paperLinks: 2 })).toBe('empty');
    expect(pageHealth({ site: 'scholar', entries: 0, paperLinks: 0 })).toBe('empty');
  });
});

describe('countPaperLinks', () => {
  it('counts links that name a paper (arXiv, Hugging Face, DOI, ACL), not others', () => {
    document.body.innerHTML = `
      <a href="https://arxiv.org/abs/2408.03961">a</a>
      <a href="/papers/2609.31620">hf (relative)</a>
      <a href="https://doi.org/10.1145/3292500.3330701">doi</a>
      <a href="https://example.com/">other</a>
      <a href="javascript:void(0)">js</a>
      <a>no href</a>`;
    const base = document.createElement('base');
    base.href = 'https://huggingface.co/papers';
    document.head.append(base);
    expect(countPaperLinks(document)).toBe(3);
    expect(countPaperLinks(document, 2)).toBe(2);
  });
});

describe('page reports through the background', () => {
  it('stores what a tab reported and answers the popup; a report must come from a tab', async () => {
    const db = await openPaperDb('page-reports');
    const reports = new Map<number, PageReport>();
    const fromTab = backgroundMessenger(db, { tabId: 2017418126, reports }); // real tab ids are large
    await fromTab.send({ type: 'reportPage', site: 'arxiv', entries: 0, paperLinks: 12 });
    const popup = backgroundMessenger(db, { reports });
    expect((await popup.send({ type: 'getPageReport', tabId: 2017418126 })).report).toEqual({ site: 'arxiv', entries: 0, paperLinks: 12 });
    expect((await popup.send({ type: 'getPageReport', tabId: 8 })).report).toBeNull();
    await expect(popup.send({ type: 'reportPage', site: 'arxiv', entries: 1, paperLinks: 0 })).rejects.toThrow(/from a tab/);
    await expect(fromTab.send({ type: 'reportPage', site: 'arxiv', entries: -1, paperLinks: 0 } as never)).rejects.toThrow(/invalid/);
    // A private window's tab: the report says so (the popup tells the user nothing seen there is recorded).
    await backgroundMessenger(db, { tabId: 7, reports, privateTab: true }).send({ type: 'reportPage', site: 'arxiv', entries: 49, paperLinks: 0 });
    expect((await popup.send({ type: 'getPageReport', tabId: 7 })).report).toEqual({ site: 'arxiv', entries: 49, paperLinks: 0, privateWindow: true });
    db.close();
  });
});
