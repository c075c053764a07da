/**
 * "Tag these N": adds a tag to, or takes it off, every paper the list shows (after a search, a
 * filter or in a view), in one request per 5,000 papers. What it did is said in the popup's status line, with an
 * undo that reverses exactly the papers it changed.
 */
import { useRef, useState } from 'preact/hooks';
import { LIMITS, type PaperRecord, type PaperState } from '../src/core/paper';
import type { LibraryIndex } from '../src/library/search';
import type { LibraryApi } from './library-api';
import { useKnownTags } from './PaperDetail';
import { papers, useFormFocus, type Notice } from './shown-form';

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
  const input = useRef<HTMLInputElement>(null);
  const opener = useFormFocus(open, () => input.current, focusElsewhere);
  const known = useKnownTags(index, version);
  const count = shown.length;

  const close = () => {
    setOpen(false);
    setDraft('');
  };

  const apply = async (mode: 'add' | 'remove') => {
    const tags = draft
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    if (tags.length === 0 || count === 0) return;
    setBusy(true);
    try {
      const { states, before } = await change(shown.map((p) => p.id), mode === 'add' ? { add: tags } : { remove: tags });
      const changed = Object.keys(states);
      const named = tags.map((t) => `“${t}”`).join(', ');
      const unchanged = count - changed.length;
      const text =
        mode === 'add'
          ? `Tagged ${papers(changed.length)} ${named}${unchanged > 0 ? `; ${unchanged} unchanged` : ''}.`
          : `Took ${named} off ${papers(changed.length)}${unchanged > 0 ? `; ${unchanged} did not have it` : ''}.`;
      // Undo puts back each changed paper's tags as they were (a tag it had already stays).
      const undo = () => void Promise.all(tagsBack(states, before).map(({ ids, ...back }) => change(ids, back))).catch(failed);
      onNotice(changed.length > 0 ? { text, undo } : { text });
      close();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  const failed = (e: unknown) => onError(`Could not change the tags: ${e instanceof Error ? e.message : String(e)}`);
  const change = async (ids: string[], tags: { add?: string[]; remove?: string[] }) => {
    const result = await api.tagPapers(ids, tags);
    onChanged(result.states);
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
    >
      <label>
        {`Tag these ${count}: `}
        <input
          type="text"
          list="tags-known-shown"
          maxLength={LIMITS.tag}
          value={draft}
          placeholder="tag, another tag"
          data-paper-radar-input="tag-shown"
          ref={input}
          onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              close();
            }
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
