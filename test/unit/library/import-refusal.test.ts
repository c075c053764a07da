/**
 * The import's last check: a paper a reader made that the background would refuse (it would
 * refuse the whole importLibrary message) is named in an error instead. The readers keep their
 * papers valid (import.test.ts), so a reader is made to break here: seedRecord, mocked, leaves
 * the link blank.
 */
import { expect, it, vi } from 'vitest';
import { parseImport } from '../../../src/library/import';

vi.mock('../../../src/library/seed', async (importOriginal) => {
  const seed = await importOriginal<typeof import('../../../src/library/seed')>();
  return { ...seed, seedRecord: (...args: Parameters<typeof seed.seedRecord>) => ({ ...seed.seedRecord(...args), url: '' }) };
});

it('names the paper the background would refuse, and imports nothing', () => {
  expect(parseImport('2408.00001\n2408.00002\n', 'ids.txt', 0)).toEqual({ ok: false, message: 'Paper arxiv:2408.00001 cannot be imported: url must be an http(s) URL' });
});
