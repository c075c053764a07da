/**
 * Styles of the injected UI, all in PAGE_CSS, the one stylesheet we add to the page (in Firefox,
 * declared in the manifest: see PAGE_CSS_IN_MANIFEST), except what only a relevance badge or an
 * error mark needs (SLOT_CSS, adopted by a control's shadow root when it first shows one).
 *
 * The controls' buttons are styled from the page's stylesheet through shadow parts
 * (`::part(button)`): the page's own CSS cannot reach into the shadow root, and ours needs no
 * stylesheet per control. Giving each of 2,000 shadow roots the shared constructed sheet cost
 * ≈ 6 ms (one adoptedStyleSheets assignment per control; measured in an isolated world on the
 * 2,000-entry listing), a `<style>` in each cost as much again when inserted. A part cannot be
 * selected by attribute, so a button says its action and whether it is pressed in its part
 * names ("button star star-pressed"). The buttons' symbols cannot be selected, so text copied
 * from a listing has only the page's words; their words ("read", "✓ read", "dismissed") and a
 * badge's are drawn here (`content`), so find-in-page finds only the page's words too. Drawing
 * every button's text so (6,000 pseudo-elements on 2,000 entries) made the frame after
 * annotating 30–45 ms longer; drawing only the read button's word (one each, in place of its
 * text node) left it within the noise (`npm run bench -- relayout`: 306 vs 315 ms to the next
 * frame, 186.5 vs 197.9 ms of style and layout, one run each). A page whose CSP forbids inline
 * styles still gets this stylesheet: Chromium and Firefox exempt a content script's own
 * (tested in Chromium by arxiv-listing.test.ts; seen by hand in Firefox ESR 140).
 *
 * The rest of PAGE_CSS marks whole entries (dims read ones, outlines the keyboard's current
 * one) through data attributes we set on the entry's own elements, and never changes their
 * size, so the site's layout does not move (outline and scroll-margin take no space).
 */

/** On the page's root while the user has interests or stars to score by (main.ts, from the model notice). */
export const SCORING_ATTRIBUTE = 'data-paper-radar-scoring';

/** The keyboard help overlay's host element (its panel is in an open shadow root: HELP_CSS). */
export const HELP_ATTRIBUTE = 'data-paper-radar-help';
/** The host of a short notice saying what a key did (marking the page seen), styled as the help. */
export const NOTICE_ATTRIBUTE = 'data-paper-radar-notice';

/**
 * The width of a control's relevance badge slot; a long topic name is cut short (all of it is in
 * the explanation). In a narrow window (a phone's), less: the 15em slot put even "0 low" on a row
 * of its own under the buttons on Scholar and Hugging Face at 375 px (the page 12 % longer).
 */
const BADGE_WIDTH = '15em';
const NARROW_BADGE_WIDTH = '7.5em';
const NARROW_WINDOW = '(max-width: 30em)';

