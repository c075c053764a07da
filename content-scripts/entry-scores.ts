/**
 * Asks the background for a page's relevance scores, a chunk of entries at a time, and hands the
 * answers back in page order. The page annotator shows them (badges, highlights); this module
 * only decides what is asked when and what is shown together.
 */
import type { EntryScore, Response } from '../src/messages';
import type { PaperMeta } from '../src/core/paper';
import type { Messenger } from '../src/messenger';
import { afterNextFrame, yieldToMain } from '../src/yield';

/** What askScores needs of the page: how to reach the background, read an entry, show a score. */
export interface ScoreAsk {
  messenger: Messenger;
  /** Papers per request (at most LIMITS.scoreBatch). */
  chunkSize: number;
  /** An entry's metadata, read from the page when asked (null: not on the page, or unreadable). */
  read: (id: string) => PaperMeta | null;
  /** True once these scores are no longer wanted (the page left, a newer pass began). */
  stopped: () => boolean;
  /** Shows the answers that arrived, each paper with its score (null: the answer had none). */
  show: (scores: ReadonlyArray<[id: string, score: EntryScore | null]>) => void;
  /** There is nothing to score by (no interests, no stars): what an earlier model showed goes. */
  nothingToScoreBy: () => void;
}

/**
 * Scores these papers, once the page has rendered a frame. The entries are read a chunk at a
 * time (their metadata is read lazily from the page), yielding to the page between chunks. The
 * first chunk is asked for alone: its answer shows the top of the page's badges, and says whether
 * there is anything to score by at all (if not, nothing more is asked). Every other chunk's
 * request then goes out as soon as it is read, and the answers are shown in page order, every
 * answer that has arrived at once: a frame that shows badges lays out the whole page again
 * (≈ 60 ms on a 2,000-entry listing), so showing each chunk's answer on its own, as this did
 * before, cost one such frame per chunk (1.8 s for 2,000 entries).
 */
export async function askScores(ids: readonly string[], ask: ScoreAsk): Promise<void> {
  // The frame that shows the controls first: reading a long listing's entries for their scores
  // takes tens of milliseconds, and the page's tasks would run it before that frame.
  await afterNextFrame();
  const requests: ScoreRequest[] = [];
  let shown: number | null = 0; // requests before this one are shown
  for (let i = 0; i < ids.length; i += ask.chunkSize) {
    if (i > 0) await yieldToMain();
    if (ask.stopped()) return;
    const papers: PaperMeta[] = [];
    for (const id of ids.slice(i, i + ask.chunkSize)) {
      const paper = ask.read(id);
      if (paper) papers.push(paper);
    }
    if (papers.length === 0) continue;
    requests.push(request(ask.messenger, papers));
    if (requests.length === 1) {
      await requests[0]!.arrived;
      if (ask.stopped() || (shown = showArrived(requests, 0, ask)) === null) return;
    }
  }
  while (shown < requests.length) {
    await requests[shown]!.arrived;
    if (ask.stopped() || (shown = showArrived(requests, shown, ask)) === null) return;
  }
}

/** A chunk's request for scores: its answer once it has `arrived` (null: refused), undefined until then. */
interface ScoreRequest {
  papers: PaperMeta[];
  answer: Response<'scoreEntries'> | null | undefined;
  arrived: Promise<void>;
}

/** Asks for one chunk's scores. A refused chunk (e.g. an entry the background refuses) does not cost the others theirs. */
function request(messenger: Messenger, papers: PaperMeta[]): ScoreRequest {
  const chunk: ScoreRequest = { papers, answer: undefined, arrived: Promise.resolve() };
  chunk.arrived = messenger.send({ type: 'scoreEntries', papers }).then(
    (answer) => void (chunk.answer = answer),
    (error: unknown) => {
      console.warn('Paper Radar: could not score entries', error);
      chunk.answer = null;
    },
  );
  return chunk;
}

/**
 * Shows the answers from `requests[from]` on that have arrived, up to the first still awaited,
 * and returns its index; or null when an answer says there is nothing to score by.
 */
function showArrived(requests: readonly ScoreRequest[], from: number, ask: ScoreAsk): number | null {
  const scores: Array<[string, EntryScore | null]> = [];
  let next = from;
  for (; next < requests.length; next++) {
    const { papers, answer } = requests[next]!;
    if (answer === undefined) break; // not here yet: shown with the next ones to arrive
    if (answer === null) continue;
    if (!answer.ready) {
      ask.nothingToScoreBy();
      return null;
    }
    for (const paper of papers) scores.push([paper.id, answer.scores[paper.id] ?? null]);
  }
  ask.show(scores);
  return next;
}
