// @vitest-environment jsdom
/**
 * The options page's History section (real store through the background's handlers), the
 * setting's parsing, and when the worker applies it.
 */
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistorySettings, type HistoryApi } from '../../options/HistorySettings';
import { applyHistorySetting, moveLegacyHistorySetting, type LegacyArea } from '../../src/background/history';
import { parseRequest } from '../../src/messages';
import { getHistory, readRelevance, setHistory, setHistoryForgotAt } from '../../src/store/settings';
import { RelevanceService } from '../../src/background/relevance';
import { DAY_MS, forgetDue, LEGACY_HISTORY_FORGOT_AT_KEY, LEGACY_HISTORY_KEY, parseHistory, type HistorySettings as Settings } from '../../src/history-settings';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { getStates, markSeen, setFlag } from '../../src/store/papers';
import { backgroundMessenger, testPaper } from '../support/papers';
import { settle, until } from '../support/settle';
import { asAnEarlierBuildLeftIt } from '../support/earlier-build';
import { renderTarget } from '../support/render-target';

const NOW = 1_800_000_000_000;
let db: PaperDb;
let counter = 0;
let relevance: RelevanceService;
beforeEach(async () => {
  db = await openPaperDb(`test-history-${++counter}`);
  relevance = new RelevanceService(db, { retrainDelayMs: 60_000, persistDelayMs: 60_000 });
});
afterEach(() => {
  relevance.dispose();
  db.close();
});
const container = renderTarget();

const $ = <T extends Element = HTMLElement>(selector: string) => container.querySelector<T>(selector);

/** Three papers only seen 400 days ago, two 40 days ago, one yesterday; one starred 400 days ago. */
async function seedHistory() {
  const old = [1, 2, 3].map((n) => testPaper(n));
  const month = [4, 5].map((n) => testPaper(n));
  const yesterday = testPaper(6);
  const starred = testPaper(7);
  await markSeen(db, [...old, starred], NOW - 400 * DAY_MS);
  await markSeen(db, month, NOW - 40 * DAY_MS);
  await markSeen(db, [yesterday], NOW - DAY_MS);
  await setFlag(db, { id: starred.id, flag: 'starred', value: true }, NOW - 399 * DAY_MS);
  return { old, month, yesterday, starred };
}

function historyApi(): HistoryApi & { saved: Settings[] } {
  const messenger = backgroundMessenger(db, { relevance });
  const saved: Settings[] = [];
  return {
    saved,
    summary: (cutoffs) => messenger.send({ type: 'seenOnlySummary', cutoffs }),
    forget: (before) => messenger.send({ type: 'forgetSeen', before }),
    load: async () => ({ forgetAfterDays: null }),
    save: async (settings) => (saved.push(settings), {}),
    now: () => NOW,
    watch: () => () => {},
  };
}

