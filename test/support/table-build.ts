/** Runs one of the scripts that build a shipped table (scripts/build-*.ts), as a user would, for tests. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/shared';

/**
 * The file `scripts/<script>.ts` writes: from the shared listings, or from `rows` (papers with a
 * title and summary) when given. Fails the test when the script does not exit 0.
 */
export function runTableBuild(script: string, rows?: ReadonlyArray<{ title: string; summary: string }>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pr-table-'));
  const out = path.join(dir, 'out.json');
  const args = ['tsx', `scripts/${script}.ts`, '--out', out];
  if (rows) {
    writeFileSync(path.join(dir, 'data.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n'));
    args.push('--data', path.join(dir, 'data.jsonl'));
  }
  const run = spawnSync('npx', args, { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(out, 'utf8');
}

/** The committed text of a shipped table, src/relevance/<file>. */
export const committedTable = (file: string): string => readFileSync(path.join(REPO_ROOT, 'src/relevance', file), 'utf8');
