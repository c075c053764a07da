/**
 * The sites the browser does not let Paper Radar run on, where it can say so: its content script
 * cannot run there to tell. The popup names them with an Allow button (until the user says not to
 * ask); the options page lists every site with its state.
 */
import { useEffect, useState } from 'preact/hooks';
import { namesInProse } from '../src/site-access';
import type { SiteAccess, SiteAccessApi } from './site-access-api';

interface Loaded {
  sites: SiteAccess[];
  declined: readonly string[];
}

/** The sites and what the user declined, read again whenever a grant changes. */
function useSiteAccess(api: SiteAccessApi): [Loaded | null, string | null, (error: string | null) => void] {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const read = () =>
      api.load().then(
        (next) => live && setLoaded(next),
        (e: unknown) => live && setError(`Could not read which sites Paper Radar may run on: ${String(e)}`),
      );
    void read();
    const unwatch = api.watch(() => void read());
    return () => {
      live = false;
      unwatch();
    };
  }, [api]);
  return [loaded, error, setError];
}

/**
 * Asks for the patterns; says what to do next. Called straight from a click handler: the request
 * must be the first thing it does (see SiteAccessApi.allow).
 */
function requestAccess(api: SiteAccessApi, patterns: readonly string[], done: (message: string) => void) {
  api.allow(patterns).then(
    (granted) => done(granted ? 'Allowed: reload a page of that site to see its papers marked.' : 'Not allowed: the browser or you declined.'),
    (e: unknown) => done(`Could not ask the browser: ${String(e)}`),
  );
}

/** "Google Scholar" or, where only some of its addresses are missing, "Google Scholar (2 of 40 addresses)". */
function describeMissing(site: SiteAccess, missing: readonly string[]): string {
  return missing.length === site.patterns.length ? site.name : `${site.name} (${missing.length} of ${site.patterns.length} addresses)`;
}

/** The popup's line: nothing when every site is allowed (or the missing ones were declined). */
export function SiteAccessNotice({ api }: { api: SiteAccessApi }) {
  const [loaded, error, setError] = useSiteAccess(api);
  const [outcome, setOutcome] = useState<string | null>(null);
  if (error) {
    return (
      <p class="page-status" role="status">
        {error}
      </p>
    );
  }
  const said = outcome && (
    <p class="page-status site-access" role="status" data-paper-radar-site-access-outcome>
      {outcome}
    </p>
  );
  if (!loaded) return null;
  const declined = new Set(loaded.declined);
  const asked = loaded.sites
    .map((site) => ({ site, missing: site.missing.filter((pattern) => !declined.has(pattern)) }))
    .filter(({ missing }) => missing.length > 0);
  if (asked.length === 0) return said || null;
  const patterns = asked.flatMap(({ missing }) => missing);
  const names = namesInProse(asked.map(({ site, missing }) => describeMissing(site, missing)));
  return (
    <>
      <p class="page-status site-access" data-paper-radar-site-access={asked.map(({ site }) => site.name).join(',')}>
        {`The browser does not let Paper Radar run on ${names}: papers there are not marked.`}
        <button type="button" class="page-toggle" data-paper-radar-action="allow-sites" onClick={() => requestAccess(api, patterns, setOutcome)}>
          Allow…
        </button>
        <button
          type="button"
          class="link-button"
          data-paper-radar-action="decline-sites"
          title="The options page still lists these sites, to allow them later"
          onClick={() => api.decline(patterns).catch((e: unknown) => setError(`Could not store that: ${String(e)}`))}
        >
          Don't ask again
        </button>
      </p>
      {said}
    </>
  );
}

/** The options page's section: every site, allowed or not, with Allow for those that are not. */
export function SiteAccessSettings({ api }: { api: SiteAccessApi }) {
  const [loaded, error] = useSiteAccess(api);
  const [outcome, setOutcome] = useState<string | null>(null);
  return (
    <section class="site-access-settings" aria-labelledby="sites-heading">
      <h2 id="sites-heading">Sites</h2>
      <p class="hint">
        Paper Radar runs only on these sites' listing and paper pages, and only where your browser lets it (Firefox: the add-on's
        Permissions tab; Chrome: the extension's Site access).
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {loaded && (
        <ul class="sites">
          {loaded.sites.map((site) => (
            <li key={site.name} data-paper-radar-site={site.name} data-allowed={String(site.missing.length === 0)}>
              <span class="site-name">{site.name}</span>{' '}
              {site.missing.length === 0 ? (
                <span class="status">allowed</span>
              ) : (
                <>
                  <span class="error-text">
                    {site.missing.length === site.patterns.length ? 'not allowed' : `not allowed on ${site.missing.length} of its ${site.patterns.length} addresses`}
                  </span>{' '}
                  <button type="button" data-paper-radar-action="allow-site" onClick={() => requestAccess(api, site.missing, setOutcome)}>
                    Allow…
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {outcome && (
        <p class="status" role="status">
          {outcome}
        </p>
      )}
    </section>
  );
}
