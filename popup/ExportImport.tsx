/**
 * Export the library (or what the list shows) as BibTeX, RIS, CSV, our JSON or a Markdown
 * reading list, and import a file: our JSON (merged: for each paper the newer change wins) or
 * BibTeX / RIS / a list of ids (starred; when the file gives papers tags or notes, the user is
 * asked which to keep: ImportQuestion).
 * A file is read and validated here, entirely, before anything is sent to be written; an invalid
 * file gets a message naming the problem and where, and nothing is written.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PaperRecord } from '../src/core/paper';
import type { ImportResult } from '../src/library/import';
import { toMarkdownList } from '../src/library/markdown';
import type { LibraryIndex } from '../src/library/search';
import { ImportQuestion, isAnnotated, keepAnnotations, type ImportAnswer } from './ImportQuestion';
import { PartlyDone, type LibraryApi } from './library-api';
import { formatCount } from '../src/library/issues';
import type { ImportSummary } from '../src/messages';
import { errorText } from '../src/core/text';

type Scope = 'shown' | 'all';

interface Props {
  api: LibraryApi;
  shown: readonly PaperRecord[];
  index: LibraryIndex | null;
  /** The whole library is being read again (after an import): `index` is the library as it was. */
  rereading?: boolean;
  onError: (message: string | null) => void;
  onImported: () => void;
  /** Other actions on the papers shown (Tag these N), between export and import. */
  children?: ComponentChildren;
  /** Where a file dialog would close the popup: Import… opens the library page, which imports. */
  importElsewhere?: (() => void) | undefined;
  /** Opened to import (importElsewhere): the file field has the focus, and says what to do. */
  startWithImport?: boolean;
  /** Out of view (the Insights tab), but kept: an import under way goes on, its question and message wait. */
  hidden?: boolean;
}

