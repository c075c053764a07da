import { describe, expect, it } from 'vitest';
import { requireShared } from '../../../scripts/lib/shared';
import { realListings } from '../../support/real-listings';
import { authorKey, foldAccents, sameAuthor } from '../../../src/relevance/authors';
import { spellGreek } from '../../../src/core/fold';
import { countTerms, describeStream, isStopWord, Lexicon, termsOf, tokenize, wordAt, wordHash, writtenWords } from '../../../src/relevance/tokenize';

describe('tokenize', () => {
  it('drops stop words from terms but keeps them in the stream for phrases', () => {
    const ts = tokenize('The networks of the future');
    expect(describeStream(ts).surface).toEqual(['the', 'networks', 'of', 'the', 'future']);
    expect(describeStream(ts).stop).toEqual([1, 0, 1, 1, 0]);
    const terms = [...countTerms(ts).keys()];
    expect(terms).not.toContain('the');
    expect(terms).not.toContain('of');
    expect(isStopWord('the')).toBe(true);
    expect(isStopWord('network')).toBe(false);
  });

  it('numbers each word once, looked up in the text it occurs in, however large the lexicon grows', () => {
    const lexicon = new Lexicon(4); // grows from 4 slots to 65,536
    const words = Array.from({ length: 40_000 }, (_, i) => `w${i.toString(36)}x`);
    const text = ` ${words.join(' ')} `;
    const ids: number[] = [];
    const idIn = (t: string, start: number, end: number) => lexicon.wordIdIn(t, start, end, wordHash(t, start, end));
    for (let at = 1, i = 0; i < words.length; i++, at += words[i - 1]!.length + 1) ids.push(idIn(text, at, at + words[i]!.length));
    expect(ids).toEqual(words.map((_, i) => i));
    expect(lexicon.wordCount).toBe(40_000);
    // Found again, as a whole string or inside another text, never added twice.
    expect([...words].reverse().map((w) => lexicon.wordId(w))).toEqual([...ids].reverse());
    expect(idIn('(w0x)', 1, 4)).toBe(0);
    expect(idIn('w0xy', 0, 3)).toBe(0);
    expect(idIn('w0xy', 0, 4)).toBe(40_000); // a longer word is another word
    expect(lexicon.word(12_345)).toBe(words[12_345]);
    expect(lexicon.stem(lexicon.stemOf(lexicon.wordId('networks')))).toBe('network');
    expect(lexicon.isStop(lexicon.wordId('the'))).toBe(true);
    // Looked up without being added.
    expect(lexicon.findWord('w0x')).toBe(0);
    expect(lexicon.findWord('graphs')).toBe(-1);
    expect(lexicon.findWord('graphs')).toBe(-1);
    expect(lexicon.findWord(words[39_999]!)).toBe(39_999);
  });

  it('stems with the Porter stemmer', () => {
    expect(describeStream(tokenize('networks learning retrieval')).stems).toEqual(['network', 'learn', 'retriev']);
  });

  it('makes bigrams of adjacent content words, not across punctuation or stop words', () => {
    const t = termsOf('Large language models. Graph of networks');
    expect(t.get('languag model')).toBe(1);
    expect(t.has('model graph')).toBe(false); // a full stop between them
    expect(t.has('graph network')).toBe(false); // "of" between them
    expect(t.get('graph')).toBe(1);
  });

  it('counts repeated terms', () => {
    const t = termsOf('speech speech recognition; speech');
    expect(t.get('speech')).toBe(3);
    expect(t.get('speech speech')).toBe(1);
    expect(t.get('speech recognit')).toBe(1);
  });

  it('keeps words with a letter, drops numbers and single letters, folds accents and case', () => {
    const ts = describeStream(tokenize('3D Gaussians in 2024: a Café, x'));
    expect(ts.surface).toEqual(['3d', 'gaussians', 'in', 'cafe']);
    expect(ts.brk[3]).toBe(1); // the number and colon before "cafe" break phrases
  });

  it("keeps a letter with a language's symbols as one word: C++, C#, F#", () => {
    expect(describeStream(tokenize('C++ or C#, F# and C')).surface).toEqual(['c++', 'or', 'c#', 'f#', 'and']);
    expect(writtenWords('C++ or C#, F# and C')).toEqual(['C++', 'or', 'C#', 'F#', 'and']);
    expect([...termsOf('templates in C++').keys()]).toContain('c++');
  });

  it('splits text as its definition says: runs of letters and digits (and a letter with "++" or "#"), phrases broken by punctuation', () => {
    // The definition, as a regular expression (encodeText scans character codes instead).
    const reference = (text: string) => {
      const written: string[] = [];
      const brk: number[] = [];
      let pending = false;
      // Punctuation ends a phrase, typographic quotes and CJK punctuation too (a ’ only where no
      // word goes on: else it is an apostrophe); a possessive's "s" is skipped.
      const possessive = /(?<=[A-Za-z0-9]['’])[sS](?![A-Za-z0-9])/y;
      const folded = spellGreek(foldAccents(text));
      for (const { 0: run, index } of folded.matchAll(/(?<![A-Za-z0-9])[A-Za-z](?:\+\+|#)|[A-Za-z0-9]+|[.,;:!?()[\]{}"“”‘«»。，；：、！？]|’(?![A-Za-z0-9])/g)) {
        possessive.lastIndex = index;
        if (possessive.test(folded)) continue;
        // A name (two characters or more, a letter at each end) with a version joined to it
        // (digits, perhaps with one small letter after them) is two pieces; a "v" or "V" before
        // the digits whose case differs from the letter before it is a version mark, dropped.
        const joined = /^([A-Za-z][A-Za-z0-9]*[A-Za-z])([0-9]+[a-z]?)$/.exec(run);
        let pieces = [run];
        if (joined) {
          const mark = /^([A-Za-z][A-Za-z0-9]*([A-Za-z]))([vV])$/.exec(joined[1]!);
          const dropped = mark && /[a-z]/.test(mark[2]!) !== /[a-z]/.test(mark[3]!);
          pieces = [dropped ? mark[1]! : joined[1]!, joined[2]!];
        }
        for (const piece of pieces) {
          if (!/[A-Za-z0-9]/.test(piece[0]!) || piece.length < 2 || !/[A-Za-z]/.test(piece)) pending = true;
          else {
            written.push(piece);
            brk.push(pending ? 1 : 0);
            pending = false;
          }
        }
      }
      // Written in capitals: a capital after the first character.
      return { surface: written.map((w) => w.toLowerCase()), brk, capital: written.map((w) => (/[A-Z]/.test(w.slice(1)) ? 1 : 0)), written };
    };
    const texts = [
      'Text-to-speech (TTS) for 3D/4D scenes: GPT-4o, LLaMA-2 7B; "quoted" {braced} [cited] end!',
      'x y z 12 34 a1 1a ab 9 — naïve Æsop über straße — 東京 words — résumé…? ok',
      '  leading and trailing  ',
      'we call "robust" models robust',
      '',
      "it's the model's o'clock, e.g. i.e. vs. etc.",
      'Alzheimer’s “disease” ‘quoted’ and Newton’s method, the ’90s and rock ’n’ roll。深度，学习',
      'A\u0301ngstro\u0308m units\tand\nnewlines\r\nend',
      'C++ and C# or F#: x++ y+ A+B c+++ C++11 (C++) #hash b# ab# 1# é# Objective-C++',
      'Qwen2.5-VL, LLaMA3-8B, GPT4o and Gemma2b beat YOLOv8, MobileNetV2, DeepV2, IPv6, conv1, Nv2, vV2, x86, H100, L2, 256x256, wav2vec2, ab9 a1b2 3dx4y',
      'β-VAE, ΛCDM, π0, LegalΔ, μm, ϕ and Ω: άλφα',
    ];
    for (const text of texts) {
      const got = describeStream(tokenize(text));
      expect({ surface: got.surface, brk: got.brk, capital: got.capital, written: writtenWords(text) }, text).toEqual(reference(text));
    }
  });

  it('reads a version joined to a name as if written apart', () => {
    const words = (text: string) => describeStream(tokenize(text)).surface;
    expect(words('Qwen2.5-VL and LLaMA3')).toEqual(words('Qwen 2.5-VL and LLaMA 3'));
    expect(words('GPT4o and YOLOv8, MobileNetV2')).toEqual(['gpt', '4o', 'and', 'yolo', 'mobilenet']);
    expect(words('conv1, x86, H100, 256x256 and wav2vec2')).toEqual(['conv', 'x86', 'h100', '256x256', 'and', 'wav2vec']);
    expect(describeStream(tokenize('LLaMA3 DeepV2')).capital).toEqual([1, 0]); // the name's own capitals, not the version mark's
  });

  it('reads Greek letters by name, as TeX writes them', () => {
    const words = (text: string) => describeStream(tokenize(text)).surface;
    expect(words('β-VAE and ΛCDM')).toEqual(words('$\\beta$-VAE and $\\Lambda$CDM'));
    expect(words('β-VAE and ΛCDM')).toEqual(['beta', 'vae', 'and', 'lambda', 'cdm']);
    expect(words('π0 and $π_0$')).toEqual(words('pi0 and $\\pi_0$'));
  });

  it('reads TeX text markup as its content, with no break added: bold initials stay in their word', () => {
    const words = (text: string) => describeStream(tokenize(text)).surface;
    expect(words('\\textbf{R}einforcement \\textbf{L}earning')).toEqual(['reinforcement', 'learning']);
    expect(words('\\emph{equivariant} graph, \\textit{\\textbf{very}} {\\em deep} {\\bf nets} \\underline{here} \\texttt{code}\\textsc{Name}')).toEqual(
      words('equivariant graph, very deep nets here codeName'),
    );
    expect(describeStream(tokenize('\\emph{equivariant} graph networks')).brk).toEqual([0, 0, 0]);
    expect(writtenWords('\\textbf{R}einforcement \\textbf{L}earning (\\textbf{RL})')).toEqual(['Reinforcement', 'Learning', 'RL']);
    // A letter written as a command is part of its word, as TeX reads it ("S\o ren" is "Soren").
    expect(words('Stra\\ss e and Bj\\o rn')).toEqual(['strasse', 'and', 'bjorn']);
    // Other commands and braces are as before: \mathcal{O} is no markup.
    expect(words('$\\mathcal{O}(n)$ time')).toEqual(['mathcal', 'time']);
  });

  it('keeps each number and single letter between words as a piece, in order, before the word that follows', () => {
    const pieces = (text: string) => [...tokenize(text).gaps!];
    const hash = (piece: string) => wordHash(piece, 0, piece.length);
    expect(pieces('Llama 3.1 models')).toEqual([1, hash('3'), 1, hash('1')]);
    expect(pieces('Qwen2.5')).toEqual(pieces('Qwen 2.5'));
    expect(pieces('a Q-learning agent, x')).toEqual([0, hash('a'), 0, hash('q'), 2, hash('x')]);
    expect(pieces('GPT-4o')).toEqual([]); // "4o" is a word
  });

  it('marks the words written in capitals, one word whatever its case', () => {
    const text = 'AR glasses are LLMs: MoE, ChatGPT and 3D. Are CLIP clips? ARE';
    const ts = tokenize(text);
    const got = describeStream(ts);
    expect(got.surface).toEqual(['ar', 'glasses', 'are', 'llms', 'moe', 'chatgpt', 'and', '3d', 'are', 'clip', 'clips', 'are']);
    expect(got.capital).toEqual([1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 0, 1]);
    expect(wordAt(ts, 2)).toBe(wordAt(ts, 8)); // "are", "Are" and "ARE": one word
    expect(wordAt(ts, 11)).toBe(wordAt(ts, 2));
    expect(writtenWords(text)).toEqual(['AR', 'glasses', 'are', 'LLMs', 'MoE', 'ChatGPT', 'and', '3D', 'Are', 'CLIP', 'clips', 'ARE']);
  });

  it('finds the same words in real abstracts as written and as numbered', (ctx) => {
    if (!requireShared('real arXiv listings', 'data/arxiv_daily_cs_listings.jsonl')) return ctx.skip();
    let words = 0;
    for (const { title, summary } of realListings(3000)) {
      for (const text of [title, summary]) {
        const written = writtenWords(text);
        expect(describeStream(tokenize(text)).surface).toEqual(written.map((w) => w.toLowerCase()));
        words += written.length;
      }
    }
    expect(words).toBeGreaterThan(300_000);
  });

  it('author keys survive accents, initials and middle names', () => {
    expect(authorKey('José M. Álvarez-Pérez')).toBe('jose alvarezperez');
    expect(sameAuthor(authorKey('Yann LeCun'), authorKey('Y. LeCun'))).toBe(true);
    expect(sameAuthor(authorKey('Yann LeCun'), authorKey('Yann A. LeCun'))).toBe(true);
    expect(sameAuthor(authorKey('Yann LeCun'), authorKey('Xavier LeCun'))).toBe(false);
    expect(sameAuthor('', '')).toBe(false);
  });
});
