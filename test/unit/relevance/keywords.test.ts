import { describe, expect, it } from 'vitest';
import { requireShared } from '../../../scripts/lib/shared';
import { otherForms, SHIPPED_ABBREVIATIONS, type Abbreviation } from '../../../src/relevance/abbreviations';
import { capitalsRequired, compilePhrases, otherSpellings, phraseScore } from '../../../src/relevance/interests';
import { analyzePaper, CorpusStats, IdfTable } from '../../../src/relevance/vectorize';
import { matched, papersOf } from '../../support/keyword-match';
import { analyzed, realListings } from '../../support/real-listings';

const TABLE: Abbreviation[] = [['RL', 'reinforcement learning']];

/** Papers with these ids and titles, and no abstract. */
const titledPapers = (rows: string[][]) => rows.map(([id, title]) => analyzePaper({ id: id!, title: title!, abstract: '' }));

describe('keyword phrases', () => {
  const papers = papersOf([
    ['ar', 'AR glasses for surgery', 'We build ARs.'],
    ['are', 'What models are good at', 'Are they? They ARE.'],
    ['clip', 'CLIP features', 'Zero-shot transfer.'],
    ['clips', 'Video clips', 'We clip gradients.'],
    ['moe', 'Sparse MoEs', 'Experts.'],
    ['rl', 'Deep RL agents', 'An RL agent learns.'],
    ['rl-lower', 'rl agents', 'lowercase.'],
    ['spelled', 'Reinforcement learning agents', 'Rewards.'],
    ['gnn', 'Graph neural networks', 'On graphs.'],
  ]);

  it('matches a word typed in capitals only where papers write it in capitals', () => {
    expect(matched('AR', papers)).toEqual(['ar']); // "ARE" is "are", another word (word-families.ts)
    expect(matched('CLIP', papers)).toEqual(['clip']);
    expect(matched('MoE', papers)).toEqual(['moe']);
    expect(matched('RL agents', papers)).toEqual(['rl']); // "agents" in any case, "RL" in capitals
    // Typed in small letters: in any case, as before.
    expect(matched('ar', papers)).toEqual(['ar']);
    expect(matched('clip', papers)).toEqual(['clip', 'clips']);
    expect(matched('rl agents', papers)).toEqual(['rl', 'rl-lower']);
    expect(matched('Clip', papers)).toEqual(['clip', 'clips']); // a capital first only: a sentence's first word
  });

  it('reads a keyword typed in capitals throughout as shouted, unless it is one short word', () => {
    expect(matched('GRAPH NEURAL NETWORKS', papers)).toEqual(['gnn']);
    expect(matched('SURGERY', papers)).toEqual(['ar']);
    expect(capitalsRequired('GRAPH NEURAL NETWORKS')).toBeNull();
    expect(capitalsRequired('DEEP RL')).toBeNull();
    expect(capitalsRequired('TRANSFORMERS')).toBeNull();
    expect(capitalsRequired('CLIP')).toEqual(Uint8Array.of(1));
    expect(capitalsRequired('LLM-based agents')).toEqual(Uint8Array.of(1, 0, 0));
    expect(capitalsRequired('graph networks')).toBeNull();
  });

  it('a number or single letter in a keyword must be in the paper, where the keyword has it', () => {
    const titled = titledPapers([
      ['t2d', 'Predicting type 2 diabetes from records'],
      ['t1d', 'Type 1 diabetes in children'],
      ['dqn', 'Deep Q-learning for Atari games'],
      ['deep', 'Deep learning for image classification'],
      ['xray', 'X-ray images of lungs'],
      ['ray', 'Ray tracing on GPUs'],
      ['gpt4', 'Evaluating GPT-4 on exams'],
      ['gpt3', 'Evaluating GPT-3 on exams'],
      ['vitd', 'Vitamin D and bones'],
      ['vitc', 'Vitamin C and colds'],
    ]);
    expect(matched('type 2 diabetes', titled)).toEqual(['t2d']);
    expect(matched('diabetes', titled)).toEqual(['t2d', 't1d']);
    expect(matched('deep Q-learning', titled)).toEqual(['dqn']);
    expect(matched('Q-learning', titled)).toEqual(['dqn']);
    expect(matched('deep learning', titled)).toEqual(['deep']); // "Deep Q-learning" is not "deep learning"
    expect(matched('X-ray', titled)).toEqual(['xray']);
    expect(matched('GPT-4', titled)).toEqual(['gpt4']);
    expect(matched('GPT', titled)).toEqual(['gpt4', 'gpt3']);
    expect(matched('vitamin D', titled)).toEqual(['vitd']);
  });

  it("keeps a keyword's numbers and single letters in its abbreviated or spelled-out form", () => {
    const titled = titledPapers([
      ['rl-t2d', 'Reinforcement learning for type 2 diabetes'],
      ['rl-t1d', 'Reinforcement learning for type 1 diabetes'],
      ['rag-llama3', 'Retrieval-augmented generation with Llama 3'],
      ['rag-llama2', 'Retrieval-augmented generation with Llama 2'],
      ['rag-gpt4', 'Retrieval-augmented generation with GPT-4'],
      ['rag-gpt35', 'Retrieval-augmented generation with GPT-3.5'],
      ['short-llama3', 'RAG with Llama 3'],
      ['short-llama2', 'RAG with Llama 2'],
    ]);
    expect(matched('RL for type 2 diabetes', titled, SHIPPED_ABBREVIATIONS)).toEqual(['rl-t2d']);
    expect(matched('RAG with Llama 3', titled, SHIPPED_ABBREVIATIONS)).toEqual(['rag-llama3', 'short-llama3']);
    expect(matched('RAG with GPT-4', titled, SHIPPED_ABBREVIATIONS)).toEqual(['rag-gpt4']);
    expect(matched('retrieval-augmented generation with Llama 3', titled, SHIPPED_ABBREVIATIONS)).toEqual(['rag-llama3', 'short-llama3']);
    // The phrase as typed, but for the words rewritten (the editor's hint says these).
    expect(otherSpellings('RL for type 2 diabetes', SHIPPED_ABBREVIATIONS)).toEqual(['reinforcement learning for type 2 diabetes']);
    expect(otherSpellings('RAG with Llama 3', SHIPPED_ABBREVIATIONS)).toEqual(['retrieval-augmented generation with Llama 3']);
    expect(otherSpellings('RL (offline)', SHIPPED_ABBREVIATIONS)[0]).toBe('reinforcement learning (offline)'); // its bracket breaks it still
    expect(otherSpellings('naïve RL with β-VAE', SHIPPED_ABBREVIATIONS)).toEqual(['naïve reinforcement learning with β-VAE']);
  });

  it('a number or single letter before the keyword may follow others ("a Q-learning agent")', () => {
    const titled = titledPapers([
      ['a-q', 'We train a Q-learning agent'],
      ['3-x', 'Images of 3 X-ray scanners'],
      ['q', 'Deep Q-learning'],
      ['learning', 'Learning to rank'],
      ['xq', 'A Q-X-ray hybrid'],
    ]);
    expect(matched('Q-learning', titled)).toEqual(['a-q', 'q']);
    expect(matched('X-ray', titled)).toEqual(['3-x', 'xq']);
  });

  it('a model name finds its later versions, written joined, hyphenated or apart', () => {
    const titled = titledPapers([
      ['gpt4', 'Evaluating GPT-4 on exams'],
      ['gpt4o', 'GPT-4o sees images'],
      ['gpt4o-joined', 'GPT4o sees images'],
      ['gpt4v', 'GPT-4V for charts'],
      ['gpt4-turbo', 'GPT-4-Turbo in the loop'],
      ['gpt40', 'GPT-40 is no model'],
      ['gpt35', 'GPT-3.5 baselines'],
      ['llama3', 'The Llama 3 herd of models'],
      ['llama31', 'Llama 3.1 405B'],
      ['llama3-8b', 'Llama-3-8B fine-tuned'],
      ['llama3-joined', 'LLaMA3 distilled'],
      ['llama31-instruct', 'Llama-3.1-8B-Instruct'],
      ['llama2', 'Llama 2 chat'],
      ['llama-3b', 'OpenLLaMA 3B and Llama 3B'],
      ['gpt4all', 'GPT4All on laptops'], // one word, another name
      ['qwen25', 'Qwen2.5 technical report'],
      ['qwen25-math', 'Qwen 2.5-Math'],
      ['qwen25vl', 'Qwen2.5VL 3B and Qwen2.5Omni'],
      ['qwen2-vl', 'Qwen2-VL'],
      ['qwen2', 'Qwen 2 models'],
      ['mamba2', 'Mamba2 layers'],
      ['mamba-2', 'Mamba-2 and SSMs'],
      ['mamba', 'Mamba blocks'],
      ['yolov8', 'YOLOv8 detection'],
      ['yolov5', 'YOLOv5 detection'],
      ['yolo-v8', 'YOLO v8 detection'],
      ['mamba-v2', 'Mamba v2 layers'],
      ['resnet50', 'ResNet50 features'],
      ['resnet-50', 'ResNet-50 features'],
      ['resnet-18', 'ResNet-18'],
    ]);
    expect(matched('GPT-4', titled)).toEqual(['gpt4', 'gpt4o', 'gpt4o-joined', 'gpt4v', 'gpt4-turbo']);
    expect(matched('GPT-4o', titled)).toEqual(['gpt4o', 'gpt4o-joined']);
    expect(matched('Llama 3', titled)).toEqual(['llama3', 'llama31', 'llama3-8b', 'llama3-joined', 'llama31-instruct']);
    expect(matched('Llama3', titled)).toEqual(matched('Llama 3', titled));
    expect(matched('Llama 3.1', titled)).toEqual(['llama31', 'llama31-instruct']);
    expect(matched('Qwen2.5', titled)).toEqual(['qwen25', 'qwen25-math', 'qwen25vl']);
    expect(matched('Qwen 2.5', titled)).toEqual(['qwen25', 'qwen25-math', 'qwen25vl']);
    expect(matched('Qwen2', titled)).toEqual(['qwen25', 'qwen25-math', 'qwen25vl', 'qwen2-vl', 'qwen2']);
    expect(matched('Qwen', titled)).toEqual(['qwen25', 'qwen25-math', 'qwen25vl', 'qwen2-vl', 'qwen2']);
    expect(matched('Mamba-2', titled)).toEqual(['mamba2', 'mamba-2', 'mamba-v2']);
    expect(matched('Mamba', titled)).toEqual(['mamba2', 'mamba-2', 'mamba', 'mamba-v2']);
    expect(matched('YOLOv8', titled)).toEqual(['yolov8', 'yolo-v8']);
    expect(matched('YOLO', titled)).toEqual(['yolov8', 'yolov5', 'yolo-v8']);
    expect(matched('YOLO v8', titled)).toEqual(['yolov8', 'yolo-v8']); // its form "YOLOv8" (versions.ts)
    expect(matched('ResNet-50', titled)).toEqual(['resnet50', 'resnet-50']);
    expect(matched('ResNet', titled)).toEqual(['resnet50', 'resnet-50', 'resnet-18']);
  });

  it('a version with its mark "v" matches joined or apart, wherever it is in the keyword, and counts once', () => {
    const titled = titledPapers([
      ['yolov8', 'A YOLOv8 detector for drones'],
      ['yolo-v8', 'A YOLO v8 detector for drones'],
      ['yolo-v8-hyphen', 'A YOLO-v8 detector for drones'],
      ['yolov5', 'A YOLOv5 detector for drones'],
      ['yolov8m', 'YOLOv8m and YOLOv8x for drones'], // variants: medium, extra large
      ['da-v2', 'Depth Anything V2 on phones'],
      ['da-v2-joined', 'Depth-Anything-V2 on phones'],
      ['da', 'Depth Anything on phones'],
      ['mobilenetv2', 'MobileNetV2 backbones'],
      ['mobilenet-v2', 'MobileNet v2 backbones'],
    ]);
    const yolo = ['yolov8', 'yolo-v8', 'yolo-v8-hyphen'];
    for (const keyword of ['YOLO v8 detector', 'YOLOv8 detector', 'YOLO-v8 detector']) expect(matched(keyword, titled), keyword).toEqual(yolo);
    // A letter after a marked version is a variant ("YOLOv8m"), not a size as in "Llama 3B".
    for (const keyword of ['YOLO v8', 'YOLOv8']) expect(matched(keyword, titled), keyword).toEqual([...yolo, 'yolov8m']);
    for (const keyword of ['Depth Anything v2', 'Depth Anything V2', 'Depth-Anything-V2']) expect(matched(keyword, titled), keyword).toEqual(['da-v2', 'da-v2-joined']);
    for (const keyword of ['MobileNet v2', 'MobileNetV2']) expect(matched(keyword, titled), keyword).toEqual(['mobilenetv2', 'mobilenet-v2']);
    expect(matched('YOLO v5', titled)).toEqual(['yolov5']);

    // In "YOLO v8", the phrase and its form "YOLOv8" both match (the form's version is the word
    // after it): one occurrence, counted once, as in "YOLOv8".
    const phrases = compilePhrases(['YOLO v8'], new IdfTable(CorpusStats.of(titled)), []);
    const counted = (id: string) => phraseScore(titled.find((p) => p.id === id)!, phrases, 10).matches.map((m) => m.inTitle);
    expect([counted('yolov8'), counted('yolo-v8')]).toEqual([[1], [1]]);
  });

  it('finds, in real abstracts, every paper that writes a model version, however written, and no other', { timeout: 60_000 }, (ctx) => {
    if (!requireShared('real arXiv listings', 'data/arxiv_daily_cs_listings.jsonl')) return ctx.skip();
    const texts = realListings(16_000);
    const real = analyzed(texts);
    for (const [keyword, written, atLeast] of [
      // "Qwen2.5", "Qwen 2.5", "Qwen-2.5", "Qwen2.5VL", "Qwen2.5-Omni", across a line break.
      ['Qwen2.5', /\bqwen[\W_]{0,2}2\.5(?!\d)/i, 200],
      // "GPT-4o", "GPT4o", "gpt-4o-mini", "GPT_4o" (typed in small letters: any case).
      ['gpt-4o', /\bgpt[\W_]{0,2}4o\b/i, 200],
      // "YOLOv8", "YOLO v8", "YOLOv8n", "YOLOv8-seg" (typed with its mark apart: versions.ts).
      ['YOLO v8', /\byolo[\W_]{0,2}v?8(?!\d)/i, 30],
    ] as const) {
      const found = matched(keyword, real);
      expect(found, keyword).toEqual(texts.filter((t) => written.test(`${t.title} ${t.summary}`)).map((t) => t.id));
      expect(found.length, keyword).toBeGreaterThan(atLeast);
    }
  });

  it('Greek letters match however written: as letters, in TeX or by name', () => {
    const titled = titledPapers([
      ['unicode', 'Disentangling with β-VAE'],
      ['tex', 'Disentangling with $\\beta$-VAE'],
      ['named', 'Disentangling with beta-VAE'],
      ['vae', 'Disentangling with a VAE'],
      ['pi0-unicode', 'Fine-tuning $π_0$ for dexterous tasks'],
      ['pi0-tex', 'Fine-tuning $\\pi_0$ for dexterous tasks'],
      ['pi05', 'Scaling $\\pi_{0.5}$ to homes'],
      ['lcdm', 'Tensions in ΛCDM'],
      ['lcdm-tex', 'Tensions in $\\Lambda$CDM'],
    ]);
    expect(matched('β-VAE', titled)).toEqual(['unicode', 'tex', 'named']);
    expect(matched('beta-VAE', titled)).toEqual(['unicode', 'tex', 'named']);
    expect(matched('π0', titled)).toEqual(['pi0-unicode', 'pi0-tex', 'pi05']); // and π0.5, a later version
    expect(matched('ΛCDM', titled)).toEqual(['lcdm', 'lcdm-tex']);
  });

  it("a possessive's s is no break: \"Alzheimer disease\" finds \"Alzheimer's disease\", either way and with either apostrophe", () => {
    const papers = titledPapers([
      ['ascii', "Alzheimer's disease progression"],
      ['curly', 'Alzheimer’s disease staging'],
      ['plain', 'Alzheimer disease cohorts'],
      ['other', "Alzheimer's: a disease of memory"],
    ]);
    expect(matched('Alzheimer disease', papers)).toEqual(['ascii', 'curly', 'plain']);
    expect(matched("Alzheimer's disease", papers)).toEqual(['ascii', 'curly', 'plain']);
    expect(matched('Newton method', titledPapers([['n', "Newton's method, revisited"]]))).toEqual(['n']);
  });

  it('typographic quotes and CJK punctuation end a phrase, as ASCII ones do', () => {
    const papers = titledPapers([
      ['ascii', 'learning "rate" schedules'],
      ['curly', 'learning “rate” schedules'],
      ['single', 'learning ‘rate’ schedules'],
      ['cjk', '深度 learning。rate schedules'],
      ['plain', 'learning rate schedules'],
    ]);
    expect(matched('learning rate', papers)).toEqual(['plain']);
    expect(matched('rate schedules', papers)).toEqual(['cjk', 'plain']); // a closing quote ends it too
  });

  it('punctuation typed inside a keyword is expected there: "Node.js", "ASP.NET", "St. Petersburg"', () => {
    const titled = titledPapers([
      ['node', 'Scaling Node.js servers'],
      ['spaced', 'Event loops in node js'],
      ['degree', 'Node degree and JS divergence'],
      ['graph', 'A node. JavaScript aside'],
      ['asp', 'Porting ASP.NET applications'],
      ['paradox', 'The St. Petersburg paradox revisited'],
      ['undotted', 'The St Petersburg paradox, again'],
    ]);
    expect(matched('Node.js', titled)).toEqual(['node', 'spaced']);
    expect(matched('ASP.NET', titled)).toEqual(['asp']);
    expect(matched('St. Petersburg paradox', titled)).toEqual(['paradox', 'undotted']);
    // Where the keyword has none, a paper's punctuation still ends the phrase.
    expect(matched('node degree', titledPapers([['split', 'On the node. Degree bounds']]))).toEqual([]);
  });

  it("a programming language's name is a word: C++, C#, F#", () => {
    const titled = titledPapers([
      ['cpp', 'Fuzzing C++ compilers'],
      ['cpp11', 'Move semantics in C++11 (and later)'],
      ['csharp', 'Nullable types in C#'],
      ['fsharp', 'Units of measure in F#'],
      ['c', 'A verified C compiler'],
      ['cplus', 'C+ grades and A+B testing'],
    ]);
    expect(matched('C++', titled)).toEqual(['cpp', 'cpp11']);
    expect(matched('c++ compilers', titled)).toEqual(['cpp']);
    expect(matched('C#', titled)).toEqual(['csharp']);
    expect(matched('F#', titled)).toEqual(['fsharp']);
    expect(matched('C compiler', titled)).toEqual(['c']); // "C" beside a word, not "C++"
  });

  it('matches words whatever their accents, letters like ø and ł, or TeX accents', () => {
    const titled = titledPapers([
      ['moller', 'Møller scattering at high energy'],
      ['schrodinger', 'The Schr\\"odinger equation revisited'],
      ['braced', 'A Schr{\\"o}dinger bridge'],
      ['erdos', "Erd\\H{o}s-R\\'enyi graphs"],
    ]);
    expect(matched('Moller scattering', titled)).toEqual(['moller']);
    expect(matched('Schrödinger', titled)).toEqual(['schrodinger', 'braced']);
    expect(matched('Erdős–Rényi graphs', titled)).toEqual(['erdos']);
    // Umlauts spelled out, as German writes them without the key.
    const umlauts = titledPapers([
      ['umlaut', 'Kähler manifolds of low rank'],
      ['spelled', 'Kaehler manifolds of low rank'],
      ['folded', 'Kahler manifolds of low rank'],
      ['tex', 'K\\"ahler manifolds of low rank'],
      ['mobius', 'Moebius transformations'],
    ]);
    expect(matched('Kähler manifolds', umlauts)).toEqual(['umlaut', 'spelled', 'folded', 'tex']);
    expect(matched('Möbius transformations', umlauts)).toEqual(['mobius']);
    expect(otherSpellings('Kähler manifolds')).toEqual(['Kaehler manifolds']);
    // …and typed spelled out, they find the umlaut, in any writing of it.
    expect(matched('Kaehler manifolds', umlauts)).toEqual(['umlaut', 'spelled', 'folded', 'tex']);
    expect(matched('Schroedinger', titled)).toEqual(['schrodinger', 'braced']);
    expect(otherSpellings('Groebner bases')).toEqual(['Grobner bases']);
    expect(otherSpellings('queue of true blue values at Boeing')).toEqual([]);
  });

  it('finds a keyword under TeX text markup: bold initials of an acronym, a stressed word of the phrase', () => {
    const paper = (id: string, abstract: string) => analyzePaper({ id, title: `Paper ${id}`, abstract });
    const papers = [
      paper('plain', 'We propose Reinforcement Learning with Verifiable Rewards (RLVR), an Uncertainty-aware Context-Memory Network (UCMNet) and equivariant graph neural networks.'),
      paper('bold', 'We propose \\textbf{R}einforcement \\textbf{L}earning with \\textbf{V}erifiable \\textbf{R}ewards (RLVR), an \\textbf{U}ncertainty-aware \\textbf{C}ontext-\\textbf{M}emory \\textbf{Network} (\\textbf{UCMNet}) and \\emph{equivariant} graph neural networks.'),
      paper('em', 'We train {\\em equivariant} graph neural networks with reinforcement {\\bf learning}.'),
    ];
    expect(matched('reinforcement learning', papers)).toEqual(['plain', 'bold', 'em']);
    expect(matched('verifiable rewards', papers)).toEqual(['plain', 'bold']);
    expect(matched('memory network', papers)).toEqual(['plain', 'bold']);
    expect(matched('uncertainty-aware', papers)).toEqual(['plain', 'bold']);
    expect(matched('equivariant graph neural networks', papers)).toEqual(['plain', 'bold', 'em']);
  });

  it("keeps the capitals in a keyword's other forms", () => {
    expect(otherForms('Deep reinforcement learning for ROS', TABLE)).toEqual(['Deep RL for ROS']);
    // "reinforcement learning" also finds "RL" in capitals, not "rl".
    expect(matched('reinforcement learning agents', papers, TABLE)).toEqual(['rl', 'spelled']);
    expect(matched('RL agents', papers, TABLE)).toEqual(['rl', 'spelled']);
  });

  it('finds the papers that write only the abbreviation of a long form the keyword ends', () => {
    const asr = analyzePaper({ id: 'asr', title: 'Streaming ASR', abstract: 'Word error rates fall.' });
    const spelled = analyzePaper({ id: 'spelled', title: 'Speech recognition for children', abstract: 'Kids talk.' });
    const phrases = compilePhrases(['speech recognition'], new IdfTable(CorpusStats.of([asr, spelled])), [['ASR', 'automatic speech recognition']]);
    expect([asr, spelled].map((p) => phraseScore(p, phrases, 10).matches.map((m) => [m.phrase, m.as ?? null]))).toEqual([[['speech recognition', ['ASR']]], [['speech recognition', null]]]);
  });

  it('a keyword typed again as its abbreviation (or spelled out) is one phrase: counted and named once, whichever form a paper writes', () => {
    const gnn = analyzePaper({ id: 'gnn', title: 'GNN pooling', abstract: 'Our GNN pools nodes.' });
    const spelled = analyzePaper({ id: 'spelled', title: 'Graph neural networks for molecules', abstract: 'Atoms as nodes.' });
    const idf = new IdfTable(CorpusStats.of([gnn, spelled]));
    const table: Abbreviation[] = [['GNN', 'graph neural networks']];
    const both = compilePhrases(['graph neural networks', { phrase: 'GNN', weight: 2 }], idf, table);
    expect(both.map((p) => [p.text, p.weight, p.forms?.map((f) => f.text)])).toEqual([['graph neural networks', 2, ['GNN']]]);
    const one = compilePhrases([{ phrase: 'graph neural networks', weight: 2 }], idf, table);
    for (const paper of [gnn, spelled]) {
      expect(phraseScore(paper, both, 10).matches).toHaveLength(1);
      expect(phraseScore(paper, both, 10).score).toBeCloseTo(phraseScore(paper, one, 10).score, 9);
    }
  });

  it('finds far fewer papers for an abbreviation that is also a word, in real abstracts', { timeout: 60_000 }, (ctx) => {
    if (!requireShared('real arXiv listings', 'data/arxiv_daily_cs_listings.jsonl')) return ctx.skip();
    const texts = realListings(4000);
    const real = analyzed(texts);
    const text = new Map(texts.map((t) => [t.id, `${t.title} ${t.summary}`]));
    for (const [typed, written] of [
      ['AR', /\bARs?\b/],
      ['US', /\bUS\b/],
      ['CLIP', /\bCLIPs?\b/],
    ] as const) {
      const any = matched(typed.toLowerCase(), real);
      const capitals = matched(typed, real);
      // Every paper found writes it in capitals, and every paper that does is found.
      expect(capitals.every((id) => written.test(text.get(id)!)), typed).toBe(true);
      expect(capitals.length, typed).toBe(texts.filter((t) => written.test(`${t.title} ${t.summary}`)).length);
      // Typed in small letters, any case: "us", "clip" and "clips" too ("are" is another word, word-families.ts).
      expect(any.length, typed).toBeGreaterThan(typed === 'AR' ? capitals.length - 1 : capitals.length);
    }
    expect(matched('AR', real).length).toBeLessThan(100);
  });
});
