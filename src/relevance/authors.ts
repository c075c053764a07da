/**
 * Author names as the relevance engine and the library compare them: a key per name and a
 * match that allows initials. Pure and small (no tokenizer, no word lists), so that the popup
 * can say whether an author is followed without loading the engine.
 */
import { foldLetters, foldTexAccents } from '../core/fold';
import { isNameSuffix } from '../core/text';

/**
 * Text in plain letters, case kept: accents stripped ("Schrödinger" → "Schrodinger"), other
 * letters spelled out ("Łukasz" → "Lukasz", "Søren" → "Soren"), TeX accents read
 * (`Schr\"odinger`, `Erd\H{o}s`): see src/core/fold.ts.
 */
export function foldAccents(text: string): string {
  return foldLetters(foldTexAccents(text));
}

/**
 * A key for an author name that survives the usual variations between sites: accents, case,
 * punctuation, hyphens, middle names or initials, a suffix ("Jr.", "III") and the order of a
 * list that writes "Last, First" ("LeCun, Yann", "van der Maaten, Laurens"): the first given
 * name and the last word of the family name. "José M. Álvarez-Pérez" → "jose alvarezperez".
 * Initials run together are the first name's initial: "AC Courville", as Google Scholar writes
 * Aaron C. Courville, → "a courville" (see runTogetherInitials).
 * Namesakes collide: the key is a hint, not an identity.
 */
export function authorKey(name: string): string {
  return keyOf(nameWords(name));
}

/**
 * A name's keys: its key (authorKey), then the keys of the other common ways listings spell it
 * (usually none): with umlauts as German writes them without the key ("Müller" → "mueller",
 * "Jürgen" → "juergen", where authorKey folds them to "muller", "jurgen"), and with a family
 * name of two words joined, as it is also written hyphenated ("José M. Álvarez Pérez" → "jose
 * alvarezperez", where authorKey keeps "perez"), and with two given names joined, as they are
 * also written hyphenated ("Jean Pierre Bouchaud" → "jeanpierre bouchaud", the key of
 * "Jean-Pierre Bouchaud"). A name in another script than Latin ("王小明", "Иван Петров") has
 * its words in small letters as its key. None when the name has no letters. Two names are one
 * author when a key of one matches a key of the other (sameKeys): another key agrees only with
 * the same name spelled the other way, so it matches no one the first would not ("Yue Wang" has
 * none, and stays apart from "Yu Wang"). The name is read once for all its keys.
 */
export function nameKeys(name: string): string[] {
  const words = nameWords(name);
  const key = keyOf(words);
  if (key === '') return otherScriptKeys(name);
  const keys = [key];
  const spelled = spellUmlauts(name);
  const spelledWords = spelled === name ? words : nameWords(spelled);
  if (spelled !== name) keys.push(keyOf(spelledWords));
  // The last two words as one family name, when the first of them is a name, not an initial ("José M. Álvarez").
  const n = spelledWords.length;
  if (n >= 3 && plainWord(spelledWords[n - 2]!).length >= 2 && !spelledWords[n - 2]!.includes('.')) {
    keys.push(keyOf([...spelledWords.slice(0, n - 2), spelledWords[n - 2]! + spelledWords[n - 1]!]));
  }
  // The first two words as one given name, when both are names ("Jean Pierre").
  if (n >= 3 && [0, 1].every((i) => plainWord(spelledWords[i]!).length >= 2 && !spelledWords[i]!.includes('.'))) {
    keys.push(keyOf([spelledWords[0]! + spelledWords[1]!, ...spelledWords.slice(2)]));
  }
  return keys.length === 1 ? keys : keys.filter((k, i) => keys.indexOf(k) === i);
}

/** The key of a name with no Latin letters: its words in small letters, punctuation aside ("И. Петров" → "и петров"). */
function otherScriptKeys(name: string): string[] {
  const key = name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{M}\p{N}\s]/gu, '').split(/\s+/).filter(Boolean).join(' ');
  return /\p{L}/u.test(key) ? [key] : [];
}

/**
 * The one key a list of names (followed, muted) holds each person under: the name's key
 * (authorKey; its own words for a name in another script), or its text when it has none.
 */
export function personKey(name: string): string {
  return nameKeys(name)[0] ?? name.trim().toLowerCase();
}

