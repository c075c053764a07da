// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExtractedEntry } from '../../content-scripts/adapters/types';
import { withEarlyStates, type EarlyStates } from '../../content-scripts/early-states';
import { PageAnnotator } from '../../content-scripts/page-annotator';
import { SeenTracker } from '../../content-scripts/lib/seen-tracker';
import { FakeIntersectionObserver, FakeIO } from '../support/fake-intersection-observer';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { getStates, markSeen, setFlag } from '../../src/store/papers';
import { applyRemoteMarks } from '../../src/store/sync-marks';
import { accessibleName, groupName } from '../support/accessible-name';
import type { Messenger } from '../../src/messenger';
import { OutcomeUnknownError, type EntryScore } from '../../src/messages';
import { backgroundMessenger, testPaper } from '../support/papers';

let db: PaperDb;
let counter = 0;

beforeEach(async () => {
  db = await openPaperDb(`annotator-${++counter}`);
  document.body.replaceChildren();
});
afterEach(() => db.close());

/** A listing of n entries, <dt>/<dd> pairs like arXiv's, with hand-built ExtractedEntry objects. */
function listing(n: number, titleOf = (i: number) => `Paper ${i}`): ExtractedEntry[] {
  const dl = document.createElement('dl');
  document.body.append(dl);
  const entries: ExtractedEntry[] = [];
  for (let i = 1; i <= n; i++) {
    const dt = document.createElement('dt');
    dt.textContent = `[${i}] arXiv:2408.${String(i).padStart(5, '0')}`;
    const dd = document.createElement('dd');
    dd.textContent = titleOf(i);
    dl.append(dt, dd);
    const paper = testPaper(i, { title: titleOf(i) });
    entries.push({ id: paper.id, title: paper.title, paper, section: null, elements: [dt, dd], placement: { anchor: dt, position: 'beforeend' } });
  }
  return entries;
}

function control(id: string, nth = 0): ShadowRoot {
  const hosts = document.querySelectorAll(`[data-paper-radar-id="${id}"]`);
  return hosts[nth]!.shadowRoot!;
}

function button(id: string, action: 'star' | 'read'): HTMLButtonElement {
  return control(id).querySelector(`[data-paper-radar-action="${action}"]`)!;
}


/** Whether the entry of this paper shows the "new" mark. */
const isNew = (id: string) => document.querySelector(`[data-paper-radar-id="${id}"]`)!.hasAttribute('data-paper-radar-new');

/** A star given a day ago on another device, arrived through sync: the paper stored, never seen on a page. */
async function starredThroughSync(id: string): Promise<string> {
  await applyRemoteMarks(db, { marks: [{ id, starred: true, read: false, dismissed: false, at: Date.now() - 86_400_000 }], links: new Map(), remote: new Map(), now: Date.now() });
  return id;
}

