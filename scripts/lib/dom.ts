/** Parses a saved page into a Document in Node (jsdom), at the URL it was served from. */
import { isAscii, isUtf8 } from 'node:buffer';
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
 * The charset to read a saved page with, here and when a browser is served it: the one it
 * declares (else UTF-8, what the sites send in their HTTP headers), except that bytes which are
 * valid UTF-8 and not plain ASCII are UTF-8 whatever the <meta> says. A saver that decoded a page
 * and wrote its text back out as UTF-8 may keep the old <meta>: the 2020 Google Scholar page
 * declares ISO-8859-1, but its NBSPs are C2 A0, and read by the <meta> each shows as "Â ", which
 * the live page never showed. Text in a single-byte charset with any byte over 127 is almost
 * never valid UTF-8.
 */
export function savedPageCharset(bytes: Buffer): string {
  const declared = declaredCharset(bytes) ?? 'utf-8';
  return declared !== 'utf-8' && !isAscii(bytes) && isUtf8(bytes) ? 'utf-8' : declared;
}

/** The page's Document, decoded as savedPageCharset says. Scripts do not run. */
export function parsePage(html: Buffer | string, url: string): Document {
  const charset = typeof html === 'string' ? 'utf-8' : savedPageCharset(html);
  const dom = new JSDOM(html, { url, contentType: `text/html; charset=${charset}` });
  return dom.window.document;
}

export function loadPage(file: string, url: string): Document {
  return parsePage(readFileSync(file), url);
}
