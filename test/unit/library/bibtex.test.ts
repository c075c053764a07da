import { parse, type Creator } from '@retorquere/bibtex-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idScheme, idValue } from '../../../src/core/ids';
import { EMPTY_STATE, type PaperRecord } from '../../../src/core/paper';
import { collapseWhitespace } from '../../../src/core/text';
import { bibtexFor, citationKeyBase, citationKeys, MAX_AUTHORS, toBibtex } from '../../../src/library/bibtex';
import { parseBibtexSeeds } from '../../../src/library/bibtex-import';
import { yearOf } from '../../../src/library/paper-facts';
import { texEscape, texName, texTitle, texUnescape } from '../../../src/library/tex';
import { requireShared } from '../../../scripts/lib/shared';
import { realListings, type ListedPaper } from '../../support/real-listings';
import { library, NASTY, paperId } from './arbitraries';

function paper(extra: Partial<PaperRecord> = {}): PaperRecord {
  return {
    id: 'arxiv:1706.03762',
    title: 'Attention Is All You Need',
    authors: ['Ashish Vaswani', 'Noam Shazeer'],
    abstract: null,
    url: 'https://arxiv.org/abs/1706.03762',
    pdfUrl: null,
    primaryCategory: 'cs.CL',
    subjects: [],
    comments: null,
    site: 'arxiv',
    aliases: [],
    ...EMPTY_STATE,
    tags: [],
    note: '',
    ...extra,
  };
}

/** The npm parser, with only sentence-casing off (so it reports anything it finds odd). */
function parseBib(bib: string) {
  return parse(bib, { sentenceCase: false, english: false, caseProtection: false });
}

function nameOf(c: Creator): string {
  return c.name ?? [c.firstName, c.prefix, c.lastName, c.suffix].filter(Boolean).join(' ');
}

