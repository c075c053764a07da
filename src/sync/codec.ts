/**
 * How marks and interests are laid out in sync storage: compact enough that 5,000 marks fit the
 * 100 KB quota, chunked so that no item passes 8 KB. Pure, no browser APIs.
 *
 * Items (every key starts with "pr:", so nothing else in sync storage is read or removed):
 *   pr:v     the layout's version (2); a device never rewrites a layout newer than its own, and
 *            rewrites an older one as its own (version 1 had no links)
 *   pr:m<k>  marks, k = 0, 1, …: { "<id prefix>": "<token> <token> …", … }
 *   pr:a<k>  links: { "<record id>": "<other id> <other id> …", … }, the other ids of marked
 *            papers (see SyncedLink)
 *   pr:i<k>  interests, as JSON text cut in pieces: { "a": <changed at, ms>, "n": <pieces>, "d": "<piece k>" }
 *
 * A mark's token is the rest of its id after the prefix, then one digit for its flags (1
 * starred, 2 read, 4 dismissed: 0 is "all undone"), then six base-36 digits for the time it changed, in seconds since 2020. The prefix is the id up to its
 * last ".", "/" or ":" ("arxiv:2408.", "acl:2020.acl-main.", "scholar:"), so the ids of one
 * month's arXiv papers share one prefix: "arxiv:2408.03961" starred, read on 2026-11-29 is
 * "03961" + "3" + "4mq1c0" ≈ 13 bytes.
 */
import * as v from 'valibot';
import { isCanonicalId, type PaperId } from '../core/ids';
import { winnerOf } from '../core/merge';
import type { Marks } from '../core/paper';
import { InterestsSchema } from '../messages';
import type { Interests } from '../relevance/interests';
import { itemBytes, SYNC_QUOTA, totalBytes } from './quotas';

/** The most one item of ours holds: the quota's, less a margin. */
export const ITEM_BYTES = SYNC_QUOTA.bytesPerItem - 64;
/** Interests larger than this are not synced (typed interests are a few KB; the marks need the room). */
export const MAX_INTEREST_BYTES = 32 * 1024;

export const KEY_PREFIX = 'pr:';
export const VERSION_KEY = 'pr:v';
export const LAYOUT_VERSION = 2;
const MARKS_KEY = /^pr:m(0|[1-9]\d{0,3})$/;
const LINKS_KEY = /^pr:a(0|[1-9]\d{0,3})$/;
const INTERESTS_KEY = /^pr:i(0|[1-9]\d{0,3})$/;

/** Whether `key` holds a piece of the interests. */
export function isInterestsKey(key: string): boolean {
  return INTERESTS_KEY.test(key);
}

/** One paper's marks as sync carries them: `at` is when they last changed (epoch ms, whole seconds). */
export interface SyncedMark extends Marks {
  id: PaperId;
  at: number;
}

/**
 * Another id of a marked paper (`alias`, e.g. a Scholar cluster) and the id its record is kept
 * under (`id`, e.g. its arXiv id), as a device that met both on one page knows them. Marks are
 * synced under record ids; a device that keeps the paper under the alias (it starred the Scholar
 * result before any page linked the two) needs the link to apply them there, or it would keep
 * two records of one paper, and when it linked them later, "starred if either" would bring back
 * a star taken off under the other id.
 */
export interface SyncedLink {
  alias: PaperId;
  id: PaperId;
}

const EPOCH_SECONDS = Date.UTC(2020, 0, 1) / 1000;
const TIME_DIGITS = 6; // 36^6 seconds ≈ 69 years after 2020
/** The last second TIME_DIGITS hold (in 2089): a later one took a digit more, which the reader took for part of the id. */
const LAST_SECONDS = EPOCH_SECONDS + 36 ** TIME_DIGITS - 1;
const TAIL = 1 + TIME_DIGITS;
const TAIL_PATTERN = /^[0-7][0-9a-z]{6}$/;

/** A time as sync stores it: whole seconds (in ms), never before 2020 nor after 2089 (a clock set far ahead). */
export function syncTime(ms: number): number {
  return Math.min(LAST_SECONDS, Math.max(EPOCH_SECONDS, Math.floor(ms / 1000))) * 1000;
}

