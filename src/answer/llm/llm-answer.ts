import type { Logger } from '../../config/logger';
import { describeError, isAppError } from '../../config/errors';
import type { PromptCatalog } from '../../prompts/catalog';
import type { RetrievalResult } from '../../retrieve/types';
import { makeCitation } from '../citations';
import { groundedAnswer } from '../answer-text';
import type { Answer } from '../types';
import type { ChatModel } from './chat-model';
import { checkLlmReply } from './check-llm-reply';
import { buildLlmMessages } from './llm-prompt';

/** Passages given to the model, best first; more costs time and invites citing weak passages. */
export const LLM_PASSAGES = 5;
/** Most tokens in the model's reply: a short answer is four sentences. */
export const LLM_MAX_TOKENS = 512;

/**
 * Asks the chat model to answer from the top passages and checks its reply. Returns the answer, or
 * undefined (after logging why) when the model failed or its reply does not pass the citation
 * check, so that the caller falls back to the extractive answer. Rethrows only ABORTED.
 */
export async function llmAnswer({
  chatModel,
  prompts,
  question,
  retrieval,
  logger,
  abortSignal,
}: {
  chatModel: ChatModel;
  prompts: PromptCatalog;
  question: string;
  retrieval: RetrievalResult;
  logger: Logger;
  abortSignal?: AbortSignal;
}): Promise<Answer | undefined> {
  const passages = retrieval.passages.slice(0, LLM_PASSAGES);
  if (passages.length === 0) return undefined;
  const messages = buildLlmMessages({ prompts, question, passages });
  let reply: string;
  try {
    reply = (await chatModel.complete({ messages, maxTokens: LLM_MAX_TOKENS, ...(abortSignal ? { abortSignal } : {}) })).text;
  } catch (error) {
    if (isAppError(error, 'ABORTED')) throw error;
    logger.warn({ model: chatModel.modelId, reason: describeError(error) }, 'LLM answer failed; falling back to the extractive answer');
    return undefined;
  }
  const check = checkLlmReply({ text: reply, passageCount: passages.length });
  if (!check.ok) {
    logger.warn({ model: chatModel.modelId, reason: check.reason, replyChars: reply.length }, 'LLM reply rejected; falling back to the extractive answer');
    return undefined;
  }
  const citations = check.cited.map((given, i) => {
    const passage = passages[given - 1];
    if (passage === undefined) throw new RangeError(`checked citation [${given}] has no passage`);
    return makeCitation({ n: i + 1, passages: [passage], quotes: [passage.chunk.text] });
  });
  return groundedAnswer({ sentences: check.sentences, citations, prompts, confidence: retrieval.confidence, mode: 'llm', resolvedQuestion: question, support: retrieval.confidence });
}
