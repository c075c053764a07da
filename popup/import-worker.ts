/**
 * Reads an import file off the popup's thread. The BibTeX parser takes ≈ 0.6–0.8 ms an entry
 * (a 5,000-entry bibliography: 3–4 s; see `npm run bench -- library`); on the popup's own thread
 * that froze the popup for as long. The popup sends the File (a handle, not a copy) and gets
 * back the ImportResult: validated papers, or the message naming what is wrong.
 */
import { readImportFile } from '../src/library/import';

export interface ReadRequest {
  file: File;
  now: number;
}

self.onmessage = async ({ data }: MessageEvent<ReadRequest>) => {
  postMessage(await readImportFile(data.file, data.now).catch((error: unknown) => ({ ok: false, message: error instanceof Error ? error.message : String(error) })));
};
