/**
 * The question asked before a BibTeX or RIS file whose papers come with tags or notes is
 * imported: which of its tags to keep (each on its own, most used first), and whether to keep
 * its notes. A reference manager's keywords are not always the user's: Zotero gives every arXiv
 * paper an automatic tag such as "Computer Science - Machine Learning", which a user may drop
 * while keeping their own "reading group".
 */
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PaperRecord } from '../src/core/paper';

/** What to keep of the file's tags and notes; null: import nothing (cancelled). */
export type ImportAnswer = { tags: ReadonlySet<string>; notes: boolean } | null;

interface Props {
  name: string;
  papers: readonly PaperRecord[];
  onAnswer: (answer: ImportAnswer) => void;
}

export function ImportQuestion({ name, papers, onAnswer }: Props) {
  const tagCounts = useMemo(() => countTags(papers), [papers]);
  const allTags = () => new Set(tagCounts.map(([tag]) => tag));
  const noted = useMemo(() => papers.filter((p) => p.note !== '').length, [papers]);
  const [kept, setKept] = useState<ReadonlySet<string>>(allTags);
  const [notes, setNotes] = useState(noted > 0);
  const everything = kept.size === tagCounts.length && notes === (noted > 0);
  // The question takes focus, as a dialog would, and is read out with it: the group is described
  // by its summary (focus lands on a button inside, whose own name says nothing of the file).
  const importButton = useRef<HTMLButtonElement>(null);
  const summaryId = useId();
  // Taken from the file field (or from nowhere, the field disabled while the file was read), not
  // from wherever the user went meanwhile: a search typed on would have gone on into the question,
  // a Space answering it unread.
  useLayoutEffect(() => {
    const button = importButton.current;
    const active = button?.ownerDocument.activeElement;
    const fromImport = !active || active === button?.ownerDocument.body || (active instanceof HTMLInputElement && active.type === 'file');
    if (fromImport) button?.focus();
  }, []);
  const toggle = (tag: string, on: boolean) => {
    const next = new Set(kept);
    if (on) next.add(tag);
    else next.delete(tag);
    setKept(next);
  };

  return (
    <div
      class="import-message import-question"
      role="group"
      aria-label="Tags and notes from the file"
      aria-describedby={summaryId}
      data-paper-radar-import-question
      // Escape is Cancel, as in a dialog.
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onAnswer(null);
        }
      }}
    >
      <p class="import-summary" id={summaryId}>{`${annotationSummary(name, papers)} Keep them?`}</p>
      {tagCounts.length > 0 && (
        <fieldset class="import-tags">
          <legend>
            Tags to keep{' '}
            {tagCounts.length > 1 && (
              <>
                <button type="button" class="link-button" data-paper-radar-action="import-tags-all" onClick={() => setKept(allTags())}>
                  all
                </button>{' '}
                <button type="button" class="link-button" data-paper-radar-action="import-tags-none" onClick={() => setKept(new Set())}>
                  none
                </button>
              </>
            )}
          </legend>
          <ul>
            {tagCounts.map(([tag, count]) => (
              <li key={tag}>
                <label>
                  <input type="checkbox" checked={kept.has(tag)} data-paper-radar-import-tag={tag} onChange={(e) => toggle(tag, (e.target as HTMLInputElement).checked)} />
                  {` ${tag} `}
                  <span class="uses">{`(${count})`}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {noted > 0 && (
        <label class="import-notes">
          <input type="checkbox" checked={notes} data-paper-radar-import-notes onChange={(e) => setNotes((e.target as HTMLInputElement).checked)} />
          {` Keep their notes (${noted})`}
        </label>
      )}
      <div class="import-answers">
        <button type="button" ref={importButton} data-paper-radar-action="import-with-annotations" onClick={() => onAnswer({ tags: kept, notes })}>
          {everything ? 'Import with them' : 'Import with those checked'}
        </button>
        <button type="button" data-paper-radar-action="import-without-annotations" onClick={() => onAnswer({ tags: new Set(), notes: false })}>
          Import without
        </button>
        <button type="button" class="link-button" data-paper-radar-action="import-cancel" onClick={() => onAnswer(null)}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/**
 * The papers with only the tags and notes the user chose to keep. A paper left with neither has
 * no annotation time either: else it would outdate the tags and note a backup imported later gives it.
 */
export function keepAnnotations(papers: readonly PaperRecord[], answer: NonNullable<ImportAnswer>): PaperRecord[] {
  return papers.map((p) => {
    const kept = { ...p, tags: p.tags.filter((tag) => answer.tags.has(tag)), note: answer.notes ? p.note : '' };
    return isAnnotated(kept) ? kept : { ...kept, annotatedAt: null };
  });
}

export const isAnnotated = (paper: PaperRecord) => paper.tags.length > 0 || paper.note !== '';

/** Each tag of the papers with how many papers carry it, most used first (then by name). */
function countTags(papers: readonly PaperRecord[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const p of papers) for (const tag of new Set(p.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** "refs.ris: 12 of 40 papers come with tags (5 tags: “a”, “b”, “c” and 2 more); 2 with a note." */
export function annotationSummary(name: string, papers: readonly PaperRecord[]): string {
  const count = (n: number) => (papers.length === 1 ? 'The paper' : `${n} of ${papers.length} papers`);
  const tagged = papers.filter((p) => p.tags.length > 0).length;
  const noted = papers.filter((p) => p.note !== '').length;
  const tags = [...new Set(papers.flatMap((p) => p.tags))].sort((a, b) => a.localeCompare(b));
  const shown = tags.slice(0, 3).map((tag) => `“${tag}”`).join(', ');
  const named = tags.length === 1 ? shown : `${tags.length} tags: ${tags.length > 3 ? `${shown} and ${tags.length - 3} more` : shown}`;
  const parts: string[] = [];
  if (tagged > 0) parts.push(`${count(tagged)} ${papers.length === 1 ? 'comes' : 'come'} with tags (${named})`);
  if (noted > 0) parts.push(tagged > 0 ? `${papers.length === 1 ? 'and' : `${noted}`} with a note` : `${count(noted)} ${papers.length === 1 ? 'comes' : 'come'} with a note`);
  return `${name}: ${parts.join(papers.length === 1 ? ' ' : '; ')}.`;
}
