/**
 * Launches real Chromium with the built extension loaded, offline: saved pages are answered at
 * their real URLs through request interception, every other request is refused, and DNS
 * resolves nothing. Used by `npm start`, the end-to-end tests and the benchmark.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Route, type Worker } from 'playwright-core';
import { IS_ANNOTATED, READ_ANNOTATION_REPORT, type AnnotationReport } from './annotation-report';
import { pageFile, type SavedPage } from './demo-pages';
import { savedPageCharset } from './dom';
import { findExecutable } from './executables';
import { REPO_ROOT } from './shared';

export const DIST_DIR = path.join(REPO_ROOT, 'dist');

/** Chromium's names on PATH, then where distributions put it when PATH misses it. */
const NAMES = ['chromium', 'chromium-browser'];
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

/**
 * A Chromium that honours --load-extension: $PAPER_RADAR_CHROMIUM, else `chromium` on PATH (as
 * .ci/run looks for it), else Debian's or the snap's. (Branded Google Chrome ignores
 * --load-extension since version 137.)
 */
export function findChromium(): string | null {
  return findExecutable(process.env.PAPER_RADAR_CHROMIUM, NAMES, CANDIDATES);
}

/** Why no Chromium can be launched, in words for the user (what to install); null when one can. */
export function chromiumProblem(): string | null {
  if (findChromium()) return null;
  const fromEnv = process.env.PAPER_RADAR_CHROMIUM;
  return fromEnv ? `PAPER_RADAR_CHROMIUM=${fromEnv} is not an executable file.\n${NO_CHROMIUM_HELP}` : NO_CHROMIUM_HELP;
}

export const NO_CHROMIUM_HELP = [
  'Paper Radar needs a Chromium build that honours --load-extension, and none was found.',
  '  Debian/Ubuntu:  sudo apt-get install chromium',
  '  Or point PAPER_RADAR_CHROMIUM at one, e.g. PAPER_RADAR_CHROMIUM=/opt/chromium/chrome npm start',
  '  Or load dist/ by hand: see "Load the extension by hand" in README.md.',
].join('\n');

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /**
   * Every request the browser made to anything but the extension's own files: its URL, whether
   * it was answered from a saved page, and whether the extension made it (its service worker or
   * one of its pages) rather than a web page.
   */
  requests: Array<{ url: string; servedFrom: string | null; byExtension: boolean }>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless?: boolean;
  pages?: SavedPage[];
  /** Extra pages served from memory (e.g. assembled for a benchmark), by URL. */
  extraPages?: Map<string, string>;
  extensionDir?: string;
  viewport?: { width: number; height: number } | null;
  /** Reuse a profile (e.g. to see what survives a restart); a fresh temporary one otherwise. */
  userDataDir?: string;
  /** false: the same browser without the extension (a baseline for what pages do alone). */
  withExtension?: boolean;
  /** Write Chromium's own log of every network request (NetLog JSON) to this file. */
  netLog?: string;
  /**
   * false: no request interception (no saved pages, no `requests` log). Interception pauses every
   * request the browser makes, the extension's own files included, for a round trip to this
   * process; a benchmark of extension pages alone measures them without it (no DNS still keeps
   * the browser offline).
   */
  intercept?: boolean;
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(chromiumProblem()!);
  const withExtension = options.withExtension ?? true;
  const extensionDir = path.resolve(options.extensionDir ?? DIST_DIR);
  if (options.intercept === false && (options.pages?.length || options.extraPages?.size)) {
    throw new Error('saved pages are served by request interception: keep it on to serve them');
  }
  if (withExtension && !existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  }
  const ownProfile = !options.userDataDir;
  const userDataDir = options.userDataDir ?? mkdtempSync(path.join(os.tmpdir(), 'paper-radar-profile-'));
  const args = [
    ...(withExtension ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    ...(options.netLog ? [`--log-net-log=${options.netLog}`] : []),
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    // No DNS: nothing can reach the network even if a request slipped past interception.
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const removeProfile = () => ownProfile && rmSync(userDataDir, { recursive: true, force: true });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: options.headless ?? true,
      args,
      viewport: options.viewport === undefined ? { width: 1280, height: 900 } : options.viewport,
    });
  } catch (error) {
    removeProfile();
    throw error;
  }

  // Set up, or closed again with its profile removed: a failed launch leaves nothing behind.
  try {
    const requests: ExtensionBrowser['requests'] = [];
    const byUrl = new Map<string, SavedResponse>();
    for (const page of options.pages ?? []) {
      const body = readFileSync(pageFile(page));
      byUrl.set(page.url, { body, contentType: `text/html; charset=${savedPageCharset(body)}` });
    }
    for (const [url, html] of options.extraPages ?? []) byUrl.set(url, { body: html, contentType: 'text/html; charset=utf-8' });

    if (options.intercept !== false) await interceptRequests(context, byUrl, requests);

    const serviceWorker = withExtension ? (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }))) : null;
    const extensionId = serviceWorker ? new URL(serviceWorker.url()).host : '';
    return {
      context,
      extensionId,
      serviceWorker: serviceWorker!,
      requests,
      async close() {
        await context.close();
        removeProfile();
      },
    };
  } catch (error) {
    await context.close().catch(() => {});
    removeProfile();
    throw error;
  }
}

