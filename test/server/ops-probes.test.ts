import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDirectLineSession, type DirectLineSession } from '../../bench/load/directline-session';
import type { ServingInfo } from '../../src/app/serving-pipeline';
import { submitActions } from '../bot/card-actions';
import { citationOfResidenceLaw, createFakeAssistant, groundedAnswer, refusal } from '../fakes/fake-assistant';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { sampleValue } from './prometheus-text';

const SECRET = 'ops-probes-secret-7d1e';
const QUESTION = 'Thời hạn giải quyết đăng ký thường trú là bao lâu?';
const OFF_TOPIC = 'Giá vé xem bóng đá ở sân Lạch Tray là bao nhiêu?';
const CREATED_AT = new Date(Date.now() - 3600_000).toISOString();

describe('operations: /readyz, /metrics, request ids and logs', () => {
  let server: TestServer;
  let session: DirectLineSession;
  let serving: () => ServingInfo = () => ({ snapshotId: 'snap-2026-11-21', createdAt: CREATED_AT, documents: 5, chunks: 42, mode: 'lexical' });
  const assistant = createFakeAssistant({
    replies: {
      [QUESTION]: groundedAnswer({ question: QUESTION, text: 'Trong thời hạn 07 ngày làm việc, cơ quan đăng ký cư trú có trách nhiệm thẩm định [1].', citations: [citationOfResidenceLaw()] }),
      [OFF_TOPIC]: refusal({ question: OFF_TOPIC, text: 'Tôi không tìm thấy thông tin này trong tài liệu.' }),
    },
  });

  beforeAll(async () => {
    server = await startTestServer({ assistant, env: { TROLY_DIRECTLINE_SECRET: SECRET }, serving: () => serving() });
    session = await openDirectLineSession({ baseUrl: server.url, secret: SECRET, userId: 'dl_ops_probes' });
  });
  afterAll(async () => {
    session.close();
    await server.stop();
  });

  it('/readyz reports the snapshot and a writable store', async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', checks: { snapshot: { ok: true, snapshotId: 'snap-2026-11-21', documents: 5, chunks: 42 }, store: { ok: true } } });
  });

  it('/readyz is 503 while no snapshot can be served', async () => {
    const previous = serving;
    serving = () => {
      throw new Error('CURRENT names snapshot snap-x, which is missing');
    };
    try {
      const res = await fetch(`${server.url}/readyz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { status: string; checks: { snapshot: { ok: boolean; detail: string }; store: { ok: boolean } } };
      expect(body.status).toBe('not-ready');
      expect(body.checks.snapshot).toMatchObject({ ok: false });
      expect(body.checks.snapshot.detail).toContain('snap-x');
      expect(body.checks.store.ok).toBe(true);
    } finally {
      serving = previous;
    }
  });

  it('/metrics counts answers, refusals and feedback, and times answers and requests by route', async () => {
    const answered = await session.ask(QUESTION);
    await session.ask(OFF_TOPIC);
    const up = submitActions(answered.reply.attachments).find((action) => action.data.rating === 'up');
    expect(up).toBeDefined();
    await session.ask('', { value: up?.data });
    server.server.metrics.recordReindex({ durationMs: 12_500, ok: true });
    server.server.metrics.recordReindex({ durationMs: 800, ok: false });

    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(sampleValue(text, 'troly_answers_total', { outcome: 'answered' })).toBe(1);
    expect(sampleValue(text, 'troly_answers_total', { outcome: 'refused' })).toBe(1);
    expect(sampleValue(text, 'troly_answers_total', { outcome: 'failed' })).toBe(0);
    expect(sampleValue(text, 'troly_answer_duration_seconds_count', { outcome: 'answered', mode: 'extractive' })).toBe(1);
    expect(sampleValue(text, 'troly_feedback_total', { rating: 'up' })).toBe(1);
    expect(sampleValue(text, 'troly_feedback_total', { rating: 'down' })).toBe(0);
    expect(sampleValue(text, 'troly_http_request_duration_seconds_count', { route: '/v3/directline/conversations/:conversationId/activities', method: 'POST', status: '200' })).toBe(3);
    expect(sampleValue(text, 'troly_index_documents')).toBe(5);
    expect(sampleValue(text, 'troly_index_chunks')).toBe(42);
    expect(sampleValue(text, 'troly_index_age_seconds')).toBeGreaterThanOrEqual(3600);
    expect(sampleValue(text, 'troly_index_info', { snapshot: 'snap-2026-11-21', mode: 'lexical' })).toBe(1);
    expect(sampleValue(text, 'troly_reindex_total', { outcome: 'ok' })).toBe(1);
    expect(sampleValue(text, 'troly_reindex_total', { outcome: 'failed' })).toBe(1);
    expect(sampleValue(text, 'troly_reindex_duration_seconds_sum', { outcome: 'ok' })).toBe(12.5);
    expect(sampleValue(text, 'troly_process_resident_memory_bytes')).toBeGreaterThan(0);
    // Metric labels carry route patterns, never conversation ids.
    expect(text).not.toContain(session.conversationId);
  });

  it('echoes a well-formed X-Request-Id and replaces a malformed one', async () => {
    const kept = await fetch(`${server.url}/healthz`, { headers: { 'X-Request-Id': 'proxy-7f3a.42' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-7f3a.42');
    const replaced = await fetch(`${server.url}/healthz`, { headers: { 'X-Request-Id': 'bad id\twith "quotes"' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs the bot turn with the request id and conversation id, and the question only as its length', () => {
    const answeredLine = server.logs.find((line) => line.msg === 'answered' && line.grounded === true);
    expect(answeredLine?.conversationId).toBe(session.conversationId);
    const requestLine = server.logs.find((line) => line.msg === 'request' && line.requestId === answeredLine?.requestId);
    expect(requestLine).toMatchObject({ method: 'POST', route: '/v3/directline/conversations/:conversationId/activities', status: 200, conversationId: session.conversationId });
    expect(answeredLine?.questionChars).toBe(QUESTION.length);
    expect(JSON.stringify(server.logs)).not.toContain(QUESTION);
  });

  it('puts security headers on every response', async () => {
    for (const path of ['/healthz', '/', '/v3/directline/conversations/none/activities']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    }
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('operations: question logging when TROLY_LOG_QUESTIONS allows it', () => {
  it('logs the question text', async () => {
    const assistant = createFakeAssistant({ replies: { [QUESTION]: groundedAnswer({ question: QUESTION, text: 'Trong thời hạn 07 ngày làm việc [1].', citations: [citationOfResidenceLaw()] }) } });
    const server = await startTestServer({ assistant, env: { TROLY_DIRECTLINE_SECRET: SECRET, TROLY_LOG_QUESTIONS: 'true' } });
    const session = await openDirectLineSession({ baseUrl: server.url, secret: SECRET, userId: 'dl_ops_questions' });
    try {
      await session.ask(QUESTION);
      // The bot logs the answer after sending it: wait (bounded) for the line.
      for (let i = 0; i < 100 && !server.logs.some((line) => line.msg === 'answered'); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(server.logs.find((line) => line.msg === 'answered')?.question).toBe(QUESTION);
    } finally {
      session.close();
      await server.stop();
    }
  });
});
