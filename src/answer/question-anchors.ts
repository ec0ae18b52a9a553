import { foldDiacritics, normalizeText, capitalisedRuns, isVietnameseSyllable, startsSentence, PLACE_KEYS, sequenceKeys, wordSpans, type WordSpan } from '../text';
import type { RetrievedPassage } from '../retrieve/types';

/**
 * What pins a question to one instance of its subject: a place ("Đà Nẵng"), another name ("Luật
 * Cư trú", "Nguyễn Văn Tùng") or a year ("2023"). "Tốc độ băng rộng cố định của Đà Nẵng" shares
 * every other term with the sentence on Hải Phòng's 60 Mbps, so coverage alone would quote it.
 */
export interface QuestionAnchor {
  /** As written in the question, for logs. */
  text: string;
  kind: 'place' | 'name' | 'year';
  /** Term keys in the shape of `termSets` (the syllable, or the bigrams of a longer name); accent-free for a question typed without diacritics. */
  keys: string[];
  /** A name's first syllable ("luật" of "Luật Cư trú"): another name with it is a competing instance. */
  head: string;
}

/** Places whose names are also common words in lower case ("hòa bình", "thái bình": peace). */
const COMMON_WORD_PLACES = new Set(['hoa_binh', 'thai_binh']);

/** A capitalised word of letters only ("Viettel"; not "UBND" or "5G"). */
const TITLE_WORD = /^\p{Lu}\p{Ll}+$/u;
/** A year a question may be about: 1800–2099 standing alone. */
const YEAR = /^(?:18|19|20)\d\d$/;

/** A capitalised run as an anchor: the place it names, else the run (without a sentence's first word, whose capital says nothing). */
function nameOf(run: readonly WordSpan[], text: string, accentFree: boolean): QuestionAnchor {
  const key = (w: WordSpan): string => (accentFree ? w.folded : w.lower);
  const all = sequenceKeys(run.map(key));
  const place = PLACE_KEYS.find((p) => (accentFree ? p.folded : p.accented).every((k) => all.includes(k)));
  if (place !== undefined) {
    const keys = accentFree ? place.folded : place.accented;
    return { text: text.slice(run[0]?.start, run[run.length - 1]?.end), kind: 'place', keys, head: keys[0]?.split('_')[0] ?? '' };
  }
  const first = run[0];
  const words = run.length > 1 && first !== undefined && startsSentence(text, first) ? run.slice(1) : run;
  return { text: text.slice(words[0]?.start, words[words.length - 1]?.end), kind: 'name', keys: sequenceKeys(words.map(key)), head: words[0] === undefined ? '' : key(words[0]) };
}

/** The anchors of a question: capitalised names, years, and places of two or more syllables in any case. Other names typed all lower-case are not seen: a missed check, never a wrong refusal. */
export function questionAnchors({ question, accentFree }: { question: string; accentFree: boolean }): QuestionAnchor[] {
  const text = normalizeText(question);
  const words = wordSpans(text);
  const anchors: QuestionAnchor[] = words.filter((w) => YEAR.test(w.text)).map((w) => ({ text: w.text, kind: 'year', keys: [w.folded], head: w.folded }));
  const runs = capitalisedRuns({ words, text });
  for (const run of runs) anchors.push(nameOf(run, text, accentFree));
  // A foreign name opening the question ("Viettel đã đầu tư…"): its capital says nothing, its spelling does.
  for (const w of words) {
    if (!TITLE_WORD.test(w.text) || !startsSentence(text, w) || isVietnameseSyllable(w.text) || runs.some((r) => r.includes(w))) continue;
    const key = accentFree ? w.folded : w.lower;
    anchors.push({ text: w.text, kind: 'name', keys: [key], head: key });
  }
  // Phones drop capitals as well as accents ("toc do bang rong cua da nang"): a place of two or more
  // syllables is unambiguous enough to be recognised without its capitals.
  const all = sequenceKeys(words.map((w) => (accentFree ? w.folded : w.lower)));
  for (const place of PLACE_KEYS.filter((p) => !COMMON_WORD_PLACES.has(p.folded.join()))) {
    const keys = accentFree ? place.folded : place.accented;
    const found = keys.some((k) => k.includes('_')) && keys.every((k) => all.includes(k));
    if (found && !anchors.some((a) => a.kind === 'place' && a.keys.join() === keys.join())) {
      anchors.push({ text: keys.join(' ').replace(/_/g, ' '), kind: 'place', keys, head: keys[0]?.split('_')[0] ?? '' });
    }
  }
  return anchors;
}

