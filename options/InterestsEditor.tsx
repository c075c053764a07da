/**
 * The interests editor: named topics, each with keyword phrases (one per line, optionally
 * weighted as `phrase: 2`) and preferred arXiv categories (`cs.LG hep-th`), followed authors,
 * muted keywords and authors. Input is checked here
 * (with messages next to the field) and again by the background. Data access is passed in (api)
 * so the component renders in tests without extension APIs.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import * as v from 'valibot';
import { INTEREST_LIMITS, LIMITS } from '../src/core/paper';
import { InterestsSchema } from '../src/messages';
import { SHIPPED_ABBREVIATIONS, withLocal, type Abbreviation } from '../src/relevance/abbreviations';
import { ARXIV_CATEGORY } from '../src/relevance/categories';
import { authorKey, foldAccents, nameKeys, personKey } from '../src/relevance/authors';
import { capitalsRequired, otherSpellings, topicNameKey } from '../src/relevance/interests';
import { gapPieces, isBreak, tokenize } from '../src/relevance/tokenize';
import { versionForms } from '../src/relevance/versions';
import type { Interests, KeywordPhrase, Topic } from '../src/relevance/index';
import { MAX_INTEREST_BYTES } from '../src/sync/codec';
import { kilobytes } from './SyncSettings';
import { errorText } from '../src/core/text';

export interface InterestsApi {
  load(): Promise<Interests>;
  /**
   * Saves `interests`, edited from `base` (the interests as read): changes stored since are kept
   * (rebaseInterests). Resolves with what was stored.
   */
  save(interests: Interests, base: Interests): Promise<SavedInterests>;
  /** What the model learned from the user's papers to read as abbreviations (the hint says them too). */
  learnedAbbreviations(): Promise<Abbreviation[]>;
}

export interface SavedInterests {
  interests: Interests;
  changedElsewhere: boolean;
  /** With sync on, the bytes the interests would take in sync storage when over its limit for them (they stay on this device). */
  tooLargeToSync?: number;
}

interface TopicDraft {
  id: string;
  name: string;
  keywords: string;
  /** Preferred arXiv categories as typed: separated by spaces or commas. */
  categories: string;
}

interface Draft {
  topics: TopicDraft[];
  followedAuthors: string;
  mutedKeywords: string;
  mutedAuthors: string;
}

let nextId = 0;
const newTopicId = () => `t-${Date.now().toString(36)}-${nextId++}`;

/** `phrase: weight`: a number after the last colon (and the spaces after that colon). */
const WEIGHTED = /^(.*):(\s*)([-+]?(?:\d+\.?\d*|\.\d+))\s*$/;

/**
 * A colon with a digit either side, spaces aside: a ratio or a time (“aspect ratio 16:9”, “16 :
 * 9”, “3:1 compression”, “12: 30”), part of the phrase. Written without the spaces: matching
 * reads “16 : 9” as it reads “16:9” (spaces are nothing to it, and the colon breaks the phrase
 * between the two numbers either way), so the keyword is saved as it is matched, once however
 * typed.
 */
const COLON_BETWEEN_DIGITS = /(\d)\s*:\s*(?=\d)/g;

/**
 * Whether the last colon of a line, with `before` before it and `after` (spaces) then the number
 * `weightText` after it, sets a weight. Between digits it is part of the phrase, but for a weight
 * after a phrase that ends in a number, written as weights are, the colon right after the phrase
 * and a space after it (“GPT-4: 2”), when the number is a weight the editor accepts: “time 12:
 * 30” is a time (30 is no weight), “time 12: 5” a weight.
 */
function setsWeight(before: string, after: string, weightText: string): boolean {
  if (!/\d\s*$/.test(before) || !/^\d/.test(weightText)) return true;
  const weight = Number(weightText);
  return /\d$/.test(before) && after !== '' && weight > 0 && weight <= INTEREST_LIMITS.maxWeight;
}

/**
 * The smallest weight, and the finest step between weights (two decimals): a weight is written in
 * the field as typed, and a smaller one would be written with an exponent (“1e-7”), which WEIGHTED
 * does not read, so the next save would store it as part of the phrase.
 */
