/**
 * The commands a user runs: `npm start -- --headless` (the demo on the saved pages, offline),
 * `npm start` without a usable Chromium, the content scripts the build writes, and the Firefox
 * build that `web-ext lint` must accept.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DEMO_PAGES } from '../../scripts/lib/demo-pages';
import { REPO_ROOT, requireShared } from '../../scripts/lib/shared';

const tsx = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(tsx, args, { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });

const demoAvailable = requireShared('the headless demo test', ...DEMO_PAGES.map((p) => `fixtures/pages/${p.file}`));

describe('npm start', () => {
  it.skipIf(!demoAvailable)('--headless annotates every demo page, prints a line per page and writes screenshots', () => {
    // An earlier run's screenshot must not pass for this one's.
    const stale = path.join(REPO_ROOT, 'artifacts/demo/00-stale.png');
    mkdirSync(path.dirname(stale), { recursive: true });
    writeFileSync(stale, 'not this run');
    const result = run(['scripts/start.ts', '--headless']);
    expect(result.status, result.stderr).toBe(0);
    expect(existsSync(stale)).toBe(false);
    const lines = result.stdout.split('\n').filter((line) => line.startsWith('https://'));
    expect(lines).toHaveLength(DEMO_PAGES.length);
    for (const [i, page] of DEMO_PAGES.entries()) {
      const match = /^(\S+) — (\d+) entr(?:y|ies) found, (\d+) annotated .* → (\S+\.png)$/.exec(lines[i]!);
      expect(match, lines[i]).not.toBeNull();
      expect(match![1]).toBe(page.url);
      expect(Number(match![2])).toBeGreaterThan(0);
      expect(match![3]).toBe(match![2]);
      const shot = path.join(REPO_ROOT, match![4]!);
      expect(existsSync(shot)).toBe(true);
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    }
    expect(result.stdout).toContain('Screenshots in artifacts/demo');
  });

  it('says what to install when no usable Chromium is found, naming the variable when it points at none', () => {
    const result = run(['scripts/start.ts', '--headless'], { PAPER_RADAR_CHROMIUM: '/nonexistent/chromium' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PAPER_RADAR_CHROMIUM=/nonexistent/chromium is not an executable file');
    expect(result.stderr).toContain('needs a Chromium build that honours --load-extension');
    expect(result.stderr).toContain('apt-get install chromium');
    // A folder is not a browser either (it used to reach Playwright, which failed with a page of log).
    const folder = run(['scripts/start.ts', '--headless'], { PAPER_RADAR_CHROMIUM: '/usr/bin' });
    expect(folder.status).toBe(1);
    expect(folder.stderr.split('\n')[0]).toBe('PAPER_RADAR_CHROMIUM=/usr/bin is not an executable file.');
  });

  it('--help prints the usage; an unknown option is refused with it, nothing launched', () => {
    const help = run(['scripts/start.ts', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm start \[-- --headless\]/);
    const typo = run(['scripts/start.ts', '--headles']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/^npm start: unknown option --headles\nusage: npm start/);
    expect(typo.stdout).toBe('');
  });

  it('under CI=true, missing demo pages are a failure, not a demo of nothing', () => {
    const result = run(['scripts/start.ts', '--headless'], { CI: 'true', PAPER_RADAR_SHARED: '/nonexistent/shared' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/npm start \(the demo pages\) needs shared material that is missing/);
    expect(result.stdout).not.toContain('loaded as extension');
  });
});

describe('content scripts', () => {
  it('are built as plain scripts that import nothing, named in the manifest with one match list', () => {
    // `npm test` has just built dist/.
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'dist/manifest.json'), 'utf8')) as {
      content_scripts: Array<{ js: string[]; matches: string[]; run_at: string }>;
      permissions: string[];
      host_permissions: string[];
    };
    const [wake, main] = manifest.content_scripts;
    expect(manifest.content_scripts).toHaveLength(2);
    expect(wake).toMatchObject({ js: ['content-scripts/wake.js'], run_at: 'document_start' });
    expect(main).toMatchObject({ js: ['content-scripts/main.js'], run_at: 'document_idle' });
    expect(wake!.matches).toEqual(main!.matches);
    // Chrome's host permissions are the content scripts' pages, no more (src/background/open-tabs.ts).
    expect(manifest.permissions).toEqual(['storage', 'scripting']);
    expect(manifest.host_permissions).toEqual(main!.matches);
    for (const file of [...wake!.js, ...main!.js]) {
      const code = readFileSync(path.join(REPO_ROOT, 'dist', file), 'utf8');
      // A classic script: an import or export statement would not even compile as one.
      expect(() => new vm.Script(code, { filename: file })).not.toThrow();
      expect(code).not.toMatch(/\bimport\s*\(/);
    }
  });
});

describe('Firefox build', () => {
  it('builds dist-firefox/ and web-ext lint reports 0 errors', () => {
    const build = spawnSync('npx', ['vite', 'build', '--mode', 'firefox'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'dist-firefox/manifest.json'), 'utf8'));
    expect(manifest.background.scripts).toHaveLength(1);
    expect(manifest.background.service_worker).toBeUndefined();
    expect(manifest.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
    // Firefox runs the content scripts in open tabs itself: no scripting, no host permissions beyond the content scripts'.
    expect(manifest.permissions).toEqual(['storage']);
    expect(manifest.host_permissions).toBeUndefined();
    const lint = spawnSync('npx', ['web-ext', 'lint', '--source-dir', 'dist-firefox', '--output', 'json'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    const report = JSON.parse(lint.stdout) as { count: number; summary: { errors: number; warnings: number }; errors: unknown[] };
    expect(report.errors).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });
});

describe('npm run package', () => {
  it('writes store-ready archives for Chrome and Firefox: every file of the build, and only those, the same bytes each time', () => {
    const result = spawnSync('npm', ['run', '--silent', 'package'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const zipOf = (browser: string) => path.join(REPO_ROOT, `artifacts/packages/paper-radar-${browser}-${version}.zip`);
    const digests = () => ['chrome', 'firefox'].map((browser) => createHash('sha256').update(readFileSync(zipOf(browser))).digest('hex'));
    const first = digests();
    // Packaged again from the same builds, in another time zone: the same bytes.
    const again = spawnSync(tsx, ['scripts/package.ts'], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'Pacific/Auckland' } });
    expect(again.status, again.stderr).toBe(0);
    expect(digests()).toEqual(first);
    // Dated in the hour after a change of summer time (31 March 2024, 01:30 UTC): the same bytes
    // in Berlin, where that hour was skipped, as in UTC (they differed: the shift to UTC was read
    // at the wrong hour).
    const atChange = (TZ: string) => {
      const run = spawnSync(tsx, ['scripts/package.ts'], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, TZ, SOURCE_DATE_EPOCH: '1711848600' } });
      expect(run.status, run.stderr).toBe(0);
      return digests();
    };
    expect(atChange('Europe/Berlin')).toEqual(atChange('UTC'));
    spawnSync(tsx, ['scripts/package.ts'], { cwd: REPO_ROOT, encoding: 'utf8' }); // as the build's own date again
    for (const [browser, dir] of [
      ['chrome', 'dist'],
      ['firefox', 'dist-firefox'],
    ]) {
      const listed = spawnSync('unzip', ['-Z1', zipOf(browser!)], { encoding: 'utf8' }).stdout.trim().split('\n');
      const built = readdirSync(path.join(REPO_ROOT, dir!), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(path.join(REPO_ROOT, dir!), path.join(e.parentPath, e.name)))
        .sort();
      expect(listed, browser).toEqual(built);
      expect(listed.some((file) => file.endsWith('.map'))).toBe(false);
    }
    const manifestIn = (browser: string) => {
      const zip = zipOf(browser);
      const unzip = spawnSync('unzip', ['-p', zip, 'manifest.json'], { encoding: 'utf8' });
      expect(unzip.status, unzip.stderr).toBe(0);
      return JSON.parse(unzip.stdout) as { version: string; background: Record<string, unknown>; browser_specific_settings?: unknown };
    };
    const chrome = manifestIn('chrome');
    expect(chrome.version).toBe(version);
    expect(chrome.background.service_worker).toBeTruthy();
    const firefox = manifestIn('firefox');
    expect(firefox.version).toBe(version);
    expect(firefox.browser_specific_settings).toBeTruthy();
  });
});