async function choose(select: HTMLSelectElement, value: string) {
  await act(async () => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle(2);
}

describe('the History section of the options page', () => {
  it('says how many papers were only seen, forgets those last seen before the chosen time after asking, and keeps the starred', async () => {
    const { old, month, yesterday, starred } = await seedHistory();
    const api = historyApi();
    await act(async () => render(<HistorySettings api={api} />, container));
    await until(() => $('[data-paper-radar-setting="forget-now"]') !== null, 5_000);
    expect($('[data-paper-radar-history-summary]')!.textContent).toBe(
      `You have only seen 6 papers: not starred, read, dismissed, tagged or noted. The one seen longest ago was last seen on ${new Date(NOW - 400 * DAY_MS).toLocaleDateString()}.`,
    );
    const select = $<HTMLSelectElement>('[data-paper-radar-setting="forget-now"]')!;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'more than a week ago (5)',
      'more than a month ago (5)',
      'more than 6 months ago (3)',
      'more than a year ago (3)',
      'at any time (6)',
    ]);

    // Asked first; cancelled, nothing goes.
    await choose(select, '182');
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="forget"]')!.click());
    expect($('#forget-question')!.textContent).toBe('Forget 3 papers? They leave your history and library for good; seen again on a listing, they are new.');
    await act(async () => [...container.querySelectorAll<HTMLButtonElement>('.confirm button')].find((b) => b.textContent === 'Cancel')!.click());
    expect($('.confirm')).toBeNull();
    expect(Object.keys(await getStates(db, old.map((p) => p.id)))).toHaveLength(3);

    // While it forgets, it says so and cannot be asked twice.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const forget = api.forget;
    api.forget = async (before) => (await gate, forget(before));
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="forget"]')!.click());
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="forget-confirm"]')!.click());
    expect($('[data-paper-radar-forget-outcome]')!.textContent).toBe('Forgetting 3 papers…');
    expect($<HTMLButtonElement>('[data-paper-radar-action="forget"]')!.disabled).toBe(true);
    open();
    await until(() => $('[data-paper-radar-forget-outcome]') !== null && $('[data-paper-radar-history-summary]')!.textContent!.startsWith('You have only seen 3'), 5_000);
    expect($('[data-paper-radar-forget-outcome]')!.textContent).toBe('Forgot 3 papers.');
    const states = await getStates(db, [...old, ...month, yesterday, starred].map((p) => p.id));
    expect(Object.keys(states).sort()).toEqual([...month, yesterday, starred].map((p) => p.id).sort());
    // Nothing left that old: that choice cannot be forgotten.
    await choose(select, '365');
    expect($<HTMLButtonElement>('[data-paper-radar-action="forget"]')!.disabled).toBe(true);
  });

  it('stores the automatic setting', async () => {
    const api = historyApi();
    await act(async () => render(<HistorySettings api={api} />, container));
    await until(() => $('[data-paper-radar-setting="forget-after"]') !== null, 5_000);
    expect($('[data-paper-radar-history-summary]')!.textContent).toBe('You have no papers you have only seen.');
    const after = $<HTMLSelectElement>('[data-paper-radar-setting="forget-after"]')!;
    expect([...after.options].map((o) => o.textContent)).toEqual(['never', 'a month', '6 months', 'a year']);
    await choose(after, '182');
    await choose(after, '');
    expect(api.saved).toEqual([{ forgetAfterDays: 182 }, { forgetAfterDays: null }]);
  });

  it('a setting stored but not fully applied says so, not "Could not save"', async () => {
    const api = historyApi();
    api.save = async (settings) => (api.saved.push(settings), { failed: "the browser's storage for Paper Radar is full. Free some disk space." });
    await act(async () => render(<HistorySettings api={api} />, container));
    await until(() => $('[data-paper-radar-setting="forget-after"]') !== null, 5_000);
    await choose($<HTMLSelectElement>('[data-paper-radar-setting="forget-after"]')!, '182');
    expect(api.saved).toEqual([{ forgetAfterDays: 182 }]);
    expect($('.history-settings [role="alert"]')!.textContent).toBe(
      "The history setting is saved, but not all the papers it takes could be forgotten: the browser's storage for Paper Radar is full. Free some disk space. Paper Radar tries again when the browser next starts.",
    );
  });

  it('asks, saying how many, before an automatic setting forgets papers at once; then says what it forgot', async () => {
    const { yesterday, starred } = await seedHistory();
    const api = historyApi();
    await act(async () => render(<HistorySettings api={api} />, container));
    await until(() => $('[data-paper-radar-setting="forget-now"]') !== null && $('[data-paper-radar-setting="forget-after"]') !== null, 5_000);
    const after = $<HTMLSelectElement>('[data-paper-radar-setting="forget-after"]')!;
    await choose(after, '30');
    expect($('#forget-after-question')!.textContent).toBe(
      'Forget automatically the papers you have only seen, once not seen again for a month? 5 papers are that old already and go at once, for good; seen again on a listing, they are new.',
    );
    expect(document.activeElement).toBe($('[data-paper-radar-action="forget-after-confirm"]'));
    // Not stored until confirmed: cancelled, the setting stays "never" and nothing goes.
    expect(api.saved).toEqual([]);
    await act(async () => [...container.querySelectorAll<HTMLButtonElement>('.confirm button')].find((b) => b.textContent === 'Cancel')!.click());
    expect(after.value).toBe('');
    expect($('[data-paper-radar-history-summary]')!.textContent).toMatch(/^You have only seen 6 papers/);
    await choose(after, '30');
    await act(async () => $<HTMLButtonElement>('[data-paper-radar-action="forget-after-confirm"]')!.click());
    await until(() => api.saved.length === 1 && $('[data-paper-radar-history-summary]')!.textContent!.startsWith('You have only seen 1 paper'), 5_000);
    expect(api.saved).toEqual([{ forgetAfterDays: 30 }]);
    expect($('[data-paper-radar-forget-outcome]')!.textContent).toBe('Forgot 5 papers.');
    // The focus follows on the next frame.
    await until(() => document.activeElement === $('[data-paper-radar-forget-outcome]'), 2_000);
    expect(document.activeElement).toBe($('[data-paper-radar-forget-outcome]'));
    expect(Object.keys(await getStates(db, [yesterday.id, starred.id])).sort()).toEqual([yesterday.id, starred.id].sort());
    // A longer wait forgets nothing now: stored at once.
    await choose(after, '365');
    expect(api.saved).toEqual([{ forgetAfterDays: 30 }, { forgetAfterDays: 365 }]);
    expect($('.confirm')).toBeNull();
  });

  it('a new choice of the automatic setting closes the question of the one before', async () => {
    await markSeen(db, [testPaper(1), testPaper(2)], NOW - 40 * DAY_MS);
    const api = historyApi();
    await act(async () => render(<HistorySettings api={api} />, container));
    await until(() => $('[data-paper-radar-setting="forget-now"]') !== null && $('[data-paper-radar-setting="forget-after"]') !== null, 5_000);
    const after = $<HTMLSelectElement>('[data-paper-radar-setting="forget-after"]')!;
    // A month would forget both papers: asked first.
    await choose(after, '30');
    expect($('#forget-after-question')!.textContent).toMatch(/once not seen again for a month\? 2 papers are that old already/);
    // 6 months forgets none: stored at once, and the month's question is gone, not left to store a month when answered.
    await choose(after, '182');
    expect(api.saved).toEqual([{ forgetAfterDays: 182 }]);
    expect($('#forget-after-question')).toBeNull();
    expect($('[data-paper-radar-action="forget-after-confirm"]')).toBeNull();
    expect(after.value).toBe('182');
  });

  it('a choice still being counted does not store itself over a later one ("never" chosen meanwhile stays)', async () => {
    const api = historyApi();
    let held: (() => void) | null = null;
    const summary = api.summary;
    // The count of a month's cutoff alone (the question's count) is held until the test lets it go.
    api.summary = (cutoffs) => (cutoffs.length === 1 ? new Promise((resolve) => (held = () => resolve(summary(cutoffs)))) : summary(cutoffs));
    await act(async () => render(<HistorySettings api={api} />, container));
    await until(() => $('[data-paper-radar-setting="forget-after"]') !== null, 5_000);
    const after = $<HTMLSelectElement>('[data-paper-radar-setting="forget-after"]')!;
    await choose(after, '30'); // counting what a month would forget...
    await choose(after, ''); // ...the user goes back to "never": stored at once
    expect(api.saved).toEqual([{ forgetAfterDays: null }]);
    await act(async () => held!());
    await settle(4);
    expect(api.saved).toEqual([{ forgetAfterDays: null }]);
    expect($('#forget-after-question')).toBeNull();
    expect(after.value).toBe('');
  });
});

