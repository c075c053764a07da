/**
 * The `npm run detect` CLI (scripts/detect.ts), run as a real process: what it prints and how it
 * exits. A handful of spawns only (each costs about half a second).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PAGES_DIR, REPO_ROOT, requireShared } from '../../scripts/lib/shared';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node --import tsx scripts/detect.ts …args` from the repo root. */
function detect(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/detect.ts'), ...args],
      { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const QUANT_PH_PAGE = 'fixtures/pages/arxiv/list-quant-ph-new-newmarkup-2024-08-09.html';
const HAVE_PAGE = requireShared('the detect CLI test', QUANT_PH_PAGE);

const tmp = mkdtempSync(path.join(os.tmpdir(), 'paper-radar-detect-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('scripts/detect.ts', () => {
  it.skipIf(!HAVE_PAGE)('prints the entries of a saved arXiv page as one JSON object', async () => {
    const file = path.join(PAGES_DIR, 'arxiv/list-quant-ph-new-newmarkup-2024-08-09.html');
    const run = await detect('--url', 'https://arxiv.org/list/quant-ph/new', file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith('}\n')).toBe(true);
    const out = JSON.parse(run.stdout) as { site: string; entries: Array<Record<string, unknown>> };
    expect(out.site).toBe('arxiv');
    expect(out.entries).toHaveLength(78);
    expect(out.entries[0]).toMatchObject({
      id: 'arxiv:2408.03941',
      title: "The Born rule for quantum probabilities from Newton's third law",
      site: 'arxiv',
      section: 'new',
    });
    expect(out.entries.at(-1)).toMatchObject({ id: 'arxiv:2408.03580', section: 'replacement' });
  });

  it.skipIf(!HAVE_PAGE)('covers the other sites: site names and entries of saved Hugging Face, Scholar and ACL pages', async () => {
    const cases: Array<[string, string, string, number, string]> = [
      ['https://huggingface.co/papers/date/2026-09-28', 'huggingface/daily-papers-2026-hydrated.html', 'huggingface', 28, 'arxiv:2609.31620'],
      ['https://scholar.google.com/scholar?q=olympus', 'scholar/gscholar-search-geology-olympus-range-2020-11.html', 'scholar', 10, 'scholar:15801554877513113826'],
      ['https://aclanthology.org/people/a/andreas-madsack/', 'acl/author-andreas-madsack-2026-07.html', 'acl', 6, ''],
    ];
    for (const [url, file, site, count, firstId] of cases) {
      if (!requireShared('the detect CLI test', `fixtures/pages/${file}`)) continue;
      const run = await detect('--url', url, path.join(PAGES_DIR, file));
      expect(run.code, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as { site: string; entries: Array<{ id: string }> };
      expect(out.site).toBe(site);
      expect(out.entries).toHaveLength(count);
      if (firstId) expect(out.entries[0]!.id).toBe(firstId);
      else expect(out.entries[0]!.id).toMatch(/^acl:/);
    }
  });

  it('exits 2 with one line on stderr when the file cannot be read', async () => {
    const run = await detect('--url', 'https://arxiv.org/list/hep-th/new', path.join(tmp, 'missing.html'));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^detect: cannot read .*missing\.html/);
  });

  it('exits 2 when no adapter handles the URL', async () => {
    const file = path.join(tmp, 'page.html');
    writeFileSync(file, '<!doctype html><title>x</title><p>hello</p>');
    const run = await detect('--url', 'https://example.com/', file);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('https://example.com/');
  });

  it('--help prints the usage (exit 0); an unknown option is a one-line usage error (exit 2)', async () => {
    const help = await detect('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run --silent detect -- --url <page URL> <saved-page.html>/);
    const file = path.join(tmp, 'page.html');
    writeFileSync(file, '<!doctype html><title>arXiv</title>');
    const typo = await detect('--ulr', 'https://arxiv.org/list/hep-th/new', file);
    expect(typo.code).toBe(2);
    expect(typo.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(typo.stderr).toMatch(/^detect: unknown option --ulr \(usage: /);
  });

  it('exits 0 with no entries for an arXiv URL on a page without any', async () => {
    const file = path.join(tmp, 'empty-listing.html');
    writeFileSync(file, '<!doctype html><title>arXiv</title><div id="dlpage"><h1>Nothing today</h1></div>');
    const run = await detect('--url', 'https://arxiv.org/list/hep-th/new', file);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ site: 'arxiv', entries: [] });
  });
});
