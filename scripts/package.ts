/**
 * npm run package — store-ready archives of the two builds (dist/ for the Chrome Web Store,
 * dist-firefox/ for addons.mozilla.org) in artifacts/packages/, named
 * paper-radar-<browser>-<version>.zip.
 *
 * Reproducible: the same build gives the same bytes (files in name order, each dated by
 * SOURCE_DATE_EPOCH, else by the last commit), so an archive can be checked against the source
 * by building it again.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { REPO_ROOT } from './lib/shared';

const OUT = path.join(REPO_ROOT, 'artifacts/packages');
const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

/** The date every file carries (ms since the epoch); zip cannot date anything before 1980. */
function fileDate(): number {
  const fromEnv = Number(process.env.SOURCE_DATE_EPOCH);
  if (Number.isFinite(fromEnv) && fromEnv > 0) return fromEnv * 1000;
  try {
    return Number(execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim()) * 1000;
  } catch {
    return Date.UTC(1980, 0, 1);
  }
}

/** Every file under `dir` by its path inside it ('/'-separated), in name order. */
function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

// Zip dates are local times, which fflate reads off the Date: read in UTC on any machine. (Shifting
// the date by the zone's offset instead read the offset at the wrong hour next to a change of
// summer time, and the bytes then depended on the machine's zone.)
process.env.TZ = 'UTC';
const mtime = new Date(Math.max(fileDate(), Date.UTC(1980, 0, 1)));
mkdirSync(OUT, { recursive: true });
for (const [browser, dir] of [
  ['chrome', 'dist'],
  ['firefox', 'dist-firefox'],
] as const) {
  const source = path.join(REPO_ROOT, dir);
  const files = filesOf(source);
  if (!files.includes('manifest.json')) {
    console.error(`package: no manifest.json in ${dir}/: build it first (npm run package builds both).`);
    process.exit(1);
  }
  const entries: Zippable = {};
  for (const file of files) entries[file] = [readFileSync(path.join(source, file)), { mtime }];
  const fileName = path.join(OUT, `paper-radar-${browser}-${version}.zip`);
  rmSync(fileName, { force: true });
  writeFileSync(fileName, zipSync(entries, { level: 9 }));
  console.log(path.relative(REPO_ROOT, fileName));
}
