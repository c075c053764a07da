import { describe, expect, it } from 'vitest';
import { LIMITS, type PaperMeta } from '../../src/core/paper';
import { pageMaySend, parseRequest, warmUpValidation } from '../../src/messages';

const paper: PaperMeta = {
  id: 'arxiv:2408.03961',
  title: 'A title with $\\alpha$',
  authors: ['Ada Lovelace', 'Alan Turing'],
  abstract: null,
  url: 'https://arxiv.org/abs/2408.03961',
  pdfUrl: 'https://arxiv.org/pdf/2408.03961',
  primaryCategory: 'hep-th',
  subjects: ['hep-th', 'gr-qc'],
  comments: null,
  site: 'arxiv',
  aliases: [],
};

function rejects(message: unknown): string {
  const result = parseRequest(message);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error;
}

describe('parseRequest', () => {
  it("warms up on a made-up listing's state request that it accepts (a refused one would warm other code)", () => {
    expect(() => warmUpValidation()).not.toThrow();
  });

  it('accepts each well-formed request', () => {
    expect(parseRequest({ type: 'getStates', ids: ['arxiv:2408.03961', 'doi:10.1000/x'] }).ok).toBe(true);
    expect(parseRequest({ type: 'setFlag', id: paper.id, flag: 'starred', value: true, paper }).ok).toBe(true);
    expect(parseRequest({ type: 'setFlag', id: paper.id, flag: 'read', value: false }).ok).toBe(true);
    expect(parseRequest({ type: 'markSeen', papers: [paper] }).ok).toBe(true);
    expect(parseRequest({ type: 'wake' }).ok).toBe(true);
  });

  it("takes a page's bidirectional overrides out of a paper's text, as clampMeta does (a sender may not have); a title of nothing else is blank", () => {
    const parsed = parseRequest({ type: 'markSeen', papers: [{ ...paper, title: 'Scaling Laws \u202E1706.03762', authors: ['A\u2066B\u2069'] }] });
    expect(parsed.ok && parsed.request.type === 'markSeen' && parsed.request.papers[0]).toMatchObject({ title: 'Scaling Laws 1706.03762', authors: ['AB'] });
    rejects({ type: 'markSeen', papers: [{ ...paper, title: '\u202E \u202C' }] });
  });

  it('drops what is not a request', () => {
    for (const junk of [null, undefined, 42, 'getStates', [], {}, { type: 'nope' }, { type: 'getStates' }]) rejects(junk);
  });

  it('rejects unknown fields (no smuggling)', () => {
    rejects({ type: 'getStates', ids: [], extra: 1 });
    rejects({ type: 'wake', ids: [] });
    rejects({ type: 'markSeen', papers: [{ ...paper, starred: true }] });
  });

  it('rejects ids that are not canonical', () => {
    expect(rejects({ type: 'getStates', ids: ['2408.03961'] })).toContain('ids');
    rejects({ type: 'setFlag', id: 'arxiv:2408.03961v2', flag: 'starred', value: true });
    rejects({ type: 'setFlag', id: 'javascript:alert(1)', flag: 'starred', value: true });
  });

  it('tagPapers: canonical ids, at least one tag to add or remove, within the limits', () => {
    expect(parseRequest({ type: 'tagPapers', ids: [paper.id], add: ['to read'] }).ok).toBe(true);
    expect(parseRequest({ type: 'tagPapers', ids: [paper.id], remove: ['to read'] }).ok).toBe(true);
    expect(rejects({ type: 'tagPapers', ids: [paper.id] })).toContain('a tag to add or remove');
    expect(rejects({ type: 'tagPapers', ids: [paper.id], add: [] })).toContain('a tag to add or remove');
    rejects({ type: 'tagPapers', ids: [], add: ['x'] });
    rejects({ type: 'tagPapers', ids: ['2408.03961'], add: ['x'] });
    rejects({ type: 'tagPapers', ids: Array.from({ length: LIMITS.batch + 1 }, () => paper.id), add: ['x'] });
    rejects({ type: 'tagPapers', ids: [paper.id], add: ['x'.repeat(LIMITS.tag + 1)] });
    rejects({ type: 'tagPapers', ids: [paper.id], add: [42] });
  });

  it('markPapers: star or read only (not dismiss), canonical ids, within the limits', () => {
    expect(parseRequest({ type: 'markPapers', ids: [paper.id], flag: 'starred', value: false }).ok).toBe(true);
    expect(parseRequest({ type: 'markPapers', ids: [paper.id], flag: 'read', value: true }).ok).toBe(true);
    rejects({ type: 'markPapers', ids: [paper.id], flag: 'dismissed', value: true });
    rejects({ type: 'markPapers', ids: [], flag: 'read', value: true });
    rejects({ type: 'markPapers', ids: ['javascript:alert(1)'], flag: 'read', value: true });
    rejects({ type: 'markPapers', ids: Array.from({ length: LIMITS.batch + 1 }, () => paper.id), flag: 'read', value: true });
  });

  it('restoreMarks: marks whose times agree with them, by canonical id, within the limits', () => {
    const was = { starred: true, starredAt: 5, read: false, readAt: null, dismissed: false };
    const undo = { type: 'restoreMarks', flag: 'starred', left: { [paper.id]: was } };
    expect(parseRequest({ ...undo, marks: { [paper.id]: was } }).ok).toBe(true);
    expect(parseRequest({ ...undo, marks: { [paper.id]: { ...was, starred: false, starredAt: null, dismissed: true } } }).ok).toBe(true);
    expect(rejects({ ...undo, marks: { [paper.id]: { ...was, starredAt: null } } })).toContain('marks and their times must agree');
    rejects({ ...undo, marks: { [paper.id]: { ...was, read: true } } }); // read without a time
    rejects({ ...undo, marks: { [paper.id]: { ...was, dismissed: true } } }); // starred and dismissed
    rejects({ ...undo, marks: { [paper.id]: { ...was, starredAt: -1 } } });
    rejects({ ...undo, marks: { [paper.id]: { ...was, note: 'x' } } });
    rejects({ ...undo, marks: { '2408.03961': was } });
    rejects({ ...undo, marks: { [paper.id]: was }, left: { [paper.id]: { ...was, starredAt: null } } });
    rejects({ ...undo, marks: { [paper.id]: was }, left: { 'not an id': was } });
    rejects({ ...undo, marks: { [paper.id]: was }, flag: 'deleted' });
    // Only the mark of one flag, only where it is as the change left it: both are required.
    rejects({ type: 'restoreMarks', marks: { [paper.id]: was }, left: { [paper.id]: was } });
    rejects({ type: 'restoreMarks', marks: { [paper.id]: was }, flag: 'starred' });
    rejects({ ...undo, marks: { [paper.id]: was }, changedAt: { [paper.id]: 1_000 } });
    rejects({ ...undo, marks: {} });
    rejects({ ...undo, marks: Object.fromEntries(Array.from({ length: LIMITS.batch + 1 }, (_, i) => [`arxiv:2408.${String(10000 + i)}`, was])) });
  });

  it('rejects unknown flags and non-boolean values', () => {
    rejects({ type: 'setFlag', id: paper.id, flag: 'deleted', value: true });
    rejects({ type: 'setFlag', id: paper.id, flag: 'starred', value: 'yes' });
  });

  it('accepts only http(s) URLs', () => {
    // …and none with a user name, which hides where it goes: https://arxiv.org@evil.example/ is evil.example.
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'arxiv.org/abs/1', 'https://', 'https://arxiv.org@evil.example/abs/2408.03961', 'https://user:pw@arxiv.org/abs/1']) {
      rejects({ type: 'markSeen', papers: [{ ...paper, url }] });
      rejects({ type: 'markSeen', papers: [{ ...paper, pdfUrl: url }] });
    }
    expect(parseRequest({ type: 'markSeen', papers: [{ ...paper, url: 'http://arxiv.org/abs/2408.03961' }] }).ok).toBe(true);
  });

  it('enforces size limits', () => {
    rejects({ type: 'markSeen', papers: [{ ...paper, title: 'x'.repeat(LIMITS.title + 1) }] });
    rejects({ type: 'markSeen', papers: [{ ...paper, title: '' }] });
    // Blank as the library's normal form sees it (stored, the next backup was refused by its own importer).
    rejects({ type: 'markSeen', papers: [{ ...paper, title: '\u200b ' }] });
    rejects({ type: 'markSeen', papers: [{ ...paper, site: ' ' }] });
    rejects({ type: 'markSeen', papers: [{ ...paper, venue: '\n' }] });
    rejects({ type: 'markSeen', papers: [{ ...paper, abstract: 'x'.repeat(LIMITS.abstract + 1) }] });
    rejects({ type: 'markSeen', papers: [{ ...paper, authors: Array(LIMITS.authors + 1).fill('A') }] });
    rejects({ type: 'markSeen', papers: [{ ...paper, authors: ['x'.repeat(LIMITS.author + 1)] }] });
    rejects({ type: 'markSeen', papers: [{ ...paper, url: `https://arxiv.org/${'x'.repeat(LIMITS.url)}` }] });
    rejects({ type: 'markSeen', papers: [] });
    rejects({ type: 'getStates', ids: Array(LIMITS.batch + 1).fill(paper.id) });
    expect(parseRequest({ type: 'markSeen', papers: [{ ...paper, abstract: 'x'.repeat(LIMITS.abstract) }] }).ok).toBe(true);
  });

  it('aliases: canonical ids only, at most LIMITS.aliases, and present', () => {
    const withAliases = (aliases: unknown) => ({ type: 'markSeen', papers: [{ ...paper, aliases }] });
    expect(parseRequest(withAliases(['scholar:5362332738201102290', 'doi:10.1000/x', 'acl:2020.acl-main.1'])).ok).toBe(true);
    expect(parseRequest(withAliases(Array.from({ length: LIMITS.aliases }, (_, i) => `scholar:${i + 1}`))).ok).toBe(true);
    expect(rejects(withAliases(Array.from({ length: LIMITS.aliases + 1 }, (_, i) => `scholar:${i + 1}`)))).toMatch(/aliases/);
    expect(rejects(withAliases(['2106.09608']))).toMatch(/papers\.0\.aliases\.0/);
    rejects(withAliases(['arxiv:2106.09608v2']));
    rejects(withAliases(['scholar:0123']));
    rejects(withAliases('scholar:1'));
    rejects(withAliases([42]));
    const { aliases: _, ...withoutAliases } = paper;
    rejects({ type: 'markSeen', papers: [withoutAliases] });
  });

  it('year: optional, an integer year or refused', () => {
    const withYear = (year: unknown) => ({ type: 'markSeen', papers: [{ ...paper, year }] });
    expect(parseRequest(withYear(2002)).ok).toBe(true);
    expect(parseRequest({ type: 'markSeen', papers: [paper] }).ok).toBe(true);
    expect(rejects(withYear(20020))).toMatch(/year/);
    rejects(withYear(2002.5));
    rejects(withYear('2002'));
    rejects(withYear(null));
  });

  it('venue: optional, text within LIMITS.venue', () => {
    const withVenue = (venue: unknown) => ({ type: 'markSeen', papers: [{ ...paper, venue }] });
    expect(parseRequest(withVenue('Proceedings of ACL')).ok).toBe(true);
    expect(rejects(withVenue('x'.repeat(LIMITS.venue + 1)))).toMatch(/venue/);
    rejects(withVenue(''));
    rejects(withVenue(42));
  });

  it('setFlag: the paper sent along must be the one the id names (its id or one of its aliases)', () => {
    const scholar = 'scholar:5362332738201102290';
    expect(parseRequest({ type: 'setFlag', id: scholar, flag: 'starred', value: true, paper: { ...paper, aliases: [scholar] } }).ok).toBe(true);
    rejects({ type: 'setFlag', id: scholar, flag: 'starred', value: true, paper });
    rejects({ type: 'setFlag', id: 'arxiv:2408.00001', flag: 'starred', value: true, paper });
  });

  it('setSyncSettings: the switch, on or off, and nothing else', () => {
    expect(parseRequest({ type: 'setSyncSettings', settings: { enabled: false } }).ok).toBe(true);
    for (const settings of [{ enabled: 'yes' }, {}, { enabled: true, lastSyncAt: 1 }, null]) rejects({ type: 'setSyncSettings', settings });
  });

  it('names where the problem is', () => {
    expect(rejects({ type: 'markSeen', papers: [paper, { ...paper, url: 'javascript:x' }] })).toMatch(/papers\.1\.url/);
  });
});

