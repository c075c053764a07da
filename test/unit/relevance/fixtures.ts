/** Small synthetic papers for the relevance tests: three fields, deterministic. */
import { rng } from '../../../src/relevance/svm';
import type { PaperText } from '../../../src/relevance/index';

export const FIELDS = {
  robots: ['robot', 'grasping', 'manipulation', 'gripper', 'trajectory', 'locomotion', 'navigation', 'tactile'],
  speech: ['speech', 'acoustic', 'speaker', 'phoneme', 'waveform', 'vocoder', 'prosody', 'audio'],
  graphs: ['graph', 'node', 'edge', 'message passing', 'molecule', 'citation network', 'link prediction', 'subgraph'],
} as const;
export type Field = keyof typeof FIELDS;

const FILLER = ['novel', 'approach', 'results', 'experiments', 'benchmark', 'performance', 'evaluate', 'dataset', 'method', 'framework', 'propose', 'baseline', 'efficient', 'robust', 'analysis'];

/** `n` papers per field, ids "<field>-<i>", titles and abstracts drawn from the field's words. */
export function syntheticPapers(n: number, seed = 7): (PaperText & { field: Field })[] {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const out: (PaperText & { field: Field })[] = [];
  for (const field of Object.keys(FIELDS) as Field[]) {
    for (let i = 0; i < n; i++) {
      const words = FIELDS[field];
      const title = `${pick(FILLER)} ${pick(words)} ${pick(words)} ${pick(FILLER)}`;
      const abstract = Array.from({ length: 30 }, () => (rand() < 0.35 ? pick(words) : pick(FILLER))).join(' ') + '.';
      out.push({ id: `${field}-${i}`, title, abstract, authors: [`Author ${field} ${i % 5}`, `Common Person`], field });
    }
  }
  return out;
}
