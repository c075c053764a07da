/**
 * A LibraryApi for component tests: the real data path (fake-indexeddb, the background's
 * handlers in-process through backgroundMessenger) with the browser-only parts recorded.
 */
import type { PageReport } from '../../src/core/page-health';
import type { PageView, PageViewChange } from '../../src/page-commands';
import type { PaperDb } from '../../src/store/db';
import { readImportFile } from '../../src/library/import';
import { dataApi } from '../../popup/data-api';
import type { ChangeKind, LibraryApi } from '../../popup/library-api';
import type { Messenger } from '../../src/messenger';
import { backgroundMessenger } from './papers';

export interface TestLibraryApi extends LibraryApi {
  downloads: Array<{ fileName: string; mimeType: string; text: string }>;
  opened: string[];
  copied: string[];
  /** How the active tab shows its listing, as the popup's toggles left it (its report is options.report). */
  view: Omit<PageView, 'report'>;
  /** What the popup asked the active tab's page (pageView), in order. */
  asked: PageViewChange[];
  /** The background this api writes through (its handlers in-process, with their own relevance engine). */
  background: Messenger;
  /** Simulates a change made elsewhere (another tab): subscribers are told the ids it names (null: none). */
  fireChange(ids?: readonly string[] | null, kind?: ChangeKind): void;
}

export function testLibraryApi(
  db: PaperDb,
  options: { report?: PageReport | null; view?: Partial<PageView>; now?: () => number } = {},
): TestLibraryApi {
  let listeners: Array<(ids: readonly string[] | null, kind: ChangeKind) => void> = [];
  const report = options.report ?? null;
  const background = backgroundMessenger(db, { now: options.now });
  const api: TestLibraryApi = {
    ...dataApi(async () => db, background),
    background,
    downloads: [],
    opened: [],
    copied: [],
    view: { orderedByRelevance: false, scored: true, dismissed: 0, hidingDismissed: false, showingDismissed: false, ...options.view },
    // The extension reads the file in a worker (popup/read-import.ts); here, on this thread.
    readImport: (file) => readImportFile(file, options.now?.()),
    asked: [],
    async pageView(change = {}) {
      api.asked.push(change);
      if (change.orderByRelevance !== undefined) api.view.orderedByRelevance = change.orderByRelevance;
      if (change.showDismissed !== undefined) api.view.showingDismissed = change.showDismissed;
      return report ? { report, ...api.view } : null;
    },
    subscribe(cb) {
      listeners.push(cb);
      return () => {
        listeners = listeners.filter((l) => l !== cb);
      };
    },
    fireChange: (ids = null, kind = 'changed') => listeners.forEach((l) => l(ids, kind)),
    open: (url) => void api.opened.push(url),
    openLibraryPage: (purpose) => void api.opened.push(purpose ? `library:${purpose}` : 'library'),
    download: (fileName, mimeType, text) => void api.downloads.push({ fileName, mimeType, text }),
    copy: async (text) => void api.copied.push(text),
  };
  return api;
}