/** A control's host and its buttons ([data-paper-radar-id] is on the host only: see controls.ts). */
const CONTROL_CSS = `
[data-paper-radar-id] {
  all: initial; display: inline-flex; flex-wrap: wrap; max-inline-size: 100%; gap: 0.3em; align-items: baseline; margin-inline-start: 0.5em; white-space: nowrap;
  font: inherit; font-size: 0.82em; line-height: 1; vertical-align: baseline;
}
[data-paper-radar-id]::part(button) {
  font: inherit; line-height: 1.15; color: #3d3d3d; background: #f4f4f4; cursor: pointer;
  border: 1px solid #c9c9c9; border-radius: 3px; padding: 0 0.45em; margin: 0; user-select: none;
}
[data-paper-radar-id]::part(button):hover { border-color: #8c8c8c; background: #ececec; }
/* A white line between the button and its blue ring, which on a dark page stood out 2.8 : 1 (WCAG
   asks 3 : 1 of a focus indicator); on a light one the blue stands out itself. */
[data-paper-radar-id]::part(button):focus-visible { outline: 2px solid #1a5fb4; outline-offset: 1px; box-shadow: 0 0 0 1px #fff; }
/* A pressed button keeps its colours under the pointer (the :hover forms match the rule above). */
[data-paper-radar-id]::part(star-pressed), [data-paper-radar-id]::part(star-pressed):hover { color: #7a5300; background: #fff3c4; border-color: #d9a400; }
[data-paper-radar-id]::part(read-pressed), [data-paper-radar-id]::part(read-pressed):hover { color: #2b5d2b; background: #e5f3e5; border-color: #86b886; }
/* The buttons' words, drawn rather than written (see TEXTS in controls.ts). */
[data-paper-radar-id]::part(read)::before { content: "read"; }
[data-paper-radar-id]::part(read-pressed)::before { content: "✓ read"; }
[data-paper-radar-id]::part(dismiss-pressed)::after { content: " dismissed"; }
[data-paper-radar-id][data-paper-radar-new]::after {
  content: "new"; color: #fff; background: #b31b1b; border-radius: 3px; padding: 0 0.4em;
  font-weight: bold; font-size: 0.9em; letter-spacing: 0.02em; line-height: 1.15;
}
[data-paper-radar-id][data-paper-radar-pending]::part(button) { opacity: 0.7; }
/* While entries get badges (SCORING_ATTRIBUTE), a control keeps the room of its badge until it
   shows one (data-paper-radar-scored): the badge's slot is as wide (BADGE_WIDTH) and comes at
   the same place, last, so a badge arriving moves nothing on the page. It is as tall too, with
   the badge's baseline (an invisible character on the badge's line, within its borders, with no
   text for screen readers: "/ ''"): where the control is wider than its line, the badge's room
   wraps to a row of its own. */
[data-paper-radar-scoring] [data-paper-radar-id]:not([data-paper-radar-scored])::before {
  content: "\\200b"; content: "\\200b" / ""; order: 1; inline-size: ${BADGE_WIDTH}; line-height: 1.15; border-block: 1px solid transparent;
}
@media ${NARROW_WINDOW} {
  [data-paper-radar-scoring] [data-paper-radar-id]:not([data-paper-radar-scored])::before { inline-size: ${NARROW_BADGE_WIDTH}; }
}
/* Forced colors paint transparent borders: the badge's room showed as an empty 15em box. */
@media (forced-colors: active) {
  [data-paper-radar-scoring] [data-paper-radar-id]:not([data-paper-radar-scored])::before { forced-color-adjust: none; }
}
@media (prefers-reduced-motion: no-preference) {
  [data-paper-radar-id]::part(button) { transition: background-color 120ms, border-color 120ms; }
}
`;

/** What a relevance badge, its explanation and an error mark need, inside a control's shadow root. */
export const SLOT_CSS = `
.relevance:empty { display: none; }
.relevance { position: relative; order: 1; inline-size: ${BADGE_WIDTH}; }
@media ${NARROW_WINDOW} { .relevance { inline-size: ${NARROW_BADGE_WIDTH}; } }
.badge {
  display: inline-block; line-height: 1.15; padding: 0 0.4em; border-radius: 3px; cursor: help;
  border: 1px solid #c9c9c9; color: #3d3d3d; background: #fafafa; white-space: nowrap;
  box-sizing: border-box; max-inline-size: 100%; overflow: clip; text-overflow: ellipsis;
}
.badge:focus-visible, .error:focus-visible { outline: 2px solid #1a5fb4; outline-offset: 1px; box-shadow: 0 0 0 1px #fff; }
/* English words, left to right on a right-to-left page too: there "81 high" read "high 81", and
   the explanation's full stops and quotation marks came at the wrong ends of its lines. */
.badge, .why { direction: ltr; }
.badge.high { color: #5c3d00; background: #ffe9a8; border-color: #d9a400; }
.badge.medium { color: #4a4a2a; background: #f6f1d8; border-color: #cfc38a; }
/* "81 high · Black holes", drawn from the badge's attributes (see showRelevance in controls.ts). */
.badge::before { content: attr(data-paper-radar-score); font-weight: bold; }
.badge::after { content: " " attr(data-paper-radar-tier); }
.badge[data-paper-radar-topic]::after { content: " " attr(data-paper-radar-tier) " · " attr(data-paper-radar-topic); }
/* A low score names no topic: the paper is no paper of it ("2 low", not "2 low · Efficient attention"). */
.badge.low[data-paper-radar-topic]::after { content: " " attr(data-paper-radar-tier); }
.why {
  display: none; position: absolute; z-index: 2147483647; inset-block-start: calc(100% + 4px); inset-inline-start: 0;
  width: max-content; max-width: 26em; box-sizing: border-box; padding: 0.45em 0.6em; border-radius: 4px; white-space: normal;
  color: #fff; background: #1f1f1f; font-size: 0.95em; line-height: 1.35; text-align: start; box-shadow: 0 2px 8px rgb(0 0 0 / 0.3);
}
.relevance:hover .why:not([popover]), .badge:focus + .why:not([popover]) { display: block; }
.relevance .badge[data-why-hidden] + .why:not([popover]) { display: none; }
/* As a popover (controls.ts, showExplanation): in the top layer, where no ancestor clips it; placed by its inline top and left. */
.why[popover] { position: fixed; inset: auto; margin: 0; border: 0; overflow: visible; }
.why[popover]:popover-open { display: block; }
/* The 4 px between the badge and its explanation, above and below it, are the explanation's: the
   pointer on its way there does not leave it (the explanation stays open to be read: WCAG 1.4.13). */
.why[popover]::before, .why[popover]::after { content: ""; position: absolute; inset-inline: 0; block-size: 6px; }
.why[popover]::before { inset-block-start: -6px; }
.why[popover]::after { inset-block-end: -6px; }
/* Forced colors take its dark background and shadow away: a border keeps it apart from the page's text under it. */
@media (forced-colors: active) {
  .why, .why[popover] { border: 1px solid CanvasText; }
}
.error { color: #fff; background: #a40000; border-radius: 50%; padding: 0 0.45em; font-weight: bold; }
/* Read by screen readers, not shown: the error's message (its tooltip shows it to the eye). */
.unseen { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
[hidden] { display: none !important; }
`;