describe('PageAnnotator', () => {
  it('puts one control with star and read buttons on every entry', async () => {
    const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db), sliceBudgetMs: 0 });
    expect(await annotator.annotate(listing(30))).toBe(30);
    const hosts = document.querySelectorAll('dt > [data-paper-radar-id]');
    expect(hosts).toHaveLength(30);
    expect(hosts[0]!.getAttribute('data-paper-radar-id')).toBe('arxiv:2408.00001');
    const star = button('arxiv:2408.00001', 'star');
    expect(star.tagName).toBe('BUTTON');
    expect(star.getAttribute('aria-pressed')).toBe('false');
    expect(star.getAttribute('part')).toBe('button star'); // styled from the page's stylesheet
    // Words are drawn by that stylesheet (find-in-page then skips them); symbols are text.
    expect(star.textContent).toBe('☆');
    expect(button('arxiv:2408.00001', 'read').textContent).toBe('');
    // Screen readers say the group (the paper) as focus enters it, then the button.
    expect(accessibleName(star)).toBe('Star');
    expect(groupName(star)).toBe('Paper 1');
    expect(button('arxiv:2408.00001', 'read').getAttribute('aria-pressed')).toBe('false');
    // Never seen: marked new.
    expect(document.querySelector('[data-paper-radar-id="arxiv:2408.00001"]')!.hasAttribute('data-paper-radar-new')).toBe(true);
  });

  it('gives a button its tooltip when it is first pointed at, and keeps it true to the state', async () => {
    const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db) });
    await annotator.annotate(listing(2));
    const star = button('arxiv:2408.00001', 'star');
    expect(star.hasAttribute('title')).toBe(false); // not one attribute more per control up front
    star.dispatchEvent(new Event('pointerover', { bubbles: true, composed: true }));
    expect(star.title).toBe('Star: keep it among your starred papers');
    star.click();
    expect(star.getAttribute('aria-pressed')).toBe('true');
    expect(star.getAttribute('part')).toBe('button star star-pressed');
    expect(star.title).toBe('Starred: click to unstar');
    const read = button('arxiv:2408.00002', 'read');
    read.dispatchEvent(new Event('pointerover', { bubbles: true, composed: true }));
    expect(read.title).toBe('Mark as read');
  });

  it('is idempotent: annotating the same entries again adds nothing', async () => {
    const entries = listing(5);
    const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db) });
    await annotator.annotate(entries);
    expect(await annotator.annotate(entries)).toBe(0);
    expect(document.querySelectorAll('[data-paper-radar-id]')).toHaveLength(5);
  });

  it('stars through the background, and a second page load shows the stored state', async () => {
    const changed: string[][] = [];
    const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db, { changed }) });
    await annotator.annotate(listing(3));
    button('arxiv:2408.00002', 'star').click();
    // Optimistic: pressed at once.
    expect(button('arxiv:2408.00002', 'star').getAttribute('aria-pressed')).toBe('true');
    await vi.waitFor(async () => expect((await getStates(db, ['arxiv:2408.00002']))['arxiv:2408.00002']?.starred).toBe(true), { timeout: 5_000 });
    expect(changed).toEqual([['arxiv:2408.00002']]);
    button('arxiv:2408.00003', 'read').click();
    await vi.waitFor(async () => expect((await getStates(db, ['arxiv:2408.00003']))['arxiv:2408.00003']?.read).toBe(true), { timeout: 5_000 });

    // "Reload": a fresh DOM and annotator over the same database.
    annotator.destroy();
    document.body.replaceChildren();
    const again = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db) });
    const entries = listing(3);
    await again.annotate(entries);
    expect(button('arxiv:2408.00002', 'star').getAttribute('aria-pressed')).toBe('true');
    expect(button('arxiv:2408.00002', 'read').getAttribute('aria-pressed')).toBe('false');
    expect(button('arxiv:2408.00003', 'read').getAttribute('aria-pressed')).toBe('true');
    // Read entries are marked on the page's own elements (dimmed by the page style).
    expect(entries[2]!.elements.every((el) => el.hasAttribute('data-paper-radar-read'))).toBe(true);
    expect(entries[0]!.elements.some((el) => el.hasAttribute('data-paper-radar-read'))).toBe(false);
  });

  it('reverts and shows an error the user can act on when the write fails (a full disk)', async () => {
    const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db) });
    await annotator.annotate(listing(1));
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      button('arxiv:2408.00001', 'star').click();
      const error = () => control('arxiv:2408.00001').querySelector<HTMLElement>('[data-paper-radar-slot="error"]')!;
      await vi.waitFor(() => expect(error()?.hidden).toBe(false), { timeout: 5_000 });
      expect(error().title).toBe(
        "Paper Radar could not save this: the browser's storage for Paper Radar is full. Nothing was changed. Free some disk space, or forget papers you have only seen (Paper Radar's settings, History).",
      );
      expect(error().getAttribute('role')).toBe('alert');
      // A screen reader announces the message, not "!"; a keyboard user can reach it.
      const announced = [...error().children].filter((el) => el.getAttribute('aria-hidden') !== 'true').map((el) => el.textContent);
      expect(announced).toEqual([error().title]);
      expect(error().tabIndex).toBe(0);
      expect(button('arxiv:2408.00001', 'star').getAttribute('aria-pressed')).toBe('false');
      // What was not saved is nothing to undo.
      expect(annotator.undoLast()).toBeNull();
    } finally {
      IDBObjectStore.prototype.put = put;
    }
  });

  it('when the stored states cannot be read: entries pending, with an error, never new or unmarked; asked again until read', async () => {
    const background = backgroundMessenger(db);
    await background.send({ type: 'setFlag', id: 'arxiv:2408.00001', flag: 'starred', value: true, paper: testPaper(1) });
    let refusals = 2;
    const messenger: typeof background = {
      send: (request) => (request.type === 'getStates' && refusals-- > 0 ? Promise.reject(new Error('the worker did not answer')) : background.send(request)),
    };
    const annotator = new PageAnnotator({ doc: document, messenger, statesRetryMs: 5 });
    await annotator.annotate(listing(2));
    const host = (id: string) => document.querySelector<HTMLElement>(`[data-paper-radar-id="${id}"]`)!;
    const error = (id: string) => control(id).querySelector<HTMLElement>('[data-paper-radar-slot="error"]');
    for (const id of ['arxiv:2408.00001', 'arxiv:2408.00002']) {
      expect(host(id).hasAttribute('data-paper-radar-pending')).toBe(true);
      expect(host(id).hasAttribute('data-paper-radar-new')).toBe(false); // not claimed new: unknown
      expect(error(id)!.hidden).toBe(false);
      expect(error(id)!.title).toMatch(/^Paper Radar could not read whether you starred, read or dismissed this paper\./);
    }
    // Asked again (after 5, then 10 ms): the star shows, the errors go.
    await vi.waitFor(() => expect(button('arxiv:2408.00001', 'star').getAttribute('aria-pressed')).toBe('true'), { timeout: 5_000 });
    expect(refusals).toBe(-1);
    for (const id of ['arxiv:2408.00001', 'arxiv:2408.00002']) {
      expect(host(id).hasAttribute('data-paper-radar-pending')).toBe(false);
      expect(error(id)!.hidden).toBe(true);
    }
    expect(host('arxiv:2408.00002').hasAttribute('data-paper-radar-new')).toBe(true);
    annotator.destroy();
  });

  it('a paper whose state could never be read is known once a mark given to it is stored: no longer pending', async () => {
    const background = backgroundMessenger(db);
    const messenger: typeof background = { send: (request) => (request.type === 'getStates' ? Promise.reject(new Error('the worker did not answer')) : background.send(request)) };
    const annotator = new PageAnnotator({ doc: document, messenger, statesRetryMs: 1 });
    await annotator.annotate(listing(2));
    const host = (id: string) => document.querySelector<HTMLElement>(`[data-paper-radar-id="${id}"]`)!;
    await new Promise((resolve) => setTimeout(resolve, 50)); // every retry (after 1, 2, 4 ms) refused too
    expect(host('arxiv:2408.00001').hasAttribute('data-paper-radar-pending')).toBe(true);
    // No longer said to be trying again.
    expect(control('arxiv:2408.00002').querySelector<HTMLElement>('[data-paper-radar-slot="error"]')!.title).toBe(
      'Paper Radar could not read whether you starred, read or dismissed this paper. Reload the page to try again.',
    );
    button('arxiv:2408.00001', 'star').click();
    await vi.waitFor(async () => expect((await getStates(db, ['arxiv:2408.00001']))['arxiv:2408.00001']?.starred).toBe(true));
    await vi.waitFor(() => expect(host('arxiv:2408.00001').hasAttribute('data-paper-radar-pending')).toBe(false));
    expect(button('arxiv:2408.00001', 'star').getAttribute('aria-pressed')).toBe('true');
    expect(control('arxiv:2408.00001').querySelector<HTMLElement>('[data-paper-radar-slot="error"]')!.hidden).toBe(true);
    expect(host('arxiv:2408.00002').hasAttribute('data-paper-radar-pending')).toBe(true); // still unread
    annotator.destroy();
  });

  it('an entry the page draws anew after every retry failed is read again: with the worker back, it shows its state, not pending for good', async () => {
    const background = backgroundMessenger(db);
    await background.send({ type: 'setFlag', id: 'arxiv:2408.00001', flag: 'starred', value: true, paper: testPaper(1) });
    let down = true;
    const messenger: typeof background = { send: (request) => (request.type === 'getStates' && down ? Promise.reject(new Error('the worker did not answer')) : background.send(request)) };
    const annotator = new PageAnnotator({ doc: document, messenger, statesRetryMs: 1 });
    const [first] = listing(1);
    await annotator.annotate([first!]);
    await new Promise((resolve) => setTimeout(resolve, 50)); // every retry (after 1, 2, 4 ms) refused too
    const host = () => document.querySelector<HTMLElement>('[data-paper-radar-id="arxiv:2408.00001"]')!;
    expect(host().hasAttribute('data-paper-radar-pending')).toBe(true);
    down = false;
    // The page draws the entry anew (a list re-rendered): the old elements go, new ones come.
    const [dt, dd] = first!.elements as [Element, Element];
    const [dt2, dd2] = [dt.cloneNode(true) as Element, dd.cloneNode(true) as Element];
    for (const el of dt2.querySelectorAll('[data-paper-radar-id]')) el.remove();
    dd.after(dt2, dd2);
    dt.remove();
    dd.remove();
    annotator.prune();
    await annotator.annotate([{ ...first!, elements: [dt2, dd2], placement: { anchor: dt2, position: 'beforeend' } }]);
    expect(host().hasAttribute('data-paper-radar-pending')).toBe(false);
    expect(button('arxiv:2408.00001', 'star').getAttribute('aria-pressed')).toBe('true');
    annotator.destroy();
  });

  it('a re-read that fails leaves the marks shown as they were, and asks again: the change made elsewhere shows once the worker answers', async () => {
    const background = backgroundMessenger(db);
    await background.send({ type: 'setFlag', id: 'arxiv:2408.00001', flag: 'starred', value: true, paper: testPaper(1) });
    let refuse = false;
    const messenger: typeof background = { send: (request) => (request.type === 'getStates' && refuse ? Promise.reject(new Error('gone')) : background.send(request)) };
    const annotator = new PageAnnotator({ doc: document, messenger, statesRetryMs: 5 });
    await annotator.annotate(listing(1));
    expect(button('arxiv:2408.00001', 'star').getAttribute('aria-pressed')).toBe('true');
    refuse = true;
    // Unstarred in another tab, while this page's worker restarts.
    await background.send({ type: 'setFlag', id: 'arxiv:2408.00001', flag: 'starred', value: false, paper: testPaper(1) });
    await annotator.refresh(['arxiv:2408.00001']);
    expect(button('arxiv:2408.00001', 'star').getAttribute('aria-pressed')).toBe('true');
    refuse = false;
    await vi.waitFor(() => expect(button('arxiv:2408.00001', 'star').getAttribute('aria-pressed')).toBe('false'), { timeout: 2_000 });
    annotator.destroy();
  });

  it('each outage of the worker gets its own retries: a fourth short one is read again too', async () => {
    const background = backgroundMessenger(db);
    let refusals = 0;
    let asked = 0;
    const messenger: typeof background = {
      send: (request) => {
        if (request.type !== 'getStates') return background.send(request);
        asked++;
        return refusals-- > 0 ? Promise.reject(new Error('the worker did not answer')) : background.send(request);
      },
    };
    const annotator = new PageAnnotator({ doc: document, messenger, statesRetryMs: 5 });
    await annotator.annotate(listing(1));
    for (let outage = 1; outage <= 4; outage++) {
      await background.send({ type: 'setFlag', id: 'arxiv:2408.00001', flag: 'starred', value: outage % 2 === 1, paper: testPaper(1) });
      refusals = 1;
      await annotator.refresh(['arxiv:2408.00001']);
      await vi.waitFor(() => expect(button('arxiv:2408.00001', 'star').getAttribute('aria-pressed')).toBe(String(outage % 2 === 1)), { timeout: 2_000 });
    }
    expect(asked).toBe(1 + 4 * 2);
    annotator.destroy();
  });

  it('says so at once when the page shows no title for the entry the user stars, and keeps nothing', async () => {
    const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db) });
    await annotator.annotate(listing(2, (i) => (i === 1 ? '' : `Paper ${i}`)));
    button('arxiv:2408.00001', 'star').click();
    const error = control('arxiv:2408.00001').querySelector<HTMLElement>('[data-paper-radar-slot="error"]')!;
    expect(error.hidden).toBe(false);
    expect(error.title).toBe('Paper Radar could not save this: it cannot read the title or link of this paper on the page.');
    expect(button('arxiv:2408.00001', 'star').getAttribute('aria-pressed')).toBe('false');
    button('arxiv:2408.00002', 'star').click(); // the other entries are not affected
    await vi.waitFor(async () => expect((await getStates(db, ['arxiv:2408.00002']))['arxiv:2408.00002']?.starred).toBe(true), { timeout: 5_000 });
    expect(await getStates(db, ['arxiv:2408.00001'])).toEqual({});
  });

  it('an entry the page removes (control inside) and puts back gets one control, not two', async () => {
    const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db) });
    const entries = listing(3);
    await annotator.annotate(entries);
    const [dt, dd] = entries[1]!.elements as [Element, Element];
    const dl = dt.parentElement!;
    dt.remove();
    dd.remove();
    annotator.prune();
    dl.append(dt, dd);
    await annotator.annotate([entries[1]!]);
    expect(document.querySelectorAll('[data-paper-radar-id="arxiv:2408.00002"]')).toHaveLength(1);
  });

  it('an entry the page adds by copying an annotated one gets one working control, not a copy of ours', async () => {
    const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db) });
    const entries = listing(2);
    await annotator.annotate(entries);
    // The page renders the first entry again by copying its elements, our control with them.
    const [dt, dd] = entries[0]!.elements.map((el) => el.cloneNode(true) as Element) as [Element, Element];
    document.querySelector('dl')!.append(dt, dd);
    await annotator.annotate([{ ...entries[0]!, elements: [dt, dd], placement: { anchor: dt, position: 'beforeend' } }], { stateFirst: false });
    const hosts = dt.querySelectorAll('[data-paper-radar-id]');
    expect(hosts).toHaveLength(1);
    const star = hosts[0]!.shadowRoot!.querySelector<HTMLButtonElement>('[data-paper-radar-action="star"]')!;
    star.click();
    expect(star.getAttribute('aria-pressed')).toBe('true');
  });

  it("a card that is one big link, its control after the link: an earlier copy's control left there goes (Firefox runs the add-on again in the open page)", async () => {
    const link = document.createElement('a');
    link.href = 'https://huggingface.co/papers/2408.00001';
    const article = link.appendChild(document.createElement('article'));
    article.textContent = 'Paper 1';
    const left = document.createElement('span'); // the dead copy's control, cut off with its script
    left.setAttribute('data-paper-radar-id', 'arxiv:2408.00001');
    document.body.append(link, left);
    const paper = testPaper(1);
    const entry: ExtractedEntry = { id: paper.id, title: paper.title, paper, section: null, elements: [article], placement: { anchor: link, position: 'afterend' } };
    const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db) });
    await annotator.annotate([entry], { removeCopies: true });
    expect(document.querySelectorAll('[data-paper-radar-id]')).toHaveLength(1);
    expect(left.isConnected).toBe(false);
    expect(link.nextElementSibling!.shadowRoot).not.toBeNull();
  });

  it('a control inside a heading: the heading is named by the title alone while the control is there', async () => {
    /** A card like Hugging Face's: <article><h3><a>title</a> control</h3></article>. */
    const card = (n: number, headingLabel?: string): ExtractedEntry => {
      const article = document.createElement('article');
      const heading = document.createElement('h3');
      if (headingLabel) heading.setAttribute('aria-label', headingLabel);
      const link = document.createElement('a');
      link.textContent = `Paper ${n}`;
      heading.append(link);
      article.append(heading);
      document.body.append(article);
      const paper = testPaper(n);
      return { id: paper.id, title: paper.title, paper, section: null, elements: [article], placement: { anchor: link, position: 'afterend', heading } };
    };
    const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db) });
    const entries = [card(1), card(2, 'The page’s own name')];
    await annotator.annotate(entries);
    const [first, second] = entries.map((entry) => entry.placement.heading!);
    expect(first!.querySelector('[data-paper-radar-id]')).not.toBeNull();
    expect(first!.getAttribute('aria-label')).toBe('Paper 1'); // jsdom has no element reflection: a copy
    expect(second!.getAttribute('aria-label')).toBe('The page’s own name');
    // A copy of the card (our control and the name with it) gets its own control and name.
    const copy = entries[0]!.elements[0]!.cloneNode(true) as Element;
    copy.querySelector('a')!.textContent = 'Paper 3';
    document.body.append(copy);
    const copyHeading = copy.querySelector('h3')!;
    await annotator.annotate([{ ...entries[0]!, id: testPaper(3).id, title: 'Paper 3', elements: [copy], placement: { anchor: copy.querySelector('a')!, position: 'afterend', heading: copyHeading } }], { stateFirst: false });
    expect(copyHeading.querySelectorAll('[data-paper-radar-id]')).toHaveLength(1);
    expect(copyHeading.getAttribute('aria-label')).toBe('Paper 3');
    // The card reused for another paper loses its control and the old title as its name.
    annotator.forgetReused(new Set(entries[0]!.elements), []);
    expect(first!.querySelector('[data-paper-radar-id]')).toBeNull();
    expect(first!.hasAttribute('aria-label')).toBe(false);
    annotator.destroy();
    expect(copyHeading.hasAttribute('aria-label')).toBe(false);
    expect(second!.getAttribute('aria-label')).toBe('The page’s own name');
    expect(document.querySelector('[data-paper-radar-named]')).toBeNull();
  });

  it('shows "new" only for papers not seen before this visit', async () => {
    await markSeen(db, [testPaper(1)], Date.now() - 60_000);
    const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db) });
    await annotator.annotate(listing(2));
    expect(isNew('arxiv:2408.00001')).toBe(false);
    expect(isNew('arxiv:2408.00002')).toBe(true);
  });

  it('a paper seen while the clock was a day fast is not "new" once the clock is put right', async () => {
    await markSeen(db, [testPaper(1)], Date.now() + 86_400_000);
    const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db) });
    await annotator.annotate(listing(1));
    expect(isNew('arxiv:2408.00001')).toBe(false);
  });

  it('a paper marked elsewhere though never seen on a page (a star arrived through sync) is not new; one marked here on this visit stays new', async () => {
    const synced = await starredThroughSync(testPaper(1).id);
    const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db) });
    await annotator.annotate(listing(3));
    expect(button(synced, 'star').getAttribute('aria-pressed')).toBe('true');
    expect(isNew(synced)).toBe(false);
    expect(isNew('arxiv:2408.00002')).toBe(true);
    // Starred here (no tracker: never stored as seen), it was new when the visit began: it stays so.
    button('arxiv:2408.00002', 'star').click();
    expect(button('arxiv:2408.00002', 'star').getAttribute('aria-pressed')).toBe('true');
    expect(isNew('arxiv:2408.00002')).toBe(true);
    await vi.waitFor(async () => expect((await getStates(db, ['arxiv:2408.00002']))['arxiv:2408.00002']?.starred).toBe(true));
    expect(isNew('arxiv:2408.00002')).toBe(true);
  });

  it('a paper known when the visit began does not turn "new" when it is marked, or seen, here for the first time', async () => {
    const synced = await starredThroughSync(testPaper(1).id);
    const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db) });
    await annotator.annotate(listing(2));
    expect(isNew(synced)).toBe(false);
    // Marked read here: its first mark on this device's pages.
    button(synced, 'read').click();
    await vi.waitFor(async () => expect((await getStates(db, [synced]))[synced]?.read).toBe(true));
    await annotator.settled();
    expect(isNew(synced)).toBe(false);
    // Seen here for the first time (as the tracker stores it), then read again after a change.
    await markSeen(db, [testPaper(1)], Date.now() + 5);
    await annotator.refresh([synced]);
    expect((await getStates(db, [synced]))[synced]!.firstSeenAt).toBeGreaterThanOrEqual(annotator.visitStartedAt);
    expect(isNew(synced)).toBe(false);
    annotator.destroy();
  });

  it('inserts the controls in a task after the building, also when the states were in hand before it (asked as the page was parsed)', async () => {
    const entries = listing(3);
    const early: EarlyStates = { ids: new Set(entries.map((entry) => entry.id)), answer: Promise.resolve({}), stale: false, served: 0, askMs: 0 };
    await early.answer;
    const annotator = new PageAnnotator({ doc: document, messenger: withEarlyStates(backgroundMessenger(db), early), sliceBudgetMs: 1_000 });
    // Queued before annotating starts: it runs before any task the annotation queues.
    let shownBeforeTheNextTask: number | null = null;
    setTimeout(() => (shownBeforeTheNextTask = document.querySelectorAll('[data-paper-radar-id]').length), 0);
    expect(await annotator.annotate(entries)).toBe(3);
    expect(early.served).toBe(3);
    // Built in one stretch, then a task boundary: the page gets its turn before the insertion,
    // and the longest task is timed as it ran.
    expect(shownBeforeTheNextTask).toBe(0);
  });

  it('refreshes papers changed elsewhere', async () => {
    const messenger = backgroundMessenger(db);
    const annotator = new PageAnnotator({ doc: document, messenger });
    await annotator.annotate(listing(2));
    await messenger.send({ type: 'setFlag', id: 'arxiv:2408.00001', flag: 'starred', value: true, paper: testPaper(1) });
    expect(button('arxiv:2408.00001', 'star').getAttribute('aria-pressed')).toBe('false');
    await annotator.refresh(['arxiv:2408.00001', 'arxiv:9999.99999']);
    expect(button('arxiv:2408.00001', 'star').getAttribute('aria-pressed')).toBe('true');
  });

  it("marks a section's heading once every paper under it is dismissed, and unmarks it when one is not; it counts the dismissed ones", async () => {
    // Two sections, as on arXiv's /new: a heading, then its entries.
    const entries = listing(5);
    const dl = entries[0]!.elements[0]!.parentElement!;
    const [newHeading, crossHeading] = ['New submissions', 'Cross submissions'].map((text) => Object.assign(document.createElement('h3'), { textContent: text }));
    dl.prepend(newHeading!);
    entries[3]!.elements[0]!.before(crossHeading!);
    const sectioned = entries.map((entry, i) => ({ ...entry, section: i < 3 ? 'new' : 'cross-list', sectionHeading: i < 3 ? newHeading : crossHeading }));
    const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db) });
    await annotator.annotate(sectioned);
    const marked = () => [newHeading, crossHeading].map((h) => h!.hasAttribute('data-paper-radar-section-dismissed'));
    // How many of each section's papers are dismissed (the page style shows it where they are hidden).
    const counted = () => [newHeading, crossHeading].map((h) => h!.getAttribute('data-paper-radar-dismissed-count'));
    const dismiss = (i: number) => control(`arxiv:2408.0000${i}`).querySelector<HTMLButtonElement>('[data-paper-radar-action="dismiss"]')!.click();
    const settled = () => vi.waitFor(() => expect(document.querySelector('[data-paper-radar-pending]')).toBeNull(), { timeout: 5_000 });

    expect(counted()).toEqual([null, null]);
    dismiss(4);
    await settled();
    expect(marked()).toEqual([false, false]); // paper 5 is still under "Cross submissions"
    expect(counted()).toEqual([null, '1']);
    dismiss(5);
    await settled();
    expect(marked()).toEqual([false, true]);
    expect(counted()).toEqual([null, '2']);
    dismiss(1);
    dismiss(2);
    await settled();
    expect(marked()).toEqual([false, true]);
    expect(counted()).toEqual(['2', '2']);
    dismiss(5); // undismissed
    await settled();
    expect(marked()).toEqual([false, false]);
    expect(counted()).toEqual(['2', '1']);

    // The last paper not dismissed leaves the page: what remains of its section is all dismissed.
    sectioned[2]!.elements.forEach((el) => el.remove());
    annotator.prune();
    await Promise.resolve();
    expect(marked()).toEqual([true, false]);
    expect(counted()).toEqual(['2', '1']);
    dismiss(1); // undismissed
    dismiss(4); // undismissed
    await settled();
    expect(marked()).toEqual([false, false]);
    expect(counted()).toEqual(['1', null]);

    dismiss(4);
    await settled();
    annotator.destroy();
    expect(marked()).toEqual([false, false]);
    expect(counted()).toEqual([null, null]);
  });

  it("counts the dismissed papers under no section heading on the listing's summary, which is never marked for hiding", async () => {
    const entries = listing(3);
    const [summary, redrawn] = ['Showing 1–3 of 3 results', 'Showing 1–3 of 3 results'].map((text) => Object.assign(document.createElement('h1'), { textContent: text }));
    document.body.prepend(summary!);
    const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db) });
    await annotator.annotate(entries);
    annotator.setListingSummary(summary!);
    const dismiss = (i: number) => control(`arxiv:2408.0000${i}`).querySelector<HTMLButtonElement>('[data-paper-radar-action="dismiss"]')!.click();
    const settled = () => vi.waitFor(() => expect(document.querySelector('[data-paper-radar-pending]')).toBeNull(), { timeout: 5_000 });
    const counted = (el: Element) => el.getAttribute('data-paper-radar-dismissed-count');

    expect(counted(summary!)).toBeNull();
    dismiss(1);
    dismiss(2);
    dismiss(3);
    await settled();
    expect(counted(summary!)).toBe('3');
    expect(summary!.hasAttribute('data-paper-radar-section-dismissed')).toBe(false); // all dismissed, still shown
    dismiss(2); // undismissed
    await settled();
    expect(counted(summary!)).toBe('2');

    // The page drew its summary anew: the count moves to the new one.
    summary!.replaceWith(redrawn!);
    annotator.setListingSummary(redrawn!);
    await Promise.resolve();
    expect([counted(summary!), counted(redrawn!)]).toEqual([null, '2']);
    annotator.destroy();
    expect(counted(redrawn!)).toBeNull();
  });

  it('settled() waits for the re-reads under way to show their states (what the popup asks after a change)', async () => {
    const messenger = backgroundMessenger(db);
    const annotator = new PageAnnotator({ doc: document, messenger });
    await annotator.annotate(listing(2));
    await messenger.send({ type: 'setFlag', id: 'arxiv:2408.00002', flag: 'dismissed', value: true, paper: testPaper(2) });
    expect(annotator.dismissedCount).toBe(0);
    void annotator.refresh(['arxiv:2408.00002']);
    expect(annotator.dismissedCount).toBe(0); // the states are still being read
    await annotator.settled();
    expect(annotator.dismissedCount).toBe(1);
    await annotator.settled(); // nothing under way: at once
  });

  it('a star taken off elsewhere while the states are on their way shows as taken off, not as they were read', async () => {
    const background = backgroundMessenger(db);
    await background.send({ type: 'setFlag', id: 'arxiv:2408.00002', flag: 'starred', value: true, paper: testPaper(2) });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    const messenger: typeof background = {
      send: (request) => {
        if (request.type !== 'getStates' || !first) return background.send(request);
        first = false;
        const answer = background.send(request); // read now, before the change
        return held.then(() => answer);
      },
    };
    const annotator = new PageAnnotator({ doc: document, messenger, sliceBudgetMs: 0 });
    const annotating = annotator.annotate(listing(2));
    await background.send({ type: 'setFlag', id: 'arxiv:2408.00002', flag: 'starred', value: false });
    await annotator.refresh(['arxiv:2408.00002']); // the change notice, read before the states arrive
    release();
    await annotating;
    await annotator.settled();
    expect(button('arxiv:2408.00002', 'star').getAttribute('aria-pressed')).toBe('false');
    annotator.destroy();
  });

  it('never renders page text as HTML', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db) });
    await annotator.annotate(listing(1, () => hostile));
    const root = control('arxiv:2408.00001');
    expect(root.querySelector('img')).toBeNull();
    expect(groupName(button('arxiv:2408.00001', 'star'))).toBe(hostile);
  });

  it('reports entries seen by the tracker to the background', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const annotator = new PageAnnotator({
        doc: document,
        messenger: backgroundMessenger(db),
        createSeenTracker: (onSeen) =>
          new SeenTracker(document, onSeen, { IntersectionObserver: FakeIO }),
      });
      const entries = listing(3);
      const annotating = annotator.annotate(entries);
      await vi.advanceTimersByTimeAsync(0); // the page's turn before the controls are inserted
      await annotating;
      // Tracking starts once the page has had its turn. 1 ms: when the states arrive while the
      // clock above is advancing (a loaded machine), that turn's timer is set for 1 ms later.
      await vi.advanceTimersByTimeAsync(1);
      const io = FakeIntersectionObserver.last;
      expect(io.targets.size).toBe(6);
      const show = (el: Element, visible: number, height = 100) => io.report(el, visible, height);
      // Entry 1 fully visible for 1.5 s; entry 2 only 30 % visible; entry 3 visible for 0.6 s.
      for (const el of entries[0]!.elements) show(el, 100);
      for (const el of entries[1]!.elements) show(el, 30);
      for (const el of entries[2]!.elements) show(el, 100);
      await vi.advanceTimersByTimeAsync(600);
      for (const el of entries[2]!.elements) show(el, 0);
      await vi.advanceTimersByTimeAsync(900);
      vi.useRealTimers();
      await vi.waitFor(async () => expect((await getStates(db, ['arxiv:2408.00001']))['arxiv:2408.00001']?.firstSeenAt).toBeTypeOf('number'), { timeout: 5_000 });
      expect(await getStates(db, ['arxiv:2408.00002', 'arxiv:2408.00003'])).toEqual({});
      expect(io.targets.has(entries[0]!.elements[0]!)).toBe(false); // no longer watched once seen
    } finally {
      vi.useRealTimers();
    }
  });
});

