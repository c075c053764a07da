// @vitest-environment jsdom
/**
 * A paper stored under one id and shown under another (a Scholar result first seen without its
 * arXiv link, kept under its cluster id; now shown with the link, under its arXiv id with the
 * cluster as an alias; a paper starred on its Anthology page, shown by a Scholar result that
 * links its Anthology page or its ACL DOI): the entry shows the marks stored under either, on
 * real saved pages.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aclAdapter } from '../../content-scripts/adapters/acl';
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
const ACL_FILE = 'acl/author-andreas-madsack-2026-07.html';
const ACL_URL = 'https://aclanthology.org/people/andreas-madsack/';
const SCHOLAR_2020 = 'scholar/gscholar-search-geology-olympus-range-2020-11.html';
const SCHOLAR_2020_URL = 'https://scholar.google.com/scholar?hl=en&q=geology+olympus+range';
const available = requireShared('the aliases-on-pages unit test', `fixtures/pages/${FILE}`, `fixtures/pages/${ACL_FILE}`, `fixtures/pages/${SCHOLAR_2020}`);

let db: PaperDb;
let counter = 0;
beforeEach(async () => {
  db = await openPaperDb(`aliases-on-pages-${++counter}`);
  showPage(FILE);
});

function showPage(file: string): void {
  const parsed = new DOMParser().parseFromString(readFileSync(path.join(PAGES_DIR, file), 'utf8'), 'text/html');
  document.replaceChild(document.importNode(parsed.documentElement, true), document.documentElement);
}
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

describe.skipIf(!available)('a paper starred on its Anthology page, shown by a Scholar result', () => {
  const ANTHOLOGY = 'acl:W19-4201';

  async function starOnAnthology(): Promise<void> {
    showPage(ACL_FILE);
    const entry = aclAdapter.extract(document, new URL(ACL_URL)).find((e) => e.id === ANTHOLOGY)!;
    await markSeen(db, [entry.paper], 1_000);
    await setFlag(db, { id: ANTHOLOGY, flag: 'starred', value: true }, 2_000);
  }

  /** The 2020 results page, its first result with a full-text link pointed at the paper (Scholar links a paper's versions so). */
  function scholarLinking(titleHref: string, sideHref: string | null) {
    showPage(SCHOLAR_2020);
    const result = [...document.querySelectorAll('#gs_res_ccl_mid .gs_r')].find((r) => r.querySelector('h3.gs_rt a') && r.querySelector('.gs_ggs a[href]'))!;
    result.querySelector('h3.gs_rt a')!.setAttribute('href', titleHref);
    const side = result.querySelector('.gs_ggs a[href]')!;
    if (sideHref) side.setAttribute('href', sideHref);
    else side.remove();
    return scholarAdapter.extract(document, new URL(SCHOLAR_2020_URL)).find((e) => e.elements.includes(result))!;
  }

  async function starShown(id: string, entries: ReturnType<typeof scholarAdapter.extract>): Promise<string | null> {
    const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db), sliceBudgetMs: 0 });
    await annotator.annotate(entries);
    const pressed = document.querySelector(`[data-paper-radar-id="${id}"]`)!.shadowRoot!.querySelector('[data-paper-radar-action="star"]')!.getAttribute('aria-pressed');
    annotator.destroy();
    return pressed;
  }

  it('linking its Anthology page beside its arXiv PDF: starred there, one paper after the sighting', async () => {
    await starOnAnthology();
    const result = scholarLinking('https://aclanthology.org/W19-4201/', 'https://arxiv.org/pdf/1906.00001v1');
    expect(result.id).toBe('arxiv:1906.00001');
    expect(result.aliases).toContain(ANTHOLOGY);
    expect(await starShown(result.id, [result])).toBe('true');

    // Seen on Scholar, the two records are one: unstarred there, unstarred on the Anthology page.
    await markSeen(db, [result.paper], 3_000);
    await setFlag(db, { id: result.id, flag: 'starred', value: false }, 4_000);
    showPage(ACL_FILE);
    const acl = aclAdapter.extract(document, new URL(ACL_URL)).filter((e) => e.id === ANTHOLOGY);
    expect(await starShown(ANTHOLOGY, acl)).toBe('false');
  });

  it('linking its ACL DOI: starred there', async () => {
    await starOnAnthology();
    const result = scholarLinking('https://doi.org/10.18653/v1/W19-4201', null);
    expect(result.id).toBe('doi:10.18653/v1/w19-4201');
    expect(result.aliases?.[0]).toBe(ANTHOLOGY); // then its cluster
    expect(await starShown(result.id, [result])).toBe('true');
  });
});
