/**
 * A control inside a heading (a Hugging Face card's <h3>, a Scholar result's h3.gs_rt: the
 * adapter says so with `placement.heading`) would be read out as part of the heading's name:
 * screen readers moving from heading to heading would hear "Title Star Read Dismiss".
 * While the control is there, the heading is named by the title alone: by reference to the
 * page's title element inside it (ariaLabelledByElements, as the control itself is named), else
 * by a copy of the title. A heading the page named itself is left alone; the name is taken off
 * with the control (restoreHeadingName), so a heading reused for another paper is never left
 * with the old title.
 */
import type { ExtractedEntry } from '../adapters/types';

/** Marks a heading whose name we set (a copy of a card, made by the page, may carry it too). */
const NAMED_ATTRIBUTE = 'data-paper-radar-named';
export const HEADING_NAMED_SELECTOR = `[${NAMED_ATTRIBUTE}]`;

/** ARIA element reflection, not yet in TypeScript's DOM types. */
type Reflecting = Element & { ariaLabelledByElements?: Element[] | null };

export function nameHeadingByTitle(heading: Element, entry: Pick<ExtractedEntry, 'title' | 'titleElement'>): void {
  const ours = heading.hasAttribute(NAMED_ATTRIBUTE);
  if (!ours && (heading.hasAttribute('aria-label') || heading.hasAttribute('aria-labelledby'))) return;
  const { titleElement } = entry;
  if (titleElement && heading.contains(titleElement) && 'ariaLabelledByElements' in heading) {
    heading.removeAttribute('aria-label');
    (heading as Reflecting).ariaLabelledByElements = [titleElement];
  } else {
    heading.removeAttribute('aria-labelledby');
    heading.setAttribute('aria-label', entry.title);
  }
  heading.setAttribute(NAMED_ATTRIBUTE, '');
}

/** Gives `heading` back its own name, if we named it. */
export function restoreHeadingName(heading: Element | undefined): void {
  if (!heading?.hasAttribute(NAMED_ATTRIBUTE)) return;
  heading.removeAttribute('aria-label');
  heading.removeAttribute('aria-labelledby'); // also clears ariaLabelledByElements
  heading.removeAttribute(NAMED_ATTRIBUTE);
}
