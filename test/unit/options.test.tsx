// @vitest-environment jsdom
/** The interests editor (options page): parsing, validation, empty state, saving. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { InterestsEditor, parseCategories, parseDraft, parseKeywordLine, singleNames, type InterestsApi } from '../../options/InterestsEditor';
import { rebaseInterests, sameInterests } from '../../src/library/merge-interests';
import { parseRequest } from '../../src/messages';
import type { Abbreviation } from '../../src/relevance/abbreviations';
import type { Interests } from '../../src/relevance/index';
import { compilePhrases, phraseScore } from '../../src/relevance/interests';
import { tokenize } from '../../src/relevance/tokenize';
import { analyzePaper, CorpusStats, IdfTable } from '../../src/relevance/vectorize';
import { renderTarget } from '../support/render-target';

const container = renderTarget();

/**
 * The editor's api as the worker answers it: `store.interests` is what is stored, which a test
 * may change as another page would; a save keeps such changes as the worker does.
 */
function fakeApi(initial: Interests, learned: Abbreviation[] = []) {
  const saved: Interests[] = [];
  const store = { interests: structuredClone(initial) };
  const api: InterestsApi = {
    load: vi.fn(async () => structuredClone(store.interests)),
    learnedAbbreviations: vi.fn(async () => learned),
    save: vi.fn(async (interests: Interests, base: Interests) => {
      saved.push(interests);
      const changedElsewhere = !sameInterests(base, store.interests);
      store.interests = rebaseInterests(base, interests, store.interests);
      return { interests: structuredClone(store.interests), changedElsewhere };
    }),
  };
  return { api, saved, store };
}

const status = () => container.querySelector('[data-paper-radar-status]')!.textContent;

