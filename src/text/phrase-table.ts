import { foldDiacritics } from './fold';
import { syllables } from './tokenize';

/** One phrase of a table, as syllables without diacritics, with what the table says about it. */
export interface PhraseEntry<T> {
  /** The phrase's syllables, lower case, without diacritics ("nhu", "the", "nao"). */
  key: string[];
  value: T;
}

/** One occurrence of a table phrase in a token sequence: tokens `start` ≤ i < `end`. */
export interface PhraseMatch<T> {
  start: number;
  end: number;
  entry: PhraseEntry<T>;
}

/** The syllables of a phrase without diacritics: the form phrase tables compare in. */
export function phraseKey(phrase: string): string[] {
  return syllables(phrase).map(foldDiacritics);
}

/**
 * A set of multi-syllable phrases looked up in a token sequence, longest first, without
 * overlaps, left to right: "thủ tục hành chính" wins over "thủ tục" when both are in the table.
 */
export class PhraseTable<T> {
  private readonly byFirst = new Map<string, Array<PhraseEntry<T>>>();

  constructor(entries: Iterable<PhraseEntry<T>>) {
    for (const entry of entries) {
      const first = entry.key[0];
      if (first === undefined) continue;
      const list = this.byFirst.get(first) ?? [];
      list.push(entry);
      this.byFirst.set(first, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.key.length - a.key.length);
  }

  /**
   * Every match in `folded` (tokens without diacritics), left to right; `accept` can refuse a
   * candidate (e.g. an exact-diacritics entry on a token typed otherwise), the next shorter one is tried.
   */
  matches(folded: readonly string[], accept: (m: PhraseMatch<T>) => boolean = () => true): Array<PhraseMatch<T>> {
    const out: Array<PhraseMatch<T>> = [];
    let i = 0;
    while (i < folded.length) {
      const found = (this.byFirst.get(folded[i] ?? '') ?? []).find(
        (entry) => entry.key.every((t, j) => folded[i + j] === t) && accept({ start: i, end: i + entry.key.length, entry }),
      );
      if (found === undefined) {
        i++;
        continue;
      }
      out.push({ start: i, end: i + found.key.length, entry: found });
      i += found.key.length;
    }
    return out;
  }
}
