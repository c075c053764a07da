/** The last change wins per paper, the same way on every device, and nothing is deleted by absence. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareMarks, syncTime, type SyncedMark } from '../../../src/sync/codec';
import { mergeMarks } from '../../../src/sync/merge';
import { EMPTY_STATE, withFlag, type PaperState } from '../../../src/core/paper';

const T = Date.UTC(2026, 10, 29);
const m = (id: string, flags: Partial<SyncedMark>, at: number): SyncedMark => ({ id, starred: false, read: false, dismissed: false, ...flags, at });
const byId = (marks: SyncedMark[]) => new Map(marks.map((x) => [x.id, x]));

describe('mergeMarks', () => {
  it('the later change wins, whole; a paper on one side only is kept; ties at one second go the same way everywhere', () => {
    const local = [m('arxiv:1', { starred: true }, T + 5_000), m('arxiv:2', { read: true }, T), m('arxiv:3', { starred: true }, T), m('arxiv:5', { read: true }, T + 100)];
    const remote = [m('arxiv:1', {}, T + 1_000), m('arxiv:2', { dismissed: true }, T + 9_000), m('arxiv:4', { starred: true }, T), m('arxiv:5', { starred: true }, T + 900)];
    const { merged, toLocal } = mergeMarks(local, byId(remote));
    expect(byId(merged)).toEqual(byId([local[0]!, remote[1]!, local[2]!, remote[2]!, local[3]!]));
    // arxiv:5: same second, {starred} (code 1) vs {read} (code 2): read wins on both devices.
    expect(byId(merged).get('arxiv:5')).toEqual(local[3]);
    expect(toLocal).toEqual([remote[1], remote[2]]);
  });

  it('a decision made on a device whose clock is behind still wins over the mark it replaced', () => {
    // Device A, its clock right, stars at T + 10 min; the star syncs to device B, 10 min behind.
    const starredOnA = withFlag({ ...EMPTY_STATE }, 'starred', true, T + 600_000);
    const onB = { ...starredOnA }; // applied from sync
    // The user unstars on B a minute later: B's clock says T + 60 s.
    const unstarredOnB = withFlag(onB, 'starred', false, T + 60_000);
    expect(unstarredOnB.marksAt).toBe(T + 601_000); // a whole second after the star, not B's clock
    const mark = (id: string, state: PaperState): SyncedMark => ({ id, starred: state.starred, read: state.read, dismissed: state.dismissed, at: state.marksAt! });
    const { merged } = mergeMarks([mark('arxiv:1', unstarredOnB)], byId([mark('arxiv:1', starredOnA)]));
    expect(merged[0]).toMatchObject({ starred: false }); // the unstar, on both devices
    // With its clock ahead, a device dates its changes by its clock as before.
    expect(withFlag(starredOnA, 'read', true, T + 700_000).marksAt).toBe(T + 700_000);
  });

  it('devices that exchange marks end up with the same marks, whatever the order (property)', () => {
    const ids = fc.constantFrom('arxiv:a', 'arxiv:b', 'arxiv:c', 'arxiv:d');
    const mark = fc.record({ id: ids, starred: fc.boolean(), read: fc.boolean(), dismissed: fc.boolean(), at: fc.integer({ min: T, max: T + 10_000 }) });
    const device = fc.array(mark, { maxLength: 6 }).map((marks) => byId(marks));
    fc.assert(
      fc.property(device, device, (a, b) => {
        // a syncs first (storage ← a), then b merges and writes, then a merges again.
        const afterA = mergeMarks(a.values(), new Map()).merged;
        const afterB = mergeMarks(b.values(), byId(afterA));
        const bLocal = new Map(b);
        for (const x of afterB.toLocal) bLocal.set(x.id, x);
        const afterA2 = mergeMarks(a.values(), byId(afterB.merged));
        const aLocal = new Map(a);
        for (const x of afterA2.toLocal) aLocal.set(x.id, x);
        const norm = (marks: Map<string, SyncedMark>) => [...marks.values()].map((x) => ({ ...x, at: syncTime(x.at) })).sort((p, q) => (p.id < q.id ? -1 : 1));
        expect(norm(aLocal).map(({ id, starred, read, dismissed, at }) => ({ id, starred, read, dismissed, at }))).toEqual(
          norm(bLocal).map(({ id, starred, read, dismissed, at }) => ({ id, starred, read, dismissed, at })),
        );
        // Each paper holds the winner of both devices' marks.
        for (const [id, x] of aLocal) {
          const candidates = [a.get(id), b.get(id)].filter((y): y is SyncedMark => y !== undefined);
          expect(candidates.every((y) => compareMarks(x, y) >= 0)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
