import type { PromptCatalog } from '../prompts/catalog';
import { groundedAnswer } from './answer-text';
import type { Answer, AnswerSentence, Citation } from './types';

/** Put before a quote that starts inside a sentence ("… tốc độ băng rộng cố định"), so it reads as the fragment it is. */
export const FRAGMENT_MARK = '… ';

/**
 * The sentences and citations of an answer numbered in order of first appearance ([1] is the first
 * source the answer quotes); citations no sentence cites are dropped. `citations` are looked up by
 * their current `n`, which may be any number (negative for ones being added).
 */
export function numberInOrder({ sentences, citations }: { sentences: readonly AnswerSentence[]; citations: readonly Citation[] }): { sentences: AnswerSentence[]; citations: Citation[] } {
  const order = new Map<number, number>();
  for (const s of sentences) for (const n of s.cites) if (!order.has(n) && citations.some((c) => c.n === n)) order.set(n, order.size + 1);
  const renumbered = [...order.entries()].flatMap(([old, n]) => {
    const c = citations.find((x) => x.n === old);
    return c === undefined ? [] : [{ ...c, n }];
  });
  return { sentences: sentences.map((s) => ({ ...s, cites: s.cites.flatMap((n) => (order.has(n) ? [order.get(n) ?? n] : [])) })), citations: renumbered };
}

/** A grounded answer rebuilt from new sentences and citations, keeping everything else it says. */
export function rebuiltAnswer({ answer, sentences, citations, prompts, notes = answer.notes }: { answer: Answer; sentences: readonly AnswerSentence[]; citations: readonly Citation[]; prompts: PromptCatalog; notes?: Answer['notes'] }): Answer {
  const numbered = numberInOrder({ sentences, citations });
  const rebuilt = groundedAnswer({
    ...numbered,
    // Out-of-force notes name citation numbers: groundedAnswer derives them again from the citations.
    notes: notes.filter((n) => n.kind !== 'out-of-force'),
    prompts,
    confidence: answer.confidence,
    mode: answer.mode,
    resolvedQuestion: answer.resolvedQuestion,
    ...(answer.support === undefined ? {} : { support: answer.support }),
    ...(answer.understoodAs === undefined ? {} : { understoodAs: answer.understoodAs }),
  });
  return answer.answerability === undefined ? rebuilt : { ...rebuilt, answerability: answer.answerability };
}

/**
 * The last pass over an extractive answer's text: a quote given twice (the same sentence in two
 * overlapping chunks, or inside a longer quote) is given once, where it first stands; a quote
 * that starts in lower case — inside a sentence — is marked as the fragment it is (FRAGMENT_MARK).
 * Citations are then numbered in order of appearance. Refusals are returned as they are.
 */
export function polishAnswer({ answer, prompts }: { answer: Answer; prompts: PromptCatalog }): Answer {
  if (!answer.grounded || answer.sentences.length === 0) return answer;
  const kept: AnswerSentence[] = [];
  const key = (text: string): string => text.replace(/\s+/g, ' ').trim();
  for (const s of answer.sentences) {
    const text = key(s.text);
    if (kept.some((k) => key(k.text).includes(text))) continue;
    const shorter = kept.findIndex((k) => text.includes(key(k.text)));
    if (shorter >= 0) kept[shorter] = { text: s.text, cites: [...s.cites] };
    else kept.push({ text: s.text, cites: [...s.cites] });
  }
  const marked = kept.map((s) => (/^\p{Ll}/u.test(s.text.trimStart()) ? { ...s, text: `${FRAGMENT_MARK}${s.text.trimStart()}` } : s));
  const unchanged = marked.length === answer.sentences.length && marked.every((s, i) => s.text === answer.sentences[i]?.text);
  if (unchanged) return answer;
  return rebuiltAnswer({ answer, sentences: marked, citations: answer.citations, prompts });
}