/**
 * The attribute on <html> of a page about one paper (its abstract page): the entry there is the
 * page's content, the paper the user came to read, so it is never dimmed as read, dismissed or
 * below the threshold (opening a paper from a listing marks it read: its own page came greyed).
 */
export const PAPER_PAGE_ATTRIBUTE = 'data-paper-radar-paper-page';

export const PAGE_CSS = `${CONTROL_CSS}
[data-paper-radar-read], [data-paper-radar-dismissed] { opacity: 0.55; transition: opacity 150ms; }
[data-paper-radar-dim-below] [data-paper-radar-below] { opacity: 0.5; transition: opacity 150ms; }
[data-paper-radar-dim-below] [data-paper-radar-below]:hover,
[data-paper-radar-dim-below] [data-paper-radar-below]:focus-within { opacity: 1; }
[data-paper-radar-read]:hover, [data-paper-radar-read]:focus-within,
[data-paper-radar-dismissed]:hover, [data-paper-radar-dismissed]:focus-within { opacity: 1; }
[${PAPER_PAGE_ATTRIBUTE}] :is([data-paper-radar-read], [data-paper-radar-dismissed], [data-paper-radar-below]) { opacity: 1; }
[data-paper-radar-relevant] {
  background-color: rgb(255 210 80 / calc(0.1 + 0.25 * var(--paper-radar-relevance, 0.5)));
  box-shadow: inset 3px 0 0 rgb(217 150 0 / calc(0.35 + 0.65 * var(--paper-radar-relevance, 0.5)));
}
[data-paper-radar-hide-dismissed] :is([data-paper-radar-dismissed], [data-paper-radar-section-dismissed]):not([data-paper-radar-focused]) { display: none !important; }
/* Forced colors (Windows high contrast) take the background and shadow away: an outline instead (the current entry's, after, wins). */
@media (forced-colors: active) {
  [data-paper-radar-relevant] { outline: 2px dashed Highlight; outline-offset: -2px; }
}
[data-paper-radar-hide-dismissed] [data-paper-radar-dismissed-count]::after {
  content: " · " attr(data-paper-radar-dismissed-count) " dismissed, hidden";
  /* The heading's own colour, lighter: a fixed grey was unreadable on a dark page (2–3 : 1). */
  font-size: 0.8em; font-weight: normal; font-style: normal; color: inherit; opacity: 0.75;
}
[data-paper-radar-current] { outline: 2px solid #1a5fb4; outline-offset: 2px; scroll-margin-block: 3em; }
[data-paper-radar-current], [data-paper-radar-dim-below] [data-paper-radar-current] { opacity: 1; }
[${HELP_ATTRIBUTE}], [${NOTICE_ATTRIBUTE}] { display: block; } /* over STANDBY_CSS */
`;

