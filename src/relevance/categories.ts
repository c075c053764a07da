/**
 * arXiv categories as interests: the pattern the interests editor and the message schema check,
 * and how a paper's categories meet a topic's preferred ones. Pure and free of imports, so the
 * message schema (bundled into content scripts) can use it without pulling in the engine.
 */

/** arXiv's archives (https://arxiv.org/category_taxonomy); a new one would be added here. */
const ARCHIVES = 'astro-ph|cond-mat|cs|econ|eess|gr-qc|hep-ex|hep-lat|hep-ph|hep-th|math|math-ph|nlin|nucl-ex|nucl-th|physics|q-bio|q-fin|quant-ph|stat';

/**
 * An arXiv category: an archive ("cs", "hep-th", "cond-mat"), optionally a dot and a subject
 * class ("cs.LG", "math.AG", "cond-mat.stat-mech", "physics.atom-ph"). Naming the archives
 * (rather than any word) is what refuses a field's name typed instead: "Machine Learning".
 * Case is not checked, as matching ignores it.
 */
export const ARXIV_CATEGORY = new RegExp(`^(?:${ARCHIVES})(?:\\.[a-z]+(?:-[a-z]+)?)?$`, 'i');

/**
 * The categories of a paper (as listed) that are among `preferred` (lowercased). An archive
 * without a subject class ("math", "cond-mat") takes in all of its classes ("math.AG").
 */
export function matchingCategories(paperCategories: readonly string[], preferred: readonly string[]): string[] {
  if (preferred.length === 0 || paperCategories.length === 0) return [];
  const out: string[] = [];
  for (const c of paperCategories) {
    const lc = c.toLowerCase();
    const dot = lc.indexOf('.');
    const archive = dot >= 0 ? lc.slice(0, dot) : lc;
    if (preferred.some((p) => p === lc || p === archive)) out.push(c);
  }
  return out;
}
