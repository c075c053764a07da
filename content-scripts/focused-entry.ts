/**
 * Marks the entry whose control holds the focus (FOCUSED_ATTRIBUTE on each of its elements, and
 * on its paper's other entries on the page).
 * The page style keeps such an entry as it is while the user acts on it: a paper dismissed by a
 * click, or by `x` (j / k give the current entry's star the focus), stays in view, dimmed, until
 * the focus leaves its control (a click elsewhere, Tab, j), even where hiding dismissed papers is
 * on, so a mistaken ✕ can be clicked again, or `z` pressed, to undo it.
 *
 * When a pointer takes the focus away (pressed on the next paper's ✕), the entry stays marked
 * until the pointer is released and its click delivered: hidden as the button went down, it
 * would move what followed it up under the pointer, the button would come up over another
 * element, and the click would be lost (every second ✕ in a row did nothing).
 *
 * The keyboard help (`?`) takes the focus and gives it back when closed: the entry stays marked
 * meanwhile (a paper dismissed by mistake, then `?` to look up the key that undoes it, vanished
 * with the help open, and the focus given back to its hidden button was lost).
 */
import { controlHostIn, type AnnotatedEntry } from './page-annotator';
import { HELP_ATTRIBUTE } from './ui/styles';

export const FOCUSED_ATTRIBUTE = 'data-paper-radar-focused';

/** How long entries the focus left stay after a pointer's release that made no click. */
const RELEASE_WITHOUT_CLICK_MS = 300;

export interface FocusSource {
  entryWithControl(host: Element): AnnotatedEntry | null;
  entriesOf(id: string): readonly AnnotatedEntry[];
}

export class FocusedEntry {
  private marked: readonly Element[] = [];
  /** Entries the focus left while a pointer was down, kept marked until it is released. */
  private lingering: Element[] = [];
  private pointerDown = false;
  private readonly listening = new AbortController();

  /** One for the document's lifetime (or the script's: destroy), asking whichever session is current (`source`). */
  constructor(
    doc: Document,
    private readonly source: () => FocusSource | null,
  ) {
    const options = { capture: true, signal: this.listening.signal };
    // focusout comes before the focusin of the next target, and both before the next style
    // recalculation: moving between an entry's own buttons changes nothing on screen.
    doc.addEventListener('focusout', this.clear, options);
    doc.addEventListener('focusin', this.onFocusIn, options);
    // The main button only: a right click opens a context menu, which takes the release for itself.
    doc.addEventListener('pointerdown', (event) => void (event.button === 0 && (this.pointerDown = true)), options);
    const released = () => {
      this.pointerDown = false;
      // A release that makes no click (a drag, a text selection) lets them go after a while.
      setTimeout(this.unlinger, RELEASE_WITHOUT_CLICK_MS);
    };
    doc.addEventListener('pointerup', released, options);
    doc.addEventListener('pointercancel', released, options);
    // So does a context menu opened by the main button (Ctrl-click on a Mac): the page never gets
    // that release, and the focus moved by keys afterwards would never take the marks along.
    doc.addEventListener('contextmenu', released, options);
    // After the click is delivered: a mouse's comes in the same task as its release, a tap's may
    // come in a later one.
    doc.addEventListener('click', () => setTimeout(this.unlinger, 0), options);
  }

  /** Stops listening (a copy of the script cut off from the extension: main.ts). */
  destroy(): void {
    this.listening.abort();
  }

  private readonly clear = (event?: FocusEvent): void => {
    const to = event?.relatedTarget;
    // Kept when the focus goes to the keyboard help (it gives the focus back), or within the
    // entry marked (another of its buttons, back from the help): Chromium checks that the element
    // taking the focus can still take it after this focusout, and an entry hidden here could not.
    if (to instanceof Element && (to.hasAttribute(HELP_ATTRIBUTE) || this.marked.some((el) => el.contains(to)))) return;
    if (this.pointerDown) this.lingering.push(...this.marked);
    else for (const el of this.marked) el.removeAttribute(FOCUSED_ATTRIBUTE);
    this.marked = [];
  };

  private readonly unlinger = (): void => {
    if (this.pointerDown) return; // pressed again meanwhile: its own release comes
    for (const el of this.lingering) if (!this.marked.includes(el)) el.removeAttribute(FOCUSED_ATTRIBUTE);
    this.lingering = [];
  };

  private readonly onFocusIn = (event: FocusEvent): void => {
    const host = controlHostIn(event);
    const source = this.source();
    const entry = host ? source?.entryWithControl(host) : null;
    if (!entry) return;
    this.clear();
    // Every entry of the paper (one listed again among the cross-lists, above, would vanish and
    // move this one under the pointer), and their sections' headings: hidden with a section's
    // last paper, one would do the same.
    const copies = source!.entriesOf(entry.id);
    this.marked = (copies.includes(entry) ? copies : [entry]).flatMap((copy) => (copy.sectionHeading ? [...copy.elements, copy.sectionHeading] : [...copy.elements]));
    for (const el of this.marked) el.setAttribute(FOCUSED_ATTRIBUTE, '');
  };
}
