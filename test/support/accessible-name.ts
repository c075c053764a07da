/**
 * What a screen reader is told of a control's button (jsdom computes no accessible names): the
 * button's own name (aria-label, else its text) and the name of the group it is in (the
 * control's host, role="group", named by the paper's title), found across the shadow boundary.
 */
export function accessibleName(el: Element): string {
  return el.getAttribute('aria-label') ?? shownText(el);
}

/** The text of a node, without what is hidden from screen readers (aria-hidden). */
function shownText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node instanceof Element && node.getAttribute('aria-hidden') === 'true') return '';
  return [...node.childNodes].map(shownText).join('');
}

export function groupName(el: Element): string | null {
  for (let node: Node | null = el; node; ) {
    if (node instanceof Element && node !== el && node.getAttribute('role') === 'group') return node.getAttribute('aria-label');
    node = node.parentNode instanceof ShadowRoot ? node.parentNode.host : node.parentNode;
  }
  return null;
}
