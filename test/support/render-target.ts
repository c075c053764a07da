/**
 * The element a jsdom test file renders Preact into: the document's only child before each test;
 * after it, its tree unmounted (effects cleaned up) and the element detached.
 *
 * Call it after the file's own hooks: after-hooks run last registered first, so the tree is
 * unmounted before those hooks close what it uses (a database, a relevance service).
 */
import { render } from 'preact';
import { afterAll, afterEach, beforeEach } from 'vitest';

export function renderTarget(): HTMLElement {
  const container = document.createElement('div');
  beforeEach(() => document.body.replaceChildren(container));
  afterEach(() => {
    render(null, container);
    container.remove();
  });
  // Preact runs effects and their cleanups up to a frame after a render: the last ones must run
  // before the test environment, and its document, goes away.
  afterAll(() => new Promise((resolve) => setTimeout(resolve, 50)));
  return container;
}