describe('the automatic setting', () => {
  it('reads only the offered choices; anything else is never', () => {
    expect(parseHistory({ forgetAfterDays: 182 })).toEqual({ forgetAfterDays: 182 });
    for (const bad of [undefined, null, 'x', { forgetAfterDays: 5 }, { forgetAfterDays: '182' }, { forgetAfterDays: -1 }]) expect(parseHistory(bad)).toEqual({ forgetAfterDays: null });
  });

  it('is due when set, at most once a day (and again if the clock went back)', () => {
    const on = { forgetAfterDays: 30 };
    expect(forgetDue({ forgetAfterDays: null }, undefined, NOW)).toBe(false);
    expect(forgetDue(on, undefined, NOW)).toBe(true);
    expect(forgetDue(on, NOW - DAY_MS + 1, NOW)).toBe(false);
    expect(forgetDue(on, NOW - DAY_MS, NOW)).toBe(true);
    expect(forgetDue(on, NOW + DAY_MS, NOW)).toBe(true);
  });

  it('the worker forgets what has not been seen for that long, at most once a day, and notes when', async () => {
    const { old, month, yesterday } = await seedHistory();
    const changed: string[][] = [];
    const ctx = { db, relevance, notifyChanged: async (ids: string[]) => void changed.push(ids) };
    expect(await applyHistorySetting(ctx, NOW)).toBeNull(); // never set: never
    await setHistory(db, { forgetAfterDays: 30 });
    await setHistoryForgotAt(db, NOW - DAY_MS / 2);
    expect(await applyHistorySetting(ctx, NOW)).toBeNull();
    await setHistoryForgotAt(db, NOW - 2 * DAY_MS);
    expect(await applyHistorySetting(ctx, NOW)).toBe(5);
    expect(await getHistory(db)).toEqual({ settings: { forgetAfterDays: 30 }, forgotAt: NOW });
    // Open libraries read themselves again, and open listings ask again for these papers' states.
    expect(changed.map((ids) => [...ids].sort())).toEqual([[...old, ...month].map((p) => p.id).sort()]);
    expect(Object.keys(await getStates(db, [...old, ...month, yesterday].map((p) => p.id)))).toEqual([yesterday.id]);
  });

  it('on a full disk (the change notice refused) still answers what it forgot, notes when, and the engine forgets the papers too', async () => {
    const { old } = await seedHistory();
    await relevance.score(old);
    await relevance.flush();
    const counted = async () => (JSON.parse((await readRelevance(db)).corpus!) as { ids: string[] }).ids;
    expect(await counted()).toContain(old[0]!.id);
    const refused = async () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    await setHistory(db, { forgetAfterDays: 365 });
    expect(await applyHistorySetting({ db, relevance, notifyChanged: refused }, NOW)).toBe(3);
    expect((await getHistory(db)).forgotAt).toBe(NOW);
    await relevance.flush();
    expect(await counted()).not.toContain(old[0]!.id);
  });
});

