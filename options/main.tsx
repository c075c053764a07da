/** Options page entry: the interests editor, reading and saving through the background. */
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { DISPLAY_KEY, parseDisplay } from '../src/display-settings';
import { DisplaySettings, type DisplayApi } from './DisplaySettings';
import type { InterestsMessage } from '../src/messages';
import { runtimeMessenger } from '../src/messenger';
import { InterestsEditor, type InterestsApi } from './InterestsEditor';
import './options.css';

const api: InterestsApi = {
  async load() {
    return (await runtimeMessenger.send({ type: 'getInterests' })).interests;
  },
  async save(interests) {
    // parseDraft checked them against InterestsSchema; the background checks again.
    return (await runtimeMessenger.send({ type: 'setInterests', interests: interests as InterestsMessage })).interests;
  },
};

const display: DisplayApi = {
  async load() {
    return parseDisplay((await browser.storage.local.get(DISPLAY_KEY))[DISPLAY_KEY]);
  },
  async save(settings) {
    await browser.storage.local.set({ [DISPLAY_KEY]: settings });
  },
};

render(
  <>
    <InterestsEditor api={api} />
    <DisplaySettings api={display} />
  </>,
  document.getElementById('app')!,
);
