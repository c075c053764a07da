/**
 * History: how many papers the user has only seen, forgetting them now (those last seen before a
 * chosen time, after a confirmation that says how many), and forgetting them automatically after
 * a while (src/history-settings.ts; the worker applies it). Papers the user did anything with
 * are never forgotten (src/store/forget.ts).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { DAY_MS, FORGET_AFTER_CHOICES, type HistorySettings as Settings } from '../src/history-settings';
import { errorText } from '../src/core/text';

export interface HistoryApi {
  /** The papers only seen, and how many were last seen before each cutoff. */
  summary(cutoffs: number[]): Promise<{ count: number; oldestSeenAt: number | null; before: number[] }>;
  /**
   * Forgets those last seen before `before`; resolves with how many, and why the rest were not
   * when a write failed after some were (`failed`).
   */
  forget(before: number): Promise<{ forgotten: number; failed?: string }>;
  load(): Promise<Settings>;
  /**
   * Stores the setting, and applies it at once. `justForgotten`: what the setting takes was just
   * forgotten here (the worker does not forget again). Resolves with why applying it failed
   * (`failed`) when it was stored but not applied; rejects when it was not stored.
   */
  save(settings: Settings, justForgotten?: boolean): Promise<{ failed?: string }>;
  now(): number;
  /**
   * Calls `onChange` when what this section shows may have changed elsewhere: papers seen on a
   * listing, forgotten or marked in another tab, the setting changed there, this tab shown again.
   * Returns the function that stops it.
   */
  watch(onChange: () => void): () => void;
}