/** storage.local as moveLegacyHistorySetting reads it, over `local`. */
function legacyArea(local: Map<string, unknown>): LegacyArea {
  return {
    get: async (keys) => Object.fromEntries(keys.filter((key) => local.has(key)).map((key) => [key, local.get(key)])),
    remove: async (keys) => void keys.forEach((key) => local.delete(key)),
  };
}

describe('where the setting is kept', () => {
  it('set from the options page through the worker: stored in the database and applied at once; only the offered choices are taken', async () => {
    const { yesterday } = await seedHistory();
    const messenger = backgroundMessenger(db, { relevance, now: () => NOW });
    expect(await messenger.send({ type: 'getHistorySettings' })).toEqual({ settings: { forgetAfterDays: null } });
    expect(await messenger.send({ type: 'setHistorySettings', settings: { forgetAfterDays: 30 } })).toEqual({ forgotten: 5 });
    expect(await messenger.send({ type: 'getHistorySettings' })).toEqual({ settings: { forgetAfterDays: 30 } });
    expect(await getHistory(db)).toEqual({ settings: { forgetAfterDays: 30 }, forgotAt: NOW });
    expect(Object.keys(await getStates(db, [yesterday.id]))).toEqual([yesterday.id]);
    expect(await messenger.send({ type: 'setHistorySettings', settings: { forgetAfterDays: null } })).toEqual({ forgotten: null });
    for (const forgetAfterDays of [5, 0, -1, '30']) expect(parseRequest({ type: 'setHistorySettings', settings: { forgetAfterDays } }).ok).toBe(false);
  });

  it('moves from storage.local, where earlier builds kept it, once; later writes there are removed unread', async () => {
    const local = new Map<string, unknown>([
      [LEGACY_HISTORY_KEY, { forgetAfterDays: 182 }],
      [LEGACY_HISTORY_FORGOT_AT_KEY, NOW - DAY_MS],
      ['paperRadar.display', { dimRead: true }],
    ]);
    const area = legacyArea(local);
    await asAnEarlierBuildLeftIt(db);
    await moveLegacyHistorySetting(db, area);
    expect(await getHistory(db)).toEqual({ settings: { forgetAfterDays: 182 }, forgotAt: NOW - DAY_MS });
    expect([...local.keys()]).toEqual(['paperRadar.display']);
    // What a page's compromised renderer writes there afterwards changes nothing.
    local.set(LEGACY_HISTORY_KEY, { forgetAfterDays: 30 });
    await moveLegacyHistorySetting(db, area);
    expect(await getHistory(db)).toMatchObject({ settings: { forgetAfterDays: 182 } });
    expect(local.has(LEGACY_HISTORY_KEY)).toBe(false);
  });

  it('a new library has "never", so nothing under the old key is moved into it (a library wiped since: what is there, a page may have written)', async () => {
    expect(await getHistory(db)).toEqual({ settings: { forgetAfterDays: null }, forgotAt: null });
    const local = new Map<string, unknown>([[LEGACY_HISTORY_KEY, { forgetAfterDays: 30 }]]);
    await moveLegacyHistorySetting(db, legacyArea(local));
    expect(await getHistory(db)).toEqual({ settings: { forgetAfterDays: null }, forgotAt: null });
    expect(local.has(LEGACY_HISTORY_KEY)).toBe(false);
  });

  it('a library that never had the setting gets "never", so nothing written under the old key later is moved', async () => {
    const local = new Map<string, unknown>();
    const area = legacyArea(local);
    await asAnEarlierBuildLeftIt(db);
    await moveLegacyHistorySetting(db, area);
    expect(await getHistory(db)).toEqual({ settings: { forgetAfterDays: null }, forgotAt: null });
    local.set(LEGACY_HISTORY_KEY, { forgetAfterDays: 30 });
    await moveLegacyHistorySetting(db, area);
    expect(await getHistory(db)).toEqual({ settings: { forgetAfterDays: null }, forgotAt: null });
  });
});
