/**
 * The headings of a listing's sections (arXiv's "Cross submissions for …" or day, an ACL year)
 * with the entries under each. A heading whose every entry the user dismissed is marked
 * (SECTION_DISMISSED_ATTRIBUTE): where dismissed papers are hidden, the page style hides it with
 * them, so no empty section is left behind. A heading with some of its entries dismissed carries
 * their number (DISMISSED_COUNT_ATTRIBUTE): where they are hidden, the page style adds it to the
 * heading ("· 3 dismissed, hidden"), so that arXiv's "(showing 14 of 14 entries)" above 11
 * papers is explained on the page, not only in the popup.
 *
 * Entries under no section heading (arXiv search results, Hugging Face, Google Scholar) are
 * counted on the element that sums up the listing (setListing: "Showing 1–50 of 1,234
 * results", "About 30 results"), which is never hidden: the count is all it gets.
 */
export const SECTION_DISMISSED_ATTRIBUTE = 'data-paper-radar-section-dismissed';
export const DISMISSED_COUNT_ATTRIBUTE = 'data-paper-radar-dismissed-count';

export interface InSection {
  readonly sectionHeading?: Element | undefined;
}

/** The group of the entries under no section heading. */
const LISTING = Symbol('entries under no section heading');
type Group = Element | typeof LISTING;

export class SectionHeadings<T extends InSection> {
  private readonly entriesIn = new Map<Group, Set<T>>();
  /** Groups to count again: once per microtask, however many of their entries changed. */
  private readonly due = new Set<Group>();
  /** Where the entries under no section heading are counted (null: nowhere). */
  private listing: Element | null = null;

  constructor(private readonly isDismissed: (entry: T) => boolean) {}

  /** The element that sums up the listing (see the module's comment); null when it has none. */
  setListing(element: Element | null): void {
    if (element === this.listing) return;
    this.listing?.removeAttribute(DISMISSED_COUNT_ATTRIBUTE);
    this.listing = element;
    if (this.entriesIn.has(LISTING)) this.recheck(LISTING);
  }

  add(entry: T): void {
    const group = entry.sectionHeading ?? LISTING;
    let entries = this.entriesIn.get(group);
    if (!entries) this.entriesIn.set(group, (entries = new Set()));
    entries.add(entry);
    // A new entry is not dismissed until its state is shown (which calls changed): only a
    // heading marked now can change. Checked cheaply, as this runs for every entry of a listing.
    if (group !== LISTING && group.hasAttribute(SECTION_DISMISSED_ATTRIBUTE)) this.recheck(group);
  }

  remove(entry: T): void {
    const group = entry.sectionHeading ?? LISTING;
    const entries = this.entriesIn.get(group);
    if (!entries?.delete(entry)) return;
    if (entries.size === 0) this.entriesIn.delete(group);
    this.recheck(group);
  }

  /** The entry was dismissed, or no longer is. */
  changed(entry: T): void {
    const group = entry.sectionHeading ?? LISTING;
    if (this.entriesIn.get(group)?.has(entry)) this.recheck(group);
  }

  /** Forgets every section and unmarks its heading (the page is left, or annotated anew). */
  clear(): void {
    for (const group of this.entriesIn.keys()) {
      if (group !== LISTING) group.removeAttribute(SECTION_DISMISSED_ATTRIBUTE);
      this.elementOf(group)?.removeAttribute(DISMISSED_COUNT_ATTRIBUTE);
    }
    this.entriesIn.clear();
    this.due.clear();
    this.setListing(null);
  }

  private elementOf(group: Group): Element | null {
    return group === LISTING ? this.listing : group;
  }

  private recheck(group: Group): void {
    if (this.due.size === 0) queueMicrotask(this.update);
    this.due.add(group);
  }

  private readonly update = (): void => {
    for (const group of this.due) {
      const entries = this.entriesIn.get(group);
      let dismissed = 0;
      if (entries) for (const entry of entries) if (this.isDismissed(entry)) dismissed++;
      if (group !== LISTING) group.toggleAttribute(SECTION_DISMISSED_ATTRIBUTE, dismissed > 0 && dismissed === entries!.size);
      const element = this.elementOf(group);
      if (dismissed > 0) element?.setAttribute(DISMISSED_COUNT_ATTRIBUTE, String(dismissed));
      else element?.removeAttribute(DISMISSED_COUNT_ATTRIBUTE);
    }
    this.due.clear();
  };
}
