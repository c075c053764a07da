/**
 * What the browser's relayout after annotation is made of. On the 2,000-entry listing the frame
 * after our controls go in is about twice the plain pass's (annotation.ts); this says which part
 * of a control costs what, so that nobody has to guess.
 *
 * The listing is annotated by the extension, then a plain <button> is put beside each control
 * (the plain pass's shape) and everything is hidden by a stylesheet of the bench's. Each
 * measurement shows one shape again, by one attribute on the root, and times the style and
 * layout that forces, and the time to the next rendered frame (pre-paint and paint). The shapes
 * take turns in the same page, so the machine's drifting speed touches them alike, and no page
 * is loaded between them: only the shown shape differs.
 */
import type { Page } from 'playwright-core';
import { launchWithExtension, waitForAnnotation } from '../lib/browser';
import { assembleListing } from '../lib/assembled-pages';
import { median, pairedRatio, range, type BenchRow } from './stats';

const ROUNDS = 10;
const URL = 'https://arxiv.org/list/astro-ph/pastweek?show=2000';

/** What is shown, by the value of data-bench-show on the root (see SHAPES_CSS). */
const SHAPES = {
  none: 'nothing (everything stays hidden: the cost of the switch itself)',
  plain: 'a plain <button> per entry (the plain pass)',
  box: 'our controls as empty boxes (buttons and "new" mark hidden)',
  'no-new': 'our controls without the "new" mark',
  ours: 'our controls as built',
} as const;
type Shape = keyof typeof SHAPES;

/**
 * Hides what the root's data-bench-show does not name. !important: our page stylesheet sets the
 * hosts' display. The shapes of ours hide parts of the controls through their shadow parts and
 * the host's ::after (the "new" mark).
 */
const SHAPES_CSS = `
:root:not([data-bench-show="plain"]) [data-bench-plain] { display: none !important; }
:root:not([data-bench-show="ours"], [data-bench-show="no-new"], [data-bench-show="box"]) [data-paper-radar-id] { display: none !important; }
:root[data-bench-show="box"] [data-paper-radar-id]::part(button) { display: none !important; }
:root:is([data-bench-show="box"], [data-bench-show="no-new"]) [data-paper-radar-id]::after { content: none !important; }
`;

/** Puts a plain button beside each control (as the plain pass does) and the bench's stylesheet in. */
const PREPARE = `(() => {
  const style = document.createElement('style');
  style.textContent = ${JSON.stringify(SHAPES_CSS)};
  document.head.append(style);
  for (const dt of document.querySelectorAll('dl > dt')) {
    const button = document.createElement('button');
    button.textContent = '☆';
    button.setAttribute('data-bench-plain', '');
    dt.append(button);
  }
})()`;

/**
 * Hides everything, lets two frames pass, shows `shape`: the forced style+layout and the frame.
 * A string, as the other passes in the page: functions compiled by tsx carry helpers the page lacks.
 */
const SHOW = `async (shape) => {
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const root = document.documentElement;
  root.removeAttribute('data-bench-show');
  void document.body.offsetHeight;
  await nextFrame();
  await nextFrame();
  const start = performance.now();
  root.setAttribute('data-bench-show', shape);
  void document.body.offsetHeight; // style and layout, now
  const layout = performance.now() - start;
  await nextFrame();
  return { layout, frame: performance.now() - start };
}`;

/** What the first entry shows now: the bench's hiding must hit what each shape says it shows. */
const VISIBLE = `(() => {
  const host = document.querySelector('[data-paper-radar-id]');
  const shown = (el) => el !== null && el.getClientRects().length > 0;
  return [
    shown(document.querySelector('[data-bench-plain]')),
    shown(host),
    shown(host.shadowRoot.querySelector('button')),
    shown(host) && getComputedStyle(host, '::after').content !== 'none',
  ].map(Number).join('');
})()`;

/** Per shape: a plain button, a host, a button in it, the "new" mark (1 shown, 0 not). */
const EXPECTED_VISIBLE: Record<Shape, string> = { none: '0000', plain: '1000', box: '0100', 'no-new': '0110', ours: '0111' };

function show(page: Page, shape: Shape): Promise<{ layout: number; frame: number }> {
  return page.evaluate(`(${SHOW})(${JSON.stringify(shape)})`) as Promise<{ layout: number; frame: number }>;
}

export async function benchRelayout(): Promise<BenchRow[]> {
  const browser = await launchWithExtension({ extraPages: new Map([[URL, assembleListing(2000)]]) });
  try {
    const page = await browser.context.newPage();
    await page.goto(URL);
    const { annotated } = await waitForAnnotation(page);
    await page.evaluate(PREPARE);
    const shapes = Object.keys(SHAPES) as Shape[];
    const layout = Object.fromEntries(shapes.map((s) => [s, [] as number[]])) as Record<Shape, number[]>;
    const frame = Object.fromEntries(shapes.map((s) => [s, [] as number[]])) as Record<Shape, number[]>;
    for (const shape of shapes) {
      await show(page, shape); // warm-up, and a check that each shape shows what it says
      const visible = await page.evaluate(VISIBLE);
      if (visible !== EXPECTED_VISIBLE[shape]) throw new Error(`shape "${shape}" shows ${visible}, not ${EXPECTED_VISIBLE[shape]} (plain button, host, button, "new"): SHAPES_CSS no longer matches the controls`);
    }
    for (let round = 0; round < ROUNDS; round++) {
      // Each round starts at another shape, so no shape always follows the same one.
      for (let k = 0; k < shapes.length; k++) {
        const shape = shapes[(round + k) % shapes.length]!;
        const t = await show(page, shape);
        layout[shape].push(t.layout);
        frame[shape].push(t.frame);
      }
    }
    return shapes.map((shape) => ({
      group: `relayout after annotation, by part (issue 2; ${annotated} entries, shapes taking turns in one page, ${ROUNDS} rounds)`,
      name: `showing ${SHAPES[shape]}: style and layout`,
      value: median(layout[shape]),
      unit: 'ms',
      ...(shape === 'plain' ? {} : { baseline: median(layout.plain), baselineName: 'the plain buttons' }),
      extra: `range ${range(layout[shape])} ms; to the next rendered frame ${median(frame[shape]).toFixed(0)} ms (range ${range(frame[shape])})${shape === 'plain' ? '' : `, run by run ÷ the plain buttons' ${pairedRatio(frame[shape], frame.plain)}`}`,
    }));
  } finally {
    await browser.close();
  }
}
