/**
 * The data half of LibraryApi: reads from the database (extension pages share it with the
 * background), writes through `messenger` (the background, which owns writes, notifies pages and
 * retrains the model; in tests, the same handlers in-process). Free of extension APIs.
 */
import { chunks } from '../src/core/chunks';
import { datedMarksOf, INTEREST_LIMITS, LIMITS, metaOf, type DatedMarks } from '../src/core/paper';
import type { EntryScore, ImportSummary, InterestsMessage, ResponseMap } from '../src/messages';
import type { Messenger } from '../src/messenger';
import type { PaperDb } from '../src/store/db';
import { getLibraryPapers, listStarred, readLibraryInChunks } from '../src/store/papers';
import { readRelevance } from '../src/store/settings';
import { withFollowed } from '../src/relevance/authors';
import { formatCount } from '../src/library/issues';
import { PartlyDone, type BulkAnswer, type LibraryApi, type RestoreAnswer } from './library-api';

/** Papers per importLibrary request (see importLibrary). */
const IMPORT_BATCH = 5_000;

/** Papers read per chunk: about 1 MB of records, deserialized in a few milliseconds. */
const LOAD_CHUNK = 500;

export function dataApi(database: () => Promise<PaperDb>, messenger: Messenger): Pick<LibraryApi, DataMethods> {
  return {
    async loadFirst(limit) {
      return listStarred(await database(), limit);
    },
    async loadAll(onChunk) {
      await readLibraryInChunks(await database(), LOAD_CHUNK, onChunk);
    },
    async loadPapers(ids) {
      return getLibraryPapers(await database(), ids);
    },
    async setFlag(id, flag, value) {
      return (await messenger.send({ type: 'setFlag', id, flag, value })).state;
    },
    async setTagsAndNote(id, change) {
      return (await messenger.send({ type: 'setTagsAndNote', id, ...change })).state;
    },
    tagPapers(ids, change) {
      return inBatches(ids, (batch) => messenger.send({ type: 'tagPapers', ids: batch, ...change }));
    },
    markPapers(ids, flag, value) {
      return inBatches(ids, (batch) => messenger.send({ type: 'markPapers', ids: batch, flag, value }));
    },
    restoreMarks(marks, flag, left) {
      const result: RestoreAnswer = { states: {}, changedSince: [] };
      const ids = Object.keys(marks);
      const part = (batch: string[], of: Readonly<Record<string, DatedMarks>>) => Object.fromEntries(batch.filter((id) => of[id] !== undefined).map((id) => [id, datedMarksOf(of[id]!)]));
      return sendInBatches(
        batches(ids),
        result,
        (batch) => messenger.send({ type: 'restoreMarks', marks: part(batch, marks), flag, left: part(batch, left) }),
        (answer) => {
          Object.assign(result.states, answer.states);
          result.changedSince.push(...answer.changedSince);
        },
      );
    },
    importLibrary(request) {
      // In requests of IMPORT_BATCH papers: one message carries at most 64 MiB in Chrome, and a
      // JSON backup of 17,000 papers with abstracts is 32 MB. The interests go with the first
      // (an import of none still sends them).
      const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, interests: 'none' };
      return sendInBatches(
        request.papers.length === 0 ? [[]] : chunks(request.papers, IMPORT_BATCH),
        summary,
        // Interests are typed readonly in the engine; the protocol's type is the same shape, mutable.
        (papers, i) => messenger.send({ type: 'importLibrary', mode: request.mode, papers, interests: i === 0 ? (request.interests as InterestsMessage | null) : null }),
        (answer, i) => {
          summary.added += answer.added;
          summary.updated += answer.updated;
          summary.unchanged += answer.unchanged;
          if (i === 0) Object.assign(summary, { interests: answer.interests }, answer.interestsProblem === undefined ? {} : { interestsProblem: answer.interestsProblem });
        },
      );
    },
    async score(papers) {
      const scores = new Map<string, number>();
      const recommended = new Set<string>();
      const explained = new Map<string, EntryScore>();
      // All batches at once, so that their round trips overlap: the popup on a 10,000-paper
      // library had its 2,000 candidates ranked 200–300 ms after the library was read, against
      // 256–362 ms one batch after the other (Chromium, worker running, 4 opens each).
      const requests: Array<Promise<ResponseMap['scoreEntries']>> = [];
      for (const batch of chunks(papers, LIMITS.scoreBatch)) {
        // Only the metadata fields: the protocol refuses anything else.
        requests.push(messenger.send({ type: 'scoreEntries', papers: batch.map(metaOf) }));
      }
      for (const answer of await Promise.all(requests)) {
        if (!answer.ready) return null;
        for (const [id, s] of Object.entries(answer.scores)) {
          scores.set(id, s.score);
          explained.set(id, s);
          if (s.tier !== 'low') recommended.add(id);
        }
      }
      return { scores, recommended, explained };
    },
    async interests() {
      return (await messenger.send({ type: 'getInterests' })).interests;
    },
    async similar(id) {
      return (await messenger.send({ type: 'similarPapers', id })).papers;
    },
    async about(text) {
      return (await messenger.send({ type: 'papersAbout', text })).papers;
    },
    async follow(name, on) {
      const { interests } = await messenger.send({ type: 'getInterests' });
      const followedAuthors = withFollowed(interests.followedAuthors, name, on);
      // Said before sending: refused by the worker's check, the reason was lost ("invalid message").
      if (followedAuthors.length > INTEREST_LIMITS.authors) {
        throw new Error(`you follow ${formatCount(INTEREST_LIMITS.authors)} authors, the most Paper Radar keeps: stop following some in the settings page first`);
      }
      // With what it read as the base: an edit stored in between is kept, not overwritten.
      return (await messenger.send({ type: 'setInterests', interests: { ...interests, followedAuthors } as InterestsMessage, base: interests as InterestsMessage })).interests.followedAuthors ?? [];
    },
    async model() {
      // The engine (stemmer, stop words, prior) loads only when the Insights view asks.
      const { parseModel } = await import('../src/relevance/index');
      return parseModel((await readRelevance(await database())).model ?? null);
    },
  };
}

