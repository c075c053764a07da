// @vitest-environment jsdom
/**
 * Recommended once every seen paper is read (the queue cleared): it says the queue is empty, not
 * "Nothing you have seen lately is above your interests' threshold", which speaks of papers
 * waiting below it, where none does and no "Also show the N below" box is offered.
 */
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { setInterests } from '../../src/store/settings';
import { markSeen, setFlag } from '../../src/store/papers';
import { App, LIBRARY_READY_MARK } from '../../popup/App';
import { testLibraryApi } from '../support/library-api';
import { testPaper } from '../support/papers';
import { settle, until } from '../support/settle';
import { renderTarget } from '../support/render-target';

let db: PaperDb;
let counter = 0;
beforeEach(async () => {
  db = await openPaperDb(`recommended-empty-${++counter}`);
});
afterEach(() => db.close());
const container = renderTarget();
const $ = <T extends Element = HTMLElement>(s: string) => container.querySelector<T>(s);
const rows = () => [...container.querySelectorAll<HTMLElement>('.paper[data-paper-radar-id]')];

it('with every seen paper read, Recommended does not speak of papers below the threshold', async () => {
  const papers = [
    testPaper(11, { title: 'Graph neural networks for molecules', abstract: 'Graph neural networks predict molecular properties.' }),
    testPaper(12, { title: 'Message passing graph neural networks at scale', abstract: 'We scale graph neural networks.' }),
    testPaper(13, { title: 'A survey of benchmarks', abstract: 'We survey benchmarks for language models.' }),
    testPaper(14, { title: 'Dark matter halos in dwarf galaxies', abstract: 'We measure rotation curves.' }),
  ];
  await markSeen(db, papers, 1_000);
  await setInterests(db, { topics: [{ id: 'gnn', name: 'Graph learning', keywords: ['graph neural networks'] }] }, 2_000);
  const api = testLibraryApi(db);
  const verdict = (await api.score(papers))!;
  // The papers below the threshold were read already (on another device, say).
  for (const p of papers) if (!verdict.recommended.has(p.id)) await setFlag(db, { id: p.id, flag: 'read', value: true }, 3_000);
  const readBefore = performance.getEntriesByName(LIBRARY_READY_MARK).length;
  await act(async () => void render(<App api={api} layout="popup" />, container));
  await settle();
  await until(() => performance.getEntriesByName(LIBRARY_READY_MARK).length > readBefore, 2_000);
  await until(() => $('[data-paper-radar-view="recommended"] .count') !== null, 2_000);
  await act(async () => $<HTMLButtonElement>('[data-paper-radar-view="recommended"]')!.click());
  await until(() => rows().length > 0);
  expect($('[data-paper-radar-filter="below-threshold"]')).toBeNull();
  // Read them all here: the queue is cleared.
  const n = rows().length;
  for (let i = 0; i < n; i++) {
    await act(async () => rows()[0]!.querySelector<HTMLButtonElement>('[data-paper-radar-action="read"]')!.click());
    await until(() => rows().length === n - i - 1);
  }
  await settle();
  expect($('[data-paper-radar-view="recommended"] .count')!.textContent).toBe('0');
  expect($('[data-paper-radar-filter="below-threshold"]')).toBeNull(); // there is nothing below it either
  expect($('.empty')!.textContent).not.toBe("Nothing you have seen lately is above your interests' threshold.");
  expect($('.empty')!.textContent).toMatch(/\S/);
});
