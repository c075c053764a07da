// @vitest-environment jsdom
/**
 * A paper's own page (arXiv's /abs/<id>) is annotated as one entry whose element is the whole
 * #abs block: title, authors, abstract. Opening a paper from a listing marks it read, and the
 * page style dims read entries; there the entry is what the user came to read, so main.ts marks
 * the page (PAPER_PAGE_ATTRIBUTE, when the adapter says isPaperPage) and it is not dimmed.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { arxivAdapter } from '../../content-scripts/adapters/arxiv';
import { PageAnnotator } from '../../content-scripts/page-annotator';
import { PAPER_PAGE_ATTRIBUTE } from '../../content-scripts/ui/styles';
import { ARXIV_PAGES, pageFile } from '../../scripts/lib/demo-pages';
import { loadPage } from '../../scripts/lib/dom';
import { requireShared } from '../../scripts/lib/shared';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { backgroundMessenger } from '../support/papers';

const PAGE = ARXIV_PAGES.absNew;
const available = requireShared("the paper's own page test", `fixtures/pages/${PAGE.file}`);
let db: PaperDb;
let counter = 0;
beforeEach(async () => {
  db = await openPaperDb(`paper-page-${++counter}`);
});
afterEach(() => {
  db.close();
  document.documentElement.removeAttribute(PAPER_PAGE_ATTRIBUTE);
});

describe.skipIf(!available)("a paper's own page", () => {
  it('is not dimmed as read (opening it from a listing marks it read), while a read entry of a listing is', async () => {
    const url = new URL(PAGE.url);
    const saved = loadPage(pageFile(PAGE), PAGE.url);
    document.replaceChild(document.importNode(saved.documentElement, true), document.documentElement);
    const entries = arxivAdapter.extract(document, url);
    expect(entries).toHaveLength(1);
    const messenger = backgroundMessenger(db);
    await messenger.send({ type: 'setFlag', id: entries[0]!.id, flag: 'read', value: true, paper: entries[0]!.paper });
    const annotator = new PageAnnotator({ doc: document, messenger });
    await annotator.annotate(entries);
    const abs = document.getElementById('abs')!;
    expect(entries[0]!.elements).toEqual([abs]); // the entry is the page's whole content
    expect(abs.hasAttribute('data-paper-radar-read')).toBe(true);
    // As on a listing, without the page's mark: dimmed.
    expect(getComputedStyle(abs).opacity).toBe('0.55');
    // As main.ts marks a page the adapter calls a paper's own.
    expect(arxivAdapter.isPaperPage!(url)).toBe(true);
    document.documentElement.setAttribute(PAPER_PAGE_ATTRIBUTE, '');
    expect(getComputedStyle(abs).opacity).toBe('1');
    annotator.destroy();
  });
});
