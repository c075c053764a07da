/** A paper as a Markdown link, `[Title](url)`, safe to paste into notes (pure). */
import type { PaperMeta } from '../core/paper';
import { safeHttpUrl } from '../core/text';

export function markdownLink(paper: Pick<PaperMeta, 'title' | 'url'>): string {
  // Brackets and backslashes in titles would end or escape the link text; parentheses, spaces
  // and angle brackets in URLs would end the destination.
  const text = paper.title.replace(/[\\[\]]/g, (c) => `\\${c}`);
  const url = safeHttpUrl(paper.url);
  if (!url) return text;
  return `[${text}](${url.replace(/[()<> ]/g, (c) => encodeURIComponent(c))})`;
}
