/**
 * Abbreviations as papers define them, "large language models (LLMs)", so that a keyword phrase
 * matches either form: "LLM" also finds a paper that only writes "large language models", and
 * "reinforcement learning" one that only writes "RL". Pure, no browser APIs.
 *
 * The table (abbreviations.json) is mined from a public sample of arXiv listings by
 * scripts/build-abbreviations.ts with findDefinitions below: only abbreviations defined the same
 * way in several papers, and written in capitals, so that a word ("map", "sam") or an
 * abbreviation with several meanings is left alone. A model adds what the user's own papers
 * define (localAbbreviations, withLocal): the sample is computer science.
 */
import shipped from './abbreviations.json';
import { capitalsOfSmallWords, isStopWord, LEXICON, tokenize, wordOf, writtenWords, writtenWordsIn } from './tokenize';
import type { AnalyzedPaper } from './vectorize';

/** [short form as papers write it, long form as papers write it], e.g. ["LLM", "large language models"]. */
export type Abbreviation = readonly [short: string, long: string];

export const SHIPPED_ABBREVIATIONS: readonly Abbreviation[] = shipped.pairs as unknown as Abbreviation[];

/** Characters that end a phrase: a long form never spans them. */
const PHRASE_BREAK = /[.,;:!?()[\]{}"]/;
/** An abbreviation in brackets: 2–7 letters, at least two of them capitals (checked below). */
const IN_BRACKETS = /\(([A-Za-z]{2,7})\)/g;

/**
 * The abbreviations a text defines, as [short, long] in the text's own words: "Large Language
 * Models (LLMs)" → ["LLM", "Large Language Models"]. Schwartz & Hearst's rule, simplified: read
 * backwards from the bracket, each letter of the short form (last first) is the first letter of a
 * word, and stop words may sit between them ("reinforcement learning from human feedback (RLHF)",
 * "chain of thought (CoT)"); failing that, its capitals and first letter only, the other small
 * letters being inside words ("neural radiance fields (NeRF)", "vision transformer (ViT)",
 * "low-rank adaptation (LoRA)"). A plural "s" at the end of the short form is dropped.
 */
export function findDefinitions(text: string): Array<[short: string, long: string]> {
  const out: Array<[string, string]> = [];
  for (const m of text.matchAll(IN_BRACKETS)) {
    let short = m[1]!;
    if ([...short].filter((c) => c >= 'A' && c <= 'Z').length < 2) continue;
    if (short.length > 2 && short.endsWith('s')) short = short.slice(0, -1);
    const before = phraseBefore(text, m.index);
    const found = [...before.matchAll(/[A-Za-z0-9]+/g)];
    const words = found.map((w) => w[0].toLowerCase());
    const capitals = [...short].filter((c, i) => i === 0 || (c >= 'A' && c <= 'Z')).join('');
    let first = longFormStart(words, short.toLowerCase());
    if (first < 0) first = longFormStart(words, capitals.toLowerCase());
    if (first < 0 || words.length - first < 2) continue;
    // The long form as written, hyphens included ("vision-language models"), from the start of
    // the word it begins in when what it leaves out there is stop words ("out-of-time-order
    // correlators (OTOC)", not "of-time-order …"; but "image-to-video diffusion models (VDMs)").
    let start = found[first]!.index;
    const prefix = /(?:[A-Za-z0-9]+-)+$/.exec(before.slice(0, start))?.[0];
    if (prefix && prefix.split('-').every((w) => w === '' || isStopWord(w.toLowerCase()))) start -= prefix.length;
    out.push([short, before.slice(start).trim().replace(/\s+/g, ' ')]);
  }
  return out;
}

/** How far back from a bracket its long form is looked for (characters). */
const LOOK_BACK = 300;

/**
 * The text from the last phrase break before `end` up to it, looked for at most LOOK_BACK
 * characters back: a long form is a few words (at most 10 are read), and reading back to the
 * text's start at each bracket made an abstract of "(AB)(AB)…" take 0.24 s.
 */
function phraseBefore(text: string, end: number): string {
  const stop = Math.max(0, end - LOOK_BACK);
  let from = end;
  while (from > stop && !PHRASE_BREAK.test(text[from - 1]!)) from--;
  return text.slice(from, end);
}

/**
 * Where the long form of `letters` begins among the words (in lower case) before a bracket: each
 * letter, last first, the first letter of a word, stop words allowed between. −1 when they do
 * not spell it.
 */
export function longFormStart(words: readonly string[], letters: string): number {
  let k = letters.length - 1;
  let first = words.length;
  for (let j = words.length - 1; j >= 0 && k >= 0 && words.length - j <= letters.length + 3; j--) {
    const w = words[j]!;
    if (w[0] === letters[k]) k--;
    else if (!isStopWord(w)) break;
    first = j;
  }
  return k >= 0 ? -1 : first;
}

/**
 * The shipped table with the abbreviations of the user's own papers (localAbbreviations) in it;
 * theirs win where the two differ ("DM" is dark matter on astro-ph, diffusion models in cs).
 * The same array for the same `local`, so its index is made once.
 */
export function withLocal(local: readonly Abbreviation[] | undefined): readonly Abbreviation[] {
  if (!local || local.length === 0) return SHIPPED_ABBREVIATIONS;
  let table = merged.get(local);
  if (!table) {
    const theirs = new Set(local.map(([short]) => short.toLowerCase()));
    table = [...SHIPPED_ABBREVIATIONS.filter(([short]) => !theirs.has(short.toLowerCase())), ...local];
    merged.set(local, table);
  }
  return table;
}
const merged = new WeakMap<readonly Abbreviation[], readonly Abbreviation[]>();

/** Fewest of the user's papers that must define an abbreviation the same way for it to count. */
export const LOCAL_MIN_PAPERS = 3;
/**
 * The most papers read for it, the last given (a worker gives them in id order: arXiv's newest
 * last). A library of 48,000 stars would otherwise be read at every retrain.
 */
export const LOCAL_MAX_PAPERS = 5_000;

/**
 * What the user's own papers (each analyzed, and its title and abstract as text) define that the
 * shipped table does not say, or says otherwise: the table mined from computer science knows
 * nothing of a physicist's "CMB". Each paper's definitions are found once (`cache`); at most
 * LOCAL_MAX_PAPERS are read.
 */
export function localAbbreviations(given: ReadonlyArray<{ analyzed: AnalyzedPaper; text: string }>, cache: WeakMap<AnalyzedPaper, ReadonlyArray<readonly [string, string]>>): Abbreviation[] {
  const papers = given.slice(-LOCAL_MAX_PAPERS);
  const definitions = papers.map(({ analyzed, text }) => {
    let found = cache.get(analyzed);
    if (!found) cache.set(analyzed, (found = findDefinitions(text)));
    return found;
  });
  // A retrain after a star reads the same papers: the same answer, found again at no cost.
  if (last && last.definitions.length === definitions.length && last.definitions.every((d, i) => d === definitions[i])) return last.pairs;
  shippedLongs ??= new Map(SHIPPED_ABBREVIATIONS.map(([short, long]) => [short.toLowerCase(), stemKey(long)]));
  const pairs = localPairsOf(papers, definitions);
  last = { definitions, pairs };
  return pairs;
}
/** The last answer of localAbbreviations, with the definitions it was found in. */
let last: { definitions: ReadonlyArray<ReadonlyArray<readonly [string, string]>>; pairs: Abbreviation[] } | undefined;

function localPairsOf(papers: ReadonlyArray<{ analyzed: AnalyzedPaper }>, definitions: ReadonlyArray<ReadonlyArray<readonly [string, string]>>): Abbreviation[] {
  const agreed = agreedAbbreviations(definitions, LOCAL_MIN_PAPERS).filter(([short, long]) => shippedLongs!.get(short.toLowerCase()) !== stemKey(long));
  if (agreed.length === 0) return agreed;
  const shared = stemsSharedIn(
    papers.map((p) => p.analyzed),
    agreed.map(([short]) => short),
  );
  return agreed.filter(([short]) => !shared.has(short));
}
/** The shipped table's long forms as stems, by short form (lower case). */
let shippedLongs: Map<string, string> | undefined;

/**
 * The short forms whose stem another word of these papers has, besides the short form and its
 * plural: a keyword typed in small letters matches on stems ("ar" finds "are"), and such a short
 * form often means several things (scripts/build-abbreviations.ts, which checks the shipped table
 * for this on its whole sample).
 */
function stemsSharedIn(papers: readonly AnalyzedPaper[], shorts: readonly string[]): Set<string> {
  const byStem = new Map<number, { short: string; own: number[] }>();
  for (const short of shorts) {
    const lower = short.toLowerCase();
    const [stem] = stemIds(lower);
    if (stem !== undefined) byStem.set(stem, { short, own: [LEXICON.findWord(lower), LEXICON.findWord(`${lower}s`)] });
  }
  const shared = new Set<string>();
  for (const a of papers) {
    const { codes } = a.title; // title and abstract: one array
    for (let i = 0; i < a.abstract.end; i++) {
      const word = wordOf(codes[i]!);
      const candidate = byStem.get(LEXICON.stemOf(word));
      if (candidate && !candidate.own.includes(word)) shared.add(candidate.short);
    }
  }
  return shared;
}

/**
 * The stems of a text, joined by spaces: two long forms are the same when these are. Kept for
 * the texts asked before (each retrain asks again for the same few thousand definitions).
 */
export function stemKey(text: string): string {
  let key = stemKeys.get(text);
  if (key === undefined) {
    if (stemKeys.size >= 20_000) stemKeys.clear();
    key = stemIds(text).map((id) => LEXICON.stem(id)).join(' ');
    stemKeys.set(text, key);
  }
  return key;
}
const stemKeys = new Map<string, string>();

/**
 * The abbreviations a set of papers agree on, from each paper's definitions (findDefinitions):
 * defined by at least `minPapers` papers the same way (long forms compared on stems), that way
 * being at least `minShare` of the abbreviation's definitions (one meaning). Each is given as
 * papers most often write it, the long form in lower case, in order of the short form.
 * `keep`, when given, has the last word on each (the shipped table's check of capitals).
 */
export function agreedAbbreviations(
  definitions: Iterable<ReadonlyArray<readonly [string, string]>>,
  minPapers: number,
  minShare = 0.6,
  keep: (short: string) => boolean = () => true,
): Abbreviation[] {
  // Per short form (lowercased): papers per long form (stems), and how each form is written.
  const defined = new Map<string, Map<string, number>>();
  const written = new Map<string, Map<string, number>>();
  const count = (map: Map<string, Map<string, number>>, key: string, value: string) => {
    const inner = map.get(key) ?? new Map<string, number>();
    inner.set(value, (inner.get(value) ?? 0) + 1);
    map.set(key, inner);
  };
  for (const paper of definitions) {
    const once = new Set<string>();
    for (const [short, long] of paper) {
      const key = short.toLowerCase();
      const longKey = stemKey(long);
      if (once.has(`${key}\t${longKey}`)) continue;
      once.add(`${key}\t${longKey}`);
      count(defined, key, longKey);
      count(written, key, short);
      count(written, `${key}\t${longKey}`, long.toLowerCase());
    }
  }
  const out: Abbreviation[] = [];
  for (const [key, longs] of defined) {
    const [longKey, n] = mostCommon(longs);
    const total = [...longs.values()].reduce((a, b) => a + b, 0);
    if (n < minPapers || n < minShare * total || !keep(key)) continue;
    if (longKey.split(' ').includes(stemKey(key))) continue; // "Net (network)" is not an abbreviation
    // Keywords match on stems: one the stemmer cuts ("TTS" → "tt") would also match other words ("tt").
    if (stemKey(key) !== key) continue;
    out.push([mostCommon(written.get(key)!)[0], mostCommon(written.get(`${key}\t${longKey}`)!)[0]]);
  }
  return out.sort((a, b) => (a[0].toLowerCase() < b[0].toLowerCase() ? -1 : 1));
}

/** The most frequent key of a count map (ties: the first counted). */
function mostCommon(counts: Map<string, number>): [string, number] {
  let best: [string, number] = ['', 0];
  for (const entry of counts) if (entry[1] > best[1]) best = entry;
  return best;
}

/**
 * Each abbreviation's two forms as stems, both ways. Made once per table, on first use (the
 * lexicon numbers the stems).
 */
interface FormIndex {
  /** Stem id of a short form → its long form's text. */
  byShort: Map<number, string>;
  /** A long form's stem ids (joined by ",") → its short form's text. */
  byLong: Map<string, string>;
  /**
   * The end of one long form, two words or more, by its stem ids → that long form's short form
   * ("speech recognition" → "ASR"): a paper writing "ASR" is about speech recognition too. Null
   * when several long forms end so ("object detection": camouflaged, open-vocabulary), and
   * absent when the end is a long form itself, begins with a stop word ("of thought") or inside
   * a hyphenated word ("supervised learning" is not self-supervised learning).
   */
  byTail: Map<string, string | null>;
  /** The most words in a long form. */
  longest: number;
}

const indexes = new WeakMap<readonly Abbreviation[], FormIndex>();

function indexOf(table: readonly Abbreviation[]): FormIndex {
  let index = indexes.get(table);
  if (index) return index;
  index = { byShort: new Map(), byLong: new Map(), byTail: new Map(), longest: 0 };
  for (const [short, long] of table) {
    const s = stemIds(short);
    const l = stemIds(long);
    if (s.length !== 1 || l.length < 2) continue;
    index.byShort.set(s[0]!, long);
    index.byLong.set(l.join(','), short);
    index.longest = Math.max(index.longest, l.length);
    // Its ends start after a space, not a hyphen: word i of each.
    const words = writtenWords(long);
    let i = 0;
    for (const spaced of long.split(' ').slice(0, -1)) {
      i += writtenWords(spaced).length;
      if (l.length - i < 2 || isStopWord(words[i]!.toLowerCase())) continue;
      const tail = l.slice(i).join(',');
      index.byTail.set(tail, index.byTail.has(tail) ? null : short);
    }
  }
  for (const long of index.byLong.keys()) index.byTail.delete(long);
  indexes.set(table, index);
  return index;
}

function stemIds(text: string): number[] {
  return Array.from(tokenize(text).codes, (c) => LEXICON.stemOf(wordOf(c)));
}

/** Where a phrase's words hold an abbreviation or a long form: words [from, to) read `other` the other way. */
interface FormFound {
  from: number;
  to: number;
  other: string;
}

function formsIn(words: readonly number[], index: FormIndex): FormFound[] {
  const found: FormFound[] = [];
  const windows = (fn: (from: number, to: number, key: string) => void) => {
    for (let i = 0; i < words.length; i++) for (let n = 2; n <= Math.min(index.longest, words.length - i); n++) fn(i, i + n, words.slice(i, i + n).join(','));
  };
  for (let i = 0; i < words.length; i++) {
    const long = index.byShort.get(words[i]!);
    if (long) found.push({ from: i, to: i + 1, other: long });
  }
  windows((from, to, key) => {
    const short = index.byLong.get(key);
    if (short) found.push({ from, to, other: short });
  });
  // The end of a long form, where the phrase holds no whole one there ("speech recognition", not
  // "automatic speech recognition", which would give "automatic ASR").
  const whole = found.slice();
  windows((from, to, key) => {
    const short = index.byTail.get(key);
    if (short && !whole.some((f) => f.from < to && from < f.to)) found.push({ from, to, other: short });
  });
  return found;
}

/**
 * The other ways papers write a keyword phrase, each with one abbreviation spelled out or one
 * long form abbreviated: "LLM agents" → ["large language model agents"], "retrieval-augmented
 * generation" → ["RAG"]. At most `max`; none for a phrase with no known abbreviation.
 */
export function otherForms(phrase: string, table: readonly Abbreviation[] = SHIPPED_ABBREVIATIONS, max = 3): string[] {
  // The phrase as typed with only the words of the form rewritten: the rest keeps its capitals
  // (capitalsRequired), and what lies between words, which are no words themselves, stays where
  // it is. A number or single letter must be in a paper where the keyword has it ("RL for type 2
  // diabetes" is not "reinforcement learning for type diabetes", which no paper writes; "RAG with
  // Llama 3" does not find Llama 2), and punctuation still breaks the phrase.
  const { text, words } = writtenWordsIn(phrase);
  const stems = stemIds(phrase);
  const forms = formsIn(stems, indexOf(table)).map((f) => {
    const other = f.to < words.length ? asModifier(f.other) : f.other;
    return text.slice(0, words[f.from]!.from) + other + text.slice(words[f.to - 1]!.to);
  });
  return [...new Set(forms)].slice(0, max);
}

/**
 * A long form followed by more words, as it then reads: "large language models" → "large language
 * model" (agents). Only where the stem stays the same, so the form matches exactly as before.
 */
function asModifier(long: string): string {
  const last = long.slice(long.lastIndexOf(' ') + 1);
  if (!/[^sui]s$/.test(last)) return long; // "loss", "corpus", "analysis" are not plurals
  const singular = long.slice(0, -1);
  return stemKey(singular) === stemKey(long) ? singular : long;
}

/**
 * The other forms of the abbreviations and long forms a text holds, alone: "RL for legged robots"
 * → ["reinforcement learning"]; and, for a word written in small letters that papers also write in
 * capitals as another word, those capitals ("clip" → "CLIP": capitalsOfSmallWords). What a free
 * text (search by meaning) or a keyword (the model's pseudo-paper) adds to its words.
 */
export function alsoWritten(text: string, table: readonly Abbreviation[] = SHIPPED_ABBREVIATIONS): string[] {
  return [...new Set([...formsIn(stemIds(text), indexOf(table)).map((f) => f.other), ...capitalsOfSmallWords(text)])];
}
