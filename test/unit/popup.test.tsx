// @vitest-environment jsdom
/**
 * The popup / library app over the real data path (fake-indexeddb + the background's handlers):
 * views and counts, search, filters, keyboard, tags, notes, export and import, page status.
 */
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageReport } from '../../src/core/page-health';
import { LIMITS, type PaperMeta } from '../../src/core/paper';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { getInterests, setInterests } from '../../src/store/settings';
import { forgetSeen } from '../../src/store/forget';
import { getPaper, getStates, markSeen, retagPapers, setFlag, updateAnnotations } from '../../src/store/papers';
import { App, LIBRARY_READY_MARK } from '../../popup/App';
import { authorsLine, linkParts } from '../../popup/format';
import { noteSnippet } from '../../popup/PaperRow';
import { platformOf, type Platform } from '../../popup/platform';
import { SEEN_DELAY_MS } from '../../popup/use-library';
import { PartlyDone } from '../../popup/library-api';
import { OutcomeUnknownError, type ImportSummary } from '../../src/messages';
import { testLibraryApi, type TestLibraryApi } from '../support/library-api';
import { backgroundMessenger, testPaper } from '../support/papers';
import { gate, settle, settledWithin, until } from '../support/settle';
import { changeDone } from '../../src/undo-words';
import { toLibraryJson } from '../../src/library/library-json';
import { renderTarget } from '../support/render-target';

let db: PaperDb;
let counter = 0;

beforeEach(async () => {
  db = await openPaperDb(`popup-${++counter}`);
});
afterEach(() => db.close());
const container = renderTarget();

/** `whole: false` for a test that holds the whole library's read back itself. */
async function mount(api: TestLibraryApi, layout: 'popup' | 'page' = 'popup', { whole = true, ...more }: { platform?: Platform; startWithImport?: boolean; whole?: boolean } = {}) {
  const readBefore = performance.getEntriesByName(LIBRARY_READY_MARK).length;
  await act(async () => {
    render(<App api={api} layout={layout} {...more} />, container);
  });
  await settle();
  // The whole library is read after the first rows are shown (on a busy machine, after these
  // rounds); the tests read it whole, unless reading it failed.
  if (whole) await settledWithin(() => performance.getEntriesByName(LIBRARY_READY_MARK).length > readBefore || $('[role="alert"]') !== null, 2_000);
  // And the ranking, which comes after it (Recommended has no count until then): on a busy CI
  // machine, later than these rounds.
  if (whole) await settledWithin(() => $('[data-paper-radar-view="recommended"] .count') !== null || $('[role="alert"]') !== null, 2_000);
}