/** A saved page as the browser is answered with it. */
interface SavedResponse {
  body: string | Buffer;
  contentType: string;
}

/** Saved pages answered from memory at their real URLs; every other request but the extension's own files refused. */
async function interceptRequests(context: BrowserContext, byUrl: Map<string, SavedResponse>, requests: ExtensionBrowser['requests']): Promise<void> {
  // Registered first, so it runs last: the extension's own files load; anything else is refused.
  await context.route('**/*', (route: Route) => {
    const url = route.request().url();
    if (url.startsWith('chrome-extension://')) return route.fallback();
    requests.push({ url, servedFrom: null, byExtension: madeByExtension(route) });
    return route.abort('internetdisconnected');
  });
  await context.route(
    (url) => byUrl.has(url.href) || byUrl.has(url.origin + url.pathname),
    (route: Route) => {
      const url = new URL(route.request().url());
      const saved = byUrl.get(url.href) ?? byUrl.get(url.origin + url.pathname)!;
      requests.push({ url: url.href, servedFrom: 'saved page', byExtension: madeByExtension(route) });
      return route.fulfill({ status: 200, contentType: saved.contentType, body: saved.body });
    },
  );
}

/** Whether a request comes from the extension: its service worker or one of its pages. */
function madeByExtension(route: Route): boolean {
  const request = route.request();
  if (request.serviceWorker()) return true;
  try {
    return request.frame().url().startsWith('chrome-extension://');
  } catch {
    return false; // no frame (e.g. a navigation's first request)
  }
}

/** Waits until Paper Radar has annotated the page; returns what it reports. */
export async function waitForAnnotation(page: Page, timeout = 20_000): Promise<AnnotationReport> {
  await page.waitForFunction(IS_ANNOTATED, null, { timeout });
  return (await page.evaluate(READ_ANNOTATION_REPORT)) as AnnotationReport;
}

export function popupUrl(browser: ExtensionBrowser): string {
  return `chrome-extension://${browser.extensionId}/popup/index.html`;
}

export function optionsUrl(browser: ExtensionBrowser): string {
  return `chrome-extension://${browser.extensionId}/options/index.html`;
}

/** The id of the tab showing `page` (asked of the extension's service worker), for the popup's `?tab=`. */
export async function tabIdOf(browser: ExtensionBrowser, page: Page): Promise<number> {
  await page.bringToFront();
  return browser.serviceWorker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id: number }>> } } }).chrome;
    const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    return tab!.id;
  });
}
