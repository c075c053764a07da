/**
 * How a model's term is named to the user. Its own module, with no dependencies, so the popup's
 * Insights can name terms without loading the relevance engine.
 */

/** Marks a family's own term ("critic~critic"): no word has it (words are letters and digits). */
export const OWN_TERM_SEP = '~';

/** The stem and separator of a family's own term, before its word. */
const OWN_TERM_WORD = new RegExp(`[^ ]+${OWN_TERM_SEP}([^ ]+)`, 'g');

/**
 * How a term of the model is written (its `surface`), or the term itself, a family's own term by
 * its word ("critic~critic" as "critic": stem-families.ts). Read as an own property only: a stored
 * model comes back from JSON with Object's prototype, where a term like "constructor" would find
 * a function.
 */
export function termSurface(model: { surface: Record<string, string> }, term: string): string {
  return Object.hasOwn(model.surface, term) ? model.surface[term]! : term.replace(OWN_TERM_WORD, '$1');
}