async function settle() {
  for (let i = 0; i < 5; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
}

function type(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}


/**
 * The editor rendered over `api`, whose saves are held until `finish()` (a save under way while
 * the user types on); `save` is the api's own.
 */
async function withSaveHeld(api: InterestsApi) {
  let release = () => {};
  const save = api.save;
  api.save = (interests, base) => new Promise((resolve) => (release = () => resolve(save(interests, base))));
  await act(async () => render(<InterestsEditor api={api} />, container));
  await settle();
  return {
    finish: () => release(),
    save,
    muted: container.querySelector<HTMLTextAreaElement>('#mutedKeywords')!,
    saveButton: container.querySelector<HTMLButtonElement>('[data-paper-radar-save]')!,
  };
}

describe('keyword lines', () => {
  it('reads `phrase: weight`, keeps other colons, refuses bad weights', () => {
    expect(parseKeywordLine('speculative decoding')).toBe('speculative decoding');
    expect(parseKeywordLine('speculative decoding: 2')).toEqual({ phrase: 'speculative decoding', weight: 2 });
    expect(parseKeywordLine('kv cache:0.5')).toEqual({ phrase: 'kv cache', weight: 0.5 });
    expect(parseKeywordLine('BERT: pretraining')).toEqual({ error: '“BERT: pretraining”: one phrase per line — split it at the colon (a phrase never matches across one)' });
    expect(parseKeywordLine('xy: 1')).toBe('xy');
    expect(parseKeywordLine('x: 0')).toMatchObject({ error: expect.stringContaining('weight') });
    expect(parseKeywordLine('x: -2')).toMatchObject({ error: expect.stringContaining('weight') });
    expect(parseKeywordLine('x: 11')).toMatchObject({ error: expect.stringContaining('weight') });
    expect(parseKeywordLine(': 3')).toMatchObject({ error: expect.stringContaining('no phrase') });
    // A colon between digits is a ratio, not a weight; after a number with a space, a weight.
    expect(parseKeywordLine('aspect ratio 16:9')).toBe('aspect ratio 16:9');
    expect(parseKeywordLine('3:1 compression')).toBe('3:1 compression');
    expect(parseKeywordLine('GPT 4: 2')).toEqual({ phrase: 'GPT 4', weight: 2 });
  });

  it('keeps a colon between digits in the phrase, spaces around it or not, written as matching reads it', () => {
    expect(parseKeywordLine('aspect ratio 16 : 9')).toBe('aspect ratio 16:9');
    expect(tokenize('aspect ratio 16 : 9')).toEqual(tokenize('aspect ratio 16:9')); // matching reads them alike
    expect(parseKeywordLine('aspect ratio 16 :9')).toBe('aspect ratio 16:9');
    expect(parseKeywordLine('time 12: 30')).toBe('time 12:30'); // 30 is no weight
    expect(parseKeywordLine('3 : 1 compression')).toBe('3:1 compression');
    expect(parseKeywordLine('aspect ratio 16 : 9: 2')).toEqual({ phrase: 'aspect ratio 16:9', weight: 2 });
    // The weight after a phrase ending in a number, written as weights are: the colon right after it.
    expect(parseKeywordLine('GPT-4: 2')).toEqual({ phrase: 'GPT-4', weight: 2 });
    expect(parseKeywordLine('GPT-4 : 2')).toBe('GPT-4:2');
    expect(parseKeywordLine('GPT-4: -2')).toMatchObject({ error: expect.stringContaining('weight') });
    // What was saved reads back the same.
    expect(parseKeywordLine('time 12:30: 2')).toEqual({ phrase: 'time 12:30', weight: 2 });
  });

  it('refuses a phrase with punctuation between its words, which matching never runs across: one phrase per line', () => {
    const refused = (line: string) => (parseKeywordLine(line) as { error?: string }).error ?? null;
    expect(refused('speculative decoding, KV cache')).toBe('“speculative decoding, KV cache”: one phrase per line — split it at the comma (a phrase never matches across one)');
    expect(refused('speculative decoding, KV cache: 2')).toMatch(/split it at the comma/);
    expect(refused('robots; grasping')).toMatch(/at the semicolon/);
    expect(refused('KV cache (KVC)')).toMatch(/at the “\(”/);
    expect(refused('is attention all? yes')).toMatch(/at the question mark/);
    expect(refused('the "attention" mechanism')).toMatch(/at the quotation mark/);
    // Punctuation that matching reads within a phrase, or where it breaks nothing, is kept.
    const kept = [
      'text-to-speech', 'Llama 3.1', 'Llama 3.1 models', 'Qwen2.5-VL', 'C++ compilers', 'C# compilers', "Kirchhoff's law", 'input/output models',
      'ViT-B/16 models', 'GPT-4: a study', 'aspect ratio 16:9 screens', '(KV cache)', 'what is attention?', '"attention mechanism"', 'U.S. patents', 'GPT-4 (2023)',
    ];
    expect(kept.map(refused)).toEqual(kept.map(() => null));
    // … as matching does: each kept phrase matches a paper writing it as typed, each refused one does not.
    const matches = (phrase: string) => {
      const paper = analyzePaper({ id: 'p', title: `We study ${phrase} here`, abstract: 'Nothing else.' });
      return phraseScore(paper, compilePhrases([phrase], new IdfTable(CorpusStats.of([paper])), []), 10).score > 0;
    };
    expect(kept.filter((phrase) => !matches(phrase))).toEqual([]);
    expect(['speculative decoding, KV cache', 'BERT: pretraining', 'robots; grasping', 'KV cache (KVC)', 'is attention all? yes', 'the "attention" mechanism'].filter(matches)).toEqual([]);
    // Muted keywords match the same way.
    const muted = parseDraft({ topics: [{ id: 't1', name: 'Code', keywords: 'compilers', categories: '' }], followedAuthors: '', mutedKeywords: 'survey, benchmark', mutedAuthors: '' });
    expect(muted.errors).toEqual({ mutedKeywords: ['“survey, benchmark”: one phrase per line — split it at the comma (a phrase never matches across one)'] });
  });

  it('a weight is from 0.01 to 10, with at most two decimals; a stored one is shown so, never with an exponent', async () => {
    expect(parseKeywordLine('vocoder: 0.01')).toEqual({ phrase: 'vocoder', weight: 0.01 });
    expect(parseKeywordLine('vocoder: 0.29')).toEqual({ phrase: 'vocoder', weight: 0.29 });
    expect(parseKeywordLine('vocoder: 10')).toEqual({ phrase: 'vocoder', weight: 10 });
    for (const line of ['vocoder: 0.001', 'vocoder: 0.005', 'vocoder: 1.255', 'vocoder: 0.00000001']) {
      expect(parseKeywordLine(line)).toEqual({ error: '“vocoder”: the weight must be from 0.01 to 10, with at most two decimals (“vocoder: 0.5”)' });
    }
    // What the editor saves, the background accepts.
    const draft = { topics: [{ id: 't1', name: 'Speech', keywords: 'vocoder: 0.01\nspeech synthesis: 9.99', categories: '' }], followedAuthors: '', mutedKeywords: '', mutedAuthors: '' };
    expect(parseRequest({ type: 'setInterests', interests: parseDraft(draft).interests }).ok).toBe(true);
    // A weight stored from elsewhere (an import, sync) finer than that reads back as a weight, not as part of the phrase.
    const { api, saved } = fakeApi({ topics: [{ id: 'a', name: 'Speech', keywords: [{ phrase: 'vocoder', weight: 1e-7 }, { phrase: 'codec', weight: 2.345 }, { phrase: 'TTS', weight: 1.001 }] }] });
    await act(async () => render(<InterestsEditor api={api} />, container));
    await settle();
    expect(container.querySelector<HTMLTextAreaElement>('fieldset.topic textarea')!.value).toBe('vocoder: 0.01\ncodec: 2.35\nTTS');
    await act(() => type(container.querySelector<HTMLTextAreaElement>('#mutedKeywords')!, 'survey'));
    await act(() => container.querySelector<HTMLButtonElement>('[data-paper-radar-save]')!.click());
    await settle();
    expect(saved[0]!.topics[0]!.keywords).toEqual([{ phrase: 'vocoder', weight: 0.01 }, { phrase: 'codec', weight: 2.35 }, 'TTS']);
  });

  it('refuses two topics named alike (case and spacing aside): a name is what finds a topic', () => {
    const topic = (id: string, name: string) => ({ id, name, keywords: 'speculative decoding', categories: '' });
    const draft = { topics: [topic('t1', 'LLM inference'), topic('t2', 'Robots'), topic('t3', ' llm  Inference ')], followedAuthors: '', mutedKeywords: '', mutedAuthors: '' };
    expect(parseDraft(draft).errors).toEqual({ 't3:name': ['Topic 1 is named “LLM inference” already: give each topic a name of its own'] });
    expect(parseDraft({ ...draft, topics: [topic('t1', 'LLM'), topic('t2', 'LLMs')] }).errors).toEqual({});
  });

  it('a phrase repeated (case aside) is saved once; repeated with another weight, it is a question for the user', () => {
    const draft = (keywords: string) => ({ topics: [{ id: 't1', name: 'Vision', keywords, categories: '' }], followedAuthors: '', mutedKeywords: '', mutedAuthors: '' });
    expect(parseDraft(draft('CLIP: 2\nclip: 2\nvision transformer')).interests.topics[0]!.keywords).toEqual([{ phrase: 'CLIP', weight: 2 }, 'vision transformer']);
    expect(parseDraft(draft('CLIP: 3\nclip')).errors).toEqual({ 't1:keywords': ['“clip” is listed twice, with weights 3 and 1: keep one'] });
    // As matching reads them: accents, spacing and hyphens aside (each would have scored again).
    expect(parseDraft(draft('Schrödinger bridge\nSchrodinger bridge\nkv cache\nkv  cache\nKV-cache\nGPT-4\nGPT-5')).interests.topics[0]!.keywords).toEqual(['Schrödinger bridge', 'kv cache', 'GPT-4', 'GPT-5']);
    expect(parseDraft(draft('Schrödinger bridge: 2\nSchrodinger bridge: 0.5')).errors).toEqual({ 't1:keywords': ['“Schrodinger bridge” is listed twice, with weights 2 and 0.5: keep one'] });
  });

  it('refuses a phrase with no word to match (single letters and numbers count only beside a word)', () => {
    expect(parseKeywordLine('R')).toEqual({ error: '“R” has no word Paper Radar can match: a single letter or a number counts only beside a word (“R compiler”)' });
    expect(parseKeywordLine('42: 2')).toMatchObject({ error: expect.stringContaining('no word') });
    expect(parseKeywordLine('C++')).toBe('C++'); // a language's name is a word
    expect(parseKeywordLine('C# compilers')).toBe('C# compilers');
    expect(parseKeywordLine('type 2 diabetes')).toBe('type 2 diabetes');
    expect(parseKeywordLine('3D')).toBe('3D');
    const muted = parseDraft({ topics: [{ id: 't1', name: 'Code', keywords: 'compilers', categories: '' }], followedAuthors: '', mutedKeywords: 'R\nvitamin D', mutedAuthors: '' });
    expect(muted.errors).toEqual({ mutedKeywords: ['“R” has no word Paper Radar can match: a single letter or a number counts only beside a word (“R compiler”)'] });
  });

  it('a parsed draft is what the background accepts; problems are reported by field', () => {
    const ok = parseDraft({
      topics: [{ id: 't1', name: ' LLM inference ', keywords: 'speculative decoding: 2\n\nKV cache\nkv cache\n', categories: '' }],
      followedAuthors: 'Tri Dao\n',
      mutedKeywords: '',
      mutedAuthors: '',
    });
    expect(ok.errors).toEqual({});
    expect(ok.interests).toEqual({
      topics: [{ id: 't1', name: 'LLM inference', keywords: [{ phrase: 'speculative decoding', weight: 2 }, 'KV cache'] }],
      followedAuthors: ['Tri Dao'],
      mutedKeywords: [],
      mutedAuthors: [],
    });
    expect(parseRequest({ type: 'setInterests', interests: ok.interests }).ok).toBe(true);
    const bad = parseDraft({ topics: [{ id: 't1', name: '', keywords: 'x: 0', categories: 'cs.LG Machine Learning' }], followedAuthors: '', mutedKeywords: '', mutedAuthors: '' });
    expect(Object.keys(bad.errors).sort()).toEqual(['t1:categories', 't1:keywords', 't1:name']);
  });
});

describe('preferred categories', () => {
  it('reads codes separated by spaces or commas, once each; refuses what is not an arXiv category', () => {
    expect(parseCategories('cs.LG, hep-th  math;cond-mat.stat-mech')).toEqual({ categories: ['cs.LG', 'hep-th', 'math', 'cond-mat.stat-mech'], errors: [] });
    expect(parseCategories(' cs.LG cs.lg CS.LG ').categories).toEqual(['cs.LG']);
    expect(parseCategories('')).toEqual({ categories: [], errors: [] });
    const bad = parseCategories('cs.LG Machine-Learning cs. foo.bar');
    expect(bad.categories).toEqual(['cs.LG']);
    expect(bad.errors).toHaveLength(3);
    expect(bad.errors[0]).toMatch(/“Machine-Learning” is not an arXiv category.*cs\.LG/);
    const many = Array.from({ length: 51 }, (_, i) => `cs.X${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`).join(' ');
    expect(parseCategories(many).errors).toEqual(['At most 50 categories per topic']);
  });

  it('go with their topic, and the background accepts them (and refuses malformed ones)', () => {
    const { interests, errors } = parseDraft({
      topics: [{ id: 't1', name: 'Theory', keywords: 'holography', categories: 'hep-th, gr-qc' }],
      followedAuthors: '',
      mutedKeywords: '',
      mutedAuthors: '',
    });
    expect(errors).toEqual({});
    expect(interests.topics[0]).toEqual({ id: 't1', name: 'Theory', keywords: ['holography'], categories: ['hep-th', 'gr-qc'] });
    expect(parseRequest({ type: 'setInterests', interests }).ok).toBe(true);
    const forged = { topics: [{ id: 't1', name: 'x', keywords: ['y'], categories: ['Machine Learning'] }] };
    expect(parseRequest({ type: 'setInterests', interests: forged }).ok).toBe(false);
  });
});

describe('InterestsEditor', () => {
  it('asks for specific phrases when empty; a topic added, filled and saved goes to the background', async () => {
    const { api, saved } = fakeApi({ topics: [] });
    await act(async () => {
      render(<InterestsEditor api={api} />, container);
    });
    await settle();
    expect(container.querySelector('[data-paper-radar-empty]')?.textContent).toMatch(/specific/);
    await act(() => container.querySelector<HTMLButtonElement>('[data-paper-radar-add-topic]')!.click());
    expect(container.querySelector('[data-paper-radar-empty]')).toBeNull();
    const topic = container.querySelector('fieldset.topic')!;
    // Saving an empty topic shows errors next to the fields and saves nothing.
    await act(() => container.querySelector<HTMLButtonElement>('[data-paper-radar-save]')!.click());
    await settle();
    expect(saved).toHaveLength(0);
    expect(topic.querySelector('input')!.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('[data-paper-radar-status]')!.textContent).toMatch(/Not saved/);
    // Filled in: saved.
    await act(() => type(topic.querySelector('input')!, 'Robot learning'));
    await act(() => type(topic.querySelector('textarea')!, 'grasping: 2\nrobot manipulation'));
    await act(() => type(container.querySelector<HTMLTextAreaElement>('#mutedKeywords')!, 'tactile'));
    await act(() => container.querySelector<HTMLButtonElement>('[data-paper-radar-save]')!.click());
    await settle();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      topics: [{ name: 'Robot learning', keywords: [{ phrase: 'grasping', weight: 2 }, 'robot manipulation'] }],
      mutedKeywords: ['tactile'],
    });
    expect(container.querySelector('[data-paper-radar-status]')!.textContent).toMatch(/Saved/);
  });

  it('says at Save when the interests are too large to sync, and by how much', async () => {
    const { api } = fakeApi({ topics: [{ id: 'a', name: 'Speech', keywords: ['vocoder'] }] });
    const save = api.save;
    api.save = vi.fn(async (interests: Interests, base: Interests) => ({ ...(await save(interests, base)), tooLargeToSync: 40 * 1024 }));
    await act(async () => {
      render(<InterestsEditor api={api} />, container);
    });
    await settle();
    await act(() => type(container.querySelector<HTMLTextAreaElement>('fieldset.topic textarea')!, 'vocoder\nneural codec'));
    await act(() => container.querySelector<HTMLButtonElement>('[data-paper-radar-save]')!.click());
    await settle();
    expect(status()).toBe('Saved. Open listings update in a moment. They are too large to sync to your other devices (40.0 KB; at most 32.0 KB) and stay on this one.');
  });

  it('reads the interests again when the page is come back to (an author followed in the popup), unless edits here are unsaved', async () => {
    const { api, store } = fakeApi({ topics: [], followedAuthors: ['Ada Lovelace'] });
    await act(async () => render(<InterestsEditor api={api} />, container));
    await settle();
    const authors = () => container.querySelector<HTMLTextAreaElement>('#followedAuthors')!;
    expect(authors().value).toBe('Ada Lovelace');
    store.interests = { topics: [], followedAuthors: ['Ada Lovelace', 'Alan Turing'] };
    await act(async () => void window.dispatchEvent(new Event('focus')));
    await settle();
    expect(authors().value).toBe('Ada Lovelace\nAlan Turing');
    // An edit not saved yet is kept: a fresh copy would undo it.
    await act(async () => type(container.querySelector<HTMLTextAreaElement>('#mutedKeywords')!, 'survey'));
    expect(status()).toBe('Changes not saved yet.');
    store.interests = { topics: [], followedAuthors: ['Grace Hopper'] };
    await act(async () => void window.dispatchEvent(new Event('focus')));
    await settle();
    expect(authors().value).toBe('Ada Lovelace\nAlan Turing');
    expect(container.querySelector<HTMLTextAreaElement>('#mutedKeywords')!.value).toBe('survey');
  });

  it('saving edits keeps what changed elsewhere since the page read the interests (an author followed from the popup)', async () => {
    const { api, store, saved } = fakeApi({ topics: [{ id: 'a', name: 'Speech', keywords: ['vocoder'] }], followedAuthors: ['Ada Lovelace'] });
    await act(async () => render(<InterestsEditor api={api} />, container));
    await settle();
    await act(async () => type(container.querySelector<HTMLTextAreaElement>('#mutedKeywords')!, 'survey'));
    // Meanwhile, the popup follows an author and an import adds a topic.
    store.interests = {
      topics: [...store.interests.topics, { id: 'b', name: 'Robots', keywords: ['grasping'] }],
      followedAuthors: ['Ada Lovelace', 'Alan Turing'],
    };
    await act(() => container.querySelector<HTMLButtonElement>('[data-paper-radar-save]')!.click());
    await settle();
    expect(saved).toHaveLength(1);
    expect(store.interests).toEqual({
      topics: [
        { id: 'a', name: 'Speech', keywords: ['vocoder'] },
        { id: 'b', name: 'Robots', keywords: ['grasping'] },
      ],
      followedAuthors: ['Ada Lovelace', 'Alan Turing'],
      mutedKeywords: ['survey'],
    });
    // The page shows what was stored, and says so.
    expect(container.querySelector<HTMLTextAreaElement>('#followedAuthors')!.value).toBe('Ada Lovelace\nAlan Turing');
    expect(container.querySelectorAll('fieldset.topic')).toHaveLength(2);
    expect(status()).toMatch(/together with changes made elsewhere/);
  });

  it('typing on while a save is under way, then saving again, keeps what changed elsewhere meanwhile (an author followed from the popup)', async () => {
    const { api, store } = fakeApi({ topics: [], followedAuthors: ['Ada Lovelace'] });
    const { finish, save, muted, saveButton } = await withSaveHeld(api);
    await act(async () => type(muted, 'survey'));
    await act(() => saveButton.click());
    store.interests = { ...store.interests, followedAuthors: ['Ada Lovelace', 'Alan Turing'] };
    await act(async () => type(muted, 'survey\nbenchmark'));
    await act(async () => finish());
    await settle();
    expect(store.interests.followedAuthors).toEqual(['Ada Lovelace', 'Alan Turing']);
    api.save = save;
    await act(() => saveButton.click());
    await settle();
    expect(store.interests).toEqual({ topics: [], followedAuthors: ['Ada Lovelace', 'Alan Turing'], mutedKeywords: ['survey', 'benchmark'] });
  });

  it('typing on while a save is under way keeps what was typed, and says it is not saved yet', async () => {
    const { api, store } = fakeApi({ topics: [] });
    const { finish, muted, saveButton } = await withSaveHeld(api);
    await act(async () => type(muted, 'survey'));
    await act(() => saveButton.click());
    expect(saveButton.disabled).toBe(true);
    await act(async () => type(muted, 'survey\nbenchmark'));
    await act(async () => finish());
    await settle();
    expect(store.interests.mutedKeywords).toEqual(['survey']);
    expect(muted.value).toBe('survey\nbenchmark');
    expect(saveButton.disabled).toBe(false);
    await act(async () => type(muted, 'survey\nbenchmarks'));
    expect(status()).toBe('Changes not saved yet.');
  });

  it('a save with errors moves the focus to the first field marked; removing a topic moves it to the next topic', async () => {
    const { api } = fakeApi({
      topics: [
        { id: 'a', name: 'Speech', keywords: ['vocoder'] },
        { id: 'b', name: 'Robots', keywords: ['grasping'] },
      ],
    });
    await act(async () => render(<InterestsEditor api={api} />, container));
    await settle();
    await act(async () => type(container.querySelector<HTMLTextAreaElement>('#b-keywords')!, 'x: 0'));
    await act(() => container.querySelector<HTMLButtonElement>('[data-paper-radar-save]')!.click());
    await settle();
    await act(async () => new Promise((r) => requestAnimationFrame(() => r(undefined))));
    expect(document.activeElement?.id).toBe('b-keywords');
    const remove = [...container.querySelectorAll<HTMLButtonElement>('fieldset.topic .actions button')];
    await act(async () => remove[0]!.click());
    await act(async () => new Promise((r) => requestAnimationFrame(() => r(undefined))));
    expect(document.activeElement?.id).toBe('b-name');
  });

  it('says which author names match only an author listed by that one name, and refuses names without letters', async () => {
    expect(singleNames('Yann LeCun\nLeCun\nLeCun, Y.\nMausam\n')).toEqual(['LeCun', 'Mausam']);
    const { api, saved } = fakeApi({ topics: [] });
    await act(async () => render(<InterestsEditor api={api} />, container));
    await settle();
    const authors = container.querySelector<HTMLTextAreaElement>('#followedAuthors')!;
    await act(async () => type(authors, 'Yann LeCun\nHinton'));
    const hint = container.querySelector('[data-paper-radar-single-names]')!;
    expect(hint.textContent).toMatch(/“Hinton”/);
    expect(hint.textContent).not.toMatch(/“Yann LeCun”/);
    expect(authors.getAttribute('aria-describedby')).toContain(hint.id);
    await act(async () => type(authors, 'Yann LeCun\n1234\nyann  lecun'));
    await act(() => container.querySelector<HTMLButtonElement>('[data-paper-radar-save]')!.click());
    await settle();
    expect(saved).toHaveLength(0);
    expect(container.querySelector('#followedAuthors-errors')!.textContent).toMatch(/“1234”: a name needs letters/);
    // A name in another script is one (the popup follows it from a paper's authors, and listings match it).
    await act(async () => type(authors, 'Yann LeCun\nyann  lecun\nY. LeCun\n王小明\n李华'));
    await act(() => container.querySelector<HTMLButtonElement>('[data-paper-radar-save]')!.click());
    await settle();
    // Spellings of one name are one line (the first); an initial is kept, as it may be another person.
    expect(saved[0]!.followedAuthors).toEqual(['Yann LeCun', 'Y. LeCun', '王小明', '李华']);
  });

  it('refuses two names on one line, which match neither; a name written “Last, First” stays', () => {
    const names = (followedAuthors: string, mutedAuthors = '') => parseDraft({ topics: [], followedAuthors, mutedKeywords: '', mutedAuthors });
    expect(names('Yann LeCun, Geoffrey Hinton\nYann LeCun and Geoffrey Hinton\nLeCun; Hinton\nBengio & Hinton\nHinton GE, LeCun Y').errors).toEqual({
      followedAuthors: [
        '“Yann LeCun, Geoffrey Hinton”: one name per line — split it at the comma (one person\'s name needs none, given names first: “Geoffrey Hinton”)',
        '“Yann LeCun and Geoffrey Hinton”: one name per line — split it at the “and”',
        '“LeCun; Hinton”: one name per line — split it at the semicolon',
        '“Bengio & Hinton”: one name per line — split it at the “&”',
        '“Hinton GE, LeCun Y”: one name per line — split it at the comma (one person\'s name needs none, given names first: “Geoffrey Hinton”)',
      ],
    });
    expect(names('', 'Yann LeCun, Geoffrey Hinton').errors.mutedAuthors).toHaveLength(1);
    const one = names('LeCun, Yann\nvan der Maaten, Laurens\nSmith, Jr.\nMartin Luther King, Jr.\nAlexander Anderson\nLeCun, Y. A.');
    expect(one.errors).toEqual({});
    expect(one.interests.followedAuthors).toHaveLength(6);
  });

  it('says which other forms of the keywords match too, as they are typed', async () => {
    const { api } = fakeApi({ topics: [{ id: 'a', name: 'Agents', keywords: ['robot grasping'] }] });
    await act(async () => render(<InterestsEditor api={api} />, container));
    await settle();
    const also = () => container.querySelector('fieldset.topic [data-paper-radar-also-matched]')?.textContent ?? null;
    expect(also()).toBeNull();
    await act(() => type(container.querySelector<HTMLTextAreaElement>('fieldset.topic textarea')!, 'LLM agents: 2\nreinforcement learning\nrobot grasping\nspatio-temporal graphs\nYOLO v8 detectors'));
    expect(also()).toBe(
      'Papers that write them another way match too: “LLM agents” also as “large language model agents”; “reinforcement learning” also as “RL”; ' +
        '“spatio-temporal graphs” also as “spatiotemporal graphs”; “YOLO v8 detectors” also as “YOLOv8 detectors”.',
    );
  });

  it('says which keywords end in a version, whose later versions match too', async () => {
    const { api } = fakeApi({ topics: [{ id: 'a', name: 'Models', keywords: ['open models'] }] });
    await act(async () => render(<InterestsEditor api={api} />, container));
    await settle();
    const versions = () => container.querySelector('fieldset.topic [data-paper-radar-versions]')?.textContent ?? null;
    expect(versions()).toBeNull();
    await act(() => type(container.querySelector<HTMLTextAreaElement>('fieldset.topic textarea')!, 'Llama 3\nGPT-4: 2\nQwen2.5\nGPT-4o\ntype 2 diabetes\nvitamin D\nYOLO v8\nYOLO v8 detectors'));
    expect(versions()).toBe('Later versions match too, however written (“Llama 3” finds “Llama 3.1” and “LLaMA3”, not “Llama 2”): “Llama 3”, “GPT-4”, “Qwen2.5”, “YOLO v8”.');
    expect(container.querySelector('fieldset.topic textarea')!.getAttribute('aria-describedby')).toBe('a-keywords-hint a-keywords-also a-keywords-capitals a-keywords-versions');
  });

  it("says the other forms the model learned from the user's papers too, theirs winning", async () => {
    const { api } = fakeApi({ topics: [{ id: 'a', name: 'Cosmology', keywords: ['CMB', 'DM halos'] }] }, [
      ['CMB', 'cosmic microwave background'],
      ['DM', 'dark matter'],
    ]);
    await act(async () => render(<InterestsEditor api={api} />, container));
    await settle();
    expect(container.querySelector('fieldset.topic [data-paper-radar-also-matched]')?.textContent).toBe(
      'Papers that write them another way match too: “CMB” also as “cosmic microwave background”; “DM halos” also as “dark matter halos”.',
    );
  });

  it('says which keywords match only in capitals, as they are typed', async () => {
    const { api } = fakeApi({ topics: [{ id: 'a', name: 'XR', keywords: ['mixed reality'] }] });
    await act(async () => render(<InterestsEditor api={api} />, container));
    await settle();
    const capitals = () => container.querySelector('fieldset.topic [data-paper-radar-in-capitals]')?.textContent ?? null;
    expect(capitals()).toBeNull();
    await act(() => type(container.querySelector<HTMLTextAreaElement>('fieldset.topic textarea')!, 'AR headsets: 2\nmixed reality\nMoE\nGRAPH NEURAL NETWORKS'));
    expect(capitals()).toBe('Typed in capitals, so matched only where papers write them in capitals (“AR”, not “are”): “AR headsets”, “MoE”.');    // Muted keywords match the same way, and say so too.
    await act(() => type(container.querySelector<HTMLTextAreaElement>('#mutedKeywords')!, 'AR\nLLM'));
    expect(container.querySelector('#mutedKeywords-capitals')?.textContent).toBe('Typed in capitals, so matched only where papers write them in capitals (“AR”, not “are”): “AR”, “LLM”.');
    expect(container.querySelector('#mutedKeywords-also')?.textContent).toBe('Papers that write them another way match too: “LLM” also as “large language models”.');
    // Each field is described by what is said of it, for screen readers.
    expect(container.querySelector('fieldset.topic textarea')!.getAttribute('aria-describedby')).toBe('a-keywords-hint a-keywords-also a-keywords-capitals');
    expect(container.querySelector('#mutedKeywords')!.getAttribute('aria-describedby')).toBe('mutedKeywords-hint mutedKeywords-also mutedKeywords-capitals');
  });

  it('shows stored interests with their weights and categories', async () => {
    const { api } = fakeApi({
      topics: [{ id: 'a', name: 'Speech', keywords: ['vocoder', { phrase: 'speech synthesis', weight: 3 }], categories: ['eess.AS', 'cs.SD'] }],
      followedAuthors: ['Ada Lovelace'],
    });
    await act(async () => {
      render(<InterestsEditor api={api} />, container);
    });
    await settle();
    expect(container.querySelector<HTMLInputElement>('fieldset.topic input')!.value).toBe('Speech');
    expect(container.querySelector<HTMLTextAreaElement>('fieldset.topic textarea')!.value).toBe('vocoder\nspeech synthesis: 3');
    expect(container.querySelector<HTMLInputElement>('fieldset.topic [data-paper-radar-categories]')!.value).toBe('eess.AS cs.SD');
    expect(container.querySelector<HTMLTextAreaElement>('#followedAuthors')!.value).toBe('Ada Lovelace');
  });

  it("edits a topic's categories: a wrong one is marked next to the field, a right one is saved", async () => {
    const { api, saved } = fakeApi({ topics: [{ id: 'a', name: 'Speech', keywords: ['vocoder'] }] });
    await act(async () => {
      render(<InterestsEditor api={api} />, container);
    });
    await settle();
    const field = container.querySelector<HTMLInputElement>('fieldset.topic [data-paper-radar-categories]')!;
    expect(field.value).toBe('');
    expect(container.querySelector(`label[for="${field.id}"]`)!.textContent).toMatch(/arXiv categories/);
    await act(() => type(field, 'eess.AS, Speech'));
    await act(() => container.querySelector<HTMLButtonElement>('[data-paper-radar-save]')!.click());
    await settle();
    expect(saved).toHaveLength(0);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const errors = container.querySelector(`#${field.id}-errors`)!;
    expect(errors.textContent).toMatch(/“Speech” is not an arXiv category/);
    expect(field.getAttribute('aria-describedby')).toContain(errors.id);
    await act(() => type(field, 'eess.AS, cs.SD'));
    await act(() => container.querySelector<HTMLButtonElement>('[data-paper-radar-save]')!.click());
    await settle();
    expect(saved).toHaveLength(1);
    expect(saved[0]!.topics).toEqual([{ id: 'a', name: 'Speech', keywords: ['vocoder'], categories: ['eess.AS', 'cs.SD'] }]);
    expect(field.hasAttribute('aria-invalid')).toBe(false);
  });
});
