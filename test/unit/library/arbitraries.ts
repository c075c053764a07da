/**
 * fast-check generators for library tests: canonical ids, hostile text (astral characters,
 * combining marks, RTL, TeX, odd whitespace), and whole records in the store's normal form
 * (clampMeta, normalizeTags, normalizeNote), which is what exports start from.
 */
import fc from 'fast-check';
import { isCanonicalId } from '../../../src/core/ids';
import { clampMeta, EMPTY_STATE, impliedAnnotatedAt, impliedMarksAt, normalizeNote, normalizeTags, type PaperRecord } from '../../../src/core/paper';
import type { Interests } from '../../../src/relevance/interests';

const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const lower = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: min, maxLength: max });
const month = fc.integer({ min: 1, max: 12 }).map((m) => String(m).padStart(2, '0'));

export const arxivNewId = fc
  .tuple(fc.integer({ min: 7, max: 29 }), month, digits(5))
  .map(([yy, mm, n]) => `arxiv:${String(yy).padStart(2, '0')}${mm}.${yy >= 15 ? n : n.slice(0, 4)}`);
export const arxivOldId = fc
  .tuple(fc.constantFrom('hep-th', 'math', 'cond-mat', 'astro-ph', 'cs', 'quant-ph'), fc.integer({ min: 91, max: 106 }), month, digits(3))
  .map(([archive, y, mm, n]) => `arxiv:${archive}/${String(y % 100).padStart(2, '0')}${mm}${n}`);
export const doiId = fc
  .tuple(digits(4), fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789._-()/'), minLength: 1, maxLength: 20 }))
  .map(([registrant, suffix]) => `doi:10.${registrant}/${suffix}`);
export const aclId = fc.oneof(
  fc.tuple(fc.integer({ min: 2020, max: 2026 }), lower(2, 8), fc.constantFrom('main', 'long', '1'), fc.integer({ min: 1, max: 999 })).map(([y, v, vol, n]) => `acl:${y}.${v}-${vol}.${n}`),
  fc.tuple(fc.constantFrom('P', 'W', 'N', 'D'), fc.integer({ min: 0, max: 99 }), digits(4)).map(([l, y, n]) => `acl:${l}${String(y).padStart(2, '0')}-${n}`),
);
export const scholarId = fc.bigInt({ min: 1n, max: 18_446_744_073_709_551_615n }).map((n) => `scholar:${n}`);
export const paperId = fc.oneof({ arbitrary: arxivNewId, weight: 4 }, arxivOldId, doiId, aclId, scholarId).filter(isCanonicalId);

/** Hand-picked troublemakers: TeX, BibTeX and CSV syntax, formula starts, scripts, odd spaces. */
export const NASTY = [
  '$\\alpha$-Divergence',
  '$\\mathcal{O}(n^2)$',
  '{}',
  '{GANs}',
  '\\&',
  '\\textsc{X}',
  '50%',
  'a_b',
  '#1',
  '~',
  '^',
  '\\',
  '}{',
  '$5',
  '=SUM(A1:A2)',
  '+1',
  '-2',
  '@cmd',
  '"quoted", comma',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '😀',
  'e\u0301',
  'مرحبا بالعالم',
  '\u200fשלום',
  'a\tb',
  'a\u00a0b',
  'line\nbreak',
  'cr\r\nlf',
  '张伟',
  "D'Incà",
  '<script>',
];

/** Any text: pieces of NASTY and random Unicode (astral planes, controls, combining marks). */
export const anyText = (maxPieces = 6) =>
  fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 12 })), { maxLength: maxPieces }).map((parts) => parts.join(' '));

const time = fc.integer({ min: 0, max: Date.UTC(2026, 0, 1) }); // before the tests' exports (a file's times are before it was written)
const url = fc.oneof(
  paperId.map((id) => `https://arxiv.org/abs/${id.slice(id.indexOf(':') + 1)}`),
  fc.webUrl({ validSchemes: ['https', 'http'], withQueryParameters: true, withFragments: true }),
);

