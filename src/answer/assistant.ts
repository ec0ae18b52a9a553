import { AppError } from '../config/errors';
import { silentLogger, type Logger } from '../config/logger';
import type { PromptCatalog } from '../prompts/catalog';
import type { Retriever } from '../retrieve/types';
import { polishAnswer } from './answer-polish';
import { ANSWER_PROMPT_KEYS } from './answer-prompts';
import { extractiveAnswer, type AnswerTunables } from './extractive-answer';
import { createDocumentCache, type DocumentReader } from './document-cache';
import { createReferenceFollower } from './follow-references';
import { createParagraphCiter } from './paragraph-citations';
import { resolveFollowUp } from './follow-up';
import { answerInParts } from './multi-part-answer';
import type { ChatModel } from './llm/chat-model';
import { llmAnswer } from './llm/llm-answer';
import { validateLlmPrompts } from './llm/llm-prompt';
import type { Answer, Assistant, AskOptions } from './types';

/** Passages asked of retrieval: the answer reads the top few; the rest feed refusal suggestions. */
export const RETRIEVE_K = 10;

export interface CreateAssistantOptions {
  retriever: Retriever;
  /** Must hold the texts of prompts/answer.json (and the LLM templates when `chatModel` is given). */
  prompts: PromptCatalog;
  tunables: AnswerTunables;
  /** When given, answers are written by this model and checked; the extractive answer is the fallback. */
  chatModel?: ChatModel;
  /**
   * The snapshot's documents: when given, references a quoted clause makes ("quy định tại Điều 23")
   * are quoted too, and citations of non-legal documents name the section and paragraph quoted.
   */
  documents?: DocumentReader;
  logger?: Logger;
}

/**
 * The question → answer pipeline: resolve a follow-up against the history, retrieve, then answer
 * with citations (LLM when configured and its reply passes the check, extractive otherwise) or
 * refuse. Checks its prompt texts now, so that a missing one fails at start-up.
 */
export function createAssistant({ retriever, prompts, tunables, chatModel, documents, logger = silentLogger() }: CreateAssistantOptions): Assistant {
  prompts.require(ANSWER_PROMPT_KEYS);
  const cache = documents === undefined ? undefined : createDocumentCache(documents);
  const followReferences = cache === undefined ? undefined : createReferenceFollower({ documents: cache, prompts });
  const citeParagraphs = cache === undefined ? undefined : createParagraphCiter({ documents: cache, prompts });
  if (chatModel !== undefined) validateLlmPrompts({ prompts });
  return {
    async ask({ question, history = [], abortSignal }: AskOptions): Promise<Answer> {
      throwIfAborted(abortSignal);
      const resolution = resolveFollowUp({ question, history });
      if (resolution.question === '') {
        return { text: prompts.format('answer.emptyQuestion'), sentences: [], notes: [], grounded: false, confidence: 0, citations: [], mode: 'extractive', resolvedQuestion: '' };
      }
      const retrieval = await retriever.retrieve({ query: resolution.question, k: RETRIEVE_K, ...(abortSignal ? { abortSignal } : {}) });
      throwIfAborted(abortSignal);
      // The refusal decision is the extractive one in both modes, so that one calibrated threshold
      // (and the anchor check) governs it; the model is asked only when the documents do answer.
      // A multi-part question ("bao nhiêu điểm cầu, bao nhiêu đại biểu?") is answered part by part.
      const extractive = answerInParts({ question: resolution.question, prompts, expansions: retrieval.understood?.expansions ?? [], answer: (question) => extractiveAnswer({ question, retrieval, tunables, prompts }) });
      let answer = extractive;
      // A flagged answer ("the documents only state 2022") stays extractive: its note is about those quotes.
      if (chatModel !== undefined && extractive.grounded && extractive.notes.every((n) => n.kind !== 'only-stated')) {
        const written = await llmAnswer({ chatModel, prompts, question: resolution.question, retrieval, logger, ...(abortSignal ? { abortSignal } : {}) });
        if (written !== undefined) answer = { ...written, confidence: extractive.confidence, ...(extractive.support === undefined ? {} : { support: extractive.support }), ...(extractive.answerability === undefined ? {} : { answerability: extractive.answerability }) };
      }
      if (followReferences !== undefined) answer = followReferences({ answer, question: resolution.question });
      if (citeParagraphs !== undefined) answer = citeParagraphs(answer);
      if (answer.mode === 'extractive') answer = polishAnswer({ answer, prompts });
      // A follow-up completed from the history, or words retrieval corrected ("ko" → "không", typos),
      // are shown as understood, so that a wrong guess is visible.
      const understood = retrieval.understood;
      if (resolution.followUp) answer = { ...answer, understoodAs: resolution.question };
      else if (understood !== undefined && understood.changed && understood.corrections.length > 0) answer = { ...answer, understoodAs: understood.searched };
      logger.info(
        {
          mode: answer.mode,
          grounded: answer.grounded,
          confidence: answer.confidence,
          support: answer.support,
          citations: answer.citations.length,
          followUp: resolution.how,
          retrieval: retrieval.mode,
        },
        'question answered',
      );
      return answer;
    },
  };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new AppError('ABORTED', 'The question was cancelled before it was answered.', { cause: signal.reason });
}
