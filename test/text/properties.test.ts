import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeForIndex, bigrams, foldDiacritics, normalizeText, splitSentences, syllables, termSets } from '../../src/text/index';
import { scanTokens } from '../../src/text/scan-tokens';
import { lastWordStart } from '../../src/text/sentence-boundary';
import { composeVowel, VOWEL_LETTERS, vowelParts } from '../../src/text/vietnamese-letters';
import { decomposedArb, isToned, syllableArb, vietnameseTextArb } from './arbitraries';

const anyText = fc.oneof(vietnameseTextArb, decomposedArb, fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
const runs = { numRuns: 400 };
const stripTones = (t: string): string => [...t].map((c) => composeVowel(vowelParts(c)?.base ?? '', 0) ?? c).join('');

describe('foldDiacritics (properties)', () => {
  it('is idempotent', () => {
    fc.assert(fc.property(anyText, (t) => foldDiacritics(foldDiacritics(t)) === foldDiacritics(t)), runs);
  });

  it('keeps the length of NFC text that has no stray combining diacritic', () => {
    fc.assert(fc.property(vietnameseTextArb, (t) => {
      const nfc = t.normalize('NFC');
      fc.pre(!/[\u0300-\u036f]/.test(nfc));
      expect(foldDiacritics(nfc).length).toBe(nfc.length);
    }), runs);
  });

  it('leaves no combining diacritic and no Vietnamese letter behind', () => {
    const vietnamese = new Set([...VOWEL_LETTERS.filter((c) => !/^[aeiouy]$/i.test(c)), 'đ', 'Đ']);
    fc.assert(fc.property(anyText, (t) => [...foldDiacritics(t)].every((c) => !vietnamese.has(c) && !/[\u0300-\u036f]/.test(c))), runs);
  });

  it('gives the same result for NFC and NFD input', () => {
    fc.assert(fc.property(vietnameseTextArb, (t) => foldDiacritics(t.normalize('NFD')) === foldDiacritics(t)), runs);
  });
});

describe('normalizeText (properties)', () => {
  it('is idempotent', () => {
    fc.assert(fc.property(anyText, (t) => normalizeText(normalizeText(t)) === normalizeText(t)), runs);
  });

  it('keeps the length of NFC text and changes nothing but tone positions and look-alikes', () => {
    fc.assert(fc.property(vietnameseTextArb, (t) => {
      const nfc = t.normalize('NFC');
      const out = normalizeText(nfc);
      expect(out.length).toBe(nfc.length);
      expect(stripTones(out)).toBe(stripTones(normalizeText(stripTones(nfc))));
      expect([...out].filter(isToned).length).toBe([...nfc].filter(isToned).length);
    }), runs);
  });

  it('does not depend on where the input put the tone of a syllable', () => {
    fc.assert(fc.property(syllableArb, fc.nat(), (word, shift) => {
      const toned = [...word].findIndex(isToned);
      const vowels = [...word].flatMap((c, i) => (vowelParts(c) ? [i] : []));
      if (toned < 0 || vowels.length < 2) return;
      const letters = [...word];
      const tone = vowelParts(letters[toned] ?? '')?.tone ?? 0;
      const target = vowels[shift % vowels.length] ?? toned;
      letters[toned] = composeVowel(vowelParts(letters[toned] ?? '')?.base ?? '', 0) ?? '';
      letters[target] = composeVowel(vowelParts(letters[target] ?? '')?.base ?? '', tone) ?? '';
      expect(normalizeText(letters.join(''))).toBe(normalizeText(word));
    }), runs);
  });

  it('agrees with folding: fold(normalize(x)) === fold(x)', () => {
    fc.assert(fc.property(anyText, (t) => foldDiacritics(normalizeText(t)) === foldDiacritics(t)), runs);
  });
});

describe('syllables (properties)', () => {
  it('tokenises the folded text into the folded tokens of the text', () => {
    fc.assert(fc.property(fc.oneof(vietnameseTextArb, decomposedArb), (t) => {
      expect(syllables(foldDiacritics(t))).toEqual(syllables(t).map(foldDiacritics));
    }), runs);
  });

  it('returns non-empty lower-case tokens without separators', () => {
    fc.assert(fc.property(vietnameseTextArb, (t) => {
      for (const tok of syllables(t)) {
        expect(tok).toBe(tok.toLowerCase());
        expect(tok).toMatch(/^[\p{L}\p{M}\p{N}]+(?:[.,]\p{N}+)*$/u);
      }
    }), runs);
  });
});

describe('scanTokens (properties)', () => {
  it('cuts the same tokens as the plain regular expression it replaces', () => {
    const reference = /\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{M}\p{N}]+/gu;
    const texts = fc.oneof(anyText, fc.stringMatching(/^[0-9a-zà.,\- ]*$/));
    fc.assert(fc.property(texts, (t) => {
      expect(scanTokens(t)).toEqual(t.match(reference) ?? []);
    }), runs);
  });
});

