/**
 * The headings of a listing's sections (arXiv's "Cross submissions for …" or day, an ACL year)
 * with the entries under each. A heading whose every entry the user dismissed is marked
 * (SECTION_DISMISSED_ATTRIBUTE): where dismissed papers are hidden, the page style hides it with
 * them, so no empty section is left behind.
 */
export const SECTION_DISMISSED_ATTRIBUTE = 'data-paper-radar-section-dismissed';

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
    for (const heading of this.entriesUnder.keys()) heading.removeAttribute(SECTION_DISMISSED_ATTRIBUTE);
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
      let all = entries !== undefined && entries.size > 0;
      if (all) for (const entry of entries!) if (!this.isDismissed(entry)) all = false;
      heading.toggleAttribute(SECTION_DISMISSED_ATTRIBUTE, all);
    }
    this.due.clear();
  };
}
