import { z } from 'zod';
import type { IngestProblemCode } from '../ingest/types';

/**
 * What `troly index --json-progress` prints, one JSON object per stdout line: `progress` while it
 * works (and `reading` before each file it parses), then exactly one of `done`, `empty` or `failed`. The admin's reindex job runs that command
 * in a child process and reads these lines; the schema is checked on the way in.
 */
const PROBLEM_CODES = ['empty', 'too-large', 'unsupported-type', 'corrupt', 'encrypted', 'scanned-no-text', 'legacy-encoding', 'invalid-record', 'invalid-meta', 'read-failed', 'timed-out', 'quarantined', 'ocr-unavailable', 'ocr-failed', 'ocr-low-confidence', 'truncated', 'misnamed'] as const satisfies readonly IngestProblemCode[];

const problemSchema = z.object({
  path: z.string(),
  code: z.enum(PROBLEM_CODES),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  pages: z.array(z.number()).optional(),
  encoding: z.string().optional(),
  stoppedAt: z.string().optional(),
  limit: z.string().optional(),
  actualFormat: z.string().optional(),
});

/** The ingestion report of a build: counts, every problem, and the Vietnamese lines a person reads. */
export const ingestReportSchema = z.object({
  filesSeen: z.number().int(),
  documents: z.array(z.object({ id: z.string(), path: z.string(), title: z.string(), docNumber: z.string().optional() })),
  problems: z.array(problemSchema),
  lines: z.array(z.string()),
});
export type IngestReport = z.infer<typeof ingestReportSchema>;

export const progressEventSchema = z.object({
  event: z.literal('progress'),
  phase: z.enum(['ingest', 'chunk', 'store', 'lexical', 'vectors', 'switch']),
  done: z.number(),
  total: z.number(),
  path: z.string().optional(),
});
export type ProgressEvent = z.infer<typeof progressEventSchema>;

/** Said before a file is parsed, so that the parent knows which file a child that dies was on. */
export const readingEventSchema = z.object({ event: z.literal('reading'), path: z.string() });

export const indexEventSchema = z.discriminatedUnion('event', [
  progressEventSchema,
  readingEventSchema,
  z.object({
    event: z.literal('done'),
    snapshotId: z.string(),
    documents: z.number().int(),
    chunks: z.number().int(),
    reusedDocuments: z.number().int(),
    seconds: z.number(),
    report: ingestReportSchema,
  }),
  z.object({ event: z.literal('empty'), message: z.string(), report: ingestReportSchema }),
  z.object({ event: z.literal('failed'), code: z.string(), message: z.string(), detail: z.string().optional() }),
]);
export type IndexEvent = z.infer<typeof indexEventSchema>;

/** One stdout line as an event, or undefined for anything else (a stray library warning). */
export function parseIndexEvent(line: string): IndexEvent | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = indexEventSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
