/**
 * Issue 2's figures in Firefox (Debian's firefox-esr, the Firefox build as a temporary add-on):
 * content-script start → all annotated on the saved 397-entry arXiv page and the 2,000-entry
 * assembled listing, against the same plain pass as in Chromium (one plain <button> per entry,
 * in the page's world), runs taking turns. The first page after the background was suspended is
 * not measured here.
 */
import { buildForFirefox, findFirefox, launchFirefoxWithExtension, NO_FIREFOX_HELP, waitForFirefoxAnnotation } from '../lib/firefox';
import { annotationCases, PHASE_NAMES, PHASES, PLAIN_BUTTONS } from './annotation';
import { median, pairedRatio, range, type BenchRow } from './stats';

const RUNS = 15;

interface Timings {
  annotated: number;
  phases: Record<string, number>;
}

export async function benchFirefox(): Promise<BenchRow[]> {
  if (!findFirefox()) {
    console.warn(`Paper Radar: the Firefox benchmark is skipped. ${NO_FIREFOX_HELP}`);
    return [];
  }
  buildForFirefox();
  const { cases, extraPages } = annotationCases();
  const browser = await launchFirefoxWithExtension({ extraPages });
  const rows: BenchRow[] = [];
  try {
    for (const c of cases) {
      const page = await browser.newPage();
      const annotateOnce = async (): Promise<Timings> => {
        await page.goto(c.url);
        await waitForFirefoxAnnotation(page);
        return page.evaluate(() => JSON.parse(document.documentElement.dataset.paperRadarTimings!) as Timings);
      };
      const plainOnce = async (): Promise<number> => {
        await page.goto(c.baselineUrl);
        return ((await page.evaluate(PLAIN_BUTTONS)) as { script: number }).script;
      };
      await annotateOnce(); // warm-up: starts the background, opens the database
      const ours: Timings[] = [];
      const plain: number[] = [];
      let entries = 0;
      for (let i = 0; i < RUNS; i++) {
        ours.push(await annotateOnce());
        entries = Number(await page.evaluate(() => document.documentElement.dataset.paperRadarAnnotated));
        plain.push(await plainOnce());
      }
      await page.close();
      const annotated = ours.map((t) => t.annotated);
      rows.push({
        group: 'annotate in Firefox (issue 2)',
        name: `${c.name} (${entries} entries): content-script start → all annotated`,
        value: median(annotated),
        unit: 'ms',
        baseline: median(plain),
        baselineName: 'one pass inserting a plain <button> per entry',
        extra: `run by run ${pairedRatio(annotated, plain)}; range ${range(annotated)} ms; longest task of ours ${median(ours.map((t) => t.phases.longestSlice!)).toFixed(0)} ms; medians: ${PHASES.map((p) => `${PHASE_NAMES[p]} ${median(ours.map((t) => t.phases[p]!)).toFixed(1)}`).join(', ')}; runs ${annotated.map((x) => x.toFixed(0)).join('/')}`,
      });
    }
  } finally {
    await browser.close();
  }
  return rows;
}
