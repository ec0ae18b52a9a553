import type { PromptCatalog } from '../prompts/catalog';
import type { RetrievalResult } from '../retrieve/types';
import { citationUrl } from './citations';
import type { Answer } from './types';

/**
 * "The documents do not say": the refusal text from prompts/, and the closest documents as
 * suggestions when retrieval found any (distinct documents, best first).
 */
export function refusalAnswer({
  prompts,
  retrieval,
  resolvedQuestion,
  maxSuggestions,
  support,
}: {
  prompts: PromptCatalog;
  retrieval: RetrievalResult;
  resolvedQuestion: string;
  maxSuggestions: number;
  support: number;
}): Answer {
  const suggestions: NonNullable<Answer['suggestions']> = [];
  for (const { doc } of retrieval.passages) {
    if (suggestions.length >= maxSuggestions) break;
    if (suggestions.some((s) => s.docId === doc.id)) continue;
    suggestions.push({ docId: doc.id, title: doc.title, url: citationUrl({ docId: doc.id }) });
  }
  const lines = [prompts.format('answer.refusal')];
  if (suggestions.length > 0) {
    lines.push('', prompts.format('answer.refusal.suggestionsIntro'));
    for (const s of suggestions) lines.push(prompts.format('answer.suggestion', { title: s.title, url: s.url }));
  }
  const answer: Answer = { text: lines.join('\n'), grounded: false, confidence: retrieval.confidence, citations: [], mode: 'extractive', resolvedQuestion, support };
  if (suggestions.length > 0) answer.suggestions = suggestions;
  return answer;
}
