import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packPageState, pageStateOf, unpackPageState, type PageState } from '../../src/core/paper';

const pageState: fc.Arbitrary<PageState> = fc.record({
  starred: fc.boolean(),
  read: fc.boolean(),
  dismissed: fc.boolean(),
  firstSeenAt: fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: null }),
});

describe('page states as the background sends them', () => {
  it('unpack(pack(s)) is s, through JSON as messages carry it (property)', () => {
    fc.assert(
      fc.property(pageState, (s) => {
        expect(unpackPageState(JSON.parse(JSON.stringify(packPageState(s))))).toEqual(s);
      }),
    );
    expect(packPageState({ starred: true, read: false, dismissed: true, firstSeenAt: 5 })).toEqual([5, 5]);
  });

  it('pageStateOf keeps only what a page needs', () => {
    expect(pageStateOf({ starred: true, read: false, dismissed: false, firstSeenAt: null, note: 'x' } as PageState)).toEqual({ starred: true, read: false, dismissed: false, firstSeenAt: null });
  });
});
