/**
 * Gives the main thread back to the page between chunks of work, so that annotating a
 * 2,000-entry listing never blocks input for more than a few milliseconds at a time.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Resolves once the browser has rendered the next frame (a task after requestAnimationFrame's
 * callbacks), or after `fallbackMs` where no frame comes: a hidden tab renders none.
 */
export function afterNextFrame(fallbackMs = 1000): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, fallbackMs);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}
