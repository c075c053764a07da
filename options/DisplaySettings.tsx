/** How pages look: a small form beside the interests editor, saved in storage.local at once. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { parseDisplay, type DisplaySettings as Settings } from '../src/display-settings';
import { DEFAULT_KEYBOARD, KEY_ACTIONS, KEY_ACTION_LABELS, keyMapProblems, typedKey, type KeyAction, type KeyMap } from '../src/keyboard-settings';
import { errorText } from '../src/core/text';

export interface DisplayApi {
  load(): Promise<Settings>;
  save(settings: Settings): Promise<void>;
  /** Calls back with the settings as stored by any page (another options tab too); returns a function that stops listening. */
  watch(onChange: (settings: Settings) => void): () => void;
}

export function DisplaySettings({ api }: { api: DisplayApi }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  /** The keys as typed; saved only when every one is valid (a half-typed map never reaches pages). */
  const [keyDraft, setKeyDraft] = useState<KeyMap | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The keys as typed, for a change stored elsewhere that arrives while they are half typed: set
  // with the draft, as a change may arrive before the page shows it.
  const typed = useRef<KeyMap | null>(null);
  typed.current = keyDraft;
  const showKeys = (keys: KeyMap) => {
    typed.current = keys;
    setKeyDraft(keys);
  };
  // The keys as stored when last shown: those typed here since are the ones that differ from them.
  const shownKeys = useRef<KeyMap | null>(null);
  // The settings saved here and not yet heard back from storage, oldest first (as settingsKey).
  const unheard = useRef<string[]>([]);
  const save = (next: Settings) => {
    const key = settingsKey(next);
    unheard.current.push(key);
    return api.save(next).catch((e: unknown) => {
      const at = unheard.current.indexOf(key);
      if (at >= 0) unheard.current.splice(at, 1); // never to be heard
      throw e;
    });
  };
  useEffect(() => {
    // Each change stores the whole settings: showing what another tab stored keeps its change
    // from being undone by the next one made here.
    const show = (next: Settings) => {
      // Storage reports each save after it: a report of one made here when a newer one made here
      // is still to come is out of date, and shown, would be the base of the next change (three
      // boxes clicked within the reports' delay stored the second one unchecked).
      const heard = unheard.current.indexOf(settingsKey(next));
      if (heard >= 0) {
        unheard.current.splice(0, heard + 1);
        if (unheard.current.length > 0) return;
      }
      setSettings(next);
      const draft = typed.current;
      const was = shownKeys.current;
      shownKeys.current = next.keyboard.keys;
      if (draft === null || was === null || Object.keys(keyMapProblems(draft)).length === 0) {
        showKeys({ ...next.keyboard.keys });
        return;
      }
      // Keys half typed here (not valid yet, so not stored) stay as typed; the others show what
      // was stored elsewhere, or saving the keys typed here, once valid, would undo it.
      const merged = Object.fromEntries(KEY_ACTIONS.map((action) => [action, draft[action] !== was[action] ? draft[action] : next.keyboard.keys[action]])) as KeyMap;
      showKeys(merged);
      // Valid now (the other tab freed the key typed here): saved, as if typed so.
      if (Object.keys(keyMapProblems(merged)).length === 0 && KEY_ACTIONS.some((action) => merged[action] !== next.keyboard.keys[action])) {
        save({ ...next, keyboard: { ...next.keyboard, keys: merged } }).catch((e: unknown) => setError(`Could not save the display settings: ${errorText(e)}`));
      }
    };
    api.load().then(show, (e: unknown) => setError(`Could not read the display settings: ${errorText(e)}`));
    return api.watch(show);
  }, [api]);

  const update = (next: Settings) => {
    // Nothing changed (a key typed again as it was): no save, which storage may never report.
    if (settings && settingsKey(next) === settingsKey(settings)) return;
    setSettings(next);
    // A failure said before is out of date once a save succeeds.
    save(next).then(() => setError(null), (e: unknown) => setError(`Could not save the display settings: ${errorText(e)}`));
  };

  const problems = keyDraft ? keyMapProblems(keyDraft) : {};
  const unsaved = Object.keys(problems).length > 0;
  const typeKeys = (draft: KeyMap) => {
    showKeys(draft);
    if (settings && Object.keys(keyMapProblems(draft)).length === 0) update({ ...settings, keyboard: { ...settings.keyboard, keys: { ...draft } } });
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
        <SettingBox name="dim-below-threshold" checked={settings.dimBelowThreshold} onChange={(on) => update({ ...settings, dimBelowThreshold: on })}>
          Dim papers rated low for your interests (they come back on hover)
        </SettingBox>
      )}
      {settings && (
        <SettingBox name="hide-dismissed" checked={settings.hideDismissed} onChange={(on) => update({ ...settings, hideDismissed: on })}>
          Hide papers I dismissed (✕, "not interested"): each goes once you move on or click elsewhere; the popup still lists them
        </SettingBox>
      )}
      {settings && keyDraft && (
        <fieldset class="keyboard-settings">
          <legend>Keyboard</legend>
          <SettingBox name="keyboard-enabled" checked={settings.keyboard.enabled} onChange={(on) => update({ ...settings, keyboard: { ...settings.keyboard, enabled: on } })}>
            Single-key shortcuts on listing pages
          </SettingBox>
          <p class="hint" id="keyboard-hint">
            One character per action; upper and lower case are different keys, and a character typed with AltGr or Option
            works; on a Russian, Greek or Hebrew layout, a letter no key is set to acts as the Latin letter of the same key. Keys
            never act while you type in a field, nor with Ctrl or ⌘, nor Alt with a letter or digit.
          </p>
          <div class="keys">
            {KEY_ACTIONS.map((action) => (
              <KeyField
                key={action}
                action={action}
                value={keyDraft[action]}
                problem={problems[action] ?? null}
                onInput={(value) => typeKeys({ ...keyDraft, [action]: value })}
              />
            ))}
          </div>
          {/* Always there, only its text changing: a live region added with its text is often not read out. */}
          <p class="error" role="status" data-paper-radar-keys-unsaved={unsaved ? '' : undefined}>
            {unsaved ? 'The keys are not saved until each is a single character no other action uses.' : ''}
          </p>
          <button type="button" data-paper-radar-setting="keyboard-defaults" onClick={() => typeKeys({ ...DEFAULT_KEYBOARD.keys })}>
            Restore the default keys
          </button>
        </fieldset>
      )}
    </section>
  );
}

