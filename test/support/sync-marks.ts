/** Marks as a researcher makes them, for sync tests and the sync benchmark. */
import type { SyncedMark } from '../../src/sync/codec';

/** 5,000 marks as a researcher makes them: recent arXiv papers, a few DOIs and ACL ids. */
export function realisticMarks(count: number, now: number): SyncedMark[] {
  const marks: SyncedMark[] = [];
  for (let i = 0; i < count; i++) {
    const month = 2401 + (i % 24) + (i % 24 >= 12 ? 88 : 0); // 2401…2412, 2501…2512
    const id = i % 50 === 49 ? `doi:10.1145/${3_400_000 + i}` : i % 50 === 48 ? `acl:2024.acl-long.${i}` : `arxiv:${month}.${String(10_000 + i * 7).padStart(5, '0')}`;
    const kind = i % 10;
    marks.push({ id, starred: kind < 3, read: kind >= 2 && kind < 8, dismissed: kind === 8, at: now - i * 3_600_000 });
  }
  return marks;
}

