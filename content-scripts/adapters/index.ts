/** The adapter registry: every supported site, in the order they are tried. */
import type { SiteAdapter } from './types';
import { arxivAdapter } from './arxiv';

export const ADAPTERS: readonly SiteAdapter[] = [arxivAdapter];

/** The adapter that handles `url`, or null. */
export function adapterFor(url: URL): SiteAdapter | null {
  return ADAPTERS.find((adapter) => adapter.matches(url)) ?? null;
}
