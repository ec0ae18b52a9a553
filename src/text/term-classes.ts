import { z } from 'zod';
import { readLexiconFile } from './lexicon-file';
import { phraseAt, phraseList, type PhraseList } from './phrase-list';
import { PLACE_NAMES, PLACE_SYLLABLES } from './place-names';
import type { WordSpan } from './word-spans';

/**
 * A term of a question that is one value among alternatives of its class: "di động" (of "cố
 * định | di động"), a place ("Hà Nội"), or a unit's name ("quận Hải An", "Sở Du lịch"). A follow-up
 * that names another value of the class ("còn di động thì sao?") asks the same question of it.
 */
export interface ClassedTerm {
  /** `alternative:<row>` for a lexicon set, `where` for places and units (they replace one another). */
  group: string;
  kind: 'alternative' | 'place' | 'unit';
  /** Words `[from, to)` of the sequence searched. */
  from: number;
  to: number;
  /** Lower-case accent-free words of the value (the same value typed another way has the same key). */
  key: string;
  /** A unit's head ("quận", "sở"): a unit with the same head is the closer counterpart. */
  head?: string;
  /** The value as the lexicon or the list of places writes it, with diacritics ("di động", "Hà Nội"): for a value typed without them. */
  written?: string;
}

/** Longest unit name read after its head (capitalised, or lower-case as phones type it). */
export const MAX_UNIT_NAME_WORDS = 5;
/** Most lower-case words of a unit name ("sở du lịch", "Sở Tài chính"): lower-case words run on into the sentence. */
export const MAX_LOWER_UNIT_NAME_WORDS = 3;

interface TermClasses {
  alternatives: PhraseList[];
  unitHeads: PhraseList;
}

let cached: TermClasses | undefined;

/** The classes of `src/text/lexicon/term-classes.tsv`, read and checked once. */
function termClasses(): TermClasses {
  if (cached !== undefined) return cached;
  const rows = readLexiconFile({
    url: new URL('./lexicon/term-classes.tsv', import.meta.url),
    row: z.object({ class: z.enum(['alternative', 'unit-head']), terms: z.string().regex(/^[^|]+(\|[^|]+)+$/u, 'must list two or more phrases separated by "|"') }),
  });
  const split = (terms: string): string[] => terms.split('|').map((t) => t.trim());
  cached = {
    alternatives: rows.filter((r) => r.class === 'alternative').map((r) => phraseList(split(r.terms))),
    unitHeads: phraseList(rows.filter((r) => r.class === 'unit-head').flatMap((r) => split(r.terms))),
  };
  return cached;
}

/** A capitalised word or an abbreviation ("Hải", "TTTT"; not "5G"). */
const NAME_WORD = /^\p{Lu}[\p{L}]*$/u;
/** Places also common words in lower case ("hòa bình", "thái bình": peace), or one syllable ("Huế"): recognised only capitalised. */
const LOWER_CASE_AMBIGUOUS = new Set(['hoa binh', 'thai binh']);

export interface ClassedTermsOptions {
  words: readonly WordSpan[];
  /** The question was typed without diacritics: compare accent-free. */
  accentFree: boolean;
  /**
   * True where a lower-case unit name must stop: a function or question word, the start of an
   * aspect ("ban hành"), a chat code for one. The caller's vocabulary decides.
   */
  stopsAt: (at: number) => boolean;
  /** Words of the sequence separated from the previous one by punctuation. */
  breakBefore?: (at: number) => boolean;
}

/**
 * The classed terms of a word sequence, left to right, without overlaps: units (a head and the
 * name after it) before places, lexicon alternatives after.
 */
export function classedTerms({ words, accentFree, stopsAt, breakBefore = () => false }: ClassedTermsOptions): ClassedTerm[] {
  const { alternatives, unitHeads } = termClasses();
  const out: ClassedTerm[] = [];
  const taken = (from: number, to: number): boolean => out.some((t) => from < t.to && t.from < to);
  const keyOf = (from: number, to: number): string => words.slice(from, to).map((w) => w.folded).join(' ');
  for (let i = 0; i < words.length; i++) {
    let headEnd = phraseAt({ words, list: unitHeads, folded: accentFree, at: i });
    if (headEnd < 0) continue;
    // "UBND quận Hải An": heads run on; the last one is the unit's kind.
    let lastHead = i;
    for (let next = headEnd; next < words.length && !breakBefore(next); ) {
      const end = phraseAt({ words, list: unitHeads, folded: accentFree, at: next });
      if (end < 0) break;
      lastHead = next;
      headEnd = end;
      next = end;
    }
    const nameEnd = unitNameEnd({ words, at: headEnd, accentFree, singleHead: headEnd - lastHead === 1, stopsAt, breakBefore });
    if (nameEnd > headEnd) {
      out.push({ group: 'where', kind: 'unit', from: i, to: nameEnd, key: keyOf(headEnd, nameEnd), head: keyOf(lastHead, headEnd) });
      i = nameEnd - 1;
    }
  }
  for (let i = 0; i < words.length; i++) {
    const at = PLACE_SYLLABLES.findIndex((p) => p.every((syl, k) => words[i + k]?.folded === syl));
    const place = PLACE_SYLLABLES[at];
    if (place === undefined || taken(i, i + place.length)) continue;
    const capitalised = words.slice(i, i + place.length).every((w) => NAME_WORD.test(w.text));
    if (!capitalised && (place.length === 1 || LOWER_CASE_AMBIGUOUS.has(place.join(' ')))) continue;
    out.push({ group: 'where', kind: 'place', from: i, to: i + place.length, key: place.join(' '), written: PLACE_NAMES[at] ?? '' });
    i += place.length - 1;
  }
  alternatives.forEach((list, row) => {
    for (let i = 0; i < words.length; i++) {
      const end = phraseAt({ words, list, folded: accentFree, at: i });
      if (end < 0 || taken(i, end)) continue;
      const key = keyOf(i, end);
      const written = list.accented[list.folded.findIndex((p) => p.join(' ') === key)]?.join(' ') ?? key;
      out.push({ group: `alternative:${row}`, kind: 'alternative', from: i, to: end, key, written });
      i = end - 1;
    }
  });
  return out.sort((a, b) => a.from - b.from);
}

/**
 * Where the name after a unit's head ends: a capitalised run ("quận Hải An"), or one capitalised word
 * and a few lower-case ones up to a stop ("Sở Du lịch", "sở du lịch đc bn %"). A one-syllable
 * head typed without diacritics ("so", "xa", "bo": also "số", "xa", "bỏ") needs a capitalised name.
 */
function unitNameEnd({ words, at, accentFree, singleHead, stopsAt, breakBefore }: { words: readonly WordSpan[]; at: number; accentFree: boolean; singleHead: boolean; stopsAt: (at: number) => boolean; breakBefore: (at: number) => boolean }): number {
  let end = at;
  while (end < words.length && end - at < MAX_UNIT_NAME_WORDS && !breakBefore(end) && NAME_WORD.test((words[end] as WordSpan).text)) end++;
  // A proper name is capitalised throughout ("quận Hải An"); an organisation's only at its start ("Sở Du lịch").
  if (end - at > 1 || (end === at && accentFree && singleHead)) return end;
  const limit = end + MAX_LOWER_UNIT_NAME_WORDS;
  while (end < words.length && end < limit && !breakBefore(end) && !stopsAt(end) && !/\d/.test((words[end] as WordSpan).text)) end++;
  return end;
}