/** Brace characters of `s` balance, counted as BibTeX counts them (escaped or not). */
function bracesBalance(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '{') depth++;
    else if (ch === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

describe('BibTeX entries', () => {
  it('writes an arXiv paper as arXiv does, with its DataCite DOI', () => {
    expect(bibtexFor(paper({ tags: ['transformers', 'to read'], note: 'private: never exported' }))).toBe(
      [
        '@misc{vaswani2017attention,',
        '  title = {Attention Is All You Need},',
        '  author = {Vaswani, Ashish and Shazeer, Noam},',
        '  year = {2017},',
        '  eprint = {1706.03762},',
        '  archivePrefix = {arXiv},',
        '  primaryClass = {cs.CL},',
        '  doi = {10.48550/arXiv.1706.03762},',
        '  url = {https://arxiv.org/abs/1706.03762},',
        '  keywords = {transformers, to read}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it("says when a starred paper was starred, as BibDesk's date-added in UTC", () => {
    const starredAt = Date.UTC(2024, 7, 9, 16, 5, 7, 450);
    expect(bibtexFor(paper({ starred: true, starredAt }))).toContain('  url = {https://arxiv.org/abs/1706.03762},\n  date-added = {2024-08-09 16:05:07 +0000}\n}');
    // Not starred (unstarred since, or only read): no date it was added.
    expect(bibtexFor(paper({ starred: false, starredAt, read: true, readAt: starredAt }))).not.toContain('date-added');
    // A time no calendar form holds is left out, not thrown.
    for (const broken of [Number.NaN, 8.64e15, -1e14]) expect(bibtexFor(paper({ starred: true, starredAt: broken }))).not.toContain('date-added');
  });

  it('prefers a known DOI; papers without an arXiv id have no eprint', () => {
    const withDoi = bibtexFor(paper({ aliases: ['doi:10.1038/nature14539'] }));
    expect(withDoi).toContain('  doi = {10.1038/nature14539},');
    expect(withDoi).toContain('  eprint = {1706.03762},');
    const acl = bibtexFor(paper({ id: 'acl:2020.acl-main.1', url: 'https://aclanthology.org/2020.acl-main.1/', aliases: ['doi:10.18653/v1/2020.acl-main.1'] }));
    expect(acl).not.toContain('eprint');
    expect(acl).not.toContain('primaryClass');
    expect(acl).toContain('  year = {2020},');
    expect(acl).toContain('  doi = {10.18653/v1/2020.acl-main.1},');
  });

  it('takes the year from the id, and leaves it out when the id does not say', () => {
    const year = (id: string, aliases: string[] = []) => yearOf(paper({ id, aliases }));
    expect(year('arxiv:2408.00001')).toBe(2024);
    expect(year('arxiv:0704.0001')).toBe(2007);
    expect(year('arxiv:hep-th/9901001')).toBe(1999);
    expect(year('arxiv:math/0309136')).toBe(2003);
    expect(year('acl:2020.acl-main.1')).toBe(2020);
    expect(year('acl:P19-1001')).toBe(2019);
    expect(year('acl:C65-1001')).toBe(1965);
    expect(year('doi:10.1038/nature14539')).toBeNull();
    expect(year('doi:10.1038/nature14539', ['arxiv:1502.03167'])).toBe(2015);
    expect(bibtexFor(paper({ id: 'scholar:123', aliases: [] }))).not.toContain('year');
  });

  it('an ACL paper with its volume is @inproceedings with a booktitle; another venue is howpublished', () => {
    const acl = bibtexFor(paper({ id: 'acl:W19-4201', aliases: [], venue: 'Proceedings of the 16th Workshop on Phonetics & Morphology' }));
    expect(acl).toMatch(/^@inproceedings\{/);
    expect(acl).toContain('booktitle = {Proceedings of the 16th Workshop on Phonetics \\& Morphology}');
    expect(acl).not.toContain('howpublished');
    const other = bibtexFor(paper({ id: 'doi:10.1002/jqs.691', aliases: [], venue: 'Journal of Quaternary Science' }));
    expect(other).toMatch(/^@misc\{/);
    expect(other).toContain('howpublished = {Journal of Quaternary Science}');
    expect(bibtexFor(paper({ id: 'acl:W19-4201', aliases: [] }))).toMatch(/^@misc\{(?![\s\S]*booktitle)/);
  });

  it("an ACL Anthology id's year wins over the arXiv preprint's; a venue's year given with it too", () => {
    expect(yearOf(paper({ id: 'arxiv:1910.00001', aliases: ['acl:2020.acl-main.1'] }))).toBe(2020);
    expect(yearOf(paper({ id: 'arxiv:1910.00001', aliases: [], venue: 'Nature', year: 2021 }))).toBe(2021);
    expect(yearOf(paper({ id: 'arxiv:1910.00001', aliases: [], venue: 'Nature' }))).toBe(2019);
  });

  it('else takes the year the page showed (a Scholar result), the id winning when both say', () => {
    expect(bibtexFor(paper({ id: 'scholar:123', aliases: [], year: 2002 }))).toContain('year = {2002}');
    expect(yearOf(paper({ id: 'doi:10.1002/jqs.691', aliases: [], year: 2002 }))).toBe(2002);
    expect(yearOf(paper({ id: 'arxiv:2408.00001', aliases: [], year: 2026 }))).toBe(2024);
    // A stored value that is not a year is not one.
    expect(yearOf(paper({ id: 'scholar:123', aliases: [], year: 20020 }))).toBeNull();
  });

  it('writes authors "Last, First", keeps names it cannot split, and cuts after 100 with "and others"', () => {
    const authors = (names: string[]) => /author = \{(.*)\},/.exec(bibtexFor(paper({ authors: names })))![1];
    expect(authors(['Jean-Pierre van der Berg', 'Martin Luther King, Jr.', 'Ada Lovelace Jr.', 'Smith, John'])).toBe(
      'van der Berg, Jean-Pierre and King, Jr., Martin Luther and Lovelace, Jr., Ada and Smith, John',
    );
    expect(authors(['Plato', '张伟', 'Google DeepMind', 'The ATLAS Collaboration', 'Bill and Melinda Gates'])).toBe(
      'Plato and {\\relax 张}{\\relax 伟} and {Google DeepMind} and {The ATLAS Collaboration} and {Bill and Melinda Gates}',
    );
    expect(authors(['A_b C%d'])).toBe('C\\%d, A\\_b');
    // Non-ASCII letters as one BibTeX special character each, so that no style cuts one apart.
    expect(authors(['Álvaro Ahunbay', 'Momir Adžemović', 'Łukasz Straße', 'Ana Martín', 'Văn Nguyễn'])).toBe(
      "Ahunbay, {\\'{A}}lvaro and Ad{\\v{z}}emovi{\\'{c}}, Momir and Stra{\\ss}e, {\\L}ukasz and Mart{\\'{\\i}}n, Ana and Nguy{\\~{\\^{e}}}n, V{\\u{a}}n",
    );
    // Below-the-letter accents outermost (TeX's \\d builds a box an accent above would miss).
    expect(authors(['Đặng Thị Nguyệt'])).toBe('Nguy{\\d{\\^{e}}}t, {\\relax Đ}{\\d{\\u{a}}}ng Th{\\d{i}}');
    // Other letters one special character where styles cut (a word's first three), else as they
    // are (the long form overflows bibtex's strings for a long Cyrillic name).
    expect(authors(['Иван Петров-Водкин', 'Șerban Ionescu'])).toBe('{\\relax П}{\\relax е}{\\relax т}ров-{\\relax В}{\\relax о}{\\relax д}кин, {\\relax И}{\\relax в}{\\relax а}н and Ionescu, {\\relax Ș}erban');
    // A mark after a space is a character of its own (it took the space), and invisible
    // format characters go (a bidi control was the name's initial).
    expect(authors(['Ana \u0301Maria Lopez', '\u202eAna Lo\u200bpez'])).toBe('Lopez, Ana {\\relax \u0301}Maria and Lopez, Ana');
    // A list the page cut (a Scholar result's "S Bannister, J Yu, B Leitner…") ends the same way.
    expect(/author = \{(.*)\},/.exec(bibtexFor(paper({ authors: ['S Bannister', 'J Yu'], authorsCut: true })))![1]).toBe('Bannister, S and Yu, J and others');
    const many = Array.from({ length: 150 }, (_, i) => `Author N${i}`);
    const list = authors(many)!.split(' and ');
    expect(list).toHaveLength(MAX_AUTHORS + 1);
    expect(list.at(-1)).toBe('others');
  });

  it('the TeX rule: balanced, harmless math kept; escaped specials kept; everything else escaped', () => {
    expect(texTitle('$\\alpha$-Divergence for GANs')).toBe('{$\\alpha$}-Divergence for {GANs}');
    // Acronyms joined by "&", "/" or "." too (styles that sentence-case titles printed "q\\&a",
    // "a/b", "u.s."); punctuation stays outside the braces, where a subtitle's colon must be for
    // those styles to keep its first capital ("GANs: a survey").
    expect(texTitle('Q&A for R&D: Lessons from A/B Tests in U.S. Hospitals')).toBe('{Q\\&A} for {R\\&D}: Lessons from {A/B} Tests in {U.S}. Hospitals');
    expect(texTitle('(GPT-4) and BERT, GANs: A Survey')).toBe('({GPT-4}) and {BERT}, {GANs}: A Survey');
    // A capital before a digit, a single one before a hyphen, and "I" ("with t5 and l2
    // regularization", "u-net", "deep q-learning" before, in plain, abbrv, alpha and unsrt).
    expect(texTitle('Exploring T5 and L2 Regularization on A100 GPUs')).toBe('Exploring {T5} and {L2} Regularization on {A100} {GPUs}');
    expect(texTitle('U-Net: Deep Q-Learning, X-Ray and F1 Scores')).toBe('{U-Net}: Deep {Q-Learning}, {X-Ray} and {F1} Scores');
    expect(texTitle('What I Learned (Part I): Vision-Language Models, A Survey')).toBe('What {I} Learned (Part {I}): Vision-Language Models, A Survey');
    expect(texTitle('Search \\& Rescue at 50\\% -- a_b')).toBe('Search \\& Rescue at 50\\% -- a\\_b');
    expect(texTitle('From $5 to $10')).toBe('From \\$5 to \\$10');
    expect(texTitle('\\textsc{LogicScore}: x')).toBe('{{\\textbackslash{}textsc\\textbraceleft{}LogicScore\\textbraceright{}}}: x');
    expect(texTitle('Sets $\\{x\\}$ and $\\{x$')).toBe('Sets {$\\{x\\}$} and \\$\\textbackslash{}\\textbraceleft{}x\\$');
    // A protected word that starts with a command keeps its case too: {\#MeToo} would be one
    // of BibTeX's "special characters", whose letters title-case styles lower-case.
    expect(texTitle('The #MeToo Movement at $10M <SEP>')).toBe('The {{\\#MeToo}} Movement at {{\\$10M}} {{\\textless{}SEP\\textgreater{}}}');
    expect(texTitle('~^<>|#')).toBe('\\textasciitilde{}\\textasciicircum{}\\textless{}\\textgreater{}\\textbar{}\\#');
    // A hostile page cannot reach files, the shell or macro definitions through a math span.
    // Nor by TeX's ^^ notation for characters (^^5c is a backslash), a primitive a list of
    // forbidden commands missed (\pdffiledump reads a file), or a loop that never ends.
    const evils = ['$\\input{/etc/passwd}$', '$\\immediate\\write18{rm}$', '$\\def\\x{y}$', '$\\catcode`\\@=11$', '$\\makeatletter\\@gobble$', '$x%$'];
    evils.push('$x^^5cinput{/etc/passwd}$', '$\\pdffiledump offset 0 length 64 {/etc/passwd}$', '$\\loop\\iftrue\\repeat$');
    // …also right after a backslash, where the check began past the first ^ ("\^^69nput" is \input).
    evils.push('Sparse $\\^^69nput{/etc/hostname}$ Attention');
    for (const evil of evils) {
      expect(texTitle(evil), evil).not.toMatch(/(?<!\\)\$/); // every $ escaped: no math at all
      if (evil.startsWith('$')) expect(texTitle(evil)).toMatch(/^\\\$/);
      expect(texTitle(evil)).not.toContain('^^');
    }
    // Nor through a link: a style without the url package typesets it as plain TeX.
    expect(bibtexFor(paper({ url: 'https://scholar.example.org/^^5cinput/etc/hostname^^5crelax' }))).not.toContain('^^');
    // Standard math stays math, with its commands, sub- and superscripts.
    expect(texTitle('$\\mathcal{O}(n^2 \\log n)$ and $x_{i}^{2}$ with $\\textbf{W} \\in \\mathbb{R}^{d}$')).toBe(
      '{$\\mathcal{O}(n^2 \\log n)$} and {$x_{i}^{2}$} with {$\\textbf{W} \\in \\mathbb{R}^{d}$}',
    );
    expect(texTitle('a\u0000b\u0007c\u00a0d\te')).toBe('abc d e');
  });

  it('math and kept escapes read back as what they mean', () => {
    const parsed = parseBib(bibtexFor(paper({ title: '$\\alpha$-Divergence for $O(n^2)$ Search \\& Rescue -- 50\\% off' })));
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries[0]!.fields.title).toBe('α-Divergence for O(n²) Search & Rescue – 50% off');
  });

  it('a title cannot close its field or start another entry', () => {
    const evil = '}, author = {Mallory}, note = {x}} @misc{evil, title = {pwned';
    const bib = toBibtex([paper({ title: evil })]);
    const parsed = parseBib(bib);
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.entries[0]!.fields.title).toBe(evil);
    expect(parsed.entries[0]!.fields.author!.map(nameOf)).toEqual(['Ashish Vaswani', 'Noam Shazeer']);
  });
});

describe('citation keys', () => {
  it('are <family name><year><first significant title word>, ASCII-folded', () => {
    expect(citationKeyBase(paper())).toBe('vaswani2017attention');
    expect(citationKeyBase(paper({ authors: ['Jörg Müller'], title: 'Über die Theorie' }))).toBe('muller2017uber');
    expect(citationKeyBase(paper({ authors: ['Ann van der Berg'], title: 'On the $\\alpha$ of Towers' }))).toBe('berg2017towers');
    // A family name arXiv lists in lower case is the name, not a particle.
    expect(citationKeyBase(paper({ authors: ['Mehrdad ghassabi'], title: 'Leveraging Models' }))).toBe('ghassabi2017leveraging');
    expect(citationKeyBase(paper({ authors: ['张伟'], title: 'A Study' }))).toBe('2017study');
    expect(citationKeyBase(paper({ id: 'doi:10.1/x', authors: [], title: '中文' }))).toBe('paper');
  });

  it('collisions get a, b, … in id order; the first keeps the bare key', () => {
    const ids = ['arxiv:1706.03764', 'arxiv:1706.03762', 'arxiv:1706.03763'];
    const keys = citationKeys(ids.map((id) => paper({ id })));
    expect([...keys.entries()].sort()).toEqual([
      ['arxiv:1706.03762', 'vaswani2017attention'],
      ['arxiv:1706.03763', 'vaswani2017attentiona'],
      ['arxiv:1706.03764', 'vaswani2017attentionb'],
    ]);
  });

  it('never hands out another paper’s base key as a suffixed one', () => {
    const a = paper({ id: 'arxiv:1706.00001' });
    const b = paper({ id: 'arxiv:1706.00002' });
    const c = paper({ id: 'arxiv:1706.00003', title: 'Attentiona' });
    const keys = citationKeys([a, b, c]);
    expect(keys.get(c.id)).toBe('vaswani2017attentiona');
    expect(keys.get(b.id)).toBe('vaswani2017attentionb');
  });

  it('are unique and stable (property): same library, any order → same keys; an unrelated paper changes none', () => {
    fc.assert(
      fc.property(library(15), paperId, (records, extraId) => {
        const keys = citationKeys(records);
        expect(new Set(keys.values()).size).toBe(records.length);
        expect(citationKeys([...records].reverse())).toEqual(keys);
        for (const key of keys.values()) expect(key).toMatch(/^[a-z0-9]+$/);
        const extra = { ...paper({ id: extraId, authors: ['Zed Unrelated'], title: 'Zzz' }) };
        if (records.some((r) => r.id === extraId)) return;
        const after = citationKeys([...records, extra]);
        for (const [id, key] of keys) expect(after.get(id)).toBe(key);
      }),
      { numRuns: 150 },
    );
  });
});

describe('BibTeX output read back by @retorquere/bibtex-parser', () => {
  // Titles of letters in many scripts and every character TeX or BibTeX treats specially. Left
  // out: a second `$` (two make math, read back as Unicode math), TeX escapes and ligatures that
  // the rule keeps on purpose (`\&`, `--`, ``` `` ```, `''`), which read back as what they mean.
  const piece = fc.oneof(
    fc.constantFrom(...'#%&_{}~^\\<>|@"\'!?.,;:()[]/=+*-$'.split('')),
    fc.constantFrom('é', 'ß', 'Ж', '中文', '𝔘', '😀', 'e\u0301', 'مرحبا', '\u200f', 'GANs', 'iPhone', '3D', 'x'),
    fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), minLength: 1, maxLength: 8 }),
  );
  const plainTitle = fc
    .array(fc.tuple(piece, fc.constantFrom('', ' ')), { minLength: 1, maxLength: 20 })
    .map((parts) => collapseWhitespace(parts.map(([p, space]) => p + space).join('')))
    .filter((t) => t !== '' && (t.match(/\$/g) ?? []).length <= 1 && !/--|``|''|[!?]`|\\[&%$#_]/.test(t));
  const word = fc.constantFrom('Ada', 'Jörg', 'Müller', 'Zhang', 'Wei', 'O’Brien', 'Ægir', 'Łukasz', 'Jean-Pierre', 'Ж', 'von', 'van', 'der', 'de', 'la');
  const name = fc.oneof(
    fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')),
    fc.tuple(word, word).map(([a, b]) => `${a} ${b} Jr.`),
    fc.constantFrom('Google DeepMind', 'The ATLAS Collaboration', '张伟'),
  );

  it('reads back titles, authors, ids and years exactly, with unique keys (property)', () => {
    fc.assert(
      fc.property(library(8), fc.array(plainTitle, { minLength: 8, maxLength: 8 }), fc.array(fc.array(name, { maxLength: 4 }), { minLength: 8, maxLength: 8 }), (records, titles, names) => {
        const lib = records.map((r, i) => ({ ...r, title: titles[i]!, authors: names[i]! }));
        const bib = toBibtex(lib);
        const parsed = parseBib(bib);
        expect(parsed.errors).toEqual([]);
        expect(parsed.entries.map((e) => e.key)).toEqual(lib.map((r) => citationKeys(lib).get(r.id)));
        expect(new Set(parsed.entries.map((e) => e.key)).size).toBe(lib.length);
        parsed.entries.forEach((entry, i) => {
          const r = lib[i]!;
          const f = entry.fields;
          expect(f.title).toBe(r.title);
          expect((f.author ?? []).map((c) => nameOf(c).normalize('NFC'))).toEqual(r.authors.map((a) => a.normalize('NFC')));
          const arxiv = [r.id, ...r.aliases].find((id) => idScheme(id) === 'arxiv');
          expect(f.eprint).toBe(arxiv ? idValue(arxiv) : undefined);
          const doi = [r.id, ...r.aliases].find((id) => idScheme(id) === 'doi');
          expect(f.doi?.toLowerCase()).toBe(doi ? idValue(doi) : arxiv ? `10.48550/arxiv.${idValue(arxiv)}` : undefined);
          expect(f.year).toBe(yearOf(r) === null ? undefined : String(yearOf(r)));
          expect(f.url).toBe(r.url.replace(/[{}\\\s$]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`));
        });
      }),
      { numRuns: 100 },
    );
  });

  it('has balanced braces whatever the title, author or tag text (property)', () => {
    const hostile = fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', maxLength: 10 })), { maxLength: 8 }).map((p) => p.join(''));
    fc.assert(
      fc.property(library(4), hostile, hostile, hostile, (records, title, author, tag) => {
        const lib = records.map((r) => ({ ...r, title: collapseWhitespace(title) || 'x', authors: [author], tags: [tag] }));
        for (const r of lib) expect(bracesBalance(bibtexFor(r)), bibtexFor(r)).toBe(true);
        const parsed = parse(toBibtex(lib), { sentenceCase: false, english: false, unsupported: 'ignore' });
        expect(parsed.errors).toEqual([]);
        expect(parsed.entries).toHaveLength(lib.length);
      }),
      { numRuns: 200 },
    );
  });
});