/** A record as the store holds it (the normal form exports start from). */
export const record: fc.Arbitrary<PaperRecord> = fc
  .record({
    id: paperId,
    title: anyText(),
    authors: fc.array(anyText(2), { maxLength: 6 }),
    abstract: fc.option(anyText(20), { nil: null }),
    url,
    pdfUrl: fc.option(url, { nil: null }),
    primaryCategory: fc.option(fc.constantFrom('cs.LG', 'hep-th', 'math.GT', 'cs.CL'), { nil: null }),
    subjects: fc.array(fc.constantFrom('cs.LG', 'stat.ML', 'cs.AI'), { maxLength: 3 }),
    comments: fc.option(anyText(3), { nil: null }),
    site: fc.constantFrom('arxiv', 'huggingface', 'scholar', 'acl', 'import'),
    aliases: fc.array(paperId, { maxLength: 3 }),
    starred: fc.boolean(),
    starredAt: fc.option(time, { nil: null }),
    read: fc.boolean(),
    readAt: fc.option(time, { nil: null }),
    dismissed: fc.boolean(),
    firstSeenAt: fc.option(time, { nil: null }),
    lastSeenAt: fc.option(time, { nil: null }),
    tags: fc.array(anyText(2), { maxLength: 5 }),
    note: anyText(8),
    marksAt: fc.option(time, { nil: null }),
    annotatedAt: fc.option(time, { nil: null }),
    updatedAt: time,
  })
  .map((generated) => {
    // Marks as the store keeps them (withFlag): a time exactly when set, never starred and dismissed.
    const starred = generated.starred && !generated.dismissed;
    const r = {
      ...generated,
      starred,
      starredAt: starred ? (generated.starredAt ?? generated.updatedAt) : null,
      readAt: generated.read ? (generated.readAt ?? generated.updatedAt) : null,
    };
    const meta = clampMeta(r);
    return {
      ...EMPTY_STATE,
      ...r,
      ...meta,
      title: meta.title || 'Untitled',
      url: meta.url || 'https://arxiv.org/',
      tags: normalizeTags(r.tags),
      note: normalizeNote(r.note),
      // A marked paper always has a marks time (what the store and imports guarantee).
      marksAt: r.marksAt ?? impliedMarksAt({ ...EMPTY_STATE, ...r }),
      // Likewise tags or a note always have an annotation time.
      annotatedAt: r.annotatedAt ?? impliedAnnotatedAt({ ...r, tags: normalizeTags(r.tags), note: normalizeNote(r.note) }),
    };
  });

/**
 * A library: records with distinct ids, each id leading to one record only, as the store keeps
 * them (an alias that is another record's id or alias is dropped; a backup listing one id under
 * two papers is refused by its importer).
 */
export const library = (maxLength = 12) =>
  fc.uniqueArray(record, { selector: (r) => r.id, maxLength }).map((records) => {
    const taken = new Set(records.map((r) => r.id));
    return records.map((r) => {
      const aliases = r.aliases.filter((alias) => !taken.has(alias));
      for (const alias of aliases) taken.add(alias);
      return { ...r, aliases };
    });
  });

const trimmed = (max: number) =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: max })
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Interests as the options page stores them (trimmed, within INTEREST_LIMITS), or null. */
export const interests: fc.Arbitrary<Interests | null> = fc.option(
  fc.record(
    {
      topics: fc.uniqueArray(
        fc.record({
          id: fc.string({ unit: fc.constantFrom(...'abcXYZ019_-'), minLength: 1, maxLength: 12 }),
          name: trimmed(40),
          keywords: fc.array(fc.oneof(trimmed(30), fc.record({ phrase: trimmed(30), weight: fc.double({ min: 0.5, max: 10, noNaN: true }) })), { maxLength: 4 }),
        }),
        { selector: (t) => t.id, maxLength: 3 },
      ),
      followedAuthors: fc.array(trimmed(30), { maxLength: 3 }),
      mutedKeywords: fc.array(trimmed(30), { maxLength: 3 }),
    },
    { requiredKeys: ['topics'] },
  ),
  { nil: null },
);
