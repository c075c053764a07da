import { describe, expect, it } from 'vitest';
import { canonicalId, idScheme, idValue, isCanonicalId, parseArxivId, parseDoi } from '../../src/core/ids';

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
    ['10.1000/xyz.', '10.1000/xyz'],
  ])('%s → %s', (input, expected) => {
    expect(parseDoi(input)).toBe(expected);
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
  ])('%s → %s', (input, expected) => {
    expect(canonicalId(input)).toBe(expected);
  });

  it.each(['', 'paper', 'doi:nonsense', '10.48550/arXiv.9999.99999', 'scholar:123', 'arxiv:'])('rejects %j', (input) => {
    expect(canonicalId(input)).toBeNull();
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
    expect(isCanonicalId(null)).toBe(false);
    expect(isCanonicalId({ id: 'arxiv:2408.03961' })).toBe(false);
  });

  it('splits scheme and value', () => {
    expect(idScheme('arxiv:hep-th/9901001')).toBe('arxiv');
    expect(idValue('arxiv:hep-th/9901001')).toBe('hep-th/9901001');
    expect(idValue('doi:10.1000/a:b')).toBe('10.1000/a:b');
  });
});
