/**
 * A web component's text field inside a closed shadow root, as a page would make it, for the
 * end-to-end tests of keys typed there (Chromium and Firefox): page scripts to evaluate in the
 * page's own world (strings: the browsers' drivers send them as they are).
 */

/** Puts the component at the top of the page and focuses its field (kept as window.closedField). */
export const ADD_CLOSED_FIELD = `(() => {
  const host = document.createElement('search-box');
  document.body.prepend(host);
  const field = host.attachShadow({ mode: 'closed' }).appendChild(document.createElement('input'));
  window.closedField = field;
  field.focus();
})()`;

/** What was typed into the field. */
export const CLOSED_FIELD_VALUE = 'window.closedField.value';

/** Takes the component away again. */
export const REMOVE_CLOSED_FIELD = 'window.closedField.blur(); document.querySelector("search-box").remove()';
