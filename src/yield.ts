/**
 * Gives the main thread back to the page between chunks of work, so that annotating a
 * 2,000-entry listing never blocks input for more than a few milliseconds at a time.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
