/**
 * The sites the browser does not let Paper Radar run on, where it can say so: its content script
 * cannot run there to tell. The popup names them with an Allow button (until the user says not to
 * ask); the options page lists every site with its state.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { namesInProse, patternHost } from '../src/site-access';
import type { SiteAccess, SiteAccessApi } from './site-access-api';
import { errorText } from '../src/core/text';

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
        (e: unknown) => live && setError(`Could not read which sites Paper Radar may run on: ${errorText(e)}`),
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

export const ALLOWED_MARKED_NOW = 'Allowed: its pages open now are marked too.';
export const ALLOWED_RELOAD = 'Allowed: reload a page of that site to see its papers marked.';

/**
 * Asks for the patterns; says what to do next. Called straight from a click handler: the request
 * must be the first thing it does (see SiteAccessApi.allow).
 */
function requestAccess(api: SiteAccessApi, patterns: readonly string[], done: (message: string) => void) {
  api.allow(patterns).then(
    (granted) => done(granted ? (api.marksOpenPages() ? ALLOWED_MARKED_NOW : ALLOWED_RELOAD) : 'Not allowed: the browser or you declined.'),
    (e: unknown) => done(`Could not ask the browser: ${errorText(e)}`),
  );
}

/**
 * The popup's line: the sites none of whose addresses the browser allows (and the user did not
 * decline), with Allow…. A site allowed on some of its addresses (arxiv.org but not www., the one
 * Scholar domain the user reads) is marked where they read it: the options page has the rest.
 * What the buttons did is said in a status region that is always there (so it is announced), and
 * focus goes to it when the button the user pressed goes with the line.
 */
export function SiteAccessNotice({ api }: { api: SiteAccessApi }) {
  const [loaded, error, setError] = useSiteAccess(api);
  const [outcome, setOutcome] = useState<string | null>(null);
  const said = useRef<HTMLParagraphElement>(null);
  const say = (message: string) => {
    setOutcome(message);
    said.current?.focus();
  };
  // By host: a pattern a later version narrowed (Scholar's "scholar*" became "scholar?*") stays
  // declined, else the notice came back after the update.
  const declined = new Set((loaded?.declined ?? []).map(patternHost));
  const asked = (loaded?.sites ?? []).filter((site) => site.missing.length === site.patterns.length && site.missing.some((pattern) => !declined.has(patternHost(pattern))));
  const patterns = asked.flatMap((site) => site.missing);
  return (
    <>
      {error && <p class="page-status">{error}</p>}
      {asked.length > 0 && (
        <p class="page-status site-access" data-paper-radar-site-access={asked.map((site) => site.name).join(',')}>
          {`Paper Radar may not run on ${namesInProse(asked.map((site) => site.name))}: papers there are not marked until you allow it.`}
          <button type="button" class="page-toggle" data-paper-radar-action="allow-sites" onClick={() => requestAccess(api, patterns, say)}>
            Allow…
          </button>
          <button
            type="button"
            class="link-button"
            data-paper-radar-action="decline-sites"
            onClick={() =>
              api.decline(patterns).then(
                () => say('Paper Radar will not ask again here; the settings page lists these sites, to allow them later.'),
                (e: unknown) => setError(`Could not store that: ${errorText(e)}`),
              )
            }
          >
            Don't ask again
          </button>
        </p>
      )}
      <p class="page-status site-access" role="status" tabIndex={-1} ref={said} data-paper-radar-site-access-outcome>
        {outcome}
      </p>
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
