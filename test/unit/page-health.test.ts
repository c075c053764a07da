// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../content-scripts/adapters';
import { countPaperLinks } from '../../content-scripts/lib/paper-links';
import { pageHealth } from '../../src/core/page-health';
import { ARXIV_PAGES, OTHER_PAGES } from '../../scripts/lib/demo-pages';
import { loadPage } from '../../scripts/lib/dom';
import { PAGES_DIR, requireShared } from '../../scripts/lib/shared';

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

describe('a saved real page whose markup changed under its adapter', () => {
  // The Hugging Face adapter reads paper links rather than class names, so renaming them leaves
  // its entries found: nothing to check there.
  const pages = [...Object.values(ARXIV_PAGES), ...Object.values(OTHER_PAGES)].filter((page) => !page.file.startsWith('huggingface/'));

  it.for(pages)('finds no entries and is called broken (the CAPTCHA page, which has none, empty): $label', (page, ctx) => {
    if (!requireShared('the broken-markup check', `fixtures/pages/${page.file}`)) return ctx.skip();
    const doc = loadPage(`${PAGES_DIR}/${page.file}`, page.url);
    const url = new URL(page.url);
    const adapter = adapterFor(url)!;
    const entries = adapter.extract(doc, url).length;
    // Every class and id renamed, as a site redesign does.
    for (const el of doc.querySelectorAll('[class]')) el.setAttribute('class', [...el.classList].map((c) => `renamed-${c}`).join(' '));
    for (const el of doc.querySelectorAll('[id]')) el.id = `renamed-${el.id}`;
    const report = { site: adapter.site, entries: adapter.extract(doc, url).length, paperLinks: countPaperLinks(doc) };
    expect(report.entries).toBe(0);
    expect(pageHealth(report)).toBe(entries > 0 ? 'broken' : 'empty');
  });
});