const $ = <T extends Element = HTMLElement>(selector: string) => container.querySelector<T>(selector);
const rows = () => [...container.querySelectorAll<HTMLElement>('.paper[data-paper-radar-id]')];
const ids = () => rows().map((r) => r.dataset['paperRadarId']);
const tab = (view: string) => $<HTMLButtonElement>(`[data-paper-radar-view="${view}"]`)!;
const key = async (k: string, target: EventTarget = document.body) => {
  await act(async () => void target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })));
  await settle(2);
};
async function type(input: HTMLInputElement | HTMLTextAreaElement, text: string) {
  await act(async () => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await settle(2);
}
/** Waits for a check on what is stored to pass. */
const eventually = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 5_000 });
/** Sets the filter (or sort) `name` to `value`. */
async function select(name: string, value: string) {
  const el = $<HTMLSelectElement>(`[data-paper-radar-filter="${name}"]`)!;
  await act(async () => {
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle(2);
}
/** A string with half a surrogate pair in it: it shows as a replacement character. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Three starred (1 newest), two seen only (4, 5), one seen and read (6), one dismissed (7). */
async function seedLibrary() {
  const papers: PaperMeta[] = [
    testPaper(1, { title: 'Diffusion models for protein design', authors: ['Ada Lovelace'], abstract: 'We design proteins.' }),
    testPaper(2, { title: 'Sparse attention at scale', authors: ['Alan Turing'], abstract: 'Transformers with diffusion of tokens.' }),
    testPaper(3, { title: 'Schrödinger bridges', authors: ['Emmy Noether'], site: 'huggingface' }),
    testPaper(4, { title: 'Graph neural networks revisited' }),
    testPaper(5, { title: 'A survey of benchmarks' }),
    testPaper(6, { title: 'Already read paper' }),
    testPaper(7, { title: 'Not interested paper' }),
  ];
  await markSeen(db, papers, 1_000);
  await setFlag(db, { id: papers[2]!.id, flag: 'starred', value: true }, 2_000);
  await setFlag(db, { id: papers[1]!.id, flag: 'starred', value: true }, 3_000);
  await setFlag(db, { id: papers[0]!.id, flag: 'starred', value: true }, 4_000);
  await setFlag(db, { id: papers[5]!.id, flag: 'read', value: true }, 5_000);
  await setFlag(db, { id: papers[6]!.id, flag: 'dismissed', value: true }, 6_000);
  return papers.map((p) => p.id);
}

/** Seen papers on graph learning, dark matter and neither: for ranking them by two topics. */
function mixedPapers(): PaperMeta[] {
  return [
    { title: 'Graph neural networks for molecules', abstract: 'Graph neural networks predict molecular properties.' },
    { title: 'Message passing graph neural networks at scale', abstract: 'We scale graph neural networks.' },
    { title: 'Graphs of galaxies', abstract: 'Neural networks on galaxy graphs.' },
    { title: 'Dark matter halos in dwarf galaxies', abstract: 'Dark matter halos shape rotation curves.' },
    { title: 'Dark matter direct detection', abstract: 'Searches for dark matter particles.' },
    { title: 'A survey of benchmarks', abstract: 'We survey benchmarks.' },
    { title: 'Networks of neurons', abstract: 'Biological neural networks.' },
  ].map((p, i) => testPaper(21 + i, p));
}

describe('views', () => {
  it('lists starred papers newest first, with title, authors, a link, and counts on each view', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    expect(ids()).toEqual([id[0], id[1], id[2]]);
    const first = rows()[0]!;
    expect(first.querySelector('a.title')!.getAttribute('href')).toBe('https://arxiv.org/abs/2408.00001');
    expect(first.querySelector('.authors')!.textContent).toBe('Ada Lovelace');
    expect(tab('starred').querySelector('.count')!.textContent).toBe('3');
    // Recommended: seen, unread, not dismissed, not starred.
    expect(tab('recommended').querySelector('.count')!.textContent).toBe('2');
    expect(tab('history').querySelector('.count')!.textContent).toBe('7');
  });

  it('switches views: Recommended leaves out starred, read and dismissed papers; History has everything seen', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    await act(async () => tab('recommended').click());
    expect(new Set(ids())).toEqual(new Set([id[3], id[4]]));
    await act(async () => tab('history').click());
    expect(new Set(ids())).toEqual(new Set(id));
    expect(rows()[0]!.querySelector('.meta')!.textContent).toMatch(/^seen /);
  });

  it('dismissed from a recommended row or by x: the paper leaves Recommended, History shows it dismissed and undoes it', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    // Not offered on starred papers, where a stray click would unstar one.
    expect(container.querySelector('[data-paper-radar-action="dismiss"]')).toBeNull();
    await act(async () => tab('recommended').click());
    const row = container.querySelector<HTMLElement>(`.paper[data-paper-radar-id="${id[3]}"]`)!;
    const dismiss = row.querySelector<HTMLButtonElement>('[data-paper-radar-action="dismiss"]')!;
    expect([dismiss.getAttribute('aria-label'), dismiss.getAttribute('aria-pressed')]).toEqual(['Dismiss: Graph neural networks revisited', 'false']);
    await act(async () => dismiss.click());
    await settle();
    expect((await getStates(db, [id[3]!]))[id[3]!]!.dismissed).toBe(true);
    expect(ids()).toEqual([id[4]]);
    expect(tab('recommended').querySelector('.count')!.textContent).toBe('1');
    await key('x'); // the active paper, by key
    await settle();
    expect((await getStates(db, [id[4]!]))[id[4]!]!.dismissed).toBe(true);
    expect(ids()).toEqual([]);
    // The last change can be taken back from the line under the tabs.
    const undo = $('[data-paper-radar-undo]')!;
    expect(undo.textContent).toBe('Dismissed: “A survey of benchmarks”. Undo');
    await act(async () => undo.querySelector('button')!.click());
    await settle();
    expect((await getStates(db, [id[4]!]))[id[4]!]!.dismissed).toBe(false);
    expect(ids()).toEqual([id[4]]);
    expect(undo.textContent).toBe('Undone: Dismissed: “A survey of benchmarks”. Undo the one before');
    await key('x');
    await settle();
    await act(async () => tab('history').click());
    const again = container.querySelector<HTMLElement>(`.paper[data-paper-radar-id="${id[3]}"]`)!;
    expect(again.classList.contains('dismissed')).toBe(true);
    await act(async () => again.querySelector<HTMLButtonElement>('[data-paper-radar-action="dismiss"]')!.click());
    await settle();
    expect((await getStates(db, [id[3]!]))[id[3]!]!.dismissed).toBe(false);
    await act(async () => tab('recommended').click());
    expect(ids()).toEqual([id[3]]);
  });

  it("the Tag filter counts each tag among the papers of the view and the other filters: choosing it shows that many", async () => {
    const id = await seedLibrary();
    for (const n of [0, 3, 4]) await updateAnnotations(db, { id: id[n]!, tags: ['thesis'] }, 7_000);
    await mount(testLibraryApi(db));
    const tagChoices = () => [...$<HTMLSelectElement>('[data-paper-radar-filter="tag"]')!.options].map((o) => o.textContent);
    expect(tagChoices()).toEqual(['any', 'thesis (1)']); // Starred: one of the three
    await select('tag', 'thesis');
    expect(ids()).toEqual([id[0]]);
    await act(async () => tab('history').click());
    await settle();
    expect(tagChoices()).toEqual(['any', 'thesis (3)']);
    expect(ids()).toHaveLength(3);
    await select('status', 'read');
    expect(tagChoices()).toEqual(['any', 'thesis (0)']); // chosen, so still offered
    expect(ids()).toEqual([]);
  });

  it('History with status "dismissed" lists the dismissed papers; one taken back leaves the list', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    await act(async () => tab('history').click());
    await select('status', 'dismissed');
    expect(ids()).toEqual([id[6]]);
    expect($('.filters-toggle summary')!.textContent).toBe('Filters (1)');
    await act(async () => rows()[0]!.querySelector<HTMLButtonElement>('[data-paper-radar-action="dismiss"]')!.click());
    await settle();
    expect((await getStates(db, [id[6]!]))[id[6]!]!.dismissed).toBe(false);
    expect(ids()).toEqual([]);
    // Off the list it was on: the line under the tabs says so, with its undo.
    const undo = $('[data-paper-radar-undo]')!;
    expect(undo.textContent).toMatch(/^Undismissed: “.+”\. Undo$/);
    await act(async () => undo.querySelector('button')!.click());
    await settle();
    expect(ids()).toEqual([id[6]]);
  });

  it('a paper a read mark takes off a list filtered by status "unread" gets the line under the tabs, with its undo', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    await select('status', 'unread');
    const first = ids()[0]!;
    await act(async () => rows()[0]!.querySelector<HTMLButtonElement>('[data-paper-radar-action="read"]')!.click());
    await settle();
    expect(ids()).not.toContain(first);
    const undo = $('[data-paper-radar-undo]')!;
    expect(undo.textContent).toMatch(/^Marked read: “.+”\. Undo$/);
    await act(async () => undo.querySelector('button')!.click());
    await settle();
    expect(ids()).toContain(first);
    expect(id).toContain(first); // one of the library's papers
  });

  it('z takes changes back newest first, also one that stayed in view, until there is none', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    // Marked read in Starred: it stays in view, so no line; then a dismissal in Recommended.
    await act(async () => rows()[1]!.querySelector<HTMLButtonElement>('[data-paper-radar-action="read"]')!.click());
    await settle();
    expect($('[data-paper-radar-undo]')!.textContent).toBe('');
    await act(async () => tab('recommended').click());
    await key('x');
    await settle();
    const dismissed = id.slice(3).find((x) => !ids().includes(x))!;
    expect((await getStates(db, [dismissed]))[dismissed]!.dismissed).toBe(true);
    // Typed in the search box, z is a letter.
    await key('z', $<HTMLInputElement>('input[type="search"]')!);
    expect((await getStates(db, [dismissed]))[dismissed]!.dismissed).toBe(true);
    await key('z');
    await settle();
    expect((await getStates(db, [dismissed]))[dismissed]!.dismissed).toBe(false);
    expect($('[data-paper-radar-undo]')!.textContent).toMatch(/^Undone: Dismissed: “.+”\. Undo the one before$/);
    await key('z');
    await settle();
    expect((await getStates(db, [id[1]!]))[id[1]!]!.read).toBe(false);
    expect($('[data-paper-radar-undo]')!.textContent).toBe('Undone: Marked read: “Sparse attention at scale”. ');
    await key('z');
    await settle();
    expect($('[data-paper-radar-undo]')!.textContent).toBe('Nothing to undo. ');
  });

  it('z on a paper marked again elsewhere since (not heard of here yet) leaves it as it is, and says so', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    await act(async () => rows()[1]!.querySelector<HTMLButtonElement>('[data-paper-radar-action="read"]')!.click());
    await settle();
    expect((await getStates(db, [id[1]!]))[id[1]!]!.read).toBe(true);
    // Another device marks it unread and read again (a read mark of its own); its notice has
    // not reached this popup.
    await setFlag(db, { id: id[1]!, flag: 'read', value: false }, Date.now() + 1_000);
    await setFlag(db, { id: id[1]!, flag: 'read', value: true }, Date.now() + 3_000);
    const readAgain = (await getStates(db, [id[1]!]))[id[1]!]!.readAt;
    await key('z');
    await settle();
    expect($('[data-paper-radar-undo]')!.textContent).toBe('Not undone: “Sparse attention at scale” was marked again since, in another tab or on another device. ');
    expect((await getStates(db, [id[1]!]))[id[1]!]).toMatchObject({ read: true, readAt: readAgain });
  });

  it('z takes back a read mark whatever happened since to the star: the star stays as it is now', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    await act(async () => rows()[1]!.querySelector<HTMLButtonElement>('[data-paper-radar-action="read"]')!.click());
    await settle();
    // Another device unstars it; its notice has not reached this popup.
    await setFlag(db, { id: id[1]!, flag: 'starred', value: false }, Date.now() + 1_000);
    await key('z');
    await settle();
    expect($('[data-paper-radar-undo]')!.textContent).toBe('Undone: Marked read: “Sparse attention at scale”. ');
    expect((await getStates(db, [id[1]!]))[id[1]!]).toMatchObject({ read: false, starred: false });
  });

  it('with interests, Recommended holds the papers scored medium or high; the rest on request', async () => {
    const papers = [
      testPaper(11, { title: 'Graph neural networks for molecules', abstract: 'Graph neural networks predict molecular properties.' }),
      testPaper(12, { title: 'Message passing graph neural networks at scale', abstract: 'We scale graph neural networks.' }),
      testPaper(13, { title: 'A survey of benchmarks', abstract: 'We survey benchmarks for language models.' }),
      testPaper(14, { title: 'Dark matter halos in dwarf galaxies', abstract: 'We measure rotation curves.' }),
    ];
    await markSeen(db, papers, 1_000);
    const id = papers.map((p) => p.id);
    const api = testLibraryApi(db);
    // No interests yet: every seen, unread paper, newest first.
    await mount(api);
    await act(async () => tab('recommended').click());
    await until(() => rows().length === 4);
    expect(tab('recommended').querySelector('.count')!.textContent).toBe('4');
    expect($('[data-paper-radar-filter="below-threshold"]')).toBeNull();

    await setInterests(db, { topics: [{ id: 'gnn', name: 'Graph learning', keywords: ['graph neural networks'] }] }, 2_000);
    // The model's verdict, as pages get it: the view must show exactly the papers it recommends.
    const ranked = testLibraryApi(db);
    const verdict = (await ranked.score(papers))!;
    const picked = id.filter((x) => verdict.recommended.has(x));
    const rest = id.filter((x) => !verdict.recommended.has(x));
    expect(picked).toContain(id[1]);
    expect(rest).toEqual(expect.arrayContaining([id[2], id[3]]));
    // While the worker ranks them, the view says so rather than show papers it may then drop.
    const { held, release } = gate();
    const score = ranked.score.bind(ranked);
    ranked.score = async (candidates) => held.then(() => score(candidates));
    render(null, container);
    await mount(ranked);
    await act(async () => tab('recommended').click());
    expect(rows()).toHaveLength(0);
    expect($('.result-count')!.textContent).toBe('Ranking by your interests…');
    release();
    await until(() => $('[data-paper-radar-filter="below-threshold"]') !== null && rows().length > 0);
    expect(new Set(ids())).toEqual(new Set(picked));
    expect(tab('recommended').querySelector('.count')!.textContent).toBe(String(picked.length));
    // The selected paper says why it is recommended, as its badge on a listing does.
    const why = $('[data-paper-radar-detail] [data-paper-radar-why]')!;
    const first = verdict.explained.get(ids()[0]!)!;
    expect(why.textContent).toContain(`Relevance ${first.score}/100 (${first.tier}) for Graph learning.`);
    expect(why.textContent).toContain('Matches your keywords: “graph neural networks”.');
    const below = $<HTMLInputElement>('[data-paper-radar-filter="below-threshold"]')!;
    expect(below.parentElement!.textContent).toContain(`Also show the ${rest.length} rated low`);
    await act(async () => below.click());
    // All of them, most relevant first.
    expect(ids()).toEqual([...id].sort((a, b) => verdict.scores.get(b)! - verdict.scores.get(a)!));
    await act(async () => below.click());
    expect(new Set(ids())).toEqual(new Set(picked));
    // The other views say nothing of relevance.
    await act(async () => tab('history').click());
    expect($('[data-paper-radar-detail] [data-paper-radar-why]')).toBeNull();
    await act(async () => tab('recommended').click());

    // Once those are starred, nothing left is above the threshold: the view says so.
    for (const paper of picked) await act(async () => rows().find((r) => r.dataset['paperRadarId'] === paper)!.querySelector<HTMLButtonElement>('[data-paper-radar-action="star"]')!.click());
    await until(() => rows().length === 0);
    expect($('.empty')!.textContent).toBe('Nothing you have seen lately is rated medium or high for your interests.');
    expect(tab('recommended').querySelector('.count')!.textContent).toBe('0');

    // And once the rest are read (on another device, say), none waits below it either: the view
    // says what it holds, and offers no box to show papers below.
    for (const paper of rest) await setFlag(db, { id: paper, flag: 'read', value: true }, 3_000);
    await act(async () => ranked.fireChange(rest));
    await until(() => $('[data-paper-radar-filter="below-threshold"]') === null);
    expect($('.empty')!.textContent).toBe('Papers you have seen but not read or starred show up here, most relevant first.');
  });

  it('with several topics, Recommended can show one topic, and each row names its best topic', async () => {
    const papers = mixedPapers();
    await markSeen(db, papers, 1_000);
    const topics = [
      { id: 'gnn', name: 'Graph learning', keywords: ['graph neural networks'] },
      { id: 'dm', name: 'Dark matter', keywords: ['dark matter'] },
    ];
    await setInterests(db, { topics }, 2_000);
    const api = testLibraryApi(db);
    const verdict = (await api.score(papers))!;
    await mount(api);
    await act(async () => tab('recommended').click());
    await until(() => rows().length > 0 && $('[data-paper-radar-filter="topic"]') !== null);
    const topicOf = (id: string) => verdict.explained.get(id)!.topic;
    const shownTopics = () => rows().map((r) => r.querySelector('.row-topic')?.textContent?.trim());
    expect(shownTopics()).toEqual(ids().map((id) => topicOf(id!)));
    expect(new Set(shownTopics())).toEqual(new Set(['Graph learning', 'Dark matter']));
    const select = $<HTMLSelectElement>('[data-paper-radar-filter="topic"]')!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['every topic', 'Graph learning', 'Dark matter']);
    const all = ids();
    const current = () => rows().find((r) => r.getAttribute('aria-current') === 'true')?.dataset['paperRadarId'];
    const chooseTopic = async (name: string) =>
      act(async () => {
        select.value = name;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      });
    // On the last paper, the papers below the threshold are added, or a topic is chosen: the list
    // starts at the top, as a filter's does, not wherever the index last stood.
    const belowBox = $<HTMLInputElement>('[data-paper-radar-filter="below-threshold"]')!;
    await act(async () => rows().at(-1)!.click());
    expect(current()).toBe(all.at(-1));
    await act(async () => belowBox.click());
    await settle();
    expect(ids().length).toBeGreaterThan(all.length);
    expect(current()).toBe(ids()[0]);
    await act(async () => rows().at(-1)!.click());
    await chooseTopic('Dark matter');
    await settle();
    expect(ids().length).toBeGreaterThan(1);
    expect(current()).toBe(ids()[0]);
    await act(async () => belowBox.click());
    expect(ids()).toEqual(all.filter((id) => topicOf(id!) === 'Dark matter'));
    expect(ids().length).toBeGreaterThan(0);
    // The box offers the papers below the threshold in this topic, and counts those.
    const below = papers.map((p) => p.id).filter((id) => !verdict.recommended.has(id));
    const belowHere = below.filter((id) => topicOf(id) === 'Dark matter');
    expect(belowHere.length).toBeLessThan(below.length);
    expect(belowBox.parentElement!.textContent).toContain(belowHere.length === 0 ? 'none here' : `Also show the ${belowHere.length} rated low`);
    await act(async () => belowBox.click());
    expect(new Set(ids())).toEqual(new Set([...all.filter((id) => topicOf(id!) === 'Dark matter'), ...belowHere]));
    await act(async () => belowBox.click());
    // And of those the search finds: none, here.
    await type($<HTMLInputElement>('input[type="search"]')!, 'direct detection');
    expect(ids()).toHaveLength(1);
    expect(belowBox.parentElement!.textContent).toContain('Also show those rated low (none here)');
    await type($<HTMLInputElement>('input[type="search"]')!, '');
    await act(async () => {
      select.value = '';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(ids()).toEqual(all);
    // Other views neither filter by topic nor name one.
    await act(async () => tab('history').click());
    expect($('[data-paper-radar-filter="topic"]')).toBeNull();
    expect(container.querySelector('.row-topic')).toBeNull();
  });

  it('Insights offers the seen papers scored nearest the relevant line, to star or dismiss; an answered one leaves', async () => {
    const papers = mixedPapers();
    await markSeen(db, papers, 1_000);
    await setInterests(db, { topics: [{ id: 'gnn', name: 'Graph learning', keywords: ['graph neural networks'] }] }, 2_000);
    const api = testLibraryApi(db);
    const verdict = (await api.score(papers))!;
    await mount(api);
    await act(async () => tab('insights').click());
    const listed = () => [...container.querySelectorAll<HTMLElement>('[data-paper-radar-unsure]')].map((li) => li.dataset['paperRadarUnsure']!);
    await until(() => listed().length > 0);
    const distance = (id: string) => Math.abs(verdict.scores.get(id)! - 75);
    // Nearest first (papers scored alike may come in either order).
    const nearest = papers.map((p) => distance(p.id)).sort((a, b) => a - b).slice(0, 5);
    expect(listed().map(distance)).toEqual(nearest);
    // Each with its score, said as one: a bare number beside the title.
    const shownScore = (id: string) => container.querySelector(`[data-paper-radar-unsure="${id}"] [data-paper-radar-unsure-score]`)!;
    expect(shownScore(listed()[0]!).textContent).toBe(String(verdict.scores.get(listed()[0]!)));
    expect(shownScore(listed()[0]!).getAttribute('title')).toBe('Relevance to your interests (0–100)');
    const first = listed()[0]!;
    const item = container.querySelector(`[data-paper-radar-unsure="${first}"]`)!;
    await act(async () => item.querySelector<HTMLButtonElement>('[data-paper-radar-action="dismiss"]')!.click());
    await until(() => !listed().includes(first));
    expect((await getStates(db, [first]))[first]!.dismissed).toBe(true);
    const next = listed()[0]!;
    await act(async () => container.querySelector(`[data-paper-radar-unsure="${next}"]`)!.querySelector<HTMLButtonElement>('[data-paper-radar-action="star"]')!.click());
    await until(() => !listed().includes(next));
    expect((await getStates(db, [next]))[next]!.starred).toBe(true);
  });

  it('Insights: the focus of an answered paper goes to the same button of the paper that took its place', async () => {
    const papers = mixedPapers();
    await markSeen(db, papers, 1_000);
    await setInterests(db, { topics: [{ id: 'gnn', name: 'Graph learning', keywords: ['graph neural networks'] }] }, 2_000);
    await mount(testLibraryApi(db));
    await act(async () => tab('insights').click());
    const listed = () => [...container.querySelectorAll<HTMLElement>('[data-paper-radar-unsure]')].map((li) => li.dataset['paperRadarUnsure']!);
    await until(() => listed().length > 2);
    const [first, second] = listed();
    const star = container.querySelector(`[data-paper-radar-unsure="${first}"] [data-paper-radar-action="star"]`) as HTMLButtonElement;
    star.focus();
    await act(async () => star.click());
    await until(() => !listed().includes(first!));
    await settle(4);
    expect(document.activeElement).toBe(container.querySelector(`[data-paper-radar-unsure="${second}"] [data-paper-radar-action="star"]`));
  });

  it('renders only the visible rows of a long list', async () => {
    await markSeen(db, Array.from({ length: 2_000 }, (_, i) => testPaper(i + 1)), 1_000);
    await mount(testLibraryApi(db));
    await act(async () => tab('history').click());
    await until(() => rows().length > 0);
    expect(tab('history').querySelector('.count')!.textContent).toBe('2000');
    expect(rows().length).toBeGreaterThan(0);
    expect(rows().length).toBeLessThan(60);
  });

  it('says so when the library cannot be read', async () => {
    const api = testLibraryApi(db);
    api.loadAll = api.loadFirst = async () => {
      throw new Error('database is closed');
    };
    await mount(api);
    expect($('[role="alert"]')!.textContent).toContain('database is closed');
  });

  it('renders hostile titles as text and refuses non-http links', async () => {
    const evil = testPaper(1, { title: '<img src=x onerror=alert(1)>' });
    await setFlag(db, { id: evil.id, flag: 'starred', value: true, meta: evil }, 1);
    // A record that bypassed validation (e.g. an old version's bug): the link is still refused.
    const stored = (await db.get('papers', evil.id))!;
    await db.put('papers', { ...stored, url: 'javascript:alert(1)' });
    await mount(testLibraryApi(db));
    expect(container.querySelector('img')).toBeNull();
    expect(rows()[0]!.querySelector('a.title')).toBeNull();
    expect(rows()[0]!.querySelector('.title')!.textContent).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('search and filters', () => {
  it('searches as you type over titles, authors, abstracts, tags and notes; title matches first', async () => {
    const id = await seedLibrary();
    await updateAnnotations(db, { id: id[2]!, tags: ['bio'], note: 'ask Ada about this' }, 7_000);
    await mount(testLibraryApi(db));
    const search = $<HTMLInputElement>('input[type="search"]')!;
    await type(search, 'diffus');
    // Paper 1 has it in the title, paper 2 only in the abstract.
    expect(ids()).toEqual([id[0], id[1]]);
    await type(search, 'turing');
    expect(ids()).toEqual([id[1]]);
    await type(search, 'schrodinger');
    expect(ids()).toEqual([id[2]]);
    await type(search, 'bio');
    expect(ids()).toEqual([id[2]]);
    await type(search, 'ask ada');
    expect(ids()).toEqual([id[2]]);
    await type(search, 'nothing-like-this');
    expect(rows()).toHaveLength(0);
    expect($('.empty')!.textContent).toBe('Nothing matches your search. Search by meaning');
  });

  it('filters by tag, site and status, and sorts by title', async () => {
    const id = await seedLibrary();
    await updateAnnotations(db, { id: id[1]!, tags: ['thesis'] }, 7_000);
    await mount(testLibraryApi(db));
    await select('tag', 'thesis');
    expect(ids()).toEqual([id[1]]);
    await select('tag', '');
    await select('site', 'huggingface');
    expect(ids()).toEqual([id[2]]);
    await select('site', '');
    await select('sort', 'title');
    expect(rows().map((r) => r.querySelector('.title')!.textContent)).toEqual(['Diffusion models for protein design', 'Schrödinger bridges', 'Sparse attention at scale']);
    // Only Recommended's papers are scored: relevance is offered there, where it sorts.
    const sorts = () => [...$<HTMLSelectElement>('[data-paper-radar-filter="sort"]')!.options].map((o) => o.value);
    expect(sorts()).toEqual(['date', 'title']);
    await act(async () => tab('history').click());
    expect(sorts()).toEqual(['date', 'title']);
    await select('status', 'read');
    expect(ids()).toEqual([id[5]]);
    await act(async () => tab('recommended').click());
    expect(sorts()).toEqual(['date', 'relevance', 'title']);
  });

  it('filters that leave nothing say so, not that there are no starred papers, and clear with one click', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    await select('status', 'read'); // none of the three starred papers is read
    expect(rows()).toHaveLength(0);
    expect($('.empty')!.textContent).toBe('Nothing matches these filters. Clear the filters');
    // A space left in the search box is no search: still the filters, not "Nothing matches your search".
    await type($<HTMLInputElement>('input[type="search"]')!, ' ');
    expect($('.empty')!.textContent).toBe('Nothing matches these filters. Clear the filters');
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="clear-filters"]')!.click());
    await settle(2);
    expect(ids()).toEqual([id[0], id[1], id[2]]);
    expect($<HTMLSelectElement>('[data-paper-radar-filter="status"]')!.value).toBe('any');
    expect(document.activeElement).toBe($('input[type="search"]')); // not the page's body: the button went
  });
});

describe('acting on papers', () => {
  it('x in Starred takes the paper off the list (dismissing unstars it): the line says so, with Undo', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    expect(ids()).toEqual([id[0], id[1], id[2]]);
    await key('x');
    await until(() => ids().length === 2);
    expect((await getStates(db, [id[0]!]))[id[0]!]).toMatchObject({ starred: false, dismissed: true });
    expect($('[data-paper-radar-undo]')!.textContent).toBe('Dismissed and unstarred: “Diffusion models for protein design”. Undo');
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-undo] button')!.click());
    await until(() => ids().length === 3);
    expect((await getStates(db, [id[0]!]))[id[0]!]).toMatchObject({ starred: true, starredAt: 4_000, dismissed: false });
  });

  it('unstars and marks read from the row, stored at once', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    await act(async () => rows()[1]!.querySelector<HTMLButtonElement>('[data-paper-radar-action="read"]')!.click());
    await settle();
    expect((await getStates(db, [id[1]!]))[id[1]!]!.read).toBe(true);
    expect(rows()[1]!.querySelector('[data-paper-radar-action="read"]')!.getAttribute('aria-pressed')).toBe('true');
    expect($('[data-paper-radar-undo]')!.textContent).toBe(''); // it stays in view: nothing to undo
    await act(async () => rows()[1]!.querySelector<HTMLButtonElement>('[data-paper-radar-action="star"]')!.click());
    await settle();
    expect((await getStates(db, [id[1]!]))[id[1]!]!.starred).toBe(false);
    expect(ids()).toEqual([id[0], id[2]]);
    // Unstarred by mistake: one click brings it back, with the date it was starred, so in its place.
    expect($('[data-paper-radar-undo]')!.textContent).toBe('Unstarred: “Sparse attention at scale”. Undo');
    await act(async () => $('[data-paper-radar-undo] button')!.click());
    await until(() => ids().length === 3);
    expect(ids()).toEqual([id[0], id[1], id[2]]);
    expect((await getStates(db, [id[1]!]))[id[1]!]).toMatchObject({ starred: true, starredAt: 3_000, read: true });
  });

  it("a focused row that leaves the list hands focus to the paper taking its place, not to the page", async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    const star = rows()[1]!.querySelector<HTMLButtonElement>('[data-paper-radar-action="star"]')!;
    star.focus();
    await act(async () => star.click()); // unstarred: off the Starred list
    await settle();
    expect(ids()).toEqual([id[0], id[2]]);
    expect(document.activeElement?.closest('.paper')?.getAttribute('data-paper-radar-id')).toBe(id[2]);
    // The last row gone: the one before it, now the last.
    const last = rows()[1]!.querySelector<HTMLButtonElement>('[data-paper-radar-action="star"]')!;
    last.focus();
    await act(async () => last.click());
    await settle();
    expect(document.activeElement?.closest('.paper')?.getAttribute('data-paper-radar-id')).toBe(id[0]);
  });

  it('adds tags with autocomplete from existing tags, removes them, and keeps a note', async () => {
    const id = await seedLibrary();
    await updateAnnotations(db, { id: id[2]!, tags: ['reading group'] }, 7_000);
    await mount(testLibraryApi(db));
    const input = $<HTMLInputElement>('[data-paper-radar-input="tag"]')!;
    expect([...container.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'))).toEqual(['reading group']);
    await type(input, 'thesis');
    await key('Enter', input);
    await settle();
    expect((await getPaper(db, id[0]!))!.tags).toEqual(['thesis']);
    expect([...container.querySelectorAll('.tag-list .tag')].map((t) => t.firstChild!.textContent)).toEqual(['thesis']);
    await act(async () => $<HTMLButtonElement>('[aria-label="Remove tag thesis"]')!.click());
    await settle();
    expect((await getPaper(db, id[0]!))!.tags).toEqual([]);
    const note = $<HTMLTextAreaElement>('[data-paper-radar-input="note"]')!;
    await type(note, 'Compare with §4 of the 2023 paper');
    await act(async () => void note.dispatchEvent(new FocusEvent('blur')));
    await settle();
    expect((await getPaper(db, id[0]!))!.note).toBe('Compare with §4 of the 2023 paper');
    // The list shows the note's start on the paper's row, on one line.
    const snippet = () => $(`.paper[data-paper-radar-id="${id[0]}"] [data-paper-radar-note-snippet]`)?.textContent ?? null;
    expect(snippet()).toBe('✎ Note: Compare with §4 of the 2023 paper'); // "Note: " for screen readers only
    await type(note, `First line\n\n${'long '.repeat(40)}`);
    await act(async () => void note.dispatchEvent(new FocusEvent('blur')));
    await settle();
    expect(snippet()).toBe(`✎ Note: First line ${'long '.repeat(40)}`.slice(0, 87) + '…');
  });

  it('z takes back a tag or note edit made in the detail pane (a note as it was before it was typed), not the change before it', async () => {
    const id = await seedLibrary();
    await updateAnnotations(db, { id: id[0]!, tags: ['survey'] }, 7_000);
    await mount(testLibraryApi(db));
    const stored = async (i: number) => (await getPaper(db, id[i]!))!;
    await act(async () => rows()[1]!.querySelector<HTMLButtonElement>('[data-paper-radar-action="read"]')!.click()); // a change before
    await eventually(async () => expect((await stored(1)).read).toBe(true));
    // A tag taken off by mistake comes back.
    await act(async () => $<HTMLButtonElement>('[aria-label="Remove tag survey"]')!.click());
    await eventually(async () => expect((await stored(0)).tags).toEqual([]));
    await key('z');
    await eventually(async () => expect((await stored(0)).tags).toEqual(['survey']));
    expect($('[data-paper-radar-undo]')!.textContent).toMatch(/^Undone: Tags changed: “.+”\. Undo the one before$/);
    expect((await stored(1)).read).toBe(true); // the change before stays
    // A note saved as it was typed, twice: z puts back what it was before the typing.
    const note = $<HTMLTextAreaElement>('[data-paper-radar-input="note"]')!;
    await type(note, 'First thought');
    await act(async () => void note.dispatchEvent(new FocusEvent('blur')));
    await eventually(async () => expect((await stored(0)).note).toBe('First thought'));
    await type(note, 'First thought, and a second');
    await act(async () => void note.dispatchEvent(new FocusEvent('blur')));
    await eventually(async () => expect((await stored(0)).note).toBe('First thought, and a second'));
    await key('z');
    await eventually(async () => expect((await stored(0)).note).toBe(''));
    await settle();
    expect(note.value).toBe('');
    await key('z'); // then the change before it
    await eventually(async () => expect((await stored(1)).read).toBe(false));
  });

  /** The seeded library shown, its first paper (the active one) tagged "a" in the detail pane. */
  async function firstPaperTagged(api: TestLibraryApi) {
    const id = await seedLibrary();
    await mount(api);
    const stored = async () => (await getPaper(db, id[0]!))!;
    const input = $<HTMLInputElement>('[data-paper-radar-input="tag"]')!;
    await type(input, 'a');
    await key('Enter', input);
    await eventually(async () => expect((await stored()).tags).toEqual(['a']));
    return { id, stored, input };
  }

  it('z takes back only what the edit changed: a tag added since in another tab stays, a note written since elsewhere is not undone', async () => {
    const api = testLibraryApi(db);
    const { id, stored } = await firstPaperTagged(api);
    // Another tab's "Tag these N" adds "b".
    await retagPapers(db, { ids: [id[0]!], add: ['b'] }, 8_000);
    await act(async () => api.fireChange([id[0]!]));
    await settle();
    await key('z');
    await eventually(async () => expect((await stored()).tags).toEqual(['b']));
    // A note saved here, then written again in another tab: z leaves the other tab's, and says so.
    const note = $<HTMLTextAreaElement>('[data-paper-radar-input="note"]')!;
    await type(note, 'Mine');
    await act(async () => void note.dispatchEvent(new FocusEvent('blur')));
    await eventually(async () => expect((await stored()).note).toBe('Mine'));
    await updateAnnotations(db, { id: id[0]!, note: 'Written in another tab' }, 9_000);
    await act(async () => api.fireChange([id[0]!]));
    await settle();
    await key('z');
    await eventually(async () => expect($('[data-paper-radar-undo]')!.textContent).toMatch(/^Not undone: the note on “.+” was changed since, in another tab or on another device\./));
    expect((await stored()).note).toBe('Written in another tab');
  });

  it('a tag added or removed here leaves a tag another tab added that this view has not heard of yet', async () => {
    const { id, stored, input } = await firstPaperTagged(testLibraryApi(db));
    // Another tab's "Tag these N" adds "b"; its notice has not come yet.
    await retagPapers(db, { ids: [id[0]!], add: ['b'] }, 8_000);
    await type(input, 'c');
    await key('Enter', input);
    await eventually(async () => expect((await stored()).tags).toEqual(['a', 'b', 'c']));
    await act(async () => $<HTMLButtonElement>('[aria-label="Remove tag a"]')!.click());
    await eventually(async () => expect((await stored()).tags).toEqual(['b', 'c']));
  });

  it('a tag that no longer fits (another tab filled the last places) is said not added, and the paper shown as stored', async () => {
    const { id, stored, input } = await firstPaperTagged(testLibraryApi(db));
    const others = Array.from({ length: LIMITS.tags - 1 }, (_, i) => `t${i}`);
    await retagPapers(db, { ids: [id[0]!], add: others }, 8_000); // not heard of here yet
    await type(input, 'c');
    await key('Enter', input);
    await until(() => /“c” not added: a paper has at most 50 tags\./.test($('[role="alert"]')?.textContent ?? ''));
    expect((await stored()).tags).toHaveLength(LIMITS.tags);
    await until(() => container.querySelectorAll('.tags-editor .tag').length === LIMITS.tags);
  });

  it('a trailing space or new line typed before the autosave pause stays in the field; the note is saved without it', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    const note = $<HTMLTextAreaElement>('[data-paper-radar-input="note"]')!;
    await type(note, 'First line\n');
    // The user pauses (thinking of the next line): the note autosaves after 700 ms.
    await vi.waitFor(async () => expect((await getPaper(db, id[0]!))!.note).toBe('First line'), { timeout: 2_000 });
    await settle();
    // What they typed is still in the field, and they go on typing from it.
    expect(note.value).toBe('First line\n');
  });

  it('closing the popup before the autosave pause saves what was typed, a tag not added yet too (its pagehide)', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    await type($<HTMLTextAreaElement>('[data-paper-radar-input="note"]')!, 'Typed just before closing');
    await type($<HTMLInputElement>('[data-paper-radar-input="tag"]')!, 'to read'); // a tag not added yet (no Enter)
    await act(async () => void window.dispatchEvent(new Event('pagehide')));
    await settle();
    expect((await getPaper(db, id[0]!))!.note).toBe('Typed just before closing');
    expect((await getPaper(db, id[0]!))!.tags).toEqual(['to read']);
  });

  it('a note changed in another tab shows in the editor, and leaving the field unedited saves nothing over it', async () => {
    const id = await seedLibrary();
    const api = testLibraryApi(db);
    await mount(api);
    const note = $<HTMLTextAreaElement>('[data-paper-radar-input="note"]')!;
    expect(note.value).toBe('');
    await updateAnnotations(db, { id: id[0]!, note: 'Written in another tab' }, 8_000);
    await act(async () => api.fireChange([id[0]!]));
    await until(() => $(`.paper[data-paper-radar-id="${id[0]}"] [data-paper-radar-note-snippet]`) !== null);
    await settle();
    expect(note.value).toBe('Written in another tab');
    await act(async () => {
      note.focus();
      note.dispatchEvent(new FocusEvent('blur'));
    });
    await settle();
    expect((await getPaper(db, id[0]!))!.note).toBe('Written in another tab');
    // Edited, it is the user's, and saved.
    await type(note, 'Written in another tab; and here');
    await act(async () => void note.dispatchEvent(new FocusEvent('blur')));
    await until(() => note.closest('label')!.querySelector('.label')!.textContent === 'Note (saved)');
    expect((await getPaper(db, id[0]!))!.note).toBe('Written in another tab; and here');
  });

  it('tag edits made before the background answers build on each other: a tag taken off stays off when another is added at once', async () => {
    const id = await seedLibrary();
    await updateAnnotations(db, { id: id[0]!, tags: ['a', 'b'] }, 7_000);
    const api = testLibraryApi(db);
    const setTagsAndNote = api.setTagsAndNote;
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    api.setTagsAndNote = (paperId, change) => answered.then(() => setTagsAndNote(paperId, change));
    await mount(api);
    const tagsShown = () => [...container.querySelectorAll('.tag-list .tag')].map((t) => t.firstChild!.textContent);
    expect(tagsShown()).toEqual(['a', 'b']);
    await act(async () => $<HTMLButtonElement>('[aria-label="Remove tag a"]')!.click());
    await settle(2);
    expect(tagsShown()).toEqual(['b']);
    const input = $<HTMLInputElement>('[data-paper-radar-input="tag"]')!;
    await type(input, 'c');
    await key('Enter', input);
    expect(tagsShown()).toEqual(['b', 'c']);
    answer();
    await until(() => [...container.querySelectorAll(`.paper[data-paper-radar-id="${id[0]}"] .tag`)].length === 2);
    await settle();
    expect((await getPaper(db, id[0]!))!.tags).toEqual(['b', 'c']);
    expect(tagsShown()).toEqual(['b', 'c']);
  });

  it('a tag with a comma in it (a BibTeX import\'s), picked from the suggestions, is added as that one tag', async () => {
    const id = await seedLibrary();
    await updateAnnotations(db, { id: id[2]!, tags: ['Smith, J.'] }, 7_000);
    await mount(testLibraryApi(db));
    expect([...container.querySelectorAll('#tags-known option')].map((o) => o.getAttribute('value'))).toContain('Smith, J.');
    const input = $<HTMLInputElement>('[data-paper-radar-input="tag"]')!;
    await type(input, 'smith, j., later');
    await key('Enter', input);
    await settle();
    expect([...(await getPaper(db, id[0]!))!.tags].sort()).toEqual(['Smith, J.', 'later'].sort());
  });

  it('Backspace held to erase a typed word takes off no tag; a press of its own on the empty field takes off the last one', async () => {
    const id = await seedLibrary();
    await updateAnnotations(db, { id: id[0]!, tags: ['alpha', 'beta', 'gamma'] }, 7_000);
    await mount(testLibraryApi(db));
    const input = $<HTMLInputElement>('[data-paper-radar-input="tag"]')!;
    const backspace = async (repeat: boolean) => {
      await act(async () => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Backspace', bubbles: true, repeat })));
      await settle(2);
    };
    // The word is erased, the field empty now; the key, held down, keeps repeating.
    for (let i = 0; i < 3; i++) await backspace(true);
    await settle();
    expect((await getPaper(db, id[0]!))!.tags).toEqual(['alpha', 'beta', 'gamma']);
    await backspace(false);
    await settle();
    expect((await getPaper(db, id[0]!))!.tags).toEqual(['alpha', 'beta']);
  });

  it('Escape leaves the tag field without adding what was typed; leaving it otherwise adds it', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    const input = $<HTMLInputElement>('[data-paper-radar-input="tag"]')!;
    input.focus();
    await type(input, 'oops');
    await key('Escape', input);
    await settle();
    expect((await getPaper(db, id[0]!))!.tags).toEqual([]);
    expect(input.value).toBe('');
    input.focus();
    await type(input, 'kept');
    await act(async () => input.blur());
    await settle();
    expect((await getPaper(db, id[0]!))!.tags).toEqual(['kept']);
  });

  it("Enter that confirms an input method's candidate in the tag field adds no half-composed tag", async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    const input = $<HTMLInputElement>('[data-paper-radar-input="tag"]')!;
    await type(input, 'きかいがくしゅう'); // kana being composed, about to be converted to 機械学習
    await act(async () => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, isComposing: true })));
    // Safari: the keydown of the key that ended the composition, after compositionend.
    await act(async () => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, keyCode: 229 })));
    await settle();
    expect((await getPaper(db, id[0]!))!.tags).toEqual([]);
    expect(input.value).toBe('きかいがくしゅう');
    await type(input, '機械学習');
    await key('Enter', input); // composition over: Enter adds it
    await settle();
    expect((await getPaper(db, id[0]!))!.tags).toEqual(['機械学習']);
  });

  it('the tag field takes a comma-separated list whole; a tag too long, or a 51st, is said in words and nothing is sent', async () => {
    const id = await seedLibrary();
    await updateAnnotations(db, { id: id[1]!, tags: Array.from({ length: 50 }, (_, i) => `t${i}`) }, 7_000);
    await mount(testLibraryApi(db));
    // The selected paper's field (each paper has its own).
    const input = () => $<HTMLInputElement>('[data-paper-radar-input="tag"]')!;
    const problem = () => $('[data-paper-radar-tag-problem]')?.textContent ?? null;
    // Three tags of 26–30 characters, each well within one tag's 60: a browser cuts what is
    // typed or pasted at maxLength, and the last one was lost ("reading gr").
    const list = 'retrieval augmented generation, speculative decoding methods, reading group 2024';
    expect(input().maxLength).toBeGreaterThanOrEqual(list.length);
    await type(input(), list);
    await key('Enter', input());
    await settle();
    expect((await getPaper(db, id[0]!))!.tags).toEqual(['reading group 2024', 'retrieval augmented generation', 'speculative decoding methods']);

    await type(input(), `short, ${'x'.repeat(61)}`);
    await key('Enter', input());
    await settle();
    expect(problem()).toBe(`A tag has at most 60 characters: “${'x'.repeat(30)}…” has 61.`);
    expect(input().value).toBe(`short, ${'x'.repeat(61)}`); // kept, to be mended
    expect((await getPaper(db, id[0]!))!.tags).toHaveLength(3);
    await type(input(), 'short');
    expect(problem()).toBeNull();

    await key('j'); // the paper with 50 tags
    await type(input(), 'one more');
    await key('Enter', input());
    await settle();
    expect(problem()).toBe('A paper has at most 50 tags.');
    expect((await getPaper(db, id[1]!))!.tags).toHaveLength(50);
    expect($('[role="alert"]:not([data-paper-radar-tag-problem])')).toBeNull(); // no "invalid message: tags: …"
  });

  it('a paper whose tag is being typed stays listed, in its place, though it leaves the view meanwhile: the tag is its, and the keys stay in its field', async () => {
    const id = await seedLibrary();
    const api = testLibraryApi(db);
    await mount(api);
    const field = () => $<HTMLInputElement>('[data-paper-radar-input="tag"]')!;
    field().focus();
    await type(field(), 'mine');
    // Unstarred elsewhere (another window) before anything is saved: it stays, selected.
    await setFlag(db, { id: id[0]!, flag: 'starred', value: false }, 8_000);
    await act(async () => api.fireChange([id[0]!]));
    await until(() => tab('starred').querySelector('.count')?.textContent === '2'); // the change is in
    expect(ids()[0]).toBe(id[0]);
    expect($('[data-paper-radar-detail]')!.getAttribute('data-paper-radar-detail')).toBe(id[0]);
    expect(field().value).toBe('mine');
    expect(document.activeElement).toBe(field());
    await key('Enter', field());
    await settle();
    expect((await getPaper(db, id[0]!))!.tags).toEqual(['mine']);
    expect((await getPaper(db, id[1]!))!.tags).toEqual([]);
    // Moved on, it leaves the list.
    field().blur();
    await key('j');
    await until(() => !ids().includes(id[0]!));
  });

  it("offers the interest topics as tags, and says a star tagged with one is filed under it", async () => {
    const id = await seedLibrary();
    await setInterests(db, { topics: [{ id: 'bio', name: 'Protein design', keywords: ['protein'] }] }, 1);
    await mount(testLibraryApi(db));
    expect([...container.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'))).toEqual(['Protein design']);
    expect($('.tag-hint')!.textContent).toContain("Tag it with a topic's name (Protein design)");
    await updateAnnotations(db, { id: id[0]!, tags: ['protein design'] }, 8_000);
    render(null, container);
    await mount(testLibraryApi(db));
    expect($('.tag-hint')!.textContent).toBe('Filed under Protein design: that topic learns from this star.');
  });

  it('copies BibTeX and a Markdown link of the selected paper', async () => {
    await seedLibrary();
    const api = testLibraryApi(db);
    await mount(api);
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="copy-markdown"]')!.click());
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="copy-bibtex"]')!.click());
    await until(() => api.copied.length === 2); // the BibTeX writer loads on first use
    expect(api.copied[0]).toBe('[Diffusion models for protein design](https://arxiv.org/abs/2408.00001)');
    expect(api.copied[1]).toMatch(/^@\w+\{[^,]+,/);
    expect(api.copied[1]).toContain('eprint = {2408.00001}');
  });

  it("says the selected paper's ids, year, subjects and comments, and moves on with the selection", async () => {
    const comments = '12 pages; accepted at NeurIPS 2024; code at https://github.com/a/b.';
    await markSeen(db, [testPaper(1, { subjects: ['cs.LG', 'stat.ML'], comments, aliases: ['doi:10.1000/x1'] })], 1_000);
    await markSeen(db, [testPaper(2, { id: 'scholar:42', primaryCategory: null, subjects: [], year: 2002 })], 2_000);
    await mount(testLibraryApi(db));
    await act(async () => tab('history').click());
    await settle();
    const facts = () => [...container.querySelectorAll('[data-paper-radar-detail] [data-paper-radar-facts] p')].map((p) => p.textContent);
    expect($('[data-paper-radar-detail]')!.getAttribute('data-paper-radar-detail')).toBe('scholar:42');
    expect(facts()).toEqual(['2002']);
    await key('j');
    expect(facts()).toEqual(['arXiv:2408.00001 · doi:10.1000/x1 · 2024 · cs.LG, stat.ML', `Comments: ${comments}`]);
    const link = $<HTMLAnchorElement>('[data-paper-radar-facts] a')!;
    expect([link.textContent, link.getAttribute('href'), link.target, link.rel]).toEqual(['https://github.com/a/b', 'https://github.com/a/b', '_blank', 'noopener noreferrer']);
  });
});

