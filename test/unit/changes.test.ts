/** The notices the worker sends about changes: only well-formed ones are believed. */
import { describe, expect, it } from 'vitest';
import { changedIds, SEEN_NOTICE, seenIds } from '../../src/changes';

describe('change and seen notices', () => {
  it('a change notice names its ids, or none when they are not all strings', () => {
    expect(changedIds({ ids: ['arxiv:2408.00001'], at: 1 })).toEqual(['arxiv:2408.00001']);
    expect(changedIds({ ids: ['arxiv:2408.00001', 7], at: 1 })).toBeNull();
    expect(changedIds({ ids: 'arxiv:2408.00001' })).toBeNull();
    expect(changedIds(null)).toBeNull();
    expect(changedIds(undefined)).toBeNull();
  });

  it('a seen notice is told from other messages by its type, and needs ids that are all strings', () => {
    expect(seenIds({ type: SEEN_NOTICE, ids: ['arxiv:2408.00001', 'doi:10.1000/x'] })).toEqual(['arxiv:2408.00001', 'doi:10.1000/x']);
    // A request another extension page sent the worker (the library page hears those too).
    expect(seenIds({ type: 'markSeen', ids: ['arxiv:2408.00001'] })).toBeNull();
    expect(seenIds({ ids: ['arxiv:2408.00001'] })).toBeNull();
    expect(seenIds({ type: SEEN_NOTICE, ids: [{}] })).toBeNull();
    expect(seenIds({ type: SEEN_NOTICE })).toBeNull();
    expect(seenIds('paperRadar.seen')).toBeNull();
    expect(seenIds(null)).toBeNull();
  });
});
