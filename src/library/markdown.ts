/**
 * Papers as Markdown, safe to paste into notes, a wiki or a chat (pure): one paper as a link,
 * `[Title](url)`, and a reading list, one item per paper with its authors, year, first cited id,
 * tags and the user's note.
 */
import type { PaperMeta, PaperRecord } from '../core/paper';
import { safeHttpUrl } from '../core/text';
import { citedId, idsOf, yearOf } from './paper-facts';

export function markdownLink(paper: Pick<PaperMeta, 'title' | 'url'>): string {
  const text = escapeText(paper.title);
  const url = safeHttpUrl(paper.url);
  if (!url) return text;
  // Parentheses, spaces and angle brackets in URLs would end the destination, and a backslash
  // (kept in a query or fragment) would escape the closing parenthesis: percent-encoded.
  return `[${text}](${url.replace(/[()<> \\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`;
}

/**
 * A reading list: `- [Title](url) — Authors (year) · arXiv:2408.03961 · #tag`, then the note,
 * if any, quoted under its item.
 */
export function toMarkdownList(records: readonly PaperRecord[]): string {
  return records.map(markdownItem).join('\n') + (records.length > 0 ? '\n' : '');
}

function markdownItem(r: PaperRecord): string {
  const year = yearOf(r);
  const byline = [escapeText(authorsShort(r.authors, r.authorsCut === true)), year !== null ? `(${year})` : ''].filter(Boolean).join(' ');
  const cited = idsOf(r).map(citedId).find((id): id is string => id !== null);
  // As #tags, which note apps such as Obsidian read as their own: letters, digits, "_", "/" and
  // "-" only (a space or anything else becomes "-"), so nothing in them needs escaping; a "_"
  // only between letters or digits, where it cannot start or end emphasis ("#_draft_").
  const tags = r.tags.map((tag) => `#${tag.replace(/[^\p{L}\p{N}_/-]+/gu, '-').replace(/_(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])_/gu, '-')}`);
  const facts = [byline, cited ? escapeText(cited) : '', ...tags].filter(Boolean);
  const line = `- ${markdownLink(r)}${facts.length > 0 ? ` — ${facts.join(' · ')}` : ''}`;
  const note = noteMarkdown(r.note.trim());
  return note === '' ? line : `${line}\n${note.split('\n').map((l) => `  > ${l}`.trimEnd()).join('\n')}`;
}

/**
 * The user's note as Markdown: their own formatting and http(s) links kept, but nothing that
 * acts when the list is shown, as a note may come from an imported file (a BibTeX annote): no
 * link to another scheme (`[x](javascript:…)`, `[x]: javascript:…`), no image (it loads from
 * its host when shown), no HTML.
 */
function noteMarkdown(note: string): string {
  // A character after an odd run of backslashes is escaped already; after an even run (a note's
  // own "\\" is a literal backslash) it is live, and gets one more: "\\](javascript:…)" made a link.
  const live = (backslashes: string) => backslashes.length % 2 === 0;
  return note
    .replace(/!(\\*)\[/g, (m, bs: string) => (live(bs) ? `!${bs}\\[` : m))
    .replace(/(\\*)</g, (m, bs: string) => (live(bs) ? `${bs}\\<` : m))
    .replace(/(\\*)\](?=\(\s*(?!https?:\/\/)|:(?!\s*https?:\/\/))/gi, (m, bs: string) => (live(bs) ? `${bs}\\]` : m));
}

/** The first three authors, then "et al." (also after fewer where the page cut the list). */
function authorsShort(authors: readonly string[], cut: boolean): string {
  return authors.length <= 3 && !cut ? authors.join(', ') : `${authors.slice(0, 3).join(', ')} et al.`;
}

/**
 * Text as Markdown shows it literally: the characters that would start a link, emphasis,
 * strikethrough (GitHub's "~~"), code or HTML are escaped (a title's brackets would end a link's
 * text; "*" and "_" would italicize), and an "&" that starts a character reference ("&amp;"
 * would show as "&").
 */
function escapeText(text: string): string {
  return text.replace(/[\\[\]*_`<>~]|&(?=#?[A-Za-z0-9]+;)/g, (c) => `\\${c}`);
}