/** Requests of at most LIMITS.batch papers (the protocol's cap), sent one after the other. */
const batches = (ids: readonly string[]) => chunks(ids, LIMITS.batch);

/**
 * A bulk change sent one batch at a time, its answers (new and previous states) put together. A
 * batch after the first that fails leaves the ones before it written: they are handed over with
 * the failure (PartlyDone), else the list showed those papers unchanged and undo missed them.
 */
function inBatches(ids: readonly string[], send: (batch: string[]) => Promise<BulkAnswer>): Promise<BulkAnswer> {
  const result: BulkAnswer = { states: {}, before: {} };
  return sendInBatches(batches(ids), result, send, (answer) => {
    Object.assign(result.states, answer.states);
    Object.assign(result.before, answer.before);
  });
}

/**
 * Sends `batches` one request after another, each answer added to `result` (`add`). A request
 * after the first failing throws PartlyDone: what the ones before did (`result`, to be shown and
 * undone like a whole change's), and how many items were not reached.
 */
async function sendInBatches<Item, Answer, Result>(
  batches: readonly Item[][],
  result: Result,
  send: (batch: Item[], i: number) => Promise<Answer>,
  add: (answer: Answer, i: number) => void,
): Promise<Result> {
  const total = batches.reduce((n, batch) => n + batch.length, 0);
  let sent = 0;
  for (const [i, batch] of batches.entries()) {
    let answer: Answer;
    try {
      answer = await send(batch, i);
    } catch (e) {
      if (i === 0) throw e;
      throw new PartlyDone(result, total - sent, e);
    }
    add(answer, i);
    sent += batch.length;
  }
  return result;
}

type DataMethods = 'loadFirst' | 'loadAll' | 'loadPapers' | 'setFlag' | 'setTagsAndNote' | 'tagPapers' | 'markPapers' | 'restoreMarks' | 'importLibrary' | 'score' | 'interests' | 'similar' | 'about' | 'follow' | 'model';

