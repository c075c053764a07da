/** A list of papers with their star and read toggles. */
import type { PaperRecord } from '../src/core/paper';
import { safeHttpUrl } from '../src/core/text';
import type { Flag } from '../src/messages';

interface Props {
  papers: PaperRecord[];
  when: (paper: PaperRecord) => number | null;
  whenLabel: string;
  empty: string;
  onFlag: (id: string, flag: Flag, value: boolean) => void;
}

const MAX_AUTHORS_SHOWN = 4;

export function formatAuthors(authors: readonly string[]): string {
  if (authors.length <= MAX_AUTHORS_SHOWN) return authors.join(', ');
  return `${authors.slice(0, MAX_AUTHORS_SHOWN - 1).join(', ')}, … (${authors.length} authors)`;
}

export function formatDate(time: number | null): string {
  if (time === null) return '';
  return new Date(time).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function PaperList({ papers, when, whenLabel, empty, onFlag }: Props) {
  if (papers.length === 0) return <p class="empty">{empty}</p>;
  return (
    <ul class="papers">
      {papers.map((paper) => (
        <PaperItem key={paper.id} paper={paper} time={when(paper)} whenLabel={whenLabel} onFlag={onFlag} />
      ))}
    </ul>
  );
}

function PaperItem({
  paper,
  time,
  whenLabel,
  onFlag,
}: {
  paper: PaperRecord;
  time: number | null;
  whenLabel: string;
  onFlag: Props['onFlag'];
}) {
  const href = safeHttpUrl(paper.url);
  return (
    <li class={paper.read ? 'paper read' : 'paper'} data-paper-radar-id={paper.id}>
      <div class="paper-main">
        {href ? (
          <a class="title" href={href} target="_blank" rel="noopener noreferrer">
            {paper.title}
          </a>
        ) : (
          <span class="title">{paper.title}</span>
        )}
        <div class="authors">{formatAuthors(paper.authors)}</div>
        <div class="meta">
          <span class="id">{paper.id}</span>
          {time !== null && (
            <span>
              {' · '}
              {whenLabel} {formatDate(time)}
            </span>
          )}
        </div>
      </div>
      <div class="actions">
        <button
          type="button"
          class="star"
          data-paper-radar-action="star"
          aria-pressed={paper.starred}
          aria-label={`${paper.starred ? 'Unstar' : 'Star'}: ${paper.title}`}
          title={paper.starred ? 'Unstar' : 'Star'}
          onClick={() => onFlag(paper.id, 'starred', !paper.starred)}
        >
          {paper.starred ? '★' : '☆'}
        </button>
        <button
          type="button"
          class="read"
          data-paper-radar-action="read"
          aria-pressed={paper.read}
          aria-label={`${paper.read ? 'Mark unread' : 'Mark read'}: ${paper.title}`}
          title={paper.read ? 'Mark unread' : 'Mark read'}
          onClick={() => onFlag(paper.id, 'read', !paper.read)}
        >
          {paper.read ? '✓ read' : 'read'}
        </button>
      </div>
    </li>
  );
}
