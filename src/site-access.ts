/**
 * The sites Paper Radar runs on, from the manifest's content-script patterns, grouped as a user
 * names them. The browser lets a user take a site away (Firefox: the add-on's Permissions tab;
 * Chrome: Site access), and does not always grant on update what a new version adds: on such a
 * site our script never runs, so only an extension page can notice and offer to allow it again.
 */

export interface Site {
  /** As the user knows it: "arXiv", "Google Scholar". */
  name: string;
  /** The manifest's match patterns for it, as the permissions API takes them. */
  patterns: readonly string[];
}

/** A site's name by host; a host missing here is named by itself. */
const SITE_NAMES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(www\.)?arxiv\.org$/, 'arXiv'],
  [/^huggingface\.co$/, 'Hugging Face'],
  [/^scholar\.google\.[a-z.]+$/, 'Google Scholar'],
  [/^aclanthology\.org$/, 'ACL Anthology'],
];

/** The host of a match pattern (`https://host/path`), or null for one of another form. */
export function patternHost(pattern: string): string | null {
  return /^https?:\/\/([^/*]+)\//.exec(pattern)?.[1] ?? null;
}

function siteName(host: string): string {
  return SITE_NAMES.find(([hosts]) => hosts.test(host))?.[1] ?? host;
}

/**
 * The sites of these patterns, in the order each is first named; a pattern named twice (the
 * built manifest has a script at document start and one at idle, on the same patterns) counts
 * once, and patterns without a host are left out.
 */
export function sitesOf(patterns: readonly string[]): Site[] {
  const sites = new Map<string, string[]>();
  for (const pattern of new Set(patterns)) {
    const host = patternHost(pattern);
    if (host === null) continue;
    const name = siteName(host);
    sites.set(name, [...(sites.get(name) ?? []), pattern]);
  }
  return [...sites].map(([name, sitePatterns]) => ({ name, patterns: sitePatterns }));
}

/** "arXiv", "arXiv and Hugging Face", "arXiv, Hugging Face and Google Scholar". */
export function namesInProse(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
