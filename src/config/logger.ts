import { pino, type DestinationStream } from 'pino';
import type { Config } from './config';
import { logContextFields } from './log-context';

/**
 * Structured JSON logs (pino). English messages; request, conversation and job ids go in fields.
 * Question text is logged only when `config.log.questions` allows it, because citizens' details
 * appear in questions: use `questionField()` rather than logging a question directly.
 */
export type Logger = pino.Logger;

export function createLogger({ level, destination }: { level: Config['log']['level']; destination?: DestinationStream }): Logger {
  const options = { level, base: { app: 'troly' }, mixin: logContextFields, redact: { paths: ['*.password', '*.token', '*.secret', '*.authorization', 'req.headers.authorization'], censor: '***' } };
  return destination === undefined ? pino(options) : pino(options, destination);
}

/** A logger that drops everything, for tests and library defaults. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** `{ question }` when the configuration allows logging questions, otherwise only its length. */
export function questionField(config: Pick<Config, 'log'>, question: string): Record<string, unknown> {
  return config.log.questions ? { question } : { questionChars: question.length };
}
