// @vitest-environment jsdom
/**
 * Preact's effects in DOM tests wait for jsdom's frames only (test/support/preact-frames.ts):
 * no timer is left behind to call `cancelAnimationFrame` after jsdom is torn down, which failed
 * a CI run with an unhandled error after every test had passed.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { afterEach, expect, it, vi } from 'vitest';

function CountsOnce() {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (count === 0) setCount(1);
  }, [count]);
  return <p>{count}</p>;
}

afterEach(() => vi.restoreAllMocks());

it('runs effects on the next frame and starts no timer that could outlive the window', async () => {
  const timers = vi.spyOn(globalThis, 'setTimeout');
  const container = document.createElement('div');
  render(<CountsOnce />, container);
  expect(container.textContent).toBe('0');
  expect(timers).not.toHaveBeenCalled();

  await new Promise((frame) => requestAnimationFrame(frame));
  await new Promise((frame) => requestAnimationFrame(frame));
  expect(container.textContent).toBe('1');
  render(null, container);
});