function flagsCode(marks: Marks): number {
  return (marks.starred ? 1 : 0) | (marks.read ? 2 : 0) | (marks.dismissed ? 4 : 0);
}

/**
 * Which of two marks of one paper wins: the later change; at the same second, the larger flags
 * code — an arbitrary rule, but one every device applies alike, so they all end up the same.
 * Positive when `a` wins, 0 when they are the same.
 */
export function compareMarks(a: Omit<SyncedMark, 'id'>, b: Omit<SyncedMark, 'id'>): number {
  return syncTime(a.at) - syncTime(b.at) || flagsCode(a) - flagsCode(b);
}

function splitId(id: PaperId): [prefix: string, rest: string] {
  const cut = Math.max(id.lastIndexOf('.'), id.lastIndexOf('/'), id.lastIndexOf(':')) + 1;
  return [id.slice(0, cut), id.slice(cut)];
}

function token(mark: SyncedMark, rest: string): string {
  const seconds = syncTime(mark.at) / 1000 - EPOCH_SECONDS;
  return rest + String(flagsCode(mark)) + seconds.toString(36).padStart(TIME_DIGITS, '0');
}

/** UTF-8 bytes `text` adds inside a JSON string (escapes included). */
function jsonTextBytes(text: string): number {
  return itemBytes('', text) - 2;
}

/** Marks packed into items of at most `maxItemBytes`, in id order. */
function pack(marks: readonly SyncedMark[], maxItemBytes: number): Record<string, Record<string, string>> {
  const sorted = [...marks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const items: Record<string, Record<string, string>> = {};
  let index = 0;
  let current: Record<string, string> = {};
  let bytes = itemBytes(`${KEY_PREFIX}m${index}`, {});
  for (const mark of sorted) {
    const [prefix, rest] = splitId(mark.id);
    const text = token(mark, rest);
    const existing = current[prefix];
    // A new group costs `"prefix":"token"` and a comma; a token in a group a space and itself.
    const cost = existing === undefined ? jsonTextBytes(prefix) + 5 + jsonTextBytes(text) + (Object.keys(current).length > 0 ? 1 : 0) : 1 + jsonTextBytes(text);
    if (bytes + cost > maxItemBytes && Object.keys(current).length > 0) {
      items[`${KEY_PREFIX}m${index}`] = current;
      index++;
      current = {};
      bytes = itemBytes(`${KEY_PREFIX}m${index}`, {});
      current[prefix] = text;
      bytes += jsonTextBytes(prefix) + 5 + jsonTextBytes(text);
      continue;
    }
    current[prefix] = existing === undefined ? text : `${existing} ${text}`;
    bytes += cost;
  }
  if (Object.keys(current).length > 0) items[`${KEY_PREFIX}m${index}`] = current;
  return items;
}

/**
 * Which marks matter most when not all fit: first those that replace an older mark sync storage
 * holds for their paper (`replacing`), then stars, dismissals, reads and undone marks; newer
 * first. A replacing mark left out would take its paper out of sync storage, and the device that
 * made the older mark, not knowing the newer one, would put it back: the two devices would
 * rewrite each other's items at every pass, and the newer mark would never reach the other.
 */
function keepOrder(replacing: ReadonlySet<PaperId>): (a: SyncedMark, b: SyncedMark) => number {
  const rank = (m: SyncedMark) => (replacing.has(m.id) ? 0 : m.starred ? 1 : m.dismissed ? 2 : m.read ? 3 : 4);
  return (a, b) => rank(a) - rank(b) || b.at - a.at || (a.id < b.id ? -1 : 1);
}

export interface EncodedMarks {
  items: Record<string, Record<string, string>>;
  bytes: number;
  /** Marks that did not fit in `maxBytes` (they stay local; the status says how many). */
  leftOut: SyncedMark[];
}

/**
 * The items holding as many of `marks` as fit in `maxBytes` (all items together), each at most
 * `maxItemBytes`. When not all fit, the least important are left out (keepOrder: the papers in
 * `replacing` are those whose mark in sync storage is older than theirs in `marks`).
 */
export function encodeMarks(marks: readonly SyncedMark[], maxBytes: number, maxItemBytes: number, replacing: ReadonlySet<PaperId> = new Set()): EncodedMarks {
  const size = (items: Record<string, unknown>) => Object.entries(items).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0);
  const all = pack(marks, maxItemBytes);
  const allBytes = size(all);
  if (allBytes <= maxBytes) return { items: all, bytes: allBytes, leftOut: [] };
  // Bytes grow with every mark added, so the largest prefix of the ordered marks that fits is
  // found by bisection.
  const ordered = [...marks].sort(keepOrder(replacing));
  let fits = 0;
  let tooMany = ordered.length;
  while (tooMany - fits > 1) {
    const middle = (fits + tooMany) >> 1;
    if (size(pack(ordered.slice(0, middle), maxItemBytes)) <= maxBytes) fits = middle;
    else tooMany = middle;
  }
  const items = pack(ordered.slice(0, fits), maxItemBytes);
  return { items, bytes: size(items), leftOut: ordered.slice(fits) };
}

