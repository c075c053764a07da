/**
 * The active paper: links to its page and PDF, copy as BibTeX or as a Markdown link, its authors
 * (each one click from being followed), its ids, year, subjects, venue and the authors' comments
 * where known, its tags (add with autocomplete from the library's tags, remove) and a free-text
 * note. On the library page also the abstract.
 */
import type { RefObject } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { LIMITS, normalizeNote, tagsDifference, type PaperRecord, type TagEdit } from '../src/core/paper';
import { errorText, safeHttpUrl } from '../src/core/text';
import { markdownLink } from '../src/library/markdown';
import { paperFacts } from '../src/library/paper-facts';
import { isFollowed } from '../src/relevance/authors';
import type { LibraryIndex } from '../src/library/search';
import { linkParts } from './format';
import type { LibraryApi } from './library-api';
import { TAG_LIST_CHARS, typedTags, withTags } from './tag-input';

/** What keyboard shortcuts can do in the detail pane. */
export interface DetailHandle {
  focusTags(): void;
  focusNote(): void;
}

/** A note is saved this long after the last keystroke (and at once when the field is left). */
const NOTE_SAVE_DELAY_MS = 700;

interface Props {
  paper: PaperRecord;
  index: LibraryIndex | null;
  version: number;
  api: LibraryApi;
  /** Saves tags or a note: true once stored. */
  saveTagsAndNote: (id: string, change: { tags: TagEdit } | { note: string }) => Promise<boolean>;
  /** The user went into the paper's tag or note field (before anything is saved). */
  onEditing: (id: string) => void;
  full: boolean;
  handle: RefObject<DetailHandle | null>;
  /** The names of the user's interest topics: a tag with one files the star under that topic. */
  topics: readonly string[];
  /** Why it is recommended (the Recommended view), as sentences; else null. */
  why: readonly string[] | null;
}

export function PaperDetail({ paper, index, version, api, saveTagsAndNote, onEditing, full, handle, topics, why }: Props) {
  const tagInput = useRef<HTMLInputElement>(null);
  const noteInput = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  handle.current = { focusTags: () => tagInput.current?.focus(), focusNote: () => noteInput.current?.focus() };

  const copy = (what: string, text: string) =>
    api.copy(text).then(
      () => setCopied(what),
      () => setCopied(`Could not copy ${what}`),
    );
  useEffect(() => setCopied(null), [paper.id]);

  const abs = safeHttpUrl(paper.url);
  const pdf = safeHttpUrl(paper.pdfUrl);
  return (
    <aside
      class="detail"
      aria-label="Selected paper"
      data-paper-radar-detail={paper.id}
      onFocusIn={(event) => (event.target === tagInput.current || event.target === noteInput.current) && onEditing(paper.id)}
    >
      {full && <h2 class="detail-title">{paper.title}</h2>}
      <div class="detail-actions">
        {abs && (
          <a href={abs} target="_blank" rel="noopener noreferrer" class="button">
            Abstract
          </a>
        )}
        {pdf && (
          <a href={pdf} target="_blank" rel="noopener noreferrer" class="button">
            PDF
          </a>
        )}
        <button type="button" data-paper-radar-action="copy-bibtex" onClick={() => void import('../src/library/bibtex').then(({ bibtexFor }) => copy('BibTeX', bibtexFor(paper)))}>
          Copy BibTeX
        </button>
        <button type="button" data-paper-radar-action="copy-markdown" onClick={() => void copy('Markdown link', markdownLink(paper))}>
          Copy Markdown
        </button>
        <span class="copied" role="status">
          {copied && (copied.startsWith('Could') ? copied : `${copied} copied`)}
        </span>
      </div>
      {why && (
        <p class="detail-why" data-paper-radar-why>
          {why.map((line) => (
            <span key={line}>{line}</span>
          ))}
        </p>
      )}
      <Authors paper={paper} api={api} all={full} />
      <Facts paper={paper} />
      {full && paper.abstract && (
        <p class="detail-abstract">
          <LinkedText text={paper.abstract} />
        </p>
      )}
      <LikeThis key={paper.id} paper={paper} index={index} api={api} />
      <TagEditor key={paper.id} paper={paper} index={index} version={version} topics={topics} input={tagInput} onSave={(tags) => saveTagsAndNote(paper.id, { tags })} />
      <NoteEditor key={paper.id} paper={paper} input={noteInput} onSave={(note) => saveTagsAndNote(paper.id, { note })} />
    </aside>
  );
}

/** In the popup's small pane the first few authors, the rest on request; the library page shows all. */
const AUTHORS_SHOWN = 6;

