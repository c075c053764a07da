/**
 * npm start [-- --headless]
 *
 * Opens Chromium with the freshly built extension (dist/) on the offline demo pages: saved real
 * pages served at their real URLs, nothing from the network. With --headless it writes a
 * screenshot of each page (and of the popup) into a folder it names, prints one line per page,
 * and exits.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { DEMO_PAGES, pageFile } from './lib/demo-pages';
import { findChromium, launchWithExtension, NO_CHROMIUM_HELP, popupUrl, waitForAnnotation } from './lib/browser';
import { PAGES_DIR, REPO_ROOT } from './lib/shared';

const headless = process.argv.includes('--headless');
const outDir = path.join(REPO_ROOT, 'artifacts/demo');

function slug(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 80);
}

async function main(): Promise<number> {
  if (!findChromium()) {
    console.error(NO_CHROMIUM_HELP);
    return 1;
  }
  const pages = DEMO_PAGES.filter((page) => existsSync(pageFile(page)));
  if (pages.length < DEMO_PAGES.length) {
    console.warn(
      `\n!!! The demo pages are missing from ${PAGES_DIR} (${DEMO_PAGES.length - pages.length} of ${DEMO_PAGES.length}).` +
        '\n!!! Put the shared folder next to the repo, or set PAPER_RADAR_SHARED. Opening what is there.\n',
    );
  }
  if (!headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error('No display to open a window on. Run `npm start -- --headless` for screenshots, or use xvfb-run.');
    return 1;
  }

  const browser = await launchWithExtension({ headless, pages, viewport: headless ? { width: 1280, height: 900 } : null });
  console.log(`Paper Radar ${headless ? '(headless) ' : ''}loaded as extension ${browser.extensionId}; serving ${pages.length} saved pages offline.`);
  if (headless) mkdirSync(outDir, { recursive: true });

  let failures = 0;
  for (const [i, saved] of pages.entries()) {
    const page = await browser.context.newPage();
    await page.goto(saved.url);
    try {
      const report = await waitForAnnotation(page);
      let line = `${saved.url} — ${report.entries} ${report.entries === 1 ? 'entry' : 'entries'} found, ${report.annotated} annotated (${report.ms} ms) — ${saved.label}`;
      if (headless) {
        // Show the listing, not the site's header: bring the first annotated entry near the top.
        await page.evaluate(() => {
          document.querySelector('[data-paper-radar-id]')?.scrollIntoView({ block: 'start' });
          window.scrollBy(0, -100);
        });
        const file = path.join(outDir, `${String(i + 1).padStart(2, '0')}-${slug(saved.url)}.png`);
        await page.screenshot({ path: file });
        line += ` → ${path.relative(REPO_ROOT, file)}`;
        await page.close();
      }
      console.log(line);
    } catch (error) {
      failures += 1;
      console.log(`${saved.url} — NOT ANNOTATED: ${(error as Error).message.split('\n')[0]}`);
    }
  }

  const popup = await browser.context.newPage();
  if (headless) await popup.setViewportSize({ width: 440, height: 600 });
  await popup.goto(popupUrl(browser));
  if (headless) {
    await popup.waitForSelector('main.library .paper, main.library .empty');
    await popup.screenshot({ path: path.join(outDir, 'popup.png') });
    console.log(`Screenshots in ${path.relative(process.cwd(), outDir) || outDir}/`);
    await browser.close();
    return failures === 0 ? 0 : 1;
  }
  console.log('The popup is open in the last tab (or click the toolbar icon). Close the browser window to stop.');
  await new Promise<void>((resolve) => browser.context.on('close', () => resolve()));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
