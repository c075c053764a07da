/**
 * A listing's stored states, asked for as soon as the page is parsed.
 *
 * The content script (main.ts) runs once the browser has rendered the parsed page, and asks the
 * worker for its entries' states when it has read them. In Chromium the answer then waited
 * behind the page's own tasks (finishing its load, the link metrics for preloading): 20–30 ms,
 * two thirds of annotating a 397-entry listing. So wake.ts, which runs at document_start, reads
 * the entries' paper ids when the page is parsed (DOMContentLoaded, before that render) and asks
 * for their states then; main.ts finds the answer waiting (withEarlyStates).
 *
 * The page is not trusted more for it: the ids are only asked for (each a valid canonical id,
 * at most one request's worth), main.ts's adapter still decides what an entry is, and any id
 * it finds that was not asked early is asked for as before. Both scripts run in the
 * extension's isolated world of the page and share its global object, which is how the answer
 * passes from one to the other. It answers the first state request of the document's first
 * session only, and not once a change was announced (CHANGE_KEY) after it was asked: the states
 * are then asked for again.
 *
 * Imports only pure modules: wake.ts runs on every supported page before it is parsed.
 */
import { CHANGE_KEY } from '../src/changes';
import { aclIdOfTitleHref, isCanonicalId } from '../src/core/ids';
import { LIMITS, type PackedPageState } from '../src/core/paper';
import type { Request, Response } from '../src/messages';
import type { Messenger } from '../src/messenger';
import { isResultsPage as isScholarResultsPage, resultIds as scholarResultIds } from './adapters/scholar-results';

type States = Record<string, PackedPageState>;

export interface EarlyStates {
  /** The ids asked for. */
  readonly ids: ReadonlySet<string>;
  /** The worker's answer: the states of the stored papers among `ids`. */
  readonly answer: Promise<States>;
  /** A change was announced after the ask: the answer may be out of date. */
  stale: boolean;
  /** How many ids of main.ts's request the answer served (0: none; read by tests and the bench). */
  served: number;
  /** How long reading the ids and sending the ask took the page's thread (ms; read by the bench). */
  readonly askMs: number;
}

const GLOBAL_KEY = '__paperRadarEarlyStates';
type Shared = { [GLOBAL_KEY]?: EarlyStates };

/**
 * Where a page's entries link their papers, and the paper id each such link names: the
 * adapters' own markers, chosen to be cheap to match (a content script pays for each element it
 * touches; on a 2,000-entry arXiv listing, reading every link whose address holds "/abs/" took
 * ≈ 14 ms, the abstract links alone ≈ 6 ms).
 */
interface PaperLinks {
  selector: string;
  idOf(href: string): string | null;
}

function paperLinks(url: URL): PaperLinks | null {
  if (url.hostname === 'huggingface.co') return { selector: 'a[href^="/papers/"], a[href^="https://huggingface.co/papers/"]', idOf: newStyleArxivId };
  if (ACL_HOSTS.has(url.hostname)) return { selector: ACL_TITLE_LINKS, idOf: aclId };
  if (!onArxiv(url)) return null;
  if (url.pathname.startsWith('/list/') || url.pathname.startsWith('/catchup')) return { selector: 'a[title="Abstract"]', idOf: newStyleArxivId };
  if (url.pathname.startsWith('/search/')) return { selector: 'p.list-title > a', idOf: newStyleArxivId };
  return null;
}

const onArxiv = (url: URL) => url.hostname === 'arxiv.org' || url.hostname === 'www.arxiv.org';

/** The ACL Anthology, and its pre-2021 address. */
const ACL_HOSTS = new Set(['aclanthology.org', 'www.aclanthology.org', 'aclweb.org', 'www.aclweb.org']);
/** An Anthology listing's paper rows' title links (the ACL adapter's rows under #main). */
const ACL_TITLE_LINKS = '#main .d-sm-flex strong > a[href]';

