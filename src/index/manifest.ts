import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../config/errors';
import { snapshotFileSchema } from './verify-snapshot';

/** Bumped whenever the layout of a snapshot folder changes; snapshots of another version are refused. */
export const SNAPSHOT_SCHEMA_VERSION = 2;

const chunkerSchema = z.object({
  /** `CHUNKER_VERSION` of `src/chunk`: the same settings chunk differently in another version. */
  version: z.number().int(),
  targetChars: z.number().int(),
  overlapChars: z.number().int(),
  articleMaxChars: z.number().int(),
});

/** The chunker settings a snapshot was built with; a snapshot built with others is refused. */
export type ChunkerSettings = z.infer<typeof chunkerSchema>;

/** One segment of a snapshot: its files `data/segments/<id>.sqlite` and `<id>.postings`, what it holds, what is deleted from it. */
export const segmentEntrySchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]+$/),
  documents: z.number().int().min(0),
  chunks: z.number().int().min(0),
  bytes: z.number().int().min(0),
  /** sha256 of the segment file as written (checked in full by `verifySegments`). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Size and sha256 of its postings file `data/segments/<id>.postings` as written. */
  postings: z.object({ bytes: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  /** Documents of this segment that the snapshot no longer holds (deleted or replaced since). */
  deletedDocuments: z.array(z.string()),
  liveChunks: z.number().int().min(0),
  /** Sum of the body lengths of the live chunks (BM25's average length is over live chunks). */
  liveLength: z.number().int().min(0),
});

export type SegmentEntry = z.infer<typeof segmentEntrySchema>;

/**
 * `manifest.json` of a snapshot. Written last, so a folder without one is an unfinished build.
 * `embedding` is null for a lexical-only snapshot; the vector part of the index describes itself
 * there (model id and dimensions at least) when it is present.
 */
export const manifestSchema = z.object({
  schemaVersion: z.number().int(),
  id: z.string().min(1),
  createdAt: z.iso.datetime(),
  chunker: chunkerSchema,
  /** Fingerprint of the `src/text` analysis the index was tokenised with (see `analyzerFingerprint`). */
  analyzer: z.string().min(1),
  lexical: z.object({
    format: z.string().min(1),
    version: z.number().int(),
    /** Query-time settings in force when it was built, for the record (changing them needs no reindex). */
    params: z.record(z.string(), z.number()),
    /** The segments the snapshot is made of, in snapshot order (see `segment-file.ts`). */
    segments: z.array(segmentEntrySchema),
  }),
  /** sha256 over the sorted (document id, content hash) pairs: equal hashes, equal corpus. */
  corpusHash: z.string().min(1),
  /** Cheap fingerprint of the knowledge folder's files (paths, sizes, mtimes), to notice changes without parsing. */
  knowledgeFingerprint: z.string().min(1),
  counts: z.object({
    documents: z.number().int().min(0),
    chunks: z.number().int().min(0),
    filesSeen: z.number().int().min(0),
    problems: z.number().int().min(0),
  }),
  embedding: z.looseObject({ modelId: z.string().min(1), dimensions: z.number().int().positive() }).nullable(),
  /** Size and sha256 of every other file of the snapshot as written, checked when it is opened (`verify-snapshot.ts`). Absent in older snapshots. */
  files: z.record(z.string(), snapshotFileSchema).optional(),
});

export type SnapshotManifest = z.infer<typeof manifestSchema>;

/** Reads and validates a manifest. Throws SNAPSHOT_CORRUPT when it is missing or malformed. */
export function readManifest({ path }: { path: string }): SnapshotManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new AppError('SNAPSHOT_CORRUPT', `Snapshot manifest ${path} cannot be read as JSON. Run "troly index" to build a new snapshot.`, { cause });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new AppError('SNAPSHOT_CORRUPT', `Snapshot manifest ${path} is not valid (${issues}). Run "troly index" to build a new snapshot.`);
  }
  return parsed.data;
}

/**
 * Throws SNAPSHOT_INCOMPATIBLE when the snapshot was written by another schema version, chunked
 * with other settings, or tokenised by another version of the text analysis than the running code.
 */
export function assertCompatible({ manifest, chunker, analyzer }: { manifest: SnapshotManifest; chunker: ChunkerSettings; analyzer: string }): void {
  const problems: string[] = [];
  if (manifest.schemaVersion !== SNAPSHOT_SCHEMA_VERSION) {
    problems.push(`schema version ${manifest.schemaVersion}, expected ${SNAPSHOT_SCHEMA_VERSION}`);
  }
  for (const key of Object.keys(chunker) as Array<keyof ChunkerSettings>) {
    if (manifest.chunker[key] !== chunker[key]) problems.push(`chunker ${key} ${manifest.chunker[key]}, configured ${chunker[key]}`);
  }
  if (manifest.analyzer !== analyzer) problems.push(`text analyzer ${manifest.analyzer}, running ${analyzer}`);
  if (problems.length > 0) {
    throw new AppError('SNAPSHOT_INCOMPATIBLE', `Snapshot ${manifest.id} does not match this program and configuration (${problems.join('; ')}). Run "troly index" to rebuild it.`);
  }
}
