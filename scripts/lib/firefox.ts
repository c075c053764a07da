/**
 * Launches Debian's firefox-esr with the Firefox build (dist-firefox/) installed as a temporary
 * add-on, driven by puppeteer-core over WebDriver BiDi, offline: saved pages are answered at
 * their real URLs through request interception, every other request is refused, and a dead
 * proxy catches anything that slips past. Used by the Firefox end-to-end test and benchmark.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { IS_ANNOTATED, READ_ANNOTATION_REPORT, type AnnotationReport } from './annotation-report';
import { pageFile, type SavedPage } from './demo-pages';
import { savedPageCharset } from './dom';
import { findExecutable } from './executables';
import { REPO_ROOT, skipOrFail } from './shared';

export const FIREFOX_DIST_DIR = path.join(REPO_ROOT, 'dist-firefox');
/** Keep in step with FIREFOX_ADDON_ID in vite.config.ts. */
export const FIREFOX_ADDON_ID = 'paper-radar@paper-radar.invalid';
/** The add-on's internal UUID, fixed by a pref so its pages have a known moz-extension:// URL. */
export const FIREFOX_EXTENSION_UUID = '7f3c2a1e-5b4d-4e6f-9a8b-0c1d2e3f4a5b';

/** Firefox's names on PATH (.ci/run looks for firefox-esr there), then Debian's places. */
const NAMES = ['firefox-esr', 'firefox'];
const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

/** $PAPER_RADAR_FIREFOX (an executable file; a folder is none), else Debian's firefox-esr. */
export function findFirefox(): string | null {
  return findExecutable(process.env.PAPER_RADAR_FIREFOX, NAMES, CANDIDATES);
}

export const NO_FIREFOX_HELP = [
  'The Firefox end-to-end test needs Firefox, and none was found.',
  '  Debian/Ubuntu:  sudo apt-get install firefox-esr',
  '  Or point PAPER_RADAR_FIREFOX at one.',
].join('\n');

/** Builds dist-firefox/ (`npm run build:firefox`, ≈ 1 s): `npm test` and `npm run bench` build only dist/. */
export function buildForFirefox(): void {
  execFileSync('npm', ['run', '--silent', 'build:firefox'], { cwd: REPO_ROOT, stdio: 'ignore' });
}

/**
 * True when a Firefox is found. When none is: throws under CI=true, else warns loudly (the
 * caller then skips): skipOrFail, as for missing shared material.
 */
export function requireFirefox(): boolean {
  return findFirefox() !== null || skipOrFail(`Paper Radar: ${NO_FIREFOX_HELP}`);
}

export interface FirefoxExtensionBrowser {
  browser: Browser;
  /** The id Firefox reports for the installed add-on (its gecko id). */
  addonId: string;
  /** Every request a page made, as in the Chromium launcher: URL and whether a saved page answered it. */
  requests: Array<{ url: string; servedFrom: string | null }>;
  /** A new tab with the offline request interception in place. */
  newPage(): Promise<Page>;
  popupUrl: string;
  close(): Promise<void>;
}

export interface FirefoxLaunchOptions {
  pages?: SavedPage[];
  /** Extra pages served from memory (e.g. assembled for a benchmark), by URL. */
  extraPages?: Map<string, string>;
  extensionDir?: string;
  headless?: boolean;
  /** Preferences beside the launcher's own (a test's: a shorter idle time for the event page). */
  prefs?: Record<string, unknown>;
}

const PREFS: Record<string, unknown> = {
  // A known internal UUID: the popup lives at moz-extension://<uuid>/popup/index.html.
  'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_EXTENSION_UUID }),
  // MV3 host permissions (content script matches included) are granted at install. This is
  // already firefox-esr 153's default (greprefs.js); set explicitly so the content script runs
  // on the saved pages whatever the build's default (without it they would be opt-in).
  'extensions.originControls.grantByDefault': true,
  // Nothing reaches the network: every non-local request goes to a dead proxy.
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.socks': '127.0.0.1',
  'network.proxy.socks_port': 9,
  'network.proxy.socks_remote_dns': true,
  'network.proxy.allow_hijacking_localhost': true,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.http.speculative-parallel-limit': 0,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  // Quiet first run, no telemetry, no background services.
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.aboutwelcome.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'services.settings.server': 'http://127.0.0.1:9/',
  'browser.newtabpage.enabled': false,
  'browser.newtabpage.activity-stream.feeds.system.topstories': false,
  'browser.newtabpage.activity-stream.feeds.topsites': false,
  'browser.topsites.contile.enabled': false,
  'browser.ping-centre.telemetry': false,
  'browser.region.network.url': '',
  'browser.search.geoip.url': '',
};