/**
 * A listing of n entries annotated with a seen tracker on a fake IntersectionObserver (with fake
 * timers on); `look` shows an entry whole for `ms`. The background refuses sightings while
 * `refusing.markSeen` is true.
 */
async function watchedListing(n: number, messenger: Messenger = backgroundMessenger(db)) {
  const refusing = { markSeen: false };
  const refusable: Messenger = { send: (request) => (request.type === 'markSeen' && refusing.markSeen ? Promise.reject(new Error('the worker went away')) : messenger.send(request)) };
  const annotator = new PageAnnotator({ doc: document, messenger: refusable, createSeenTracker: (onSeen) => new SeenTracker(document, onSeen, { IntersectionObserver: FakeIO }) });
  const entries = listing(n);
  const annotating = annotator.annotate(entries);
  await vi.advanceTimersByTimeAsync(0);
  await annotating;
  await vi.advanceTimersByTimeAsync(1);
  const io = FakeIntersectionObserver.last;
  const look = async (entry: ExtractedEntry, ms: number) => {
    for (const el of entry.elements) io.report(el, 100, 100);
    await vi.advanceTimersByTimeAsync(ms);
  };
  return { annotator, entries, io, look, refusing };
}

const firstSeenAt = async (id: string) => (await getStates(db, [id]))[id]?.firstSeenAt ?? null;

