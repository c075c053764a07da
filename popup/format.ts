/** How papers are written in the library's lists (short author lists, dates). */
const MAX_AUTHORS_SHOWN = 4;

export function formatAuthors(authors: readonly string[]): string {
  if (authors.length <= MAX_AUTHORS_SHOWN) return authors.join(', ');
  return `${authors.slice(0, MAX_AUTHORS_SHOWN - 1).join(', ')}, … (${authors.length} authors)`;
}

export function formatDate(time: number | null): string {
  if (time === null) return '';
  return new Date(time).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}
