/**
 * A keyword's nouns in "-y" with their adjectives in "-ic" ("holography" and "holographic",
 * "biology" and "biological"), and the other way round: one subject to a reader, but two stems
 * to the Porter stemmer ("holographi", "holograph"), so "holography" found no "Holographic
 * duality" and "geometric deep learning" no paper on geometry. Pure, no browser APIs.
 *
 * Only endings that make such pairs are read: -graphy, -scopy, -metry, -nomy, -gy (biology,
 * strategy, allergy), -tropy, -sophy, -pathy. Not "-ony" and "-emy": "harmony" is not
 * "harmonic", "monotony" not "monotonic", "academy" not "academic"; nor the words of NOT_PAIRED.
 * A form no paper writes ("logic" as "logy") matches nothing.
 */

/**
 * Nouns whose adjective is another word, or whose adjective's stem is the stem of another word
 * ("autonomic" is stemmed as "autonomous" is: "autonomy" found 865 papers, 59 about autonomy).
 */
const NOT_PAIRED = new Set(['autonom', 'analog', 'microscop', 'orthograph', 'biometr']);

/** A word of one of those endings: its part before the ending, and the ending. */
const PAIRED = /\b([A-Za-z]*?(?:graph|scop|metr|nom|g|trop|soph|path))(y|ies|ic|ical|ically)\b/gi;

/** The phrase with its nouns in "-y" as adjectives in "-ic" and its adjectives in "-ic" as nouns in "-y"; null when it has neither. */
export function adjectiveForm(phrase: string): string | null {
  const form = phrase.replace(PAIRED, (whole: string, stem: string, ending: string) => {
    if (NOT_PAIRED.has(stem.toLowerCase())) return whole;
    const other = /^(y|ies)$/i.test(ending) ? 'ic' : 'y';
    // In the case it is typed in: "TOMOGRAPHY" as "TOMOGRAPHIC".
    return stem + (stem === stem.toUpperCase() ? other.toUpperCase() : other);
  });
  return form === phrase ? null : form;
}
