import type { PromptCatalog } from '../prompts/catalog';
import type { RetrievalResult } from '../retrieve/types';
import type { Answer, Suggestion } from './types';

/**
 * "The documents do not say": the refusal text from prompts/, and the closest documents as
 * suggestions when retrieval found any (distinct documents, best first). `text` is the refusal
 * alone; channels render `suggestions` themselves (as links, buttons or lines).
 */
export function refusalAnswer({
  prompts,
  retrieval,
  resolvedQuestion,
  maxSuggestions,
  support,
  confidence,
}: {
  prompts: PromptCatalog;
  retrieval: RetrievalResult;
  resolvedQuestion: string;
  maxSuggestions: number;
  support: number;
  /** The calibrated probability that the question is answerable (low, since it is refused). */
  confidence: number;
}): Answer {
  const suggestions: Suggestion[] = [];
  for (const { doc } of retrieval.passages) {
    if (suggestions.length >= maxSuggestions) break;
    if (suggestions.some((s) => s.docId === doc.id)) continue;
    suggestions.push({ docId: doc.id, title: doc.title });
  }
  const answer: Answer = { text: prompts.format('answer.refusal'), sentences: [], notes: [], grounded: false, confidence, citations: [], mode: 'extractive', resolvedQuestion, support };
  if (suggestions.length > 0) answer.suggestions = suggestions;
  return answer;
}
