/** A picture of the user's reading: papers seen and starred per week, and what drives recommendations. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { drivingTerms, type TopicDrivers } from '../src/library/insights';
import type { LibraryIndex } from '../src/library/search';
import { weeklyCounts } from '../src/library/weekly';
import type { LibraryApi } from './library-api';
import { WeeklyChart } from './WeeklyChart';

const WEEKS = 12;

export function Insights({ api, records, version }: { api: LibraryApi; records: LibraryIndex | null; version: number }) {
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
    </div>
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
