/**
 * Builds the extension. `vite build` writes dist/ (Chrome, MV3 service worker);
 * `vite build --mode firefox` writes dist-firefox/ from the same source, with the manifest
 * changes Firefox needs (background.scripts, add-on id, data collection declaration). crxjs
 * builds the pages and the worker; the content scripts are built as plain scripts here
 * (plainContentScripts).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build, defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import baseManifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { PAGE_CSS } from './content-scripts/ui/styles.ts';

export const FIREFOX_ADDON_ID = 'paper-radar@paper-radar.invalid';

function manifestFor(browser: 'chrome' | 'firefox'): ManifestV3Export {
  const manifest = structuredClone(baseManifest) as Record<string, unknown>;
  manifest.version = pkg.version;
  // Content scripts are built by plainContentScripts, not by crxjs.
  delete manifest.content_scripts;
  if (browser === 'chrome') {
    // The same sites as host permissions, which Chrome words alike: without them the worker
    // cannot see which open tabs show a listing (src/background/open-tabs.ts). Firefox runs
    // the content scripts in open tabs itself.
    manifest.host_permissions = contentScriptMatches();
  }
  if (browser === 'firefox') {
    const { service_worker: worker } = manifest.background as { service_worker: string };
    manifest.background = { scripts: [worker], type: 'module' };
    delete manifest.minimum_chrome_version;
    // Firefox runs the content scripts in open tabs itself (src/background/open-tabs.ts).
    manifest.permissions = (manifest.permissions as string[]).filter((permission) => permission !== 'scripting');
    manifest.browser_specific_settings = {
      gecko: {
        id: FIREFOX_ADDON_ID,
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
    };
  }
  return manifest as unknown as ManifestV3Export;
}

interface ContentScript {
  matches: string[];
  js: string[];
  css?: string[];
  run_at?: string;
}

/** Firefox's build declares the controls' page stylesheet in its manifest (see PAGE_CSS_IN_MANIFEST in content-scripts/ui/styles.ts). */
const PAGE_CSS_FILE = 'content-scripts/page.css';

/**
 * The manifest's content scripts, and content-scripts/wake.ts on every page they run on, as soon
 * as it starts loading (the same match list, kept in one place); in Firefox, with the page
 * stylesheet.
 */
function contentScripts(browser: 'chrome' | 'firefox'): ContentScript[] {
  const wake: ContentScript = { matches: contentScriptMatches(), js: ['content-scripts/wake.ts'], run_at: 'document_start' };
  if (browser === 'firefox') wake.css = [PAGE_CSS_FILE];
  return [wake, ...(baseManifest.content_scripts as ContentScript[])];
}

/** Every page a content script runs on. */
function contentScriptMatches(): string[] {
  return [...new Set((baseManifest.content_scripts as ContentScript[]).flatMap((script) => script.matches))];
}

/**
 * Builds each content script as one plain script (an IIFE holding everything it imports) and
 * names it in the manifest. crxjs would emit a content script that shares modules with the
 * other pages as a loader that imports it as an ES module: Chromium then fetched the module
 * graph after the page's load event, 60–170 ms between the browser starting the content script
 * and its first line running (measured on a 397- and a 2,000-entry listing). A plain script
 * runs as soon as it is injected.
 */
function plainContentScripts(browser: 'chrome' | 'firefox'): Plugin {
  const built = (source: string) => source.replace(/\.ts$/, '.js');
  return {
    name: 'paper-radar:plain-content-scripts',
    apply: 'build',
    enforce: 'post',
    // After crxjs has written the manifest (it emits it last).
    async writeBundle({ dir }) {
      const outDir = dir!;
      const scripts = contentScripts(browser);
      for (const source of new Set(scripts.flatMap((script) => script.js))) {
        const result = await build({
          configFile: false,
          logLevel: 'warn',
          define: { __PAGE_CSS_IN_MANIFEST__: JSON.stringify(browser === 'firefox') },
          build: {
            write: false,
            target: 'es2022',
            minify: false,
            lib: { entry: path.resolve(import.meta.dirname, source), formats: ['iife'], name: 'paperRadar' },
          },
        });
        // Not watching and not writing: the build's one output, its one chunk.
        const [{ output }] = [result].flat() as unknown as [{ output: [{ code: string }] }];
        await mkdir(path.dirname(path.join(outDir, built(source))), { recursive: true });
        await writeFile(path.join(outDir, built(source)), output[0].code);
      }
      if (browser === 'firefox') await writeFile(path.join(outDir, PAGE_CSS_FILE), PAGE_CSS);
      const manifestFile = path.join(outDir, 'manifest.json');
      const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<string, unknown>;
      manifest.content_scripts = scripts.map((script) => ({ ...script, js: script.js.map(built) }));
      await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
}

export default defineConfig(({ mode }) => {
  const browser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins: [preact(), crx({ manifest: manifestFor(browser), browser }), plainContentScripts(browser)],
    build: {
      outDir: browser === 'firefox' ? 'dist-firefox' : 'dist',
      emptyOutDir: true,
      target: 'es2022',
      // Extension code is read by store reviewers; keep it readable and debuggable.
      minify: false,
      sourcemap: false,
      // The full-page library is not named in the manifest (the popup opens it).
      rollupOptions: { input: { library: 'popup/library.html' } },
    },
    server: { port: 5173, strictPort: true },
  };
});
