/**
 * Reads an import file off the popup's thread. The BibTeX parser takes ≈ 1 ms an entry (a
 * 5,000-entry bibliography: 4–6 s on the 2-core test machine; `npm run bench -- library`); on
 * the popup's own thread that froze the popup for as long. The popup sends the File (a handle,
 * not a copy) and gets back the ImportResult: validated papers, or the message naming what is
 * wrong.
 */
import { readImportFile } from '../src/library/import';
import { errorText } from '../src/core/text';

export interface ReadRequest {
  file: File;
  now: number;
}

self.onmessage = async ({ data }: MessageEvent<ReadRequest>) => {
  postMessage(await readImportFile(data.file, data.now).catch((error: unknown) => ({ ok: false, message: errorText(error) })));
};
