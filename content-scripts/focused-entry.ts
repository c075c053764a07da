/**
 * Marks the entry whose control holds the focus (FOCUSED_ATTRIBUTE on each of its elements).
 * The page style keeps such an entry as it is while the user acts on it: a paper dismissed by a
 * click, or by `x` (j / k give the current entry's star the focus), stays in view, dimmed, until
 * the focus leaves its control (a click elsewhere, Tab, j), even where hiding dismissed papers is
 * on, so a mistaken ✕ can be clicked again, or `z` pressed, to undo it.
 */
import { controlHostIn, type AnnotatedEntry } from './page-annotator';

export const FOCUSED_ATTRIBUTE = 'data-paper-radar-focused';

export interface FocusSource {
  entryWithControl(host: Element): AnnotatedEntry | null;
}

export class FocusedEntry {
  private marked: readonly Element[] = [];

  /** One for the document's lifetime, asking whichever session is current (`source`). */
  constructor(
    doc: Document,
    private readonly source: () => FocusSource | null,
  ) {
    // focusout comes before the focusin of the next target, and both before the next style
    // recalculation: moving between an entry's own buttons changes nothing on screen.
    doc.addEventListener('focusout', this.clear, true);
    doc.addEventListener('focusin', this.onFocusIn, true);
  }

  private readonly clear = (): void => {
    for (const el of this.marked) el.removeAttribute(FOCUSED_ATTRIBUTE);
    this.marked = [];
  };

  private readonly onFocusIn = (event: FocusEvent): void => {
    const host = controlHostIn(event);
    const entry = host ? this.source()?.entryWithControl(host) : null;
    if (!entry) return;
    this.clear();
    // Its section's heading too: hidden with the section's last paper, it would move the entry under the pointer.
    this.marked = entry.sectionHeading ? [...entry.elements, entry.sectionHeading] : [...entry.elements];
    for (const el of this.marked) el.setAttribute(FOCUSED_ATTRIBUTE, '');
  };
}