export function ExportImport({ api, shown, index, rereading = false, onError, onImported, children, importElsewhere, startWithImport = false, hidden = false }: Props) {
  const [scope, setScope] = useState<Scope>('shown');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(
    startWithImport ? { text: 'Choose the file to import: Import… (Enter or Space opens the file dialog).', error: false } : null,
  );
  const fileField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (startWithImport) fileField.current?.focus();
  }, [startWithImport]);
  const [busy, setBusy] = useState(false);
  /** A file read whose papers come with tags or notes: imported once the user says which to keep. */
  const [pending, setPending] = useState<{ name: string; parsed: ImportOk } | null>(null);
  // Once an import is done, the focus goes back to Import…, not to the page's <body>: the field is
  // disabled while the file is read and imported (Chromium then drops its focus to <body>), and
  // the question about tags, answered, goes away with the focus it had. Not where the user went
  // meanwhile.
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current || busy || pending) return;
    refocus.current = false;
    const active = fileField.current?.ownerDocument.activeElement;
    if (!active || active === fileField.current?.ownerDocument.body) fileField.current?.focus();
  }, [busy, pending]);
  // "All" waits for the whole library to be read: never a file of its first papers only,
  // said to be the library (a backup taken as the popup opens would be silently incomplete), nor
  // the library as it was before the import just made, while it is read again.
  const reading = scope === 'all' && (!index || rereading);
  const papers = () => (scope === 'all' ? index!.all() : [...shown]);
  // Nothing to export: a file of no papers is no use. Our JSON also carries the interests, so
  // it stays (a backup of the interests before the first paper).
  const none = reading || (scope === 'all' ? index!.size : shown.length) === 0;
  // The user's own date (toISOString's is UTC's: after 7 pm in New York, tomorrow's).
  const stamp = () => {
    const now = new Date();
    const two = (n: number) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  };

  const exportAs = async (format: 'bibtex' | 'ris' | 'csv' | 'json' | 'markdown') => {
    if (reading) return;
    try {
      const start = performance.now();
      const list = papers();
      // The writers load on first use: the popup's first paint does not wait for them. (The
      // Markdown one is small, and in the popup already for Copy Markdown.)
      if (format === 'bibtex') api.download(`paper-radar-${stamp()}.bib`, 'application/x-bibtex', (await import('../src/library/bibtex')).toBibtex(list));
      else if (format === 'ris') api.download(`paper-radar-${stamp()}.ris`, 'application/x-research-info-systems', (await import('../src/library/ris')).toRis(list));
      else if (format === 'csv') {
        // With a byte-order mark: without one Excel reads the file as Windows-1252 ("JÃ¼rgen").
        const { CSV_BOM, toCsv } = await import('../src/library/csv');
        api.download(`paper-radar-${stamp()}.csv`, 'text/csv;charset=utf-8', CSV_BOM + toCsv(list));
      }
      else if (format === 'markdown') api.download(`paper-radar-${stamp()}.md`, 'text/markdown', toMarkdownList(list));
      else {
        const [{ toLibraryJson }, interests] = await Promise.all([import('../src/library/library-json'), api.interests()]);
        api.download(`paper-radar-${stamp()}.json`, 'application/json', toLibraryJson(list, interests, Date.now()));
      }
      // For the benchmark (scripts/bench/library.ts): building and handing over the file.
      performance.measure(`paper-radar:export-${format}`, { start, end: performance.now() });
      setMessage({ text: `Exported ${list.length} ${list.length === 1 ? 'paper' : 'papers'}.`, error: false });
    } catch (e) {
      onError(`Could not export: ${errorText(e)}`);
    }
  };

  /** What the status line says (errors are alerts of their own). */
  const status = message && !message.error ? message.text : '';

  const importFile = async (file: File) => {
    refocus.current = true;
    setBusy(true);
    setMessage(null);
    setPending(null);
    try {
      const parsed = await api.readImport(file);
      if (!parsed.ok) {
        setMessage({ text: `${file.name}: ${nothingImported(parsed.message)}`, error: true });
        return;
      }
      // A reference manager's keywords and notes are not always the user's own (Zotero's
      // automatic tags, a publisher's keywords): the user says whether to keep them.
      if (parsed.kind !== 'json' && parsed.papers.some(isAnnotated)) {
        setPending({ name: file.name, parsed });
        return;
      }
      await save(file.name, parsed);
    } catch (e) {
      failed(file.name, e);
    } finally {
      setBusy(false);
    }
  };
  const failed = (name: string, e: unknown) => setMessage({ text: `Could not import ${name}: ${whatFailed(e)}`, error: true });
  const save = async (name: string, parsed: ImportOk) => {
    const summary = await api.importLibrary({ mode: parsed.kind === 'json' ? 'merge' : 'seed', papers: parsed.papers, interests: parsed.interests });
    const parts = [`${summary.added} added`, `${summary.updated} updated`, `${summary.unchanged} unchanged`];
    const interests =
      summary.interests === 'merged'
        ? ' Interests from the file were added to yours.'
        : summary.interests === 'refused'
          ? ` The file's interests were not added to yours: ${summary.interestsProblem ?? 'they could not be stored'}`
          : '';
    // What the file had that is no paper (books, web pages) is said too, not passed over quietly.
    const skipped = parsed.note ? ` ${parsed.note}` : '';
    // The papers written, not the file's records: the store makes records that are one paper
    // (an arXiv id in one, its DOI in another) one.
    const count = summary.added + summary.updated + summary.unchanged;
    // Shown as a problem when the interests were not stored, though the papers were: the user acts on it.
    setMessage({ text: `Imported ${count} ${count === 1 ? 'paper' : 'papers'} from ${name}: ${parts.join(', ')}.${interests}${skipped}`, error: summary.interests === 'refused' });
    onImported();
  };
  const answer = async (keep: ImportAnswer) => {
    const asked = pending;
    setPending(null);
    if (!asked) return;
    refocus.current = true;
    if (keep === null) {
      setMessage({ text: `${asked.name}: nothing was imported.`, error: false });
      return;
    }
    setBusy(true);
    try {
      await save(asked.name, { ...asked.parsed, papers: keepAnnotations(asked.parsed.papers, keep) });
    } catch (e) {
      failed(asked.name, e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <footer class="export-import" hidden={hidden}>
      <div class="export">
        <span class="label">Export</span>
        <select aria-label="What to export" value={scope} onChange={(e) => setScope((e.target as HTMLSelectElement).value as Scope)} data-paper-radar-export-scope>
          <option value="shown">{`these ${shown.length}`}</option>
          <option value="all">{index && !rereading ? `all ${index.size}` : 'all (reading…)'}</option>
        </select>
        <button type="button" data-paper-radar-action="export-bibtex" disabled={none} onClick={() => void exportAs('bibtex')}>
          BibTeX
        </button>
        <button type="button" data-paper-radar-action="export-ris" disabled={none} title="RIS, for EndNote, Mendeley and Zotero" onClick={() => void exportAs('ris')}>
          RIS
        </button>
        <button type="button" data-paper-radar-action="export-csv" disabled={none} onClick={() => void exportAs('csv')}>
          CSV
        </button>
        <button type="button" data-paper-radar-action="export-json" disabled={reading} title="Papers with their state, tags and notes, and your interests" onClick={() => void exportAs('json')}>
          JSON
        </button>
        <button type="button" data-paper-radar-action="export-markdown" disabled={none} title="A reading list in Markdown" onClick={() => void exportAs('markdown')}>
          Markdown
        </button>
      </div>
      {children}
      {importElsewhere ? (
        <button type="button" class="import" data-paper-radar-action="import-in-library" title="Opens the library page: a file dialog would close this popup" onClick={importElsewhere}>
          Import…
        </button>
      ) : (
        <label class="import button">
          {busy ? 'Importing…' : 'Import…'}
          <input
            ref={fileField}
            type="file"
            accept=".json,.bib,.bibtex,.ris,.txt,application/json,application/x-research-info-systems,text/plain"
            data-paper-radar-action="import"
            class="visually-hidden"
            // Not while a file's question waits for its answer either: a second file would drop it.
            disabled={busy || pending !== null}
            onChange={(e) => {
              const input = e.target as HTMLInputElement;
              const file = input.files?.[0];
              input.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
      )}
      {pending && <ImportQuestion name={pending.name} papers={pending.parsed.papers} onAnswer={(keep) => void answer(keep)} />}
      {/* Always in the page, only its text changing: a live region added with its text is often not read out. */}
      <p class={status ? 'import-message' : 'import-message visually-hidden'} role="status" data-paper-radar-import-message={status ? '' : undefined}>
        {status}
      </p>
      {message?.error && (
        <p class="import-message error" role="alert" data-paper-radar-import-message>
          {message.text}
        </p>
      )}
    </footer>
  );
}

type ImportOk = Extract<ImportResult, { ok: true }>;

/** The reader's messages are phrases ("The file is empty"); in the popup they end a sentence. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Why an import failed, and what of it was done: nothing, or the papers of the requests before (PartlyDone). */
function whatFailed(e: unknown): string {
  if (!(e instanceof PartlyDone)) return nothingImported(errorText(e));
  const { done, left, unknown } = e as PartlyDone<ImportSummary>;
  const imported = `${formatCount(done.added + done.updated + done.unchanged)} papers were imported`;
  if (unknown) return `${sentence(e.message)} ${imported}; whether the other ${formatCount(left)} were is not known: reopen the library to see them as they are.`;
  return `${sentence(e.message)} ${imported}; the other ${formatCount(left)} were not.`;
}

/** `text` as a sentence, then that nothing was imported (unless it says so already). */
function nothingImported(text: string): string {
  return /nothing was (imported|changed)|is not known/i.test(text) ? sentence(text) : `${sentence(text)} Nothing was imported.`;
}
