/** Checks an adapter's titleElement, the element a control's group is named by (ui/controls.ts). */
import { expect } from 'vitest';
import type { ExtractedEntry } from '../../content-scripts/adapters/types';
import { collapseWhitespace } from '../../src/core/text';

/**
 * The entry's titleElement shows its title, sits inside the entry, and would not hold the
 * entry's control: an element put where the control goes (then taken out again) is outside it.
 */
export function expectTitleElement(entry: ExtractedEntry): void {
  const el = entry.titleElement;
  expect(el, `${entry.id} has a title element`).toBeDefined();
  expect(collapseWhitespace(el!.textContent ?? '')).toBe(entry.title);
  expect(entry.elements.some((own) => own.contains(el!))).toBe(true);
  const standIn = el!.ownerDocument.createElement('span');
  entry.placement.anchor.insertAdjacentElement(entry.placement.position, standIn);
  try {
    expect(el!.contains(standIn)).toBe(false);
  } finally {
    standIn.remove();
  }
}
