/**
 * Versions with a version mark "v", which papers write joined to the name ("YOLOv8",
 * "MobileNetV2", "Depth-Anything-V2") or apart from it ("YOLO v8", "Mamba v2"): a keyword finds
 * both. Pure, no browser APIs.
 *
 * The tokenizer reads a joined version as if apart and drops its mark ("YOLOv8" as "YOLO 8",
 * joinedVersion in tokenize.ts), but a mark written apart is a word of its own ("v8"), so the two
 * spellings are different words: each is the other's form, matched as the phrase itself. (After
 * a keyword's last word, a paper's "v8" already counts as its version: sameGaps in interests.ts.)
 */
import { joinedVersion } from './tokenize';

/** A name (two characters or more, ending in a letter), then its mark and digits apart: "YOLO v8", "Anything-V2". */
const APART = /(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]*[A-Za-z])[ -][vV](\d+)(?![A-Za-z0-9])/g;
/** A run of letters and digits that may be a name with its version joined. */
const RUN = /(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*\d(?![A-Za-z0-9])/g;

/**
 * A keyword phrase with its marked versions written the other way, when it has any: "YOLO v8" →
 * ["YOLOv8"], "Depth Anything v2" → ["Depth AnythingV2"] (joined, the mark takes the case that
 * tells it from the name, as papers write it), "YOLOv8 detector" → ["YOLO v8 detector"].
 */
export function versionForms(phrase: string): string[] {
  const joined = phrase.replace(APART, (whole, name: string, digits: string) => {
    const last = name.charAt(name.length - 1);
    const run = name + (last === last.toLowerCase() ? 'V' : 'v') + digits;
    return joinedVersion(run, 0, run.length) === name.length ? run : whole;
  });
  const apart = phrase.replace(RUN, (run) => {
    const nameEnd = markedNameEnd(run);
    return nameEnd > 0 ? `${run.slice(0, nameEnd)} ${run.slice(nameEnd)}` : run;
  });
  return [joined, apart].filter((form, i, all) => form !== phrase && all.indexOf(form) === i);
}

/**
 * Whether a keyword phrase ends in a marked version ("YOLOv8", "MobileNetV2"): a letter after a
 * paper's version then names a variant ("YOLOv8m", "YOLOv8x": medium, extra large), not a size
 * in units as after an unmarked one ("Llama 3B"). See sameGaps in interests.ts.
 */
export function endsInMarkedVersion(phrase: string): boolean {
  const last = /[A-Za-z][A-Za-z0-9]*\d$/.exec(phrase)?.[0];
  return last !== undefined && markedNameEnd(last) > 0;
}

/** Where the name ends when a run is a name with a marked version joined ("YOLOv8": 4), else −1. */
function markedNameEnd(run: string): number {
  const nameEnd = joinedVersion(run, 0, run.length);
  return nameEnd > 0 && /^[vV]\d+$/.test(run.slice(nameEnd)) ? nameEnd : -1;
}
