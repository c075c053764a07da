import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { papersOf } from '../../support/keyword-match';
import { arxivAdapter } from '../../../content-scripts/adapters/arxiv';
import { loadPage } from '../../../scripts/lib/dom';
import { PAGES_DIR, requireShared } from '../../../scripts/lib/shared';
import { alsoWritten, findDefinitions, LOCAL_MAX_PAPERS, localAbbreviations, otherForms, SHIPPED_ABBREVIATIONS, stemKey, withLocal, type Abbreviation } from '../../../src/relevance/abbreviations';
import { compilePhrases, phraseScore } from '../../../src/relevance/interests';
import { analyzePaper, CorpusStats, IdfTable, type AnalyzedPaper } from '../../../src/relevance/vectorize';
import { committedTable, runTableBuild } from '../../support/table-build';

const TABLE: Abbreviation[] = [
  ['LLM', 'large language models'],
  ['RL', 'reinforcement learning'],
  ['RAG', 'retrieval-augmented generation'],
];

describe('abbreviations', () => {
  it('finds the abbreviations a text defines, in its own words', () => {
    const text =
      'Large Language Models (LLMs) are tuned with reinforcement learning from human feedback (RLHF) and chain-of-thought (CoT) ' +
      'prompting. Mixture-of-Experts (MoE) layers help. We use GPT-4 (OpenAI) and tables (see Tab. 2). A new metric (ABC) and maps (map). ' +
      'Our method, fast retrieval (FR), wins. Neural Radiance Fields (NeRFs) and vision transformers (ViT) with low-rank adaptation (LoRA). ' +
      'Open-vocabulary object detection (OvOD) and video question answering (VideoQA). ' +
      'Out-of-time-order correlators (OTOCs); image-to-video diffusion models (VDMs).';
    expect(findDefinitions(text)).toEqual([
      ['LLM', 'Large Language Models'],
      ['RLHF', 'reinforcement learning from human feedback'],
      ['CoT', 'chain-of-thought'],
      ['MoE', 'Mixture-of-Experts'],
      ['FR', 'fast retrieval'],
      // Small letters inside words, when not every letter starts one.
      ['NeRF', 'Neural Radiance Fields'],
      ['ViT', 'vision transformers'],
      ['LoRA', 'low-rank adaptation'],
      ['OvOD', 'Open-vocabulary object detection'], // every letter starts a word here, small ones too
      ['VideoQA', 'video question answering'],
      // The whole hyphenated word when the letters leave out only stop words in it.
      ['OTOC', 'Out-of-time-order correlators'],
      ['VDM', 'video diffusion models'],
    ]);
  });

  it('spells out an abbreviation in a phrase, or abbreviates a long form, on stems', () => {
    expect(otherForms('LLM', TABLE)).toEqual(['large language models']);
    // Followed by more words, a plural long form reads as a modifier, on the same stems.
    expect(otherForms('LLMs agents', TABLE)).toEqual(['large language model agents']);
    expect(otherForms('PCA features', [['PCA', 'principal component analysis']])).toEqual(['principal component analysis features']);
    // The end of a long form stands for its abbreviation too: a paper writing "ASR" is about speech recognition.
    const ends: Abbreviation[] = [
      ['ASR', 'automatic speech recognition'],
      ['SSL', 'self-supervised learning'],
      ['COD', 'camouflaged object detection'],
      ['OVOD', 'open-vocabulary object detection'],
      ['CoT', 'chain of thought'],
      ['NN', 'neural networks'],
      ['GNN', 'graph neural networks'],
    ];
    expect(otherForms('speech recognition', ends)).toEqual(['ASR']);
    expect(otherForms('speech recognition systems', ends)).toEqual(['ASR systems']);
    expect(otherForms('automatic speech recognition', ends)).toEqual(['ASR']); // not "automatic ASR"
    expect(otherForms('supervised learning', ends)).toEqual([]); // cut inside "self-supervised"
    expect(otherForms('object detection', ends)).toEqual([]); // the end of two long forms
    expect(otherForms('of thought', ends)).toEqual([]); // begins with a stop word
    expect(otherForms('neural networks', ends)).toEqual(['NN']); // a long form itself
    expect(otherForms('recognition', ends)).toEqual([]); // one word is not enough
    expect(otherForms('Large language model', TABLE)).toEqual(['LLM']);
    expect(otherForms('deep reinforcement learning for robots', TABLE)).toEqual(['deep RL for robots']);
    expect(otherForms('retrieval augmented generation', TABLE)).toEqual(['RAG']);
    expect(otherForms('robot grasping', TABLE)).toEqual([]);
    expect(otherForms('language', TABLE)).toEqual([]); // part of a long form is not the long form
    // For a free text, the other forms alone.
    expect(alsoWritten('RL for LLMs, with retrieval augmented generation', TABLE)).toEqual(['reinforcement learning', 'large language models', 'RAG']);
    expect(alsoWritten('robot grasping', TABLE)).toEqual([]);
    // A word papers also write in capitals as another word: those capitals, when typed in small letters.
    expect(alsoWritten('clip guidance', TABLE)).toEqual(['CLIP']);
    expect(alsoWritten('CLIP guidance', TABLE)).toEqual([]);
    expect(alsoWritten('llm agents', TABLE)).toEqual(['large language models']); // no "LLM": the same word
  });

  it('lets a keyword match a paper that writes only its other form, as the keyword itself', () => {
    const spelledOut = analyzePaper({ id: 'a', title: 'Teaching large language models to plan', abstract: 'Large language models plan.' });
    const abbreviated = analyzePaper({ id: 'b', title: 'Planning with LLMs', abstract: 'An LLM plans.' });
    const unrelated = analyzePaper({ id: 'c', title: 'Robot grasping', abstract: 'Robots grasp objects.' });
    const idf = new IdfTable(CorpusStats.of([spelledOut, abbreviated, unrelated]));
    for (const keyword of ['LLM', 'large language models']) {
      const phrases = compilePhrases([keyword], idf, TABLE);
      for (const paper of [spelledOut, abbreviated]) {
        const { score, matches } = phraseScore(paper, phrases, 10);
        expect(score).toBeGreaterThan(0);
        expect(matches.map((m) => [m.phrase, m.inTitle, m.inAbstract])).toEqual([[keyword, 1, 1]]);
        // Said as found: the form the paper writes, when it is not the one typed.
        const writesTyped = (paper === abbreviated) === (keyword === 'LLM');
        expect(matches[0]!.as).toEqual(writesTyped ? undefined : [keyword === 'LLM' ? 'large language models' : 'LLM']);
      }
      expect(phraseScore(unrelated, phrases, 10).score).toBe(0);
      // Without the table, only the form typed matches.
      const plain = compilePhrases([keyword], idf, []);
      expect([spelledOut, abbreviated].map((p) => phraseScore(p, plain, 10).score > 0)).toEqual(keyword === 'LLM' ? [false, true] : [true, false]);
    }
  });

  it("does not count an abbreviation in a paper that defines it as something else, its title included", () => {
    const table: Abbreviation[] = [['ASR', 'automatic speech recognition']];
    const papers = papersOf([
      ['jailbreak', 'Jailbreaks reach 98% ASR', 'We raise the attack success rate (ASR) of jailbreaks; the ASR is 98%.'],
      ['speech', 'Fair ASR for second-language speakers', 'Automatic speech recognition (ASR) errs on accents.'],
      ['undefined', 'Multilingual ASR for Indian languages', 'Our ASR systems.'],
      // Defined with other words of the subject: still about it.
      ['automated', 'Whisper for accents', 'Whisper automated speech recognition (ASR) errs.'],
      ['and', 'Speech in, speech out', 'We study text-to-speech and speech recognition (ASR).'],
      ['plural', 'Robust ASRs', 'Automatic speech recognition systems (ASRs) on phones: automatic speech recognition (ASRs) fails.'],
    ]);
    const idf = new IdfTable(CorpusStats.of(papers));
    for (const keyword of ['speech recognition', 'ASR']) {
      const phrases = compilePhrases([keyword], idf, table);
      expect(papers.filter((p) => phraseScore(p, phrases, 10).score > 0).map((p) => p.id), keyword).toEqual(['speech', 'undefined', 'automated', 'and', 'plural']);
    }
    // With no long form to compare, the abbreviation typed alone is not judged.
    expect(papers.filter((p) => phraseScore(p, compilePhrases(['ASR'], idf, []), 10).score > 0).map((p) => p.id)).toEqual(['jailbreak', 'speech', 'undefined', 'automated', 'and', 'plural']);
  });

  it('ships abbreviations that papers define one way, written in capitals', () => {
    const byShort = new Map(SHIPPED_ABBREVIATIONS.map(([s, l]) => [s, l]));
    expect(byShort.get('LLM')).toBe('large language models');
    expect(byShort.get('RAG')).toBe('retrieval-augmented generation');
    expect(byShort.get('SLAM')).toBe('simultaneous localization and mapping');
    expect(byShort.has('US')).toBe(false); // a word
  });

  it("learns what the user's own papers define, theirs winning over the shipped table", () => {
    const papers = [
      ...[1, 2, 3].map((i) => `Paper ${i}. We measure the cosmic microwave background (CMB) anisotropies.`),
      ...[4, 5].map((i) => `Paper ${i}. Fast radio bursts (FRBs) are bright.`), // two papers: not enough
      ...[6, 7, 8].map((i) => `Paper ${i}. Halos of dark matter (DM) shape galaxies.`), // shipped: diffusion models
      ...[9, 10, 11].map((i) => `Paper ${i}. Large language models (LLMs) write.`), // as shipped: nothing to add
      ...[12, 13, 14].map((i) => `Paper ${i}. Glasses for augmented reality (AR) are light.`), // "are" has the stem of "AR"
    ].map((text, i) => ({ analyzed: analyzePaper({ id: `p${i}`, title: text }), text }));
    const cache = new WeakMap<AnalyzedPaper, ReadonlyArray<readonly [string, string]>>();
    const local = localAbbreviations(papers, cache);
    expect(local).toEqual([
      ['CMB', 'cosmic microwave background'],
      ['DM', 'dark matter'],
    ]);
    const table = withLocal(local);
    expect(withLocal(local)).toBe(table); // one table (and index) per local list
    expect(otherForms('DM halos', table)).toEqual(['dark matter halos']);
    expect(otherForms('DM halos')).toEqual(['diffusion model halos']);
    expect(otherForms('diffusion models', table)).toEqual([]); // their DM is not diffusion models
    expect(otherForms('diffusion models')).toEqual(['DM']);
    expect(alsoWritten('CMB lensing', table)).toEqual(['cosmic microwave background']);
    expect(alsoWritten('LLM', table)).toEqual(['large language models']);
    expect(withLocal([])).toBe(SHIPPED_ABBREVIATIONS);
    // Found once per paper: the cache answers the next time, and the same papers give the same pairs.
    expect(cache.get(papers[0]!.analyzed)).toEqual([['CMB', 'cosmic microwave background']]);
    expect(localAbbreviations(papers, cache)).toBe(local);
    expect(localAbbreviations(papers.slice(1), cache)).toEqual([['DM', 'dark matter']]); // other papers: found again (2 CMB papers do not do)
    // Only the last LOCAL_MAX_PAPERS are read: here from the first DM paper on (the sixth).
    const filler = Array.from({ length: LOCAL_MAX_PAPERS - (papers.length - 5) }, (_, i) => ({ analyzed: analyzePaper({ id: `f${i}`, title: 'x' }), text: 'Nothing defined.' }));
    expect(localAbbreviations([...papers, ...filler], cache).map(([short]) => short)).toEqual(['DM']);
  });

  it('ships no abbreviation that another word of real listings stands for, stemmed as keywords are', (ctx) => {
    const pages = [
      ['list-hep-th-new-newmarkup-2024-08-09.html', 'https://arxiv.org/list/hep-th/new'],
      ['list-quant-ph-new-newmarkup-2024-08-09.html', 'https://arxiv.org/list/quant-ph/new'],
      ['list-math-ph-new-newmarkup-2024-08-09.html', 'https://arxiv.org/list/math-ph/new'],
      ['list-astro-ph-pastweek-newmarkup-browser-saved-2024-11-22.html', 'https://arxiv.org/list/astro-ph/pastweek?show=1000'],
      ['search-abstract-distributed-systems-200results-2025-12.html', 'https://arxiv.org/search/?query=distributed+systems&searchtype=abstract&abstracts=show&order=-announced_date_first&size=200'],
    ];
    if (!requireShared('real arXiv listings', ...pages.map(([file]) => `fixtures/pages/arxiv/${file}`))) return ctx.skip();
    const shorts = new Map(SHIPPED_ABBREVIATIONS.map(([short]) => [stemKey(short), short.toLowerCase()]));
    const impostors = new Set<string>();
    let words = 0;
    for (const [file, url] of pages) {
      for (const entry of arxivAdapter.extract(loadPage(path.join(PAGES_DIR, 'arxiv', file!), url!), new URL(url!))) {
        for (const [word] of `${entry.paper.title} ${entry.paper.abstract ?? ''}`.matchAll(/[A-Za-z]+/g)) {
          words++;
          const lower = word.toLowerCase();
          const short = shorts.get(stemKey(lower));
          if (short !== undefined && lower !== short && lower !== `${short}s`) impostors.add(`${word} → ${short}`);
        }
      }
    }
    expect(words).toBeGreaterThan(40_000);
    expect([...impostors]).toEqual([]);
  });

  it('builds from the shared listings exactly the table committed', { timeout: 60_000 }, (ctx) => {
    if (!requireShared('the abbreviations table', 'data/arxiv_daily_cs_listings.jsonl')) return ctx.skip();
    expect(runTableBuild('build-abbreviations')).toBe(committedTable('abbreviations.json'));
  });

  it('keeps only abbreviations defined one way by enough papers, and written in capitals', () => {
    const rows = [
      ...Array.from({ length: 5 }, (_, i) => ({ title: `Paper ${i}`, summary: 'We study graph neural networks (GNNs) and their limits.' })),
      ...Array.from({ length: 4 }, (_, i) => ({ title: `Other ${i}`, summary: 'We study vision transformers (VT) at scale.' })), // too few
      ...Array.from({ length: 5 }, () => ({ title: 'Sparse', summary: 'sparse coding (SC) works.' })),
      ...Array.from({ length: 4 }, () => ({ title: 'Self', summary: 'self correction (SC) works.' })), // two meanings
      ...Array.from({ length: 5 }, () => ({ title: 'Maps', summary: 'maximum a posteriori (MAP) helps; maps and map and map and map.' })), // a word
      ...Array.from({ length: 5 }, () => ({ title: 'Harness', summary: 'human activity recognition (HAR) harnesses sensors; HAR works.' })), // "harness" has its stem
    ];
    expect(JSON.parse(runTableBuild('build-abbreviations', rows)).pairs).toEqual([['GNN', 'graph neural networks']]);
  });
});
