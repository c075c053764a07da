/**
 * A listing's entries in order of relevance (the popup's *Most relevant first*), as plain DOM
 * work over the entries' elements: which lists the page has, and each list's children with the
 * entries of each section sorted into the places they had. The annotator keeps the site's own
 * order to put back.
 */

/** What the ordering needs of an entry on the page. */
export interface OrderedEntry {
  /** The entry's elements, in page order (arXiv's <dt> and <dd>, a card). */
  readonly elements: readonly Element[];
  /**
   * The group it ranks in, among that group's places: its section (arXiv's new, cross-list or
   * replacement list, an ACL year; null if none), or the batch it arrived in while ordered.
   */
  readonly section: string | null;
  readonly score: number | null;
}

/**
 * Each list on the page (the common parent of all of an entry's elements) and its entries, in
 * page order. Entries whose elements do not share one parent are left where they are.
 */
export function listsOf<T extends OrderedEntry>(entries: readonly T[]): Array<[Element, T[]]> {
  const sorted = [...entries].sort((a, b) => (a.elements[0]!.compareDocumentPosition(b.elements[0]!) & 4 ? -1 : 1)); // DOCUMENT_POSITION_FOLLOWING
  const lists = new Map<Element, T[]>();
  for (const entry of sorted) {
    const list = entry.elements[0]!.parentElement;
    if (!list || !entry.elements.every((el) => el.parentElement === list)) continue;
    const inList = lists.get(list);
    if (inList) inList.push(entry);
    else lists.set(list, [entry]);
  }
  return [...lists];
}

/**
 * A list's children (`children`, in page order) with the entries of each section sorted by
 * relevance into the places they had, most relevant first and unscored ones after in the site's
 * order. Other children (a heading, anything the site put between entries) keep their places.
 */
export function byRelevanceInPlace(children: readonly Element[], entries: readonly OrderedEntry[]): Element[] {
  const sections = bySection(entries);
  // The entry that takes each entry's place (by its first element); the entries' other elements go with them.
  const placeOf = new Map<Element, OrderedEntry>();
  const entryElements = new Set<Element>();
  for (const inSection of sections.values()) {
    const best = bestFirst(inSection);
    inSection.forEach((entry, i) => placeOf.set(entry.elements[0]!, best[i]!));
    for (const entry of inSection) for (const el of entry.elements) entryElements.add(el);
  }
  const order: Element[] = [];
  for (const child of children) {
    const filler = placeOf.get(child);
    if (filler) order.push(...filler.elements);
    else if (!entryElements.has(child)) order.push(child);
  }
  return order;
}

/**
 * Puts a list's entries in order of relevance as byRelevanceInPlace orders its children. Each
 * element moves with the nodes just before it: a framework's anchor comment (the Svelte of
 * Hugging Face's grid keeps one before each card), whitespace. Left behind, they ended bunched
 * at the list's start, and stayed so once the site's order was back.
 */
export function sortInPlace(list: Element, entries: readonly OrderedEntry[]): void {
  const before = new Map<Element, ChildNode[]>();
  let pending: ChildNode[] = [];
  for (const node of list.childNodes) {
    if (node.nodeType !== 1) {
      pending.push(node);
      continue;
    }
    before.set(node as Element, pending);
    pending = [];
  }
  list.append(...byRelevanceInPlace([...list.children], entries).flatMap((el) => [...(before.get(el) ?? []), el]), ...pending);
}

/** Entries by their section, each section's in the order given. */
function bySection(entries: readonly OrderedEntry[]): Map<string | null, OrderedEntry[]> {
  const sections = new Map<string | null, OrderedEntry[]>();
  for (const entry of entries) {
    const inSection = sections.get(entry.section);
    if (inSection) inSection.push(entry);
    else sections.set(entry.section, [entry]);
  }
  return sections;
}

/** A section's entries most relevant first, unscored ones after in the site's order (a stable sort). */
function bestFirst<T extends OrderedEntry>(inSection: readonly T[]): T[] {
  return [...inSection].sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
}

/** Marks the jump targets keepJumpTargets adds, taken away with the site's order. */
export const JUMP_TARGET_ATTRIBUTE = 'data-paper-radar-jump';

/**
 * Keeps the site's links to a section's start going there once the list is ordered by relevance
 * (`inList`, its entries in site order, as byRelevanceInPlace ordered them): arXiv's "Cross-lists"
 * link goes to #item29, the `<a name="item29">[29]</a>` of the section's first entry, which moved
 * down with its entry. An element with that id at the start of the section's new first entry is
 * where the browser goes instead (an id is found before a name). Returns them, to be removed when
 * the site's order is back.
 */
export function keepJumpTargets(inList: readonly OrderedEntry[], doc: Document): Element[] {
  const added: Element[] = [];
  for (const inSection of bySection(inList).values()) {
    const was = inSection[0]!;
    const now = bestFirst(inSection)[0]!;
    if (now === was) continue;
    for (const target of was.elements[0]!.querySelectorAll('a[name]')) {
      const jump = doc.createElement('span');
      jump.id = target.getAttribute('name')!;
      jump.setAttribute(JUMP_TARGET_ATTRIBUTE, '');
      now.elements[0]!.prepend(jump);
      added.push(jump);
    }
  }
  return added;
}

/**
 * A list's nodes in the site's order again: `saved`, its nodes when ordering began (with the paper
 * each entry's element showed, `savedIds`), as `current`, its nodes now, has them. A node the site
 * put in place of a saved one of the same paper (a card rendered anew while ordered) takes that
 * one's place; any other node it added meanwhile (more cards as the user scrolled) goes before the
 * saved node it comes before now (the block of links a site keeps after its cards), or at the end.
 * Before, all of them went to the end: after the site's pagination, a card rendered anew last.
 */
export function siteOrderOf<N>(saved: readonly N[], savedIds: ReadonlyMap<N, string>, current: readonly N[], idOf: (node: N) => string | undefined): N[] {
  const here = new Set(current);
  const wasSaved = new Set(saved);
  // The saved nodes that left, by the paper they showed, in page order.
  const gone = new Map<string, N[]>();
  for (const node of saved) {
    const id = savedIds.get(node);
    if (id !== undefined && !here.has(node)) gone.set(id, [...(gone.get(id) ?? []), node]);
  }
  const inPlaceOf = new Map<N, N>();
  const placed = new Set<N>();
  for (const node of current) {
    const id = wasSaved.has(node) ? undefined : idOf(node);
    const slot = id === undefined ? undefined : gone.get(id)?.shift();
    if (slot === undefined) continue;
    inPlaceOf.set(slot, node);
    placed.add(node);
  }
  const before = new Map<N, N[]>();
  let waiting: N[] = [];
  for (const node of current) {
    if (!wasSaved.has(node) && !placed.has(node)) waiting.push(node);
    else if (waiting.length > 0) {
      before.set(node, waiting);
      waiting = [];
    }
  }
  const order: N[] = [];
  for (const node of saved) {
    const put = here.has(node) ? node : inPlaceOf.get(node);
    if (put !== undefined) order.push(...(before.get(put) ?? []), put);
  }
  return [...order, ...waiting];
}
