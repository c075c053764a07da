/**
 * A file on disk for as long as a test or bench needs it: what a user picks in a file chooser.
 * (Drivers can pass a file's bytes instead, but decode them on the page's own thread.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Writes `text` to a file named `name` in a new temporary folder, runs `use` with its path, then removes the folder. */
export async function withTempFile<T>(name: string, text: string, use: (file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'paper-radar-'));
  try {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return await use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
