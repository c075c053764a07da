/**
 * Search by meaning: the popup's search wants every word as written ("transf" finds
 * "Transformers"), which finds a paper the user remembers by its words. One remembered by what it
 * does ("the paper that compressed the KV cache with quantization") is asked of the worker
 * instead (RelevanceService.about): its TF-IDF cosine with every stored paper, any word may
 * match, word forms folded, rare words count most.
 */
import { useEffect, useState } from 'preact/hooks';
import { LIMITS } from '../src/core/paper';
import { truncate } from '../src/core/text';
import type { LibraryApi } from './library-api';

/**
 * Asked once typing pauses this long: each ask is a pass over the whole library in the worker,
 * ≈ 30 ms on 10,000 papers once it has read them (and then only the records written since).
 */
export const MEANING_DEBOUNCE_MS = 150;

/** The papers nearest in meaning to `text`, nearest first, for the text asked last. */
export type Meaning = { text: string; ids: readonly string[] } | 'asking' | 'failed';

/**
 * What is asked for `text`: at most LIMITS.query characters (the protocol refuses more), cut at
 * the end of a word. A pasted abstract is longer; its first sentences say what it is about.
 */
export function queryOf(text: string): string {
  const asked = text.trim();
  if (asked.length <= LIMITS.query) return asked;
  const cut = truncate(asked, LIMITS.query);
  // Cut inside a word: back to the space before it (unless the one word is the whole query).
  const wordEnd = /\s/.test(asked[cut.length]!) ? cut.length : cut.search(/\s+\S*$/);
  return cut.slice(0, wordEnd > 0 ? wordEnd : cut.length).trimEnd();
}

/** The search by meaning of `text` while `on` (and there is text), else null. */
export function useMeaning(api: LibraryApi, text: string, on: boolean): Meaning | null {
  const asked = queryOf(text);
  const [meaning, setMeaning] = useState<Meaning | null>(null);
  // Turned on: the worker makes the library's vectors now, while the user types (on 10,000 papers
  // the first ask takes ≈ 1.1 s).
  useEffect(() => {
    if (on) api.about('').catch(() => {});
  }, [api, on]);
  useEffect(() => {
    if (!on || asked === '') {
      setMeaning(null);
      return;
    }
    setMeaning('asking');
    let current = true;
    const timer = setTimeout(() => {
      api.about(asked).then(
        (papers) => current && setMeaning({ text: asked, ids: papers.map((p) => p.id) }),
        () => current && setMeaning('failed'),
      );
    }, MEANING_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, asked, on]);
  return on && asked !== '' ? meaning : null;
}
