/**
 * npm run --silent detect -- --url <page URL> <saved-page.html>
 *
 * Runs the extension's own site adapters in Node on a saved page and prints
 * {"site": …, "entries": [...]} as one JSON object. Exit 2 with a one-line error when the file
 * can't be read, no adapter handles the URL or an option is unknown.
 */
import { readFileSync } from 'node:fs';
import { adapterFor } from '../content-scripts/adapters/index';
import { parsePage } from './lib/dom';

function fail(message: string): never {
  process.stderr.write(`detect: ${message}\n`);
  process.exit(2);
}

const USAGE = 'usage: npm run --silent detect -- --url <page URL> <saved-page.html>';

function parseArgs(argv: string[]): { url: string; file: string } {
  let url: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\nPrints the paper entries the site adapter finds on the saved page, as one JSON object.\n`);
      process.exit(0);
    }
    if (arg === '--url') url = argv[++i];
    else if (arg.startsWith('--url=')) url = arg.slice('--url='.length);
    else if (arg.startsWith('-')) fail(`unknown option ${arg} (${USAGE})`);
    else rest.push(arg);
  }
  if (!url) fail(`missing --url <page URL> (${USAGE})`);
  if (rest.length !== 1) fail('expected exactly one saved page file');
  return { url, file: rest[0]! };
}

const { url, file } = parseArgs(process.argv.slice(2));
let pageUrl: URL;
try {
  pageUrl = new URL(url);
} catch {
  fail(`not a URL: ${url}`);
}
const adapter = adapterFor(pageUrl);
if (!adapter) fail(`no adapter handles ${pageUrl.href}`);
let bytes: Buffer;
try {
  bytes = readFileSync(file);
} catch (error) {
  fail(`cannot read ${file}: ${(error as Error).message}`);
}
const doc = parsePage(bytes, pageUrl.href);
const entries = adapter.extract(doc, pageUrl).map(({ paper, section }) => ({ ...paper, section }));
process.stdout.write(`${JSON.stringify({ site: adapter.site, entries })}\n`);
