// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { countPaperLinks } from '../../content-scripts/lib/paper-links';
import { pageHealth } from '../../src/core/page-health';

describe('pageHealth', () => {
  it('is ok with entries, broken with none but paper links, empty otherwise', () => {
    expect(pageHealth({ site: 'arxiv', entries: 3, paperLinks: 0 })).toBe('ok');
    expect(pageHealth({ site: 'arxiv', entries: 0, paperLinks: 3 })).toBe('broken');
    expect(pageHealth({ site: 'scholar', entries: 0, paperLinks: 2 })).toBe('empty');
    expect(pageHealth({ site: 'scholar', entries: 0, paperLinks: 0 })).toBe('empty');
  });
});

describe('countPaperLinks', () => {
  it('counts links that name a paper (arXiv, Hugging Face, DOI, ACL), not others', () => {
    document.body.innerHTML = `
      <a href="https://arxiv.org/abs/2408.03961">a</a>
      <a href="/papers/2609.31620">hf (relative)</a>
      <a href="https://doi.org/10.1145/3292500.3330701">doi</a>
      <a href="https://example.com/">other</a>
      <a href="javascript:void(0)">js</a>
      <a>no href</a>`;
    const base = document.createElement('base');
    base.href = 'https://huggingface.co/papers';
    document.head.append(base);
    expect(countPaperLinks(document)).toBe(3);
    expect(countPaperLinks(document, 2)).toBe(2);
  });
});