describe('analyzeForIndex (properties)', () => {
  it('folds the text once into exactly the folded syllables, and pairs them into bigrams', () => {
    fc.assert(fc.property(fc.oneof(vietnameseTextArb, decomposedArb), (t) => {
      const a = analyzeForIndex(t);
      expect(a.syllables).toEqual(syllables(t));
      expect(a.foldedSyllables).toEqual(a.syllables.map(foldDiacritics));
      expect(a.foldedBigrams).toEqual(bigrams(a.foldedSyllables));
    }), runs);
  });
});

describe('termSets (properties)', () => {
  it('holds exactly the syllables and bigrams of the text, accented and folded one by one, asked once or again', () => {
    fc.assert(fc.property(fc.oneof(vietnameseTextArb, decomposedArb, fc.string({ unit: 'grapheme' })), (t) => {
      const accented = syllables(t);
      const folded = accented.map(foldDiacritics);
      const reference = { accented: new Set([...accented, ...bigrams(accented)]), folded: new Set([...folded, ...bigrams(folded)]), count: accented.length };
      expect(termSets(t)).toEqual(reference);
      expect(termSets(t)).toEqual(reference);
    }), runs);
  });
});

describe('lastWordStart (properties)', () => {
  it('finds where the last run of non-space characters starts, as text.search(/\\S*$/) does', () => {
    const spaced = fc.array(fc.constantFrom('a', 'Đ', '.', ' ', '\u00a0', '\t', '\u2003', '\ufeff', '\u3000', '😀', 'ệ'), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(fc.property(fc.oneof(spaced, anyText), (t) => {
      expect(lastWordStart(t)).toBe(t.search(/\S*$/));
    }), runs);
  });
});

describe('splitSentences (properties)', () => {
  it('returns ordered, non-overlapping, trimmed spans that slice the input exactly', () => {
    fc.assert(fc.property(fc.oneof(vietnameseTextArb, fc.string({ unit: 'grapheme' })), (t) => {
      let last = 0;
      for (const s of splitSentences(t)) {
        expect(t.slice(s.start, s.end)).toBe(s.text);
        expect(s.start).toBeGreaterThanOrEqual(last);
        expect(s.end).toBeGreaterThan(s.start);
        expect(s.text).toBe(s.text.trim());
        last = s.end;
      }
    }), runs);
  });

  it('loses no visible text: every non-space character lies in some span', () => {
    fc.assert(fc.property(vietnameseTextArb, (t) => {
      const covered = new Array<boolean>(t.length).fill(false);
      for (const s of splitSentences(t)) for (let i = s.start; i < s.end; i++) covered[i] = true;
      const lost = t.split('').filter((c, i) => !covered[i] && !/\s/.test(c));
      expect(lost).toEqual([]);
    }), runs);
  });
});
