import type { RetrievedPassage } from '../retrieve/types';
import { termSets } from './answer-units';
import type { WordSpan } from './word-spans';

/**
 * What pins a question to one instance of its subject: a proper name ("Đà Nẵng", "Luật Cư trú",
 * "Bộ Công an") or a year ("2023"). "Tốc độ băng rộng cố định của Đà Nẵng" shares every other
 * term with the sentence about Hải Phòng's 60 Mbps, so coverage alone would quote it; the answer
 * must instead come from a passage that names Đà Nẵng (or from a document or article that does).
 */
export interface QuestionAnchor {
  /** As written in the question, for logs. */
  text: string;
  kind: 'name' | 'year';
  /**
   * Term keys in the shape of `AnswerUnit` sets: the syllable of a one-word anchor, or the bigrams
   * ("đà_nẵng") of a longer one; accent-free when the question was typed without diacritics.
   */
  keys: string[];
}

/** A capitalised word: upper-case first letter, then lower-case letters only ("Nẵng", not "UBND", "I" or "5G"). */
const TITLE_CASE = /^\p{Lu}\p{Ll}+$/u;
/** A year a question may be about: 1800–2099 standing alone. */
const YEAR = /^(?:18|19|20)\d\d$/;
/** Characters after which the next word starts a sentence, so its capital says nothing. */
const SENTENCE_START = /(?:^|[.?!:;…"“”«(\n–-])\s*$/u;

/**
 * The anchors of a question. Names are runs of capitalised words inside a sentence (its first word
 * is capitalised anyway, so it never starts a run); abbreviations are left out because documents
 * spell them out ("UBND" / "Ủy ban nhân dân"). Typed without capitals, a question has no name
 * anchors — a missed check, never a wrong refusal.
 */
export function questionAnchors({ words, text, accentFree }: { words: readonly WordSpan[]; text: string; accentFree: boolean }): QuestionAnchor[] {
  const anchors: QuestionAnchor[] = [];
  const key = (w: WordSpan): string => (accentFree ? w.folded : w.lower);
  let run: WordSpan[] = [];
  const flush = (): void => {
    if (run.length > 0) {
      const keys = run.length === 1 ? [key(run[0] as WordSpan)] : run.slice(1).map((w, i) => `${key(run[i] as WordSpan)}_${key(w)}`);
      anchors.push({ text: text.slice(run[0]?.start, run[run.length - 1]?.end), kind: 'name', keys });
    }
    run = [];
  };
  words.forEach((w, i) => {
    if (YEAR.test(w.text)) anchors.push({ text: w.text, kind: 'year', keys: [w.folded] });
    const capitalised = TITLE_CASE.test(w.text) && !SENTENCE_START.test(text.slice(0, w.start));
    const previous = words[i - 1];
    const adjacent = previous !== undefined && run.includes(previous) && text.slice(previous.end, w.start).trim() === '';
    if (!capitalised || !adjacent) flush();
    if (capitalised) run.push(w);
  });
  flush();
  return anchors;
}

/** The terms of a passage and of what names its subject: document title, số hiệu, headings, locator. */
export type PassageTerms = ReturnType<typeof termSets>;

/** The terms a passage's anchors are looked up in (cache them per chunk: units share their passage). */
export function passageTerms(passage: RetrievedPassage): PassageTerms {
  const { doc, chunk } = passage;
  return termSets([doc.title, doc.meta.docNumber ?? '', ...chunk.headingPath, chunk.locator, chunk.text].join('\n'));
}

/**
 * True when every anchor of the question stands in the passage or in what names its subject. The
 * passage, not the sentence: "Tỷ lệ hộ gia đình có cáp quang: 78,9%" answers for Hải Phòng because
 * its paragraph is about Hải Phòng. A name is matched as a whole (consecutive syllables), accented
 * unless the question was typed without diacritics.
 */
export function holdsAnchors({ anchors, terms, accentFree }: { anchors: readonly QuestionAnchor[]; terms: PassageTerms; accentFree: boolean }): boolean {
  const set = accentFree ? terms.folded : terms.accented;
  return anchors.every((a) => a.keys.every((k) => set.has(k)));
}
