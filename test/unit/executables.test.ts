/** Finding the browsers the demo, the tests and the benchmarks launch (scripts/lib/executables.ts). */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findExecutable } from '../../scripts/lib/executables';
import { findFirefox } from '../../scripts/lib/firefox';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'paper-radar-exe-'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

/** An executable file `name` in a folder of its own under the test's folder; that folder. */
function executable(folder: string, name: string, mode = 0o755): string {
  mkdirSync(path.join(dir, folder), { recursive: true });
  const file = path.join(dir, folder, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, mode);
  return path.join(dir, folder);
}

describe('findExecutable', () => {
  it('takes the named file only if it is an executable file: a folder, a missing or a plain file is none', () => {
    const bin = executable('bin', 'browser');
    expect(findExecutable(path.join(bin, 'browser'), [], [])).toBe(path.join(bin, 'browser'));
    expect(findExecutable(bin, ['browser'], [])).toBeNull();
    expect(findExecutable(path.join(bin, 'missing'), ['browser'], [])).toBeNull();
    executable('plain', 'browser', 0o644);
    expect(findExecutable(path.join(dir, 'plain', 'browser'), [], [])).toBeNull();
  });

  it('else the first name found on PATH, in PATH order, then the first candidate there is', () => {
    const first = executable('first', 'other');
    const second = executable('second', 'browser');
    vi.stubEnv('PATH', [path.join(dir, 'none'), first, second].join(path.delimiter));
    expect(findExecutable(undefined, ['browser', 'other'], [])).toBe(path.join(first, 'other'));
    vi.stubEnv('PATH', '');
    expect(findExecutable(undefined, ['browser'], [path.join(dir, 'none', 'x'), path.join(second, 'browser')])).toBe(path.join(second, 'browser'));
  });
});

describe('findFirefox', () => {
  it('refuses a folder named by PAPER_RADAR_FIREFOX (it was taken for a browser); finds firefox-esr on PATH', () => {
    vi.stubEnv('PAPER_RADAR_FIREFOX', dir);
    expect(findFirefox()).toBeNull();
    vi.stubEnv('PAPER_RADAR_FIREFOX', '');
    const bin = executable('bin', 'firefox-esr');
    vi.stubEnv('PATH', bin);
    expect(findFirefox()).toBe(path.join(bin, 'firefox-esr'));
  });
});
