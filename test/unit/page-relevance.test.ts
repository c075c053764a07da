// @vitest-environment jsdom
/**
 * Relevance on the page: after annotation the annotator asks the background for scores in chunks
 * and shows a badge with an explanation on each entry, highlights relevant entries, and offers
 * a dismiss button.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExtractedEntry } from '../../content-scripts/adapters/types';
import { PageAnnotator } from '../../content-scripts/page-annotator';
import { SCORING_ATTRIBUTE } from '../../content-scripts/ui/styles';
import { RelevanceService } from '../../src/background/relevance';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { getStates } from '../../src/store/papers';
import type { Messenger } from '../../src/messenger';
import { accessibleName, groupName } from '../support/accessible-name';
import { backgroundMessenger, testPaper } from '../support/papers';
import { syntheticPapers } from './relevance/fixtures';

/** The closed shadow roots made while a test runs, by host (jsdom gives a test no other way in). */
const closedRoots = new WeakMap<Element, ShadowRoot>();
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
  const shadow = attachShadow.call(this, init);
  if (init.mode === 'closed') closedRoots.set(this, shadow);
  return shadow;
};

let db: PaperDb;
let relevance: RelevanceService;
let messenger: Messenger;
let counter = 0;

beforeEach(async () => {
  db = await openPaperDb(`page-relevance-${++counter}`);
  relevance = new RelevanceService(db, { retrainDelayMs: 60_000 });
  messenger = backgroundMessenger(db, { relevance });
  document.body.replaceChildren();
  document.documentElement.removeAttribute(SCORING_ATTRIBUTE);
});
afterEach(() => {
  relevance.dispose();
  db.close();
});

const SYNTHETIC = syntheticPapers(20);

/** An arXiv-like listing of the synthetic papers; papers are read lazily, as adapters do. */
function listing(): { entries: ExtractedEntry[]; reads: () => number } {
  const dl = document.createElement('dl');
  document.body.append(dl);
  let reads = 0;
  const entries = SYNTHETIC.map((p, i): ExtractedEntry => {
    const dt = document.createElement('dt');
    const dd = document.createElement('dd');
    dd.textContent = p.title;
    dl.append(dt, dd);
    const paper = testPaper(i + 1, { title: p.title, abstract: p.abstract ?? null, authors: [...(p.authors ?? [])] });
    return {
      id: paper.id,
      title: paper.title,
      get paper() {
        reads++;
        return paper;
      },
      section: null,
      elements: [dt, dd],
      placement: { anchor: dt, position: 'beforeend' },
    };
  });
  return { entries, reads: () => reads };
}

const ROBOTS = { topics: [{ id: 'robots', name: 'Robot learning', keywords: ['grasping', 'robot manipulation'] }] };
const root = (id: string) => document.querySelector(`[data-paper-radar-id="${id}"]`)!.shadowRoot!;
const badge = (id: string) => root(id).querySelector<HTMLElement>('[data-paper-radar-score]');
const slotStyles = (id: string) => (root(id).adoptedStyleSheets?.length ?? 0) + root(id).querySelectorAll('style').length;

