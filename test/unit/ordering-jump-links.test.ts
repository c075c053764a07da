// @vitest-environment jsdom
/**
 * arXiv's links to a section's start ("Cross-lists", "Replacements" on /new: #item29 goes to the
 * [29] of the section's first entry) still go there while the listing is in order of relevance,
 * and the page is as it was once the site's order is back (relevance-order.ts keepJumpTargets).
 */
import 'fake-indexeddb/auto';
import { expect, it } from 'vitest';
import { arxivAdapter } from '../../content-scripts/adapters/arxiv';
import { PageSession } from '../../content-scripts/page-session';
import { ARXIV_PAGES, pageFile } from '../../scripts/lib/demo-pages';
import { loadPage } from '../../scripts/lib/dom';
import { requireShared } from '../../scripts/lib/shared';
import type { EntryScore } from '../../src/messages';
import type { Messenger } from '../../src/messenger';
import { openPaperDb } from '../../src/store/db';
import { backgroundMessenger } from '../support/papers';

const PAGE = ARXIV_PAGES.quantPhNew;
const available = requireShared('arXiv section links while ordered', `fixtures/pages/${PAGE.file}`);

it.skipIf(!available)('"Cross-lists" and "Replacements" lead to their section\'s first entry while ordered by relevance', async () => {
  document.replaceChild(document.importNode(loadPage(pageFile(PAGE), PAGE.url).documentElement, true), document.documentElement);
  const db = await openPaperDb('ordering-jump-links');
  const inner = backgroundMessenger(db);
  const why = { keywords: [], authors: [], muted: [], categories: [], raising: [], lowering: [] };
  const pageOrder = arxivAdapter.extract(document, new URL(PAGE.url)).map((e) => e.id);
  // Later entries score higher: every section's order is turned round.
  const messenger = {
    async send(request: Parameters<Messenger['send']>[0]) {
      if (request.type !== 'scoreEntries') return inner.send(request);
      const scores: Record<string, EntryScore> = {};
      for (const p of request.papers) scores[p.id] = { score: pageOrder.indexOf(p.id) % 100, tier: 'low', topic: 'T', relevant: false, why };
      return { ready: true, scores } as never;
    },
  } as Messenger;
  const session = new PageSession(arxivAdapter, document, new URL(PAGE.url), messenger, { trackSeen: false });
  await session.start();
  await session.annotator.scoring;
  const before = document.body.innerHTML;
  // Where the browser goes for #name: the element with that id, else the first <a name>.
  const target = (link: string) => {
    const name = [...document.querySelectorAll<HTMLAnchorElement>('a')].find((a) => a.textContent === link)!.getAttribute('href')!.slice(1);
    return (document.getElementById(name) ?? document.getElementsByName(name)[0]!).closest('dt');
  };
  const firstOf = (heading: string) => [...document.querySelectorAll('h3')].find((h) => h.textContent!.startsWith(heading))!.nextElementSibling;
  expect(target('Cross-lists')).toBe(firstOf('Cross'));
  expect(target('Replacements')).toBe(firstOf('Replacement'));

  session.annotator.orderByRelevance(true);
  expect(target('Cross-lists')).toBe(firstOf('Cross'));
  expect(target('Replacements')).toBe(firstOf('Replacement'));

  session.annotator.orderByRelevance(false);
  expect(document.body.innerHTML).toBe(before);
  session.destroy();
  db.close();
});