/** How long a burst of changes (a listing reports what was seen every few hundred ms) is let settle before counting again. */
const RECOUNT_DELAY_MS = 500;

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
  /** What each choice would forget, counted at `countedAt` (the cutoffs a forget uses: see forgetBefore). */
  const [summary, setSummary] = useState<{ count: number; oldestSeenAt: number | null; counts: Map<number | null, number>; countedAt: number } | null>(null);
  const [choice, setChoice] = useState<number | null>(FORGET_NOW_CHOICES[1]!.days);
  const [confirming, setConfirming] = useState(false);
  /** The automatic setting chosen, waiting for the user to confirm what it forgets at once. */
  const [pendingAfter, setPendingAfter] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = () => {
    const now = api.now();
    const dated = FORGET_NOW_CHOICES.filter((c) => c.days !== null).map((c) => c.days!);
    api.summary(dated.map((days) => now - days * DAY_MS)).then(
      ({ count, oldestSeenAt, before }) =>
        setSummary({ count, oldestSeenAt, counts: new Map<number | null, number>([...dated.map((days, i) => [days, before[i]!] as const), [null, count]]), countedAt: now }),
      (e: unknown) => setError(`Could not read your history: ${errorText(e)}`),
    );
  };
  const load = () => api.load().then(setSettings, (e: unknown) => setError(`Could not read the history setting: ${errorText(e)}`));
  useEffect(() => {
    refresh();
    void load();
  }, [api]);

  // Counted again as the history changes elsewhere, but not while a question is open (it asks
  // about the count it shows), while forgetting here (which counts again when done), or while
  // the setting chosen here is being saved (read before it lands, the old one would show).
  const saving = useRef(0);
  const asking = confirming || pendingAfter !== null || busy;
  const askingNow = useRef(asking);
  askingNow.current = asking;
  const missedChange = useRef(false);
  const recount = () => {
    // An options tab left open in the background counts nothing: each count reads the whole
    // library, which a listing's writes wait for. It counts once shown again (api.watch says so).
    if (askingNow.current || saving.current > 0 || document.visibilityState === 'hidden') missedChange.current = true;
    else {
      missedChange.current = false;
      refresh();
      void load();
    }
  };
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = api.watch(() => {
      clearTimeout(timer);
      timer = setTimeout(recount, RECOUNT_DELAY_MS);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [api]);
  const recountIfMissed = () => {
    if (!missedChange.current || askingNow.current || saving.current > 0) return;
    missedChange.current = false;
    recount();
  };
  useEffect(recountIfMissed, [asking]);

  // A question takes the focus (its answer is the next thing to do); answered, the focus goes back
  // to what asked it.
  useEffect(() => {
    if (confirming) document.getElementById('forget-confirm')?.focus();
    if (pendingAfter !== null) document.getElementById('forget-after-confirm')?.focus();
  }, [confirming, pendingAfter]);
  const answered = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

  const chosenCount = summary?.counts.get(choice) ?? 0;
  /** Forgets those last seen more than `days` ago (null: all), saying how many; then counts again. */
  const forgetBefore = async (days: number | null, count: number | null): Promise<boolean> => {
    setOutcome(count === null ? 'Forgetting…' : `Forgetting ${papers(count)}…`);
    setError(null); // a failure said before is out of date
    setBusy(true);
    try {
      // By the clock the count was made with: the papers the question counted, not those that
      // aged past the cutoff since (an options tab left open overnight forgot more than it said),
      // nor, "at any time", those seen since.
      const countedAt = summary?.countedAt ?? api.now();
      const { forgotten, failed } = await api.forget(days === null ? countedAt + 1 : countedAt - days * DAY_MS);
      setOutcome(`Forgot ${papers(forgotten)}.`);
      if (failed !== undefined) setError(`Could not forget the rest: ${failed}`);
      return failed === undefined;
    } catch (e) {
      setOutcome(null);
      setError(`Could not forget them: ${errorText(e)}`);
      return false;
    } finally {
      setBusy(false);
      refresh();
    }
  };
  const forget = () => {
    setConfirming(false);
    // To what it did: the button that asked is disabled while it forgets.
    answered('forget-outcome');
    void forgetBefore(choice, chosenCount);
  };
  const save = (next: Settings, justForgotten?: boolean) => {
    setSettings(next);
    saving.current++;
    api
      .save(next, justForgotten)
      .then(
        ({ failed }) => setError(failed === undefined ? null : `The history setting is saved, but not all the papers it takes could be forgotten: ${failed} Paper Radar tries again when the browser next starts.`),
        (e: unknown) => setError(`Could not save the history setting: ${errorText(e)}`),
      )
      .finally(() => {
        saving.current--;
        recountIfMissed();
      });
  };
  // A setting that would forget papers at once (the worker applies it as it is stored) asks
  // first, as forgetting now does: the papers it takes are gone for good. A new choice replaces
  // the question of the one before: answered later, that would store a choice given up; and
  // replaces a choice still being counted, whose count arriving later would store it over "never".
  const latestChoice = useRef(0);
  const chooseAfter = async (value: string) => {
    const chosen = ++latestChoice.current;
    const days = value === '' ? null : Number(value);
    // Counted now, not when the page opened: the worker applies the setting by its clock as it is
    // stored, and a stale count of 0 stored a setting that forgot papers at once, unasked.
    const takes = days === null ? 0 : await api.summary([api.now() - days * DAY_MS]).then(({ before }) => before[0] ?? null, () => null);
    if (chosen !== latestChoice.current) return;
    if (days !== null) refresh();
    if (days !== null && takes !== 0) setPendingAfter(days);
    else {
      setPendingAfter(null);
      save({ forgetAfterDays: days });
    }
  };
  const pendingCount = pendingAfter === null ? 0 : (summary?.counts.get(pendingAfter) ?? 0);
  const confirmAfter = async () => {
    const days = pendingAfter!;
    setPendingAfter(null);
    answered('forget-outcome');
    // Forgotten here first, so that the outcome is said and counted; the worker, told so, does
    // not forget again by its later clock (the question named these papers, not others).
    if (await forgetBefore(days, summary === null ? null : pendingCount)) save({ forgetAfterDays: days }, true);
  };
  const afterLabel = (days: number) => FORGET_AFTER_CHOICES.find((c) => c.days === days)?.label ?? `${days} days`;

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
          <button type="button" id="forget" data-paper-radar-action="forget" disabled={chosenCount === 0 || busy} onClick={() => setConfirming(true)}>
            Forget…
          </button>
        </div>
      )}
      {confirming && (
        <Question
          id="forget"
          question={
            chosenCount === 1
              ? 'Forget 1 paper? It leaves your history and library for good; seen again on a listing, it is new.'
              : `Forget ${papers(chosenCount)}? They leave your history and library for good; seen again on a listing, they are new.`
          }
          confirm={`Forget ${papers(chosenCount)}`}
          onConfirm={forget}
          onCancel={() => {
            setConfirming(false);
            answered('forget');
          }}
        />
      )}
      {outcome && (
        <p role="status" id="forget-outcome" tabIndex={-1} data-paper-radar-forget-outcome>
          {outcome}
        </p>
      )}
      {settings && (
        <label>
          {'Forget automatically the papers I have only seen, once not seen again for '}
          <select
            id="forget-after"
            data-paper-radar-setting="forget-after"
            value={settings.forgetAfterDays === null ? '' : String(settings.forgetAfterDays)}
            disabled={busy}
            onChange={(e) => void chooseAfter((e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">never</option>
            {FORGET_AFTER_CHOICES.map(({ days, label }) => (
              <option key={days} value={String(days)}>
                {label}
              </option>
            ))}
          </select>
        </label>
      )}
      {pendingAfter !== null && (
        <Question
          id="forget-after"
          question={
            summary === null
              ? `Forget automatically the papers you have only seen, once not seen again for ${afterLabel(pendingAfter)}? Those already that old go at once, for good.`
              : `Forget automatically the papers you have only seen, once not seen again for ${afterLabel(pendingAfter)}? ${papers(pendingCount)} ${pendingCount === 1 ? 'is' : 'are'} that old already and go at once, for good; seen again on a listing, they are new.`
          }
          confirm={summary === null ? 'Forget them' : `Forget ${papers(pendingCount)}`}
          onConfirm={() => void confirmAfter()}
          onCancel={() => {
            setPendingAfter(null);
            answered('forget-after');
          }}
        />
      )}
      <p class="hint">
        Every paper a listing shows you for a second is kept, so that it is not new on your next visit; a busy category adds
        hundreds a day. Papers you starred, read, dismissed, tagged or wrote a note on are never forgotten, and nor are the
        word counts the relevance model keeps, which name no paper.
      </p>
    </section>
  );
}

/**
 * A question before forgetting, with its answers: `<id>-question` names the group, and the
 * confirming button is `<id>-confirm` (data-paper-radar-action too), which takes the focus.
 */
function Question(props: { id: string; question: string; confirm: string; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div class="confirm" role="group" aria-labelledby={`${props.id}-question`}>
      <p id={`${props.id}-question`}>{props.question}</p>
      <button type="button" id={`${props.id}-confirm`} data-paper-radar-action={`${props.id}-confirm`} onClick={props.onConfirm}>
        {props.confirm}
      </button>{' '}
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}
