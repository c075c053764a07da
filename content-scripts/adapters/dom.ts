/**
 * Small DOM helpers the adapters share. Pure DOM, no other imports: wake.ts runs
 * scholar-results.ts as each page is parsed, and bundles what it imports.
 */

/** The first child element of `parent` with the class, without a selector (and a walk of the subtree). */
export function findChildWithClass(parent: Element, className: string): Element | null {
  for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
    if (child.classList.contains(className)) return child;
  }
  return null;
}