describe('seen, when storing it fails', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => void vi.useRealTimers());

  it('watches the entry again, and stores it the next time it is on screen', async () => {
    const { entries, io, look, refusing } = await watchedListing(1);
    const [dt] = entries[0]!.elements;
    refusing.markSeen = true;
    await look(entries[0]!, 1_300); // seen, then flushed: refused
    await vi.waitFor(() => expect(io.targets.has(dt!)).toBe(true), { timeout: 5_000 }); // watched again
    refusing.markSeen = false;
    await look(entries[0]!, 1_300);
    vi.useRealTimers();
    await vi.waitFor(async () => expect(await firstSeenAt('arxiv:2408.00001')).toBeTypeOf('number'), { timeout: 5_000 });
    expect(io.targets.has(dt!)).toBe(false);
  });

  it('after "mark all seen" failed, an entry looked at for a second is still stored', async () => {
    const { annotator, entries, look, refusing } = await watchedListing(2);
    refusing.markSeen = true;
    expect(await annotator.markAllSeen()).toBeNull();
    refusing.markSeen = false;
    await look(entries[0]!, 1_500);
    vi.useRealTimers();
    await vi.waitFor(async () => expect(await firstSeenAt('arxiv:2408.00001')).toBeTypeOf('number'), { timeout: 5_000 });
  });
});

