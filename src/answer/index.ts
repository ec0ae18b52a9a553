/** The answer stage: question → cited answer (extractive or LLM) or refusal; follow-up resolution. */
export type * from './types';
export { createAssistant, RETRIEVE_K, type CreateAssistantOptions } from './assistant';
export { extractiveAnswer, CANDIDATE_SOURCES, MAX_CANDIDATE_PASSAGES, type AnswerTunables } from './extractive-answer';
export { resolveFollowUp, type FollowUpResolution, type FollowUpHow } from './follow-up';
export { noteText, notesBefore, notesAfter, markedSentence } from './answer-text';
export { ANSWER_PROMPT_KEYS } from './answer-prompts';
export type { ChatModel, ChatMessage, ChatRequest, ChatReply } from './llm/chat-model';
export { createOpenAiChatModel, type OpenAiChatModelOptions } from './llm/openai-chat-model';
export { validateLlmPrompts, buildLlmMessages } from './llm/llm-prompt';
export { checkLlmReply, type LlmReplyCheck } from './llm/check-llm-reply';
