/**
 * How many links on the page name a paper (for noticing a site whose markup changed): links to a
 * paper's page or DOI, and Google Scholar's "Cited by" and "All N versions" links, the only ones
 * most Scholar results have.
 */
import { canonicalId } from '../../src/core/ids';
import { clusterOfLink } from '../adapters/scholar-results';

export function countPaperLinks(doc: Document, max = 5_000): number {
  let found = 0;
  let looked = 0;
  for (const link of doc.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    if (++looked > max) break;
    if (canonicalId(link.href) !== null || clusterOfLink(link.href, doc.baseURI) !== null) found += 1;
  }
  return found;
}
