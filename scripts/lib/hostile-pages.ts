/**
 * Hostile variants of a saved real arXiv listing (hep-th /new, 2024 markup), for the hostile
 * pages suite: the page's own structure, with entries altered the way a malicious or broken
 * page could. Each case is served at its own arxiv.org/list URL.
 */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { ARXIV_PAGES, pageFile } from './demo-pages';

/** What an injected payload sets if it ever runs (in the page or in an extension page). */
export const PWNED = '__paperRadarPwned';
const PAYLOAD = `window.${PWNED}=1`;

export const HOSTILE_TEXT = {
  title: `<img src=x onerror="${PAYLOAD}"><script>${PAYLOAD}</script> Title`,
  author: `"><svg onload="${PAYLOAD}">`,
  abstract: `</p><script>${PAYLOAD}</script><iframe src="javascript:${PAYLOAD}"></iframe>`,
  rtl: '\u202Eevil\u202C Z\u0338\u0321\u0322\u0353\u0324\u0344a\u0336l\u0337g\u0334o\u0336 \u0627\u0644\u0639\u0631\u0628\u064A\u0629 \u05E2\u05D1\u05E8\u05D9\u05EA',
} as const;

export interface HostileCase {
  name: string;
  url: string;
  html: string;
  /** Entries the page shows (distinct papers: the duplicates case shows one paper 5,000 times). */
  entries: number;
  papers: number;
}

function savedListing(): Document {
  const page = ARXIV_PAGES.hepThNew;
  return new JSDOM(readFileSync(pageFile(page)), { url: page.url }).window.document;
}

const serialize = (doc: Document) => `<!DOCTYPE html>\n${doc.documentElement.outerHTML}`;
const pairs = (doc: Document) => [...doc.querySelectorAll('dl#articles > dt')].map((dt) => [dt, dt.nextElementSibling!] as const);
const url = (name: string) => `https://arxiv.org/list/hep-th/2408?hostile=${name}`;

/** Injection in titles, authors and abstracts; javascript: and data: links; RTL and combining text. */
function injection(): HostileCase {
  const doc = savedListing();
  const entries = pairs(doc);
  const [first, second, third] = entries;
  const setText = (el: Element | null, text: string) => el && (el.lastChild ? (el.lastChild.textContent = text) : (el.textContent = text));
  setText(first![1].querySelector('.list-title'), HOSTILE_TEXT.title);
  const author = first![1].querySelector('.list-authors a');
  if (author) author.textContent = HOSTILE_TEXT.author;
  const abstract = first![1].querySelector('p.mathjax');
  if (abstract) abstract.textContent = HOSTILE_TEXT.abstract;
  // Links: the abstract page as javascript:, the PDF as data: (the id stays readable in the text).
  second![0].querySelector('a[title="Abstract"]')!.setAttribute('href', `javascript:${PAYLOAD}`);
  second![0].querySelector('a[title="Download PDF"]')?.setAttribute('href', `data:text/html,<script>${PAYLOAD}</script>`);
  setText(third![1].querySelector('.list-title'), HOSTILE_TEXT.rtl);
  return { name: 'injection, bad link schemes, RTL and combining text', url: url('injection'), html: serialize(doc), entries: entries.length, papers: entries.length };
}

/** One real entry repeated 5,000 times. */
function duplicates(): HostileCase {
  const doc = savedListing();
  const [[dt, dd]] = pairs(doc) as [readonly [Element, Element]];
  const list = doc.querySelector('dl#articles')!;
  list.replaceChildren();
  const html = dt.outerHTML + dd.outerHTML;
  list.innerHTML = html.repeat(5_000);
  // The page's other lists (cross-lists, replacements) stay as they were.
  const others = doc.querySelectorAll('dl#articles > dt').length - 5_000;
  return { name: '5,000 copies of one entry', url: url('duplicates'), html: serialize(doc), entries: 5_000 + others, papers: 1 + others };
}

/** A 10 MB abstract, and an entry's title nested 3,000 elements deep. */
function huge(): HostileCase {
  const doc = savedListing();
  const entries = pairs(doc);
  entries[0]![1].querySelector('p.mathjax')!.textContent = 'tachyon condensation '.repeat(500_000);
  const title = entries[1]![1].querySelector('.list-title')!;
  let inner: Element = title;
  for (let i = 0; i < 3_000; i++) {
    const span = doc.createElement('span');
    inner.append(span);
    inner = span;
  }
  inner.textContent = 'Deeply nested title';
  return { name: 'a 10 MB abstract and 3,000-deep markup', url: url('huge'), html: serialize(doc), entries: entries.length, papers: entries.length };
}

/** A page script that removes its first 10 entries and adds them back, 20 times. */
function churn(): HostileCase {
  const doc = savedListing();
  const entries = pairs(doc);
  const script = doc.createElement('script');
  script.textContent = `
    (async () => {
      const list = document.querySelector('dl#articles');
      for (let round = 0; round < 20; round++) {
        await new Promise((r) => setTimeout(r, 30));
        const taken = [...list.children].slice(0, 20);
        taken.forEach((el) => el.remove());
        await new Promise((r) => setTimeout(r, 10));
        list.prepend(...taken);
      }
      document.documentElement.dataset.churnDone = '1';
    })();`;
  doc.body.append(script);
  return { name: 'entries removed and re-added 20 times', url: url('churn'), html: serialize(doc), entries: entries.length, papers: entries.length };
}

/**
 * Every case, each with its own arXiv ids (2408.* moved to 2401.*, 2402.*, …) so that what one
 * page says about a paper is not overwritten by the next page showing the same paper.
 */
export function hostileCases(): HostileCase[] {
  return [injection(), duplicates(), huge(), churn()].map((c, i) => ({ ...c, html: c.html.split('2408.').join(`240${i + 1}.`) }));
}
