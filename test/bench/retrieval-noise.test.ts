import { describe, expect, it } from 'vitest';
import { addTypingNoise, seededRandom } from '../../bench/retrieval-noise';
import { foldDiacritics, syllables } from '../../src/text/index';

const QUESTION = 'Người lao động không được trả lương thì phải làm như thế nào để được giải quyết, mức phạt bao nhiêu theo Điều 35 Nghị định 12/2022/NĐ-CP?';
const ALL = { toneSlip: 0, confusion: 0, dropDiacritics: 0, chatCode: 0 };

describe('addTypingNoise', () => {
  it('is reproducible from its seed and differs across seeds', () => {
    expect(addTypingNoise({ text: QUESTION, seed: 7 })).toBe(addTypingNoise({ text: QUESTION, seed: 7 }));
    const variants = new Set([1, 2, 3, 4, 5].map((seed) => addTypingNoise({ text: QUESTION, seed })));
    expect(variants.size).toBeGreaterThan(1);
    expect(seededRandom(1)()).toBe(seededRandom(1)());
  });

  it('changes nothing with every rate at zero', () => {
    expect(addTypingNoise({ text: QUESTION, seed: 3, rates: ALL })).toBe(QUESTION);
  });

  it('writes chat code for the common words that have one', () => {
    const noisy = addTypingNoise({ text: QUESTION, seed: 3, rates: { ...ALL, chatCode: 1 } });
    expect(noisy).toContain(' ko ');
    expect(noisy).toContain(' dc ');
    expect(noisy).toContain('ntn');
    expect(noisy).toContain('bn');
  });

  it('drops diacritics, slips tones and swaps confusable consonants, word by word, keeping the word count', () => {
    const dropped = addTypingNoise({ text: QUESTION, seed: 3, rates: { ...ALL, dropDiacritics: 1 } });
    expect(dropped).toBe(foldDiacritics(QUESTION));
    const slipped = addTypingNoise({ text: QUESTION, seed: 3, rates: { ...ALL, toneSlip: 1 } });
    expect(foldDiacritics(slipped)).toBe(foldDiacritics(QUESTION));
    expect(slipped).not.toBe(QUESTION);
    const confused = addTypingNoise({ text: 'tạm trú sổ đỏ lương', seed: 3, rates: { ...ALL, confusion: 1 } });
    expect(confused).toBe('tạm chú xổ đỏ nương');
    expect(syllables(confused)).toHaveLength(5);
  });

  it('leaves words with digits alone (số hiệu, Điều numbers)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const noisy = addTypingNoise({ text: QUESTION, seed, rates: { toneSlip: 0.3, confusion: 0.3, dropDiacritics: 0.3, chatCode: 1 } });
      expect(noisy).toContain('35');
      expect(noisy).toContain('12/2022/');
    }
  });
});
