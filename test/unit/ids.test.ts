import { describe, expect, it } from 'vitest';
import {
  aclAnthologyUrl,
  canonicalId,
  idScheme,
  idValue,
  isCanonicalId,
  landingUrl,
  parseAclId,
  parseArxivId,
  parseDoi,
  parseScholarClusterId,
  withImpliedIds,
} from '../../src/core/ids';

describe('parseArxivId', () => {
  it.each([
    ['2408.03961', '2408.03961'],
    ['2408.03961v2', '2408.03961'],
    ['arXiv:2408.03961v12', '2408.03961'],
    ['ARXIV:2408.03961', '2408.03961'],
    ['  2408.03961  ', '2408.03961'],
    ['0704.0001', '0704.0001'],
    ['1412.9999v1', '1412.9999'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['hep-th/9901001v3', 'hep-th/9901001'],
    ['math.GT/0309136', 'math/0309136'],
    ['cs/0112017', 'cs/0112017'],
    ['cond-mat/0501001v2', 'cond-mat/0501001'],
    ['https://arxiv.org/abs/2408.03961v2', '2408.03961'],
    ['http://arxiv.org/pdf/2408.03961v1.pdf', '2408.03961'],
    ['https://arxiv.org/pdf/2408.03961', '2408.03961'],
    ['https://www.arxiv.org/abs/hep-th/9901001', 'hep-th/9901001'],
    ['https://export.arxiv.org/abs/2408.03961?context=cs', '2408.03961'],
    ['https://arxiv.org/html/2408.03961v1/', '2408.03961'],
    ['10.48550/arXiv.2408.03961', '2408.03961'],
    ['https://huggingface.co/papers/2609.31620', '2609.31620'],
    ['https://huggingface.co/papers/2609.31620#community', '2609.31620'],
    // punctuation of the running text it was found in
    ['arXiv:2408.03961.', '2408.03961'],
    ['(arXiv:2408.03961)', '2408.03961'],
    ['https://arxiv.org/abs/2408.03961,', '2408.03961'],
    ['arXiv:hep-th/9901001;', 'hep-th/9901001'],
  ])('%s → %s', (input, expected) => {
    expect(parseArxivId(input)).toBe(expected);
  });

  it.each([
    '',
    'arXiv:',
    '2408.0396', // too short
    '2408.039612', // too long
    '2413.03961', // month 13
    '2400.03961', // month 00
    '1501.0001', // 4-digit number after 2014
    '1412.00001', // 5-digit number before 2015
    '2408.03961v', // dangling version
    'hep-th/990100', // old-style needs 7 digits
    'HEP-TH/9901001', // archives are lowercase
    'hep-th/9913001', // month 13
    'https://example.com/abs/2408.03961',
    'https://huggingface.co/papers/trending',
    'https://huggingface.co/models/2408.03961',
    'javascript:alert(1)//2408.03961',
    '2408.03961<script>',
    'x'.repeat(10_000),
  ])('rejects %j', (input) => {
    expect(parseArxivId(input)).toBeNull();
  });

  it('rejects non-strings without throwing', () => {
    expect(parseArxivId(undefined as unknown as string)).toBeNull();
    expect(parseArxivId(42 as unknown as string)).toBeNull();
  });
});

describe('parseDoi', () => {
  it.each([
    ['10.1145/3292500.3330701', '10.1145/3292500.3330701'],
    ['doi:10.1000/ABC.Def', '10.1000/abc.def'],
    ['https://doi.org/10.18653/v1/2020.acl-main.1', '10.18653/v1/2020.acl-main.1'],
    ['https://dx.doi.org/10.1000%2Fxyz', '10.1000/xyz'],
    // a doi.org URL's query, fragment and trailing slash are not the DOI's; an encoded ? is
    ['https://doi.org/10.1145/3292500.3330701?utm_source=scholar', '10.1145/3292500.3330701'],
    ['https://doi.org/10.1145/3292500.3330701#abs', '10.1145/3292500.3330701'],
    ['https://doi.org/10.1000/xyz/', '10.1000/xyz'],
    ['https://doi.org/10.1000/a%3Fb', '10.1000/a?b'],
    ['10.1000/xyz.', '10.1000/xyz'],
  ])('%s → %s', (input, expected) => {
    expect(parseDoi(input)).toBe(expected);
  });

  it('refuses a DOI too long for a canonical id, which the background would refuse with its whole request', () => {
    const longest = `10.1000/${'a'.repeat(296 - 8)}`;
    expect(isCanonicalId(`doi:${parseDoi(longest)}`)).toBe(true);
    expect(parseDoi(`${longest}b`)).toBeNull();
    expect(canonicalId(`${longest}b`)).toBeNull();
  });

  it('drops the invisible characters publishers put into long DOIs to break their lines (one paper, one id)', () => {
    for (const copied of ['10.1002/anie.202112345\u200b', '10.1002/anie.2021\u00ad12345', '\u200b10.1002/anie.202112345', 'doi:10.1002/\u2060anie.202112345'])
      expect(canonicalId(copied), JSON.stringify(copied)).toBe('doi:10.1002/anie.202112345');
    expect(isCanonicalId('doi:10.1002/anie.202112345\u200b')).toBe(false);
  });

  it.each(['10.1/x', '11.1000/x', '10.1000/', 'doi:', 'https://doi.org/', '10.1000/a b'])('rejects %j', (input) => {
    expect(parseDoi(input)).toBeNull();
  });
});

describe('canonicalId', () => {
  it.each([
    ['2408.03961v2', 'arxiv:2408.03961'],
    ['arxiv:2408.03961', 'arxiv:2408.03961'],
    ['hep-th/9901001', 'arxiv:hep-th/9901001'],
    ['arxiv:hep-th/9901001v2', 'arxiv:hep-th/9901001'],
    ['10.1145/3292500.3330701', 'doi:10.1145/3292500.3330701'],
    ['DOI:10.1145/ABC', 'doi:10.1145/abc'],
    ['doi:10.1145/abc', 'doi:10.1145/abc'],
    // An arXiv DOI is the arXiv paper itself: one identity.
    ['10.48550/arXiv.2408.03961', 'arxiv:2408.03961'],
    ['https://doi.org/10.48550/ARXIV.2408.03961', 'arxiv:2408.03961'],
    // Google Scholar clusters, only when written with the scheme.
    ['scholar:5362332738201102290', 'scholar:5362332738201102290'],
    ['Scholar:5362332738201102290', 'scholar:5362332738201102290'],
    ['scholar:0042', 'scholar:42'],
    ['scholar:18446744073709551615', 'scholar:18446744073709551615'], // 2^64 - 1
    // ACL Anthology ids with the scheme, and Anthology paper URLs.
    ['acl:2020.acl-main.1', 'acl:2020.acl-main.1'],
    ['ACL:P19-1001', 'acl:P19-1001'],
    ['acl:p19-1001', 'acl:P19-1001'],
    ['acl:2020.ACL-Main.1', 'acl:2020.acl-main.1'],
    ['https://aclanthology.org/2022.in2writing-1.1/', 'acl:2022.in2writing-1.1'],
    ['https://aclanthology.org/W19-4201.pdf', 'acl:W19-4201'],
    ['https://www.aclweb.org/anthology/W19-4201.pdf', 'acl:W19-4201'],
    ['https://aclanthology.org/anthology/K18-3004/', 'acl:K18-3004'],
    ['https://aclanthology.org/2022.in2writing-1.1.pdf', 'acl:2022.in2writing-1.1'],
    ['https://aclanthology.org/P19-1001v2.pdf', 'acl:P19-1001'], // a revision's PDF
    ['https://aclanthology.org/2020.acl-main.1/?x=1#y', 'acl:2020.acl-main.1'],
    // The layout before 2019, still in many BibTeX files, and aclanthology.info.
    ['http://www.aclweb.org/anthology/D/D14/D14-1181.pdf', 'acl:D14-1181'],
    ['https://aclweb.org/anthology/P/P16/P16-1195.pdf', 'acl:P16-1195'],
    ['http://www.aclweb.org/anthology-new/P/P11/P11-1015.pdf', 'acl:P11-1015'],
    ['http://aclanthology.info/papers/P16-1195/p16-1195', 'acl:P16-1195'],
    // An ACL DOI stays a DOI (the anthology id inside it is not promoted).
    ['https://doi.org/10.18653/v1/2020.acl-main.1', 'doi:10.18653/v1/2020.acl-main.1'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalId(input)).toBe(expected);
  });

  it.each([
    '',
    'paper',
    'doi:nonsense',
    '10.48550/arXiv.9999.99999',
    'arxiv:',
    // A bare number is not a Scholar cluster; nor is anything but 1..2^64-1 in decimal.
    '5362332738201102290',
    'scholar:',
    'scholar:0',
    'scholar:18446744073709551616',
    'scholar:-1',
    'scholar:4qAC3XBmStsJ',
    'scholar:1.5',
    // Bare anthology ids are not promoted either; malformed ones are rejected.
    'P19-1001',
    '2020.acl-main.1',
    'acl:',
    'acl:P19-100',
    'acl:P1-1001',
    'acl:PP19-1001',
    'acl:2020.acl.1',
    'acl:2020.acl-main',
    'acl:20.acl-main.1',
    'acl:2020.acl-main.01',
    'acl:2020.acl_main.1',
    'acl:2020.acl-main.1/../x',
    'https://aclanthology.org/people/a/andreas-madsack/',
    'https://aclanthology.org/volumes/W19-42/',
    'https://aclanthology.org.evil.example/P19-1001/',
    'https://aclanthology.org/P19-1001v2/', // only a PDF carries a revision
    'https://aclanthology.org/P19-1001e1.pdf', // an erratum is another document
    'http://www.aclweb.org/anthology/P/P12/P12-2.pdf', // a volume
    'http://www.aclweb.org/anthology/P/P12/x/P12-2001.pdf',
  ])('rejects %j', (input) => {
    expect(canonicalId(input)).toBeNull();
  });
});

describe('withImpliedIds', () => {
  it("adds an ACL DOI's Anthology id, once, and nothing for other ids", () => {
    expect(withImpliedIds(['arxiv:1906.00001', 'doi:10.18653/v1/w19-4201'])).toEqual(['arxiv:1906.00001', 'doi:10.18653/v1/w19-4201', 'acl:W19-4201']);
    expect(withImpliedIds(['doi:10.18653/v1/2020.acl-main.1', 'acl:2020.acl-main.1'])).toEqual(['doi:10.18653/v1/2020.acl-main.1', 'acl:2020.acl-main.1']);
    expect(withImpliedIds(['doi:10.18653/v1/not-an-id', 'doi:10.1000/w19-4201', 'scholar:42'])).toEqual(['doi:10.18653/v1/not-an-id', 'doi:10.1000/w19-4201', 'scholar:42']);
  });
});

describe('parseScholarClusterId', () => {
  it.each([
    ['5362332738201102290', '5362332738201102290'],
    ['scholar:716425436796531572', '716425436796531572'],
    [' 8188755959889491825 ', '8188755959889491825'],
    ['007', '7'],
  ])('%s → %s', (input, expected) => {
    expect(parseScholarClusterId(input)).toBe(expected);
  });

  it.each(['', '0', 'abc', '12a', '-5', '1e5', '18446744073709551616', '1'.repeat(21), 'scholar:x'])('rejects %j', (input) => {
    expect(parseScholarClusterId(input)).toBeNull();
  });

  it('rejects non-strings without throwing', () => {
    expect(parseScholarClusterId(5 as unknown as string)).toBeNull();
  });
});

describe('parseAclId', () => {
  it.each([
    ['2020.acl-main.1', '2020.acl-main.1'],
    ['2020.findings-emnlp.12', '2020.findings-emnlp.12'],
    ['2022.in2writing-1.1', '2022.in2writing-1.1'],
    ['1952.earlymt-1.1', '1952.earlymt-1.1'],
    ['2020.acl-main.0', '2020.acl-main.0'], // a volume's front matter
    ['P19-1001', 'P19-1001'],
    ['W17-5401', 'W17-5401'],
    ['acl:K18-3004', 'K18-3004'],
    ['w17-5401', 'W17-5401'],
    ['/anthology/W19-4201/', null],
    ['https://aclanthology.org/2020.acl-main.1', '2020.acl-main.1'],
    ['https://aclanthology.org/2020.acl-main.1.bib', '2020.acl-main.1'],
    ['http://www.aclweb.org/anthology/P19-1001/', 'P19-1001'],
  ])('%s → %s', (input, expected) => {
    expect(parseAclId(input)).toBe(expected);
  });

  it.each(['', 'P19', '19-1001', 'P19-10011', 'P19_1001', '2020.acl-main', '2020..1', 'x'.repeat(10_000)])('rejects %j', (input) => {
    expect(parseAclId(input)).toBeNull();
  });

  it('builds the landing page', () => {
    expect(aclAnthologyUrl('acl:P19-1001')).toBe('https://aclanthology.org/P19-1001/');
    expect(aclAnthologyUrl('2020.acl-main.1')).toBe('https://aclanthology.org/2020.acl-main.1/');
  });
});

describe('isCanonicalId', () => {
  it('accepts only the canonical form', () => {
    expect(isCanonicalId('arxiv:2408.03961')).toBe(true);
    expect(isCanonicalId('arxiv:hep-th/9901001')).toBe(true);
    expect(isCanonicalId('doi:10.1145/abc')).toBe(true);
    expect(isCanonicalId('arxiv:2408.03961v2')).toBe(false);
    expect(isCanonicalId('2408.03961')).toBe(false);
    expect(isCanonicalId('doi:10.1145/ABC')).toBe(false);
    expect(isCanonicalId('doi:10.48550/arxiv.2408.03961')).toBe(false);
    expect(isCanonicalId(' arxiv:2408.03961')).toBe(false);
    expect(isCanonicalId('scholar:5362332738201102290')).toBe(true);
    expect(isCanonicalId('scholar:05362332738201102290')).toBe(false);
    expect(isCanonicalId('5362332738201102290')).toBe(false);
    expect(isCanonicalId('acl:2020.acl-main.1')).toBe(true);
    expect(isCanonicalId('acl:P19-1001')).toBe(true);
    expect(isCanonicalId('acl:p19-1001')).toBe(false);
    expect(isCanonicalId('ACL:P19-1001')).toBe(false);
    expect(isCanonicalId('https://aclanthology.org/P19-1001/')).toBe(false);
    expect(isCanonicalId(null)).toBe(false);
    expect(isCanonicalId({ id: 'arxiv:2408.03961' })).toBe(false);
  });

  it('answers as canonicalId does for every arXiv-like id (its fast path for new-style ids)', () => {
    const numbers = ['0001', '9999', '00001', '12345', '123', '123456'];
    const months = ['0001', '0412', '0713', '1412', '1501', '1500', '2408', '2413', '9912'];
    const ids = months.flatMap((yymm) => numbers.flatMap((n) => [`arxiv:${yymm}.${n}`, `arxiv:${yymm}.${n}v2`, `ARXIV:${yymm}.${n}`, `arxiv:${yymm}.${n} `]));
    let accepted = 0;
    for (const id of ids) {
      const expected = canonicalId(id) === id;
      expect(isCanonicalId(id), id).toBe(expected);
      if (expected) accepted++;
    }
    // Only the plain forms of 0001, 0412 and 1412 with 4 digits and of 1501, 2408 and 9912 with 5.
    expect(accepted).toBe(12);
  });

  it("gives each id a landing page that names it again, a DOI's own last slash too", () => {
    for (const id of ['arxiv:2408.03961', 'arxiv:hep-th/9901001', 'acl:2020.acl-main.1', 'doi:10.1000/a?b#c', 'doi:10.1000/a/', 'doi:10.1000/a//']) {
      expect(canonicalId(landingUrl(id))).toBe(id);
    }
    expect(landingUrl('doi:10.1000/a/')).toBe('https://doi.org/10.1000/a%2F');
    expect(landingUrl('scholar:42')).toBe('https://scholar.google.com/scholar?cluster=42');
  });

  it('splits scheme and value', () => {
    expect(idScheme('arxiv:hep-th/9901001')).toBe('arxiv');
    expect(idValue('arxiv:hep-th/9901001')).toBe('hep-th/9901001');
    expect(idValue('doi:10.1000/a:b')).toBe('10.1000/a:b');
    expect(idScheme('scholar:42')).toBe('scholar');
    expect(idScheme('acl:2020.acl-main.1')).toBe('acl');
    expect(idValue('acl:2020.acl-main.1')).toBe('2020.acl-main.1');
  });
});