describe('following authors', () => {
  it('an author of the selected paper is followed with one click, and unfollowed; the popup shows six, the rest on request', async () => {
    const authors = ['Ada Lovelace', 'Alan Turing', 'Emmy Noether', 'Grace Hopper', 'Kurt Gödel', 'John von Neumann', 'Marie Curie', 'Alonzo Church'];
    await markSeen(db, [testPaper(1, { authors })], 1_000);
    await setInterests(db, { topics: [], followedAuthors: ['A. Turing'] }, 500);
    await mount(testLibraryApi(db));
    await act(async () => tab('history').click());
    await settle();
    const buttons = () => [...container.querySelectorAll<HTMLButtonElement>('[data-paper-radar-detail] .detail-authors button.author')];
    const pressed = () => buttons().filter((b) => b.getAttribute('aria-pressed') === 'true').map((b) => b.textContent);
    await until(() => buttons().length > 0 && !buttons()[0]!.disabled);
    expect(buttons().map((b) => b.textContent)).toEqual(['+ Ada Lovelace', '✓ Alan Turing', '+ Emmy Noether', '+ Grace Hopper', '+ Kurt Gödel', '+ John von Neumann']);
    const more = [...container.querySelectorAll<HTMLButtonElement>('.detail-authors .link-button')].find((b) => b.textContent === '+2 more')!;
    more.focus();
    await act(async () => more.click());
    expect(buttons()).toHaveLength(8);
    // The button pressed went: the focus is on the first author it showed, not on the body.
    await until(() => document.activeElement === buttons()[6]);
    expect(document.activeElement).toBe(buttons()[6]);

    await act(async () => buttons().find((b) => b.textContent === '+ Kurt Gödel')!.click());
    await until(() => pressed().length === 2);
    expect(pressed()).toEqual(['✓ Alan Turing', '✓ Kurt Gödel']);
    expect((await getInterests(db)).followedAuthors).toEqual(['A. Turing', 'Kurt Gödel']);
    // Unfollowing removes the name however it was typed.
    await act(async () => buttons().find((b) => b.textContent === '✓ Alan Turing')!.click());
    await until(() => pressed().length === 1);
    expect((await getInterests(db)).followedAuthors).toEqual(['Kurt Gödel']);
  });

  it('following a 501st author says why it cannot, and follows no one', async () => {
    const followed = Array.from({ length: 500 }, (_, i) => `Followed Author${i}`);
    await markSeen(db, [testPaper(1, { authors: ['Ada Lovelace'] })], 1_000);
    await setInterests(db, { topics: [], followedAuthors: followed }, 500);
    await mount(testLibraryApi(db));
    await act(async () => tab('history').click());
    await settle();
    const ada = () => container.querySelector<HTMLButtonElement>('[data-paper-radar-detail] .detail-authors button.author');
    await until(() => ada() !== null && !ada()!.disabled);
    await act(async () => ada()!.click());
    await until(() => container.querySelector('.detail-authors [role="alert"], .detail-authors .error') !== null);
    expect(container.querySelector('.detail-authors [role="alert"], .detail-authors .error')!.textContent).toBe(
      'Could not follow Ada Lovelace: you follow 500 authors, the most Paper Radar keeps: stop following some in the settings page first.',
    );
    expect((await getInterests(db)).followedAuthors).toHaveLength(500);
  });

  it('a list the page cut (a Scholar result) says there are others, in the row and the detail', async () => {
    await markSeen(db, [testPaper(1, { id: 'scholar:42', site: 'scholar', url: 'https://scholar.google.com/scholar?cluster=42', authors: ['S Bannister', 'J Yu', 'B Leitner'], authorsCut: true })], 1_000);
    await mount(testLibraryApi(db));
    await act(async () => tab('history').click());
    await settle();
    await until(() => container.querySelector('[data-paper-radar-detail] .detail-authors') !== null);
    expect(container.querySelector('.authors')?.textContent).toBe('S Bannister, J Yu, B Leitner, …');
    expect(container.querySelector('.detail-authors .authors-cut')?.textContent).toBe('and others (the page named only these)');
  });
});

describe('more like this', () => {
  it('on request, lists the library papers most like the selected one, as links', async () => {
    const papers = mixedPapers();
    await markSeen(db, papers, 1_000);
    await mount(testLibraryApi(db));
    await act(async () => tab('history').click());
    await settle();
    const selected = $('[data-paper-radar-detail]')!.getAttribute('data-paper-radar-detail')!;
    expect(selected).toBe(papers[0]!.id); // "Graph neural networks for molecules"
    const ask = $<HTMLButtonElement>('[data-paper-radar-action="more-like-this"]')!;
    ask.focus();
    await act(async () => ask.click());
    await until(() => $('[data-paper-radar-like-this]') !== null);
    // The button pressed went with the answer: the focus is on the answer, not on the body.
    expect(document.activeElement).toBe($('[data-paper-radar-like-this]'));
    const links = [...container.querySelectorAll<HTMLAnchorElement>('[data-paper-radar-similar] a')];
    // The other papers on (graph) neural networks, the closest first; not dark matter or benchmarks.
    expect(links.map((a) => a.textContent)).toEqual(['Message passing graph neural networks at scale', 'Graphs of galaxies', 'Networks of neurons']);
    expect(links.every((a) => a.rel === 'noopener noreferrer' && a.href.startsWith('https://arxiv.org/abs/'))).toBe(true);
    // Another paper: asked afresh.
    await key('j');
    expect($('[data-paper-radar-like-this]')).toBeNull();
    expect($('[data-paper-radar-action="more-like-this"]')).not.toBeNull();
  });
});

