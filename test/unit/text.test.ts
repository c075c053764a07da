/** The pure text helpers of src/core/text.ts that the adapters and importers share. */
import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities } from '../../src/core/text';

describe('decodeHtmlEntities', () => {
  it('decodes numeric references and the named ones found in data, once', () => {
    expect(decodeHtmlEntities('Christopher D&#39;Mello')).toBe("Christopher D'Mello");
    expect(decodeHtmlEntities('&lt;§3&gt; &amp; the appendix&#x21; &QUOT;x&quot; &apos;&nbsp;')).toBe('<§3> & the appendix! "x" \'\u00a0');
    expect(decodeHtmlEntities('&amp;#39;')).toBe('&#39;'); // once: what was escaped twice stays escaped once
  });

  it('leaves what is no reference as written', () => {
    expect(decodeHtmlEntities('AT&T, R&D; &copy; &#; &#xZZ; &#0; &#xD800; &#1114112;')).toBe('AT&T, R&D; &copy; &#; &#xZZ; &#0; &#xD800; &#1114112;');
    expect(decodeHtmlEntities('plain')).toBe('plain');
  });
});
