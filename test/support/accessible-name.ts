/**
 * The accessible name of an element named by aria-label / aria-labelledby, as browsers compute
 * it for the controls' buttons (jsdom computes none): each element aria-labelledby refers to
 * gives its aria-label when it refers to itself, else its text; the parts are joined by a space.
 * Ids are looked up in the element's own tree (its shadow root), as browsers do.
 */
export function accessibleName(el: Element): string {
  const refs = el.getAttribute('aria-labelledby');
  if (refs === null) return el.getAttribute('aria-label') ?? el.textContent ?? '';
  const root = el.getRootNode() as Document | ShadowRoot;
  return refs
    .trim()
    .split(/\s+/)
    .map((id) => {
      const ref = root.getElementById(id);
      if (!ref) return '';
      return ref === el ? (el.getAttribute('aria-label') ?? '') : (ref.textContent ?? '');
    })
    .join(' ')
    .trim();
}
