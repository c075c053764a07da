/**
 * Listings assembled from real saved entries, for what no saved page shows on its own.
 *
 * assembleListing(n): a 2,000-entry arXiv listing assembled from the saved pages' real entries (2024 markup): the
 * astro-ph pastweek page is the shell; its day groups are replaced by one list of the real
 * <dt>/<dd> pairs of the 2024-markup pages, repeated until there are enough. Repeated copies get
 * fresh ids (2412.9xxxx, a range arXiv never reached) so that every entry is a distinct paper
 * and the state lookup is as large as on a real 2,000-entry page.
 */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { ARXIV_PAGES, OTHER_PAGES, pageFile, type SavedPage } from './demo-pages';

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

/**
 * An arXiv /new listing of the papers on the saved Hugging Face daily page: the hep-th /new page
 * as the shell, its first entry's markup as the template, each filled (as text, never markup)
 * with a Hugging Face paper's real id, title, authors and abstract from the page's embedded
 * data. No saved arXiv page lists a paper that the saved Hugging Face page shows, and the
 * cross-site test needs one.
 */
export function arxivListingOfHuggingFacePapers(count: number): { html: string; ids: string[] } {
  const hf = new JSDOM(readFileSync(pageFile(OTHER_PAGES.huggingfaceDaily))).window.document;
  const props = hf.querySelector('[data-target="DailyPapers"]')?.getAttribute('data-props');
  const papers = (JSON.parse(props ?? '{}') as { dailyPapers?: Array<{ paper: { id: string; title: string; summary: string; authors: Array<{ name: string }> } }> })
    .dailyPapers?.slice(0, count).map((d) => d.paper);
  if (!papers?.length) throw new Error('no embedded papers in the saved Hugging Face page');

  const shell = new JSDOM(readFileSync(pageFile(ARXIV_PAGES.hepThNew)), { url: ARXIV_PAGES.hepThNew.url });
  const doc = shell.window.document;
  const lists = [...doc.querySelectorAll('dl#articles')];
  const list = lists[0]!;
  const dt = list.querySelector('dt')!;
  const dd = dt.nextElementSibling!;
  const templateId = /\/abs\/([^"?#]+)/.exec(dt.querySelector('a[href*="/abs/"]')!.getAttribute('href')!)![1]!;
  lists.slice(1).forEach((dl) => dl.remove());
  for (const old of [...list.querySelectorAll('dt, dd')]) old.remove();
  for (const paper of papers) {
    const newDt = dt.cloneNode(true) as Element;
    for (const a of newDt.querySelectorAll('a')) {
      const href = a.getAttribute('href');
      if (href) a.setAttribute('href', href.replace(templateId, paper.id));
      if (a.id === templateId) a.id = paper.id;
      if (a.textContent?.includes(templateId)) a.textContent = a.textContent.replace(templateId, paper.id);
    }
    const newDd = dd.cloneNode(true) as Element;
    const title = newDd.querySelector('.list-title')!;
    title.lastChild!.textContent = ` ${paper.title}`;
    const authors = newDd.querySelector('.list-authors')!;
    const link = authors.querySelector('a')!;
    authors.replaceChildren(
      ...paper.authors.flatMap((author, i) => {
        const a = link.cloneNode() as Element;
        a.textContent = author.name;
        return i === 0 ? [a] : [doc.createTextNode(', '), a];
      }),
    );
    const abstract = newDd.querySelector('p');
    if (abstract) abstract.textContent = paper.summary;
    list.append(newDt, newDd);
  }
  list.querySelector('h3')!.textContent = `New submissions (showing ${papers.length} of ${papers.length} entries)`;
  return { html: shell.serialize(), ids: papers.map((p) => `arxiv:${p.id}`) };
}