describe('pageMaySend', () => {
  const request = (message: unknown) => {
    const parsed = parseRequest(message);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.request;
  };
  const marks = { starred: false, starredAt: null, read: false, readAt: null, dismissed: false };

  it("takes what a listing's content script sends", () => {
    for (const message of [
      { type: 'wake' },
      { type: 'getStates', ids: [paper.id] },
      { type: 'setFlag', id: paper.id, flag: 'starred', value: true, paper },
      { type: 'markSeen', papers: [paper] },
      { type: 'scoreEntries', papers: [paper] },
      { type: 'restoreMarks', marks: { [paper.id]: marks }, flag: 'starred', left: { [paper.id]: marks } }, // the page's z
    ]) {
      expect(pageMaySend(request(message)), message.type).toBe(true);
    }
  });

  it("refuses what only the extension's own pages ask for", () => {
    for (const message of [
      { type: 'forgetSeen', before: null },
      { type: 'seenOnlySummary', cutoffs: [] },
      { type: 'importLibrary', mode: 'seed', papers: [], interests: null },
      { type: 'markPapers', ids: [paper.id], flag: 'read', value: true },
      { type: 'tagPapers', ids: [paper.id], add: ['x'] },
      { type: 'setTagsAndNote', id: paper.id, note: 'x' },
      { type: 'getInterests' },
      { type: 'getLearnedAbbreviations' },
      { type: 'similarPapers', id: paper.id },
      { type: 'papersAbout', text: 'x' },
      { type: 'getHistorySettings' },
      { type: 'setHistorySettings', settings: { forgetAfterDays: 30 } },
      // Turned on by a page, sync would take marks the page wrote in sync storage (Firefox lets it).
      { type: 'getSyncSettings' },
      { type: 'setSyncSettings', settings: { enabled: true } },
      // Several papers' marks at once: the popup's undo of "Mark these N".
      { type: 'restoreMarks', marks: { [paper.id]: marks, 'arxiv:2408.00002': marks }, flag: 'read', left: { [paper.id]: marks, 'arxiv:2408.00002': marks } },
    ]) {
      expect(pageMaySend(request(message)), message.type).toBe(false);
    }
  });
});