export async function launchFirefoxWithExtension(options: FirefoxLaunchOptions = {}): Promise<FirefoxExtensionBrowser> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(NO_FIREFOX_HELP);
  const extensionDir = path.resolve(options.extensionDir ?? FIREFOX_DIST_DIR);
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No Firefox build in ${extensionDir}: run \`npm run build:firefox\` first.`);
  }

  const byUrl = new Map<string, { body: Buffer; contentType: string }>();
  for (const page of options.pages ?? []) {
    const body = readFileSync(pageFile(page));
    byUrl.set(page.url, { body, contentType: `text/html; charset=${savedPageCharset(body)}` });
  }
  for (const [url, html] of options.extraPages ?? []) byUrl.set(url, { body: Buffer.from(html), contentType: 'text/html; charset=utf-8' });

  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: options.headless ?? true,
    protocol: 'webDriverBiDi',
    // WebDriver BiDi refuses to navigate to anything but http(s)/file/blob/about:blank unless
    // system access is allowed; without this the popup (moz-extension://) cannot be opened.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { ...PREFS, ...options.prefs },
  });
  const requests: FirefoxExtensionBrowser['requests'] = [];
  try {
    const addonId = await browser.installExtension(extensionDir);
    const popupUrl = `moz-extension://${FIREFOX_EXTENSION_UUID}/popup/index.html`;

    const onRequest = (request: HTTPRequest) => {
      const url = request.url();
      if (url.startsWith('moz-extension://') || url.startsWith('about:') || url.startsWith('data:') || url.startsWith('blob:')) {
        return void request.continue();
      }
      const parsed = new URL(url);
      const saved = byUrl.get(parsed.href) ?? byUrl.get(parsed.origin + parsed.pathname);
      requests.push({ url, servedFrom: saved ? 'saved page' : null });
      if (saved) return void request.respond({ status: 200, contentType: saved.contentType, body: saved.body });
      return void request.abort('internetdisconnected');
    };

    return {
      browser,
      addonId,
      requests,
      popupUrl,
      async newPage() {
        const page = await browser.newPage();
        await page.setRequestInterception(true);
        page.on('request', onRequest);
        return page;
      },
      async close() {
        await browser.close();
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * Opens one of the extension's own pages (moz-extension://…) in `page`. Puppeteer's page.goto()
 * does not work for these in Firefox 153 + puppeteer-core 24.43.1: the WebDriver BiDi
 * browsingContext.navigate command completes and the page loads (it moves to the extension
 * process), but puppeteer never sees the navigation and times out. So the BiDi command is sent
 * through the frame's browsing context (an internal of the pinned puppeteer-core), and the
 * caller waits for content with waitForSelector, which does work in the new document.
 */
export async function openExtensionPage(page: Page, url: string): Promise<void> {
  const context = (page.mainFrame() as unknown as { browsingContext?: { navigate?: (url: string, wait?: string) => Promise<void> } })
    .browsingContext;
  if (typeof context?.navigate !== 'function') {
    throw new Error('puppeteer-core internals changed: no BiDi browsingContext.navigate on the frame (see openExtensionPage)');
  }
  await context.navigate(url, 'complete');
}

/** Waits until Paper Radar has annotated the page; returns what it reports. */
export async function waitForFirefoxAnnotation(page: Page, timeout = 20_000): Promise<AnnotationReport> {
  await page.waitForFunction(IS_ANNOTATED, { timeout });
  return (await page.evaluate(READ_ANNOTATION_REPORT)) as AnnotationReport;
}