const MIN_WEIGHT = 0.01;

/** Whether a weight has at most two decimals (29 / 100 is the very number “0.29” reads as). */
const inHundredths = (weight: number): boolean => Math.round(weight * 100) / 100 === weight;

/** One line of a keyword list (`phrase`, or `phrase: weight`), or an error message. */
export function parseKeywordLine(line: string): KeywordPhrase | string | { error: string } {
  const m = WEIGHTED.exec(line);
  if (!m || !setsWeight(m[1]!, m[2]!, m[3]!)) {
    const phrase = line.replace(COLON_BETWEEN_DIGITS, '$1:');
    const wrong = phraseProblem(phrase);
    return wrong ? { error: wrong } : phrase;
  }
  const phrase = m[1]!.trim().replace(COLON_BETWEEN_DIGITS, '$1:');
  const weight = Number(m[3]);
  if (phrase === '') return { error: `“${line}” has a weight but no phrase` };
  if (!(weight >= MIN_WEIGHT) || weight > INTEREST_LIMITS.maxWeight || !inHundredths(weight)) {
    return { error: `“${phrase}”: the weight must be from ${MIN_WEIGHT} to ${INTEREST_LIMITS.maxWeight}, with at most two decimals (“${phrase}: 0.5”)` };
  }
  const wrong = phraseProblem(phrase);
  if (wrong) return { error: wrong };
  return weight === 1 ? phrase : { phrase, weight };
}

/** Why a keyword phrase (a topic's or a muted one) can never match as typed, or null. */
function phraseProblem(phrase: string): string | null {
  if (phrase.length > INTEREST_LIMITS.phrase) return `“${phrase.slice(0, 30)}…” is longer than ${INTEREST_LIMITS.phrase} characters`;
  if (!hasWord(phrase)) return noWord(phrase);
  const split = splittingMark(phrase);
  return split ? `“${phrase}”: one phrase per line — split it at the ${split} (a phrase never matches across one)` : null;
}

/**
 * The punctuation marks that end a phrase in a paper (tokenize's breaks), by name. The full stop
 * is left out: between two words (“Node.js”, “St. Petersburg”) it is no list of phrases, and
 * matching expects it where the phrase has it (interests.ts).
 */
const SPLITTING_MARKS: Readonly<Record<string, string>> = {
  ',': 'comma',
  ';': 'semicolon',
  ':': 'colon',
  '?': 'question mark',
  '!': 'exclamation mark',
  '(': '“(”',
  ')': '“)”',
  '[': '“[”',
  ']': '“]”',
  '{': '“{”',
  '}': '“}”',
  '"': 'quotation mark',
};

/**
 * The name of a punctuation mark between two words of a phrase where matching breaks the phrase
 * (“speculative decoding, KV cache”, “BERT: pretraining”), or null: a paper writing the phrase so
 * is never matched, since matching never runs across punctuation (interests.ts), and a list on one
 * line (pasted, comma-separated) matches nothing. Before the first word or after the last one, a
 * mark breaks nothing (“(KV cache)”, “what is attention?”), nor where a number or a single letter
 * stands between it and the next word (“GPT-4: a study”, “aspect ratio 16:9 screens”), which
 * breaks the phrase there anyway: matching expects it.
 */
function splittingMark(phrase: string): string | null {
  const ts = tokenize(phrase);
  for (let at = 0; at < phrase.length; at++) {
    const name = SPLITTING_MARKS[phrase[at]!];
    if (name === undefined) continue;
    const next = tokenize(phrase.slice(0, at)).end; // the word the mark comes before
    if (next === 0 || next >= ts.end || !isBreak(ts.codes[next]!)) continue;
    const { from, to } = gapPieces(ts, next);
    if (from === to) return name;
  }
  return null;
}

/**
 * Whether a phrase has a word the engine can match: a word has two characters and a letter;
 * single letters and numbers count only beside one ("type 2 diabetes", "GPT-4").
 */
