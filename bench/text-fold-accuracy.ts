import { createRequire } from 'node:module';
import { foldDiacritics } from '../src/text/index';

/** A function that removes accents, under the name the report prints. */
export interface Folder {
  name: string;
  fold: (text: string) => string;
}

const require = createRequire(import.meta.url);
const removeAccents = require('remove-accents') as { remove: (s: string) => string };
const diacritics = require('diacritics') as { remove: (s: string) => string };
const deburr = require('lodash.deburr') as (s: string) => string;

/** The folders compared: ours, three popular npm packages, and the usual one-liner. */
export const FOLDERS: Folder[] = [
  { name: 'foldDiacritics (src/text)', fold: foldDiacritics },
  { name: 'remove-accents 0.5', fold: (s) => removeAccents.remove(s) },
  { name: 'diacritics 1.3', fold: (s) => diacritics.remove(s) },
  { name: 'lodash.deburr 4.1', fold: deburr },
  { name: "NFD + strip U+0300–U+036F", fold: (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '') },
];

// The reference: every Vietnamese letter with a diacritic, row by row, typed out, and its base.
const ROWS: Array<[string, string]> = [
  ['àáảãạăằắẳẵặâầấẩẫậ', 'a'], ['èéẻẽẹêềếểễệ', 'e'], ['ìíỉĩị', 'i'],
  ['òóỏõọôồốổỗộơờớởỡợ', 'o'], ['ùúủũụưừứửữự', 'u'], ['ỳýỷỹỵ', 'y'], ['đ', 'd'],
];
const REFERENCE = new Map<string, string>();
for (const [row, base] of ROWS) {
  for (const ch of row) {
    REFERENCE.set(ch, base);
    REFERENCE.set(ch.toUpperCase(), base.toUpperCase());
  }
}

/** The accent-free spelling of a Vietnamese word by the typed-out table. */
export function referenceFold(word: string): string {
  return [...word].map((c) => REFERENCE.get(c) ?? c).join('');
}

/** One folder's score on one form of the words. */
export interface FoldScore {
  correct: number;
  failures: string[];
}

/** The forms the words are tried in: as normalised, upper-cased, and decomposed (NFD, as macOS and some PDFs give). */
export const FORMS: Array<{ name: string; of: (w: string) => string }> = [
  { name: 'NFC lower-case', of: (w) => w },
  { name: 'NFC UPPER-CASE', of: (w) => w.toUpperCase() },
  { name: 'NFD (decomposed)', of: (w) => w.normalize('NFD') },
];

/** How many of the words each folder folds exactly as the reference does, per form, with a few failures. */
export function foldAccuracy(words: readonly string[]): Array<{ name: string; scores: FoldScore[] }> {
  return FOLDERS.map(({ name, fold }) => ({
    name,
    scores: FORMS.map((form) => {
      const failures = words.filter((w) => fold(form.of(w)) !== referenceFold(form.of(w).normalize('NFC')));
      return { correct: words.length - failures.length, failures: failures.slice(0, 4).map((w) => `${form.of(w)}→${fold(form.of(w))}`) };
    }),
  }));
}
