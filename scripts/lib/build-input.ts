/**
 * The command line every table built from the shared listings takes (build-df-prior,
 * build-abbreviations, build-word-families, build-compounds): `--data <papers.jsonl>`,
 * `--out <file>` and at most one number of its own. Exits 2 with one line on an unknown argument
 * or unreadable data.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR, REPO_ROOT } from './shared';

export function readBuildInput(name: string, argv: readonly string[], outFile: string, option?: { flag: string; value: number }): { text: string; out: string; value: number } {
  let data = path.join(DATA_DIR, 'arxiv_daily_cs_listings.jsonl');
  let out = path.join(REPO_ROOT, outFile);
  let value = option?.value ?? 0;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--data') data = argv[++i]!;
    else if (argv[i] === '--out') out = argv[++i]!;
    else if (option && argv[i] === option.flag) value = Number(argv[++i]);
    else fail(`${name}: unknown argument ${argv[i]}`);
  }
  try {
    return { text: readFileSync(data, 'utf8'), out, value };
  } catch (e) {
    return fail(`${name}: cannot read ${data}: ${(e as Error).message}`);
  }
}

function fail(line: string): never {
  process.stderr.write(`${line}\n`);
  process.exit(2);
}
