/**
 * The saved real pages the demo, the end-to-end tests and the benchmark serve at their real
 * URLs (through request interception; nothing goes to the network). Files live in the shared
 * fixtures folder, never in this repo.
 */
import path from 'node:path';
import { PAGES_DIR } from './shared';

export interface SavedPage {
  /** The URL the page was saved from, where the browser is told it lives. */
  url: string;
  /** Path relative to the shared fixtures/pages folder. */
  file: string;
  label: string;
}

export const ARXIV_PAGES = {
  hepThNew: {
    url: 'https://arxiv.org/list/hep-th/new',
    file: 'arxiv/list-hep-th-new-newmarkup-2024-08-09.html',
    label: 'arXiv hep-th new (2024 markup, 49 entries)',
  },
  quantPhNew: {
    url: 'https://arxiv.org/list/quant-ph/new',
    file: 'arxiv/list-quant-ph-new-newmarkup-2024-08-09.html',
    label: 'arXiv quant-ph new (2024 markup, 78 entries)',
  },
  mathPhNew: {
    url: 'https://arxiv.org/list/math-ph/new',
    file: 'arxiv/list-math-ph-new-newmarkup-2024-08-09.html',
    label: 'arXiv math-ph new (2024 markup, 23 entries)',
  },
  astroPhPastweek: {
    url: 'https://arxiv.org/list/astro-ph/pastweek?show=1000',
    file: 'arxiv/list-astro-ph-pastweek-newmarkup-browser-saved-2024-11-22.html',
    label: 'arXiv astro-ph pastweek (397 entries, browser-saved)',
  },
  astroPhCoPastweekOld: {
    url: 'https://arxiv.org/list/astro-ph.CO/pastweek?show=1000',
    file: 'arxiv/list-astro-ph.CO-pastweek-show1000-oldmarkup-2024-03-14.html',
    label: 'arXiv astro-ph.CO pastweek (pre-2024 markup, 76 entries)',
  },
  search: {
    url: 'https://arxiv.org/search/?query=distributed+systems&searchtype=abstract&abstracts=show&order=-announced_date_first&size=200',
    file: 'arxiv/search-abstract-distributed-systems-200results-2025-12.html',
    label: 'arXiv search (200 results)',
  },
  absNew: {
    url: 'https://arxiv.org/abs/2609.22268',
    file: 'arxiv/abs-2609.22268-newdesign-2026-09.html',
    label: 'arXiv abstract page (2026 design)',
  },
} satisfies Record<string, SavedPage>;

export const OTHER_PAGES = {
  huggingfaceDaily: {
    url: 'https://huggingface.co/papers/date/2026-09-28',
    file: 'huggingface/daily-papers-2026-hydrated.html',
    label: 'Hugging Face daily papers (28 papers)',
  },
  scholarSearch: {
    url: 'https://scholar.google.com/scholar?q=Geology+of+the+Olympus+Range+area',
    file: 'scholar/gscholar-search-geology-olympus-range-2020-11.html',
    label: 'Google Scholar results (10 results)',
  },
  scholarCaptcha: {
    url: 'https://scholar.google.com/scholar?q=captcha',
    file: 'scholar/gscholar-search-captcha-noresults-2020-11.html',
    label: 'Google Scholar CAPTCHA page (no results)',
  },
  aclAuthor: {
    url: 'https://aclanthology.org/people/a/andreas-madsack/',
    file: 'acl/author-andreas-madsack-2026-07.html',
    label: 'ACL Anthology author page (6 papers)',
  },
} satisfies Record<string, SavedPage>;

/** What `npm start` opens, in order. */
export const DEMO_PAGES: SavedPage[] = [
  ARXIV_PAGES.hepThNew,
  ARXIV_PAGES.quantPhNew,
  ARXIV_PAGES.astroPhPastweek,
  ARXIV_PAGES.astroPhCoPastweekOld,
  ARXIV_PAGES.search,
  ARXIV_PAGES.absNew,
  OTHER_PAGES.huggingfaceDaily,
  OTHER_PAGES.scholarSearch,
  OTHER_PAGES.aclAuthor,
];

export function pageFile(page: SavedPage): string {
  return path.join(PAGES_DIR, page.file);
}
