/**
 * A picture of the user's reading: papers seen and starred per week, what drives
 * recommendations, and the papers the model is least sure about, to star or dismiss.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PaperRecord } from '../src/core/paper';
import { safeHttpUrl } from '../src/core/text';
import type { Flag } from '../src/messages';
import { drivingTerms, type TopicDrivers } from '../src/library/insights';
import type { LibraryIndex } from '../src/library/search';
import { weeklyCounts } from '../src/library/weekly';
import type { LibraryApi, Relevance } from './library-api';
import { Toggle } from './PaperRow';
import { WeeklyChart } from './WeeklyChart';

const WEEKS = 12;
/** How many unsure papers are offered at a time. */
const UNSURE_SHOWN = 5;
/** The score of the "high" tier's threshold: the line between relevant and not (see toScore). */
const RELEVANT_LINE = 75;

interface Props {
  api: LibraryApi;
  records: LibraryIndex | null;
  version: number;
  /** The scores of the papers Recommended ranks (seen, not starred, read or dismissed). */
  relevance: Relevance | null | undefined;
  onFlag: (paper: PaperRecord, flag: Flag, value: boolean) => void;
}

export function Insights({ api, records, version, relevance, onFlag }: Props) {
  const weeks = useMemo(() => (records ? weeklyCounts(records.all(), Date.now(), WEEKS) : null), [records, version]);
  const [drivers, setDrivers] = useState<TopicDrivers[] | null>(null);
  useEffect(() => {
    api.model().then((model) => setDrivers(model ? drivingTerms(model) : []), () => setDrivers([]));
  }, [api, version]);
  return (
    <div class="insights">
      <h2>Last {WEEKS} weeks</h2>
      {weeks ? <WeeklyChart weeks={weeks} /> : <p class="empty">Loading…</p>}
      <h2>What drives your recommendations</h2>
      {drivers === null ? (
        <p class="empty">Loading…</p>
      ) : drivers.length === 0 ? (
        <p class="empty">Star a few papers or type some interests: the words that matter most to your ranking show up here.</p>
      ) : (
        drivers.map((d) => <TopicTerms key={d.topic} drivers={d} />)
      )}
      <Unsure records={records} version={version} relevance={relevance} onFlag={onFlag} />
    </div>
  );
}

/**
 * The papers scored closest to the line between relevant and not, either side of it: a star or
 * a ✕ on one of these teaches the model more than one on a paper it already ranks clearly
 * (the idea of uncertainty sampling in active learning). A paper answered leaves the list.
 */
function Unsure({ records, version, relevance, onFlag }: Pick<Props, 'records' | 'version' | 'relevance' | 'onFlag'>) {
  const unsure = useMemo(() => {
    if (!records || !relevance) return [];
    const open = (p: PaperRecord | undefined): p is PaperRecord => p !== undefined && !p.starred && !p.dismissed && !p.read;
    return [...relevance.scores]
      .sort(([, a], [, b]) => Math.abs(a - RELEVANT_LINE) - Math.abs(b - RELEVANT_LINE))
      .map(([id]) => records.get(id))
      .filter(open)
      .slice(0, UNSURE_SHOWN);
  }, [records, version, relevance]);
  // Answering is done paper after paper: the answered paper leaves the list, and the focus it
  // held goes to the same button of the paper that took its place, not to the page's <body>
  // (a keyboard or screen-reader user would start again from the top).
  const section = useRef<HTMLElement>(null);
  const focused = useRef<{ id: string; action: string | undefined; at: number } | null>(null);
  useEffect(() => {
    const was = focused.current;
    if (!was || unsure.some((paper) => paper.id === was.id)) return;
    focused.current = null;
    if (document.activeElement !== null && document.activeElement !== document.body) return;
    const items = section.current?.querySelectorAll<HTMLElement>('[data-paper-radar-unsure]') ?? [];
    const item = items[Math.min(was.at, items.length - 1)];
    (item?.querySelector<HTMLElement>(`[data-paper-radar-action="${was.action}"]`) ?? item?.querySelector<HTMLElement>('a, button'))?.focus();
  }, [unsure]);
  const onFocusIn = (event: FocusEvent) => {
    const target = event.target as HTMLElement;
    const item = target.closest<HTMLElement>('[data-paper-radar-unsure]');
    const items = [...(section.current?.querySelectorAll('[data-paper-radar-unsure]') ?? [])];
    focused.current = item ? { id: item.dataset['paperRadarUnsure']!, action: target.dataset['paperRadarAction'], at: items.indexOf(item) } : null;
  };
  if (unsure.length === 0) return null;
  return (
    <section class="unsure" aria-labelledby="unsure-heading" ref={section} onFocusIn={onFocusIn}>
      <h2 id="unsure-heading">Help it learn</h2>
      <p class="muted">These are the seen papers it is least sure about. A star (☆) or a ✕ on each teaches it most.</p>
      <ul>
        {unsure.map((paper) => {
          const href = safeHttpUrl(paper.url);
          return (
            <li key={paper.id} data-paper-radar-unsure={paper.id}>
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer">
                  {paper.title}
                </a>
              ) : (
                <span>{paper.title}</span>
              )}
              <span class="muted" data-paper-radar-unsure-score title="Relevance to your interests (0–100)">
                {relevance!.scores.get(paper.id)}
              </span>
              <span class="unsure-actions">
                <Toggle paper={paper} flag="starred" onFlag={onFlag} />
                <Toggle paper={paper} flag="dismissed" onFlag={onFlag} />
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function TopicTerms({ drivers }: { drivers: TopicDrivers }) {
  const max = Math.max(...drivers.raising.map((t) => t.weight), ...drivers.lowering.map((t) => -t.weight), 1e-9);
  return (
    <section class="drivers" aria-label={`Topic ${drivers.topic}`}>
      <h3>
        {drivers.topic} <span class="muted">{`· learned from ${drivers.stars} ${drivers.stars === 1 ? 'star' : 'stars'}`}</span>
      </h3>
      <ul class="term-bars">
        {drivers.raising.map((t) => (
          <li key={t.text}>
            <span class="term">{t.text}</span>
            <span class="bar up" style={{ width: `${Math.round((t.weight / max) * 100)}%` }} />
          </li>
        ))}
      </ul>
      {drivers.lowering.length > 0 && (
        <p class="muted lowering">{`Counts against: ${drivers.lowering.map((t) => t.text).join(', ')}`}</p>
      )}
    </section>
  );
}