describe('seen, other than by a second on screen', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => void vi.useRealTimers());

  it('a paper opened (or marked) within its first second on screen is stored as seen: not new on the next visit', async () => {
    const { annotator, entries, look } = await watchedListing(1);
    await look(entries[0]!, 600);
    await annotator.opened(entries[0]!.id);
    annotator.destroy();
    vi.useRealTimers();
    await vi.waitFor(async () => expect((await getStates(db, ['arxiv:2408.00001']))['arxiv:2408.00001']).toMatchObject({ read: true, firstSeenAt: expect.any(Number) }), { timeout: 5_000 });
    document.body.replaceChildren();
    const next = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db), sliceBudgetMs: 0, now: () => Date.now() + 60_000 }); // a minute later
    await next.annotate(listing(1));
    expect(document.querySelector('[data-paper-radar-id="arxiv:2408.00001"]')!.hasAttribute('data-paper-radar-new')).toBe(false);
    next.destroy();
  });

  it('an entry seen and taken away by the page before its batch went out is still stored as seen', async () => {
    const { annotator, entries, look } = await watchedListing(2);
    await look(entries[0]!, 1_100); // seen; its batch goes out 300 ms later
    for (const el of entries[0]!.elements) el.remove(); // the page re-renders its list
    annotator.prune();
    vi.useRealTimers();
    await vi.waitFor(async () => expect(await firstSeenAt('arxiv:2408.00001')).toBeTypeOf('number'), { timeout: 5_000 });
    expect(await firstSeenAt('arxiv:2408.00002')).toBeNull();
    annotator.destroy();
  });

  it('a paper forgotten while the listing is open is new there again, and stored again once looked at again', async () => {
    const messenger = backgroundMessenger(db);
    const { annotator, entries, look } = await watchedListing(1, messenger);
    const id = entries[0]!.id;
    await look(entries[0]!, 1_500);
    vi.useRealTimers();
    await vi.waitFor(async () => expect(await firstSeenAt(id)).toBeTypeOf('number'), { timeout: 5_000 });
    expect(await messenger.send({ type: 'forgetSeen', before: null })).toEqual({ forgotten: 1 });
    await annotator.refresh([id]); // as the worker's change notice asks
    expect(document.querySelector(`[data-paper-radar-id="${id}"]`)!.hasAttribute('data-paper-radar-new')).toBe(true);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await look(entries[0]!, 1_500);
    vi.useRealTimers();
    await vi.waitFor(async () => expect(await firstSeenAt(id)).toBeTypeOf('number'), { timeout: 5_000 });
    annotator.destroy();
  });
});

