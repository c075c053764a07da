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
}

export function TagShown({ api, shown, index, version, onChanged, onNotice, onError }: Props) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const opener = useFormFocus(open, () => input.current);
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
      const states = await change(shown.map((p) => p.id), mode, tags);
      const changed = Object.keys(states);
      const named = tags.map((t) => `“${t}”`).join(', ');
      const unchanged = count - changed.length;
      const text =
        mode === 'add'
          ? `Tagged ${papers(changed.length)} ${named}${unchanged > 0 ? `; ${unchanged} unchanged` : ''}.`
          : `Took ${named} off ${papers(changed.length)}${unchanged > 0 ? `; ${unchanged} did not have it` : ''}.`;
      // Undo reverses the change on exactly the papers it changed.
      const undo = () => void change(changed, mode === 'add' ? 'remove' : 'add', tags).catch(failed);
      onNotice(changed.length > 0 ? { text, undo } : { text });
      close();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  const failed = (e: unknown) => onError(`Could not change the tags: ${e instanceof Error ? e.message : String(e)}`);
  const change = async (ids: string[], mode: 'add' | 'remove', tags: string[]) => {
    const states = await api.tagPapers(ids, mode === 'add' ? { add: tags } : { remove: tags });
    onChanged(states);
    return states;
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
