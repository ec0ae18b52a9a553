import type { PromptCatalog } from '../prompts/catalog';
import { rebuiltAnswer } from './answer-polish';
import { foldDiacritics, termSets } from '../text';
import { analyzeQuestion } from './question-analysis';
import { questionParts } from './question-parts';

/**
 * A part counts as stated when one quote of the answer holds at least this share of the part's
 * distinctive words (those no other part has; abbreviations also as retrieval expanded them): "cho
 * bao nhiêu đơn vị" in "giao 58 nhiệm vụ … cho 21 đơn vị", even when the part alone was refused.
 * Without the check, four parts on the tune half of bench:answers were noted as not stated, all
 * wrongly ("đứng thứ mấy cả nước" for "đứng thứ 24/63 tỉnh" needs ≤ 0.5).
 */
export const PART_STATED_SHARE = 0.5;
/** An answered part is checked only when it has at least this many distinctive words. */
export const MIN_DISTINCTIVE_TERMS = 2;

/** An abbreviation or everyday word retrieval searched as another ("THCS" → "trung học cơ sở"). */
export interface Expansion {
  from: string;
  to: string;
}
import type { Answer, AnswerNote, AnswerSentence, Citation } from './types';

/**
 * Answers a multi-part question ("… bao nhiêu điểm cầu, bao nhiêu đại biểu?", "ai ký và ngày
 * nào?") part by part (see `questionParts`): the answer to the whole question comes first, as it is
 * (splitting never takes away what it found); each part is then answered on its own by `answer`
 * from the same retrieval and its quotes not given yet are added with their citations; a part the
 * documents do not answer — refused on its own and not stated by any quote (see PART_STATED_SHARE) —
 * gets a note that says so (`part-not-stated`). Sources are merged (one citation per document and
 * locator) and numbered in order of appearance; the confidence is the lowest of the answers used.
 * A refusal of the whole question stands, and a question of one part gets `answer(question)`.
 */
export function answerInParts({
  question,
  answer,
  prompts,
  expansions = [],
}: {
  question: string;
  answer: (question: string) => Answer;
  prompts: PromptCatalog;
  /** Retrieval's expansions of the question, so that a part typed "THCS" is found stated as "trung học cơ sở". */
  expansions?: readonly Expansion[];
}): Answer {
  const parts = questionParts(question);
  const whole = answer(question);
  if (parts.length < 2) return whole;
  const answers = parts.map((part) => ({ part, answer: answer(part.question) }));
  const answered = answers.filter((a) => a.answer.grounded);
  // The refusal decision is the whole question's: a part asked alone ("so với cả nước thì sao?") is
  // too vague to overturn it.
  if (!whole.grounded) return whole;

  const used = [whole, ...answered.map((a) => a.answer)];
  const citations: Citation[] = [];
  const sentences: AnswerSentence[] = [];
  const keyOf = (c: Citation): string => `${c.docId}|${c.locator}`;
  for (const a of used) {
    const renumber = new Map<number, number>();
    for (const c of a.citations) {
      let merged = citations.find((m) => keyOf(m) === keyOf(c));
      if (merged === undefined) {
        merged = { ...c, n: citations.length + 1 };
        citations.push(merged);
      } else if (!merged.passage.includes(c.passage)) merged.passage = `${merged.passage} … ${c.passage}`;
      renumber.set(c.n, merged.n);
    }
    for (const s of a.sentences) {
      const cites = s.cites.map((n) => renumber.get(n) ?? n);
      // A quote already given (or inside one given) is not repeated; a longer one replaces it.
      if (sentences.some((t) => t.text.includes(s.text))) continue;
      const shorter = sentences.findIndex((t) => s.text.includes(t.text));
      if (shorter >= 0) sentences[shorter] = { text: s.text, cites };
      else sentences.push({ text: s.text, cites });
    }
  }
  const notes: AnswerNote[] = [];
  const seen = new Set<string>();
  for (const note of used.flatMap((a) => a.notes)) {
    const key = JSON.stringify(note);
    if (note.kind === 'out-of-force' || seen.has(key)) continue;
    seen.add(key);
    notes.push(note);
  }
  // A part refused on its own may still be stated by a quote of the whole ("giao 58 nhiệm vụ … cho 21 đơn vị").
  // A part is not stated when no quote holds its own words: refused on its own, or answered only
  // through the subject it shares ("lệ phí đăng ký tạm trú là bao nhiêu" answered with the thời hạn).
  const own = answers.map((a) => [...new Set([...a.part.terms, ...expansionTerms(a.part.text, expansions)])]);
  answers.forEach((a, i) => {
    const others = new Set(own.filter((_, j) => j !== i).flat());
    const distinctive = (own[i] ?? []).filter((t) => !others.has(t));
    // One distinctive word ("vào ngày nào" → "vào") says too little to contradict a part that was answered.
    if (a.answer.grounded && distinctive.length < MIN_DISTINCTIVE_TERMS) return;
    if (!stated(distinctive, sentences)) notes.push({ kind: 'part-not-stated', part: a.part.text });
  });
  const lowest = used.reduce((low, a) => (a.confidence < low.confidence ? a : low));
  const basis: Answer = { ...whole, confidence: lowest.confidence };
  if (lowest.support !== undefined) basis.support = lowest.support;
  if (lowest.answerability !== undefined) basis.answerability = lowest.answerability;
  return rebuiltAnswer({ answer: basis, sentences, citations, notes, prompts });
}

/** Whether a quote holds at least PART_STATED_SHARE of the terms (accent-free syllables). */
function stated(terms: readonly string[], sentences: readonly AnswerSentence[]): boolean {
  if (terms.length === 0) return true;
  return sentences.some((s) => {
    const { folded } = termSets(s.text);
    return terms.filter((t) => folded.has(t)).length >= PART_STATED_SHARE * terms.length;
  });
}

/** The syllables of the expansions of words the text contains ("THCS" → trung, hoc, co, so). */
function expansionTerms(text: string, expansions: readonly Expansion[]): string[] {
  const folded = foldDiacritics(text).toLowerCase();
  return expansions
    .filter((e) => e.from.trim() !== '' && folded.includes(foldDiacritics(e.from).toLowerCase()))
    .flatMap((e) => analyzeQuestion({ question: e.to }).terms.filter((t) => t.kind === 'syllable').map((t) => t.folded));
}
