// @vitest-environment jsdom
/**
 * What counts as opening a paper from a listing (README: "Opening a paper's abstract, PDF or HTML
 * from a listing marks it read"), clicked on real saved pages: a Scholar result's own title link,
 * which names no id (or a DOI the result is kept by) and is the link the keyboard's `o` opens;
 * and not an ACL Anthology row's "bib" badge, which downloads a citation.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aclAdapter } from '../../content-scripts/adapters/acl';
import { scholarAdapter } from '../../content-scripts/adapters/scholar';
import type { SiteAdapter } from '../../content-scripts/adapters/types';
import { PageSession } from '../../content-scripts/page-session';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { getStates } from '../../src/store/papers';
import { OTHER_PAGES, pageFile } from '../../scripts/lib/demo-pages';
import { loadPage } from '../../scripts/lib/dom';
import { requireShared } from '../../scripts/lib/shared';
import { backgroundMessenger } from '../support/papers';

const SCHOLAR = OTHER_PAGES.scholarSearch;
const ACL = OTHER_PAGES.aclAuthor;
const available = requireShared('the opening-papers unit test', `fixtures/pages/${SCHOLAR.file}`, `fixtures/pages/${ACL.file}`);

let db: PaperDb;
let session: PageSession;
let counter = 0;

/** The saved page at its address (links resolve as in the tab), annotated. */
async function open(page: typeof SCHOLAR, adapter: SiteAdapter): Promise<void> {
  db = await openPaperDb(`opening-papers-${++counter}`);
  const saved = loadPage(pageFile(page), page.url);
  document.replaceChild(document.importNode(saved.documentElement, true), document.documentElement);
  const base = document.createElement('base');
  base.href = page.url;
  document.head.prepend(base);
  session = new PageSession(adapter, document, new URL(page.url), backgroundMessenger(db), { trackSeen: false });
  await session.start();
}
afterEach(() => {
  session.destroy();
  db.close();
});

function click(link: Element | null): void {
  expect(link).not.toBeNull();
  link!.addEventListener('click', (e) => e.preventDefault()); // no navigation in jsdom
  (link as HTMLElement).click();
}
const isRead = async (id: string) => (await getStates(db, [id]))[id]?.read ?? false;

describe.skipIf(!available)('opening a paper from a listing', () => {
  it("Scholar: a result's title link marks it read, whether the result is kept by the DOI it names or by its cluster", async () => {
    await open(SCHOLAR, scholarAdapter);
    // <a id="L2O5OTQ-LPoJ" href="https://onlinelibrary.wiley.com/doi/abs/10.1002/jqs.691">: the
    // result's id comes from it, though canonicalId reads no DOI from a publisher's path.
    // <a id="eDyUGDpGRA4J" href="https://pubs.geoscienceworld.org/…/183884">: a cluster's paper url.
    for (const [id, linkId] of [
      ['doi:10.1002/jqs.691', 'L2O5OTQ-LPoJ'],
      ['scholar:1028023830281731192', 'eDyUGDpGRA4J'],
    ] as const) {
      expect(session.annotator.paperUrl(id, 'page')).toBe(document.getElementById(linkId)!.getAttribute('href')); // what `o` opens
      click(document.getElementById(linkId));
      await vi.waitFor(async () => expect(await isRead(id)).toBe(true), { timeout: 3_000 });
    }
  });

  it('ACL Anthology: the title link marks a paper read, its "bib" badge (Export to BibTeX) does not', async () => {
    await open(ACL, aclAdapter);
    click(document.querySelector('a[href="/2022.in2writing-1.1.bib"]'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await isRead('acl:2022.in2writing-1.1')).toBe(false);
    click(document.querySelector('a[href="/2022.in2writing-1.1/"]'));
    await vi.waitFor(async () => expect(await isRead('acl:2022.in2writing-1.1')).toBe(true), { timeout: 3_000 });
  });
});
