/** One message of a chat-completion request. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  abortSignal?: AbortSignal;
  /** Called with each piece of the reply as it arrives (streaming), or once with the whole reply. */
  onToken?: (token: string) => void;
  /** Most tokens in the reply. */
  maxTokens?: number;
}

export interface ChatReply {
  text: string;
  /** "stop", "length"… as the endpoint reports it. */
  finishReason?: string;
}

/**
 * A chat model, as the answer stage sees it: messages in, text out. Implementations throw
 * `AppError('LLM_FAILED')` for every failure of the endpoint (timeout, HTTP status, malformed
 * reply) and `AppError('ABORTED')` when the caller's `abortSignal` fires.
 */
export interface ChatModel {
  readonly modelId: string;
  complete(request: ChatRequest): Promise<ChatReply>;
}
