/**
 * What the content script reports of a page it annotated, read in the page (content-scripts/main.ts
 * writes it on the root element's dataset), by the Chromium and the Firefox launchers alike. Page
 * code as strings: both drivers evaluate them as written.
 */

export interface AnnotationReport {
  entries: number;
  annotated: number;
  ms: number;
  /** How many entries' states the ask made as the page was parsed answered (content-scripts/early-states.ts). */
  answeredEarly: number;
}

/** True once the page is annotated (the count is written last). */
export const IS_ANNOTATED = `document.documentElement.dataset.paperRadarAnnotated !== undefined`;

/** The report, as an AnnotationReport. */
export const READ_ANNOTATION_REPORT = `(() => {
  const data = document.documentElement.dataset;
  const { answeredEarly } = JSON.parse(data.paperRadarTimings);
  return { entries: Number(data.paperRadarEntries), annotated: Number(data.paperRadarAnnotated), ms: Number(data.paperRadarMs), answeredEarly };
})()`;