/**
 * The heads a name of the passage competes under: its first word, for a name of two or more words
 * (a one-word "Luật" of "Luật này" is no other instance of "Luật Cư trú"). A run that opens a line
 * may or may not start with its name ("Luật Bảo vệ môi trường" as a title, "Theo Sở Tư pháp…"), so
 * there the second word heads too, when the rest is still two words or more.
 */
function competingHeads(run: readonly WordSpan[], text: string): WordSpan[] {
  const [first, second] = run;
  if (first === undefined || second === undefined) return [];
  return startsSentence(text, first) && run.length > 2 ? [first, second] : [first];
}

/** What a passage says about anchors: its terms, and the years, places and names it (or its title, số hiệu, headings) mentions. */
export interface PassageAnchors {
  terms: { accented: Set<string>; folded: Set<string> };
  hasYear: boolean;
  hasPlace: boolean;
  /** Heads of its names of two or more words, accented and folded. */
  heads: Set<string>;
}

/** Reads a passage for anchor checks (cache per chunk: the units of a passage share it). */
export function passageAnchors(passage: RetrievedPassage): PassageAnchors {
  const { doc, chunk } = passage;
  const text = normalizeText([doc.title, doc.meta.docNumber ?? '', ...chunk.headingPath, chunk.locator, chunk.text].join('\n'));
  const words = wordSpans(text);
  const heads = new Set<string>();
  let hasPlace = false;
  for (const run of capitalisedRuns({ words, text })) {
    const name = nameOf(run, text, false);
    if (name.kind === 'place') hasPlace = true;
    else for (const head of competingHeads(run, text)) heads.add(head.lower).add(head.folded);
  }
  return { terms: termsOf(words), hasYear: words.some((w) => YEAR.test(w.text)), hasPlace, heads };
}

/** The syllables and bigrams of already cut words, in the shape of `termSets` (without cutting the text again). */
function termsOf(words: readonly WordSpan[]): PassageAnchors['terms'] {
  const accented = new Set<string>();
  const folded = new Set<string>();
  words.forEach((w, i) => {
    accented.add(w.lower);
    folded.add(w.folded);
    const previous = words[i - 1];
    if (previous === undefined) return;
    accented.add(`${previous.lower}_${w.lower}`);
    folded.add(`${previous.folded}_${w.folded}`);
  });
  return { accented, folded };
}

/** How a passage stands to the question's anchors. */
export interface AnchorVerdict {
  /** The passage can answer for every anchor (see `anchorVerdict`). */
  holds: boolean;
  /** Anchors the passage neither names nor contradicts: it states a rule for every place, year or body. */
  general: QuestionAnchor[];
}

/**
 * Whether the passage can answer for every anchor of the question: the anchor stands in it (or in
 * its title, số hiệu, headings), or the passage names no competing instance — no other year, no
 * other place, no other name with the same head. A passage about Hải Phòng cannot answer for Đà
 * Nẵng, nor one about 2022 for 2023; a law article that names no place or year states the rule for
 * all of them, so "đăng ký thường trú ở Hải Phòng" is still answered from the Luật Cư trú.
 */
export function anchorVerdict({ anchors, passage, accentFree }: { anchors: readonly QuestionAnchor[]; passage: PassageAnchors; accentFree: boolean }): AnchorVerdict {
  const terms = accentFree ? passage.terms.folded : passage.terms.accented;
  const general: QuestionAnchor[] = [];
  let holds = true;
  for (const a of anchors) {
    if (a.keys.every((k) => terms.has(k))) continue;
    const competing = a.kind === 'year' ? passage.hasYear : a.kind === 'place' ? passage.hasPlace : passage.heads.has(a.head);
    if (competing) holds = false;
    else general.push(a);
  }
  return { holds, general };
}

/**
 * The question terms (folded) that touch the syllables of the given place and name anchors — "hai",
 * "phong", "hai_phong", "o_hai" for "ở Hải Phòng" — which a general passage's coverage leaves out:
 * the place does not make the rule less of an answer.
 */
export function anchorTerms({ anchors, terms }: { anchors: readonly QuestionAnchor[]; terms: ReadonlyArray<{ folded: string }> }): Set<string> {
  // Years are left in: a report without a year is still of its own time ("dân số năm 2023" is not
  // answered by a 2022 article's undated paragraph), unlike a rule without a place.
  const syllables = new Set(anchors.filter((a) => a.kind !== 'year').flatMap((a) => a.keys.flatMap((k) => k.split('_'))).map(foldDiacritics));
  return new Set(terms.filter((t) => t.folded.split('_').some((s) => syllables.has(s))).map((t) => t.folded));
}
