/**
 * Where the shared, public test material lives (saved pages, the arXiv dataset). It is not ours
 * and is never copied into the repo: it is read from ../shared, or from $PAPER_RADAR_SHARED.
 * When it is missing, suites and the demo say so loudly and skip, except under CI=true, where a
 * missing fixture is a failure.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DIR = path.resolve(process.env.PAPER_RADAR_SHARED ?? path.join(REPO_ROOT, '../shared'));
export const PAGES_DIR = path.join(SHARED_DIR, 'fixtures/pages');
export const DATA_DIR = path.join(SHARED_DIR, 'data');

/** Absolute path of `rel` under the shared folder. */
export function sharedPath(rel: string): string {
  return path.join(SHARED_DIR, rel);
}

/**
 * True when every path exists. When one is missing: throws under CI=true, else warns loudly
 * (the caller then skips).
 */
export function requireShared(what: string, ...rels: string[]): boolean {
  const missing = rels.filter((rel) => !existsSync(sharedPath(rel)));
  if (missing.length === 0) return true;
  return skipOrFail(
    `Paper Radar: ${what} needs shared material that is missing: ${missing.map(sharedPath).join(', ')}. ` +
      `Put ../shared next to the repo or set PAPER_RADAR_SHARED.`,
  );
}

/** Something a suite needs is missing: under CI=true a failure (throws), else a loud warning and false (skip). */
export function skipOrFail(message: string): false {
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`\n!!! SKIPPED — ${message}\n`);
  return false;
}
