import { createParser } from 'eventsource-parser';
import { z } from 'zod';
import { AppError } from '../../config/errors';

const chunkSchema = z.object({
  choices: z.array(
    z.object({
      delta: z.object({ content: z.string().nullish() }).optional(),
      finish_reason: z.string().nullish(),
    }),
  ),
});

/**
 * Reads an OpenAI-style server-sent-events body (`data: {choices:[{delta:{content}}]}` … `data: [DONE]`)
 * and returns the whole text, calling `onToken` with each piece. Malformed events fail the reply.
 */
export async function readSseDeltas({
  body,
  onToken,
}: {
  body: ReadableStream<Uint8Array>;
  onToken?: (token: string) => void;
}): Promise<{ text: string; finishReason?: string }> {
  let text = '';
  let finishReason: string | undefined;
  let problem: AppError | undefined;
  let done = false;
  const parser = createParser({
    onEvent(event) {
      if (done || problem !== undefined) return;
      if (event.data.trim() === '[DONE]') {
        done = true;
        return;
      }
      const parsed = chunkSchema.safeParse(safeJson(event.data));
      if (!parsed.success) {
        problem = new AppError('LLM_FAILED', `Expected a chat.completion.chunk JSON event from the LLM endpoint, got: ${event.data.slice(0, 200)}`);
        return;
      }
      const choice = parsed.data.choices[0];
      const piece = choice?.delta?.content ?? '';
      if (choice?.finish_reason) finishReason = choice.finish_reason;
      if (piece !== '') {
        text += piece;
        onToken?.(piece);
      }
    },
  });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended || done || problem !== undefined) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
  } finally {
    reader.releaseLock();
  }
  if (problem !== undefined) throw problem;
  return finishReason === undefined ? { text } : { text, finishReason };
}

function safeJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
