/**
 * A client-side navigation as a single-page app makes one, for the end-to-end tests (Chromium and
 * Firefox): a page script to evaluate in the page's own world (a string: the browsers' drivers
 * send it as it is).
 */

/**
 * pushState to the same arXiv listing (`?skip=0`), then the app swaps the listing (#dlpage) for
 * a fresh render of it: the same markup without anything Paper Radar added.
 */
export const RENDER_LISTING_ANEW = `(() => {
  history.pushState({}, '', '/list/hep-th/new?skip=0');
  const fresh = document.getElementById('dlpage').cloneNode(true);
  for (const host of fresh.querySelectorAll('[data-paper-radar-id]')) host.remove();
  for (const el of fresh.querySelectorAll('*')) for (const a of [...el.attributes]) if (a.name.startsWith('data-paper-radar')) el.removeAttribute(a.name);
  document.getElementById('dlpage').replaceWith(fresh);
})()`;
