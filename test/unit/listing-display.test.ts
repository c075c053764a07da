// @vitest-environment jsdom
/**
 * How a listing shows its papers when the user orders it by relevance, dismisses papers and a
 * paper is listed twice (arXiv's /new lists it again among the cross-lists): on an arXiv-like
 * listing (a heading and a <dl> per section), through the worker's real request path, with
 * scores as given.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExtractedEntry } from '../../content-scripts/adapters/types';
import { PageAnnotator } from '../../content-scripts/page-annotator';
import { KeyboardTriage } from '../../content-scripts/keyboard-triage';
import { FocusedEntry } from '../../content-scripts/focused-entry';
import { PAGE_CSS } from '../../content-scripts/ui/styles';
import { DEFAULT_KEYBOARD } from '../../src/keyboard-settings';
import { HIDE_DISMISSED_ATTRIBUTE } from '../../src/display-settings';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import type { Messenger } from '../../src/messenger';
import type { EntryScore } from '../../src/messages';
import { backgroundMessenger, testPaper } from '../support/papers';

/** The page style's selector of what "hide dismissed" hides (as keyboard-triage.test.ts reads it). */
const HIDDEN = new RegExp(`^(\\[${HIDE_DISMISSED_ATTRIBUTE}\\][^{]*)\\{ display: none`, 'm').exec(PAGE_CSS)![1]!.trim();

let db: PaperDb;
let n = 0;
beforeEach(async () => {
  db = await openPaperDb(`listing-display-${++n}`);
  document.body.replaceChildren();
  document.documentElement.removeAttribute(HIDE_DISMISSED_ATTRIBUTE);
});
afterEach(() => db.close());

const why = { keywords: [], authors: [], muted: [], categories: [], raising: [], lowering: [] };
/** The background's request path, with scores as given (by paper number). */
function messenger(scores: Record<number, number> = {}): Messenger {
  const inner = backgroundMessenger(db);
  return {
    async send(request: Parameters<Messenger['send']>[0]) {
      if (request.type !== 'scoreEntries') return inner.send(request);
      const out: Record<string, EntryScore> = {};
      for (const p of request.papers) {
        const s = scores[Number(p.id.slice(-5))];
        if (s !== undefined) out[p.id] = { score: s, tier: s >= 75 ? 'high' : 'low', topic: 'T', relevant: s >= 75, why };
      }
      return { ready: true, scores: out } as never;
    },
  } as Messenger;
}

/** An arXiv-like listing: [paper number, section] rows, an <h3> then a <dl> per section. */
function listing(rows: Array<[number, string]>): ExtractedEntry[] {
  const lists = new Map<string, [Element, Element]>();
  return rows.map(([i, section]) => {
    let pair = lists.get(section);
    if (!pair) {
      const h3 = Object.assign(document.createElement('h3'), { textContent: section });
      pair = [h3, document.createElement('dl')];
      document.body.append(...pair);
      lists.set(section, pair);
    }
    const dt = Object.assign(document.createElement('dt'), { textContent: `[${i}]` });
    const dd = Object.assign(document.createElement('dd'), { textContent: `Paper ${i}` });
    pair[1].append(dt, dd);
    const paper = testPaper(i);
    return { id: paper.id, title: paper.title, paper, section, sectionHeading: pair[0], elements: [dt, dd], placement: { anchor: dt, position: 'beforeend' } } as ExtractedEntry;
  });
}
const hosts = () => [...document.querySelectorAll('[data-paper-radar-id]')];
const button = (host: Element, action: string) => host.shadowRoot!.querySelector<HTMLButtonElement>(`[data-paper-radar-action="${action}"]`)!;
const order = () => [...document.querySelectorAll('dt')].map((dt) => Number(dt.textContent!.replace(/\D/g, '')));
const settle = () => new Promise((r) => setTimeout(r, 150));

it('"Most relevant first" asked for before the scores came (the popup clicked as the page loads) sorts once they have', async () => {
  const a = new PageAnnotator({ doc: document, messenger: messenger({ 1: 10, 2: 20, 3: 90 }) });
  await a.annotate(listing([[1, 'new'], [2, 'new'], [3, 'new']]));
  a.orderByRelevance(true); // as main.ts does on the popup's command
  await a.scoring;
  await settle();
  expect(a.orderedByRelevance).toBe(true);
  expect(order()).toEqual([3, 2, 1]);
  a.orderByRelevance(false);
  expect(order()).toEqual([1, 2, 3]);
});

it('"Most relevant first" puts a dismissed paper after the scored ones, as it no longer shows it relevant', async () => {
  const a = new PageAnnotator({ doc: document, messenger: messenger({ 1: 40, 2: 80, 3: 95 }) });
  const entries = listing([[1, 'new'], [2, 'new'], [3, 'new']]);
  await a.annotate(entries);
  await a.scoring;
  button(hosts()[2]!, 'dismiss').click();
  await settle();
  expect(entries[2]!.elements[0]!.hasAttribute('data-paper-radar-relevant')).toBe(false);
  a.orderByRelevance(true);
  expect(order()).toEqual([2, 1, 3]);
});

describe('a paper listed twice', () => {
  it('z after x on its second entry goes back to that entry, not the first', async () => {
    const a = new PageAnnotator({ doc: document, messenger: messenger() });
    await a.annotate(listing([[1, 'new'], [2, 'new'], [3, 'cross'], [1, 'cross']]));
    const triage = new KeyboardTriage(document, () => a);
    triage.configure(DEFAULT_KEYBOARD);
    button(hosts()[3]!, 'star').focus(); // the cross-list's entry is the current one
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'x' }));
    await settle();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'z' }));
    await settle();
    expect(hosts().indexOf(document.activeElement!)).toBe(3);
    triage.destroy();
  });

  it('dismissed on one entry with hiding on: neither entry goes while the user acts on it', async () => {
    const a = new PageAnnotator({ doc: document, messenger: messenger() });
    new FocusedEntry(document, () => a);
    const entries = listing([[1, 'new'], [2, 'new'], [1, 'cross'], [3, 'cross']]);
    await a.annotate(entries);
    document.documentElement.setAttribute(HIDE_DISMISSED_ATTRIBUTE, '');
    const dismiss = button(hosts()[2]!, 'dismiss');
    dismiss.focus();
    dismiss.click();
    await settle();
    expect([entries[0]!, entries[2]!].map((entry) => entry.elements[0]!.matches(HIDDEN))).toEqual([false, false]);
    dismiss.blur(); // moved on: both go
    expect([entries[0]!, entries[2]!].map((entry) => entry.elements[0]!.matches(HIDDEN))).toEqual([true, true]);
  });

  it('dismissed: counted once per entry, as the page\'s entries and its headings are', async () => {
    const a = new PageAnnotator({ doc: document, messenger: messenger() });
    const entries = listing([[1, 'new'], [2, 'new'], [1, 'cross']]);
    await a.annotate(entries);
    document.documentElement.setAttribute(HIDE_DISMISSED_ATTRIBUTE, '');
    button(hosts()[0]!, 'dismiss').click();
    await settle();
    const hidden = entries.filter((e) => e.elements[0]!.matches(HIDDEN)).length;
    const headingCounts = [...document.querySelectorAll('h3')].reduce((sum, h) => sum + Number(h.getAttribute('data-paper-radar-dismissed-count') ?? 0), 0);
    expect([hidden, headingCounts, a.dismissedCount]).toEqual([2, 2, 2]);
  });
});
