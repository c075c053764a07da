// @vitest-environment jsdom
/**
 * "Tag these N" and "Mark these N" on more papers than one request carries (LIMITS.batch, 5,000):
 * when a later request fails, what the earlier ones wrote is shown, said and can be undone, and
 * the rest is said to have failed.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { expect, it } from 'vitest';
import { EMPTY_STATE, type PaperRecord, type PaperState } from '../../src/core/paper';
import type { Messenger } from '../../src/messenger';
import { dataApi } from '../../popup/data-api';
import { PartlyDone, type LibraryApi } from '../../popup/library-api';
import { OutcomeUnknownError, type ImportSummary } from '../../src/messages';
import { MarkShown } from '../../popup/MarkShown';
import type { Notice } from '../../popup/shown-form';
import { TagShown } from '../../popup/TagShown';
import { testPaper } from '../support/papers';
import { settle } from '../support/settle';
import { renderTarget } from '../support/render-target';

const container = renderTarget();

const $ = <T extends Element = HTMLElement>(selector: string) => container.querySelector<T>(selector)!;
const shown: PaperRecord[] = Array.from({ length: 6_000 }, (_, i) => ({ ...testPaper(i + 1), ...EMPTY_STATE, lastSeenAt: 1, updatedAt: 1 }));

/**
 * A background whose `type` requests after the first fail (and every other request); the first
 * changes every paper it names as `change` says. `requests`: each request's type and papers.
 */
function failingAfterOne(type: string, change: (request: Record<string, unknown>) => Partial<PaperState>, failure = () => new Error('The background did not answer')) {
  const requests: Array<{ type: string; ids: string[] }> = [];
  const messenger = {
    async send(request: { type: string; ids?: string[]; marks?: Record<string, unknown> }) {
      requests.push({ type: request.type, ids: request.ids ?? Object.keys(request.marks ?? {}) });
      if (request.type !== type || requests.filter((r) => r.type === type).length > 1) throw failure();
      const states: Record<string, PaperState> = {};
      const before: Record<string, PaperState> = {};
      for (const id of request.ids!) {
        states[id] = { ...EMPTY_STATE, ...change(request), updatedAt: 2 };
        before[id] = { ...EMPTY_STATE, updatedAt: 1 };
      }
      return { states, before };
    },
  } as unknown as Messenger;
  return { api: dataApi(async () => null as never, messenger) as LibraryApi, requests };
}

/** What a form told the page: the papers shown changed, the notices and the errors. */
function page() {
  const said = { changed: new Set<string>(), notices: [] as Notice[], errors: [] as string[] };
  const props = {
    shown,
    onChanged: (states: Record<string, PaperState>) => Object.keys(states).forEach((id) => said.changed.add(id)),
    onNotice: (n: Notice) => said.notices.push(n),
    onError: (m: string) => said.errors.push(m),
    focusElsewhere: () => null,
  };
  return { said, props };
}

it('"Tag these 6000": when the second request fails, the 5,000 papers the first tagged show tagged and can be undone', async () => {
  const { api, requests } = failingAfterOne('tagPapers', (request) => ({ tags: request['add'] as string[] }));
  const { said, props } = page();
  await act(async () => render(<TagShown api={api} index={null} version={0} {...props} />, container));
  await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="tag-shown"]').click());
  const input = $<HTMLInputElement>('[data-paper-radar-input="tag-shown"]');
  await act(async () => {
    input.value = 'to-review';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="tag-shown-add"]').click());
  await settle(4);
  expect(requests.map((r) => r.ids.length)).toEqual([5_000, 1_000]);
  expect(said.changed.size).toBe(5_000);
  expect(said.notices.map((n) => [n.text, Boolean(n.undo)])).toEqual([['Tagged 5000 papers “to-review”.', true]]);
  expect(said.errors).toEqual(['Could not change the tags of 1000 papers: The background did not answer']);
  // The form stays, to try again.
  expect(input.isConnected).toBe(true);
  // Undo takes back what was written.
  said.notices[0]!.undo!();
  await settle(4);
  expect(requests.at(-1)).toMatchObject({ type: 'tagPapers', ids: shown.slice(0, 5_000).map((p) => p.id) });
});

it('"Mark these 6000": when the second request fails, the 5,000 papers the first marked show marked and can be undone', async () => {
  const { api, requests } = failingAfterOne('markPapers', () => ({ read: true, readAt: 2 }));
  const { said, props } = page();
  await act(async () => render(<MarkShown api={api} {...props} />, container));
  await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="mark-shown"]').click());
  await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="mark-shown-read"]').click());
  await settle(4);
  expect(requests.map((r) => r.ids.length)).toEqual([5_000, 1_000]);
  expect(said.changed.size).toBe(5_000);
  expect(said.notices.map((n) => [n.text, Boolean(n.undo)])).toEqual([['Marked 5000 papers read.', true]]);
  expect(said.errors).toEqual(['Could not change the marks of 1000 papers: The background did not answer']);
  // Undo takes back what was written.
  said.notices[0]!.undo!();
  await settle(4);
  expect(requests.at(-1)).toMatchObject({ type: 'restoreMarks', ids: shown.slice(0, 5_000).map((p) => p.id) });
});

