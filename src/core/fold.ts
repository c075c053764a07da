/**
 * Text folded to the plain letters a reader types: accents dropped ("Schrödinger" →
 * "Schrodinger"), the letters Unicode does not decompose spelled out ("Łukasz" → "Lukasz",
 * "Søren" → "Soren", "Straße" → "Strasse"), and TeX's accent commands read as their letters
 * (`Schr\"odinger`, `Erd\H{o}s`, `{\o}`). One table for the library's search, citation keys,
 * author names and keyword matching, so that each folds a name as the others do. Pure.
 */

/** Letters NFKD does not decompose, spelled as a reader without the key would type them. */
const LETTERS: Record<string, string> = {
  ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', þ: 'th', Þ: 'TH', ı: 'i', ħ: 'h', Ħ: 'H',
};
const SPELLED_OUT = /[ßẞæÆœŒøØłŁđĐðÐþÞıħĦ]/g;
const COMBINING_MARKS = /\p{M}+/gu;
const ASCII = /^[\x00-\x7f]*$/;

/** `text` without accents, its other letters spelled out (case kept). ASCII text is returned as it is. */
export function foldLetters(text: string): string {
  if (ASCII.test(text)) return text;
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').replace(SPELLED_OUT, (c) => LETTERS[c] ?? c);
}

const GREEK_LOWER = 'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma sigma tau upsilon phi chi psi omega'.split(' ');
/** Each Greek letter's name, as TeX writes it: α → "alpha", Δ → "Delta", ς → "sigma", ϕ → "phi". */
const GREEK_NAMES = new Map<string, string>([
  ...GREEK_LOWER.map((name, k) => [String.fromCharCode(0x3b1 + k), name] as const), // α … ω, with ς
  ...GREEK_LOWER.map((name, k) => [String.fromCharCode(0x391 + k), name[0]!.toUpperCase() + name.slice(1)] as const), // Α … Ω
  ['ϑ', 'theta'],
  ['ϕ', 'phi'],
  ['ϵ', 'epsilon'],
  ['ϖ', 'pi'],
]);
const GREEK = /[\u0391-\u03a9\u03b1-\u03c9\u03d1\u03d5\u03d6\u03f5]/;
const GREEK_ALL = new RegExp(GREEK.source, 'g');

/**
 * Greek letters spelled by name, each a word of its own, as TeX writes them: "β-VAE" reads as
 * `$\beta$-VAE` does ("beta VAE"), "ΛCDM" as `$\Lambda$CDM`, "π0" as `$\pi_0$`. For matching
 * text (keywords, the library's search), not for citation keys or names. Expects folded text
 * (foldLetters: "ά" is "α" by then).
 */
export function spellGreek(text: string): string {
  return GREEK.test(text) ? text.replace(GREEK_ALL, (c) => ` ${GREEK_NAMES.get(c) ?? c} `) : text;
}

/** Accent commands taking the next letter: \"o, \"{o}, \'{e}, \^o, \~n, \=a, \.z, \`a, \'\i (see wordSpaces). */
const TEX_SYMBOL_ACCENT = /\\(["'`^~=.])\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\[A-Za-z])(\s*)|([A-Za-z]))/g;
/** Letter-named accent commands need braces or a space: \v{s}, \c c, \u{a}, \H{o}, \k{e}, \r{a}. */
const TEX_LETTER_ACCENT = /\\[vcuHkrdb](?:\{\s*(\\?[A-Za-z])\s*\}|\s+([A-Za-z]))/g;
/** Letters written as commands (see wordSpaces). */
const TEX_LETTERS: Record<string, string> = { ss: 'ss', ae: 'ae', AE: 'AE', oe: 'oe', OE: 'OE', aa: 'a', AA: 'A', o: 'o', O: 'O', l: 'l', L: 'L', i: 'i', j: 'j' };
const TEX_LETTER = /\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])(\{\}|\s*)/g;
/** What is left of {\"o}: a letter in braces of its own (not a command's argument, as in \mathcal{O}). */
const BRACED_LETTER = /(?<!\\[A-Za-z]*)\{([A-Za-z]{1,2})\}/g;

/** TeX's accented and command-written letters as plain letters; any other TeX stays as it is. */
export function foldTexAccents(text: string): string {
  if (!text.includes('\\')) return text;
  const letters = text
    .replace(TEX_SYMBOL_ACCENT, (_, _accent: string, braced?: string, command?: string, spaces?: string, bare?: string, at?: number, whole?: string) =>
      command ? texLetter(command) + wordSpaces(spaces!, whole!, at!) : texLetter(braced ?? bare ?? ''),
    )
    .replace(TEX_LETTER_ACCENT, (_, braced?: string, bare?: string) => texLetter(braced ?? bare ?? ''))
    .replace(TEX_LETTER, (_, name: string, after: string, at: number, whole: string) => (TEX_LETTERS[name] ?? name) + (after === '{}' ? '' : wordSpaces(after, whole, at)));
  return letters.includes('{') ? letters.replace(BRACED_LETTER, '$1') : letters;
}

/**
 * The spaces after a letter written as a command, as they read. Inside a word TeX skips them, as
 * after any control word: "S\o ren", "Stra\ss e" and "Mart\'\i nez" are one word each. At a
 * word's start they are kept: arXiv shows abstracts as written, not typeset, and there they part a
 * unit from the next word ("1.9 \AA resolution") more often than they join a name ("\AA ngstr\"om").
 */
function wordSpaces(spaces: string, text: string, at: number): string {
  return /\p{L}/u.test(text.charAt(at - 1)) ? '' : spaces;
}

/** The accented letter of \"{o} or \'{\i} (dotless i): the letter itself (the accent goes anyway). */
function texLetter(letter: string): string {
  return letter.startsWith('\\') ? (TEX_LETTERS[letter.slice(1)] ?? letter.slice(1)) : letter;
}
