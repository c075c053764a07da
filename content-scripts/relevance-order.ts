/**
 * A listing's entries in order of relevance (the popup's *Most relevant first*). First as plain
 * DOM work over the entries' elements: which lists the page has, and each list's children with
 * the entries of each section sorted into the places they had. Then RelevanceOrder, which the
 * page's annotator keeps: it puts the entries in order, keeps the site's own order to put back,
 * and orders again as scores change and entries arrive.
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

/** What RelevanceOrder needs of an annotated entry. */
export interface OrderableEntry {
  readonly id: string;
  readonly elements: readonly Element[];
}

/** What RelevanceOrder asks of the page's annotator. */
export interface OrderingPage<E extends OrderableEntry> {
  readonly doc: Document;
  /** Every entry annotated on the page. */
  entries(): E[];
  /** The entry's section (ExtractedEntry.section). */
  sectionOf(entry: E): string | null;
  /** Whether this entry is still annotated on the page (one that arrived may have left since). */
  annotated(entry: E): boolean;
  /** The paper's relevance shown now (null: none) and whether it is dismissed; undefined when it is not on the page. */
  rank(id: string): { score: number | null; dismissed: boolean } | undefined;
  /** The paper an element shows, when it is an entry's element. */
  paperOf(element: Element): string | undefined;
  /** Runs a change that moves entries, unseen by the page watcher (it is ours, not the site's). */
  unwatched(change: () => void): void;
  /** Resolves once the entries annotated so far have their scores. */
  scored(): Promise<void>;
}

/** Each list put in order: the list, its nodes in the site's order, and the paper each entry's element among them shows. */
type SiteOrder = Array<[Element, ChildNode[], Map<ChildNode, string>]>;

/**
 * A listing shown in order of relevance, and the site's order kept to put back: the popup's
 * *Most relevant first* on one page. Entries move whole (all their elements, with their
 * controls) and only within their section: a year's papers stay under their year's heading on
 * an ACL author page. The focus stays where it was.
 */
export class RelevanceOrder<E extends OrderableEntry> {
  private siteOrder: SiteOrder | null = null;
  /** The section starts' link targets added while ordered (keepJumpTargets). */
  private readonly jumpTargets: Element[] = [];
  /** The scores the entries were put in order by. */
  private orderedScores = new Map<string, number | null>();
  /** How many times the user marked an entry here, and how many times when the entries were put in order. */
  private actions = 0;
  private actionsWhenOrdered = 0;
  /** The batch each entry that arrived while ordered came in (arrived). */
  private arrivalBatch = new WeakMap<E, number>();
  private arrivalBatches = 0;
  private destroyed = false;

  constructor(private readonly page: OrderingPage<E>) {}

  /** Whether the entries are shown in order of relevance. */
  get on(): boolean {
    return this.siteOrder !== null;
  }

  /** Puts the entries in order of relevance, or back in the site's own order. */
  set(on: boolean): void {
    if (on === this.on) return;
    this.arrivalBatch = new WeakMap(); // a new order: every entry on the page ranks with all the others
    this.keepingFocus(() => this.putInOrder(on));
  }

  /** The user marked an entry here (a star, a dismissal): the entries stop moving under them (scoresChanged). */
  userActed(): void {
    this.actions++;
  }

  /**
   * Entries just annotated. While in order of relevance (more cards as the user scrolled down),
   * they are put in order among themselves, in the places they arrived in, once scored: call the
   * function returned then. Not among the entries above: the best of them would go where the
   * user has already scrolled past, unseen. Not if the user marked an entry since they arrived
   * (the entry acted on stays where it is). Null when not in order of relevance. An entry the site
   * drew again for a paper already in order (new elements, the same paper) is no arrival: it stays
   * where the site drew it, and ranks with its section when the entries are sorted again.
   */
  arrived(entries: readonly E[]): (() => void) | null {
    const ordering = this.siteOrder;
    if (ordering === null) return null;
    const actionsBefore = this.actions;
    const batch = ++this.arrivalBatches;
    const arrivals = entries.filter((entry) => !this.orderedScores.has(entry.id));
    for (const entry of arrivals) this.arrivalBatch.set(entry, batch);
    return () => this.orderArrivals(arrivals, ordering, actionsBefore);
  }

  /**
   * The scores changed: in order of relevance, sorted again where they moved; the focus stays
   * where it was. `unlessActed`: not once the user has marked an entry here since (a star or
   * dismissal retrains the model, and the new scores would move the entry acted on, and the list,
   * under them as they go down it: the dismissed entry to the end); the new interests typed in
   * the options page do.
   */
  scoresChanged(unlessActed: boolean): void {
    if (this.destroyed || !this.on || (unlessActed && this.actions !== this.actionsWhenOrdered)) return;
    const moved = [...this.orderedScores].some(([id, score]) => {
      const rank = this.page.rank(id);
      return rank !== undefined && rank.score !== score;
    });
    if (!moved) return;
    this.keepingFocus(() => {
      this.putInOrder(false);
      this.putInOrder(true);
    });
  }