export interface DecodedMarks {
  /** One mark per id (the winner where items disagree: a device may have read half an update). */
  marks: Map<PaperId, SyncedMark>;
  /** Tokens or items that are not marks (skipped). */
  invalid: number;
}

/** The marks in sync storage's items (other keys are ignored). */
export function decodeMarks(items: Record<string, unknown>): DecodedMarks {
  const marks = new Map<PaperId, SyncedMark>();
  let invalid = 0;
  const skipped = eachText(items, MARKS_KEY, (prefix, text) => {
    for (const part of text.split(' ')) {
      const mark = parseToken(prefix, part);
      if (!mark) {
        invalid++;
        continue;
      }
      const held = marks.get(mark.id);
      if (!held || compareMarks(mark, held) > 0) marks.set(mark.id, mark);
    }
  });
  return { marks, invalid: invalid + skipped };
}

/**
 * Calls `each` with every name and text of the items whose key matches `key` (items are objects
 * of strings); returns how many items or values were not (skipped).
 */
function eachText(items: Record<string, unknown>, key: RegExp, each: (name: string, text: string) => void): number {
  let invalid = 0;
  for (const [itemKey, value] of Object.entries(items)) {
    if (!key.test(itemKey)) continue;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      invalid++;
      continue;
    }
    for (const [name, text] of Object.entries(value as Record<string, unknown>)) {
      if (typeof text === 'string') each(name, text);
      else invalid++;
    }
  }
  return invalid;
}

function parseToken(prefix: string, part: string): SyncedMark | null {
  if (part.length < TAIL) return null;
  const tail = part.slice(-TAIL);
  const id = prefix + part.slice(0, -TAIL);
  if (!TAIL_PATTERN.test(tail) || !isCanonicalId(id)) return null;
  const code = Number(tail[0]);
  const dismissed = (code & 4) !== 0;
  return {
    id,
    starred: (code & 1) !== 0 && !dismissed,
    read: (code & 2) !== 0,
    dismissed,
    at: (EPOCH_SECONDS + parseInt(tail.slice(1), 36)) * 1000,
  };
}

export interface EncodedLinks {
  items: Record<string, Record<string, string>>;
  bytes: number;
  /** How many links did not fit in `maxBytes` (their papers sync by their record ids alone). */
  leftOut: number;
}

/**
 * The items holding as many `links` as fit in `maxBytes` (all items together), each at most
 * `maxItemBytes`, grouped by record id, in id order (what fits is the room the marks left).
 */
export function encodeLinks(links: readonly SyncedLink[], maxBytes: number, maxItemBytes: number): EncodedLinks {
  const byRecord = new Map<PaperId, PaperId[]>();
  for (const { alias, id } of links) byRecord.set(id, [...(byRecord.get(id) ?? []), alias]);
  const key = (k: number) => `${KEY_PREFIX}a${k}`;
  const items: Record<string, Record<string, string>> = {};
  let index = 0;
  let current: Record<string, string> = {};
  let itemSize = itemBytes(key(index), {});
  let closedBytes = 0;
  let leftOut = 0;
  for (const id of [...byRecord.keys()].sort()) {
    const aliases = byRecord.get(id)!.sort();
    const text = aliases.join(' ');
    // `"id":"aliases"`, and a comma after the first entry of an item.
    const cost = (first: boolean) => jsonTextBytes(id) + 5 + jsonTextBytes(text) + (first ? 0 : 1);
    if (Object.keys(current).length > 0 && itemSize + cost(false) > maxItemBytes) {
      items[key(index)] = current;
      closedBytes += itemSize;
      current = {};
      itemSize = itemBytes(key(++index), {});
    }
    const adds = cost(Object.keys(current).length === 0);
    if (closedBytes + itemSize + adds > maxBytes || itemSize + adds > maxItemBytes) {
      leftOut += aliases.length;
      continue;
    }
    current[id] = text;
    itemSize += adds;
  }
  if (Object.keys(current).length > 0) items[key(index)] = current;
  return { items, bytes: totalBytes(items), leftOut };
}