describe('changes made elsewhere', () => {
  it('reads again only the papers a change names: new, changed, forgotten and merged papers show as the store has them', async () => {
    const id = await seedLibrary();
    await markSeen(db, [testPaper(9, { id: 'scholar:99', title: 'A cluster seen on Scholar', url: 'https://scholar.google.com/scholar?cluster=99' })], 1_100);
    const api = testLibraryApi(db);
    let wholeReads = 0;
    const loadAll = api.loadAll;
    api.loadAll = (onChunk) => (wholeReads++, loadAll(onChunk));
    await mount(api);
    await act(async () => tab('history').click());
    await settle();
    expect(ids()).toContain('scholar:99');
    expect(wholeReads).toBe(1);

    // Another tab: a listing shows a new paper and the Scholar cluster's arXiv version (one paper
    // now, kept under its arXiv id), the user stars a paper there, and history is forgotten.
    await markSeen(db, [testPaper(8, { title: 'Seen in another tab' }), testPaper(9, { title: 'The arXiv version', aliases: ['scholar:99'] })], 7_000);
    await setFlag(db, { id: id[3]!, flag: 'starred', value: true }, 8_000);
    const { ids: forgotten } = await forgetSeen(db, 1_050);
    expect(forgotten).toEqual([id[4]]);
    await act(async () => api.fireChange([testPaper(8).id, testPaper(9).id, 'scholar:99', id[3]!, ...forgotten]));
    await until(() => ids().includes(testPaper(8).id));
    await settle();
    expect(ids()).toContain(testPaper(9).id);
    expect(ids()).not.toContain('scholar:99');
    expect(ids()).not.toContain(id[4]);
    expect(tab('starred').querySelector('.count')!.textContent).toBe('4');
    expect(tab('history').querySelector('.count')!.textContent).toBe(String(rows().length));
    expect(wholeReads).toBe(1);

    // A bulk change's notice (as many papers as one request names) is read paper by paper.
    await act(async () => api.fireChange(Array.from({ length: 3_000 }, (_, i) => testPaper(100 + i).id)));
    await new Promise((resolve) => setTimeout(resolve, 400));
    await settle();
    expect(wholeReads).toBe(1);
    // A change that does not say which papers, or names more than are read one by one: the whole library again.
    await act(async () => api.fireChange(null));
    await until(() => wholeReads === 2);
    await settle();
    expect(ids()).toContain(testPaper(8).id);
    await act(async () => api.fireChange(Array.from({ length: LIMITS.batch + 1 }, (_, i) => testPaper(100 + i).id)));
    await until(() => wholeReads === 3);
  });

  it('z does not take back a star given on a listing since, once this page has heard of it', async () => {
    const id = await seedLibrary();
    const api = testLibraryApi(db);
    await mount(api, 'page');
    await act(async () => tab('history').click());
    await type($<HTMLInputElement>('input[type="search"]')!, 'graph');
    expect(ids()).toEqual([id[3]]);
    await key('x');
    await until(() => rows()[0]!.querySelector('[data-paper-radar-action="dismiss"]')?.getAttribute('aria-pressed') === 'true');
    // On a listing in another tab the user stars it after all (which takes back the dismissal).
    await setFlag(db, { id: id[3]!, flag: 'starred', value: true }, Date.now() + 2_000);
    await act(async () => api.fireChange([id[3]!]));
    await until(() => rows()[0]!.querySelector('[data-paper-radar-action="star"]')!.getAttribute('aria-pressed') === 'true');
    await key('z');
    await until(() => $('[data-paper-radar-undo]')!.textContent !== '');
    expect($('[data-paper-radar-undo]')!.textContent).toBe('Not undone: “Graph neural networks revisited” was marked again since, in another tab or on another device. ');
    expect((await getStates(db, [id[3]!]))[id[3]!]).toMatchObject({ starred: true, dismissed: false });
  });
});

describe('papers seen elsewhere', () => {
  it('reach History while the user scrolls another tab, caught up with at most once a second, by their records\' ids, with no whole read; only they are scored, and all once the model is retrained', async () => {
    await seedLibrary();
    await markSeen(db, [testPaper(9, { title: 'Kept under its arXiv id', aliases: ['scholar:99'] })], 1_100);
    await setInterests(db, { topics: [{ id: 'gnn', name: 'Graph learning', keywords: ['graph neural networks'] }] }, 1_200);
    const api = testLibraryApi(db);
    // How many papers each request for the Recommended view's scores names.
    const asked: number[] = [];
    const score = api.score;
    api.score = (papers) => (asked.push(papers.length), score(papers));
    let wholeReads = 0;
    const loadAll = api.loadAll;
    api.loadAll = (onChunk) => (wholeReads++, loadAll(onChunk));
    // For each catch-up, how many of the listing's reports had been sent when it began.
    let sent = 0;
    const catchUps: number[] = [];
    const loadPapers = api.loadPapers;
    api.loadPapers = (ids) => (catchUps.push(sent), loadPapers(ids));
    await mount(api, 'page');
    await act(async () => tab('history').click());
    await settle();
    const historyCount = () => Number(tab('history').querySelector('.count')!.textContent);
    const before = historyCount();
    await until(() => asked.length === 1);
    const candidates = asked[0]!;
    expect(candidates).toBeGreaterThan(0);

    // A listing in another tab reports what the user scrolls past, as its seen tracker does,
    // through the background's handler, every 250 ms for 2.5 s. The paper seen under its Scholar
    // cluster is named by its record's id.
    const notices: string[][] = [];
    const listing = backgroundMessenger(db, { onSeen: (seen) => (notices.push(seen), api.fireChange(seen, 'seen')) });
    await listing.send({ type: 'markSeen', papers: [testPaper(9, { id: 'scholar:99', url: 'https://scholar.google.com/scholar?cluster=99' })] });
    expect(notices).toEqual([[testPaper(9).id]]);
    const reportsBegan = performance.now();
    for (let n = 0; n < 10; n++) {
      const title = n % 2 ? `Scrolled past ${n}` : `Graph neural networks, part ${n}`;
      await listing.send({ type: 'markSeen', papers: [testPaper(200 + n, { title })] });
      sent++;
      await act(async () => new Promise((resolve) => setTimeout(resolve, 250)));
    }
    const reportsTook = performance.now() - reportsBegan;
    await until(() => historyCount() === before + 10);
    expect(historyCount()).toBe(before + 10);
    expect(ids()).toContain(testPaper(209).id);
    // Caught up with while the reports went on (waiting for a pause would have waited till
    // the end), and not at every report: about once per SEEN_DELAY_MS (≥ 2.5 s of reports,
    // longer on a busy machine), and once more for the last ones.
    expect(catchUps[0]).toBeLessThan(10);
    expect(catchUps.length).toBeGreaterThanOrEqual(2);
    expect(catchUps.length).toBeLessThanOrEqual(Math.ceil(reportsTook / SEEN_DELAY_MS) + 1);
    expect(wholeReads).toBe(1);
    // Each catch-up asked for the scores of the papers it brought, not of every candidate again;
    // the Recommended view ranks them with the others.
    await until(() => asked.slice(1).reduce((sum, n) => sum + n, 0) === 10);
    expect(asked.slice(1).reduce((sum, n) => sum + n, 0)).toBe(10);
    await act(async () => tab('recommended').click());
    await settle();
    expect(ids()).toContain(testPaper(208).id);
    expect(ids()).toContain(testPaper(4).id); // "Graph neural networks revisited", scored before
    expect(ids()).not.toContain(testPaper(209).id); // no graph neural networks in it: below the threshold
    // A star elsewhere: the paper leaves the view, and nothing is scored again until the worker
    // says it retrained the model; then every candidate is.
    const calls = asked.length;
    await setFlag(db, { id: testPaper(4).id, flag: 'starred', value: true }, 9_000);
    await act(async () => api.fireChange([testPaper(4).id]));
    await until(() => !ids().includes(testPaper(4).id));
    await settle();
    expect(ids()).not.toContain(testPaper(4).id);
    expect(asked.length).toBe(calls);
    await act(async () => api.fireChange([], 'model'));
    await until(() => asked.length > calls);
    expect(asked[calls]).toBe(candidates + 10 - 1);

    // In a tab the user is not looking at, the page does nothing for papers seen elsewhere
    // until they come back to it; then it catches up at once.
    let hidden = true;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    try {
      await act(async () => tab('history').click());
      const shown = historyCount();
      const reads = catchUps.length;
      for (let n = 0; n < 3; n++) await listing.send({ type: 'markSeen', papers: [testPaper(300 + n)] });
      await act(async () => new Promise((resolve) => setTimeout(resolve, 1_500)));
      expect(catchUps.length).toBe(reads);
      expect(historyCount()).toBe(shown);
      hidden = false;
      await act(async () => void document.dispatchEvent(new Event('visibilitychange')));
      await until(() => historyCount() === shown + 3);
      expect(historyCount()).toBe(shown + 3);
      expect(catchUps.length).toBe(reads + 1);
    } finally {
      delete (document as { hidden?: boolean }).hidden;
    }
  });
});

describe('a model retrained elsewhere', () => {
  it('new interests typed in the options page rank the Recommended view anew, with nothing read again', async () => {
    await seedLibrary();
    await setInterests(db, { topics: [{ id: 'gnn', name: 'Graph learning', keywords: ['graph neural networks'] }] }, 1_200);
    const api = testLibraryApi(db);
    let reads = 0;
    const loadAll = api.loadAll;
    api.loadAll = (onChunk) => (reads++, loadAll(onChunk));
    const loadPapers = api.loadPapers;
    api.loadPapers = (ids) => (reads++, loadPapers(ids));
    await mount(api, 'page');
    await act(async () => tab('recommended').click());
    await until(() => ids().length > 0);
    expect(ids()).toEqual([testPaper(4).id]); // "Graph neural networks revisited"

    // The options page: other interests; the worker retrains and says so.
    await api.background.send({ type: 'setInterests', interests: { topics: [{ id: 'bench', name: 'Benchmarks', keywords: ['benchmarks'] }] } });
    await act(async () => api.fireChange([], 'model'));
    await until(() => ids()[0] === testPaper(5).id);
    expect(ids()).toEqual([testPaper(5).id]); // "A survey of benchmarks"
    expect(reads).toBe(1);
  });

  it('a topic added in the options page shows in the Topic filter once the model is retrained', async () => {
    await markSeen(db, mixedPapers(), 1_000);
    const gnn = { id: 'gnn', name: 'Graph learning', keywords: ['graph neural networks'] };
    const dm = { id: 'dm', name: 'Dark matter', keywords: ['dark matter'] };
    await setInterests(db, { topics: [gnn, dm] }, 2_000);
    const api = testLibraryApi(db);
    await mount(api, 'page');
    await act(async () => tab('recommended').click());
    await until(() => rows().length > 0 && $('[data-paper-radar-filter="topic"]') !== null);
    const options = () => [...$<HTMLSelectElement>('[data-paper-radar-filter="topic"]')!.options].map((o) => o.textContent);
    expect(options()).toEqual(['every topic', 'Graph learning', 'Dark matter']);

    // The options page: a third topic; the worker retrains and says so.
    const bench = { id: 'bench', name: 'Benchmarks', keywords: ['benchmarks'] };
    await api.background.send({ type: 'setInterests', interests: { topics: [gnn, dm, bench] } });
    await act(async () => api.fireChange([], 'model'));
    // Rows are ranked by the new model, and some row names the new topic as its best...
    await until(() => [...container.querySelectorAll('.row-topic')].some((t) => t.textContent!.includes('Benchmarks')), 5_000);
    // ...so the Topic filter offers it.
    expect(options()).toEqual(['every topic', 'Graph learning', 'Dark matter', 'Benchmarks']);
  });
});

describe('changes made elsewhere, while the library is read whole', () => {
  it('a change arriving during a whole read is read again once that read is done (it may have read the paper before the change); one naming no papers starts the read again', async () => {
    const id = await seedLibrary();
    const api = testLibraryApi(db);
    let wholeReads = 0;
    let recordsRead = 0;
    let hold: Promise<void> = Promise.resolve();
    const loadAll = api.loadAll;
    api.loadAll = async (onChunk) => {
      wholeReads++;
      await loadAll(async (records) => {
        recordsRead++;
        await hold; // the read has its records, and is still being indexed
        await onChunk(records);
      });
    };
    const patched: string[][] = [];
    const loadPapers = api.loadPapers;
    api.loadPapers = (ids) => (patched.push([...ids]), loadPapers(ids));
    await mount(api);
    await act(async () => tab('history').click());
    await settle();
    expect(wholeReads).toBe(1);

    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));
    const before = recordsRead;
    await act(async () => api.fireChange(null));
    await until(() => recordsRead > before);
    expect(wholeReads).toBe(2);
    // Meanwhile another tab stars a paper: the read under way read it unstarred. Reading the
    // whole library again for it would start over at each change (with 48,000 papers, seconds).
    await setFlag(db, { id: id[3]!, flag: 'starred', value: true }, 8_000);
    await act(async () => api.fireChange([id[3]!]));
    await settle(40);
    expect([wholeReads, patched]).toEqual([2, []]);
    release();
    await until(() => tab('starred').querySelector('.count')!.textContent === '4');
    expect(tab('starred').querySelector('.count')!.textContent).toBe('4');
    expect([wholeReads, patched]).toEqual([2, [[id[3]]]]);
  });
});