describe('in a private window', () => {
  it('records no sightings and no opened paper, but keeps a star given on purpose', async () => {
    const sent: string[] = [];
    const background = backgroundMessenger(db);
    const messenger: typeof background = { send: (request) => (sent.push(request.type), background.send(request)) };
    let trackers = 0;
    const entries = listing(3);
    const own = document.createElement('a');
    own.href = 'https://arxiv.org/abs/2408.00001';
    own.addEventListener('click', (e) => e.preventDefault()); // no navigation in jsdom
    entries[0]!.elements[1]!.append(own);
    const annotator = new PageAnnotator({
      doc: document,
      messenger,
      privateWindow: true,
      createSeenTracker: (onSeen) => (trackers++, new SeenTracker(document, onSeen, { IntersectionObserver: FakeIO })),
    });
    await annotator.annotate(entries);
    expect(trackers).toBe(0);
    own.click();
    expect(await annotator.markAllSeen()).toBe('private');
    button('arxiv:2408.00002', 'star').click();
    await vi.waitFor(async () => expect((await getStates(db, ['arxiv:2408.00002']))['arxiv:2408.00002']?.starred).toBe(true), { timeout: 5_000 });
    expect(await getStates(db, ['arxiv:2408.00001', 'arxiv:2408.00003'])).toEqual({});
    expect(sent).not.toContain('markSeen');
    annotator.destroy();
  });
});

