/** How a saved page's bytes are decoded, in Node tests and when a browser is served the page. */
import { describe, expect, it } from 'vitest';
import { savedPageCharset } from '../../scripts/lib/dom';

const page = (meta: string, body: Buffer) => Buffer.concat([Buffer.from(`<!doctype html><html><head>${meta}</head><body><p>`), body, Buffer.from('</p></body></html>')]);
const LATIN1_META = '<meta http-equiv="Content-Type" content="text/html;charset=ISO-8859-1">';

describe('savedPageCharset', () => {
  it('takes the declared charset, else UTF-8', () => {
    expect(savedPageCharset(page('', Buffer.from('caf\u00e9', 'utf8')))).toBe('utf-8');
    expect(savedPageCharset(page('<meta charset="windows-1252">', Buffer.from('plain ASCII')))).toBe('windows-1252');
    expect(savedPageCharset(page(LATIN1_META, Buffer.from('caf\u00e9\u00a0-', 'latin1')))).toBe('iso-8859-1');
  });

  it('reads bytes that are valid UTF-8, and not ASCII, as UTF-8 whatever the page declares', () => {
    expect(savedPageCharset(page(LATIN1_META, Buffer.from('Forsyth\u00a0- Terra', 'utf8')))).toBe('utf-8');
    // One Latin-1 byte among UTF-8 sequences: not UTF-8, so the declared charset stands.
    expect(savedPageCharset(page(LATIN1_META, Buffer.concat([Buffer.from('\u00b1', 'utf8'), Buffer.from([0xe9])])))).toBe('iso-8859-1');
  });
});