describe('a large library, while it is first read', () => {
  /**
   * Makes `api`'s whole read give the papers of `chunks` (ids) one chunk after another, each after
   * the first only once `release()` is called; `given()`: how many chunks were indexed.
   */
  function readInHeldChunks(api: TestLibraryApi, chunks: string[][]): { release: () => void; given: () => number } {
    const releases: Array<() => void> = [];
    const holds = chunks.slice(1).map(() => new Promise<void>((resolve) => releases.push(resolve)));
    let given = 0;
    const loadAll = api.loadAll;
    api.loadAll = async (onChunk) => {
      const records: Parameters<typeof onChunk>[0] = [];
      await loadAll((chunk) => void records.push(...chunk));
      for (const [i, ids] of chunks.entries()) {
        if (i > 0) await holds[i - 1];
        await onChunk(records.filter((r) => ids.includes(r.id)));
        given++;
      }
    };
    return { release: () => releases.shift()?.(), given: () => given };
  }

  it('a search looks through the papers read so far, as they are when it is typed, and says so; all of them once the whole library is read', async () => {
    const id = await seedLibrary();
    const api = testLibraryApi(db);
    // Paper 2 ("diffusion of tokens" in its abstract), then paper 1 (diffusion in its title), then the rest.
    const read = readInHeldChunks(api, [[id[1]!], [id[0]!], id.slice(2)]);
    await mount(api, 'popup', { whole: false });
    const count = () => $('.result-count')!.textContent;
    const search = $<HTMLInputElement>('input[type="search"]')!;
    await type(search, 'diffusion');
    await until(() => rows().length > 0);
    expect(ids()).toEqual([id[1]]); // paper 1 matches too, but is not read yet
    expect(count()).toBe('1 found so far; still reading your library…');
    expect(tab('starred').querySelector('.count')).toBeNull(); // counts wait for the whole library

    read.release();
    await until(() => read.given() === 2);
    await settle(2);
    expect(ids()).toEqual([id[1]]); // read meanwhile: the list stays as it was typed
    await act(async () => api.fireChange([], 'model')); // a retrained model's notice does not re-run it either
    await settle(2);
    expect(ids()).toEqual([id[1]]);
    await type(search, 'diffusion ');
    expect(ids()).toEqual([id[0], id[1]]); // typed again: every paper read so far, newest starred first
    expect(count()).toBe('2 found so far; still reading your library…');

    read.release();
    await until(() => tab('starred').querySelector('.count') !== null);
    expect(ids()).toEqual([id[0], id[1]]);
    expect(count()).toBe('2 found');
  });

  it('a filter set before the whole library is read looks through the papers read so far, never the first starred unfiltered', async () => {
    const id = await seedLibrary();
    await setFlag(db, { id: id[1]!, flag: 'read', value: true }, 7_000);
    const api = testLibraryApi(db);
    const read = readInHeldChunks(api, [[id[1]!, id[2]!], id.slice(3).concat(id[0]!)]);
    await mount(api, 'popup', { whole: false });
    await until(() => rows().length > 0); // the first starred papers, newest first
    const status = $<HTMLSelectElement>('[data-paper-radar-filter="status"]')!;
    await act(async () => {
      status.value = 'unread';
      status.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await settle(2);
    expect(ids()).toEqual([id[2]]); // paper 1, unread too, is not read yet; paper 2 is read
    expect($('.result-count')!.textContent).toBe('1 found so far; still reading your library…');
    expect($('[data-paper-radar-action="mark-shown"]')!.textContent).toBe('Mark these 1…');
    read.release();
    await until(() => tab('starred').querySelector('.count') !== null);
    expect(ids()).toEqual([id[0], id[2]]);
  });

  it('a paper unstarred among the first starred ones leaves them at once, and z brings it back in its place', async () => {
    const id = await seedLibrary();
    const api = testLibraryApi(db);
    const read = readInHeldChunks(api, [[id[3]!], id.filter((paper) => paper !== id[3])]);
    await mount(api, 'popup', { whole: false });
    await until(() => rows().length === 3);
    await act(async () => rows()[1]!.querySelector<HTMLButtonElement>('[data-paper-radar-action="star"]')!.click());
    await until(() => rows().length === 2, 2_000);
    expect(ids()).toEqual([id[0], id[2]]);
    expect((await getStates(db, [id[1]!]))[id[1]!]!.starred).toBe(false);
    expect($('[data-paper-radar-undo]')!.textContent).toBe('Unstarred: “Sparse attention at scale”. Undo');
    await key('z');
    await until(() => rows().length === 3, 2_000);
    expect(ids()).toEqual([id[0], id[1], id[2]]);
    expect(rows()[1]!.querySelector('[data-paper-radar-action="star"]')!.getAttribute('aria-pressed')).toBe('true');
    expect((await getStates(db, [id[1]!]))[id[1]!]).toMatchObject({ starred: true, starredAt: 3_000 });
    read.release();
    await until(() => tab('starred').querySelector('.count') !== null);
    expect(ids()).toEqual([id[0], id[1], id[2]]);
  });

  it('a change made to a paper read so far shows at once; its notice, or one naming no papers, leaves the papers read so far as they were', async () => {
    const id = await seedLibrary();
    const api = testLibraryApi(db);
    // Paper 2, then paper 1 (both about diffusion), then the rest once released; a read started
    // again gets only as far as paper 2 until then.
    let reads = 0;
    let given = 0;
    const { held, release } = gate();
    const loadAll = api.loadAll;
    api.loadAll = async (onChunk) => {
      const read = ++reads;
      const records: Parameters<typeof onChunk>[0] = [];
      await loadAll((chunk) => void records.push(...chunk));
      const first = read === 1 ? [id[1]!, id[0]!] : [id[1]!];
      for (const paper of first) {
        await onChunk(records.filter((r) => r.id === paper));
        given++;
      }
      await held;
      await onChunk(records.filter((r) => !first.includes(r.id)));
    };
    await mount(api, 'popup', { whole: false });
    await until(() => given === 2);
    await type($<HTMLInputElement>('input[type="search"]')!, 'diffusion');
    expect(ids()).toEqual([id[0], id[1]]);
    const readMark = () => container.querySelector<HTMLButtonElement>(`.paper[data-paper-radar-id="${id[1]}"] [data-paper-radar-action="read"]`)!;
    await act(async () => readMark().click());
    await until(() => readMark().getAttribute('aria-pressed') === 'true', 2_000);
    expect(readMark().getAttribute('aria-pressed')).toBe('true');
    expect((await getStates(db, [id[1]!]))[id[1]!]!.read).toBe(true);
    // The change's notice comes back: the read under way is not started again for it.
    await act(async () => api.fireChange([id[1]!]));
    await settle(40);
    expect([reads, ids()]).toEqual([1, [id[0], id[1]]]);
    // Clicked again, it is marked unread.
    await act(async () => readMark().click());
    await vi.waitFor(async () => expect((await getStates(db, [id[1]!]))[id[1]!]!.read).toBe(false), { timeout: 5_000 });
    // A change naming no papers starts the read again; the search still lists the papers read before.
    await act(async () => api.fireChange(null));
    await until(() => reads === 2);
    await settle(10);
    expect(ids()).toEqual([id[0], id[1]]);
    expect($('.result-count')!.textContent).toBe('2 found so far; still reading your library…');
    release();
    await until(() => tab('starred').querySelector('.count') !== null);
    expect(ids()).toEqual([id[0], id[1]]);
    expect(readMark().getAttribute('aria-pressed')).toBe('false');
  });

  it('z on a change made to a paper read so far takes back that change only, with its date; z again has nothing to undo', async () => {
    const id = await seedLibrary();
    const api = testLibraryApi(db);
    const read = readInHeldChunks(api, [id.slice(3), id.slice(0, 3)]);
    await mount(api, 'popup', { whole: false });
    await act(async () => tab('history').click());
    await type($<HTMLInputElement>('input[type="search"]')!, 'already');
    await until(() => rows().length === 1);
    expect(ids()).toEqual([id[5]]); // read at 5,000
    await act(async () => rows()[0]!.querySelector<HTMLButtonElement>('[data-paper-radar-action="read"]')!.click());
    await vi.waitFor(async () => expect((await getStates(db, [id[5]!]))[id[5]!]!.read).toBe(false), { timeout: 5_000 });
    await settle();
    await key('z');
    await vi.waitFor(async () => expect((await getStates(db, [id[5]!]))[id[5]!]!.read).toBe(true), { timeout: 5_000 });
    expect((await getStates(db, [id[5]!]))[id[5]!]!.readAt).toBe(5_000);
    expect($('[data-paper-radar-undo]')!.textContent).toBe('Undone: Marked unread: “Already read paper”. ');
    await key('z');
    await settle();
    expect($('[data-paper-radar-undo]')!.textContent).toBe('Nothing to undo. ');
    expect((await getStates(db, [id[5]!]))[id[5]!]).toMatchObject({ read: true, readAt: 5_000 });
    read.release();
  });

  it('the paper selected among those read so far stays selected when the whole library arrives', async () => {
    const id = await seedLibrary();
    const api = testLibraryApi(db);
    const read = readInHeldChunks(api, [[id[1]!], id.filter((paper) => paper !== id[1])]);
    await mount(api, 'popup', { whole: false });
    await type($<HTMLInputElement>('input[type="search"]')!, 'diffusion');
    await until(() => rows().length > 0);
    const selected = () => container.querySelector<HTMLElement>('.paper[aria-current="true"]')?.dataset['paperRadarId'];
    expect(selected()).toBe(id[1]);
    read.release();
    await until(() => rows().length === 2);
    expect(ids()).toEqual([id[0], id[1]]); // paper 1, starred later, now comes first
    expect(selected()).toBe(id[1]);
  });
});

describe('search by meaning', () => {
  it('finds papers described in other words, nearest first, within the view and filters; the words as written come back when it is off', async () => {
    const papers = mixedPapers();
    await markSeen(db, papers, 1_000);
    await setFlag(db, { id: papers[4]!.id, flag: 'starred', value: true }, 2_000); // "Dark matter direct detection"
    await mount(testLibraryApi(db));
    await act(async () => tab('history').click());
    await settle();
    const search = $<HTMLInputElement>('input.search')!;
    const toggle = $<HTMLButtonElement>('[data-paper-radar-action="by-meaning"]')!;
    const count = () => $('.result-count')!.textContent;
    const titles = () => rows().map((r) => r.querySelector('a.title')!.textContent);

    // Every word as written: nothing has "predicting" or "molecule" in full.
    await type(search, 'predicting molecule properties');
    expect(rows()).toHaveLength(0);
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="search-by-meaning"]')!.click());
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(count()).toBe('Looking through your library…');
    await until(() => rows().length > 0);
    // Word forms folded ("predict", "molecular"); only papers sharing a word, nearest first.
    expect(titles()[0]).toBe('Graph neural networks for molecules');
    expect(titles()).not.toContain('Dark matter halos in dwarf galaxies');
    expect(count()).toBe(`${rows().length} by meaning, nearest first`);
    const sort = $<HTMLSelectElement>('[data-paper-radar-filter="sort"]')!;
    expect([sort.disabled, sort.selectedOptions[0]!.textContent]).toEqual([true, 'nearest first']);

    // A new text is asked afresh once typing pauses.
    await type(search, 'halos of dark matter');
    await until(() => count() !== 'Looking through your library…');
    expect(titles().slice(0, 2).sort()).toEqual(['Dark matter direct detection', 'Dark matter halos in dwarf galaxies']);
    expect(titles()[0]).toBe('Dark matter halos in dwarf galaxies');
    // The view still applies: of the two, only the starred one is in Starred.
    await act(async () => tab('starred').click());
    await until(() => count() !== 'Looking through your library…');
    expect(titles()).toEqual(['Dark matter direct detection']);
    // Off: every word as written again (no title or abstract here has a word starting with "of").
    await act(async () => toggle.click());
    await settle();
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect(count()).toBe('0 found');
    expect([sort.disabled, sort.value]).toEqual([false, 'date']);
    await type(search, 'dark matter');
    expect(titles()).toEqual(['Dark matter direct detection']);
  });

  it('a pasted abstract, longer than a query may be (500 characters), is asked by its first 500 cut at a word', async () => {
    await seedLibrary();
    const api = testLibraryApi(db);
    const asked: string[] = [];
    const about = api.about;
    api.about = (text) => (asked.push(text), about(text));
    await mount(api);
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="by-meaning"]')!.click());
    const abstract = 'We design proteins with diffusion models. '.repeat(14); // 588 characters
    await type($<HTMLInputElement>('input[type="search"]')!, abstract);
    await until(() => !/Looking through/.test($('.result-count')!.textContent ?? ''), 5_000);
    await settle();
    expect($('.result-count')!.textContent).not.toBe('Could not search by meaning.');
    expect(ids()[0]).toBe(testPaper(1).id); // "Diffusion models for protein design"
    const query = asked.at(-1)!;
    expect(query.length).toBeLessThanOrEqual(500);
    expect(abstract.startsWith(query)).toBe(true);
    expect(abstract[query.length]).toBe(' '); // it ends where a word does
  });

  it('m turns it on and off; it says so when nothing in the library is about the words', async () => {
    await markSeen(db, mixedPapers(), 1_000);
    const api = testLibraryApi(db);
    const asked: string[] = [];
    const about = api.about;
    api.about = (text) => (asked.push(text), about(text));
    await mount(api);
    await act(async () => tab('history').click());
    const toggle = $<HTMLButtonElement>('[data-paper-radar-action="by-meaning"]')!;
    await key('m');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    // Turned on, before anything is typed: the worker is asked to make the library ready.
    expect(asked).toEqual(['']);
    await type($<HTMLInputElement>('input.search')!, 'quantum chromodynamics lattice');
    await until(() => $('.empty') !== null);
    expect($('.empty')!.textContent).toBe('Nothing here is about these words.');
    expect($('.result-count')!.textContent).toBe('0 by meaning, nearest first');
    expect(asked).toEqual(['', 'quantum chromodynamics lattice']);
    // Typed into the search box, m is a letter.
    await type($<HTMLInputElement>('input.search')!, 'quantum chromodynamics lattice m');
    await key('m', $<HTMLInputElement>('input.search')!);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    await key('m');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    expect($('.empty')!.textContent).toBe('Nothing matches your search. Search by meaning');
  });
});

describe('keyboard', () => {
  it('j/k move, s stars, r marks read, Enter opens; keys typed into the search box are not taken', async () => {
    const id = await seedLibrary();
    const api = testLibraryApi(db);
    await mount(api);
    const active = () => $('.paper[aria-current="true"]')?.dataset['paperRadarId'];
    expect(active()).toBe(id[0]);
    await key('j');
    expect(active()).toBe(id[1]);
    await key('ArrowDown');
    expect(active()).toBe(id[2]);
    await key('j'); // stays on the last
    expect(active()).toBe(id[2]);
    await key('k');
    expect(active()).toBe(id[1]);
    await key('r');
    await settle();
    expect((await getStates(db, [id[1]!]))[id[1]!]!.read).toBe(true);
    await key('Enter');
    expect(api.opened).toEqual(['https://arxiv.org/abs/2408.00002']);
    const search = $<HTMLInputElement>('input[type="search"]')!;
    await key('/');
    expect(document.activeElement).toBe(search);
    await key('s', search);
    expect((await getStates(db, [id[1]!]))[id[1]!]!.starred).toBe(true);
    await key('s');
    await settle();
    expect((await getStates(db, [id[1]!]))[id[1]!]!.starred).toBe(false);
  });

  it("keys that pick or confirm an input method's candidate in the search box (Enter, arrows) are the IME's", async () => {
    const id = await seedLibrary();
    const api = testLibraryApi(db);
    await mount(api);
    const search = $<HTMLInputElement>('input[type="search"]')!;
    const composing = async (k: string) => {
      await act(async () => void search.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, isComposing: true })));
      await settle(2);
    };
    await composing('ArrowDown');
    await composing('Enter');
    expect($('.paper[aria-current="true"]')?.dataset['paperRadarId']).toBe(id[0]);
    expect(api.opened).toEqual([]);
    await key('Enter', search); // composition over: Enter opens
    expect(api.opened).toEqual(['https://arxiv.org/abs/2408.00001']);
  });

  it('? shows a help overlay listing the shortcuts; Escape closes it', async () => {
    await seedLibrary();
    await mount(testLibraryApi(db));
    await key('?');
    const dialog = $('[role="dialog"]')!;
    expect(dialog.textContent).toContain('Star / unstar');
    expect(dialog.textContent).toContain('Add a tag');
    await key('Escape');
    expect($('[role="dialog"]')).toBeNull();
  });

  it('closing the help gives focus back to where it was, not to the page body', async () => {
    await seedLibrary();
    await mount(testLibraryApi(db));
    const opener = $<HTMLButtonElement>('button[aria-label="Keyboard shortcuts"]')!;
    opener.focus();
    await act(async () => opener.click());
    await settle(2);
    expect(document.activeElement).toBe($('[role="dialog"] button'));
    // What the help covers is out of reach meanwhile (Tab went on to the buttons behind it).
    const behind = () => [...$('.help-backdrop')!.parentElement!.children].filter((el) => !el.classList.contains('help-backdrop'));
    expect(behind().length).toBeGreaterThan(0);
    expect(behind().filter((el) => !el.hasAttribute('inert'))).toEqual([]);
    const main = $('.help-backdrop')!.parentElement!;
    await key('Escape', document.activeElement!);
    expect($('[role="dialog"]')).toBeNull();
    expect([...main.children].filter((el) => el.hasAttribute('inert'))).toEqual([]);
    expect(document.activeElement).toBe(opener);
  });

  it('keys pressed with focus in a row (tabbed to its title link) act on that row; j moves focus to the next row', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    const link = (i: number) => rows()[i]!.querySelector<HTMLAnchorElement>('a.title')!;
    // The first row is the active one; the user tabs to the second row's title link.
    link(1).focus();
    await key('r', link(1));
    await vi.waitFor(async () => expect((await getStates(db, [id[1]!]))[id[1]!]!.read).toBe(true));
    expect((await getStates(db, [id[0]!]))[id[0]!]!.read).toBe(false);
    expect($('.paper[aria-current="true"]')!.dataset['paperRadarId']).toBe(id[1]); // focus made it the active one
    // j from there: focus follows the active row, so the next key acts on the row both show.
    await key('j', document.activeElement!);
    expect(document.activeElement).toBe(link(2));
    expect($('.paper[aria-current="true"]')!.dataset['paperRadarId']).toBe(id[2]);
    await key('r', document.activeElement!);
    await vi.waitFor(async () => expect((await getStates(db, [id[2]!]))[id[2]!]!.read).toBe(true));
  });

  it('j and k with focus outside the list say the paper they moved to in a polite live region', async () => {
    await seedLibrary();
    await mount(testLibraryApi(db));
    const region = $('[data-paper-radar-announce]')!;
    expect(region.getAttribute('aria-live')).toBe('polite');
    await key('j');
    expect(region.textContent).toBe('Sparse attention at scale, 2 of 3');
    await key('k');
    expect(region.textContent).toBe('Diffusion models for protein design, 1 of 3');
  });

  it('a mark given by its key to a paper that stays in view is said in the live region (its toggle, focused, says it itself)', async () => {
    await seedLibrary();
    await mount(testLibraryApi(db));
    const region = $('[data-paper-radar-announce]')!;
    const link = rows()[0]!.querySelector<HTMLAnchorElement>('a.title')!;
    link.focus();
    await key('r', link);
    // Before: nothing said (the undo line shows only changes that take a paper off the list).
    await until(() => region.textContent !== '');
    expect(region.textContent).toBe('Marked read: “Diffusion models for protein design”.');
    const toggle = rows()[0]!.querySelector<HTMLButtonElement>('[data-paper-radar-action="read"]')!;
    toggle.focus();
    await act(async () => toggle.click());
    await until(() => toggle.getAttribute('aria-pressed') === 'false');
    expect(region.textContent).toBe('Marked read: “Diffusion models for protein design”.');
  });

  it("pressing the undo line's Undo leaves focus on the line, not on the page body", async () => {
    await seedLibrary();
    await mount(testLibraryApi(db));
    // Unstar the first paper from its row: it leaves Starred and the line offers Undo.
    await act(async () => rows()[0]!.querySelector<HTMLButtonElement>('[data-paper-radar-action="star"]')!.click());
    await until(() => $('[data-paper-radar-undo] button') !== null);
    const undo = $<HTMLButtonElement>('[data-paper-radar-undo] button')!;
    undo.focus();
    await act(async () => undo.click());
    await until(() => rows().length === 3);
    // The button went with the one change it could take back.
    expect($('[data-paper-radar-undo] button')).toBeNull();
    expect(document.activeElement).toBe($('[data-paper-radar-undo]'));
  });
});

describe('tag these N', () => {
  const openForm = async () => {
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="tag-shown"]')!.click());
    await settle(2);
    return $<HTMLInputElement>('[data-paper-radar-input="tag-shown"]')!;
  };
  const tagsOf = async (paperId: string) => (await getPaper(db, paperId))!.tags;

  it('takes off a tag with a comma in it, named whole', async () => {
    const id = await seedLibrary();
    for (const paper of id.slice(0, 2)) await updateAnnotations(db, { id: paper, tags: ['Smith, J.', 'Smith'] }, 7_000);
    await mount(testLibraryApi(db));
    const input = await openForm();
    expect([...container.querySelectorAll('#tags-known-shown option')].map((o) => o.getAttribute('value'))).toContain('Smith, J.');
    await type(input, 'Smith, J.');
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="tag-shown-remove"]')!.click());
    await until(() => $('[data-paper-radar-undo]')!.textContent !== '');
    expect($('[data-paper-radar-undo]')!.textContent).toBe('Took “Smith, J.” off 2 papers; 1 did not have it. Undo');
    expect(await tagsOf(id[0]!)).toEqual(['Smith']);
  });

  it('adds a tag to every paper a search shows, says so, and undoes exactly what it did', async () => {
    const id = await seedLibrary();
    await updateAnnotations(db, { id: id[1]!, tags: ['Reading group'] }, 7_000);
    const api = testLibraryApi(db);
    await mount(api, 'page');
    await act(async () => tab('history').click());
    await type($<HTMLInputElement>('input[type="search"]')!, 'diffusion');
    expect(new Set(ids())).toEqual(new Set([id[0], id[1]]));
    expect($('[data-paper-radar-action="tag-shown"]')!.textContent).toBe('Tag these 2…');
    const input = await openForm();
    expect(document.activeElement).toBe(input);
    await type(input, 'reading group');
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="tag-shown-add"]')!.click());
    // While the worker writes: the buttons wait, and the form says it is working.
    expect($('.shown-form-busy')!.textContent).toBe('Changing the tags of 2 papers…');
    expect($<HTMLButtonElement>('[data-paper-radar-action="tag-shown-add"]')!.disabled).toBe(true);
    await until(() => $('[data-paper-radar-undo]')!.textContent !== '');
    // Paper 2 had the tag already (in another case): it is left as it was.
    expect($('[data-paper-radar-undo]')!.textContent).toBe('Tagged 1 paper “reading group”; 1 unchanged. Undo');
    expect(await tagsOf(id[0]!)).toEqual(['reading group']);
    expect(await tagsOf(id[1]!)).toEqual(['Reading group']);
    expect(await tagsOf(id[3]!)).toEqual([]); // not shown: not tagged
    // The rows show the tag at once; the form has closed and focus is back on its button.
    expect(rows().find((r) => r.dataset['paperRadarId'] === id[0])!.textContent).toContain('reading group');
    expect(document.activeElement).toBe($('[data-paper-radar-action="tag-shown"]'));
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-undo] button')!.click());
    await until(() => rows().every((r) => !r.textContent!.includes('reading group')));
    expect(await tagsOf(id[0]!)).toEqual([]);
    expect(await tagsOf(id[1]!)).toEqual(['Reading group']); // it had the tag before: undo leaves it
  });

  it('takes a tag off every paper shown; several tags at once, separated by commas', async () => {
    const id = await seedLibrary();
    await updateAnnotations(db, { id: id[0]!, tags: ['a', 'keep'] }, 7_000);
    await updateAnnotations(db, { id: id[1]!, tags: ['A', 'b'] }, 7_000);
    await mount(testLibraryApi(db));
    const input = await openForm();
    await type(input, 'a, b');
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="tag-shown-remove"]')!.click());
    await until(() => $('[data-paper-radar-undo]')!.textContent !== '');
    expect($('[data-paper-radar-undo]')!.textContent).toBe('Took “a”, “b” off 2 papers; 1 did not have it. Undo');
    expect(await tagsOf(id[0]!)).toEqual(['keep']);
    expect(await tagsOf(id[1]!)).toEqual([]);
    // Undo gives each paper back the tags it lost, and no other: paper 1 never had "b".
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-undo] button')!.click());
    await expect.poll(() => tagsOf(id[1]!)).toEqual(['A', 'b']);
    expect(await tagsOf(id[0]!)).toEqual(['a', 'keep']);
    expect(await tagsOf(id[1]!)).toEqual(['A', 'b']);
    expect(await tagsOf(id[2]!)).toEqual([]);
  });

  it("undoing several tags added takes off only those each paper gained (a tag it had stays)", async () => {
    const id = await seedLibrary();
    await updateAnnotations(db, { id: id[0]!, tags: ['a'] }, 7_000);
    await mount(testLibraryApi(db));
    await type(await openForm(), 'a, b');
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="tag-shown-add"]')!.click());
    await until(() => $('[data-paper-radar-undo]')!.textContent !== '');
    expect(await tagsOf(id[0]!)).toEqual(['a', 'b']);
    expect(await tagsOf(id[2]!)).toEqual(['a', 'b']);
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-undo] button')!.click());
    await expect.poll(() => tagsOf(id[2]!)).toEqual([]);
    expect(await tagsOf(id[0]!)).toEqual(['a']);
  });

  it('takes a comma-separated list whole (each tag up to 60 characters); a tag too long is said in words, and nothing is sent', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    const input = await openForm();
    const list = 'retrieval augmented generation, speculative decoding methods, reading group 2024';
    expect(input.maxLength).toBeGreaterThanOrEqual(list.length); // a browser cuts what is typed at maxLength
    await type(input, `${list}, ${'y'.repeat(70)}`);
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="tag-shown-add"]')!.click());
    await settle();
    expect($('[data-paper-radar-tag-problem]')!.textContent).toBe(`A tag has at most 60 characters: “${'y'.repeat(30)}…” has 70.`);
    expect(await tagsOf(id[0]!)).toEqual([]);
    await type(input, list);
    expect($('[data-paper-radar-tag-problem]')).toBeNull();
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="tag-shown-add"]')!.click());
    await until(() => $('[data-paper-radar-undo]')!.textContent !== '');
    expect(await tagsOf(id[0]!)).toEqual(['reading group 2024', 'retrieval augmented generation', 'speculative decoding methods']);
  });

  it('Escape closes the form without changing anything; with nothing shown there is nothing to tag', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    const input = await openForm();
    await type(input, 'x');
    await act(async () => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    await settle(2);
    expect($('[data-paper-radar-input="tag-shown"]')).toBeNull();
    expect(await tagsOf(id[0]!)).toEqual([]);
    // From its buttons too, as Mark these N closes from anywhere in its form.
    await type(await openForm(), 'x');
    await key('Escape', $('[data-paper-radar-action="tag-shown-add"]')!);
    expect($('[data-paper-radar-input="tag-shown"]')).toBeNull();
    expect(await tagsOf(id[0]!)).toEqual([]);
    await type($<HTMLInputElement>('input[type="search"]')!, 'no such paper anywhere');
    expect($<HTMLButtonElement>('[data-paper-radar-action="tag-shown"]')!.disabled).toBe(true);
  });
});

