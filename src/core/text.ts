/** Text helpers shared by the adapters, the store, the worker and the pages. Pure, no browser APIs. */

/**
 * `text` without Unicode's bidirectional embeddings, overrides and isolates (U+202A–202E,
 * U+2066–2069): from a page's title or author, an override turned what followed it in the popup's
 * row and in every export (the paper's link and id in a Markdown list) around. Left-to-right and
 * right-to-left marks, which reorder nothing past them, stay.
 */
export function withoutBidiControls(text: string): string {
  return BIDI_CONTROL.test(text) ? text.replace(BIDI_CONTROLS, '') : text;
}
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** Collapses runs of whitespace (including NBSP and line breaks) to one space and trims. */
const NEEDS_COLLAPSE = /^[\s\u00a0\u200b]|[\s\u00a0\u200b]$|[^\S ]|\u200b| {2}/;

export function collapseWhitespace(text: string): string {
  // Most strings (author names, ids) are already clean: test before allocating a new string.
  if (!NEEDS_COLLAPSE.test(text)) return text;
  return text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/** Cuts `text` to at most `max` UTF-16 units without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/**
 * Returns `href` resolved against `base` when it is an http(s) URL, else null. Pages are hostile
 * input: a `javascript:` or `data:` link must never reach a link we render.
 */
export function safeHttpUrl(href: string | null | undefined, base?: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, base);
    // No user name or password either: "https://arxiv.org@evil.example/" goes to evil.example.
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '' ? url.href : null;
  } catch {
    return null;
  }
}

/** decodeURIComponent that returns its input unchanged instead of throwing on a bad escape. */
export function decodeURIComponentSafe(s: string): string {
  if (!s.includes('%')) return s; // nothing to decode (the usual case for ids in links)
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * `text` with HTML's character references decoded: numeric ones (`&#39;`, `&#x21;`) and the
 * named ones that turn up in data (`&amp; &lt; &gt; &quot; &apos; &nbsp;`); others stay as
 * written. For text that was HTML-escaped once too often at its source (Hugging Face's paper
 * JSON writes "D&#39;Mello"), or notes written as HTML.
 */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#x([\da-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi, (whole, dec: string, hex: string, name: string) => {
    if (name) return NAMED_ENTITIES[name.toLowerCase()]!;
    const code = Number.parseInt(dec ?? hex, dec ? 10 : 16);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** A name's suffix, as a word of its own ("Jr.", "jr", "III"), in any case: not part of the family name. */
export function isNameSuffix(word: string): boolean {
  return NAME_SUFFIX.test(word);
}
const NAME_SUFFIX = /^(?:jr|sr)\.?$|^(?:ii|iii|iv)$/i;

/** What went wrong, in the error's own words: its message, not "Error: …" as String(error) says it. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