  /** The site's own order back, for good: the next session on this document starts from it. */
  destroy(): void {
    this.set(false);
    this.destroyed = true;
  }

  private putInOrder(on: boolean): void {
    this.page.unwatched(() => {
      if (on) {
        const order: SiteOrder = (this.siteOrder = []);
        const entries = this.ordered(this.page.entries());
        // Asked for before every score had come (the popup clicked as the page loads): sorted
        // again once they have, where they moved (not for a paper dismissed meanwhile: the entry
        // the user acts on stays where it is). So after a rescore (scoresChanged).
        this.orderedScores = new Map(entries.map((entry) => [entry.id, entry.shownScore]));
        this.actionsWhenOrdered = this.actions;
        void this.page.scored().then(() => {
          if (this.siteOrder === order) this.scoresChanged(false);
        });
        for (const [list, inList] of listsOf(entries)) {
          const nodes = [...list.childNodes];
          order.push([list, nodes, this.papersOfNodes(nodes)]);
          sortInPlace(list, inList);
          this.jumpTargets.push(...keepJumpTargets(inList, this.page.doc));
        }
      } else {
        for (const [list, nodes, ids] of this.siteOrder!) list.append(...siteOrderOf(nodes, ids, [...list.childNodes], this.paperOfNode));
        this.siteOrder = null;
        for (const target of this.jumpTargets.splice(0)) target.remove();
      }
    });
  }

  private orderArrivals(arrived: readonly E[], ordering: SiteOrder, actionsBefore: number): void {
    if (this.destroyed || this.siteOrder !== ordering || this.actions !== actionsBefore) return;
    const entries = this.ordered(arrived.filter((entry) => this.page.annotated(entry)));
    if (entries.every((entry) => entry.score === null)) return; // nothing to order by
    this.keepingFocus(() =>
      this.page.unwatched(() => {
        for (const [list, inList] of listsOf(entries)) {
          // The site's order with the arrivals in it, to put back: as it would be put back now.
          const kept = ordering.find(([saved]) => saved === list);
          const nodes = kept ? siteOrderOf(kept[1], kept[2], [...list.childNodes], this.paperOfNode) : [...list.childNodes];
          if (kept) [kept[1], kept[2]] = [nodes, this.papersOfNodes(nodes)];
          else ordering.push([list, nodes, this.papersOfNodes(nodes)]);
          sortInPlace(list, inList);
        }
      }),
    );
    for (const entry of entries) this.orderedScores.set(entry.id, entry.shownScore);
  }

  /**
   * What the ordering needs of these entries. A dismissed paper is no longer a relevant one (its
   * highlight goes, J and K pass it): it goes after the scored ones, in the site's order. Each
   * batch that arrived while ordered ranks apart, in its own places (arrived).
   */
  private ordered(entries: readonly E[]): Array<OrderedEntry & { id: string; shownScore: number | null }> {
    return entries.map((entry) => {
      const { score: shownScore = null, dismissed = false } = this.page.rank(entry.id) ?? {};
      const batch = this.arrivalBatch.get(entry);
      const section = batch === undefined ? this.page.sectionOf(entry) : `${this.page.sectionOf(entry) ?? ''}\u0000${batch}`;
      return { id: entry.id, elements: entry.elements, section, score: dismissed ? null : shownScore, shownScore };
    });
  }

  /**
   * Runs a change that moves elements, giving the focus back (without scrolling) to the element
   * that had it: moving an element takes the focus from what is inside it.
   */
  private keepingFocus(change: () => void): void {
    let focused = this.page.doc.activeElement;
    while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
    change();
    if (focused instanceof HTMLElement && focused.isConnected && this.page.doc.activeElement !== focused) focused.focus({ preventScroll: true });
  }

  /** The paper a list's node shows (undefined: no entry's element). */
  private readonly paperOfNode = (node: ChildNode): string | undefined => (node.nodeType === 1 ? this.page.paperOf(node as Element) : undefined);

  /** The paper each of these nodes shows, for those that are an entry's element (siteOrderOf's savedIds). */
  private papersOfNodes(nodes: readonly ChildNode[]): Map<ChildNode, string> {
    const ids = new Map<ChildNode, string>();
    for (const node of nodes) {
      const id = this.paperOfNode(node);
      if (id !== undefined) ids.set(node, id);
    }
    return ids;
  }
}