describe('relevance on the page', () => {
  it('shows no badge when there is nothing to score by, and asks only once', async () => {
    const send = vi.spyOn(messenger, 'send');
    const annotator = new PageAnnotator({ doc: document, messenger, scoreChunkSize: 7 });
    const { entries } = listing();
    await annotator.annotate(entries);
    await annotator.scoring;
    expect(send.mock.calls.filter(([r]) => r.type === 'scoreEntries')).toHaveLength(1);
    expect(document.querySelectorAll('[data-paper-radar-relevant]')).toHaveLength(0);
    expect(badge(entries[0]!.id)).toBeNull();
    expect(slotStyles(entries[0]!.id)).toBe(0); // a control without a badge needs no stylesheet
  });

  it('a control keeps room for its badge until it shows one; a page told so wrongly stops keeping it', async () => {
    const host = (id: string) => document.querySelector(`[data-paper-radar-id="${id}"]`)!;
    const scored = (entries: ExtractedEntry[]) => entries.map((e) => host(e.id).hasAttribute('data-paper-radar-scored'));
    await messenger.send({ type: 'setInterests', interests: ROBOTS });
    document.documentElement.setAttribute(SCORING_ATTRIBUTE, ''); // as main.ts does from the model notice
    const annotator = new PageAnnotator({ doc: document, messenger });
    const { entries } = listing();
    await annotator.annotate(entries);
    expect(scored(entries)).toEqual(entries.map(() => false)); // the page stylesheet keeps their room
    await annotator.scoring;
    expect(scored(entries)).toEqual(entries.map(() => true)); // each badge took it
    expect(document.documentElement.hasAttribute(SCORING_ATTRIBUTE)).toBe(true);

    // The interests are gone, but the page had been told there would be badges: the badges go, and the room.
    await messenger.send({ type: 'setInterests', interests: { topics: [] } });
    await relevance.retrainNow();
    await annotator.rescore();
    expect(badge(entries[0]!.id)).toBeNull();
    expect(document.documentElement.hasAttribute(SCORING_ATTRIBUTE)).toBe(false);
  });

  it('fills every badge (in chunks), explains it on focus, highlights relevant entries in proportion', async () => {
    await messenger.send({ type: 'setInterests', interests: ROBOTS });
    const send = vi.spyOn(messenger, 'send');
    const annotator = new PageAnnotator({ doc: document, messenger, scoreChunkSize: 7 });
    const { entries } = listing();
    await annotator.annotate(entries);
    await annotator.scoring;
    const scoreCalls = send.mock.calls.filter(([r]) => r.type === 'scoreEntries');
    expect(scoreCalls).toHaveLength(Math.ceil(entries.length / 7));

    for (const entry of entries) expect(Number(badge(entry.id)!.dataset.paperRadarScore)).toBeGreaterThanOrEqual(0);
    const robots = entries.filter((_, i) => SYNTHETIC[i]!.field === 'robots');
    const others = entries.filter((_, i) => SYNTHETIC[i]!.field !== 'robots');
    const highlighted = entries.filter((e) => e.elements[0]!.hasAttribute('data-paper-radar-relevant'));
    expect(highlighted.length).toBeGreaterThan(0);
    for (const e of highlighted) {
      expect(robots).toContain(e);
      expect(e.elements[1]!.hasAttribute('data-paper-radar-relevant')).toBe(true);
      const strength = Number((e.elements[0] as HTMLElement).style.getPropertyValue('--paper-radar-relevance'));
      expect(strength).toBeGreaterThan(0);
      expect(strength).toBeLessThanOrEqual(1);
      expect(badge(e.id)!.dataset.paperRadarTier).toBe('high');
    }
    for (const e of others) expect(e.elements[0]!.hasAttribute('data-paper-radar-relevant')).toBe(false);
    // Rated low: marked, so the "dim papers rated low" setting can dim them (medium ones are
    // neither highlighted nor dimmed, as the popup's Recommended lists them).
    for (const e of entries) {
      const below = badge(e.id)!.dataset.paperRadarTier === 'low';
      expect(e.elements.every((el) => el.hasAttribute('data-paper-radar-below') === below)).toBe(true);
    }
    const low = entries.find((e) => badge(e.id)!.dataset.paperRadarTier === 'low')!;
    // A low score names no topic: the paper is no paper of it.
    expect(badge(low.id)!.getAttribute('aria-label')).toMatch(/^Relevance \d+ of 100, low$/);

    // The badge: focusable, named, described by an explanation in its own shadow root.
    const top = badge(highlighted[0]!.id)!;
    expect(top.tabIndex).toBe(0);
    expect(top.getAttribute('aria-label')).toMatch(/^Relevance \d+ of 100, high, topic Robot learning$/);
    // What it shows is drawn from its attributes (SLOT_CSS), not written: find-in-page skips it.
    expect(top.textContent).toBe('');
    expect(top.dataset.paperRadarTopic).toBe('Robot learning');
    expect(top.dataset.paperRadarTier).toBe('high');
    const why = root(highlighted[0]!.id).getElementById(top.getAttribute('aria-describedby')!)!;
    expect(why.getAttribute('role')).toBe('tooltip');
    // Its lines are in a closed shadow root: not the page's scripts' to read (they name the
    // user's keywords and starred papers), a screen reader's (e2e: Chromium's accessibility tree).
    expect(why.textContent).toBe('');
    expect(closedRoots.get(why)?.textContent).toMatch(/Relevance \d+\/100 \(high\) for Robot learning\./);
    expect(closedRoots.get(why)?.textContent).toMatch(/Raised by: “/);
    // The badge's styles, given to its shadow root once (adopted, or a <style> where that can't be).
    await annotator.rescore();
    for (const entry of entries) expect(slotStyles(entry.id)).toBe(1);
  });

  it('asks for the first chunk, then for every other at once, and shows their answers together, in page order', async () => {
    await messenger.send({ type: 'setInterests', interests: ROBOTS });
    // The background's answers, held until the test lets each through.
    const held: Array<{ release: () => void }> = [];
    const holding: Messenger = {
      send: (request) => {
        if (request.type !== 'scoreEntries') return messenger.send(request);
        return new Promise((resolve, reject) => held.push({ release: () => void messenger.send(request).then(resolve, reject) }));
      },
    };
    const annotator = new PageAnnotator({ doc: document, messenger: holding, scoreChunkSize: 7 });
    const { entries } = listing();
    // An entry's control says it shows a badge (medium ones have no mark on the entry).
    const scored = () => entries.filter((e) => e.elements[0]!.querySelector('[data-paper-radar-scored]')).length;
    await annotator.annotate(entries);
    // The first chunk alone, until its answer says there is something to score by.
    await vi.waitFor(() => expect(held).toHaveLength(1), { timeout: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(held).toHaveLength(1);
    held[0]!.release();
    await vi.waitFor(() => expect(scored()).toBe(7), { timeout: 5_000 });
    // Then every other chunk before any of their answers arrives (one at a time, this would wait forever).
    await vi.waitFor(() => expect(held).toHaveLength(Math.ceil(entries.length / 7)), { timeout: 5_000 });
    const batches: number[] = [];
    const observer = new MutationObserver((records) => batches.push(new Set(records.map((r) => r.target)).size));
    observer.observe(document.body, { subtree: true, attributeFilter: ['data-paper-radar-scored'] });
    // Later chunks answered first: nothing more is shown before the second chunk's answer.
    for (const chunk of held.slice(2).reverse()) chunk.release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(scored()).toBe(7);
    held[1]!.release();
    await annotator.scoring;
    await Promise.resolve(); // the observer's last callback
    observer.disconnect();
    expect(scored()).toBe(entries.length);
    // Shown in one go: one batch of changes to the page covering the control of every other entry.
    expect(batches).toEqual([entries.length - 7]);
  });

  it('dismiss: a pressed button, a dimmed entry, stored, and no highlight', async () => {
    await messenger.send({ type: 'setInterests', interests: ROBOTS });
    const annotator = new PageAnnotator({ doc: document, messenger });
    const { entries } = listing();
    await annotator.annotate(entries);
    await annotator.scoring;
    const target = entries.find((e) => e.elements[0]!.hasAttribute('data-paper-radar-relevant'))!;
    const dismiss = root(target.id).querySelector<HTMLButtonElement>('[data-paper-radar-action="dismiss"]')!;
    expect(dismiss.getAttribute('aria-pressed')).toBe('false');
    expect(accessibleName(dismiss)).toBe('Dismiss');
    expect(groupName(dismiss)).toBe(target.title);
    dismiss.click();
    expect(dismiss.getAttribute('aria-pressed')).toBe('true');
    for (const el of target.elements) {
      expect(el.hasAttribute('data-paper-radar-dismissed')).toBe(true);
      expect(el.hasAttribute('data-paper-radar-relevant')).toBe(false);
    }
    await vi.waitFor(async () => expect((await getStates(db, [target.id]))[target.id]?.dismissed).toBe(true), { timeout: 5_000 });
    // A rescore after the retrain keeps it dismissed, and its score does not rise.
    const before = Number(badge(target.id)!.dataset.paperRadarScore);
    await relevance.retrainNow();
    await annotator.rescore();
    expect(Number(badge(target.id)!.dataset.paperRadarScore)).toBeLessThanOrEqual(before);
    annotator.destroy();
    for (const el of target.elements) expect(el.hasAttribute('data-paper-radar-dismissed')).toBe(false);
  });

  it('page text reaches the badge only as text', async () => {
    await messenger.send({
      type: 'setInterests',
      interests: { topics: [{ id: 'x', name: '<img src=x onerror=alert(1)>', keywords: ['grasping'] }] },
    });
    const annotator = new PageAnnotator({ doc: document, messenger });
    const { entries } = listing();
    await annotator.annotate(entries);
    await annotator.scoring;
    const b = badge(entries[0]!.id)!;
    expect(root(entries[0]!.id).querySelector('img')).toBeNull();
    expect(b.dataset.paperRadarTopic).toBe('<img src=x onerror=alert(1)>');
    expect(b.getAttribute('aria-label')).toContain('<img src=x onerror=alert(1)>');
  });
});

/**
 * The listing with its first 12 entries annotated, scored and ordered by relevance; the others
 * (`later`) out of the page, for a test to append as a site adds more.
 */
async function orderedWithLaterEntries() {
  await messenger.send({ type: 'setInterests', interests: ROBOTS });
  const annotator = new PageAnnotator({ doc: document, messenger });
  const { entries } = listing();
  const dl = entries[0]!.elements[0]!.parentElement!;
  const [shown, later] = [entries.slice(0, 12), entries.slice(12)];
  for (const entry of later) for (const el of entry.elements) el.remove();
  await annotator.annotate(shown);
  await annotator.scoring;
  annotator.orderByRelevance(true);
  return { annotator, entries, dl, shown, later };
}

describe('ordering by relevance', () => {
  it('puts each list in order of relevance and back in the site order, every node of it; headings stay first', async () => {
    await messenger.send({ type: 'setInterests', interests: ROBOTS });
    const annotator = new PageAnnotator({ doc: document, messenger });
    const { entries } = listing();
    const dl = entries[0]!.elements[0]!.parentElement!;
    const heading = document.createElement('h3');
    heading.textContent = 'New submissions';
    dl.prepend(heading);
    // As a framework keeps them (Hugging Face's Svelte grid): an anchor comment before each entry, and whitespace.
    for (const entry of entries) entry.elements[0]!.before(document.createComment(`anchor ${entry.id}`), document.createTextNode('\n'));
    await annotator.annotate(entries);
    await annotator.scoring;
    const siteOrder = [...dl.children];
    const siteNodes = [...dl.childNodes];
    const scoreOfDt = (dt: Element) => Number(dt.querySelector<HTMLElement>('[data-paper-radar-id]')!.shadowRoot!.querySelector<HTMLElement>('[data-paper-radar-score]')?.dataset.paperRadarScore ?? -1);

    annotator.orderByRelevance(true);
    expect(annotator.orderedByRelevance).toBe(true);
    expect(dl.firstElementChild).toBe(heading);
    const dts = [...dl.querySelectorAll(':scope > dt')];
    const scores = dts.map(scoreOfDt);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBeGreaterThan(scores.at(-1)!);
    // Each <dd> still follows its own <dt>.
    for (const dt of dts) expect(entries.find((e) => e.elements[0] === dt)!.elements[1]).toBe(dt.nextElementSibling);
    expect(dl.children).toHaveLength(siteOrder.length);
    // Each entry's anchor moved with it.
    for (const dt of dts) expect(dt.previousSibling?.previousSibling?.textContent).toBe(`anchor ${entries.find((e) => e.elements[0] === dt)!.id}`);

    annotator.orderByRelevance(false);
    expect(annotator.orderedByRelevance).toBe(false);
    expect([...dl.children]).toEqual(siteOrder);
    expect([...dl.childNodes]).toEqual(siteNodes);

    // A session ending while ordered by relevance (the user navigated on) leaves the site's order.
    annotator.orderByRelevance(true);
    expect([...dl.children]).not.toEqual(siteOrder);
    annotator.destroy();
    expect([...dl.children]).toEqual(siteOrder);
  });

  it('puts entries that arrive while ordered in order among themselves, after the ones above; back in the site order, all are', async () => {
    const { annotator, entries, dl, shown, later } = await orderedWithLaterEntries();
    const orderedFirst = [...dl.children];

    // The site appends the next page of entries as the user scrolls, and something after them.
    for (const entry of later) dl.append(...entry.elements);
    const footer = dl.appendChild(document.createElement('p'));
    await annotator.annotate(later);
    await annotator.scoring;
    const scoreOf = (entry: ExtractedEntry) => Number(badge(entry.id)?.dataset.paperRadarScore ?? -1);
    const entryAt = (dt: Element) => entries.find((e) => e.elements[0] === dt)!;
    const children = [...dl.children];
    // The entries above did not move; the footer kept its place.
    expect(children.slice(0, orderedFirst.length)).toEqual(orderedFirst);
    expect(children.at(-1)).toBe(footer);
    const arrived = children.slice(orderedFirst.length, -1).filter((el) => el.localName === 'dt').map(entryAt);
    expect(new Set(arrived)).toEqual(new Set(later));
    const values = arrived.map(scoreOf);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(arrived).not.toEqual(later); // they did move: the site's order was not already theirs
    for (const entry of entries) expect(entry.elements[0]!.nextElementSibling).toBe(entry.elements[1]);

    // New interests move the scores: each block is sorted again, in its own places.
    await messenger.send({ type: 'setInterests', interests: { topics: [{ id: 'nav', name: 'Navigation', keywords: ['navigation', 'tactile'] }] } });
    const before = [...dl.children];
    await annotator.rescore();
    expect([...dl.children]).not.toEqual(before);
    const blocks = () => {
      const dts = [...dl.children].filter((el) => el.localName === 'dt').map(entryAt);
      return [dts.slice(0, shown.length), dts.slice(shown.length)];
    };
    expect(blocks().map((block) => new Set(block))).toEqual([new Set(shown), new Set(later)]);
    for (const block of blocks()) {
      const now = block.map(scoreOf);
      expect(now).toEqual([...now].sort((a, b) => b - a));
    }
    expect(dl.lastElementChild).toBe(footer);

    annotator.orderByRelevance(false);
    expect([...dl.children]).toEqual([...entries.flatMap((entry) => entry.elements), footer]);
    // Ordered again, all entries rank together.
    annotator.orderByRelevance(true);
    const all = [...dl.children].filter((el) => el.localName === 'dt').map((dt) => scoreOf(entryAt(dt)));
    expect(all).toEqual([...all].sort((a, b) => b - a));
  });

  it('an entry the site draws again while ordered (the same paper, new elements) ranks with its section, not as an arrival', async () => {
    const { annotator, entries, dl, shown } = await orderedWithLaterEntries();
    const entryAt = (dt: Element) => entries.find((e) => e.elements[0] === dt)!;
    const scores = () => [...dl.children].filter((el) => el.localName === 'dt').map((dt) => Number(dt.querySelector<HTMLElement>('[data-paper-radar-id]')!.shadowRoot!.querySelector<HTMLElement>('[data-paper-radar-score]')?.dataset.paperRadarScore ?? -1));
    // The site draws the fourth entry shown again: new elements in the old ones' places.
    const old = entryAt(dl.querySelectorAll(':scope > dt')[3]!);
    const elements = old.elements.map((el) => {
      const fresh = document.createElement(el.localName);
      fresh.textContent = el.localName === 'dd' ? (el.textContent ?? '') : '';
      el.replaceWith(fresh);
      return fresh;
    });
    const redrawn: ExtractedEntry = { ...old, elements, placement: { anchor: elements[0]!, position: 'beforeend' } };
    entries[entries.indexOf(old)] = redrawn;
    annotator.prune();
    await annotator.annotate([redrawn]);
    await annotator.scoring;

    // New interests move the scores: the entries shown are sorted again, the one drawn anew among them.
    await messenger.send({ type: 'setInterests', interests: { topics: [{ id: 'nav', name: 'Navigation', keywords: ['navigation', 'tactile'] }] } });
    await annotator.rescore();
    expect(dl.querySelectorAll(':scope > dt')).toHaveLength(shown.length);
    const now = scores();
    expect(now).toEqual([...now].sort((a, b) => b - a));
    expect(now[0]).toBeGreaterThan(now.at(-1)!);
  });

  it('leaves entries that arrive while ordered in the site order if the user marks one before they are scored', async () => {
    const { annotator, entries, dl, shown, later } = await orderedWithLaterEntries();
    for (const entry of later) dl.append(...entry.elements);
    const siteOrder = [...dl.children];
    await annotator.annotate(later);
    // Clicked as the arrivals' scores are on their way.
    root(later[0]!.id).querySelector<HTMLButtonElement>('[data-paper-radar-action="star"]')!.click();
    await annotator.scoring;
    expect(badge(later[0]!.id)).not.toBeNull();
    expect([...dl.children]).toEqual(siteOrder);
  });

  it('moves entries only within their section, into the places their section had; other children keep theirs', async () => {
    await messenger.send({ type: 'setInterests', interests: ROBOTS });
    const annotator = new PageAnnotator({ doc: document, messenger });
    const { entries } = listing();
    const dl = entries[0]!.elements[0]!.parentElement!;
    // As on an ACL author page: a heading per year, all in one list, and something else between entries.
    const year = (text: string) => Object.assign(document.createElement('h4'), { textContent: text });
    const [first, second, aside] = [year('2022'), year('2019'), document.createElement('aside')];
    entries.forEach((entry, i) => ((entry as { section: string | null }).section = i < 10 ? '2022' : '2019'));
    dl.prepend(first);
    entries[10]!.elements[0]!.before(second);
    entries[4]!.elements[1]!.after(aside);
    await annotator.annotate(entries);
    await annotator.scoring;
    const siteOrder = [...dl.children];
    const scoreOf = (entry: ExtractedEntry) => Number(badge(entry.id)?.dataset.paperRadarScore ?? -1);
    const scored = entries.map(scoreOf);
    expect(new Set(scored.slice(0, 10)).size).toBeGreaterThan(1); // something to reorder in each section
    expect(new Set(scored.slice(10)).size).toBeGreaterThan(1);

    annotator.orderByRelevance(true);
    const children = [...dl.children];
    for (const el of [first, second, aside]) expect(children.indexOf(el)).toBe(siteOrder.indexOf(el));
    const entryAt = (dt: Element) => entries.find((e) => e.elements[0] === dt)!;
    const sectionOrder = (from: Element, to: Element | null) => {
      const dts = children.slice(children.indexOf(from), to ? children.indexOf(to) : undefined).filter((el) => el.localName === 'dt');
      return dts.map(entryAt);
    };
    const in2022 = sectionOrder(first, second);
    const in2019 = sectionOrder(second, null);
    expect(in2022.map((e) => e.section)).toEqual(Array(10).fill('2022'));
    expect(in2019.map((e) => e.section)).toEqual(Array(entries.length - 10).fill('2019'));
    for (const section of [in2022, in2019]) {
      const values = section.map(scoreOf);
      expect(values).toEqual([...values].sort((a, b) => b - a));
    }
    for (const entry of entries) expect(entry.elements[0]!.nextElementSibling).toBe(entry.elements[1]);

    // The site appends more while the list is reordered: back in the site's order, they stay last.
    const late = document.createElement('p');
    dl.append(late);
    annotator.orderByRelevance(false);
    expect([...dl.children]).toEqual([...siteOrder, late]);
  });
});