/** Umlauts, also TeX's (\"u, \"{u}), as German spells them without the key: "Müller" → "Mueller". */
export function spellUmlauts(name: string): string {
  if (!/[äöüÄÖÜ\u0308]|\\"/.test(name)) return name;
  return name.normalize('NFC').replace(UMLAUT, (_, braced?: string, bare?: string, letter?: string) => `${braced ?? bare ?? letter!.normalize('NFD')[0]}e`);
}
const UMLAUT = /\\"\s*(?:\{\s*([AOUaou])\s*\}|([AOUaou]))|([äöüÄÖÜ])/g;

/**
 * A name's words (folded, case kept), given names first: "Last, First" reordered, a suffix
 * ("Jr.", "III") dropped.
 */
function nameWords(name: string): string[] {
  const parts = foldAccents(name)
    .split(',')
    // An initial written without a space before the name it abbreviates ("S.Thrun", "J.-P.Bouchaud") is a word.
    .map((part) => part.split(/\s+|(?<=\.)(?=[A-Z][a-z])/).filter((w) => plainWord(w).length > 0))
    .filter((part) => part.length > 0 && !(part.length === 1 && isNameSuffix(plainWord(part[0]!))));
  // "Last, First": the given names first, as listings write them.
  const ordered = parts.length === 2 ? [...parts[1]!, ...parts[0]!] : parts.flat();
  return ordered.length > 2 && isNameSuffix(plainWord(ordered[ordered.length - 1]!)) ? ordered.slice(0, -1) : ordered;
}

/** The key of a name's words (see authorKey). */
function keyOf(words: readonly string[]): string {
  if (words.length === 0) return '';
  const last = plainWord(words[words.length - 1]!);
  if (words.length === 1) return last;
  const first = plainWord(words[0]!);
  return `${runTogetherInitials(words) ? first[0] : first} ${last}`;
}

/** A word of a name in small letters without its punctuation: "Álvarez-Pérez" (folded) → "alvarezperez". */
const plainWord = (word: string): string => word.toLowerCase().replace(/[^a-z]/g, '');

/** Two or three initials written together, with or without dots: "AC", "GE", "MJ", "A.C.", "J.-P.", "J-P". */
const CAPITALS_ONLY = /^[A-Z]{2,3}$/;
const DOTTED_INITIALS = /^(?:[A-Z]\.-?){2,3}$|^[A-Z]\.?(?:-[A-Z]\.?){1,2}$/;

/**
 * Whether the first given name of a name's words (folded, case kept, two words or more) is
 * initials run together: Google Scholar writes every given name so ("AC Courville", "GE Hinton",
 * "MJ Isaac"), some listings "J.-P. Bouchaud". Written in capitals, only beside a word written
 * in small letters: in "BO LI" the whole name is in capitals, and "BO" a name ("Bo Li" and "Li
 * Wei" are never touched). A given name that is two or three capitals as its owner writes it
 * ("AJ Piergiovanni") is read as initials too: its key is then that of its initial, so it still
 * finds its owner, and also finds namesakes with that initial ("Andrew Piergiovanni"), as "A.
 * Piergiovanni" did already. Scholar's initials are far more common in listings than such names,
 * and a followed author missed on every Scholar page costs more than a namesake's bonus.
 */
function runTogetherInitials(words: readonly string[]): boolean {
  const first = words[0]!;
  if (DOTTED_INITIALS.test(first)) return true;
  return CAPITALS_ONLY.test(first) && words.slice(1).some((w) => /[a-z]/.test(w));
}

/**
 * True when two author keys name the same person, allowing an initial for the first name
 * ("y lecun" matches "yann lecun"), since listings abbreviate first names inconsistently.
 */
export function sameAuthor(a: string, b: string): boolean {
  if (a === b) return a !== '';
  const sa = a.indexOf(' ');
  const sb = b.indexOf(' ');
  if (sa < 0 || sb < 0) return false;
  if (a.slice(sa) !== b.slice(sb)) return false;
  const fa = a.slice(0, sa);
  const fb = b.slice(0, sb);
  return (fa.length === 1 || fb.length === 1) && fa[0] === fb[0];
}

/** True when two names, given by their keys (nameKeys), are one author: a key of one is a key of the other (sameAuthor). */
export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.some((y) => sameAuthor(x, y)));
}

/** Whether `name` is one of the `followed` names (as typed in the options page or added from the library). */
export function isFollowed(followed: readonly string[] | undefined, name: string): boolean {
  const keys = nameKeys(name);
  return keys.length > 0 && (followed ?? []).some((f) => sameKeys(nameKeys(f), keys));
}

/** `followed` with `name` added (as listed), or with every name that matches it removed. */
export function withFollowed(followed: readonly string[] | undefined, name: string, on: boolean): string[] {
  const keys = nameKeys(name);
  const others = (followed ?? []).filter((f) => !sameKeys(nameKeys(f), keys));
  return on ? [...others, name.trim()] : others;
}
