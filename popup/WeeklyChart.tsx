/**
 * Papers seen and starred per week (src/library/weekly.ts) as a small inline SVG bar chart: two
 * bars side by side per week. No chart library: a scale, two rects a week, a few labels.
 *
 * Theming: text and axis use currentColor; the bars' colors are CSS custom properties with
 * defaults (--pr-seen, --pr-starred), set by the caller's stylesheet for light and dark themes.
 * (As inline style: var() does not work in SVG presentation attributes.)
 *
 * Accessibility: the SVG is an image named by its <title>, with a one-sentence summary in its
 * <desc>; the numbers themselves are in a visually hidden table (a screen reader can walk it by
 * week), and each bar has a <title> tooltip for mouse users.
 */
import { useId } from 'preact/hooks';
import type { WeekCount } from '../src/library/weekly';
import { dateFormatIn } from './format';

const WIDTH = 320;
const HEIGHT = 120;
const MARGIN = { top: 8, right: 4, bottom: 16, left: 26 };
/** At most this many week labels under the bars (more would overlap at this width). */
const MAX_LABELS = 4;

const SEEN_COLOR = 'var(--pr-seen, #8aa)';
const STARRED_COLOR = 'var(--pr-starred, #d4a017)';

/** "Nov 3" in the user's locale (see dateFormatIn). */
const WEEK_LABEL = dateFormatIn({ month: 'short', day: 'numeric' });

export function formatWeek(weekStart: number): string {
  return WEEK_LABEL().format(new Date(weekStart));
}

/**
 * The scale's top value, short ("10K"): the margin holds four characters, and "10000" lost its
 * first digit to the chart's edge (a week of 10,000 papers: a large import). In English: other
 * locales' short forms are longer ("10.000", "10 тыс.") or mix digits ("١٠ ألف" over "0").
 */
const SCALE_LABEL = new Intl.NumberFormat('en', { notation: 'compact' });
export function formatScale(value: number): string {
  return value < 1000 ? String(value) : SCALE_LABEL.format(value);
}

/** The smallest of 1, 2, 5 × 10^k at or above `max`: a round top for the scale. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

export function WeeklyChart({ weeks, title = 'Papers seen and starred per week' }: { weeks: readonly WeekCount[]; title?: string }) {
  const id = useId();
  const top = niceMax(Math.max(0, ...weeks.map((w) => Math.max(w.seen, w.starred))));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const band = weeks.length > 0 ? plotWidth / weeks.length : plotWidth;
  const bar = band * 0.36;
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  // Label every step-th week, counting back from the newest so that "this week" is labeled.
  const step = Math.max(1, Math.ceil(weeks.length / MAX_LABELS));
  const baseline = MARGIN.top + plotHeight;

  return (
    <figure class="weekly-chart" style={{ margin: 0 }}>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" style={{ display: 'block', color: 'inherit' }}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summarize(weeks)}</desc>
        {/* Scale: the top value and zero, with a faint line at the top. */}
        <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(top)} y2={y(top)} stroke="currentColor" stroke-opacity="0.15" />
        <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={baseline} y2={baseline} stroke="currentColor" stroke-opacity="0.4" />
        <text x={MARGIN.left - 4} y={y(top) + 3} text-anchor="end" font-size="9" fill="currentColor">
          {formatScale(top)}
        </text>
        <text x={MARGIN.left - 4} y={baseline} text-anchor="end" font-size="9" fill="currentColor">
          0
        </text>
        {weeks.map((week, i) => {
          const x = MARGIN.left + i * band + (band - 2 * bar) / 2;
          const label = formatWeek(week.weekStart);
          return (
            <g key={week.weekStart}>
              <rect data-series="seen" x={x} y={y(week.seen)} width={bar} height={baseline - y(week.seen)} style={{ fill: SEEN_COLOR }}>
                <title>{`Week of ${label}: ${week.seen} seen`}</title>
              </rect>
              <rect data-series="starred" x={x + bar} y={y(week.starred)} width={bar} height={baseline - y(week.starred)} style={{ fill: STARRED_COLOR }}>
                <title>{`Week of ${label}: ${week.starred} starred`}</title>
              </rect>
              {(weeks.length - 1 - i) % step === 0 && (
                <text class="week-label" x={MARGIN.left + (i + 0.5) * band} y={HEIGHT - 4} text-anchor="middle" font-size="9" fill="currentColor">
                  {label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption class="weekly-legend" style={{ fontSize: '11px' }}>
        <Swatch color={SEEN_COLOR} /> Seen <Swatch color={STARRED_COLOR} /> Starred
      </figcaption>
      <table style={VISUALLY_HIDDEN}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col">Seen</th>
            <th scope="col">Starred</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.weekStart}>
              <th scope="row">{formatWeek(week.weekStart)}</th>
              <td>{week.seen}</td>
              <td>{week.starred}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function Swatch({ color }: { color: string }) {
  return <span aria-hidden="true" style={{ display: 'inline-block', width: '9px', height: '9px', marginLeft: '6px', background: color }} />;
}

/** One sentence for the image's description. */
function summarize(weeks: readonly WeekCount[]): string {
  const seen = weeks.reduce((sum, w) => sum + w.seen, 0);
  const starred = weeks.reduce((sum, w) => sum + w.starred, 0);
  if (weeks.length === 0 || (seen === 0 && starred === 0)) return `No papers seen or starred in the last ${weeks.length} weeks.`;
  const busiest = weeks.reduce((best, w) => (w.seen > best.seen ? w : best));
  // No busiest week when none had a paper seen (papers seen long ago, starred now).
  const most = busiest.seen > 0 ? `; most seen in the week of ${formatWeek(busiest.weekStart)} (${busiest.seen})` : '';
  return `Last ${weeks.length} weeks: ${seen} ${seen === 1 ? 'paper' : 'papers'} seen and ${starred} starred${most}.`;
}

/** Hidden on screen, read by screen readers (the usual clip pattern). */
const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  padding: 0,
  margin: '-1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;
