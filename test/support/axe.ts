/** axe-core (the engine behind Lighthouse's and Deque's checks), run in a page of real Chromium. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** Serious and critical violations on the page (axe descends into open shadow roots). */
export async function seriousViolations(tab: Page, include?: string): Promise<Array<{ id: string; impact: string | null; help: string; targets: string }>> {
  await tab.evaluate(AXE);
  const result = (await tab.evaluate(`axe.run(${include ? JSON.stringify({ include: [[include]] }) : 'document'}, { resultTypes: ['violations'] })`)) as { violations: Violation[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(' ') }));
}