describe('opening a paper from the listing', () => {
  it('marks it read when its own abstract or PDF link is opened, not for links to other papers', async () => {
    const entries = listing(3);
    const link = (entry: ExtractedEntry, href: string) => {
      const a = document.createElement('a');
      a.href = href;
      a.textContent = 'link';
      entry.elements[1]!.append(a);
      return a;
    };
    const own = link(entries[0]!, 'https://arxiv.org/abs/2408.00001v2');
    const pdf = link(entries[1]!, 'https://arxiv.org/pdf/2408.00002');
    const cited = link(entries[2]!, 'https://arxiv.org/abs/2101.00001');
    for (const a of [own, pdf, cited]) a.addEventListener('click', (e) => e.preventDefault()); // no navigation in jsdom
    const annotator = new PageAnnotator({ doc: document, messenger: backgroundMessenger(db) });
    await annotator.annotate(entries);
    own.click();
    pdf.dispatchEvent(new MouseEvent('auxclick', { bubbles: true, composed: true, button: 1 }));
    cited.click();
    await vi.waitFor(async () => {
      const states = await getStates(db, ['arxiv:2408.00001', 'arxiv:2408.00002', 'arxiv:2408.00003']);
      expect(states['arxiv:2408.00001']?.read).toBe(true);
      expect(states['arxiv:2408.00002']?.read).toBe(true);
    }, { timeout: 5_000 });
    expect((await getStates(db, ['arxiv:2408.00003']))['arxiv:2408.00003']).toBeUndefined();
    expect(button('arxiv:2408.00001', 'read').getAttribute('aria-pressed')).toBe('true');
    annotator.destroy();
  });

  /**
   * The background, whose answer to the first setFlag is lost after it was stored (the page went
   * into the back/forward cache as the paper opened in the same tab), `meanwhile` run before the
   * loss is known (the paper unmarked on its own page, then Back).
   */
  function answerLost(meanwhile: () => Promise<unknown>, { statesRead = true, stored = true } = {}): Messenger {
    const inner = backgroundMessenger(db);
    let lost = false;
    return {
      async send(request: Parameters<Messenger['send']>[0]) {
        if (request.type === 'getStates' && lost && !statesRead) throw new Error('the worker did not answer');
        if (request.type !== 'setFlag' || lost) return inner.send(request);
        lost = true;
        if (stored) await inner.send(request);
        await meanwhile();
        throw new OutcomeUnknownError();
      },
    } as Messenger;
  }

  /** The page leaving, maybe into the back/forward cache, as a paper opens in the same tab. */
  const pageHidden = () => window.dispatchEvent(new Event('pagehide'));

  it('its answer lost (Back from the paper), the entry shows the paper as stored: read, or unmarked since on its own page, never marked again over it; lost with a stopped worker on a page shown all along, it is sent again', async () => {
    const id = 'arxiv:2408.00001';
    const error = () => control(id).querySelector<HTMLElement>('[data-paper-radar-slot="error"]');
    // Read, as the lost answer would have said: shown so, no error, nothing to undo.
    let annotator = new PageAnnotator({ doc: document, messenger: answerLost(async () => {}) });
    await annotator.annotate(listing(1));
    button(id, 'read').click();
    await vi.waitFor(() => expect(button(id, 'read').getAttribute('aria-pressed')).toBe('true'), { timeout: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(error()?.hidden ?? true).toBe(true);
    expect(annotator.undoLast()).toBeNull();
    annotator.destroy();
    // Unmarked meanwhile on the paper's own page: it stays unmarked, and the entry says so.
    document.body.replaceChildren();
    await setFlag(db, { id, flag: 'read', value: false }, Date.now());
    annotator = new PageAnnotator({
      doc: document,
      messenger: answerLost(async () => {
        pageHidden();
        await setFlag(db, { id, flag: 'read', value: false }, Date.now());
      }),
    });
    await annotator.annotate(listing(1));
    button(id, 'read').click();
    await vi.waitFor(() => expect(error()?.hidden).toBe(false), { timeout: 5_000 });
    expect(error()!.title).toBe('Paper Radar could not tell whether this was saved (the browser restarted it before it answered): the paper shows as it is stored.');
    expect(button(id, 'read').getAttribute('aria-pressed')).toBe('false');
    expect((await getStates(db, [id]))[id]!.read).toBe(false);
    annotator.destroy();
    // The page shown all along, the worker stopped before it stored the change: sent again.
    document.body.replaceChildren();
    annotator = new PageAnnotator({ doc: document, messenger: answerLost(async () => {}, { stored: false }) });
    await annotator.annotate(listing(1));
    button(id, 'read').click();
    await vi.waitFor(async () => expect((await getStates(db, [id]))[id]!.read).toBe(true), { timeout: 5_000 });
    expect(button(id, 'read').getAttribute('aria-pressed')).toBe('true');
    expect(error()?.hidden ?? true).toBe(true);
    annotator.destroy();
    // The same after the page was hidden: not sent again over what another page may have done.
    document.body.replaceChildren();
    await setFlag(db, { id, flag: 'read', value: false }, Date.now());
    annotator = new PageAnnotator({ doc: document, messenger: answerLost(async () => pageHidden(), { stored: false }) });
    await annotator.annotate(listing(1));
    button(id, 'read').click();
    await vi.waitFor(() => expect(error()?.hidden).toBe(false), { timeout: 5_000 });
    expect((await getStates(db, [id]))[id]!.read).toBe(false);
    annotator.destroy();
    // z pressed before the lost answer was known: not said to be undone, and the star stays.
    document.body.replaceChildren();
    annotator = new PageAnnotator({ doc: document, messenger: answerLost(async () => {}) });
    await annotator.annotate(listing(1));
    button(id, 'star').click();
    const undone = annotator.undoLast()!;
    expect(await undone.refused).toBe('Not undone: whether “Paper 1” was saved is not known.');
    expect((await getStates(db, [id]))[id]!.starred).toBe(true);
    annotator.destroy();
    // What is stored could not be read either: said so, and how to see it.
    document.body.replaceChildren();
    annotator = new PageAnnotator({ doc: document, messenger: answerLost(async () => {}, { statesRead: false }), statesRetryMs: 60_000 });
    await annotator.annotate(listing(1));
    button(id, 'star').click();
    await vi.waitFor(() => expect(error()?.hidden).toBe(false), { timeout: 5_000 });
    expect(error()!.title).toBe('Paper Radar could not tell whether this was saved (the browser restarted it before it answered). Reload the page to see the paper as it is stored.');
    annotator.destroy();
  });
});

/**
 * The background, with scoreEntries answered by `scoreOf` each paper's number in listing() (null:
 * the engine is not ready, as with no interests).
 */
function scoredBy(scoreOf: (n: number) => number | null): Messenger {
  const why = { keywords: [], authors: [], muted: [], categories: [], raising: [], lowering: [] };
  const inner = backgroundMessenger(db);
  return {
    async send(request: Parameters<Messenger['send']>[0]) {
      if (request.type !== 'scoreEntries') return inner.send(request);
      const scores: Record<string, EntryScore> = {};
      let ready = true;
      for (const p of request.papers) {
        const s = scoreOf(Number(p.id.slice(-5)));
        if (s === null) ready = false;
        else scores[p.id] = { score: s, tier: s >= 75 ? 'high' : s >= 50 ? 'medium' : 'low', topic: 'T', relevant: s >= 50, why };
      }
      return { ready, scores: ready ? scores : {} } as never;
    },
  } as Messenger;
}

/** The listing's entries by their number, in page order. */
const listedOrder = () => [...document.querySelectorAll('dt')].map((dt) => Number(dt.firstChild!.textContent!.match(/\[(\d+)\]/)![1]));

describe('badges and marks as states and scores change', () => {
  it('a new score changes the badge, not the element: the focus stays on it, and an explanation closed with Escape stays closed', async () => {
    let score = 60;
    const annotator = new PageAnnotator({ doc: document, messenger: scoredBy(() => score) });
    await annotator.annotate(listing(2));
    await annotator.scoring;
    const root = control(testPaper(1).id);
    const badge = root.querySelector<HTMLElement>('.badge')!;
    badge.focus();
    badge.setAttribute('data-why-hidden', '');
    score = 63;
    await annotator.rescore();
    expect(root.querySelector<HTMLElement>('.badge')!.dataset['paperRadarScore']).toBe('63');
    expect(root.querySelector('.badge')).toBe(badge);
    expect(root.activeElement).toBe(badge);
    expect(badge.hasAttribute('data-why-hidden')).toBe(true);
    expect(badge.getAttribute('aria-label')).toBe('Relevance 63 of 100, medium, topic T');
    annotator.destroy();
  });

  it('a control whose badge was taken away (interests cleared) keeps room for the next one again', async () => {
    let score: number | null = 60;
    const annotator = new PageAnnotator({ doc: document, messenger: scoredBy(() => score) });
    await annotator.annotate(listing(1));
    await annotator.scoring;
    const host = document.querySelector('[data-paper-radar-id]')!;
    expect(host.hasAttribute('data-paper-radar-scored')).toBe(true);
    score = null;
    await annotator.rescore();
    expect(host.shadowRoot!.querySelector('.badge')).toBeNull();
    expect(host.hasAttribute('data-paper-radar-scored')).toBe(false);
    score = 70;
    await annotator.rescore();
    expect(host.shadowRoot!.querySelector<HTMLElement>('.badge')!.dataset['paperRadarScore']).toBe('70');
    expect(host.hasAttribute('data-paper-radar-scored')).toBe(true);
    annotator.destroy();
  });

  it('one failure to read the stored states is announced once, not once per entry (each entry is still marked)', async () => {
    const inner = backgroundMessenger(db);
    const messenger: Messenger = { send: (r) => (r.type === 'getStates' ? Promise.reject(new Error('the worker did not answer')) : inner.send(r)) };
    const annotator = new PageAnnotator({ doc: document, messenger, statesRetryMs: 60_000 });
    await annotator.annotate(listing(50));
    const hosts = [...document.querySelectorAll('[data-paper-radar-id]')];
    const marks = hosts.flatMap((h) => [...h.shadowRoot!.querySelectorAll<HTMLElement>('[title^="Paper Radar could not read"]:not([hidden])')]);
    expect(marks).toHaveLength(50);
    expect(marks.filter((m) => m.getAttribute('role') === 'alert')).toHaveLength(1);
    annotator.destroy();
  });

  it('a paper seen before is never shown "new", not even while its state is on its way', async () => {
    const [entry] = listing(1);
    await markSeen(db, [entry!.paper], Date.now() - 86_400_000);
    const inner = backgroundMessenger(db);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const messenger: Messenger = { send: async (r) => (r.type === 'getStates' ? (await held, inner.send(r)) : inner.send(r)) };
    const annotator = new PageAnnotator({ doc: document, messenger });
    const done = annotator.annotate([entry!], { stateFirst: false });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const host = document.querySelector('[data-paper-radar-id]')!;
    expect(host.hasAttribute('data-paper-radar-pending')).toBe(true);
    expect(host.hasAttribute('data-paper-radar-new')).toBe(false);
    release();
    await done;
    expect(host.hasAttribute('data-paper-radar-new')).toBe(false);
    annotator.destroy();
  });
});

describe('ordered by relevance as scores change', () => {
  it('follows the new scores after a rescore (new interests, a retrain), and the focus stays where it was', async () => {
    let scores: Record<number, number> = { 1: 10, 2: 20, 3: 90 };
    const annotator = new PageAnnotator({ doc: document, messenger: scoredBy((n) => scores[n]!) });
    await annotator.annotate(listing(3));
    await annotator.scoring;
    annotator.orderByRelevance(true);
    expect(listedOrder()).toEqual([3, 2, 1]);
    const star = button(testPaper(3).id, 'star');
    star.focus();
    scores = { 1: 95, 2: 20, 3: 5 };
    await annotator.rescore();
    expect(annotator.orderedByRelevance).toBe(true);
    expect(listedOrder()).toEqual([1, 2, 3]);
    expect(control(testPaper(3).id).activeElement).toBe(star);
    annotator.orderByRelevance(false);
    expect(listedOrder()).toEqual([1, 2, 3]);
    annotator.destroy();
  });

  it('not once the user marks entries here: the entry dismissed, and the list, stay where they are as its retrain rescores', async () => {
    let scores: Record<number, number> = { 1: 10, 2: 20, 3: 90, 4: 50 };
    const annotator = new PageAnnotator({ doc: document, messenger: scoredBy((n) => scores[n]!) });
    await annotator.annotate(listing(4));
    await annotator.scoring;
    annotator.orderByRelevance(true);
    expect(listedOrder()).toEqual([3, 4, 2, 1]);
    control(testPaper(3).id).querySelector<HTMLButtonElement>('[data-paper-radar-action="dismiss"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await vi.waitFor(async () => expect((await getStates(db, [testPaper(3).id]))[testPaper(3).id]?.dismissed).toBe(true));
    scores = { 1: 11, 2: 60, 3: 80, 4: 50 }; // the retrain moves scores
    await annotator.rescore();
    expect(listedOrder()).toEqual([3, 4, 2, 1]);
    // Put in order again (the popup's toggle): by the new scores, the dismissed one last.
    annotator.orderByRelevance(false);
    annotator.orderByRelevance(true);
    expect(listedOrder()).toEqual([2, 4, 1, 3]);
    annotator.destroy();
  });
});