function hasWord(phrase: string): boolean {
  return tokenize(phrase).end > 0;
}

function noWord(phrase: string): string {
  return `“${phrase}” has no word Paper Radar can match: a single letter or a number counts only beside a word (“${phrase} compiler”)`;
}

/**
 * A category field (`cs.LG, hep-th`) as a list, once each (case aside), or the problems found.
 * Categories are arXiv's codes, not names: "Machine Learning" is refused with a hint.
 */
export function parseCategories(text: string): { categories: string[]; errors: string[] } {
  const categories: string[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const c of text.split(/[\s,;]+/).filter((x) => x !== '')) {
    if (!ARXIV_CATEGORY.test(c) || c.length > 40) {
      errors.push(`“${c.length > 30 ? `${c.slice(0, 30)}…` : c}” is not an arXiv category (they look like cs.LG, hep-th or math.AG)`);
      continue;
    }
    if (seen.has(c.toLowerCase())) continue;
    seen.add(c.toLowerCase());
    categories.push(c);
  }
  if (categories.length > INTEREST_LIMITS.categories) errors.push(`At most ${INTEREST_LIMITS.categories} categories per topic`);
  return { categories, errors };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** The phrases of keyword lines, those that parse. */
const phrasesOf = (keywordLines: string): string[] =>
  lines(keywordLines).flatMap((line) => {
    const parsed = parseKeywordLine(line);
    if (typeof parsed === 'object' && 'error' in parsed) return [];
    return [typeof parsed === 'string' ? parsed : parsed.phrase];
  });

/**
 * What the engine also matches for a topic's keyword lines (abbreviations.ts), as the hint under
 * them says it: "“LLM” also as “large language models”". Empty when nothing is.
 */
export function alsoMatched(keywordLines: string, table: readonly Abbreviation[] = SHIPPED_ABBREVIATIONS): string[] {
  return phrasesOf(keywordLines).flatMap((phrase) => {
    const forms = otherSpellings(phrase, table);
    return forms.length > 0 ? [`“${phrase}” also as ${forms.map((f) => `“${f}”`).join(', ')}`] : [];
  });
}

/**
 * The keyword phrases that end in a version number ("Llama 3", "GPT-4", "Qwen2.5"), which find
 * later versions too ("Llama 3.1", "GPT-4o": see sameGaps in src/relevance/interests.ts).
 */
export function withLaterVersions(keywordLines: string): string[] {
  const endsInVersion = (phrase: string) => {
    const ts = tokenize(phrase);
    const gaps = ts.gaps ?? [];
    return gaps.length > 0 && gaps[gaps.length - 2] === ts.end; // the number comes after the last word
  };
  // "YOLO v8" has its version in its form "YOLOv8" (versions.ts).
  return phrasesOf(keywordLines).filter((phrase) => /\d$/.test(phrase) && [phrase, ...versionForms(phrase)].some(endsInVersion));
}

/** The keyword phrases that match only where papers write a word in capitals, as typed (capitalsRequired). */
export function inCapitalsOnly(keywordLines: string): string[] {
  return phrasesOf(keywordLines).filter((phrase) => capitalsRequired(phrase) !== null);
}

/** A keyword phrase as matching tells phrases apart: "Schrödinger bridge" is "Schrodinger bridge", "KV-cache" is "kv  cache". */
function phraseKey(phrase: string): string {
  return foldAccents(phrase).toLowerCase().replace(/[^\p{L}\p{N}+#]+/gu, ' ').trim();
}

/** The draft as interests, or the problems found (by field). */
export function parseDraft(draft: Draft): { interests: Interests; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const problem = (field: string, message: string) => (errors[field] ??= []).push(message);
  if (draft.topics.length > INTEREST_LIMITS.topics) problem('topics', `At most ${INTEREST_LIMITS.topics} topics`);
  // A topic's name is also what finds it (a tag named like it files a star under it, an import
  // adds no topic named like one of yours): two topics named alike would be one.
  const named = new Map<string, number>();
  const topics = draft.topics.map((t, i) => {
    const name = t.name.trim();
    if (name === '') problem(`${t.id}:name`, 'Give the topic a name');
    if (name.length > INTEREST_LIMITS.topicName) problem(`${t.id}:name`, `At most ${INTEREST_LIMITS.topicName} characters`);
    const same = named.get(topicNameKey(name));
    if (name !== '' && same !== undefined) problem(`${t.id}:name`, `Topic ${same + 1} is named “${draft.topics[same]!.name.trim()}” already: give each topic a name of its own`);
    else if (name !== '') named.set(topicNameKey(name), i);
    const keywords: Array<string | KeywordPhrase> = [];
    // A repeated phrase (case, accents, spacing and hyphens aside, as matching reads it: else it
    // scored twice) is saved once: the first, as typed. Repeated with another weight, which one
    // is meant is the user's call.
    const weights = new Map<string, number>();
    for (const line of lines(t.keywords)) {
      const parsed = parseKeywordLine(line);
      if (typeof parsed === 'object' && 'error' in parsed) {
        problem(`${t.id}:keywords`, parsed.error);
        continue;
      }
      const [phrase, weight] = typeof parsed === 'string' ? [parsed, 1] : [parsed.phrase, parsed.weight ?? 1];
      const key = phraseKey(phrase);
      const before = weights.get(key);
      if (before !== undefined && before !== weight) problem(`${t.id}:keywords`, `“${phrase}” is listed twice, with weights ${before} and ${weight}: keep one`);
      if (before !== undefined) continue;
      weights.set(key, weight);
      keywords.push(parsed);
    }
    if (keywords.length === 0 && !errors[`${t.id}:keywords`]) problem(`${t.id}:keywords`, 'Add a few specific phrases, one per line');
    if (keywords.length > INTEREST_LIMITS.keywordsPerTopic) problem(`${t.id}:keywords`, `At most ${INTEREST_LIMITS.keywordsPerTopic} phrases per topic`);
    const { categories, errors: categoryErrors } = parseCategories(t.categories);
    for (const e of categoryErrors) problem(`${t.id}:categories`, e);
    const topic: Topic = { id: t.id, name, keywords, ...(categories.length > 0 ? { categories } : {}) };
    return topic;
  });
  /** A list's lines, each once by `key` (the first kept), checked by `check`. */
  const list = (field: string, text: string, max: number, each: number, key: (item: string) => string, check: (item: string) => string | null) => {
    const seen = new Set<string>();
    const items = lines(text).filter((item) => !seen.has(key(item)) && seen.add(key(item)));
    if (items.length > max) problem(field, `At most ${max} lines`);
    for (const item of items) {
      const wrong = item.length > each ? `“${item.slice(0, 30)}…” is longer than ${each} characters` : check(item);
      if (wrong) problem(field, wrong);
    }
    return items;
  };
  const interests: Interests = {
    topics,
    followedAuthors: list('followedAuthors', draft.followedAuthors, INTEREST_LIMITS.authors, LIMITS.author, personKey, nameProblem),
    mutedKeywords: list('mutedKeywords', draft.mutedKeywords, INTEREST_LIMITS.mutedKeywords, INTEREST_LIMITS.phrase, (k) => k.toLowerCase(), phraseProblem),
    mutedAuthors: list('mutedAuthors', draft.mutedAuthors, INTEREST_LIMITS.authors, LIMITS.author, personKey, nameProblem),
  };
  if (Object.keys(errors).length === 0) {
    const checked = v.safeParse(InterestsSchema, interests);
    if (!checked.success) problem('topics', checked.issues[0]?.message ?? 'These interests cannot be saved');
  }
  return { interests, errors };
}

/**
 * Why a name can never match an author on a listing, or null: one with no letters has nothing to
 * compare (a name in another script is compared in its own letters: nameKeys). Two names on one line
 * match neither (authorKey reads a comma as “Last, First”): “and”, “&” and “;” join two names,
 * and so does a comma with two words or more on each side (“Yann LeCun, Geoffrey Hinton”, “Hinton
 * GE, LeCun Y”), while one name may have one (“LeCun, Yann”, “van der Maaten, Laurens”, “Smith,
 * Jr.”).
 */
function nameProblem(name: string): string | null {
  if (nameKeys(name).length === 0) return `“${name}”: a name needs letters to match an author by`;
  const joined = /\s(and|&)\s/i.exec(name)?.[1] ?? (name.includes(';') ? ';' : null);
  if (joined !== null) return `“${name}”: one name per line — split it at the ${joined === ';' ? 'semicolon' : `“${joined}”`}`;
  const wordsBetweenCommas = name.split(',').map((part) => part.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length);
  if (wordsBetweenCommas.some((n, i) => i > 0 && n >= 2 && wordsBetweenCommas[i - 1]! >= 2)) {
    return `“${name}”: one name per line — split it at the comma (one person's name needs none, given names first: “Geoffrey Hinton”)`;
  }
  return null;
}

/** The names that match only an author listed by that one name (“LeCun” is not “Yann LeCun”). */
export function singleNames(text: string): string[] {
  return lines(text).filter((name) => {
    const key = authorKey(name);
    return key !== '' && !key.includes(' ');
  });
}

function sameDraft(a: Draft, b: Draft | null): boolean {
  return b !== null && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A stored weight as the editor writes it and reads it back (parseKeywordLine): to two decimals,
 * at least MIN_WEIGHT, so never with an exponent (“1e-7”, which reads as part of the phrase). A
 * weight stored from elsewhere (an import, sync) may be finer.
 */
const shownWeight = (weight: number): number => Math.max(MIN_WEIGHT, Math.round(weight * 100) / 100);

function toDraft(interests: Interests): Draft {
  const line = (k: string | KeywordPhrase) => {
    if (typeof k === 'string') return k;
    const weight = shownWeight(k.weight ?? 1);
    return weight === 1 ? k.phrase : `${k.phrase}: ${weight}`;
  };
  return {
    topics: interests.topics.map((t) => ({
      id: t.id,
      name: t.name,
      keywords: t.keywords.map(line).join('\n'),
      categories: (t.categories ?? []).join(' '),
    })),
    followedAuthors: (interests.followedAuthors ?? []).join('\n'),
    mutedKeywords: (interests.mutedKeywords ?? []).join('\n'),
    mutedAuthors: (interests.mutedAuthors ?? []).join('\n'),
  };
}

export function InterestsEditor({ api }: { api: InterestsApi }) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState(false);
  const [learned, setLearned] = useState<Abbreviation[]>([]);

  // The interests as last read or saved (`base`, what a save says it edited) and as a draft: while
  // the draft is still that, nothing here is unsaved.
  const [base, setBase] = useState<Interests | null>(null);
  const [stored, setStored] = useState<Draft | null>(null);
  // The draft as typed so far, for answers that arrive after the user typed on.
  const latest = useRef<Draft | null>(null);
  latest.current = draft;
  const show = (interests: Interests) => {
    const next = toDraft(interests);
    setDraft(next);
    setStored(next);
    setBase(interests);
  };
  const unsaved = draft !== null && !sameDraft(draft, stored);

  useEffect(() => {
    api.load().then(show, (e: unknown) => setStatus(`Could not read your interests: ${errorText(e)}`));
    // Only the hint needs them: without, it says what the shipped table says.
    api.learnedAbbreviations().then(setLearned, () => {});
  }, [api]);

  // Interests change elsewhere too (an author followed from the popup, an import, sync): coming
  // back to this page reads them again, unless the user has edits here not saved yet, which a
  // fresh copy must not undo (saving then keeps both: see InterestsApi.save).
  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState !== 'visible' || draft === null || unsaved || saving) return;
      const asked = draft;
      api.load().then((interests) => {
        // Typed into meanwhile: the edit stays, and saving keeps the changes read here too.
        if (latest.current === asked && !sameDraft(toDraft(interests), stored)) show(interests);
      }, () => {});
    };
    document.addEventListener('visibilitychange', refresh);
    window.addEventListener('focus', refresh);
    return () => {
      document.removeEventListener('visibilitychange', refresh);
      window.removeEventListener('focus', refresh);
    };
  }, [api, draft, stored, unsaved, saving]);

  // Closing the tab with edits not saved asks first (the browser's own question).
  useEffect(() => {
    if (!unsaved) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);

  if (!draft || !base) return <section aria-busy="true"><p class="status" role="status">{status || 'Loading…'}</p></section>;

  const update = (next: Partial<Draft>) => {
    setDraft({ ...draft, ...next });
    setStatus('');
  };
  const updateTopic = (id: string, next: Partial<TopicDraft>) => update({ topics: draft.topics.map((t) => (t.id === id ? { ...t, ...next } : t)) });
  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());
  const addTopic = () => {
    const id = newTopicId();
    update({ topics: [...draft.topics, { id, name: '', keywords: '', categories: '' }] });
    focusLater(`${id}-name`);
  };
  // The focus was on the button removed: it goes to the topic that takes its place.
  const removeTopic = (index: number) => {
    const topics = draft.topics.filter((_, i) => i !== index);
    update({ topics });
    const next = topics[Math.min(index, topics.length - 1)];
    focusLater(next ? `${next.id}-name` : 'add-topic');
  };

  const save = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    const { interests, errors: found } = parseDraft(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setStatus('Not saved: please fix the marked fields.');
      focusLater(fieldOf(Object.keys(found)[0]!, draft));
      return;
    }
    setStatus('Saving…');
    setSaving(true);
    try {
      const saved = await api.save(interests, base);
      // What was typed while saving stays, not yet saved; otherwise the page shows what was stored.
      // The typed text goes on from what this page sent, not from what was stored, which may have
      // more (an author followed from the popup meanwhile): as its base, that would read as
      // removed here at the next save.
      const typedOn = latest.current !== draft;
      if (!typedOn) show(saved.interests);
      else {
        setStored(toDraft(interests));
        setBase(interests);
      }
      setStatus(
        (saved.changedElsewhere
          ? `Saved, together with changes made elsewhere since this page read your interests (${typedOn ? 'kept when you save again' : 'shown here'}). Open listings update in a moment.`
          : 'Saved. Open listings update in a moment.') +
          (saved.tooLargeToSync === undefined
            ? ''
            : ` They are too large to sync to your other devices (${kilobytes(saved.tooLargeToSync)}; at most ${kilobytes(MAX_INTEREST_BYTES)}) and stay on this one.`),
      );
    } catch (e) {
      setStatus(`Could not save: ${errorText(e)}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby="interests-heading">
      <h2 id="interests-heading">Your interests</h2>
      <p class="hint">Paper Radar ranks the papers on listing pages by these, and learns from what you star and dismiss. Nothing leaves your browser.</p>
      <form onSubmit={save} noValidate>
        <h3>Topics</h3>
        {draft.topics.length === 0 && (
          <div class="empty" data-paper-radar-empty>
            <p>
              <strong>Tell Paper Radar what you follow.</strong> Add a topic with a few <em>specific</em> phrases, one per line — for example
              “speculative decoding”, “KV cache compression”, “mixture of experts routing”.
            </p>
            <p class="hint">Specific phrases find your papers much better than a field's name (“machine learning”) or an arXiv category.</p>
          </div>
        )}
        {errors.topics && <Errors id="topics-errors" messages={errors.topics} />}
        {draft.topics.map((t, i) => (
          <fieldset class="topic" key={t.id} data-paper-radar-topic={t.id}>
            <legend>Topic {i + 1}</legend>
            <label for={`${t.id}-name`}>Name</label>
            <input
              type="text"
              id={`${t.id}-name`}
              value={t.name}
              placeholder="e.g. LLM inference"
              aria-invalid={errors[`${t.id}:name`] ? 'true' : undefined}
              aria-describedby={errors[`${t.id}:name`] ? `${t.id}-name-errors` : undefined}
              onInput={(e) => updateTopic(t.id, { name: (e.target as HTMLInputElement).value })}
            />
            {errors[`${t.id}:name`] && <Errors id={`${t.id}-name-errors`} messages={errors[`${t.id}:name`]!} />}
            <label for={`${t.id}-keywords`}>Keyword phrases</label>
            <p class="hint" id={`${t.id}-keywords-hint`}>
              One per line. Give a phrase more weight with a number after a colon: <code>speculative decoding: 2</code>.
            </p>
            <textarea
              id={`${t.id}-keywords`}
              value={t.keywords}
              placeholder={'speculative decoding: 2\nKV cache compression\nquantization'}
              aria-invalid={errors[`${t.id}:keywords`] ? 'true' : undefined}
              aria-describedby={idList(`${t.id}-keywords-hint`, howMatched(`${t.id}-keywords`, t.keywords, withLocal(learned)).ids, errors[`${t.id}:keywords`] && `${t.id}-keywords-errors`)}
              onInput={(e) => updateTopic(t.id, { keywords: (e.target as HTMLTextAreaElement).value })}
            />
            {errors[`${t.id}:keywords`] && <Errors id={`${t.id}-keywords-errors`} messages={errors[`${t.id}:keywords`]!} />}
            <HowMatched id={`${t.id}-keywords`} keywords={t.keywords} table={withLocal(learned)} />
            <label for={`${t.id}-categories`}>Preferred arXiv categories (optional)</label>
            <p class="hint" id={`${t.id}-categories-hint`}>
              Separated by spaces or commas, e.g. <code>cs.LG hep-th</code>; an archive alone (<code>math</code>) takes in all its categories. Papers listed in
              them rank a little higher for this topic: a hint, not a filter.
            </p>
            <input
              type="text"
              class="categories"
              id={`${t.id}-categories`}
              value={t.categories}
              placeholder="cs.LG cs.CL"
              spellcheck={false}
              autocapitalize="off"
              data-paper-radar-categories
              aria-invalid={errors[`${t.id}:categories`] ? 'true' : undefined}
              aria-describedby={`${t.id}-categories-hint${errors[`${t.id}:categories`] ? ` ${t.id}-categories-errors` : ''}`}
              onInput={(e) => updateTopic(t.id, { categories: (e.target as HTMLInputElement).value })}
            />
            {errors[`${t.id}:categories`] && <Errors id={`${t.id}-categories-errors`} messages={errors[`${t.id}:categories`]!} />}
            <div class="actions">
              <button type="button" onClick={() => removeTopic(i)}>
                Remove topic{t.name.trim() ? ` “${t.name.trim()}”` : ''}
              </button>
            </div>
          </fieldset>
        ))}
        <button type="button" id="add-topic" onClick={addTopic} data-paper-radar-add-topic disabled={draft.topics.length >= INTEREST_LIMITS.topics}>
          Add a topic
        </button>

        <h3>Authors and mutes</h3>
        <NamesField id="followedAuthors" label="Authors you follow" hint="One name per line; their papers rank higher." value={draft.followedAuthors} errors={errors.followedAuthors} onInput={(s) => update({ followedAuthors: s })} />
        <ListField
          id="mutedKeywords"
          label="Muted keywords"
          hint="One phrase per line; papers that mention them rank low."
          value={draft.mutedKeywords}
          errors={errors.mutedKeywords}
          describedBy={howMatched('mutedKeywords', draft.mutedKeywords, withLocal(learned)).ids}
          onInput={(s) => update({ mutedKeywords: s })}
        />
        <HowMatched id="mutedKeywords" keywords={draft.mutedKeywords} table={withLocal(learned)} />
        <NamesField id="mutedAuthors" label="Muted authors" hint="One name per line." value={draft.mutedAuthors} errors={errors.mutedAuthors} onInput={(s) => update({ mutedAuthors: s })} />

        <div class="actions">
          <button type="submit" class="primary" data-paper-radar-save disabled={saving}>
            Save
          </button>
          <span class="status" role="status" aria-live="polite" data-paper-radar-status>
            {status || (unsaved ? 'Changes not saved yet.' : '')}
          </span>
        </div>
      </form>
    </section>
  );
}

/** The element id of the field an error key (see parseDraft) belongs to. */
function fieldOf(errorKey: string, draft: Draft): string {
  if (errorKey === 'topics') return draft.topics[0] ? `${draft.topics[0].id}-name` : 'add-topic';
  return errorKey.replace(':', '-');
}

/** What HowMatched says of keyword lines, and the ids of its paragraphs (for the field's aria-describedby). */
function howMatched(id: string, keywords: string, table: readonly Abbreviation[]): { also: string[]; capitals: string[]; versions: string[]; ids: string } {
  const also = alsoMatched(keywords, table);
  const capitals = inCapitalsOnly(keywords);
  const versions = withLaterVersions(keywords);
  return { also, capitals, versions, ids: idList(also.length > 0 && `${id}-also`, capitals.length > 0 && `${id}-capitals`, versions.length > 0 && `${id}-versions`) };
}

/** Element ids for an aria attribute, those given. */
const idList = (...ids: Array<string | false | undefined>): string => ids.filter((x) => x).join(' ');

/**
 * How the keywords match beyond what they say: the other forms papers write them in, which match
 * as well (said, so no one adds them by hand), the words typed in capitals, which match only in
 * capitals (said, so a miss is not a surprise), and the versions, whose later ones match too.
 */
function HowMatched(props: { id: string; keywords: string; table: readonly Abbreviation[] }) {
  const { also, capitals, versions } = howMatched(props.id, props.keywords, props.table);
  return (
    <>
      {also.length > 0 && (
        <p class="hint" id={`${props.id}-also`} data-paper-radar-also-matched>
          Papers that write them another way match too: {also.join('; ')}.
        </p>
      )}
      {capitals.length > 0 && (
        <p class="hint" id={`${props.id}-capitals`} data-paper-radar-in-capitals>
          Typed in capitals, so matched only where papers write them in capitals (“AR”, not “are”): {capitals.map((c) => `“${c}”`).join(', ')}.
        </p>
      )}
      {versions.length > 0 && (
        <p class="hint" id={`${props.id}-versions`} data-paper-radar-versions>
          Later versions match too, however written (“Llama 3” finds “Llama 3.1” and “LLaMA3”, not “Llama 2”): {versions.map((c) => `“${c}”`).join(', ')}.
        </p>
      )}
    </>
  );
}

/**
 * A list of author names, saying which names given by one word match only authors listed by that
 * one word (so a miss is not a surprise).
 */
function NamesField(props: { id: string; label: string; hint: string; value: string; errors: string[] | undefined; onInput: (value: string) => void }) {
  const single = singleNames(props.value);
  return (
    <>
      <ListField {...props} describedBy={single.length > 0 ? `${props.id}-single` : undefined} />
      {single.length > 0 && (
        <p class="hint" id={`${props.id}-single`} data-paper-radar-single-names>
          Matched only where a paper lists an author by that one name: {single.map((n) => `“${n}”`).join(', ')}. Add the first name or its initial (“Y. LeCun”) to
          match them as listings give them.
        </p>
      )}
    </>
  );
}

function ListField(props: { id: string; label: string; hint: string; value: string; errors: string[] | undefined; describedBy?: string; onInput: (value: string) => void }) {
  const { id, label, hint, value, errors, describedBy, onInput } = props;
  return (
    <>
      <label for={id}>{label}</label>
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <textarea
        id={id}
        value={value}
        aria-invalid={errors ? 'true' : undefined}
        aria-describedby={idList(`${id}-hint`, describedBy, errors && `${id}-errors`)}
        onInput={(e) => onInput((e.target as HTMLTextAreaElement).value)}
      />
      {errors && <Errors id={`${id}-errors`} messages={errors} />}
    </>
  );
}

function Errors({ id, messages }: { id: string; messages: string[] }) {
  return (
    <div class="error" id={id} role="alert">
      <ul>
        {messages.map((m, i) => (
          <li key={i}>{m}</li>
        ))}
      </ul>
    </div>
  );
}
