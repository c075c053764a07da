/**
 * Keyboard triage on listing pages: whether it is on, and which key does what. Part of the
 * display settings (storage.local, see display-settings.ts). Pure: parsed defensively by the
 * content script and checked by the options page with the same rules.
 *
 * A key is one printable character compared with KeyboardEvent.key as typed, so it is case
 * sensitive ("j" and "J" are different keys) and Shift is allowed ("?" needs it on most layouts).
 */
export type KeyAction = 'next' | 'prev' | 'nextRelevant' | 'prevRelevant' | 'star' | 'read' | 'dismiss' | 'undo' | 'open' | 'pdf' | 'seenAll' | 'showDismissed' | 'help';

/** Every action, in the order the options page and the help overlay list them. */
export const KEY_ACTIONS: readonly KeyAction[] = ['next', 'prev', 'nextRelevant', 'prevRelevant', 'star', 'read', 'dismiss', 'undo', 'open', 'pdf', 'seenAll', 'showDismissed', 'help'];

export const KEY_ACTION_LABELS: Readonly<Record<KeyAction, string>> = {
  next: 'Next paper',
  prev: 'Previous paper',
  nextRelevant: 'Next relevant paper',
  prevRelevant: 'Previous relevant paper',
  star: 'Star / unstar',
  read: 'Mark read / unread',
  dismiss: 'Dismiss / undismiss',
  undo: 'Undo the last star, read or dismissal',
  open: 'Open the abstract page',
  pdf: 'Open the PDF',
  seenAll: 'Mark every paper on the page as seen',
  showDismissed: 'Show / hide dismissed papers here',
  help: 'Show / hide this help',
};

export type KeyMap = Record<KeyAction, string>;

export interface KeyboardSettings {
  enabled: boolean;
  keys: KeyMap;
}

/**
 * On by default: a key is never taken from a text field or with Ctrl/Alt/Meta, and WCAG 2.1.4
 * (character key shortcuts) is met by letting users turn it off or remap every key.
 */
// Marked pure, so that a bundle importing only a key name (wake.ts) leaves these out.
export const DEFAULT_KEYBOARD: Readonly<KeyboardSettings> = /* @__PURE__ */ Object.freeze({
  enabled: true,
  keys: /* @__PURE__ */ Object.freeze({ next: 'j', prev: 'k', nextRelevant: 'J', prevRelevant: 'K', star: 's', read: 'r', dismiss: 'x', undo: 'z', open: 'o', pdf: 'p', seenAll: 'A', showDismissed: 'H', help: '?' }),
});

/**
 * What is wrong with `value` as a key, or null when it is one printable character. One
 * character is one code point (an astral symbol is two UTF-16 units, one key). Whitespace is
 * refused: Space scrolls the page and Enter activates the focused button.
 */
export function keyProblem(value: string): string | null {
  const chars = [...value];
  if (chars.length === 0) return 'Type one key.';
  if (chars.length > 1) return 'One key only: a single character.';
  if (/^[\s\p{C}]$/u.test(value)) return 'Use a visible character (not a space).';
  return null;
}

/**
 * A key as typed into the options page, as a key press will give it: an input method (Japanese,
 * Chinese) types the full-width forms of Latin letters, digits and signs ("ｓ"), which no key
 * press on a page gives, so one is taken as the character it stands for. Only those: NFKC would
 * also turn "²", a key of its own on French layouts, into "2".
 */
export function typedKey(value: string): string {
  return /^[\uFF01-\uFF5E]$/.test(value) ? String.fromCharCode(value.charCodeAt(0) - 0xfee0) : value;
}

/**
 * Problems of a whole key map, by action: each key must be valid and used once. A clash is
 * reported on every action involved, so the user sees both fields.
 */
export function keyMapProblems(keys: Readonly<Record<KeyAction, string>>): Partial<Record<KeyAction, string>> {
  const problems: Partial<Record<KeyAction, string>> = {};
  for (const action of KEY_ACTIONS) {
    const problem = keyProblem(keys[action]);
    if (problem) problems[action] = problem;
  }
  for (const action of KEY_ACTIONS) {
    if (problems[action]) continue;
    const others = KEY_ACTIONS.filter((other) => other !== action && keys[other] === keys[action]);
    if (others.length > 0) problems[action] = `“${keys[action]}” is also the key for ${others.map((o) => KEY_ACTION_LABELS[o].toLowerCase()).join(', ')}.`;
  }
  return problems;
}

/**
 * The stored value as settings. Each invalid key falls back to its default; if the result has
 * a clash (a stored key equals another action's default), all keys fall back to the defaults,
 * so a key never does two things. An action the stored map does not have at all (one added in
 * a later version, such as "Open the PDF") gets its default, or, when the user's own keys
 * already use that one, the first free key of its upper case and then a–z: adding an action
 * never takes away keys the user chose.
 */
export function parseKeyboard(value: unknown): KeyboardSettings {
  const v = asRecord(value);
  const stored = asRecord(v.keys);
  const keys = {} as KeyMap;
  const added: KeyAction[] = [];
  for (const action of KEY_ACTIONS) {
    const key = stored[action];
    if (key === undefined && Object.keys(stored).length > 0) added.push(action);
    else keys[action] = typeof key === 'string' && keyProblem(key) === null ? typedKey(key) : DEFAULT_KEYBOARD.keys[action];
  }
  for (const action of added) {
    const taken = new Set(Object.values(keys));
    const fallback = DEFAULT_KEYBOARD.keys[action];
    keys[action] = [fallback, fallback.toUpperCase(), ...'abcdefghijklmnopqrstuvwxyz'].find((key) => !taken.has(key)) ?? fallback;
  }
  const clash = Object.keys(keyMapProblems(keys)).length > 0;
  return {
    enabled: typeof v.enabled === 'boolean' ? v.enabled : DEFAULT_KEYBOARD.enabled,
    keys: clash ? { ...DEFAULT_KEYBOARD.keys } : keys,
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
}