it('the undo of "Mark these 6000", when its second request fails: the 5,000 papers put back show so, and the rest are said to stay marked', async () => {
  let restores = 0;
  const messenger = {
    async send(request: { type: string; ids?: string[]; marks?: Record<string, unknown> }) {
      if (request.type === 'markPapers') {
        const ids = request.ids!;
        return { states: Object.fromEntries(ids.map((id) => [id, { ...EMPTY_STATE, read: true, readAt: 2, marksAt: 2, updatedAt: 2 }])), before: Object.fromEntries(ids.map((id) => [id, { ...EMPTY_STATE, updatedAt: 1 }])) };
      }
      if (request.type === 'restoreMarks' && ++restores === 1) {
        return { states: Object.fromEntries(Object.keys(request.marks!).map((id) => [id, { ...EMPTY_STATE, marksAt: 3, updatedAt: 3 }])), changedSince: [] };
      }
      throw new Error('The background did not answer');
    },
  } as unknown as Messenger;
  const api = dataApi(async () => null as never, messenger) as LibraryApi;
  const { said, props } = page();
  await act(async () => render(<MarkShown api={api} {...props} />, container));
  await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="mark-shown"]').click());
  await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="mark-shown-read"]').click());
  await settle(4);
  expect(said.notices.map((n) => n.text)).toEqual(['Marked 6000 papers read.']);
  said.changed.clear();
  said.notices[0]!.undo!();
  await settle(4);
  expect(restores).toBe(2);
  expect(said.changed.size).toBe(5_000);
  expect(said.errors).toEqual(['Undone for 5000 papers; 1000 papers stay as the change left them: The background did not answer']);
});

it('an import of more papers than one request carries goes in requests of 5,000, the interests with the first; a later one failing says what was imported', async () => {
  const papers = Array.from({ length: 12_000 }, (_, i) => ({ ...testPaper(i + 1), ...EMPTY_STATE }));
  const requests: Array<{ papers: number; interests: boolean }> = [];
  let failAt = Infinity;
  const messenger = {
    async send(request: { type: string; papers: unknown[]; interests: unknown }) {
      requests.push({ papers: request.papers.length, interests: request.interests !== null });
      if (requests.length >= failAt) throw new Error('The background did not answer');
      return { added: request.papers.length - 1, updated: 1, unchanged: 0, interests: request.interests ? 'merged' : 'none' };
    },
  } as unknown as Messenger;
  const api = dataApi(async () => null as never, messenger) as LibraryApi;
  const interests = { topics: [{ id: 't', name: 'T', keywords: ['x'] }] };
  expect(await api.importLibrary({ mode: 'merge', papers, interests })).toEqual({ added: 11_997, updated: 3, unchanged: 0, interests: 'merged' });
  expect(requests).toEqual([
    { papers: 5_000, interests: true },
    { papers: 5_000, interests: false },
    { papers: 2_000, interests: false },
  ]);
  requests.length = 0;
  failAt = 3;
  const failure = await api.importLibrary({ mode: 'merge', papers, interests }).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(PartlyDone);
  expect((failure as PartlyDone<ImportSummary>).done).toMatchObject({ added: 9_998, updated: 2 });
  expect((failure as PartlyDone<ImportSummary>).left).toBe(2_000);
});

it('"Mark these 6000", the second request refused by a full disk: its "Nothing was changed" is not said of the change, whose first 5,000 were made', async () => {
  const full = () => new Error("the browser's storage for Paper Radar is full. Nothing was changed. Free some disk space.");
  const { api } = failingAfterOne('markPapers', () => ({ read: true, readAt: 2 }), full);
  const { said, props } = page();
  await act(async () => render(<MarkShown api={api} {...props} />, container));
  await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="mark-shown"]').click());
  await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="mark-shown-read"]').click());
  await settle(4);
  expect(said.errors).toEqual(["Could not change the marks of 1000 papers: the browser's storage for Paper Radar is full. Free some disk space."]);
});

it('"Mark these 6000", the second request unanswered (the worker stopped): whether those were marked is said to be unknown, not that they failed', async () => {
  const { api } = failingAfterOne('markPapers', () => ({ read: true, readAt: 2 }), () => new OutcomeUnknownError());
  const { said, props } = page();
  await act(async () => render(<MarkShown api={api} {...props} />, container));
  await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="mark-shown"]').click());
  await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="mark-shown-read"]').click());
  await settle(4);
  expect(said.notices.map((n) => n.text)).toEqual(['Marked 5000 papers read.']);
  expect(said.errors).toEqual(["Whether the marks of 1000 papers were changed is not known: Paper Radar was restarted by the browser before it answered. Reopen Paper Radar to see them as they are."]);
});
