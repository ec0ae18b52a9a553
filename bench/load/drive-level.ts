import { percentile } from '../retrieval-metrics';
import { openDirectLineSession, type DirectLineSession } from './directline-session';

export interface LevelResult {
  users: number;
  /** Wall time from the first question to the last answer, in seconds. */
  seconds: number;
  answers: number;
  /** Answers per second over `seconds`. */
  throughput: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  errors: number;
  /** The first few error messages, to say what went wrong. */
  errorSamples: string[];
}

export interface DriveLevelOptions {
  baseUrl: string;
  secret: string;
  users: number;
  /** Questions are started until this many seconds have passed; the ones in flight then finish. */
  seconds: number;
  questions: readonly string[];
  /** Longest wait for one answer before it counts as an error. */
  askTimeoutMs: number;
  /** Offset into `questions`, so that consecutive levels do not repeat the same sequence. */
  offset?: number;
}

const ERROR_SAMPLES = 5;

/**
 * One load level: `users` concurrent web chat users, each in its own Direct Line conversation with
 * a WebSocket stream, asking the next question as soon as the previous answer arrived (no think
 * time: the worst case for the server), until the time is up. Latency is from posting the
 * question to receiving the bot's answer on the stream.
 */
export async function driveLevel({ baseUrl, secret, users, seconds, questions, askTimeoutMs, offset = 0 }: DriveLevelOptions): Promise<LevelResult> {
  const errorSamples: string[] = [];
  let errors = 0;
  const fail = (error: unknown) => {
    errors += 1;
    if (errorSamples.length < ERROR_SAMPLES) errorSamples.push(error instanceof Error ? error.message : String(error));
  };
  const opened = await Promise.allSettled(Array.from({ length: users }, (_, i) => openDirectLineSession({ baseUrl, secret, userId: `dl_load_${offset}_${i}` })));
  const sessions: DirectLineSession[] = [];
  for (const result of opened) result.status === 'fulfilled' ? sessions.push(result.value) : fail(result.reason);

  const latencies: number[] = [];
  let next = offset;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const user = async (session: DirectLineSession) => {
    while (performance.now() < deadline) {
      const question = questions[next % questions.length] ?? '';
      next += 1;
      try {
        const { reply, ms } = await session.ask(question, { timeoutMs: askTimeoutMs });
        if (typeof reply.text !== 'string' || reply.text === '') throw new Error(`empty answer to "${question.slice(0, 60)}"`);
        latencies.push(ms);
      } catch (error) {
        fail(error);
      }
    }
  };
  await Promise.all(sessions.map(user));
  const elapsed = (performance.now() - started) / 1000;
  for (const session of sessions) session.close();

  const mean = latencies.length === 0 ? 0 : latencies.reduce((a, b) => a + b, 0) / latencies.length;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    users,
    seconds: Math.round(elapsed * 10) / 10,
    answers: latencies.length,
    throughput: Math.round((latencies.length / elapsed) * 10) / 10,
    latencyMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)), max: round(Math.max(0, ...latencies)), mean: round(mean) },
    errors,
    errorSamples,
  };
}