/**
 * The paper's authors, each a toggle that follows them (their papers rank higher, as if typed in
 * the options page) or stops following them.
 */
function Authors({ paper, api, all }: { paper: PaperRecord; api: LibraryApi; all: boolean }) {
  const [followed, setFollowed] = useState<readonly string[] | null>(null);
  const [expanded, setExpanded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const group = useRef<HTMLDivElement>(null);
  useEffect(() => {
    api.interests().then((i) => setFollowed(i.followedAuthors ?? []), () => setFollowed([]));
  }, [api]);
  useEffect(() => setExpanded(false), [paper.id]);
  // "+N more" goes as it is pressed: the focus goes to the first author it showed, not the body.
  const expand = () => {
    setExpanded(true);
    requestAnimationFrame(() => group.current?.querySelectorAll<HTMLButtonElement>('button.author')[AUTHORS_SHOWN]?.focus());
  };
  if (paper.authors.length === 0) return null;
  const shown = all || expanded ? paper.authors : paper.authors.slice(0, AUTHORS_SHOWN);
  const toggle = (name: string, on: boolean) =>
    api.follow(name, on).then(
      (now) => {
        setFollowed(now);
        setError(null);
      },
      (e: unknown) => setError(`Could not ${on ? 'follow' : 'stop following'} ${name}: ${errorText(e)}.`),
    );
  return (
    <div class="detail-authors" role="group" aria-label="Authors: press one to follow them" ref={group}>
      <span class="label" aria-hidden="true">
        Authors
      </span>
      {shown.map((name, i) => {
        const on = followed !== null && isFollowed(followed, name);
        return (
          <button
            type="button"
            class="author"
            key={i} // a list may name one person twice
            aria-pressed={on}
            disabled={followed === null}
            title={on ? 'Following: their papers rank higher. Click to stop.' : 'Follow: rank their papers higher'}
            onClick={() => void toggle(name, !on)}
          >
            {on ? `✓ ${name}` : `+ ${name}`}
          </button>
        );
      })}
      {shown.length < paper.authors.length && (
        <button type="button" class="link-button" onClick={expand}>
          {`+${paper.authors.length - shown.length} more`}
        </button>
      )}
      {shown.length === paper.authors.length && paper.authorsCut && <span class="authors-cut">and others (the page named only these)</span>}
      {error && (
        <span class="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** Ids · year · subjects on one line, then the venue and the authors' comments; nothing when none is known. */
function Facts({ paper }: { paper: PaperRecord }) {
  const { ids, year, subjects, venue, comments } = paperFacts(paper);
  const line = [...ids, year === null ? '' : String(year), subjects.join(', ')].filter((part) => part !== '');
  if (line.length === 0 && !venue && !comments) return null;
  return (
    <div class="detail-facts" data-paper-radar-facts>
      {line.length > 0 && <p>{line.join(' · ')}</p>}
      {venue && <p>{venue}</p>}
      {comments && (
        <p>
          Comments: <LinkedText text={comments} />
        </p>
      )}
    </div>
  );
}

/**
 * "More like this": on request (the first ask reads the whole library in the worker), the
 * library's papers most like this one, as links to their pages.
 */
function LikeThis({ paper, index, api }: { paper: PaperRecord; index: LibraryIndex | null; api: LibraryApi }) {
  const [found, setFound] = useState<ReadonlyArray<{ id: string; similarity: number }> | 'asking' | 'failed' | null>(null);
  const answer = useRef<HTMLDivElement>(null);
  // The button that asked goes with the answer: the focus goes to the answer, not the body.
  const answered = useRef(false);
  const ask = () => {
    setFound('asking');
    answered.current = false;
    api.similar(paper.id).then(setFound, () => setFound('failed'));
  };
  useEffect(() => {
    if (found === null || found === 'asking' || answered.current) return;
    answered.current = true;
    // Unless the user has gone on to something else meanwhile.
    if (document.activeElement === null || document.activeElement === document.body) answer.current?.focus();
  }, [found]);
  if (found === null || found === 'asking') {
    return (
      <p class="like-this">
        <button type="button" class="link-button" data-paper-radar-action="more-like-this" disabled={found === 'asking'} onClick={ask}>
          {found === 'asking' ? 'Looking through your library…' : 'More like this in your library'}
        </button>
      </p>
    );
  }
  return (
    <div class="like-this" data-paper-radar-like-this role="status" tabIndex={-1} ref={answer}>
      {found === 'failed' ? (
        <p>Could not look through your library.</p>
      ) : found.length === 0 ? (
        <p>Nothing in your library is much like it.</p>
      ) : (
        <>
          <p>Most like it in your library:</p>
          <ul>
            {found.map(({ id }) => {
              const other = index?.get(id);
              const href = safeHttpUrl(other?.url);
              const title = other?.title ?? id;
              return (
                <li key={id} data-paper-radar-similar={id}>
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      {title}
                    </a>
                  ) : (
                    title
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}

/** Page text with its web addresses as links (opened in a new tab, without a referrer). */
function LinkedText({ text }: { text: string }) {
  return (
    <>
      {linkParts(text).map((part, i) =>
        part.href ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

function TagEditor({
  paper,
  index,
  version,
  topics,
  input,
  onSave,
}: {
  paper: PaperRecord;
  index: LibraryIndex | null;
  version: number;
  topics: readonly string[];
  input: RefObject<HTMLInputElement | null>;
  /** Saves the tags added and taken off: true once stored. */
  onSave: (edit: TagEdit) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState('');
  /** What is wrong with the tags typed (too long, one too many): said, and the draft kept to mend. */
  const [problem, setProblem] = useState<string | null>(null);
  /** Escape left the field: its blur adds nothing. */
  const escaped = useRef(false);
  // Each edit sends what it adds and takes off (a tag another tab adds meanwhile stays), and the
  // paper's tags change only when the background answers: the list as edited here is shown, and
  // built on by the next edit, until every edit is answered (a tag removed and another added
  // before the first answer showed the removed one again). Then the paper's tags show as stored
  // (without an edit that failed).
  const [pending, setPending] = useState<string[] | null>(null);
  const unanswered = useRef(0);
  const listed = pending ?? paper.tags;
  const onChange = (tags: string[]) => {
    unanswered.current++;
    setPending(tags);
    void onSave(tagsDifference(listed, tags)).then(() => --unanswered.current === 0 && setPending(null));
  };
  const tags = useKnownTags(index, version);
  const known = [...new Set([...topics, ...tags])];
  const filedUnder = topics.filter((t) => listed.some((tag) => tag.toLowerCase() === t.toLowerCase()));
  const add = () => {
    const typed = typedTags(draft, known);
    const next = typed.tags ? withTags(listed, typed.tags) : typed;
    if (next.problem !== undefined) {
      setProblem(next.problem);
      return;
    }
    if (next.tags.length > listed.length) onChange(next.tags);
    setDraft('');
  };
  // A tag typed and not yet added is added as leaving the field adds it, also when the popup
  // closes with no blur.
  useOnLeave(() => void (!escaped.current && draft.trim() && add()));
  const listId = `tags-known`;
  return (
    <div class="tags-editor">
      <span class="label" id="tags-label">
        Tags
      </span>
      <ul class="tag-list" aria-labelledby="tags-label">
        {listed.map((tag) => (
          <li key={tag} class="tag">
            {tag}
            <button
              type="button"
              class="remove-tag"
              aria-label={`Remove tag ${tag}`}
              onClick={() => {
                onChange(listed.filter((t) => t !== tag));
                // The button goes with its tag: focus stays in the editor, not on the page's body.
                input.current?.focus();
              }}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        ref={input}
        class="tag-input"
        type="text"
        list={listId}
        placeholder="Add a tag (t)"
        aria-label="Add a tag"
        maxLength={TAG_LIST_CHARS}
        value={draft}
        data-paper-radar-input="tag"
        onInput={(e) => {
          setDraft((e.target as HTMLInputElement).value);
          setProblem(null);
        }}
        onKeyDown={(e) => {
          // Keys that pick or confirm an input method's candidate are the IME's: its Enter added
          // the word half composed as a tag. (229: the key that ended a composition, in Safari.)
          if (e.isComposing || e.keyCode === 229) return;
          if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault();
            add();
          } else if (e.key === 'Backspace' && !e.repeat && draft === '' && listed.length > 0) {
            // A press of its own on the empty field: Backspace held to erase the word typed went
            // on, repeating, to take off every tag of the paper.
            onChange(listed.slice(0, -1));
          } else if (e.key === 'Escape') {
            // Leaves the field and what was typed in it ("Leave a field"): leaving it otherwise adds that.
            escaped.current = true;
            setDraft('');
            (e.target as HTMLInputElement).blur();
          }
        }}
        onBlur={() => {
          if (!escaped.current && draft.trim()) add();
          escaped.current = false;
        }}
      />
      {problem && (
        <p class="error" role="alert" data-paper-radar-tag-problem>
          {problem}
        </p>
      )}
      {paper.starred && topics.length > 0 && (
        <p class="tag-hint">
          {filedUnder.length > 0 ? `Filed under ${filedUnder.join(', ')}: that topic learns from this star.` : `Tag it with a topic's name (${topics.slice(0, 2).join(', ')}) to file this star under that topic.`}
        </p>
      )}
      <datalist id={listId}>
        {known
          .filter((tag) => !listed.includes(tag))
          .map((tag) => (
            <option key={tag} value={tag} />
          ))}
      </datalist>
    </div>
  );
}

/**
 * Calls `leave` (as last rendered) when the popup closes, which tears its page down with no blur
 * and without unmounting anything (its pagehide), and when the library's tab is hidden.
 */
function useOnLeave(leave: () => void): void {
  const latest = useRef(leave);
  latest.current = leave;
  useEffect(() => {
    const onLeave = () => latest.current();
    const onHidden = () => document.visibilityState === 'hidden' && onLeave();
    window.addEventListener('pagehide', onLeave);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('pagehide', onLeave);
      document.removeEventListener('visibilitychange', onHidden);
    };
  }, []);
}

/** The library's tags, most used first: derived from the index, recomputed when it changes. */
export function useKnownTags(index: LibraryIndex | null, version: number): string[] {
  return useMemo(() => (index ? index.tags().map((t) => t.tag) : []), [index, version]);
}

/**
 * Notes not saved (the background refused or did not answer), by paper id, for as long as the
 * popup is open: the editor is made anew for each paper, and a draft only it held was lost when
 * the user looked at another paper. Coming back finds it, still said not saved; leaving the paper
 * tries again.
 */
const unsavedNotes = new Map<string, string>();

function NoteEditor({ paper, input, onSave }: { paper: PaperRecord; input: RefObject<HTMLTextAreaElement | null>; onSave: (note: string) => Promise<boolean> }) {
  const [draft, setDraft] = useState(() => unsavedNotes.get(paper.id) ?? paper.note);
  const [status, setStatus] = useState<'saved' | 'saving' | 'failed' | null>(() => (unsavedNotes.has(paper.id) ? 'failed' : null));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(draft);
  /**
   * The note as stored that the draft began from: the draft differs from it by the user's edits
   * not saved yet. Compared in the stored form (normalizeNote): the draft may end in a space or a
   * new line the user is about to type on from, which the note as stored has not.
   */
  const basedOn = useRef(paper.note);
  // A note changed elsewhere (another tab, an import) replaces a draft the user has not edited:
  // else the editor showed the old note, and leaving the field saved it over the new one. The
  // note just saved, coming back, is the draft's own (and the draft stays as typed, its new line
  // at the end with it). Edits not saved yet stay, and win when saved.
  useEffect(() => {
    if (paper.note === basedOn.current) return;
    const typed = normalizeNote(latest.current);
    if (typed !== basedOn.current && typed !== paper.note) return;
    basedOn.current = paper.note;
    if (typed === paper.note) return;
    latest.current = paper.note;
    setDraft(paper.note);
  }, [paper.note]);
  const save = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const note = latest.current;
    if (normalizeNote(note) === basedOn.current) {
      unsavedNotes.delete(paper.id);
      return;
    }
    setStatus('saving');
    // Not saved: the draft stays, here and in unsavedNotes, and leaving the field (or the paper)
    // again tries again. Kept there only once refused: a save still on its way is not sent again
    // as the user moves on.
    void onSave(note).then((saved) => {
      if (saved) {
        basedOn.current = normalizeNote(note);
        if (unsavedNotes.get(paper.id) === note) unsavedNotes.delete(paper.id);
      } else unsavedNotes.set(paper.id, note);
      setStatus(saved ? 'saved' : 'failed');
    });
  };
  // Leaving the paper saves what was typed, or tries again what could not be saved; so does
  // closing the popup or hiding the library's tab.
  const flush = () => void ((timer.current || unsavedNotes.has(paper.id)) && save());
  useOnLeave(flush);
  useEffect(() => () => flush(), []);
  return (
    <label class="note-editor">
      <span class="label">
        Note {status === 'saving' ? '(saving…)' : status === 'saved' ? '(saved)' : status === 'failed' ? '(not saved)' : ''}
      </span>
      <textarea
        ref={input}
        rows={3}
        maxLength={LIMITS.note}
        placeholder="Your note (n)"
        data-paper-radar-input="note"
        value={draft}
        onInput={(e) => {
          latest.current = (e.target as HTMLTextAreaElement).value;
          setDraft(latest.current);
          setStatus(null);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(save, NOTE_SAVE_DELAY_MS);
        }}
        onBlur={save}
        onKeyDown={(e) => e.key === 'Escape' && (e.target as HTMLTextAreaElement).blur()}
      />
    </label>
  );
}
