/**
 * One paper in the library's list: title (a link to its page), authors, when it was starred or
 * seen, its tags, the start of its note, and star / read toggles; outside the Starred view also
 * a dismiss one (in Starred a stray click would unstar a paper the user chose to keep).
 * Rows have one fixed height (ROW_HEIGHT, matched in popup.css) so the list can render only the
 * visible ones.
 *
 * A toggle keeps one name ("Read: <title>") and tells its state by aria-pressed, as on listing
 * pages: a name that flipped to "Mark unread" would say the state twice, and would no longer
 * contain the button's visible text ("✓ read"), which speech-input users say to press it.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { PaperRecord } from '../src/core/paper';
import { safeHttpUrl, truncate } from '../src/core/text';
import type { LibraryView } from '../src/library/search';
import type { Flag } from '../src/messages';
import { authorsLine, formatDate } from './format';

export const ROW_HEIGHT = 76;
const TAGS_SHOWN = 3;
/** The start of a note a row shows after its tags (the line then ends in an ellipsis), and in its tooltip. */
const NOTE_SNIPPET_CHARS = 80;
const NOTE_TITLE_CHARS = 500;

/** A note's first words on one line: what a row shows of it, so notes can be told apart while scanning the list. */
export function noteSnippet(note: string): string {
  const line = note.replace(/\s+/g, ' ').trim();
  // truncate: an emoji cut in half would show as a replacement character.
  return line.length > NOTE_SNIPPET_CHARS ? `${truncate(line, NOTE_SNIPPET_CHARS - 1)}…` : line;
}

interface Props {
  paper: PaperRecord;
  view: LibraryView;
  score: number | null;
  /** Its best topic's name, shown beside the score (Recommended, with several topics). */
  topic?: string | null;
  active: boolean;
  /** Focus moves here once the row is rendered (the keyboard moved on from a row that had it). */
  takeFocus?: boolean;
  onSelect: () => void;
  /** Sets a mark on the paper as the row shows it. */
  onFlag: (paper: PaperRecord, flag: Flag, value: boolean) => void;
}

export function PaperRow({ paper, view, score, topic = null, active, takeFocus = false, onSelect, onFlag }: Props) {
  const href = safeHttpUrl(paper.url);
  const row = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (takeFocus) row.current?.querySelector<HTMLElement>('a.title, button')?.focus();
  }, [takeFocus]);
  const [label, time] = view === 'starred' ? ['starred', paper.starredAt] : ['seen', paper.lastSeenAt];
  return (
    <div
      class={`paper${paper.read ? ' read' : ''}${paper.dismissed ? ' dismissed' : ''}${active ? ' active' : ''}`}
      data-paper-radar-id={paper.id}
      aria-current={active ? 'true' : undefined}
      ref={row}
      onClick={onSelect}
      // Tab into a row makes it the active one: r, s and x act on the row focused, not another.
      onFocusIn={onSelect}
      style={{ height: `${ROW_HEIGHT}px` }}
    >
      <div class="paper-main">
        {href ? (
          <a class="title" href={href} target="_blank" rel="noopener noreferrer" title={paper.title}>
            {paper.title}
          </a>
        ) : (
          <span class="title">{paper.title}</span>
        )}
        <AuthorsLine authors={paper.authors} cut={paper.authorsCut === true} />
        <div class="meta">
          {time !== null && <span>{`${label} ${formatDate(time)}`}</span>}
          {view === 'recommended' && score !== null && <span class="score" title="Relevance to your interests (0–100)">{` · ${score}`}</span>}
          {topic && <span class="row-topic">{` ${topic}`}</span>}
          {paper.tags.slice(0, TAGS_SHOWN).map((tag) => (
            <span key={tag} class="tag">
              {tag}
            </span>
          ))}
          {paper.tags.length > TAGS_SHOWN && <span class="tag more">+{paper.tags.length - TAGS_SHOWN}</span>}
          {paper.note !== '' && (
            <span class="has-note" title={truncate(paper.note, NOTE_TITLE_CHARS)} data-paper-radar-note-snippet>
              {/* Heard as "Note: …", not as the pencil's name. */}
              <span aria-hidden="true">✎ </span>
              <span class="visually-hidden">Note: </span>
              {noteSnippet(paper.note)}
            </span>
          )}
        </div>
      </div>
      <div class="actions">
        <Toggle paper={paper} flag="starred" onFlag={onFlag} />
        {view !== 'starred' && <Toggle paper={paper} flag="dismissed" onFlag={onFlag} />}
        <Toggle paper={paper} flag="read" onFlag={onFlag} />
      </div>
    </div>
  );
}

/** Each toggle's action (as on listing pages), accessible name, and text and tooltip when off and on. */
const TOGGLES: Record<Flag, { action: string; name: string; text: [string, string]; title: [string, string] }> = {
  starred: { action: 'star', name: 'Star', text: ['☆', '★'], title: ['Star (s)', 'Unstar (s)'] },
  dismissed: { action: 'dismiss', name: 'Dismiss', text: ['✕', '✕'], title: ['Dismiss: not interested, see fewer like this (x)', 'Dismissed: undo (x)'] },
  read: { action: 'read', name: 'Read', text: ['read', '✓ read'], title: ['Mark read (r)', 'Mark unread (r)'] },
};

/** Whether the focus is on a toggle of this mark (which tells its own change, by aria-pressed). */
export function toggleFocused(flag: Flag): boolean {
  const focused = document.activeElement;
  return focused instanceof HTMLElement && focused.hasAttribute('aria-pressed') && focused.dataset['paperRadarAction'] === TOGGLES[flag].action;
}

/** A star, read or dismiss toggle for one paper (also used by Insights). */
export function Toggle({ paper, flag, onFlag }: { paper: PaperRecord; flag: Flag; onFlag: Props['onFlag'] }) {
  const { action, name, text, title } = TOGGLES[flag];
  const on = paper[flag];
  return (
    <button
      type="button"
      class={action}
      data-paper-radar-action={action}
      aria-pressed={on}
      aria-label={`${name}: ${paper.title}`}
      title={title[Number(on)]}
      onClick={(e) => {
        e.stopPropagation();
        onFlag(paper, flag, !on);
      }}
    >
      {text[Number(on)]}
    </button>
  );
}

/** The names cut short with an ellipsis where the row is too narrow; the count always shown. */
function AuthorsLine({ authors, cut }: { authors: readonly string[]; cut: boolean }) {
  const { names, count } = authorsLine(authors, cut);
  return (
    <div class="authors">
      <span class="names">{names}</span>
      {count && <span class="author-count">{count}</span>}
    </div>
  );
}