export interface DecodedLinks {
  /** The record id of each alias (where devices disagree, the best-ranked, as the store merges). */
  links: Map<PaperId, PaperId>;
  invalid: number;
}

/** The links in sync storage's items (other keys are ignored). */
export function decodeLinks(items: Record<string, unknown>): DecodedLinks {
  const links = new Map<PaperId, PaperId>();
  let invalid = 0;
  const skipped = eachText(items, LINKS_KEY, (id, text) => {
    if (!isCanonicalId(id)) {
      invalid++;
      return;
    }
    for (const alias of text.split(' ')) {
      if (!isCanonicalId(alias) || alias === id) {
        invalid++;
        continue;
      }
      const held = links.get(alias);
      links.set(alias, held === undefined ? id : winnerOf([held, id]));
    }
  });
  return { links, invalid: invalid + skipped };
}

/** The user's interests and when they last changed (epoch ms; 0: never set). */
export interface TimedInterests {
  interests: Interests;
  at: number;
}

interface InterestsPiece {
  a: number;
  n: number;
  d: string;
}

/** The interests' size in sync storage, laid out as a pass lays them out (synced up to MAX_INTEREST_BYTES). */
export function interestsSyncBytes(interests: TimedInterests): number {
  return totalBytes(encodeInterests(interests, ITEM_BYTES));
}

/** The items holding `interests` as JSON text in pieces of at most `maxItemBytes`. */
export function encodeInterests({ interests, at }: TimedInterests, maxItemBytes: number): Record<string, InterestsPiece> {
  const text = JSON.stringify(interests);
  const pieces: string[] = [];
  // Cut by characters, measuring bytes as stored (UTF-8, JSON escapes); the envelope
  // {"a":…,"n":…,"d":""} and the key take the rest.
  const room = maxItemBytes - itemBytes(`${KEY_PREFIX}i9999`, { a: at, n: 9999, d: '' });
  let start = 0;
  while (start < text.length) {
    let end = start;
    let bytes = 0;
    while (end < text.length) {
      const step = text.codePointAt(end)! > 0xffff ? 2 : 1;
      const cost = jsonTextBytes(text.slice(end, end + step));
      if (bytes + cost > room) break;
      bytes += cost;
      end += step;
    }
    pieces.push(text.slice(start, end));
    start = end;
  }
  const items: Record<string, InterestsPiece> = {};
  pieces.forEach((d, k) => (items[`${KEY_PREFIX}i${k}`] = { a: at, n: pieces.length, d }));
  return items;
}

/**
 * The interests in sync storage's items, or null when there are none, or when the pieces do not
 * all belong to one write yet (another device's update half arrived: the next change event
 * brings the rest), or when they are not valid interests.
 */
export function decodeInterests(items: Record<string, unknown>): TimedInterests | null {
  const pieces: InterestsPiece[] = [];
  for (const [key, value] of Object.entries(items)) {
    const match = INTERESTS_KEY.exec(key);
    if (!match) continue;
    const piece = value as Partial<InterestsPiece> | null;
    if (typeof piece !== 'object' || piece === null || typeof piece.a !== 'number' || typeof piece.n !== 'number' || typeof piece.d !== 'string') return null;
    pieces[Number(match[1])] = piece as InterestsPiece;
  }
  if (pieces.length === 0) return null;
  const { a, n } = pieces[0] ?? { a: NaN, n: NaN };
  if (pieces.length !== n) return null;
  for (let k = 0; k < n; k++) if (pieces[k]?.a !== a || pieces[k]?.n !== n) return null;
  try {
    const parsed = v.safeParse(InterestsSchema, JSON.parse(pieces.map((p) => p.d).join('')));
    return parsed.success ? { interests: parsed.output, at: a } : null;
  } catch {
    return null;
  }
}
