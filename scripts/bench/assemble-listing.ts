/**
 * A 2,000-entry arXiv listing assembled from the saved pages' real entries (2024 markup): the
 * astro-ph pastweek page is the shell; its day groups are replaced by one list of the real
 * <dt>/<dd> pairs of the 2024-markup pages, repeated until there are enough. Repeated copies get
 * fresh ids (2412.9xxxx, a range arXiv never reached) so that every entry is a distinct paper
 * and the state lookup is as large as on a real 2,000-entry page.
 */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { ARXIV_PAGES, pageFile, type SavedPage } from '../lib/demo-pages';

const SOURCES: SavedPage[] = [ARXIV_PAGES.astroPhPastweek, ARXIV_PAGES.hepThNew, ARXIV_PAGES.quantPhNew, ARXIV_PAGES.mathPhNew];

function entryPairs(page: SavedPage): Array<[string, string]> {
  const doc = new JSDOM(readFileSync(pageFile(page)), { url: page.url }).window.document;
  const pairs: Array<[string, string]> = [];
  for (const dt of doc.querySelectorAll('dl#articles > dt')) {
    const dd = dt.nextElementSibling;
    if (dd?.tagName === 'DD') pairs.push([dt.outerHTML, dd.outerHTML]);
  }
  return pairs;
}

export function assembleListing(count: number): string {
  const shell = new JSDOM(readFileSync(pageFile(ARXIV_PAGES.astroPhPastweek)), { url: ARXIV_PAGES.astroPhPastweek.url });
  const doc = shell.window.document;
  const pairs = SOURCES.flatMap(entryPairs);
  const seen = new Set<string>();
  let fresh = 90000;
  const html: string[] = [`<h3>Assembled listing (${count} entries)</h3>`];
  for (let i = 0; i < count; i++) {
    let [dt, dd] = pairs[i % pairs.length]!;
    const id = /\/abs\/(\d{4}\.\d{4,5})/.exec(dt)?.[1];
    if (!id) throw new Error('entry without an arXiv id in the saved pages');
    if (seen.has(id) || i >= pairs.length) {
      const replacement = `2412.${fresh++}`;
      dt = dt.split(id).join(replacement);
      dd = dd.split(id).join(replacement);
    }
    seen.add(id);
    html.push(dt, dd);
  }
  const lists = [...doc.querySelectorAll('dl#articles')];
  lists.slice(1).forEach((dl) => dl.remove());
  // Written as markup, not DOM calls, because that is how the page arrives in a browser.
  lists[0]!.innerHTML = html.join('\n');
  return shell.serialize();
}
