/**
 * The one error type of the project. Every failure that crosses a module boundary is an `AppError`
 * with a stable `code`, an English message for logs that says what was expected, what came and how
 * to fix it, and the underlying `cause` when there is one. User-facing Vietnamese text is looked up
 * from `prompts/` by code, never taken from `message`.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'PROMPTS_INVALID'
  | 'PROMPT_MISSING'
  | 'INGEST_FAILED'
  | 'SNAPSHOT_MISSING'
  | 'SNAPSHOT_INCOMPATIBLE'
  | 'SNAPSHOT_CORRUPT'
  | 'INDEX_EMPTY'
  | 'INDEX_LOCKED'
  | 'MODEL_MISSING'
  | 'MODEL_INVALID'
  | 'EMBEDDING_FAILED'
  | 'INPUT_INVALID'
  | 'NOT_FOUND'
  | 'UNAUTHORIZED'
  | 'CONFLICT'
  | 'LLM_FAILED'
  | 'ABORTED'
  | 'SCHEMA_NEWER'
  | 'DATABASE_UNAVAILABLE'
  | 'OVERLOADED'
  | 'INTERNAL';

export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
  }
}

export function isAppError(value: unknown, code?: ErrorCode): value is AppError {
  return value instanceof AppError && (code === undefined || value.code === code);
}

/** A short English description of any thrown value, for logs. */
export function describeError(error: unknown): string {
  if (error instanceof AppError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}