describe("the browser's quirks (Firefox)", () => {
  it('where a file dialog closes the popup, Import… opens the library page, which starts with the file field focused', async () => {
    await seedLibrary();
    const api = testLibraryApi(db);
    await mount(api, 'popup', { platform: { fileDialogClosesPopup: true, storageApart: false } });
    expect($('[data-paper-radar-action="import"]')).toBeNull();
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="import-in-library"]')!.click());
    expect(api.opened).toEqual(['library:import']);
    render(null, container);
    await mount(testLibraryApi(db), 'page', { platform: { fileDialogClosesPopup: true, storageApart: false }, startWithImport: true });
    expect(document.activeElement).toBe($('[data-paper-radar-action="import"]'));
    expect($('[data-paper-radar-import-message]')!.textContent).toMatch(/^Choose the file to import/);
    // Elsewhere (Chrome's popup), the popup imports itself.
    render(null, container);
    await mount(testLibraryApi(db), 'popup');
    expect($('[data-paper-radar-action="import"]')).not.toBeNull();
    expect($('[data-paper-radar-action="import-in-library"]')).toBeNull();
  });

  it("are Firefox's (moz-extension: pages): Chrome's popup survives a file dialog, and its incognito windows share the extension's storage", () => {
    expect(platformOf('moz-extension:', false)).toEqual({ fileDialogClosesPopup: true, storageApart: false });
    expect(platformOf('moz-extension:', true)).toEqual({ fileDialogClosesPopup: true, storageApart: true });
    expect(platformOf('chrome-extension:', true)).toEqual({ fileDialogClosesPopup: false, storageApart: false });
  });

  it('in a private window whose extension storage is kept apart, says the library cannot be shown there', async () => {
    await mount(testLibraryApi(db), 'popup', { platform: { fileDialogClosesPopup: true, storageApart: true } });
    expect($('[data-paper-radar-storage-apart]')!.getAttribute('role')).toBe('alert');
    render(null, container);
    await mount(testLibraryApi(db), 'popup');
    expect($('[data-paper-radar-storage-apart]')).toBeNull();
  });
});

describe('mark these N', () => {
  const button = (action: string) => $<HTMLButtonElement>(`[data-paper-radar-action="mark-shown-${action}"]`)!;
  const openForm = async () => {
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="mark-shown"]')!.click());
    await settle(2);
  };

  it('unstars every paper shown (a mistaken import, found by its day), and undo puts the stars back with their dates', async () => {
    const id = await seedLibrary();
    const api = testLibraryApi(db);
    await mount(api, 'page');
    await type($<HTMLInputElement>('input[type="search"]')!, 'diffusion');
    expect(ids()).toEqual([id[0], id[1]]);
    expect($('[data-paper-radar-action="mark-shown"]')!.textContent).toBe('Mark these 2…');
    await openForm();
    // Each action says how many of the papers shown it would change; none: it cannot be chosen.
    expect(['read', 'unread', 'star', 'unstar'].map((a) => button(a).textContent)).toEqual(['Read (2)', 'Unread (0)', 'Star (0)', 'Unstar (2)']);
    expect(button('unread').disabled).toBe(true);
    expect(document.activeElement).toBe(button('read'));
    await act(async () => button('unstar').click());
    expect($('.shown-form-busy')!.textContent).toBe('Changing 2 papers…');
    await until(() => $('[data-paper-radar-undo]')!.textContent !== '');
    expect($('[data-paper-radar-undo]')!.textContent).toBe('Unstarred 2 papers. Undo');
    expect(ids()).toEqual([]);
    const states = await getStates(db, id.slice(0, 3));
    expect([states[id[0]!]!.starred, states[id[1]!]!.starred, states[id[2]!]!.starred]).toEqual([false, false, true]);
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-undo] button')!.click());
    await until(() => ids().length === 2);
    expect(ids()).toEqual([id[0], id[1]]);
    const back = await getStates(db, id.slice(0, 2));
    expect([back[id[0]!]!.starredAt, back[id[1]!]!.starredAt]).toEqual([4_000, 3_000]);
  });

  it('undo says how many papers it left as they are, marked again elsewhere since', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db), 'page');
    await type($<HTMLInputElement>('input[type="search"]')!, 'diffusion');
    await openForm();
    await act(async () => button('unstar').click());
    await until(() => $('[data-paper-radar-undo]')!.textContent !== '');
    // Another device stars one of them again meanwhile (a star of its own, dated then); this
    // page has not heard of it. One read there is no reason to keep the other unstarred.
    await setFlag(db, { id: id[0]!, flag: 'starred', value: true }, Date.now() + 1_000);
    await setFlag(db, { id: id[1]!, flag: 'read', value: true }, Date.now() + 1_000);
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-undo] button')!.click());
    await until(() => $('[data-paper-radar-undo]')!.textContent!.startsWith('Undone, but'));
    expect($('[data-paper-radar-undo]')!.textContent).toBe('Undone, but for 1 paper marked again since (in another tab or on another device): left as it is. ');
    const states = await getStates(db, id.slice(0, 2));
    expect([states[id[0]!]!.starredAt, states[id[1]!]!.starredAt]).toEqual([expect.any(Number), 3_000]);
    expect(states[id[0]!]!.starredAt).toBeGreaterThan(Date.now() - 60_000);
  });

  it('undoes each of two changes to the same papers, newest first, with z', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db), 'page');
    await act(async () => tab('history').click());
    await settle();
    await openForm();
    await act(async () => button('read').click());
    await until(() => $('[data-paper-radar-undo]')!.textContent!.startsWith('Marked'));
    await openForm();
    await act(async () => button('star').click());
    await until(() => $('[data-paper-radar-undo]')!.textContent!.startsWith('Starred'));
    expect((await getStates(db, [id[3]!]))[id[3]!]).toMatchObject({ read: true, starred: true });
    await key('z');
    await until(() => $('[data-paper-radar-undo]')!.textContent!.startsWith('Undone'));
    await settle();
    expect((await getStates(db, [id[3]!]))[id[3]!]).toMatchObject({ read: true, starred: false });
    // The read marks are as "Mark these N read" left them (the star taken since is back off): z takes them back too.
    await key('z');
    await until(() => $('[data-paper-radar-undo]')!.textContent!.startsWith('Undone: Marked 6 papers read'));
    await settle();
    const states = await getStates(db, id);
    expect(id.filter((paper) => states[paper]!.read)).toEqual([id[5]]); // read before both changes
    expect(id.filter((paper) => states[paper]!.starred)).toEqual(id.slice(0, 3));
  });

  it('when it empties the list, focus goes to the undo line\'s button (the form\'s own button is then disabled)', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    await act(async () => tab('recommended').click());
    await settle();
    expect(new Set(ids())).toEqual(new Set([id[3], id[4]]));
    await openForm();
    await act(async () => button('read').click());
    await until(() => $('[data-paper-radar-undo]')!.textContent !== '');
    expect(ids()).toEqual([]);
    expect($<HTMLButtonElement>('[data-paper-radar-action="mark-shown"]')!.disabled).toBe(true);
    expect(document.activeElement).toBe($('[data-paper-radar-undo] button'));
  });

  it('marks every recommended paper read (the queue is cleared), saying how many already were; Escape closes the form', async () => {
    const id = await seedLibrary();
    await mount(testLibraryApi(db));
    await act(async () => tab('history').click());
    await settle();
    expect(ids()).toHaveLength(7);
    await openForm();
    expect(button('read').textContent).toBe('Read (6)');
    await act(async () => button('read').click());
    await until(() => $('[data-paper-radar-undo]')!.textContent !== '');
    expect($('[data-paper-radar-undo]')!.textContent).toBe('Marked 6 papers read; 1 already read. Undo');
    expect(Object.values(await getStates(db, id)).every((s) => s.read)).toBe(true);
    expect(document.activeElement).toBe($('[data-paper-radar-action="mark-shown"]')); // the form closed, focus back where it was
    await act(async () => tab('recommended').click());
    await settle();
    expect(ids()).toEqual([]);
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-undo] button')!.click());
    await until(() => ids().length === 2);
    expect(new Set(ids())).toEqual(new Set([id[3], id[4]]));
    expect((await getStates(db, [id[5]!]))[id[5]!]).toMatchObject({ read: true, readAt: 5_000 }); // read before: left so
    await openForm();
    await act(async () => void button('read').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    await settle(2);
    expect($('[data-paper-radar-action="mark-shown-read"]')).toBeNull();
    expect(Object.values(await getStates(db, [id[3]!, id[4]!])).some((s) => s.read)).toBe(false);
  });
});