/**
 * The keyboard help overlay, in its own shadow root. Fixed to a corner of the viewport, so it
 * covers a little of the page instead of moving it.
 */
export const HELP_CSS = `
:host { all: initial; position: fixed; inset-block-end: 16px; inset-inline-end: 16px; z-index: 2147483647; }
.panel {
  position: relative; font: 14px/1.4 system-ui, sans-serif; color: #1f1f1f; background: #fff; border: 1px solid #c9c9c9;
  border-radius: 6px; box-shadow: 0 4px 16px rgb(0 0 0 / 0.25); padding: 10px 14px 12px; min-width: 16em; max-width: 24em;
}
/* English, left to right on a right-to-left page too (the panel stays in the page's end corner). */
.panel { direction: ltr; }
.panel:focus { outline: none; }
.panel:focus-visible { outline: 2px solid #1a5fb4; outline-offset: 2px; }
h2 { font: inherit; font-weight: 600; margin: 0 1.8em 6px 0; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; margin: 0; }
dt { margin: 0; }
dd { margin: 0; }
kbd {
  display: inline-block; min-width: 1.4em; text-align: center; font: 13px/1.3 ui-monospace, monospace;
  border: 1px solid #b9b9b9; border-block-end-width: 2px; border-radius: 3px; background: #f6f6f6; padding: 0 4px;
}
.hint { color: #5f5f5f; font-size: 12px; margin: 8px 0 0; }
button.close {
  position: absolute; inset-block-start: 6px; inset-inline-end: 8px; font: 16px/1 system-ui, sans-serif;
  border: none; background: none; color: #5f5f5f; cursor: pointer; padding: 2px 4px;
}
button.close:focus-visible { outline: 2px solid #1a5fb4; }
@media (prefers-color-scheme: dark) {
  .panel { color: #e8e8e8; background: #26272b; border-color: #45464a; }
  kbd { background: #33343a; border-color: #5a5b60; }
  .hint, button.close { color: #a8a8a8; }
}
`;

export const PAGE_STYLE_ID = 'paper-radar-page-style';

/**
 * Set by the build (vite.config.ts): true in the Firefox build, whose manifest declares PAGE_CSS
 * as its content scripts' stylesheet (content-scripts/page.css). Firefox takes an add-on's
 * declared stylesheets out of the open pages when the add-on is turned off or removed, but not
 * what its scripts put in them: with PAGE_CSS in the page's own <style>, a listing kept its
 * controls, dead, and its dimmed, highlighted and hidden entries until it was reloaded. The
 * page's <style> then holds only STANDBY_CSS, which hides what stays behind once the declared
 * stylesheet is gone. Chrome keeps PAGE_CSS in the page (its stylesheet declared in the manifest
 * cost the page as much style work as it saved, see docs/performance.md), and main.ts takes the
 * controls away itself once Chrome has cut its script off (stopIfOrphaned).
 */
declare const __PAGE_CSS_IN_MANIFEST__: boolean | undefined;
export const PAGE_CSS_IN_MANIFEST = typeof __PAGE_CSS_IN_MANIFEST__ !== 'undefined' && __PAGE_CSS_IN_MANIFEST__;

/**
 * Hides the controls and the keyboard's corner panels unless PAGE_CSS shows them: `:where()`
 * weighs nothing, so PAGE_CSS's rules for them win wherever it comes from.
 */
export const STANDBY_CSS = `:where([data-paper-radar-id], [${HELP_ATTRIBUTE}], [${NOTICE_ATTRIBUTE}]) { display: none; }`;

/** Adds our page style once: PAGE_CSS, or STANDBY_CSS where the manifest declares PAGE_CSS (see PAGE_CSS_IN_MANIFEST). */
export function ensurePageStyle(doc: Document, cssInManifest = PAGE_CSS_IN_MANIFEST): void {
  const text = cssInManifest ? STANDBY_CSS : PAGE_CSS;
  const left = doc.getElementById(PAGE_STYLE_ID);
  if (left) {
    // Left by an earlier version's script (an update, see main.ts): this version's rules.
    if (left.textContent !== text) left.textContent = text;
    return;
  }
  const style = doc.createElement('style');
  style.id = PAGE_STYLE_ID;
  style.textContent = text;
  (doc.head ?? doc.documentElement).append(style);
}
