/** Small helpers for tests that need paper metadata and a request path without a browser. */
import type { PaperMeta } from '../../src/core/paper';
import { handleRequest } from '../../src/background/handlers';
import { failureMessage } from '../../src/store/failure';
import { parseRequest } from '../../src/messages';
import type { Messenger } from '../../src/messenger';
import type { PaperDb } from '../../src/store/db';
import { RelevanceService } from '../../src/background/relevance';

/** Metadata of a made-up arXiv paper number n (for store and UI tests, not adapter tests). */
export function testPaper(n: number, extra: Partial<PaperMeta> = {}): PaperMeta {
  const id = `2408.${String(n).padStart(5, '0')}`;
  return {
    id: `arxiv:${id}`,
    title: `Paper ${n}`,
    authors: [`Author ${n}`],
    abstract: null,
    url: `https://arxiv.org/abs/${id}`,
    pdfUrl: null,
    primaryCategory: 'cs.LG',
    subjects: ['cs.LG'],
    comments: null,
    site: 'arxiv',
    aliases: [],
    ...extra,
  };
}

/**
 * A Messenger that does what the background does — validate, then handle against `db` — with
 * a structured clone in between, as runtime messaging would.
 */
export function backgroundMessenger(
  db: PaperDb,
  options: {
    now?: () => number;
    changed?: string[][];
    onSeen?: (ids: string[]) => void;
    /** The sender is a tab of a private window. */
    privateTab?: boolean;
    /** The sender is a web page's tab (its content script), not an extension page. */
    fromPage?: boolean;
    relevance?: RelevanceService;
    onSync?: () => void;
  } = {},
): Messenger {
  const relevance = options.relevance ?? new RelevanceService(db, { now: options.now, retrainDelayMs: 60_000, persistDelayMs: 60_000 });
  return {
    async send(request) {
      const parsed = parseRequest(structuredClone(request));
      if (!parsed.ok) throw new Error(`invalid message: ${parsed.error}`);
      const answer = await handleRequest(parsed.request, {
        db,
        now: options.now ?? Date.now,
        notifyChanged: async (ids) => void options.changed?.push(ids),
        notifySeen: options.onSeen,
        relevance,
        privateTab: options.privateTab,
        fromPage: options.fromPage,
        syncChanged: options.onSync,
      }).catch((error: unknown) => {
        // As the worker answers a failed request ({ error }) and the runtime messenger throws it.
        throw new Error(failureMessage(error));
      });
      return structuredClone(answer) as never;
    },
  };
}
