/**
 * The adapter registry: every supported site, in the order they are tried. Adding a site = one
 * module here, its URL patterns in manifest.json (content_scripts.matches), its saved pages and
 * its test in test/adapters/, and the other places README.md names under "Site adapters"
 * (early-states.ts, SITE_NAMES, ids).
 */
import type { SiteAdapter } from './types';
import { aclAdapter } from './acl';
import { arxivAdapter } from './arxiv';
import { huggingfaceAdapter } from './huggingface';
import { scholarAdapter } from './scholar';

export const ADAPTERS: readonly SiteAdapter[] = [arxivAdapter, huggingfaceAdapter, scholarAdapter, aclAdapter];

/** The adapter that handles `url`, or null. */
export function adapterFor(url: URL): SiteAdapter | null {
  return ADAPTERS.find((adapter) => adapter.matches(url)) ?? null;
}