/** What our TeX leaves out of any text (tex.ts, rule 4): control characters and noncharacters. */
const DROPPED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\uFDD0-\uFDEF]/g;

/** Text with TeX's dash and quote ligatures as they print (and as our import reads them): "Po--Jui" → "Po–Jui". */
function printedLigatures(text: string): string {
  return text.replace(/---/g, '—').replace(/--/g, '–').replace(/''/g, '”').replace(/``/g, '“');
}

/**
 * Where classic bibtex could cut a name's character in two: a non-ASCII character outside a
 * special character (a group `{\\…}` at the name's top level, which bibtex counts as one
 * character) among the first three characters of a word or hyphenated part, where styles take
 * initials and alpha labels.
 */
function cuttable(tex: string): string[] {
  const found: string[] = [];
  let inPart = 0;
  for (let i = 0; i < tex.length; i++) {
    const ch = tex[i]!;
    if (ch === ' ' || ch === '-') inPart = 0;
    else if (ch === '{' && tex[i + 1] === '\\') {
      // a special character: to its matching brace
      for (let depth = 0; i < tex.length; i++) {
        if (tex[i] === '{') depth++;
        else if (tex[i] === '}' && --depth === 0) break;
      }
      inPart++;
    } else if (ch !== '{' && ch !== '}') {
      inPart++;
      if (ch.charCodeAt(0) > 0x7f && inPart <= 3) found.push(ch);
    }
  }
  return found;
}

