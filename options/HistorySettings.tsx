/**
 * History: how many papers the user has only seen, forgetting them now (those last seen before a
 * chosen time, after a confirmation that says how many), and forgetting them automatically after
 * a while (src/history-settings.ts; the worker applies it). Papers the user did anything with
 * are never forgotten (src/store/forget.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import { DAY_MS, FORGET_AFTER_CHOICES, type HistorySettings as Settings } from '../src/history-settings';

export interface HistoryApi {
  /** The papers only seen, and how many were last seen before each cutoff. */
  summary(cutoffs: number[]): Promise<{ count: number; oldestSeenAt: number | null; before: number[] }>;
  /** Forgets those last seen before `before` (null: all); resolves with how many. */
  forget(before: number | null): Promise<number>;
  load(): Promise<Settings>;
  save(settings: Settings): Promise<void>;
  now(): number;
}

/** What "forget now" offers: those last seen more than this many days ago (null: any time). */
const FORGET_NOW_CHOICES: ReadonlyArray<{ days: number | null; label: string }> = [
  { days: 7, label: 'more than a week ago' },
  { days: 30, label: 'more than a month ago' },
  { days: 182, label: 'more than 6 months ago' },
  { days: 365, label: 'more than a year ago' },
  { days: null, label: 'at any time' },
];

const papers = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'paper' : 'papers'}`;

export function HistorySettings({ api }: { api: HistoryApi }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [summary, setSummary] = useState<{ count: number; oldestSeenAt: number | null; counts: Map<number | null, number> } | null>(null);
  const [choice, setChoice] = useState<number | null>(FORGET_NOW_CHOICES[1]!.days);
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = () => {
    const now = api.now();
    const dated = FORGET_NOW_CHOICES.filter((c) => c.days !== null).map((c) => c.days!);
    api.summary(dated.map((days) => now - days * DAY_MS)).then(
      ({ count, oldestSeenAt, before }) => setSummary({ count, oldestSeenAt, counts: new Map<number | null, number>([...dated.map((days, i) => [days, before[i]!] as const), [null, count]]) }),
      (e: unknown) => setError(`Could not read your history: ${String(e)}`),
    );
  };
  useEffect(() => {
    refresh();
    api.load().then(setSettings, (e: unknown) => setError(`Could not read the history setting: ${String(e)}`));
  }, [api]);

  const chosenCount = summary?.counts.get(choice) ?? 0;
  const forget = () => {
    setConfirming(false);
    setOutcome(`Forgetting ${papers(chosenCount)}…`);
    setBusy(true);
    api
      .forget(choice === null ? null : api.now() - choice * DAY_MS)
      .then(
        (n) => setOutcome(`Forgot ${papers(n)}.`),
        (e: unknown) => {
          setOutcome(null);
          setError(`Could not forget them: ${String(e)}`);
        },
      )
      .finally(() => {
        setBusy(false);
        refresh();
      });
  };
  const saveAfter = (value: string) => {
    const next: Settings = { forgetAfterDays: value === '' ? null : Number(value) };
    setSettings(next);
    api.save(next).catch((e: unknown) => setError(`Could not save the history setting: ${String(e)}`));
  };

  return (
    <section class="history-settings" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p data-paper-radar-history-summary>
        {summary === null
          ? 'Counting…'
          : summary.count === 0
            ? 'You have no papers you have only seen.'
            : `You have only seen ${papers(summary.count)}: not starred, read, dismissed, tagged or noted. The one seen longest ago was last seen on ${new Date(summary.oldestSeenAt!).toLocaleDateString()}.`}
      </p>
      {summary !== null && summary.count > 0 && (
        <div class="forget-now">
          <label>
            {'Forget those last seen '}
            <select
              data-paper-radar-setting="forget-now"
              value={choice === null ? '' : String(choice)}
              onChange={(e) => {
                const value = (e.currentTarget as HTMLSelectElement).value;
                setChoice(value === '' ? null : Number(value));
                setConfirming(false);
              }}
            >
              {FORGET_NOW_CHOICES.map(({ days, label }) => (
                <option key={label} value={days === null ? '' : String(days)}>{`${label} (${(summary.counts.get(days) ?? 0).toLocaleString()})`}</option>
              ))}
            </select>
          </label>{' '}
          <button type="button" data-paper-radar-action="forget" disabled={chosenCount === 0 || busy} onClick={() => setConfirming(true)}>
            Forget…
          </button>
        </div>
      )}
      {confirming && (
        <div class="confirm" role="group" aria-labelledby="forget-question">
          <p id="forget-question">
            {chosenCount === 1
              ? 'Forget 1 paper? It leaves your history and library for good; seen again on a listing, it is new.'
              : `Forget ${papers(chosenCount)}? They leave your history and library for good; seen again on a listing, they are new.`}
          </p>
          <button type="button" data-paper-radar-action="forget-confirm" onClick={forget}>
            {`Forget ${papers(chosenCount)}`}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {outcome && (
        <p role="status" data-paper-radar-forget-outcome>
          {outcome}
        </p>
      )}
      {settings && (
        <label>
          {'Forget automatically the papers I have only seen, once not seen again for '}
          <select data-paper-radar-setting="forget-after" value={settings.forgetAfterDays === null ? '' : String(settings.forgetAfterDays)} onChange={(e) => saveAfter((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">never</option>
            {FORGET_AFTER_CHOICES.map(({ days, label }) => (
              <option key={days} value={String(days)}>
                {label}
              </option>
            ))}
          </select>
        </label>
      )}
      <p class="hint">
        Every paper a listing shows you for a second is kept, so that it is not new on your next visit; a busy category adds
        hundreds a day. Papers you starred, read, dismissed, tagged or wrote a note on are never forgotten, and nor are the
        word counts the relevance model keeps, which name no paper.
      </p>
    </section>
  );
}