/** A new-style arXiv id in a paper link (an abstract or Hugging Face paper page), version dropped. */
const PAPER_HREF = /\/(?:abs|papers)\/(\d{4}\.\d{4,5})(?:v\d+)?\/?(?:[?#]|$)/;
/** An arXiv abstract page's own path. */
const ABS_PATH = /^\/abs\/(\d{4}\.\d{4,5})(?:v\d+)?\/?$/;

/** The canonical id of a new-style arXiv paper link (an abstract or Hugging Face paper page), version dropped. */
function newStyleArxivId(href: string): string | null {
  const match = PAPER_HREF.exec(href);
  return match ? `arxiv:${match[1]}` : null;
}

function aclId(href: string): string | null {
  const id = aclIdOfTitleHref(href);
  return id ? `acl:${id}` : null;
}

/**
 * The paper ids of the page's entries, in page order, once each, read the cheap way and capped
 * at one request's worth: an arXiv abstract page's from its address; on arXiv listings and
 * search results, from each entry's abstract link; on Hugging Face, from its /papers/<id>
 * links; on ACL Anthology listings, from each row's title link; on Google Scholar, as its
 * adapter reads them (a result's id is the first of five sources that applies, and a page holds
 * ten to twenty results: adapters/scholar-results.ts). Old-style arXiv ids are left to main.ts
 * (few listings show them).
 */
export function earlyIds(doc: Document, url: URL): string[] {
  const own = onArxiv(url) && ABS_PATH.exec(url.pathname);
  if (own) return isCanonicalId(`arxiv:${own[1]}`) ? [`arxiv:${own[1]}`] : [];
  if (isScholarResultsPage(url)) return [...new Set(scholarResultIds(doc, url, LIMITS.batch).filter(isCanonicalId))];
  const links = paperLinks(url);
  if (!links) return [];
  const ids = new Set<string>();
  for (const link of doc.querySelectorAll(links.selector)) {
    const id = links.idOf(link.getAttribute('href') ?? '');
    if (id && isCanonicalId(id)) ids.add(id);
    if (ids.size === LIMITS.batch) break;
  }
  return [...ids];
}

interface Runtime {
  sendMessage(message: Request): Promise<unknown>;
}
export interface StorageEvents {
  onChanged: { addListener(listener: (changes: Record<string, unknown>, area: string) => void): void };
}

/** In wake.ts: once the page is parsed, asks for the states of the papers it links, for main.ts to take. */
export function askEarlyStates(doc: Document, url: URL, runtime: Runtime, storage: StorageEvents, shared: object = globalThis): void {
  const ask = () => {
    const startedAt = performance.now();
    const ids = earlyIds(doc, url);
    if (ids.length === 0) return;
    const answer = runtime.sendMessage({ type: 'getStates', ids }).then((answer) => {
      const states = (answer as Partial<Response<'getStates'>> | undefined)?.states;
      if (!states) throw new Error('the worker did not answer with states');
      return states;
    });
    answer.catch(() => {}); // withEarlyStates asks again
    const early: EarlyStates = { ids: new Set(ids), answer, stale: false, served: 0, askMs: performance.now() - startedAt };
    storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && CHANGE_KEY in changes) early.stale = true;
    });
    (shared as Shared)[GLOBAL_KEY] = early;
  };
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', ask, { once: true });
  else ask();
}

/** In main.ts: the early ask wake.ts made, if any; taken once (later sessions ask for themselves). */
export function takeEarlyStates(shared: object = globalThis): EarlyStates | null {
  const early = (shared as Shared)[GLOBAL_KEY] ?? null;
  delete (shared as Shared)[GLOBAL_KEY];
  return early;
}

/**
 * `messenger`, with its first state request answered from the early ask for the ids that ask
 * covered (the others are asked for alongside). The whole request goes to the worker instead
 * when the early answer failed or went stale, and every later request does.
 */
export function withEarlyStates(messenger: Messenger, early: EarlyStates | null): Messenger {
  if (!early) return messenger;
  let first = true;
  return {
    async send(request) {
      if (request.type !== 'getStates' || !first) return messenger.send(request);
      first = false;
      const { ids } = request as Extract<Request, { type: 'getStates' }>;
      const covered = ids.filter((id) => early.ids.has(id));
      if (early.stale || covered.length === 0) return messenger.send(request);
      const rest = ids.filter((id) => !early.ids.has(id));
      const [earlyStates, others] = await Promise.all([
        early.answer.then(
          (states) => (early.stale ? null : states),
          () => null,
        ),
        rest.length > 0 ? messenger.send({ type: 'getStates', ids: rest }) : null,
      ]);
      if (earlyStates === null) return messenger.send(request);
      const states: States = { ...others?.states };
      for (const id of covered) if (id in earlyStates) states[id] = earlyStates[id]!;
      early.served = covered.length;
      return { states } as never;
    },
  };
}
