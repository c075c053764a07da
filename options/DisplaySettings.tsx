/** How pages look: a small form beside the interests editor, saved in storage.local at once. */
import { useEffect, useState } from 'preact/hooks';
import type { DisplaySettings as Settings } from '../src/display-settings';

export interface DisplayApi {
  load(): Promise<Settings>;
  save(settings: Settings): Promise<void>;
}

export function DisplaySettings({ api }: { api: DisplayApi }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.load().then(setSettings, (e: unknown) => setError(`Could not read the display settings: ${String(e)}`));
  }, [api]);

  const update = (next: Settings) => {
    setSettings(next);
    api.save(next).catch((e: unknown) => setError(`Could not save the display settings: ${String(e)}`));
  };

  return (
    <section class="display-settings" aria-labelledby="display-heading">
      <h2 id="display-heading">On listing pages</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {settings && (
        <label>
          <input
            type="checkbox"
            data-paper-radar-setting="dim-below-threshold"
            checked={settings.dimBelowThreshold}
            onChange={(e) => update({ ...settings, dimBelowThreshold: (e.currentTarget as HTMLInputElement).checked })}
          />{' '}
          Dim papers below the relevance threshold (they come back on hover)
        </label>
      )}
    </section>
  );
}
