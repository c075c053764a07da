/**
 * Builds the extension. `vite build` writes dist/ (Chrome, MV3 service worker);
 * `vite build --mode firefox` writes dist-firefox/ from the same source, with the manifest
 * changes Firefox needs (background.scripts, add-on id, data collection declaration).
 */
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import baseManifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

export const FIREFOX_ADDON_ID = 'paper-radar@paper-radar.invalid';

function manifestFor(browser: 'chrome' | 'firefox'): ManifestV3Export {
  const manifest = structuredClone(baseManifest) as Record<string, unknown>;
  manifest.version = pkg.version;
  // Every page the content script runs on also gets content-scripts/wake.ts, as soon as it starts
  // loading (the same match list, kept in one place).
  const contentScripts = manifest.content_scripts as Array<{ matches: string[] }>;
  const matches = [...new Set(contentScripts.flatMap((script) => script.matches))];
  manifest.content_scripts = [{ matches, js: ['content-scripts/wake.ts'], run_at: 'document_start' }, ...contentScripts];
  if (browser === 'firefox') {
    const { service_worker: worker } = manifest.background as { service_worker: string };
    manifest.background = { scripts: [worker], type: 'module' };
    delete manifest.minimum_chrome_version;
    manifest.browser_specific_settings = {
      gecko: {
        id: FIREFOX_ADDON_ID,
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    };
  }
  return manifest as unknown as ManifestV3Export;
}

export default defineConfig(({ mode }) => {
  const browser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins: [preact(), crx({ manifest: manifestFor(browser), browser })],
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
