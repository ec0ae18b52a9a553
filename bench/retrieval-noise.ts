import { foldDiacritics, normalizeText } from '../src/text/index';
import { composeVowel, vowelParts, type Tone } from '../src/text/vietnamese-letters';

/** Probabilities of the typing-noise generator, per word. */
export interface NoiseRates {
  /** The tone mark moved to another tone ("những" → "nhũng"). */
  toneSlip: number;
  /** A regional confusion (ch/tr, s/x, d/gi/r, l/n, n/ng, i/y): "tạm trú" → "tạm chú". */
  confusion: number;
  /** Diacritics dropped on the word ("thủ" → "thu"). */
  dropDiacritics: number;
  /** Chat code for the common words that have one ("không" → "ko", "được" → "dc"). */
  chatCode: number;
}

/** Default rates: about one word in four of a question is changed. */
export const DEFAULT_NOISE: Readonly<NoiseRates> = Object.freeze({ toneSlip: 0.06, confusion: 0.04, dropDiacritics: 0.1, chatCode: 0.6 });

/** mulberry32: a small seeded generator, so that every run makes the same noisy questions. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHAT: Array<[string, string]> = [['như thế nào', 'ntn'], ['bao nhiêu', 'bn'], ['không', 'ko'], ['được', 'dc'], ['gì', 'j'], ['với', 'vs'], ['người', 'ng']];
const ONSETS: Array<[string, string]> = [['tr', 'ch'], ['ch', 'tr'], ['s', 'x'], ['x', 's'], ['gi', 'd'], ['d', 'gi'], ['r', 'd'], ['l', 'n'], ['n', 'l']];

function slipTone(word: string, random: () => number): string {
  const chars = [...word];
  const at = chars.findIndex((c) => (vowelParts(c)?.tone ?? 0) !== 0);
  if (at < 0) return word;
  const parts = vowelParts(chars[at] ?? '');
  if (parts === undefined) return word;
  const others = ([1, 2, 3, 4, 5] as Tone[]).filter((t) => t !== parts.tone);
  chars[at] = composeVowel(parts.base, others[Math.floor(random() * others.length)] ?? 1) ?? chars[at] ?? '';
  return chars.join('');
}

function confuse(word: string, random: () => number): string {
  const lower = word.toLowerCase();
  const onset = ONSETS.filter(([from]) => lower.startsWith(from) && !(from === 'n' && lower.startsWith('ng')) && !(from === 'd' && lower.startsWith('đ')));
  const pick = onset[Math.floor(random() * onset.length)];
  if (pick !== undefined) return pick[1] + word.slice(pick[0].length);
  if (/ng$/.test(lower)) return word.slice(0, -1);
  if (/[^g]n$/.test(lower)) return `${word}g`;
  return word;
}

/**
 * The question as a hurried phone user might type it, reproducibly (`seed`): chat code for common
 * words, tone slips, regional confusions, diacritics dropped on some words. Words with digits
 * (số hiệu, "Điều 5") are left alone; every change keeps the word count but chat code.
 */
export function addTypingNoise({ text, seed, rates = DEFAULT_NOISE }: { text: string; seed: number; rates?: Readonly<NoiseRates> }): string {
  const random = seededRandom(seed);
  let out = normalizeText(text);
  for (const [phrase, code] of CHAT) {
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${phrase}(?![\\p{L}\\p{N}])`, 'giu'), (m) => (random() < rates.chatCode ? code : m));
  }
  return out.replace(/[\p{L}\p{M}\p{N}]+/gu, (word) => {
    if (/\d/.test(word) || CHAT.some(([, code]) => code === word)) return word;
    const r = random();
    let w = word;
    if (r < rates.toneSlip) w = slipTone(w, random);
    else if (r < rates.toneSlip + rates.confusion) w = confuse(w, random);
    else if (r < rates.toneSlip + rates.confusion + rates.dropDiacritics) w = foldDiacritics(w);
    return w;
  });
}
