/**
 * Gives the main thread back to the page between chunks of work, so that annotating a
 * 2,000-entry listing never blocks input for more than a few milliseconds at a time.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : afterQueuedTasks();
}

/**
 * Resolves in a task of its own, after the tasks already queued (a page's message to the worker,
 * say). Not scheduler.yield(), whose continuation runs ahead of them.
 */
export function afterQueuedTasks(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Resolves once the browser has rendered the next frame (a task after requestAnimationFrame's
 * callbacks), or after `fallbackMs` where no frame comes: a hidden tab renders none.
 */
export function afterNextFrame(fallbackMs = 1000): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return afterQueuedTasks();
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
