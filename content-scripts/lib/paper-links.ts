/** How many links on the page name a paper (for noticing a site whose markup changed). */
import { canonicalId } from '../../src/core/ids';

export function countPaperLinks(doc: Document, max = 5_000): number {
  let found = 0;
  let looked = 0;
  for (const link of doc.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    if (++looked > max) break;
    if (canonicalId(link.href) !== null) found += 1;
  }
  return found;
}
