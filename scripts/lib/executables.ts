/** Finding a browser to launch: the one an environment variable names, else the first on PATH, else where distributions put it. */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * `fromEnv` when set (null when it names no executable file: a folder, a typo), else the first
 * of `names` on PATH, else the first of `candidates` that is an executable file.
 */
export function findExecutable(fromEnv: string | undefined, names: readonly string[], candidates: readonly string[]): string | null {
  if (fromEnv) return isExecutableFile(fromEnv) ? fromEnv : null;
  const onPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => dir !== '')
    .flatMap((dir) => names.map((name) => path.join(dir, name)));
  return [...onPath, ...candidates].find(isExecutableFile) ?? null;
}
