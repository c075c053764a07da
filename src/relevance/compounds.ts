/**
 * Compound words, which papers write joined or hyphenated ("spatiotemporal", "spatio-temporal";
 * "pretraining", "pre-training") and the tokenizer reads as one word or two: a keyword finds
 * both. Pure, no browser APIs.
 */
import compounds from './compounds.json';

/**
 * Joined words papers also write hyphenated, and where the hyphen goes: "spatiotemporal" →
 * "spatio-temporal", "pretraining" → "pre-training" (compounds.json, both forms seen in papers;
 * mined by scripts/build-compounds.ts).
 */
const HYPHEN_AT = new Map<string, number>((compounds.pairs as Array<[string, string]>).map(([a, b]) => [a + b, a.length]));

/**
 * A word of two parts hyphenated, not within a longer run ("text-to-speech"): the second of two
 * letters or more, the first of one or more ("U-Net", "t-SNE", "e-commerce": a single letter
 * joins the word that follows as any part does); and a joined word that may be one. The miner
 * (scripts/build-compounds.ts) reads papers with these, so what it counts is what a keyword is
 * split or joined at.
 */
export const HYPHENATED = /(?<![A-Za-z0-9-])([A-Za-z]+)-([A-Za-z]{2,})(?![A-Za-z0-9-])/g;
export const WORD = /(?<![A-Za-z0-9-])[A-Za-z]{4,}(?![A-Za-z0-9-])/g;

/**
 * A keyword phrase with its compound words written the other way, when it has any, which the
 * tokenizer reads as two words or one: "fine-tuning LLMs" → ["finetuning LLMs"],
 * "spatiotemporal graphs" → ["spatio-temporal graphs"], "pre training" → ["pretraining"].
 * Matched as the phrase itself. A typed hyphen may always go (a joined form seldom means another
 * thing); a hyphen is put in, or a space taken out, only where papers were seen to write the
 * compound so, so "computer" stays whole.
 */
export function compoundForms(phrase: string): string[] {
  const joined = joinSpaced(phrase.replace(HYPHENATED, (_, a: string, b: string) => a + secondPart(a, b)));
  const hyphenated = phrase.replace(WORD, (word) => {
    const at = HYPHEN_AT.get(word.toLowerCase());
    return at === undefined ? word : `${word.slice(0, at)}-${word.slice(at)}`;
  });
  return [joined, hyphenated].filter((form, i, all) => form !== phrase && all.indexOf(form) === i);
}

/**
 * Each two neighbouring words of a phrase that papers write as one ("pre training" → "pretraining",
 * "large multi modal models" → "large multimodal models"), joined: typed with a space, the parts
 * found the hyphenated compound (the tokenizer reads it as two words), not the joined one ("multi
 * modal" found 459 papers, not the 1,703 writing "multimodal").
 */
function joinSpaced(phrase: string): string {
  const words = phrase.split(' ');
  const out: string[] = [];
  for (const word of words) {
    const before = out[out.length - 1];
    if (before !== undefined && /^[A-Za-z]+$/.test(before) && /^[A-Za-z]{2,}$/.test(word) && HYPHEN_AT.get(`${before}${word}`.toLowerCase()) === before.length) {
      out[out.length - 1] = before + secondPart(before, word);
    } else out.push(word);
  }
  return out.join(' ');
}

/**
 * A compound's second part as joined to the first: a capitalized word in small letters, so that
 * "Multi Modal" or "Multi-Modal" joins as "Multimodal" (as "MultiModal", its capital inside the
 * word would ask papers to write it so: capitalsRequired); kept as typed after a part in
 * capitals ("U-Net" → "UNet") and when it is in capitals itself ("t-SNE" → "tSNE").
 */
function secondPart(first: string, second: string): string {
  return first !== first.toUpperCase() && /^[A-Z][a-z]+$/.test(second) ? second.toLowerCase() : second;
}