describe('export and import', () => {
  it('exports what is shown or the whole library as BibTeX, CSV and JSON files', async () => {
    const id = await seedLibrary();
    const api = testLibraryApi(db);
    await mount(api);
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="export-bibtex"]')!.click());
    await until(() => api.downloads.length === 1);
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="export-csv"]')!.click());
    await until(() => api.downloads.length === 2);
    const [bib, csv] = api.downloads;
    expect(bib!.fileName).toMatch(/^paper-radar-\d{4}-\d{2}-\d{2}\.bib$/);
    expect(bib!.text.match(/^@/gm)).toHaveLength(3);
    expect(csv!.text.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(csv!.text.startsWith('\uFEFFid,title,')).toBe(true); // a byte-order mark, for Excel to read UTF-8
    const scope = $<HTMLSelectElement>('[data-paper-radar-export-scope]')!;
    await act(async () => {
      scope.value = 'all';
      scope.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="export-json"]')!.click());
    await until(() => api.downloads.length === 3);
    const json = JSON.parse(api.downloads[2]!.text) as { papers: Array<{ id: string }> };
    expect(json.papers.map((p) => p.id).sort()).toEqual([...id].sort());
  });

  it('offers no export of nothing: with no paper shown the file formats are disabled, JSON (it holds the interests too) is not', async () => {
    const formats = ['bibtex', 'ris', 'csv', 'markdown', 'json'];
    const enabled = () => formats.filter((f) => !$<HTMLButtonElement>(`[data-paper-radar-action="export-${f}"]`)!.disabled);
    const api = testLibraryApi(db);
    await mount(api);
    expect(enabled()).toEqual(['json']);
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="export-csv"]')!.click());
    await settle();
    expect(api.downloads).toHaveLength(0);
    render(null, container);

    await seedLibrary();
    await mount(api);
    expect(enabled()).toEqual(formats);
    // A search that finds nothing: nothing shown, but the whole library can still be exported.
    await type($<HTMLInputElement>('input.search')!, 'zzzz');
    expect(rows()).toHaveLength(0);
    expect(enabled()).toEqual(['json']);
    const scope = $<HTMLSelectElement>('[data-paper-radar-export-scope]')!;
    await act(async () => {
      scope.value = 'all';
      scope.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(enabled()).toEqual(formats);
  });

  it('exports what is shown as RIS, for reference managers', async () => {
    await seedLibrary();
    const api = testLibraryApi(db);
    await mount(api);
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="export-ris"]')!.click());
    await until(() => api.downloads.length === 1);
    const [ris] = api.downloads;
    expect(ris!.fileName).toMatch(/^paper-radar-\d{4}-\d{2}-\d{2}\.ris$/);
    expect(ris!.mimeType).toBe('application/x-research-info-systems');
    expect(ris!.text.match(/^TY {2}- GEN\r$/gm)).toHaveLength(3);
    expect(ris!.text).toContain('TI  - Diffusion models for protein design\r\nAU  - Lovelace, Ada\r\n');
  });

  it('exports what is shown as a Markdown reading list', async () => {
    const id = await seedLibrary();
    await updateAnnotations(db, { id: id[0]!, tags: ['reading group'], note: 'Read §3 first.' }, 7_000);
    const api = testLibraryApi(db);
    await mount(api);
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="export-markdown"]')!.click());
    await until(() => api.downloads.length === 1);
    const [md] = api.downloads;
    expect(md!.fileName).toMatch(/^paper-radar-\d{4}-\d{2}-\d{2}\.md$/);
    expect(md!.mimeType).toBe('text/markdown');
    expect(md!.text.split('\n')[0]).toBe('- [Diffusion models for protein design](https://arxiv.org/abs/2408.00001) — Ada Lovelace (2024) · arXiv:2408.00001 · #reading-group');
    expect(md!.text.split('\n')[1]).toBe('  > Read §3 first.');
    expect(md!.text.match(/^- /gm)).toHaveLength(3);
  });

  it('an invalid file gets a message naming the problem, and the library stays as it was', async () => {
    await seedLibrary();
    const before = JSON.stringify([await db.getAll('papers'), await db.getAll('states')]);
    await mount(testLibraryApi(db));
    await importFile(new File(['{"format": "paper-radar-library", "version": 1, "papers": [{"id": "arxiv:2408.00001"'], 'broken.json'));
    const alert = $('[data-paper-radar-import-message]')!;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toMatch(/^broken\.json: .+ Nothing was imported\.$/);
    expect(JSON.stringify([await db.getAll('papers'), await db.getAll('states')])).toBe(before);
  });

  it('says which entries of a BibTeX file name no paper and were left out', async () => {
    await mount(testLibraryApi(db));
    await importFile(new File(['@misc{a, title={A}, eprint={2401.00001}}\n@book{knuth1984, title={The TeXbook}}\n'], 'thesis.bib'));
    expect($('[data-paper-radar-import-message]')!.textContent).toBe(
      'Imported 1 paper from thesis.bib: 1 added, 0 updated, 0 unchanged. 1 entry names no arXiv id, DOI or paper URL and was not imported: knuth1984.',
    );
  });

  it('counts the papers an import wrote, not the entries of the file: two entries of one paper (an arXiv id and its DOI) are one', async () => {
    await mount(testLibraryApi(db));
    await importFile(new File(['@misc{a, title={A}, eprint={2401.00001}, doi={10.1000/a}}\n@article{b, title={A}, doi={10.1000/a}}\n'], 'twice.bib'));
    expect($('[data-paper-radar-import-message]')!.textContent).toBe('Imported 1 paper from twice.bib: 1 added, 0 updated, 0 unchanged.');
  });

  it('imports a list of arXiv ids as starred papers', async () => {
    await mount(testLibraryApi(db));
    // The status line is in the page before the import, only its text changing: a live region
    // added with its text is often not read out.
    const status = $('footer [role="status"]')!;
    expect(status.textContent).toBe('');
    await importFile(new File(['# to read\n2401.00001\nhttps://arxiv.org/abs/2401.00002v3\n'], 'ids.txt'));
    expect($('[data-paper-radar-import-message]')!.textContent).toMatch(/Imported 2 papers from ids\.txt: 2 added/);
    expect($('[data-paper-radar-import-message]')).toBe(status);
    expect((await getStates(db, ['arxiv:2401.00001', 'arxiv:2401.00002']))['arxiv:2401.00002']!.starred).toBe(true);
    expect(new Set(ids())).toEqual(new Set(['arxiv:2401.00001', 'arxiv:2401.00002']));
  });

  it('the question about tags takes the focus only from the import: a user who went on (typing a search) keeps it', async () => {
    const api = testLibraryApi(db);
    const { held, release } = gate();
    const read = api.readImport.bind(api);
    api.readImport = async (file) => held.then(() => read(file));
    await mount(api);
    const input = $<HTMLInputElement>('[data-paper-radar-action="import"]')!;
    const file = new File(['TY  - JOUR\nTI  - Paper\nAN  - arXiv:2401.00001\nKW  - reading group\nER  - \n'], 'zotero.ris');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    await act(async () => void input.dispatchEvent(new Event('change', { bubbles: true })));
    const search = $<HTMLInputElement>('input[type="search"]')!;
    search.focus(); // the file takes seconds to read: the user searches meanwhile
    release();
    await until(() => $('[data-paper-radar-import-question]') !== null);
    await settle(4);
    expect(document.activeElement).toBe(search);
  });

  it("asks whether to keep a file's tags and notes, and imports with them, without them, or not at all", async () => {
    const id = await seedLibrary();
    const ris = (n: number) =>
      [`TY  - JOUR`, `TI  - Paper ${n}`, `AN  - arXiv:2401.0000${n}`, 'KW  - reading group', 'KW  - Computer Science - Machine Learning', 'N1  - <p>From Zotero</p>', 'ER  - '].join('\n');
    const file = new File([[ris(1), ris(2), `TY  - JOUR\nTI  - Known\nAN  - arXiv:${id[0]!.slice(6)}\nER  - `].join('\n')], 'zotero.ris');
    await mount(testLibraryApi(db));
    const question = async () => {
      await importFile(file, '[data-paper-radar-import-question]');
      expect(document.activeElement).toBe($('[data-paper-radar-action="import-with-annotations"]'));
      return $('[data-paper-radar-import-question]')!.textContent;
    };
    const answer = async (action: string) => {
      await act(async () => $<HTMLButtonElement>(`[data-paper-radar-action="${action}"]`)!.click());
      await until(() => $('[data-paper-radar-import-message]') !== null);
      await settle(4);
    };
    expect(await question()).toBe(
      'zotero.ris: 2 of 3 papers come with tags (2 tags: “Computer Science - Machine Learning”, “reading group”); 2 with a note. Keep them?' +
        'Tags to keep all none Computer Science - Machine Learning (2) reading group (2) Keep their notes (2)Import with themImport withoutCancel',
    );
    await answer('import-cancel');
    expect($('[data-paper-radar-import-message]')!.textContent).toBe('zotero.ris: nothing was imported.');
    expect(await getPaper(db, 'arxiv:2401.00001')).toBeUndefined();

    await question();
    await answer('import-without-annotations');
    expect($('[data-paper-radar-import-message]')!.textContent).toMatch(/^Imported 3 papers from zotero\.ris: 2 added, 1 updated, 0 unchanged/); // the known paper gains a PDF link
    // With no tags or note kept, no annotation time: a backup's tags for it are not outdated.
    expect(await getPaper(db, 'arxiv:2401.00001')).toMatchObject({ starred: true, tags: [], note: '', annotatedAt: null });

    await question();
    await answer('import-with-annotations');
    expect($('[data-paper-radar-import-message]')!.textContent).toMatch(/^Imported 3 papers from zotero\.ris: 0 added, 2 updated, 1 unchanged/);
    expect(await getPaper(db, 'arxiv:2401.00002')).toMatchObject({ tags: ['Computer Science - Machine Learning', 'reading group'], note: 'From Zotero' });
  });

  it("keeps only the file's tags the user leaves checked, and its notes only if asked", async () => {
    const ris = (n: number, tags: string[]) => [`TY  - JOUR`, `TI  - Paper ${n}`, `AN  - arXiv:2401.0000${n}`, ...tags.map((t) => `KW  - ${t}`), 'N1  - From Zotero', 'ER  - '].join('\n');
    const auto = 'Computer Science - Machine Learning';
    const file = new File([[ris(1, [auto, 'reading group']), ris(2, [auto]), ris(3, [auto, 'thesis'])].join('\n')], 'zotero.ris');
    await mount(testLibraryApi(db));
    await importFile(file, '[data-paper-radar-import-question]');
    // Most used first: a reference manager's automatic tag, on every paper, heads the list.
    const boxes = () => [...document.querySelectorAll<HTMLInputElement>('[data-paper-radar-import-tag]')];
    expect(boxes().map((b) => [b.dataset.paperRadarImportTag, b.checked])).toEqual([[auto, true], ['reading group', true], ['thesis', true]]);
    const primary = () => $<HTMLButtonElement>('[data-paper-radar-action="import-with-annotations"]')!;
    expect(primary().textContent).toBe('Import with them');
    const click = async (el: HTMLElement) => {
      await act(async () => el.click());
      await settle(2);
    };
    await click($('[data-paper-radar-action="import-tags-none"]')!);
    expect(boxes().every((b) => !b.checked)).toBe(true);
    await click($('[data-paper-radar-action="import-tags-all"]')!);
    expect(boxes().every((b) => b.checked)).toBe(true);
    await click(boxes()[0]!);
    await click($('[data-paper-radar-import-notes]')!);
    expect(primary().textContent).toBe('Import with those checked');
    await click(primary());
    await until(() => $('[data-paper-radar-import-message]') !== null);
    await settle(4);
    expect($('[data-paper-radar-import-message]')!.textContent).toMatch(/^Imported 3 papers from zotero\.ris: 3 added/);
    expect(await getPaper(db, 'arxiv:2401.00001')).toMatchObject({ starred: true, tags: ['reading group'], note: '' });
    expect(await getPaper(db, 'arxiv:2401.00002')).toMatchObject({ tags: [], note: '' });
    expect(await getPaper(db, 'arxiv:2401.00003')).toMatchObject({ tags: ['thesis'], note: '' });
  });

  it("keys pressed in the import's question are the question's, not the list's: Enter on a tag, s on the notes", async () => {
    const id = await seedLibrary();
    const api = testLibraryApi(db);
    await mount(api);
    expect($('.paper[aria-current="true"]')?.dataset['paperRadarId']).toBe(id[0]);
    const file = new File(['TY  - JOUR\nTI  - Paper 1\nAN  - arXiv:2401.00001\nKW  - reading group\nN1  - From Zotero\nER  - \n'], 'zotero.ris');
    await importFile(file, '[data-paper-radar-import-question]');
    await key('Enter', $('[data-paper-radar-import-tag]')!);
    await key('s', $('[data-paper-radar-import-notes]')!);
    await key('j', $('[data-paper-radar-action="import-cancel"]')!);
    await settle();
    expect(api.opened).toEqual([]);
    expect((await getStates(db, [id[0]!]))[id[0]!]!.starred).toBe(true);
    expect($('.paper[aria-current="true"]')?.dataset['paperRadarId']).toBe(id[0]);
  });

  it('gives the focus back to Import… once the question is answered (Cancel, or when the import is done)', async () => {
    await mount(testLibraryApi(db));
    const file = new File(['TY  - JOUR\nTI  - Paper 1\nAN  - arXiv:2401.00001\nKW  - reading group\nER  - \n'], 'zotero.ris');
    const field = () => $('[data-paper-radar-action="import"]');
    for (const action of ['import-cancel', 'import-without-annotations', 'import-with-annotations']) {
      await importFile(file, '[data-paper-radar-import-question]');
      await act(async () => $<HTMLButtonElement>(`[data-paper-radar-action="${action}"]`)!.click());
      await until(() => $('[data-paper-radar-import-message]') !== null && !(field() as HTMLInputElement).disabled);
      await settle(4);
      expect([action, document.activeElement]).toEqual([action, field()]);
    }
    // Nothing is typed into Import…: the list's keys act there (? opens the help).
    await key('?', field()!);
    expect(document.querySelector('[role="dialog"]')).not.toBeNull();
  });

  it('says once that nothing was imported when writing fails, after a message that ends a sentence or says so itself', async () => {
    const api = testLibraryApi(db);
    await mount(api);
    const file = new File(['2401.00001\n'], 'ids.txt');
    api.importLibrary = async () => {
      throw new Error('Not enough space: free some, then try again.');
    };
    await importFile(file);
    expect($('[data-paper-radar-import-message]')!.textContent).toBe('Could not import ids.txt: Not enough space: free some, then try again. Nothing was imported.');
    api.importLibrary = async () => {
      throw new Error('The library is busy. Nothing was changed.');
    };
    await importFile(file);
    expect($('[data-paper-radar-import-message]')!.textContent).toBe('Could not import ids.txt: The library is busy. Nothing was changed.');
  });

  it('an import that stopped part way says what was imported, and not "Nothing was changed" (true only of the request refused)', async () => {
    const api = testLibraryApi(db);
    await mount(api);
    const file = new File(['2401.00001\n'], 'ids.txt');
    const summary = { added: 5_000, updated: 0, unchanged: 0, interests: 'none' } as unknown as ImportSummary;
    api.importLibrary = async () => {
      throw new PartlyDone(summary, 3_000, new Error("the browser's storage for Paper Radar is full. Nothing was changed. Free some disk space."));
    };
    await importFile(file);
    expect($('[data-paper-radar-import-message]')!.textContent).toBe(
      "Could not import ids.txt: the browser's storage for Paper Radar is full. Free some disk space. 5,000 papers were imported; the other 3,000 were not.",
    );
    api.importLibrary = async () => {
      throw new PartlyDone(summary, 3_000, new OutcomeUnknownError());
    };
    await importFile(file);
    expect($('[data-paper-radar-import-message]')!.textContent).toBe(
      "Could not import ids.txt: Paper Radar was restarted by the browser before it answered. 5,000 papers were imported; whether the other 3,000 were is not known: reopen the library to see them as they are.",
    );
  });

  it("names an exported file by the user's date, not UTC's", async () => {
    await seedLibrary();
    const api = testLibraryApi(db);
    await mount(api);
    const tz = process.env['TZ'];
    process.env['TZ'] = 'America/New_York';
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-03-02T02:30:00Z')); // 1 March, 9:30 pm in New York
      await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="export-bibtex"]')!.click());
      await until(() => api.downloads.length === 1);
    } finally {
      vi.useRealTimers();
      if (tz === undefined) delete process.env['TZ'];
      else process.env['TZ'] = tz;
    }
    expect(api.downloads[0]!.fileName).toBe('paper-radar-2026-03-01.bib');
  });

  it('keeps an import under way, its message and its question through a trip to Insights', async () => {
    await seedLibrary();
    const api = testLibraryApi(db);
    await mount(api);
    const to = async (view: string) => {
      await act(async () => tab(view).click());
      await settle(4);
    };
    const field = () => $<HTMLInputElement>('[data-paper-radar-action="import"]')!;
    // An import under way: no other starts over it, and its message is shown on return.
    const { held, release } = gate();
    const importLibrary = api.importLibrary.bind(api);
    api.importLibrary = async (request) => {
      await held;
      return importLibrary(request);
    };
    Object.defineProperty(field(), 'files', { value: [new File(['2401.00001\n'], 'ids.txt')], configurable: true });
    await act(async () => void field().dispatchEvent(new Event('change', { bubbles: true })));
    await until(() => field().disabled);
    await to('insights');
    expect($<HTMLElement>('.export-import')!.hidden).toBe(true);
    await to('starred');
    expect(field().disabled).toBe(true);
    release();
    await until(() => $('[data-paper-radar-import-message]') !== null);
    await to('insights');
    await to('starred');
    expect($('[data-paper-radar-import-message]')!.textContent).toMatch(/^Imported 1 paper from ids\.txt: 1 added/);
    // The question waits for its answer.
    await importFile(new File(['TY  - JOUR\nTI  - Paper 2\nAN  - arXiv:2401.00002\nKW  - reading group\nER  - \n'], 'zotero.ris'), '[data-paper-radar-import-question]');
    await to('insights');
    await to('starred');
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="import-with-annotations"]')!.click());
    await until(() => $('[data-paper-radar-import-message]') !== null);
    expect((await getPaper(db, 'arxiv:2401.00002'))!.tags).toEqual(['reading group']);
  });

  it('exports "all" only once the library is read again after an import, never as it was before it', async () => {
    const id = await seedLibrary();
    const api = testLibraryApi(db);
    await mount(api);
    const scope = $<HTMLSelectElement>('[data-paper-radar-export-scope]')!;
    await act(async () => {
      scope.value = 'all';
      scope.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const { held, release } = gate();
    const loadAll = api.loadAll.bind(api);
    api.loadAll = async (onChunk) => {
      await held;
      return loadAll(onChunk);
    };
    await importFile(new File(['2401.00001\n2401.00002\n'], 'ids.txt'));
    const json = $<HTMLButtonElement>('[data-paper-radar-action="export-json"]')!;
    expect(json.disabled).toBe(true);
    await act(async () => json.click());
    await settle();
    expect(api.downloads).toHaveLength(0);
    release();
    await until(() => !json.disabled);
    await act(async () => json.click());
    await until(() => api.downloads.length === 1);
    const exported = JSON.parse(api.downloads[0]!.text) as { papers: Array<{ id: string }> };
    expect(exported.papers.map((p) => p.id).sort()).toEqual([...id, 'arxiv:2401.00001', 'arxiv:2401.00002'].sort());
  });

  const backedUp = (n: number) => ({
    ...testPaper(n, { title: 'Backed up paper' }),
    ...{ starred: true, starredAt: 1_000, read: false, readAt: null, dismissed: false, firstSeenAt: 1_000, lastSeenAt: 1_000 },
    ...{ tags: [], note: '', marksAt: 1_000, annotatedAt: null, updatedAt: 1_000 },
  });
  const topics = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, name: `${prefix} topic ${i}`, keywords: [`${prefix}k${i}`] }));

  it("imports a backup's papers though its interests cannot be merged (saved meanwhile past a limit), says so, and shows them", async () => {
    await mount(testLibraryApi(db));
    const paper = backedUp(50);
    const file = new File([toLibraryJson([paper], { topics: topics(1, 'file') }, 5_000)], 'backup.json');
    // The user saves 30 topics in the options page while the file's papers are written.
    const transaction = db.transaction.bind(db);
    let saved = false;
    db.transaction = ((names: string | string[], mode?: IDBTransactionMode) => {
      if (!saved && mode === 'readwrite' && Array.isArray(names) && names.includes('aliases')) {
        saved = true;
        void setInterests(db, { topics: topics(30, 'mine') }, 6_000);
      }
      return transaction(names as never, mode);
    }) as typeof db.transaction;
    await importFile(file);
    expect(saved).toBe(true);
    expect(await getPaper(db, paper.id)).toMatchObject({ starred: true });
    const alert = $('[data-paper-radar-import-message]')!;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toBe(
      "Imported 1 paper from backup.json: 1 added, 0 updated, 0 unchanged. The file's interests were not added to yours: " +
        'Together with the imported interests, your interests would go past a limit: topics has more than 30 entries. Remove some in the settings page, then try again.',
    );
    await until(() => ids().includes(paper.id)); // the library is read again, as after any import
  });

  it('refuses a backup whose interests would take yours past a limit, saying which limit in words', async () => {
    await setInterests(db, { topics: topics(29, 'mine') }, 1_000);
    await mount(testLibraryApi(db));
    await importFile(new File([toLibraryJson([backedUp(51)], { topics: topics(3, 'file') }, 5_000)], 'other-browser.json'));
    expect($('[data-paper-radar-import-message]')!.textContent).toBe(
      'Could not import other-browser.json: Together with the imported interests, your interests would go past a limit: topics has more than 30 entries. ' +
        'Remove some in the settings page, then try again. Nothing was imported.',
    );
    expect(await getPaper(db, backedUp(51).id)).toBeUndefined();
  });

  it('takes no second file while a question waits (it would be dropped unanswered); Escape is Cancel; the question is read out', async () => {
    await mount(testLibraryApi(db));
    const file = new File(['TY  - JOUR\nTI  - Paper 1\nAN  - arXiv:2401.00001\nKW  - reading group\nER  - \n'], 'a.ris');
    await importFile(file, '[data-paper-radar-import-question]');
    const question = $('[data-paper-radar-import-question]')!;
    expect($<HTMLInputElement>('[data-paper-radar-action="import"]')!.disabled).toBe(true);
    // Focus lands on a button in the group; the group is described by its summary.
    expect(question.contains(document.activeElement)).toBe(true);
    const described = (question.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' ');
    expect(described).toBe('a.ris: The paper comes with tags (“reading group”). Keep them?');
    await key('Escape', document.activeElement!);
    expect($('[data-paper-radar-import-question]')).toBeNull();
    expect($('[data-paper-radar-import-message]')!.textContent).toBe('a.ris: nothing was imported.');
    expect(await getPaper(db, 'arxiv:2401.00001')).toBeUndefined();
    expect($<HTMLInputElement>('[data-paper-radar-action="import"]')!.disabled).toBe(false);
  });

  async function importFile(file: File, outcome = '[data-paper-radar-import-message]') {
    const input = $<HTMLInputElement>('[data-paper-radar-action="import"]')!;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    await act(async () => void input.dispatchEvent(new Event('change', { bubbles: true })));
    // The parser loads on first use (a dynamic import): wait for the outcome.
    await until(() => $(outcome) !== null);
    await settle(4);
  }
});

describe('the active tab', () => {
  const mountWith = (report: PageReport | null) => mount(testLibraryApi(db, { report }));

  it('warns when the page matched a site but no papers were found although it links papers', async () => {
    await mountWith({ site: 'arxiv', entries: 0, paperLinks: 40 });
    const status = $('[data-paper-radar-page-status]')!;
    expect(status.getAttribute('data-paper-radar-page-status')).toBe('broken');
    expect(status.getAttribute('role')).toBe('alert');
    expect(status.textContent).toBe('Paper Radar found no papers on this page — the site may have changed.');
  });

  it('says when the active tab is in a private window, where nothing seen is recorded', async () => {
    await mountWith({ site: 'arxiv', entries: 49, paperLinks: 0, privateWindow: true });
    expect($('[data-paper-radar-page-status]')!.textContent).toMatch(/^49 papers on this page · private window: nothing seen here is recorded/);
    await act(async () => render(null, container));
    await mountWith({ site: 'arxiv', entries: 49, paperLinks: 0 });
    expect($('[data-paper-radar-private-window]')).toBeNull();
  });

  it('a new user (no topic, no author followed, no star) is told what ranks papers, on the page line and in Recommended', async () => {
    await markSeen(db, mixedPapers(), 1_000);
    const api = testLibraryApi(db, { report: { site: 'arxiv', entries: 49, paperLinks: 0 }, view: { scored: false } });
    await mount(api);
    const link = (el: Element | null) => el?.querySelector('a')?.getAttribute('href');
    expect($('[data-paper-radar-page-status]')!.textContent).toBe('49 papers on this page · not ranked: add your interests');
    expect(link($('[data-paper-radar-page-status]'))).toBe('../options/index.html');
    await act(async () => tab('recommended').click());
    await settle();
    expect($('[data-paper-radar-unranked].hint')!.textContent).toMatch(/^Not ranked yet: add topics or authors you follow, or star papers you like\./);
    expect(link($('[data-paper-radar-unranked].hint'))).toBe('../options/index.html');

    // Interests typed in the settings page: the worker retrains and says so; the hints go.
    await api.background.send({ type: 'setInterests', interests: { topics: [{ id: 'gnn', name: 'Graph learning', keywords: ['graph neural networks'] }] } });
    await act(async () => api.fireChange([], 'model'));
    await until(() => $('[data-paper-radar-unranked]') === null);
    expect($('[data-paper-radar-page-status]')!.textContent).toBe('49 papers on this page');
  });

  it('one star is something to rank by: no hint', async () => {
    const id = await seedLibrary();
    expect(id).toHaveLength(7);
    await mount(testLibraryApi(db, { report: { site: 'arxiv', entries: 49, paperLinks: 0 } }));
    await act(async () => tab('recommended').click());
    await settle();
    expect($('[data-paper-radar-unranked]')).toBeNull();
  });

  it('toggles the order of the listing on the active tab', async () => {
    const api = testLibraryApi(db, { report: { site: 'arxiv', entries: 49, paperLinks: 0 } });
    await mount(api);
    expect(api.asked).toEqual([{}]); // the line and its toggles come from one question to the page
    const toggle = $<HTMLButtonElement>('[data-paper-radar-action="order-by-relevance"]')!;
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await act(async () => toggle.click());
    await settle(2);
    expect(api.view.orderedByRelevance).toBe(true);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect($('[data-paper-radar-action="show-dismissed"]')).toBeNull(); // hiding is off
  });

  it('shows the dismissed papers the options page hides, on this page only, and hides them again', async () => {
    const api = testLibraryApi(db, { report: { site: 'arxiv', entries: 49, paperLinks: 0 }, view: { hidingDismissed: true, dismissed: 3 } });
    await mount(api);
    const toggle = () => $<HTMLButtonElement>('[data-paper-radar-action="show-dismissed"]')!;
    expect(toggle().textContent).toBe('Show 3 dismissed');
    expect(toggle().getAttribute('aria-pressed')).toBe('false');
    await act(async () => toggle().click());
    await settle(2);
    expect(api.view.showingDismissed).toBe(true);
    expect(toggle().getAttribute('aria-pressed')).toBe('true');
    expect(toggle().textContent).toBe('Show 3 dismissed ✓');
    await act(async () => toggle().click());
    await settle(2);
    expect(api.view.showingDismissed).toBe(false);
    expect(toggle().getAttribute('aria-pressed')).toBe('false');
  });

  it("keeps the page's count of dismissed papers in step with changes made while it is open", async () => {
    const api = testLibraryApi(db, { report: { site: 'arxiv', entries: 49, paperLinks: 0 }, view: { hidingDismissed: true, dismissed: 3 } });
    await mount(api);
    const toggle = () => $<HTMLButtonElement>('[data-paper-radar-action="show-dismissed"]');
    expect(toggle()!.textContent).toBe('Show 3 dismissed');
    // A paper dismissed (here, in the popup's list, or in another tab): the page counts 4 now.
    api.view.dismissed = 4;
    await act(async () => api.fireChange(['arxiv:2408.00001']));
    await settle(2);
    expect(toggle()!.textContent).toBe('Show 4 dismissed');
    api.view.dismissed = 0;
    await act(async () => api.fireChange(['arxiv:2408.00001']));
    await settle(2);
    expect(toggle()).toBeNull();
    // A retrained model moves no marks: the page is not asked again.
    api.view.dismissed = 2;
    await act(async () => api.fireChange([], 'model'));
    await settle(2);
    expect(toggle()).toBeNull();
  });

  it('offers no such toggle where nothing is dismissed, or where hiding does not apply (a page about one paper)', async () => {
    await mount(testLibraryApi(db, { report: { site: 'arxiv', entries: 49, paperLinks: 0 }, view: { hidingDismissed: true, dismissed: 0 } }));
    expect($('[data-paper-radar-action="order-by-relevance"]')).not.toBeNull();
    expect($('[data-paper-radar-action="show-dismissed"]')).toBeNull();
    render(null, container);
    await mount(testLibraryApi(db, { report: { site: 'arxiv', entries: 1, paperLinks: 0 }, view: { hidingDismissed: false, dismissed: 1 } }));
    expect($('[data-paper-radar-action="show-dismissed"]')).toBeNull();
  });

  it('says how many papers the page has, and stays calm on a page without papers', async () => {
    await mountWith({ site: 'arxiv', entries: 49, paperLinks: 0 });
    expect($('[data-paper-radar-page-status] .page-count')!.textContent).toBe('49 papers on this page');
    render(null, container);
    await mountWith({ site: 'scholar', entries: 0, paperLinks: 1 });
    expect($('[data-paper-radar-page-status]')!.getAttribute('data-paper-radar-page-status')).toBe('empty');
    expect($('[role="alert"]')).toBeNull();
    render(null, container);
    await mountWith(null);
    expect($('[data-paper-radar-page-status]')).toBeNull();
  });

  it('the library page has no page status and shows details beside the list', async () => {
    await seedLibrary();
    await mount(testLibraryApi(db, { report: { site: 'arxiv', entries: 49, paperLinks: 0 } }), 'page');
    expect($('[data-paper-radar-page-status]')).toBeNull();
    expect($('.detail-abstract')!.textContent).toBe('We design proteins.');
  });

  it('finds web addresses in page text, not the punctuation after them, and only http(s) ones', () => {
    const links = (text: string) => linkParts(text).filter((p) => p.href).map((p) => p.href);
    expect(linkParts('Code: https://github.com/a/b. Data (see https://doi.org/10.1/x_(y)), done')).toEqual([
      { text: 'Code: ' },
      { text: 'https://github.com/a/b', href: 'https://github.com/a/b' },
      { text: '. Data (see ' },
      { text: 'https://doi.org/10.1/x_(y)', href: 'https://doi.org/10.1/x_(y)' },
      { text: '), done' },
    ]);
    expect(links('at http://x.org/a?b=1&c=2; and javascript:alert(1) and ftp://x.org/f')).toEqual(['http://x.org/a?b=1&c=2']);
    expect(links('(https://x.org/a.)).')).toEqual(['https://x.org/a']);
    expect(links('see https://x.org/f(x)?!')).toEqual(['https://x.org/f(x)']);
    // Hostile text: a run of closing parentheses is trimmed in one pass; past 2,048 characters an address stays text.
    expect(links(`https://a${')'.repeat(1_500)}`)).toEqual(['https://a']);
    expect(linkParts(`https://a${')'.repeat(9_990)}`)).toEqual([{ text: `https://a${')'.repeat(9_990)}` }]);
    expect(linkParts('no links here')).toEqual([{ text: 'no links here' }]);
    expect(linkParts('')).toEqual([]);
  });

  it('shortens long author lists, their count apart (a narrow row cuts the names, not it)', () => {
    expect(authorsLine(['A', 'B'])).toEqual({ names: 'A, B', count: '' });
    expect(authorsLine(['A', 'B', 'C', 'D', 'E'])).toEqual({ names: 'A, B, C, …', count: ' (5 authors)' });
    // A list the page cut: "…" after it, and "5+" authors.
    expect(authorsLine(['A', 'B'], true)).toEqual({ names: 'A, B, …', count: '' });
    expect(authorsLine(['A', 'B', 'C', 'D', 'E'], true)).toEqual({ names: 'A, B, C, …', count: ' (5+ authors)' });
  });
});

