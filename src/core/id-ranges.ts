/**
 * Groups paper ids into a few key ranges, so that looking up the 2,000 ids of a listing costs a
 * handful of range reads instead of 2,000 single reads. Ids on one listing are mostly arXiv ids
 * from the same month with nearby numbers (2411.14395, 2411.14419, …): those form one range;
 * a gap wider than `maxGap` numbers starts a new one, so a range never spans many unrelated
 * papers. Any other id (old-style arXiv, DOI) is a range of its own. Pure.
 */
const NEW_STYLE = /^(arxiv:\d{4}\.)(\d{4,5})$/;

export type IdRange = readonly [low: string, high: string];

export function idRanges(ids: Iterable<string>, maxGap = 1000): IdRange[] {
  const ranges: IdRange[] = [];
  const numbered: Array<{ id: string; prefix: string; n: number }> = [];
  for (const id of new Set(ids)) {
    const m = NEW_STYLE.exec(id);
    if (m) numbered.push({ id, prefix: m[1]! + m[2]!.length, n: Number(m[2]) });
    else ranges.push([id, id]);
  }
  numbered.sort((a, b) => (a.prefix === b.prefix ? a.n - b.n : a.prefix < b.prefix ? -1 : 1));
  let start = numbered[0];
  for (let i = 1; i <= numbered.length; i++) {
    const prev = numbered[i - 1]!;
    const next = numbered[i];
    if (!next || next.prefix !== prev.prefix || next.n - prev.n > maxGap) {
      ranges.push([start!.id, prev.id]);
      start = next;
    }
  }
  return ranges;
}
