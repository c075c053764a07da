/**
 * .ci/run, with stand-ins for npm and the Debian packages on PATH (nothing installed, nothing
 * built): what it exits with and the line it ends with, whatever stops it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/shared';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs .ci/run with `npm` doing what `npmScript` (a shell `case "$1"` body) says, and CI as given. */
function ciRun(npmScript: string, env: Record<string, string> = {}): { status: number | null; lines: string[] } {
  const bin = mkdtempSync(path.join(os.tmpdir(), 'paper-radar-ci-'));
  dirs.push(bin);
  const stub = (name: string, body: string) => {
    writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  for (const name of ['chromium', 'firefox-esr', 'unzip']) stub(name, 'exit 0');
  stub('apt-get', 'echo "apt-get must not run: every package is there" >&2; exit 100');
  stub('npm', `case "$1" in\n${npmScript}\nesac`);
  const { PAPER_RADAR_CHROMIUM: _c, PAPER_RADAR_FIREFOX: _f, ...inherited } = process.env;
  const run = spawnSync('bash', [path.join(REPO_ROOT, '.ci/run')], { env: { ...inherited, PATH: `${bin}:${process.env['PATH']}`, ...env }, encoding: 'utf8' });
  return { status: run.status, lines: `${run.stdout}`.trimEnd().split('\n') };
}

describe('.ci/run', () => {
  it('runs the tests with CI=true, whatever CI the caller set, and ends with their summary and status', () => {
    const passed = ciRun('ci) exit 0 ;;\ntest) echo "CI is $CI"; echo "3 passed, 0 failed, 0 skipped"; exit 0 ;;', { CI: '1' });
    expect(passed.status).toBe(0);
    // Before: CI=1 kept, and a missing fixture skipped instead of failing.
    expect(passed.lines).toContain('CI is true');
    expect(passed.lines.at(-1)).toBe('3 passed, 0 failed, 0 skipped');
    const failed = ciRun('ci) exit 0 ;;\ntest) echo "2 passed, 1 failed, 0 skipped"; exit 1 ;;');
    expect(failed.status).toBe(1);
    expect(failed.lines.at(-1)).toBe('2 passed, 1 failed, 0 skipped');
  });

  it('stopped before the tests ended (the type check, npm ci): its status, and a line saying one failure', () => {
    // Before: the run ended on the compiler's message, with no summary line.
    const typeError = ciRun('ci) exit 0 ;;\ntest) echo "src/x.ts(1,14): error TS2322"; exit 2 ;;');
    expect(typeError.status).toBe(2);
    expect(typeError.lines.at(-1)).toMatch(/^0 passed, 1 failed, 0 skipped \(/);
    const install = ciRun('ci) echo "npm ERR! network" >&2; exit 1 ;;\ntest) echo "5 passed, 0 failed, 0 skipped" ;;');
    expect(install.status).toBe(1);
    expect(install.lines.at(-1)).toMatch(/^0 passed, 1 failed, 0 skipped \(/);
  });
});
