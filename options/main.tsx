/** Options page entry: the interests editor, reading and saving through the background. */
import { render } from 'preact';
import browser, { type Runtime } from 'webextension-polyfill';
import { CHANGE_KEY, isHistorySettingNotice, seenIds } from '../src/changes';
import { DISPLAY_KEY, parseDisplay } from '../src/display-settings';
import { DisplaySettings, type DisplayApi } from './DisplaySettings';
import type { InterestsMessage } from '../src/messages';
import { runtimeMessenger } from '../src/messenger';
import { InterestsEditor, type InterestsApi } from './InterestsEditor';
import { SyncSettings } from './SyncSettings';
import { SiteAccessSettings } from '../popup/SiteAccess';
import { siteAccessApi } from '../popup/site-access-api';
import { syncApi } from './sync-api';
import { HistorySettings, type HistoryApi } from './HistorySettings';
import { interestsSyncBytes, MAX_INTEREST_BYTES } from '../src/sync/codec';
import './options.css';

const api: InterestsApi = {
  async load() {
    return (await runtimeMessenger.send({ type: 'getInterests' })).interests;
  },
  async save(interests, base) {
    // parseDraft checked them against InterestsSchema; the background checks again.
    const saved = await runtimeMessenger.send({ type: 'setInterests', interests: interests as InterestsMessage, base: base as InterestsMessage });
    const syncing = (await runtimeMessenger.send({ type: 'getSyncSettings' })).settings.enabled;
    const bytes = syncing ? interestsSyncBytes({ interests: saved.interests, at: Date.now() }) : 0;
    return bytes > MAX_INTEREST_BYTES ? { ...saved, tooLargeToSync: bytes } : saved;
  },
  async learnedAbbreviations() {
    return (await runtimeMessenger.send({ type: 'getLearnedAbbreviations' })).abbreviations;
  },
};

const display: DisplayApi = {
  async load() {
    return parseDisplay((await browser.storage.local.get(DISPLAY_KEY))[DISPLAY_KEY]);
  },
  async save(settings) {
    await browser.storage.local.set({ [DISPLAY_KEY]: settings });
  },
  watch(onChange) {
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && DISPLAY_KEY in changes) onChange(parseDisplay(changes[DISPLAY_KEY]!.newValue));
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  },
};

const history: HistoryApi = {
  async summary(cutoffs) {
    return runtimeMessenger.send({ type: 'seenOnlySummary', cutoffs });
  },
  async forget(before) {
    return runtimeMessenger.send({ type: 'forgetSeen', before });
  },
  async load() {
    return (await runtimeMessenger.send({ type: 'getHistorySettings' })).settings;
  },
  async save(settings, justForgotten) {
    const { failed } = await runtimeMessenger.send({ type: 'setHistorySettings', settings, ...(justForgotten ? { justForgotten: true } : {}) });
    return failed === undefined ? {} : { failed };
  },
  now: () => Date.now(),
  watch(onChange) {
    // A change notice (papers forgotten or marked anywhere), papers seen on a listing or the
    // setting stored from another options page (the worker tells the extension's pages, by
    // message: src/changes.ts), or this tab shown again.
    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && CHANGE_KEY in changes) onChange();
    };
    const onMessage = (message: unknown, sender: Runtime.MessageSender) => {
      if (sender.id === browser.runtime.id && !sender.tab && (seenIds(message) || isHistorySettingNotice(message))) onChange();
      return undefined; // other pages' requests are the worker's to answer
    };
    const onShown = () => document.visibilityState === 'visible' && onChange();
    browser.storage.onChanged.addListener(onStorage);
    browser.runtime.onMessage.addListener(onMessage);
    document.addEventListener('visibilitychange', onShown);
    return () => {
      browser.storage.onChanged.removeListener(onStorage);
      browser.runtime.onMessage.removeListener(onMessage);
      document.removeEventListener('visibilitychange', onShown);
    };
  },
};

render(
  <main>
    <h1>Paper Radar settings</h1>
    <InterestsEditor api={api} />
    <DisplaySettings api={display} />
    <SiteAccessSettings api={siteAccessApi} />
    <SyncSettings api={syncApi} />
    <HistorySettings api={history} />
  </main>,
  document.getElementById('app')!,
);
