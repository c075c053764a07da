/**
 * Latin and Greek plurals, which the Porter stemmer makes other words than their singulars
 * ("corpus" → "corpu", "corpora" → "corpora"): "corpus" found no paper on "parallel corpora",
 * "nucleus segmentation" none titled "Nuclei Segmentation", "power spectrum" no "power spectra".
 * A keyword's word in one number has the other as a form. Pure, no browser APIs.
 *
 * Left out: plurals that are, or are stemmed as, other words ("theses" as "these", "indices" as
 * "indicate", "simplices" as "simplicity", "bases", "media", "data"), and "analyses", which the
 * tokenizer reads as the verb "analyzes".
 */

const PAIRS: ReadonlyArray<readonly [singular: string, plural: string]> = [
  ['corpus', 'corpora'], ['genus', 'genera'],
  ['criterion', 'criteria'], ['phenomenon', 'phenomena'], ['automaton', 'automata'], ['polyhedron', 'polyhedra'],
  ['hypothesis', 'hypotheses'], ['synthesis', 'syntheses'], ['diagnosis', 'diagnoses'], ['crisis', 'crises'], ['axis', 'axes'],
  ['matrix', 'matrices'], ['vertex', 'vertices'], ['vortex', 'vortices'],
  ['cortex', 'cortices'], ['appendix', 'appendices'], ['helix', 'helices'],
  ['stimulus', 'stimuli'], ['nucleus', 'nuclei'], ['radius', 'radii'], ['locus', 'loci'], ['modulus', 'moduli'], ['torus', 'tori'],
  ['minimum', 'minima'], ['maximum', 'maxima'], ['optimum', 'optima'], ['extremum', 'extrema'], ['spectrum', 'spectra'],
  ['momentum', 'momenta'], ['equilibrium', 'equilibria'], ['vacuum', 'vacua'], ['continuum', 'continua'], ['stratum', 'strata'],
  ['curriculum', 'curricula'], ['bacterium', 'bacteria'],
  ['schema', 'schemata'], ['alga', 'algae'], ['supernova', 'supernovae'], ['nebula', 'nebulae'],
];
const OTHER = new Map(PAIRS.flatMap(([singular, plural]) => [[singular, plural], [plural, singular]] as const));
const WORD = /[A-Za-z]+/g;

/** The phrase with each such word in the other number ("local minimum" → "local minima"), in the case typed; null when it has none. */
export function otherNumberForm(phrase: string): string | null {
  const form = phrase.replace(WORD, (word) => {
    const other = OTHER.get(word.toLowerCase());
    if (other === undefined) return word;
    if (word === word.toUpperCase() && word.length > 1) return other.toUpperCase();
    return word[0] === word[0]!.toUpperCase() ? other[0]!.toUpperCase() + other.slice(1) : other;
  });
  return form === phrase ? null : form;
}
