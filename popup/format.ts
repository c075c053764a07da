/** How papers are written in the library's lists (short author lists, dates, links in text). */
import { safeHttpUrl } from '../src/core/text';

const MAX_AUTHORS_SHOWN = 4;

/**
 * A row's authors: the names ("A, B, C", "A, B, C, …"; a list the page cut, `cut`, ends "…") and
 * how many there are when not all are named (" (12 authors)", "12+" when cut), apart: a row cuts
 * long names short, and the count must stay in sight ("A, B, … …" told nothing).
 */
export function authorsLine(authors: readonly string[], cut = false): { names: string; count: string } {
  if (authors.length <= MAX_AUTHORS_SHOWN) return { names: cut ? `${authors.join(', ')}, …` : authors.join(', '), count: '' };
  return { names: `${authors.slice(0, MAX_AUTHORS_SHOWN - 1).join(', ')}, …`, count: ` (${authors.length}${cut ? '+' : ''} authors)` };
}

/**
 * A date formatter made once per time zone: toLocaleDateString with options makes a new one per
 * call, ≈ 0.1 ms each (2.4 ms of each render of a list's rows), and one made once keeps the zone
 * it was made in (a library tab left open across a journey dated rows by the zone left behind,
 * as the filters and weeks went by the new one). A zone is told by its offset now.
 */
export function dateFormatIn(options: Intl.DateTimeFormatOptions): () => Intl.DateTimeFormat {
  let made: { format: Intl.DateTimeFormat; offset: number } | null = null;
  return () => {
    const offset = new Date().getTimezoneOffset();
    if (made?.offset !== offset) made = { format: new Intl.DateTimeFormat(undefined, options), offset };
    return made.format;
  };
}

const DATE_FORMAT = dateFormatIn({ year: 'numeric', month: 'short', day: 'numeric' });

export function formatDate(time: number | null): string {
  return time === null ? '' : DATE_FORMAT().format(time);
}

/** A piece of text, and the address it links to when it is a web address. */
export interface TextPart {
  text: string;
  href?: string;
}

/** Web addresses as authors write them in comments and abstracts: up to whitespace or a bracket. */
const WEB_ADDRESS = /\bhttps?:\/\/[^\s<>"{}]+/g;

/** Longer than any real address: left as text (trimming one is work in proportion to its length). */
const MAX_ADDRESS = 2_048;

/**
 * `text` cut into plain parts and web addresses (http and https only, checked by the URL parser).
 * Punctuation ending a sentence is not part of an address ("at https://x.org/a." links
 * https://x.org/a), nor is a closing parenthesis the address did not open.
 */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    if (match[0].length > MAX_ADDRESS) continue;
    const address = withoutTrailingPunctuation(match[0]);
    if (safeHttpUrl(address) === null) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ text: address, href: address });
    last = match.index + address.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** An address without the punctuation after it, and without closing parentheses it did not open: one pass from its end. */
function withoutTrailingPunctuation(address: string): string {
  let opened = 0;
  let closed = 0;
  for (const ch of address) {
    if (ch === '(') opened++;
    else if (ch === ')') closed++;
  }
  let end = address.length;
  while (end > 0) {
    const ch = address[end - 1]!;
    if (".,;:!?'’".includes(ch)) end--;
    else if (ch === ')' && closed > opened) {
      end--;
      closed--;
    } else break;
  }
  return address.slice(0, end);
}
