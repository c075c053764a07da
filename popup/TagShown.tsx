/**
 * "Tag these N": adds a tag to, or takes it off, every paper the list shows (after a search, a
 * filter or in a view), in one request per 5,000 papers. What it did is said in the popup's status line, with an
 * undo that reverses exactly the papers it changed (when a later request fails, those the
 * earlier ones changed, and the rest are said to have failed).
 */
import { useRef, useState } from 'preact/hooks';
import type { PaperRecord, PaperState } from '../src/core/paper';
import type { LibraryIndex } from '../src/library/search';
import type { LibraryApi } from './library-api';
import { useKnownTags } from './PaperDetail';
import { notReachedText, papers, reached, useFormFocus, type Notice, type Reached } from './shown-form';
import { TAG_LIST_CHARS, typedTags } from './tag-input';
import { errorText } from '../src/core/text';

interface Props {
  api: LibraryApi;
  shown: readonly PaperRecord[];
  index: LibraryIndex | null;
  version: number;
  /** The new states of the papers changed, to show at once. */
  onChanged: (states: Record<string, PaperState>) => void;
  onNotice: (notice: Notice) => void;
  onError: (message: string) => void;
  /** What takes focus when the form closes on a list it emptied (see useFormFocus). */
  focusElsewhere: () => HTMLElement | null;
}

export function TagShown({ api, shown, index, version, onChanged, onNotice, onError, focusElsewhere }: Props) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  /** What is wrong with the tags typed (one too long): said, and the draft kept to mend. */
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const opener = useFormFocus(open, () => input.current, focusElsewhere);
  const known = useKnownTags(index, version);
  const count = shown.length;

  const close = () => {
    setOpen(false);
    setDraft('');
    setProblem(null);
  };

  const apply = async (mode: 'add' | 'remove') => {
    const { tags, problem } = typedTags(draft, known);
    if (problem !== undefined) {
      setProblem(problem);
      return;
    }
    if (tags.length === 0 || count === 0) return;
    setBusy(true);
    try {
      const result = await change(shown.map((p) => p.id), mode === 'add' ? { add: tags } : { remove: tags });
      const { states, before } = result.answer;
      const changed = Object.keys(states);
      const named = tags.map((t) => `“${t}”`).join(', ');
      const unchanged = count - result.left - changed.length;
      const text =
        mode === 'add'
          ? `Tagged ${papers(changed.length)} ${named}${unchanged > 0 ? `; ${unchanged} unchanged` : ''}.`
          : `Took ${named} off ${papers(changed.length)}${unchanged > 0 ? `; ${unchanged} did not have it` : ''}.`;
      // Undo puts back each changed paper's tags as they were (a tag it had already stays).
      const undo = () => void Promise.all(tagsBack(states, before).map(({ ids, ...back }) => change(ids, back).then(notReached))).catch(failed);
      onNotice(changed.length > 0 ? { text, undo } : { text });
      // Stopped part way: the rest are said to have failed, and the form stays to try again.
      if (result.failure === null) close();
      else notReached(result);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  const failed = (e: unknown) => onError(`Could not change the tags: ${errorText(e)}`);
  const notReached = (reached: Reached) => {
    if (reached.failure !== null) onError(notReachedText('tags', reached));
  };
  /** Sends a change of tags; the papers it changed show so at once, also when it stopped part way. */
  const change = async (ids: string[], tags: { add?: string[]; remove?: string[] }) => {
    const result = await reached(api.tagPapers(ids, tags));
    onChanged(result.answer.states);
    return result;
  };

  if (!open) {
    return (
      <button type="button" ref={opener} class="tag-shown" data-paper-radar-action="tag-shown" disabled={count === 0} onClick={() => setOpen(true)}>
        {`Tag these ${count}…`}
      </button>
    );
  }
  return (
    <form
      class="shown-form"
      aria-label={`Tag these ${count} papers`}
      onSubmit={(e) => {
        e.preventDefault();
        void apply('add');
      }}
      // Escape closes the form from any of its fields and buttons, as Mark these N does.
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
      }}
    >
      <label>
        {`Tag these ${count}: `}
        <input
          type="text"
          list="tags-known-shown"
          maxLength={TAG_LIST_CHARS}
          value={draft}
          placeholder="tag, another tag"
          data-paper-radar-input="tag-shown"
          ref={input}
          onInput={(e) => {
            setDraft((e.target as HTMLInputElement).value);
            setProblem(null);
          }}
        />
      </label>
      <datalist id="tags-known-shown">
        {known.map((tag) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>
      <button type="submit" disabled={busy || draft.trim() === ''} data-paper-radar-action="tag-shown-add">
        Add
      </button>
      <button type="button" disabled={busy || draft.trim() === ''} data-paper-radar-action="tag-shown-remove" onClick={() => void apply('remove')}>
        Remove
      </button>
      <button type="button" class="link-button" onClick={close}>
        Cancel
      </button>
      {problem && (
        <span class="error" role="alert" data-paper-radar-tag-problem>
          {problem}
        </span>
      )}
      {/* Thousands of papers take a second or two (IndexedDB writes): say that it is working. */}
      <span class="shown-form-busy" role="status">
        {busy ? `Changing the tags of ${papers(count)}…` : ''}
      </span>
    </form>
  );
}

/**
 * The changes that put each paper's tags back as they were `before` (the undo of "Tag these N"):
 * the tags it gained to take off, the tags it lost to add, papers needing the same grouped into
 * one change. Only what the change did is undone: "a, b" added to a paper that had "a" takes off
 * only "b".
 */
export function tagsBack(
  states: Readonly<Record<string, PaperState>>,
  before: Readonly<Record<string, PaperState>>,
): Array<{ ids: string[]; add: string[]; remove: string[] }> {
  const groups = new Map<string, { ids: string[]; add: string[]; remove: string[] }>();
  const lower = (tag: string) => tag.toLocaleLowerCase();
  for (const [id, now] of Object.entries(states)) {
    const was = before[id];
    if (!was) continue;
    const had = new Set(was.tags.map(lower));
    const has = new Set(now.tags.map(lower));
    const add = was.tags.filter((tag) => !has.has(lower(tag)));
    const remove = now.tags.filter((tag) => !had.has(lower(tag)));
    if (add.length === 0 && remove.length === 0) continue; // only a tag's case changed
    const key = JSON.stringify([add, remove]);
    const group = groups.get(key);
    if (group) group.ids.push(id);
    else groups.set(key, { ids: [id], add, remove });
  }
  return [...groups.values()];
}
