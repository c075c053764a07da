/** Options page entry: the interests editor, reading and saving through the background. */
import { render } from 'preact';
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

render(<InterestsEditor api={api} />, document.getElementById('app')!);
