/**
 * The headings of a listing's sections (arXiv's "Cross submissions for …" or day, an ACL year)
 * with the entries under each. A heading whose every entry the user dismissed is marked
 * (SECTION_DISMISSED_ATTRIBUTE): where dismissed papers are hidden, the page style hides it with
 * them, so no empty section is left behind. A heading with some of its entries dismissed carries
 * their number (DISMISSED_COUNT_ATTRIBUTE): where they are hidden, the page style adds it to the
 * heading ("· 3 dismissed, hidden"), so that arXiv's "(showing 14 of 14 entries)" above 11
 * papers is explained on the page, not only in the popup.
 */
export const SECTION_DISMISSED_ATTRIBUTE = 'data-paper-radar-section-dismissed';
export const DISMISSED_COUNT_ATTRIBUTE = 'data-paper-radar-dismissed-count';

export interface InSection {
  readonly sectionHeading?: Element | undefined;
}

export class SectionHeadings<T extends InSection> {
  private readonly entriesUnder = new Map<Element, Set<T>>();
  /** Headings to look at again: once per microtask, however many of their entries changed. */
  private readonly due = new Set<Element>();

  constructor(private readonly isDismissed: (entry: T) => boolean) {}

  add(entry: T): void {
    const heading = entry.sectionHeading;
    if (!heading) return;
    let entries = this.entriesUnder.get(heading);
    if (!entries) this.entriesUnder.set(heading, (entries = new Set()));
    entries.add(entry);
    // A new entry is not dismissed until its state is shown (which calls changed): only a
    // heading marked now can change. Checked cheaply, as this runs for every entry of a listing.
    if (heading.hasAttribute(SECTION_DISMISSED_ATTRIBUTE)) this.recheck(heading);
  }

  remove(entry: T): void {
    const heading = entry.sectionHeading;
    const entries = heading ? this.entriesUnder.get(heading) : undefined;
    if (!heading || !entries?.delete(entry)) return;
    if (entries.size === 0) this.entriesUnder.delete(heading);
    this.recheck(heading);
  }

  /** The entry was dismissed, or no longer is. */
  changed(entry: T): void {
    if (entry.sectionHeading && this.entriesUnder.get(entry.sectionHeading)?.has(entry)) this.recheck(entry.sectionHeading);
  }

  /** Forgets every section and unmarks its heading (the page is left, or annotated anew). */
  clear(): void {
    for (const heading of this.entriesUnder.keys()) {
      heading.removeAttribute(SECTION_DISMISSED_ATTRIBUTE);
      heading.removeAttribute(DISMISSED_COUNT_ATTRIBUTE);
    }
    this.entriesUnder.clear();
    this.due.clear();
  }

  private recheck(heading: Element): void {
    if (this.due.size === 0) queueMicrotask(this.update);
    this.due.add(heading);
  }

  private readonly update = (): void => {
    for (const heading of this.due) {
      const entries = this.entriesUnder.get(heading);
      let dismissed = 0;
      if (entries) for (const entry of entries) if (this.isDismissed(entry)) dismissed++;
      heading.toggleAttribute(SECTION_DISMISSED_ATTRIBUTE, dismissed > 0 && dismissed === entries!.size);
      if (dismissed > 0) heading.setAttribute(DISMISSED_COUNT_ATTRIBUTE, String(dismissed));
      else heading.removeAttribute(DISMISSED_COUNT_ATTRIBUTE);
    }
    this.due.clear();
  };
}