describe('text cut short', () => {
  it("a row's note snippet does not cut an emoji in half", () => {
    const snippet = noteSnippet(`${'a'.repeat(78)}😀 and more text after it`); // 😀 is two UTF-16 units, at 78–79
    expect(snippet).toBe(`${'a'.repeat(78)}…`);
    expect(LONE_SURROGATE.test(snippet)).toBe(false);
  });

  it("the undo line does not cut an astral character of a long title in half", () => {
    const title = `${'A'.repeat(68)}𝔊raph ${'x'.repeat(20)}`; // 𝔊 (U+1D50A) is two UTF-16 units, at 68–69
    const line = changeDone('starred', false, title);
    expect(line).toBe(`Unstarred: “${'A'.repeat(68)}…”.`);
    expect(LONE_SURROGATE.test(line)).toBe(false);
  });
});

describe('the list changing under the user', () => {
  const activeId = () => $<HTMLElement>('[data-paper-radar-detail]')?.dataset['paperRadarDetail'];
  const highlighted = () => rows().find((r) => r.getAttribute('aria-current') === 'true')?.dataset['paperRadarId'];

  it('a note rewritten without the word searched for: the paper stays, in its place, while it is edited; typing goes on into the note', async () => {
    const id = await seedLibrary();
    await updateAnnotations(db, { id: id[0]!, note: 'revisit after the deadline' }, 7_000);
    await updateAnnotations(db, { id: id[1]!, note: 'revisit: compare with ours' }, 7_000);
    await mount(testLibraryApi(db), 'page');
    await type($<HTMLInputElement>('input[type="search"]')!, 'revisit');
    expect(ids()).toEqual([id[0], id[1]]);
    const note = $<HTMLTextAreaElement>('[data-paper-radar-input="note"]')!;
    note.focus();
    await type(note, 'Read it: the method');
    await act(async () => new Promise((resolve) => setTimeout(resolve, 900))); // the note saves itself after a pause (700 ms)
    expect((await getPaper(db, id[0]!))!.note).toBe('Read it: the method');
    await settle();
    expect(ids()).toEqual([id[0], id[1]]);
    expect(activeId()).toBe(id[0]);
    expect(document.activeElement).toBe($('[data-paper-radar-input="note"]'));
    // s typed on is a letter of the note, not a star taken off the other paper.
    await key('s', document.activeElement!);
    expect((await getStates(db, [id[1]!]))[id[1]!]!.starred).toBe(true);

    // On to the other paper: the one edited is no longer kept, and leaves the list.
    await act(async () => rows()[1]!.click());
    await until(() => ids().length === 1);
    expect(ids()).toEqual([id[1]]);
    expect(activeId()).toBe(id[1]);
  });

  it('the tag a list is filtered by, taken off: the paper stays while it is edited, focus stays in its tags, and a new search lets it go', async () => {
    const id = await seedLibrary();
    for (const paper of id.slice(0, 2)) await updateAnnotations(db, { id: paper, tags: ['reading group'] }, 7_000);
    await mount(testLibraryApi(db), 'page');
    await select('tag', 'reading group');
    expect(ids()).toEqual([id[0], id[1]]);
    const remove = $<HTMLButtonElement>('[aria-label="Remove tag reading group"]')!;
    remove.focus();
    await act(async () => remove.click());
    await settle();
    expect((await getPaper(db, id[0]!))!.tags).toEqual([]);
    expect(ids()).toEqual([id[0], id[1]]);
    expect(document.activeElement).toBe($('[data-paper-radar-input="tag"]'));
    await type($<HTMLInputElement>('input[type="search"]')!, 'diffusion');
    expect(ids()).toEqual([id[1]]);
  });

  it('a row marked after scrolling down with the mouse stays where it was: the list does not jump to the selected row', async () => {
    await markSeen(db, Array.from({ length: 300 }, (_, i) => testPaper(i + 1)), 1_000);
    await mount(testLibraryApi(db));
    await act(async () => tab('history').click());
    await until(() => rows().length > 0);
    const scroller = $<HTMLElement>('.virtual-list')!;
    await act(async () => {
      scroller.scrollTop = 150 * 76;
      scroller.dispatchEvent(new Event('scroll'));
    });
    const row = rows().find((r) => r.closest('[role="listitem"]')!.getAttribute('aria-posinset') === '152')!;
    await act(async () => row.querySelector<HTMLButtonElement>('[data-paper-radar-action="read"]')!.click());
    await settle();
    expect(rows().map((r) => r.dataset['paperRadarId'])).toContain(row.dataset['paperRadarId']);
    expect(scroller.scrollTop).toBe(150 * 76);
    // Another view starts at its top.
    await act(async () => tab('recommended').click());
    await settle();
    expect(scroller.scrollTop).toBe(0);
  });

  it('the selected paper stays selected when a paper starred in another tab moves it down the list', async () => {
    const papers = [1, 2, 3, 4].map((i) => testPaper(i));
    await markSeen(db, papers, 1_000);
    for (const [i, p] of papers.slice(0, 3).entries()) await setFlag(db, { id: p.id, flag: 'starred', value: true }, 2_000 + i);
    const api = testLibraryApi(db);
    await mount(api, 'page');
    await until(() => rows().length === 3);
    await act(async () => rows()[1]!.click());
    await settle();
    const chosen = activeId();
    await setFlag(db, { id: papers[3]!.id, flag: 'starred', value: true }, 9_000);
    await act(async () => api.fireChange([papers[3]!.id]));
    await until(() => rows().length === 4);
    await settle();
    expect(activeId()).toBe(chosen);
    expect(highlighted()).toBe(chosen);
    await key('r'); // acts on the paper the user sees
    await vi.waitFor(async () => expect((await getStates(db, [chosen!]))[chosen!]?.read).toBe(true), { timeout: 5_000 });
  });

  it('after the last row leaves the list, the new last row is the selected one and k moves up from it', async () => {
    await markSeen(db, [1, 2, 3].map((i) => testPaper(i)), 1_000);
    await mount(testLibraryApi(db));
    await act(async () => tab('recommended').click());
    await until(() => rows().length === 3);
    await key('End');
    await key('x');
    await until(() => rows().length === 2);
    await settle();
    const last = activeId();
    expect(highlighted()).toBe(last);
    await key('k');
    expect(activeId()).not.toBe(last);
    expect(highlighted()).toBe(activeId());
  });

  it('while the keyboard help covers the list, the list keys do nothing', async () => {
    const p = testPaper(1);
    await markSeen(db, [p], 1_000);
    await mount(testLibraryApi(db));
    await act(async () => tab('recommended').click());
    await until(() => rows().length === 1);
    await key('?');
    expect($('[role="dialog"]')).not.toBeNull();
    await key('s');
    await key('Escape');
    await key('r');
    await vi.waitFor(async () => expect((await getStates(db, [p.id]))[p.id]?.read).toBe(true), { timeout: 5_000 });
    expect((await getStates(db, [p.id]))[p.id]!.starred).toBe(false);
  });

  it('z after starring takes back the star only: a read mark given in another tab since stays', async () => {
    const p = testPaper(1);
    await markSeen(db, [p], 1_000);
    const api = testLibraryApi(db);
    await mount(api, 'page');
    await act(async () => tab('recommended').click());
    await until(() => rows().length === 1);
    await key('s');
    await vi.waitFor(async () => expect((await getStates(db, [p.id]))[p.id]?.starred).toBe(true), { timeout: 5_000 });
    await setFlag(db, { id: p.id, flag: 'read', value: true }, Date.now() + 1_000);
    await act(async () => api.fireChange([p.id]));
    await settle(40);
    await key('z');
    await vi.waitFor(async () => expect((await getStates(db, [p.id]))[p.id]?.starred).toBe(false), { timeout: 5_000 });
    expect((await getStates(db, [p.id]))[p.id]).toMatchObject({ starred: false, read: true });
  });

  it('a note the background could not save is said not to be saved, and is saved when it can be', async () => {
    const p = testPaper(1);
    await markSeen(db, [p], 1_000);
    await setFlag(db, { id: p.id, flag: 'starred', value: true }, 2_000);
    const api = testLibraryApi(db);
    const setTagsAndNote = api.setTagsAndNote;
    api.setTagsAndNote = async () => {
      throw new Error('the background did not answer');
    };
    await mount(api);
    await until(() => rows().length === 1);
    const note = $<HTMLTextAreaElement>('textarea[data-paper-radar-input="note"]')!;
    const label = () => note.closest('label')!.querySelector('.label')!.textContent;
    await type(note, 'key idea: the KV cache');
    await act(async () => void note.dispatchEvent(new FocusEvent('blur')));
    await settle();
    expect(label()).toBe('Note (not saved)');
    expect($('[role="alert"]')?.textContent).toMatch(/Could not save that change/);
    api.setTagsAndNote = setTagsAndNote;
    await act(async () => void note.dispatchEvent(new FocusEvent('blur')));
    await until(() => label() === 'Note (saved)');
    expect((await getPaper(db, p.id))?.note).toBe('key idea: the KV cache');
  });

  it('a note that could not be saved is still there, still said not saved, after looking at another paper; saved when it can be', async () => {
    const [a, b] = [testPaper(1), testPaper(2)];
    await markSeen(db, [a, b], 1_000);
    await setFlag(db, { id: b.id, flag: 'starred', value: true }, 2_000);
    await setFlag(db, { id: a.id, flag: 'starred', value: true }, 3_000);
    const api = testLibraryApi(db);
    const setTagsAndNote = api.setTagsAndNote;
    api.setTagsAndNote = async () => {
      throw new Error("the browser's storage for Paper Radar is full. Nothing was changed.");
    };
    await mount(api);
    await until(() => rows().length === 2);
    const note = () => $<HTMLTextAreaElement>('[data-paper-radar-input="note"]')!;
    const label = () => note().closest('label')!.querySelector('.label')!.textContent;
    await type(note(), 'Two pages of thoughts on the proof');
    await act(async () => void note().dispatchEvent(new FocusEvent('blur')));
    await settle();
    expect(label()).toBe('Note (not saved)');
    await key('j');
    expect($('[data-paper-radar-detail]')!.getAttribute('data-paper-radar-detail')).toBe(b.id);
    expect(note().value).toBe('');
    await key('k');
    expect(note().value).toBe('Two pages of thoughts on the proof');
    expect(label()).toBe('Note (not saved)');
    // Leaving the paper again, once the background can save, saves it.
    api.setTagsAndNote = setTagsAndNote;
    await key('j');
    await vi.waitFor(async () => expect((await getPaper(db, a.id))?.note).toBe('Two pages of thoughts on the proof'), { timeout: 5_000 });
    await key('k');
    expect(note().value).toBe('Two pages of thoughts on the proof');
    expect(label().trim()).toBe('Note');
  });

  it('a note still saving as the user looks at another paper and back is sent once, and said saved', async () => {
    const [a, b] = [testPaper(1), testPaper(2)];
    await markSeen(db, [a, b], 1_000);
    await setFlag(db, { id: b.id, flag: 'starred', value: true }, 2_000);
    await setFlag(db, { id: a.id, flag: 'starred', value: true }, 3_000);
    const api = testLibraryApi(db);
    const setTagsAndNote = api.setTagsAndNote.bind(api);
    const { held, release } = gate();
    let calls = 0;
    api.setTagsAndNote = async (id, change) => {
      calls++;
      await held;
      return setTagsAndNote(id, change);
    };
    await mount(api);
    await until(() => rows().length === 2);
    const note = () => $<HTMLTextAreaElement>('[data-paper-radar-input="note"]')!;
    const label = () => note().closest('label')!.querySelector('.label')!.textContent!.trim();
    await type(note(), 'Key idea: the KV cache');
    await act(async () => void note().dispatchEvent(new FocusEvent('blur')));
    await key('j');
    await key('k');
    release();
    await vi.waitFor(async () => expect((await getPaper(db, a.id))?.note).toBe('Key idea: the KV cache'), { timeout: 5_000 });
    await until(() => note().value === 'Key idea: the KV cache');
    expect(note().value).toBe('Key idea: the KV cache');
    expect(label()).not.toBe('Note (not saved)');
    expect(calls).toBe(1);
  });

  it('a mark whose answer was lost (the worker stopped) shows the paper as stored, and says it is not known, not "Could not save"', async () => {
    const id = await seedLibrary();
    const api = testLibraryApi(db);
    const setFlag = api.setFlag;
    api.setFlag = async (...args) => {
      await setFlag(...args); // done, then the answer lost
      throw new OutcomeUnknownError();
    };
    await mount(api);
    await act(async () => tab('history').click());
    await settle();
    const row = () => container.querySelector(`.paper[data-paper-radar-id="${id[2]}"]`)!;
    await act(async () => row().querySelector<HTMLButtonElement>('[data-paper-radar-action="read"]')!.click());
    await until(() => ($('[role="alert"]')?.textContent ?? '').startsWith('Paper Radar could not tell'));
    expect($('[role="alert"]')!.textContent).toBe(
      'Paper Radar could not tell whether that was saved (the browser restarted it before it answered): the list shows the paper as stored. Dismiss',
    );
    await until(() => row().querySelector('[data-paper-radar-action="read"]')!.getAttribute('aria-pressed') === 'true');
  });

  it('the alert that a change could not be saved goes once a change is saved, or when dismissed', async () => {
    await seedLibrary();
    const api = testLibraryApi(db);
    const setTagsAndNote = api.setTagsAndNote;
    api.setTagsAndNote = async () => {
      throw new Error('the background did not answer');
    };
    await mount(api);
    const note = $<HTMLTextAreaElement>('[data-paper-radar-input="note"]')!;
    const label = () => note.closest('label')!.querySelector('.label')!.textContent;
    const alert = () => $('[role="alert"]')?.textContent ?? null;
    await type(note, 'key idea');
    await act(async () => void note.dispatchEvent(new FocusEvent('blur')));
    await settle();
    expect(alert()).toBe('Could not save that change: the background did not answer Dismiss');
    api.setTagsAndNote = setTagsAndNote;
    await act(async () => void note.dispatchEvent(new FocusEvent('blur')));
    await until(() => label() === 'Note (saved)');
    // Everything is saved now: an alert saying it could not be would be out of date.
    expect(alert()).toBeNull();
    // A failure nothing has made good since goes when dismissed.
    api.setFlag = async () => {
      throw new Error('the background did not answer');
    };
    await key('r');
    await until(() => alert() !== null);
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="dismiss-error"]')!.click());
    expect(alert()).toBeNull();
  });

  it('"all" cannot be exported before the whole library is read: never a file of its first papers', async () => {
    const papers = Array.from({ length: 50 }, (_, i) => testPaper(i + 1));
    await markSeen(db, papers, 1_000);
    for (const [i, p] of papers.slice(0, 30).entries()) await setFlag(db, { id: p.id, flag: 'starred', value: true }, 2_000 + i);
    const api = testLibraryApi(db);
    let release!: () => void;
    const loadAll = api.loadAll;
    api.loadAll = (onChunk) => new Promise<void>((resolve) => (release = resolve)).then(() => loadAll(onChunk));
    await mount(api, 'popup', { whole: false });
    await until(() => rows().length > 0);
    const scope = $<HTMLSelectElement>('[data-paper-radar-export-scope]')!;
    await act(async () => {
      scope.value = 'all';
      scope.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(scope.selectedOptions[0]!.textContent).toBe('all (reading…)');
    const exportButtons = [...container.querySelectorAll<HTMLButtonElement>('[data-paper-radar-action^="export-"]')];
    expect(exportButtons.map((b) => b.disabled)).toEqual(exportButtons.map(() => true));
    release();
    await until(() => !$<HTMLButtonElement>('[data-paper-radar-action="export-bibtex"]')!.disabled);
    expect(scope.selectedOptions[0]!.textContent).toBe('all 50');
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="export-bibtex"]')!.click());
    await settle();
    expect((api.downloads[0]!.text.match(/^@/gm) ?? []).length).toBe(50);
  });
});
