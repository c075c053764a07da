/**
 * Reads an import file in a worker (import-worker.ts), so that the popup stays responsive while
 * a large bibliography is parsed. A worker per import: it holds the parser (≈ 0.7 MB of code),
 * which the popup itself never loads.
 */
import type { ImportResult } from '../src/library/import';
import type { ReadRequest } from './import-worker';

export async function readImportInWorker(file: File, now: number = Date.now()): Promise<ImportResult> {
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module', name: 'paper-radar-import' });
  try {
    return await new Promise<ImportResult>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<ImportResult>) => resolve(event.data);
      // A worker that fails to load, or an error outside the reader (which answers its own).
      worker.onerror = (event) => reject(new Error(event.message || 'the file reader stopped'));
      worker.postMessage({ file, now } satisfies ReadRequest);
    });
  } finally {
    worker.terminate();
  }
}
