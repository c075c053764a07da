/**
 * A word without its inflection ("grasping", "grasps", "grasped" → "grasp"; "studies" → "study";
 * "embeddings" → "embed"): what tells apart, among the words the Porter stemmer makes one, those
 * that differ by more than an ending ("experiments", "experience"). See word-families.ts. Pure,
 * no browser APIs; the word is in lower case and American spelling (spelling.ts).
 */

/** Words ending in "s" that are not plurals, or whose singular is another word ("news", "its"). */
const NOT_PLURAL = new Set(['news', 'its', 'series', 'species', 'lens', 'bias', 'gas', 'atlas', 'canvas', 'alias', 'chaos', 'bus', 'plus', 'thus', 'this', 'his', 'axis', 'iris', 'has', 'was', 'does', 'yes', 'always', 'perhaps', 'whereas', 'sometimes']);

export function inflectionKey(word: string): string {
  let w = word;
  if (NOT_PLURAL.has(w)) return w;
  // One noun or verb ending: "studies", "classes", "models", "GPUs", "APIs".
  if (/[^aeiou]ies$/.test(w) && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(?:sses|xes|zes|ches|shes)$/.test(w)) w = w.slice(0, -2);
  else if (w.length >= 3 && /[^su]s$/.test(w) && !w.endsWith('is')) w = w.slice(0, -1); // not "class", "corpus", "analysis"
  else if (/^[^aeiouy]+us$/.test(w) || (w.length <= 4 && w.endsWith('is'))) w = w.slice(0, -1);
  // Then one verb ending: "settings" → "setting" → "set".
  if (/[^aeiou]ied$/.test(w) && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ing') && w.length > 5) w = undoubled(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undoubled(w.slice(0, -2));
  // "evaluate", "evaluated", "evaluating": one key; "guarantee", "guaranteed" too.
  for (let k = 0; k < 2 && w.length > 3 && w.endsWith('e'); k++) w = w.slice(0, -1);
  // "install" and "installed" (undoubled would make "instal").
  return w.endsWith('ll') ? w.slice(0, -1) : w;
}

/** "running" → "run", "stopped" → "stop"; not "fall", "pass", "buzz". */
function undoubled(w: string): string {
  return w.length > 2 && w[w.length - 1] === w[w.length - 2] && !/[aeioulsz]$/.test(w) ? w.slice(0, -1) : w;
}
