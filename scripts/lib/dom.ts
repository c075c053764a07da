/** Parses a saved page into a Document in Node (jsdom), at the URL it was served from. */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

/**
 * The charset a saved page declares in a <meta> near its start (as a browser's prescan would
 * find it), or null. Sites such as arXiv declare UTF-8 only in the HTTP header, which a saved
 * file no longer has.
 */
export function declaredCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 4096).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? null;
}

/**
 * The page's Document. Decoded with the charset the page declares (the saved Google Scholar
 * pages are ISO-8859-1), else as UTF-8, which is what the sites send in their HTTP headers.
 * Scripts do not run.
 */
export function parsePage(html: Buffer | string, url: string): Document {
  const charset = typeof html === 'string' ? 'utf-8' : (declaredCharset(html) ?? 'utf-8');
  const dom = new JSDOM(html, { url, contentType: `text/html; charset=${charset}` });
  return dom.window.document;
}

export function loadPage(file: string, url: string): Document {
  return parsePage(readFileSync(file), url);
}
