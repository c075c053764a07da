/**
 * npm run package — store-ready archives of the two builds (dist/ for the Chrome Web Store,
 * dist-firefox/ for addons.mozilla.org) in artifacts/packages/, zipped by web-ext (the same tool
 * that lints the Firefox build), named paper-radar-<browser>-<version>.zip.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './lib/shared';

const OUT = path.join(REPO_ROOT, 'artifacts/packages');
const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

mkdirSync(OUT, { recursive: true });
for (const [browser, dir] of [
  ['chrome', 'dist'],
  ['firefox', 'dist-firefox'],
] as const) {
  const fileName = `paper-radar-${browser}-${version}.zip`;
  rmSync(path.join(OUT, fileName), { force: true });
  const result = spawnSync('npx', ['web-ext', 'build', '--source-dir', dir, '--artifacts-dir', OUT, '--filename', fileName, '--overwrite-dest'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    console.error(result.stderr || result.stdout);
    process.exit(1);
  }
  console.log(path.relative(REPO_ROOT, path.join(OUT, fileName)));
}
