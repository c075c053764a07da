/**
 * What a copy of the content script left in the page when it was cut off without the chance to
 * clean up after itself. Firefox takes an add-on's scripts away when it is turned off, removed or
 * updated, and leaves what they put in the page: the controls, the keyboard's help and notices,
 * the marks on the page's own elements (and a listing it ordered by relevance stays in that
 * order). While the add-on is off, its page style hides them (see PAGE_CSS_IN_MANIFEST in
 * ui/styles.ts). When a new copy starts in that page (the add-on turned on again, or updated), it
 * takes them off before it annotates: no dead help panel covers the page, and no entry keeps a
 * mark its paper no longer has (the new copy marks what still holds). The old controls are
 * replaced by the annotator (removeCopies). In Chrome the old copy hears the new one start and
 * cleans up after itself (stopIfOrphaned in main.ts), so this finds nothing there.
 */
import { CURRENT_ATTRIBUTE } from './keyboard-triage';
import { FOCUSED_ATTRIBUTE } from './focused-entry';
import { MARK_ATTRIBUTES, RELEVANCE_PROPERTY } from './page-annotator';
import { JUMP_TARGET_ATTRIBUTE } from './relevance-order';
import { DISMISSED_COUNT_ATTRIBUTE, SECTION_DISMISSED_ATTRIBUTE } from './section-headings';
import { HEADING_NAMED_SELECTOR, restoreHeadingName } from './ui/heading-name';
import { HELP_ATTRIBUTE, NOTICE_ATTRIBUTE } from './ui/styles';

/** Attributes set on the page's own elements (entries, section headings), besides the root's, which every copy sets anew. */
const PAGE_ELEMENT_ATTRIBUTES = [...MARK_ATTRIBUTES, CURRENT_ATTRIBUTE, FOCUSED_ATTRIBUTE, SECTION_DISMISSED_ATTRIBUTE, DISMISSED_COUNT_ATTRIBUTE];
/** Elements of ours outside the controls: the keyboard's corner panels, the jump targets of a listing ordered by relevance. */
const ADDED_ELEMENTS = `[${HELP_ATTRIBUTE}], [${NOTICE_ATTRIBUTE}], [${JUMP_TARGET_ATTRIBUTE}]`;

export function sweepLeftovers(doc: Document): void {
  for (const added of doc.querySelectorAll(ADDED_ELEMENTS)) added.remove();
  for (const heading of doc.querySelectorAll(HEADING_NAMED_SELECTOR)) restoreHeadingName(heading);
  for (const attribute of PAGE_ELEMENT_ATTRIBUTES) for (const el of doc.querySelectorAll(`[${attribute}]`)) el.removeAttribute(attribute);
  for (const el of doc.querySelectorAll<HTMLElement>(`[style*="${RELEVANCE_PROPERTY}"]`)) el.style.removeProperty(RELEVANCE_PROPERTY);
}
