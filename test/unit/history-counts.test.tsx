// @vitest-environment jsdom
/**
 * The History section counts what each choice would forget when the page opens; an options tab
 * left open (overnight, a weekend) must still forget exactly what its question counted, and an
 * automatic setting that would forget papers at once must ask first, by a count made then.
 */
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { HistorySettings, type HistoryApi } from '../../options/HistorySettings';
import { applyHistorySetting } from '../../src/background/history';
import { RelevanceService } from '../../src/background/relevance';
import { DAY_MS } from '../../src/history-settings';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { getStates, markSeen } from '../../src/store/papers';
import { backgroundMessenger, testPaper } from '../support/papers';
import { settle, until } from '../support/settle';
import { renderTarget } from '../support/render-target';

const NOW = 1_800_000_000_000;
let db: PaperDb;
let counter = 0;
let relevance: RelevanceService;
let clock = NOW;
beforeEach(async () => {
  clock = NOW;
  db = await openPaperDb(`history-counts-${++counter}`);
  relevance = new RelevanceService(db, { retrainDelayMs: 60_000, persistDelayMs: 60_000 });
});
afterEach(() => {
  watchers.clear();
  relevance.dispose();
  db.close();
});
const container = renderTarget();

const $ = <T extends Element = HTMLElement>(selector: string) => container.querySelector<T>(selector);

/** What the options page hears of changes elsewhere (options/main.tsx: notices, this tab shown again). */
const watchers = new Set<() => void>();
const told = () => watchers.forEach((onChange) => onChange());

function historyApi(): HistoryApi {
  // The worker's clock is the page's clock: one machine.
  const messenger = backgroundMessenger(db, { relevance, now: () => clock });
  return {
    watch: (onChange) => {
      watchers.add(onChange);
      return () => watchers.delete(onChange);
    },
    summary: (cutoffs) => messenger.send({ type: 'seenOnlySummary', cutoffs }),
    forget: (before) => messenger.send({ type: 'forgetSeen', before }),
    load: async () => (await messenger.send({ type: 'getHistorySettings' })).settings,
    save: async (settings, justForgotten) => {
      const { failed } = await messenger.send({ type: 'setHistorySettings', settings, ...(justForgotten ? { justForgotten: true } : {}) });
      return failed === undefined ? {} : { failed };
    },
    now: () => clock,
  };
}

async function choose(select: HTMLSelectElement, value: string) {
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle(2);
}

describe('History: what is forgotten is what was counted', () => {
  it('forgets exactly the papers the confirmation counted, even if the tab was left open a day', async () => {
    const announced = [1, 2].map((n) => testPaper(n));
    const recent = [3, 4, 5].map((n) => testPaper(n));
    await markSeen(db, announced, NOW - 40 * DAY_MS);
    await markSeen(db, recent, NOW - 29.5 * DAY_MS); // not "more than a month ago" when the page opened
    await act(async () => render(<HistorySettings api={historyApi()} />, container));
    await until(() => $('[data-paper-radar-setting="forget-now"]') !== null, 5_000);
    // The default choice is "more than a month ago".
    expect($<HTMLSelectElement>('[data-paper-radar-setting="forget-now"]')!.value).toBe('30');

    clock = NOW + DAY_MS; // the user comes back to the tab the next day
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="forget"]')!.click());
    expect($('#forget-question')!.textContent).toMatch(/^Forget 2 papers\?/);
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="forget-confirm"]')!.click());
    await until(() => /^Forgot/.test($('[data-paper-radar-forget-outcome]')?.textContent ?? ''), 5_000);

    // Asked to forget 2 papers, it must forget those 2 and keep the 3 it did not mention.
    expect($('[data-paper-radar-forget-outcome]')!.textContent).toBe('Forgot 2 papers.');
    expect(Object.keys(await getStates(db, recent.map((p) => p.id))).length).toBe(3);
  });

  it('"at any time" forgets the papers its question counted, not one seen in another tab while it was asked', async () => {
    await markSeen(db, [testPaper(1), testPaper(2)], NOW - 3 * DAY_MS);
    await act(async () => render(<HistorySettings api={historyApi()} />, container));
    await until(() => $('[data-paper-radar-setting="forget-now"]') !== null, 5_000);
    await choose($<HTMLSelectElement>('[data-paper-radar-setting="forget-now"]')!, '');
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="forget"]')!.click());
    expect($('#forget-question')!.textContent).toMatch(/^Forget 2 papers\?/);
    clock = NOW + 60_000;
    const justSeen = testPaper(3);
    await markSeen(db, [justSeen], clock);
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="forget-confirm"]')!.click());
    await until(() => /^Forgot/.test($('[data-paper-radar-forget-outcome]')?.textContent ?? ''), 5_000);
    expect($('[data-paper-radar-forget-outcome]')!.textContent).toBe('Forgot 2 papers.');
    expect(Object.keys(await getStates(db, [justSeen.id]))).toEqual([justSeen.id]);
  });

  it('confirming the automatic setting forgets the papers its question counted, no others, even a day later', async () => {
    const old = [1, 2, 3].map((n) => testPaper(n));
    const recent = [4, 5].map((n) => testPaper(n));
    await markSeen(db, old, NOW - 40 * DAY_MS);
    await markSeen(db, recent, NOW - 29.5 * DAY_MS);
    await act(async () => render(<HistorySettings api={historyApi()} />, container));
    await until(() => $('[data-paper-radar-setting="forget-after"]') !== null && $('[data-paper-radar-setting="forget-now"]') !== null, 5_000);
    await choose($<HTMLSelectElement>('[data-paper-radar-setting="forget-after"]')!, '30');
    await settle(4);
    expect($('#forget-after-question')!.textContent).toMatch(/3 papers are that old already and go at once/);
    clock = NOW + DAY_MS;
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="forget-after-confirm"]')!.click());
    await until(() => /^Forgot/.test($('[data-paper-radar-forget-outcome]')?.textContent ?? ''), 5_000);
    await vi.waitFor(async () => expect((await backgroundMessenger(db, { relevance, now: () => clock }).send({ type: 'getHistorySettings' })).settings.forgetAfterDays).toBe(30), { timeout: 5_000 });
    await settle(6);
    expect($('[data-paper-radar-forget-outcome]')!.textContent).toBe('Forgot 3 papers.');
    expect(Object.keys(await getStates(db, recent.map((p) => p.id))).length).toBe(2);
    expect(Object.keys(await getStates(db, old.map((p) => p.id))).length).toBe(0);
    // Nor does the worker, starting a minute later: next due a day after this forget.
    expect(await applyHistorySetting({ db, relevance, notifyChanged: async () => {} }, clock + 60_000)).toBeNull();
    expect(await applyHistorySetting({ db, relevance, notifyChanged: async () => {} }, clock + DAY_MS + 60_000)).toBe(2);
  });

  it('does not store an automatic setting that forgets papers at once without asking', async () => {
    const papers = [1, 2, 3].map((n) => testPaper(n));
    await markSeen(db, papers, NOW - 29.5 * DAY_MS);
    await act(async () => render(<HistorySettings api={historyApi()} />, container));
    await until(() => $('[data-paper-radar-setting="forget-after"]') !== null && $('[data-paper-radar-setting="forget-now"]') !== null, 5_000);

    clock = NOW + DAY_MS; // the tab was left open; now all three are more than a month old
    await choose($<HTMLSelectElement>('[data-paper-radar-setting="forget-after"]')!, '30');
    await settle(6);
    // Either it asks first (as it does when the count is known to be > 0) or nothing is forgotten.
    const asked = $('#forget-after-question') !== null;
    const kept = Object.keys(await getStates(db, papers.map((p) => p.id))).length;
    expect({ asked, kept }).not.toEqual({ asked: false, kept: 0 });
  });
});

