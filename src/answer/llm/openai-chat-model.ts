import { z } from 'zod';
import { AppError } from '../../config/errors';
import type { ChatModel, ChatReply, ChatRequest } from './chat-model';
import { readSseDeltas } from './sse-deltas';

export interface OpenAiChatModelOptions {
  /** The API base ("http://127.0.0.1:8080/v1"); `/chat/completions` is added unless already there. */
  url: string;
  /** The model name the endpoint serves. */
  model: string;
  apiKey?: string;
  /** Whole-request time limit (config `llm.timeoutMs`). */
  timeoutMs: number;
  /** Ask for a server-sent-events stream and call `onToken` per piece. Default false. */
  stream?: boolean;
  /** Sampling temperature; low, because answers must stick to the passages. Default 0. */
  temperature?: number;
  /** Injectable for tests. Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
}

const completionSchema = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullable() }), finish_reason: z.string().nullish() }))
    .min(1),
});

/** A `ChatModel` over any OpenAI-compatible `/v1/chat/completions` endpoint (llama.cpp, vLLM, Ollama, LM Studio…). */
export function createOpenAiChatModel(options: OpenAiChatModelOptions): ChatModel {
  const endpoint = options.url.replace(/\/+$/, '').endsWith('/chat/completions') ? options.url : `${options.url.replace(/\/+$/, '')}/chat/completions`;
  const doFetch = options.fetch ?? globalThis.fetch;
  return {
    modelId: options.model,
    async complete(request: ChatRequest): Promise<ChatReply> {
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const signal = request.abortSignal === undefined ? timeout : AbortSignal.any([request.abortSignal, timeout]);
      const stream = options.stream === true;
      const body = {
        model: options.model,
        messages: request.messages,
        temperature: options.temperature ?? 0,
        stream,
        ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
      };
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' };
      if (options.apiKey !== undefined) headers.authorization = `Bearer ${options.apiKey}`;
      try {
        const response = await doFetch(endpoint, { method: 'POST', headers, body: JSON.stringify(body), signal });
        if (!response.ok) {
          const detail = (await response.text()).slice(0, 300);
          throw new AppError('LLM_FAILED', `The LLM endpoint ${endpoint} answered HTTP ${response.status}; expected 200. Body: ${detail}. Check TROLY_LLM_URL, TROLY_LLM_MODEL and TROLY_LLM_API_KEY.`);
        }
        if (stream) {
          if (response.body === null) throw new AppError('LLM_FAILED', `The LLM endpoint ${endpoint} sent no body for a streamed reply.`);
          return await readSseDeltas({ body: response.body, ...(request.onToken ? { onToken: request.onToken } : {}) });
        }
        return parseCompletion(await response.text(), endpoint, request.onToken);
      } catch (error) {
        throw failure({ error, endpoint, timedOut: timeout.aborted, aborted: request.abortSignal?.aborted === true, timeoutMs: options.timeoutMs });
      }
    },
  };
}

function parseCompletion(raw: string, endpoint: string, onToken: ((t: string) => void) | undefined): ChatReply {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new AppError('LLM_FAILED', `The LLM endpoint ${endpoint} sent a reply that is not JSON: ${raw.slice(0, 200)}`, { cause });
  }
  const parsed = completionSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError('LLM_FAILED', `The LLM endpoint ${endpoint} sent JSON without choices[0].message.content: ${raw.slice(0, 200)}`);
  }
  const choice = parsed.data.choices[0];
  const text = choice?.message.content ?? '';
  if (text !== '') onToken?.(text);
  return choice?.finish_reason ? { text, finishReason: choice.finish_reason } : { text };
}

function failure({ error, endpoint, timedOut, aborted, timeoutMs }: { error: unknown; endpoint: string; timedOut: boolean; aborted: boolean; timeoutMs: number }): AppError {
  if (aborted) return new AppError('ABORTED', 'The question was cancelled while the LLM was answering.', { cause: error });
  if (timedOut) return new AppError('LLM_FAILED', `The LLM endpoint ${endpoint} did not answer within ${timeoutMs} ms. Raise TROLY_LLM_TIMEOUT_MS or use a faster model.`, { cause: error });
  if (error instanceof AppError) return error;
  return new AppError('LLM_FAILED', `Cannot reach the LLM endpoint ${endpoint}: ${error instanceof Error ? error.message : String(error)}. Check TROLY_LLM_URL and that the server is running.`, { cause: error });
}
