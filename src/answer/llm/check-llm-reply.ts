import { splitSentences } from '../../text';
import type { AnswerSentence } from '../types';

/** The outcome of checking an LLM reply: its sentences with renumbered citations, and the passages it cites in order. */
export type LlmReplyCheck =
  | { ok: true; sentences: AnswerSentence[]; /** Passage numbers (1-based, as given to the model), in order of first citation. */ cited: number[] }
  | { ok: false; reason: string };

/** `[1]`, `[2, 3]`, `[2; 3]`: one or more passage numbers in brackets. */
const MARKER = /\[(\d+(?:\s*[,;]\s*\d+)*)\]/g;

/**
 * Checks an LLM reply against the passages it was given: not empty, at least one `[n]`, and every
 * `[n]` names a given passage (1…passageCount). A good reply is renumbered so that its sources are
 * `[1]`, `[2]`… in order of first appearance, and cut into sentences, each with the numbers of the
 * markers in it (a sentence of markers only, "… thành. [2]", gives them to the sentence before).
 */
export function checkLlmReply({ text, passageCount }: { text: string; passageCount: number }): LlmReplyCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'the reply is empty' };
  const cited: number[] = [];
  for (const m of trimmed.matchAll(MARKER)) {
    for (const n of numbers(m[1] ?? '')) {
      if (n < 1 || n > passageCount) return { ok: false, reason: `the reply cites [${n}] but only passages 1–${passageCount} were given` };
      if (!cited.includes(n)) cited.push(n);
    }
  }
  if (cited.length === 0) return { ok: false, reason: 'the reply cites no passage' };
  const sentences: AnswerSentence[] = [];
  for (const sentence of splitSentences(trimmed)) {
    const cites = [...new Set([...sentence.text.matchAll(MARKER)].flatMap((m) => numbers(m[1] ?? '')).map((n) => cited.indexOf(n) + 1))];
    const text = sentence.text.replace(MARKER, '').replace(/\s+([.,;:!?])/g, '$1').replace(/\s{2,}/g, ' ').trim();
    const previous = sentences[sentences.length - 1];
    if (/^[\s.,;:!?]*$/.test(text) && previous !== undefined) previous.cites = [...new Set([...previous.cites, ...cites])];
    else if (text !== '') sentences.push({ text, cites });
  }
  return { ok: true, sentences, cited };
}

function numbers(list: string): number[] {
  return list.split(/[,;]/).map((s) => Number(s.trim()));
}