describe('History: what changed elsewhere', () => {
  const summaryText = () => $('[data-paper-radar-history-summary]')?.textContent ?? '';

  it('is counted again when told (papers seen on a listing, the setting changed in another tab)', async () => {
    await act(async () => render(<HistorySettings api={historyApi()} />, container));
    await until(() => summaryText() === 'You have no papers you have only seen.' && $('[data-paper-radar-setting="forget-after"]') !== null, 5_000);
    await markSeen(db, [1, 2, 3].map((n) => testPaper(n)), NOW - 40 * DAY_MS);
    await backgroundMessenger(db, { relevance, now: () => clock }).send({ type: 'setHistorySettings', settings: { forgetAfterDays: 365 } });
    told();
    // The count and the setting are read apart, and arrive in either order.
    await until(() => /^You have only seen 3 papers/.test(summaryText()) && $<HTMLSelectElement>('[data-paper-radar-setting="forget-after"]')!.value === '365', 5_000);
  });

  it('counts nothing while the tab is hidden, and counts again once it is shown', async () => {
    await act(async () => render(<HistorySettings api={historyApi()} />, container));
    await until(() => summaryText() === 'You have no papers you have only seen.', 5_000);
    const shown = (visibility: 'hidden' | 'visible') => Object.defineProperty(document, 'visibilityState', { value: visibility, configurable: true });
    onTestFinished(() => void Reflect.deleteProperty(document, 'visibilityState'));
    const counts = vi.spyOn(db, 'transaction');
    shown('hidden');
    await markSeen(db, [1, 2].map((n) => testPaper(n)), NOW - 40 * DAY_MS);
    counts.mockClear();
    told(); // papers seen on a listing
    await new Promise((resolve) => setTimeout(resolve, 800));
    await settle(4);
    expect(counts).not.toHaveBeenCalled();
    expect(summaryText()).toBe('You have no papers you have only seen.');
    shown('visible');
    told(); // the tab shown again
    await until(() => /^You have only seen 2 papers/.test(summaryText()), 5_000);
  });

  it('keeps the count an open question asks about, and counts again once it is answered', async () => {
    await markSeen(db, [1, 2].map((n) => testPaper(n)), NOW - 40 * DAY_MS);
    await act(async () => render(<HistorySettings api={historyApi()} />, container));
    await until(() => $('[data-paper-radar-action="forget"]') !== null, 5_000);
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="forget"]')!.click());
    expect($('#forget-question')!.textContent).toMatch(/^Forget 2 papers\?/);

    await markSeen(db, [testPaper(3)], NOW - 40 * DAY_MS); // seen in another tab meanwhile
    told();
    await new Promise((resolve) => setTimeout(resolve, 800));
    await settle(4);
    expect($('#forget-question')!.textContent).toMatch(/^Forget 2 papers\?/);
    expect(summaryText()).toMatch(/^You have only seen 2 papers/);

    await act(async () => ([...container.querySelectorAll('.confirm button')].find((b) => b.textContent === 'Cancel') as HTMLButtonElement).click());
    await until(() => /^You have only seen 3 papers/.test(summaryText()), 5_000);
    expect(summaryText()).toMatch(/^You have only seen 3 papers/);
  });
});