describe('names as TeX', () => {
  it('leave no non-ASCII character where bibtex styles cut names, and read back as written (property)', () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom(...NASTY, 'e\u0301', '{\u0301', 'i\u0308\u0301', 'Ǆ', 'ﬁ', "Sandy''", 'Po--Jui', 'a\uFDD0b'));
    fc.assert(
      fc.property(text, (name) => {
        const tex = texName(name);
        expect(cuttable(tex), tex).toEqual([]);
        expect(bracesBalance(tex), tex).toBe(true);
        // Read back by our import (which composes what the parser decodes into letter and marks).
        const read = parseBibtexSeeds(`@misc{k, author = {{${tex}}}, title = {T}, eprint = {2408.00001}}`, 0);
        expect(read.ok ? read.seeds.papers[0]?.authors.join(' and ') : read.message).toBe(printedLigatures(collapseWhitespace(name.replace(DROPPED, '').replace(/\p{Cf}/gu, '')).normalize('NFC')));
      }),
      { numRuns: 300 },
    );
  });

  it("keep TeX's quote and dash ligatures in a name, as arXiv's authors mean them (read back as what they print)", () => {
    // As ../shared/data's papers list them ("Po--Jui Lu", 'Alex "Sandy\'\' Pentland'): TeX the
    // author typed, as in titles (tex.ts, rule 2). The property above found "''" read back as "”".
    for (const [name, printed] of [
      ['Po--Jui Lu', 'Po–Jui Lu'],
      ['A---B', 'A—B'],
      ['Alex "Sandy\'\' Pentland', 'Alex "Sandy” Pentland'],
      ['``Bo', '“Bo'],
    ] as const) {
      expect(texName(name)).toBe(name);
      const read = parseBibtexSeeds(`@misc{k, author = {{${texName(name)}}}, title = {T}, eprint = {2408.00001}}`, 0);
      expect(read.ok ? read.seeds.papers[0]?.authors[0] : read.message).toBe(printed);
      expect(printedLigatures(name)).toBe(printed);
    }
  });

  it('the names of 16,000 real arXiv papers: every non-ASCII letter one special character, read back exactly', (ctx) => {
    if (!requireShared('real arXiv listings', 'data/arxiv_daily_cs_listings.jsonl')) return ctx.skip();
    const listed = realListings(16_000) as Array<ListedPaper & { authors: string[] }>;
    const withLetters = listed.filter((p) => p.authors.some((a) => /[^\x00-\x7f]/.test(a)));
    expect(withLetters.length).toBeGreaterThan(1_000);
    const records = withLetters.map((p) => paper({ id: `arxiv:${p.id}`, url: `https://arxiv.org/abs/${p.id}`, title: 'T', authors: p.authors }));
    const bib = toBibtex(records);
    const authorFields = [...bib.matchAll(/^ {2}author = \{(.*)\},$/gm)].map((m) => m[1]!);
    expect(authorFields).toHaveLength(records.length);
    for (const field of authorFields) for (const name of field.split(' and ')) expect(cuttable(name), name).toEqual([]);
    const read = parseBibtexSeeds(bib, 0);
    if (!read.ok) throw new Error(read.message);
    const authorsById = new Map(read.seeds.papers.map((p) => [p.id, p.authors]));
    // A name arXiv lists with TeX's dash ligature ("Po--Jui Lu") reads back as the dash it means.
    for (const r of records) expect(authorsById.get(r.id)).toEqual(r.authors.slice(0, MAX_AUTHORS).map((name) => printedLigatures(name.normalize('NFC'))));
  });
});

describe('texUnescape', () => {
  it('reads back what texEscape writes (property), and TeX’s own escapes; other commands stay', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(...NASTY)), (s) => {
        expect(texUnescape(texEscape(s))).toBe(collapseWhitespace(s.replace(DROPPED, '')));
      }),
      { numRuns: 500 },
    );
    expect(texUnescape(String.raw`{DNA} \{x\} 50\% a\_b \textbackslash{}n \emph{}`)).toBe(String.raw`DNA {x} 50% a_b \n \emph{}`);
  });
});
