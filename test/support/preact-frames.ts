/**
 * Preact runs effects after the next frame, and when no frame comes within 100 ms it falls back
 * to a timer that then calls `cancelAnimationFrame`. A DOM test file that ends within those
 * 100 ms has had jsdom torn down by then, so the timer threw "cancelAnimationFrame is not
 * defined" as an unhandled error after every test had passed (CI, stop 43). Under jsdom, effects
 * wait for jsdom's own frames only: the same order as in a browser, and nothing left to fire once
 * the window is closed. `act()` from preact/test-utils still swaps in its own scheduler and puts
 * this one back.
 */
import { options } from 'preact';

if (typeof requestAnimationFrame === 'function') {
  options.requestAnimationFrame = (flush) => {
    requestAnimationFrame(() => flush());
  };
}
