/**
 * The manifest's content-script matches and the adapters agree: every kind of page the README
 * says is supported is both injected into and handled, on each host an adapter accepts for it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../content-scripts/adapters/index';
import { REPO_ROOT } from '../../scripts/lib/shared';

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'manifest.json'), 'utf8')) as { content_scripts: Array<{ matches: string[] }> };
const patterns = manifest.content_scripts.flatMap((script) => script.matches);

/** A Chrome match pattern (`https://host/path*`: `*` in the path only) as a test of a URL. */
function matches(pattern: string, url: string): boolean {
  const m = /^(https):\/\/([^/*]+)(\/.*)$/.exec(pattern);
  if (!m) throw new Error(`unexpected match pattern ${pattern}`);
  const u = new URL(url);
  const pathRe = new RegExp(`^${m[3]!.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return u.protocol === `${m[1]}:` && u.host === m[2] && pathRe.test(u.pathname + u.search);
}
const injected = (url: string) => patterns.some((p) => matches(p, url));

const SUPPORTED = [
  'https://arxiv.org/list/cs.LG/new',
  'https://arxiv.org/list/hep-th/recent',
  'https://arxiv.org/list/cs.CL/pastweek?skip=25&show=25',
  'https://arxiv.org/list/math.AG/2408',
  'https://arxiv.org/catchup/cs.LG/2024-08-12',
  'https://arxiv.org/search/?query=diffusion&searchtype=all',
  'https://arxiv.org/abs/2408.03961v2',
  'https://huggingface.co/papers',
  'https://huggingface.co/papers/date/2024-08-08',
  'https://huggingface.co/papers/trending',
  'https://huggingface.co/papers/2408.03961',
  'https://scholar.google.com/scholar?q=transformers',
  'https://scholar.google.de/scholar?hl=de&q=transformers',
  'https://aclanthology.org/people/c/christopher-d-manning/',
  'https://aclanthology.org/events/acl-2024/',
  'https://aclanthology.org/volumes/2024.acl-long/',
];

describe('the manifest injects where the adapters work', () => {
  it.each(SUPPORTED)('%s: injected and handled', (url) => {
    expect(injected(url)).toBe(true);
    expect(adapterFor(new URL(url))).not.toBeNull();
  });

  it.each(SUPPORTED.filter((url) => url.startsWith('https://arxiv.org/')))('%s: on www.arxiv.org too', (url) => {
    const www = url.replace('https://arxiv.org/', 'https://www.arxiv.org/');
    expect(adapterFor(new URL(www))).not.toBeNull();
    expect(injected(www)).toBe(true);
  });

  it("Scholar's other pages (settings, alerts, lookup) are not injected into: no adapter reads them", () => {
    for (const url of ['https://scholar.google.com/scholar_settings?hl=en', 'https://scholar.google.com/scholar_alerts?view_op=list_alerts', 'https://scholar.google.de/scholar_lookup?title=x']) {
      expect(adapterFor(new URL(url)), url).toBeNull();
      expect(injected(url), url).toBe(false);
    }
  });

  it('every pattern is one an adapter handles (no page is injected into for nothing)', () => {
    // A page of each path a pattern names, on the pattern's host.
    const SAMPLE_PATH: Record<string, string> = {
      '/list/*': '/list/cs.LG/new',
      '/search/*': '/search/?query=x',
      '/abs/*': '/abs/2408.03961',
      '/catchup*': '/catchup/cs.LG/2024-08-12',
      '/papers*': '/papers',
      '/scholar?*': '/scholar?q=x',
      '/people/*': '/people/c/christopher-d-manning/',
      '/events/*': '/events/acl-2024/',
      '/volumes/*': '/volumes/2024.acl-long/',
    };
    for (const pattern of patterns) {
      const { host, pathname, search } = new URL(pattern.replace(/\*/g, '%2A'));
      const sample = `https://${host}${SAMPLE_PATH[decodeURIComponent(pathname + search)]}`;
      expect(injected(sample), pattern).toBe(true);
      expect(adapterFor(new URL(sample)), pattern).not.toBeNull();
    }
  });
});
