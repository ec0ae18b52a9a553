import type { RateLimitScope } from './rate-limits';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ServingInfo } from '../../app/serving-pipeline';

/** What a reindex reports when it ends, for `recordReindex`. */
export interface ReindexOutcome {
  durationMs: number;
  ok: boolean;
}

/**
 * The server's Prometheus metrics (prom-client, one registry per server so that tests and several
 * servers in one process never share counters). `/metrics` renders `render()`; the admin API calls
 * `recordReindex` when a background reindex ends.
 */
export interface ServerMetrics {
  readonly registry: Registry;
  observeRequest(sample: { method: string; route: string; status: number; seconds: number }): void;
  observeAnswer(sample: { seconds: number; outcome: 'answered' | 'refused' | 'failed'; mode?: string }): void;
  recordFeedback(rating: 'up' | 'down'): void;
  recordRateLimited(scope: RateLimitScope): void;
  recordReindex(outcome: ReindexOutcome): void;
  /** The Prometheus text exposition and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
}

export interface CreateServerMetricsOptions {
  /** The snapshot being served, read at scrape time; absent or throwing: the index gauges are not set. */
  serving?: (() => ServingInfo) | undefined;
  /** Direct Line conversations held in memory, read at scrape time. */
  conversations?: (() => number) | undefined;
  /** Clock for the index age (tests). */
  now?: () => number;
}

// Latency buckets in seconds: extractive answers take milliseconds, an LLM answer seconds.
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const ANSWER_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 60];
const REINDEX_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600];

export function createServerMetrics({ serving, conversations, now = () => Date.now() }: CreateServerMetricsOptions = {}): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'troly_' });
  const registers = [registry];
  const requests = new Histogram({ name: 'troly_http_request_duration_seconds', help: 'HTTP request latency by route (the route pattern, not the URL), method and status.', labelNames: ['method', 'route', 'status'], buckets: REQUEST_BUCKETS, registers });
  const answerLatency = new Histogram({ name: 'troly_answer_duration_seconds', help: 'Time to answer one question (retrieval and answer stage), by outcome.', labelNames: ['outcome', 'mode'], buckets: ANSWER_BUCKETS, registers });
  const answers = new Counter({ name: 'troly_answers_total', help: 'Questions answered from the documents (answered), refused because the documents do not say (refused), or failed with an error (failed).', labelNames: ['outcome'], registers });
  const feedback = new Counter({ name: 'troly_feedback_total', help: 'Feedback on answers: up (👍) or down (👎).', labelNames: ['rating'], registers });
  const limited = new Counter({ name: 'troly_rate_limited_total', help: 'Requests refused with 429, by limit (ip: requests per client address, session: web chat conversations opened per address, conversation: messages per conversation).', labelNames: ['scope'], registers });
  const reindexDuration = new Histogram({ name: 'troly_reindex_duration_seconds', help: 'Duration of reindex runs, by outcome.', labelNames: ['outcome'], buckets: REINDEX_BUCKETS, registers });
  const reindexes = new Counter({ name: 'troly_reindex_total', help: 'Reindex runs, by outcome (ok or failed).', labelNames: ['outcome'], registers });
  for (const outcome of ['answered', 'refused', 'failed']) answers.inc({ outcome }, 0);
  for (const rating of ['up', 'down']) feedback.inc({ rating }, 0);
  for (const outcome of ['ok', 'failed']) reindexes.inc({ outcome }, 0);

  const current = (): ServingInfo | undefined => {
    try {
      return serving?.();
    } catch {
      return undefined;
    }
  };
  new Gauge({ name: 'troly_index_documents', help: 'Documents in the index snapshot being served.', registers, collect() { const info = current(); if (info !== undefined) this.set(info.documents); } });
  new Gauge({ name: 'troly_index_chunks', help: 'Chunks (citable passages) in the index snapshot being served.', registers, collect() { const info = current(); if (info !== undefined) this.set(info.chunks); } });
  new Gauge({
    name: 'troly_index_age_seconds',
    help: 'Seconds since the index snapshot being served was built.',
    registers,
    collect() {
      const created = Date.parse(current()?.createdAt ?? '');
      if (Number.isFinite(created)) this.set(Math.max(0, (now() - created) / 1000));
    },
  });
  new Gauge({
    name: 'troly_index_info',
    help: 'The index snapshot being served (value 1), with its id and retrieval mode as labels.',
    labelNames: ['snapshot', 'mode'],
    registers,
    collect() {
      this.reset();
      const info = current();
      if (info !== undefined) this.set({ snapshot: info.snapshotId, mode: info.mode }, 1);
    },
  });
  if (conversations !== undefined) {
    new Gauge({ name: 'troly_directline_conversations', help: 'Direct Line (web chat) conversations held in memory.', registers, collect() { this.set(conversations()); } });
  }

  return {
    registry,
    observeRequest({ method, route, status, seconds }) {
      requests.observe({ method, route, status: String(status) }, seconds);
    },
    observeAnswer({ seconds, outcome, mode = 'none' }) {
      answerLatency.observe({ outcome, mode }, seconds);
      answers.inc({ outcome });
    },
    recordFeedback(rating) {
      feedback.inc({ rating });
    },
    recordRateLimited(scope) {
      limited.inc({ scope });
    },
    recordReindex({ durationMs, ok }) {
      const outcome = ok ? 'ok' : 'failed';
      reindexDuration.observe({ outcome }, durationMs / 1000);
      reindexes.inc({ outcome });
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
