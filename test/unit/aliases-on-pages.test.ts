// @vitest-environment jsdom
/**
 * A paper stored under one id and shown under another (a Scholar result first seen without its
 * arXiv link, kept under its cluster id; now shown with the link, under its arXiv id with the
 * cluster as an alias): the entry shows the marks stored under either, on a real saved page.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scholarAdapter } from '../../content-scripts/adapters/scholar';
import { PageAnnotator } from '../../content-scripts/page-annotator';
import { clampMeta } from '../../src/core/paper';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { markSeen, setFlag } from '../../src/store/papers';
import { PAGES_DIR, requireShared } from '../../scripts/lib/shared';
import { backgroundMessenger } from '../support/papers';

const FILE = 'scholar/gscholar-search-unsupervised-feature-learning-2016-05.html';
const URL_SHOWN = 'https://scholar.google.com/scholar?hl=en&q=unsupervised+feature+learning+and+deep+learning';
const ARXIV = 'arxiv:1206.5538';
const CLUSTER = 'scholar:1290425714414184502';
const available = requireShared('the aliases-on-pages unit test', `fixtures/pages/${FILE}`);

let db: PaperDb;
let counter = 0;
beforeEach(async () => {
  db = await openPaperDb(`aliases-on-pages-${++counter}`);
  const parsed = new DOMParser().parseFromString(readFileSync(path.join(PAGES_DIR, FILE), 'utf8'), 'text/html');
  document.replaceChild(document.importNode(parsed.documentElement, true), document.documentElement);
});
afterEach(() => db.close());

/** The result as an earlier Scholar page showed it, without its arXiv link: kept under its cluster. */
const asCluster = clampMeta({
  id: CLUSTER,
  title: 'Unsupervised feature learning and deep learning: A review and new perspectives',
  authors: ['Y Bengio', 'AC Courville', 'P Vincent'],
  abstract: null,
  url: 'https://scholar.google.com/scholar?cluster=1290425714414184502',
  pdfUrl: null,
  primaryCategory: null,
  subjects: [],
  comments: null,
  site: 'scholar',
});

async function annotated(): Promise<{ annotator: PageAnnotator; control: (action: string) => Element; isNew: () => boolean }> {
  const entries = scholarAdapter.extract(document, new URL(URL_SHOWN));
  expect(entries.map((e) => [e.id, e.aliases])).toEqual([[ARXIV, [CLUSTER]]]);
  const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db), sliceBudgetMs: 0 });
  await annotator.annotate(entries);
  const host = () => document.querySelector(`[data-paper-radar-id="${ARXIV}"]`)!;
  return { annotator, control: (action) => host().shadowRoot!.querySelector(`[data-paper-radar-action="${action}"]`)!, isNew: () => host().hasAttribute('data-paper-radar-new') };
}

describe.skipIf(!available)('a Scholar result shown under its arXiv id, stored under its cluster', () => {
  it('is not new when it was seen under its cluster, and shows the star given there', async () => {
    await markSeen(db, [asCluster], 1_000);
    await setFlag(db, { id: CLUSTER, flag: 'starred', value: true }, 2_000);
    const { annotator, control, isNew } = await annotated();
    expect(isNew()).toBe(false);
    expect(control('star').getAttribute('aria-pressed')).toBe('true');
    annotator.destroy();
  });

  it('shows a change made under the cluster (in the popup) when told of it by that id', async () => {
    await markSeen(db, [asCluster], 1_000);
    const { annotator, control } = await annotated();
    expect(control('read').getAttribute('aria-pressed')).toBe('false');
    await setFlag(db, { id: CLUSTER, flag: 'read', value: true }, 2_000);
    await annotator.refresh([CLUSTER]); // the worker's change notice names the ids it changed
    expect(control('read').getAttribute('aria-pressed')).toBe('true');
    annotator.destroy();
  });

  it('is new when neither id was ever seen', async () => {
    const { annotator, isNew } = await annotated();
    expect(isNew()).toBe(true);
    annotator.destroy();
  });
});
