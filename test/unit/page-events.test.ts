// @vitest-environment jsdom
/**
 * A page's script can reach our controls (their shadow roots are open) and dispatch any event:
 * only the user's own events act (content-scripts/lib/user-events.ts). jsdom makes no trusted
 * event, so here synthetic events stand for the page's script; each case is checked to act when
 * taken as the user's, so that refusing it is what the test shows.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { arxivAdapter } from '../../content-scripts/adapters/arxiv';
import { KeyboardTriage } from '../../content-scripts/keyboard-triage';
import { acceptSyntheticEvents } from '../../content-scripts/lib/user-events';
import { PageSession } from '../../content-scripts/page-session';
import { DEFAULT_KEYBOARD } from '../../src/keyboard-settings';
import type { Request } from '../../src/messages';
import { openPaperDb, type PaperDb } from '../../src/store/db';
import { ARXIV_PAGES, pageFile } from '../../scripts/lib/demo-pages';
import { loadPage } from '../../scripts/lib/dom';
import { requireShared } from '../../scripts/lib/shared';
import { backgroundMessenger } from '../support/papers';

const PAGE = ARXIV_PAGES.hepThNew;
const available = requireShared('the page-events unit test', `fixtures/pages/${PAGE.file}`);

let db: PaperDb;
let counter = 0;
let sent: Request['type'][];
let session: PageSession;
let triage: KeyboardTriage;

const hosts = () => [...document.querySelectorAll('[data-paper-radar-id]')];
const button = (host: Element, action: string) => host.shadowRoot!.querySelector<HTMLButtonElement>(`[data-paper-radar-action="${action}"]`)!;
const changes = () => sent.filter((type) => type === 'setFlag' || type === 'markSeen');
const settled = () => new Promise((resolve) => setTimeout(resolve, 100)).then(() => session.annotator.settled());

/** What a page's script does, then the same as the user's: nothing is sent, then something is. */
async function refusedFromThePage(act: () => void): Promise<void> {
  act();
  await settled();
  expect(changes()).toEqual([]);
  acceptSyntheticEvents(true);
  act();
  await settled();
  expect(changes()).not.toEqual([]);
}

describe.skipIf(!available)("a page's synthetic events", () => {
  beforeEach(async () => {
    db = await openPaperDb(`page-events-${++counter}`);
    sent = [];
    (globalThis as unknown as { jsdom: { reconfigure(options: { url: string }): void } }).jsdom.reconfigure({ url: PAGE.url }); // links resolve as on arxiv.org
    document.replaceChild(document.importNode(loadPage(pageFile(PAGE), PAGE.url).documentElement, true), document.documentElement);
    const background = backgroundMessenger(db);
    session = new PageSession(arxivAdapter, document, new URL(PAGE.url), { send: (request) => (sent.push(request.type), background.send(request)) }, { trackSeen: false });
    await session.start();
    triage = new KeyboardTriage(document, () => session.annotator, { navigate: () => {} });
    triage.configure(structuredClone(DEFAULT_KEYBOARD));
    acceptSyntheticEvents(false);
  });
  afterEach(() => {
    acceptSyntheticEvents(true); // as the setup file leaves it for every other test
    triage.destroy();
    session.destroy();
    db.close();
  });

  it('star, dismiss or mark read nothing by clicking our buttons', async () => {
    await refusedFromThePage(() => {
      button(hosts()[0]!, 'star').click();
      button(hosts()[1]!, 'dismiss').dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      button(hosts()[2]!, 'read').click();
    });
  });

  it('mark the listing seen, or the current paper starred, by keys', async () => {
    await refusedFromThePage(() => {
      dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, cancelable: true }));
      dispatchEvent(new KeyboardEvent('keydown', { key: 's', bubbles: true, cancelable: true }));
      dispatchEvent(new KeyboardEvent('keydown', { key: 'A', bubbles: true, cancelable: true }));
    });
  });

  it("mark a paper read by clicking its abstract's link", async () => {
    const link = document.querySelector<HTMLAnchorElement>('dl dt a[href*="/abs/"]')!;
    link.addEventListener('click', (event) => event.preventDefault()); // jsdom does not navigate
    await refusedFromThePage(() => link.click());
  });
});
