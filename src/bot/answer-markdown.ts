import { markedSentence, noteText, notesAfter, notesBefore } from '../answer/answer-text';
import type { Answer, Citation } from '../answer/types';
import type { PromptCatalog } from '../prompts/catalog';
import { documentLink } from './document-link';
import { escapeMarkdown } from './markdown-escape';

/**
 * The answer as a Bot Framework channel gets it, rendered from the answer's data: the "understood
 * as" note, then each sentence — escaped, since it is document text — with its `[n]` linked to the
 * cited passage in the document viewer, then the notes. A refusal is its prompt text (ours, so its
 * Markdown stands); its suggestions go in the card. Links are absolute when a base URL is known:
 * Teams and the Emulator cannot follow `/documents/…`.
 */
export function renderAnswerMarkdown({ answer, prompts, baseUrl }: { answer: Answer; prompts: PromptCatalog; baseUrl?: string | undefined }): string {
  const parts: string[] = [];
  if (answer.understoodAs !== undefined) parts.push(`_${prompts.format('answer.understoodAs', { question: escapeMarkdown(answer.understoodAs) })}_`);
  if (!answer.grounded) return [...parts, answer.text].join('\n\n');
  const byN = new Map(answer.citations.map((c) => [c.n, c]));
  const note = (n: Answer['notes'][number]): string => noteText({ note: n, prompts, value: escapeMarkdown });
  parts.push(...notesBefore(answer.notes).map(note));
  for (const sentence of answer.sentences) parts.push(markedSentence(sentence, (n) => marker(byN.get(n), n, baseUrl), escapeMarkdown));
  parts.push(...notesAfter(answer.notes).map(note));
  return parts.join('\n\n');
}

/** `[n]` as a link to its passage; plain `[n]` (escaped) when the citation is unknown. */
function marker(citation: Citation | undefined, n: number, baseUrl: string | undefined): string {
  const label = `\\[${n}\\]`;
  if (citation === undefined) return label;
  return `[${label}](${documentLink({ baseUrl, docId: citation.docId, chunkId: citation.chunkId })})`;
}

