import WebSocket from 'ws';

/** An activity as a Direct Line client receives it. */
export interface StreamedActivity {
  type: string;
  id: string;
  replyToId?: string;
  text?: string;
  from: { id: string; role?: string };
  attachments?: unknown[];
}

export interface DirectLineSession {
  readonly conversationId: string;
  /** Posts a message (a question, or a card's submitted `value`) and resolves with the bot's message in reply to it (bounded by `timeoutMs`). */
  ask(text: string, options?: { timeoutMs?: number; value?: unknown }): Promise<{ reply: StreamedActivity; ms: number }>;
  /** Every activity received so far. */
  readonly received: readonly StreamedActivity[];
  close(): void;
}

const SESSION_OPEN_TIMEOUT_MS = 10_000;

/**
 * A Direct Line 3.0 client as Web Chat uses it, without a browser: start a conversation (with the
 * Direct Line secret), stream activities over the WebSocket `streamUrl`, post messages, and match
 * the bot's reply by `replyToId`. Used by the load benchmark and the server tests.
 */
export async function openDirectLineSession({ baseUrl, secret, userId }: { baseUrl: string; secret: string; userId: string }): Promise<DirectLineSession> {
  const started = await fetch(`${baseUrl}/v3/directline/conversations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: { id: userId } }),
    signal: AbortSignal.timeout(SESSION_OPEN_TIMEOUT_MS),
  });
  if (started.status !== 201 && started.status !== 200) throw new Error(`starting a conversation: HTTP ${started.status} ${await started.text()}`);
  const { conversationId, token, streamUrl } = (await started.json()) as { conversationId: string; token: string; streamUrl: string };
  const received: StreamedActivity[] = [];
  const waiters = new Set<() => void>();
  const ws = new WebSocket(streamUrl);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the Direct Line stream did not open')), SESSION_OPEN_TIMEOUT_MS);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  ws.on('message', (data: WebSocket.Data) => {
    const text = data.toString();
    if (text === '') return;
    const set = JSON.parse(text) as { activities?: StreamedActivity[] };
    received.push(...(set.activities ?? []));
    for (const wake of waiters) wake();
  });

  const waitForReply = (activityId: string, timeoutMs: number) =>
    new Promise<StreamedActivity>((resolve, reject) => {
      const check = () => {
        const reply = received.find((a) => a.type === 'message' && a.replyToId === activityId && a.from.role === 'bot');
        if (reply === undefined) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(reply);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no reply to ${activityId} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    conversationId,
    received,
    async ask(text, { timeoutMs = 30_000, value } = {}) {
      const t0 = performance.now();
      const posted = await fetch(`${baseUrl}/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', from: { id: userId }, text, locale: 'vi-VN', textFormat: 'plain', ...(value === undefined ? {} : { value }) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (posted.status !== 200) throw new Error(`posting a message: HTTP ${posted.status} ${await posted.text()}`);
      const { id } = (await posted.json()) as { id: string };
      const reply = await waitForReply(id, timeoutMs);
      return { reply, ms: performance.now() - t0 };
    },
    close() {
      ws.close();
    },
  };
}