/** The settings as one string, to know a report of a save made here (parseDisplay fixes the fields' order). */
function settingsKey(settings: Settings): string {
  return JSON.stringify(parseDisplay(settings));
}

/** A setting's checkbox, saved as soon as it changes. */
function SettingBox({ name, checked, onChange, children }: { name: string; checked: boolean; onChange: (on: boolean) => void; children: ComponentChildren }) {
  return (
    <label>
      <input type="checkbox" data-paper-radar-setting={name} checked={checked} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} /> {children}
    </label>
  );
}

function KeyField({ action, value, problem, onInput }: { action: KeyAction; value: string; problem: string | null; onInput: (value: string) => void }) {
  const id = `key-${action}`;
  const problemId = `${id}-problem`;
  return (
    <div class="key-field">
      <label for={id}>{KEY_ACTION_LABELS[action]}</label>
      <input
        id={id}
        type="text"
        class="key"
        size={3}
        autocomplete="off"
        spellcheck={false}
        data-paper-radar-key={action}
        value={value}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={problem ? `${problemId} keyboard-hint` : 'keyboard-hint'}
        // Selecting on focus: the next key typed replaces the old one.
        onFocus={(e) => (e.currentTarget as HTMLInputElement).select()}
        // While an input method composes, the field holds unfinished text: taken once it is done.
        onInput={(e) => !(e as InputEvent).isComposing && onInput(typedKey((e.currentTarget as HTMLInputElement).value))}
        onCompositionEnd={(e) => onInput(typedKey((e.currentTarget as HTMLInputElement).value))}
      />
      {problem && (
        <span class="error" id={problemId} data-paper-radar-key-problem={action}>
          {problem}
        </span>
      )}
    </div>
  );
}
