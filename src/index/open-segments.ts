import type { Chunk } from '../chunk/types';
import { AppError } from '../config/errors';
import { buildBm25Data } from './bm25-data';
import { encodeBm25 } from './bm25-codec';
import type { Bm25Params } from './bm25-index';
import { lexicalEntries } from './lexical-entries';
import type { LexicalEntry, LexicalIndex } from './lexical-index';
import type { SegmentEntry } from './manifest';
import { SegmentLexicalIndex, type SegmentPart } from './segment-lexical-index';
import { openSegmentReader } from './segment-reader';
import { createSegmentStore, type StorePart } from './segment-store';
import { snapshotPaths } from './snapshot-paths';
import { checkSegmentFiles } from './verify-segments';
import { openSqliteStore } from './sqlite-store';
import type { Store } from './store';
import type { DocumentSummary } from '../retrieve/types';

type StoredMeta = DocumentSummary['meta'];

/** The segments of one snapshot, opened: the union store and the BM25F index over the live chunks. */
export interface OpenedSegments {
  store: Store;
  lexical: LexicalIndex;
  /** Readers and deletions, in snapshot order (for updates that derive a new snapshot from this one). */
  parts: readonly SegmentPart[];
  /** The live chunks' lexical entries in snapshot order (re-read from the segments). */
  liveEntries(): LexicalEntry[];
  /** The live chunks in snapshot order (segments in order, chunks in segment order). */
  liveChunks(): Chunk[];
  close(): void;
}

/**
 * Opens the segments a manifest names: each file is opened (milliseconds: nothing is read until a
 * query needs it) and its deleted documents turned into a chunk bitmap. Throws SNAPSHOT_CORRUPT
 * when a segment is missing or does not hold what the manifest says.
 */
export function openSegments({ dataDir, entries, params, snapshotId, pruning = false }: {
  dataDir: string;
  entries: readonly SegmentEntry[];
  params: Bm25Params;
  snapshotId: string;
  /**
   * MaxScore pruning (`prunedTop`): same results; off by default, because on the Zalo questions
   * (50–90 terms each, both views) it costs more CPU than scoring every posting (bench/scale-search-index.ts).
   */
  pruning?: boolean;
}): OpenedSegments {
  checkSegmentFiles({ dataDir, snapshotId, entries });
  const paths = snapshotPaths({ dataDir });
  const parts: SegmentPart[] = [];
  const storeParts: StorePart[] = [];
  const close = () => {
    for (const p of parts) p.reader.close();
    for (const p of storeParts) p.store.close();
  };
  try {
    for (const entry of entries) {
      const reader = openSegmentReader({ path: paths.segment(entry.id) });
      parts.push({ reader, deleted: undefined });
      if (reader.chunkCount !== entry.chunks) {
        throw new AppError('SNAPSHOT_CORRUPT', `Snapshot ${snapshotId}: segment ${entry.id} holds ${reader.chunkCount} chunks, the manifest says ${entry.chunks}. Run "troly index --full" to rebuild the index.`);
      }
      const numbers = reader.numbersOfDocuments(entry.deletedDocuments);
      if (numbers.length > 0) {
        const deleted = new Uint8Array(reader.chunkCount);
        for (const n of numbers) deleted[n] = 1;
        (parts[parts.length - 1] as SegmentPart).deleted = deleted;
      }
      if (reader.chunkCount - numbers.length !== entry.liveChunks) {
        throw new AppError('SNAPSHOT_CORRUPT', `Snapshot ${snapshotId}: segment ${entry.id} has ${reader.chunkCount - numbers.length} live chunks, the manifest says ${entry.liveChunks}. Run "troly index --full" to rebuild the index.`);
      }
      storeParts.push({ store: openSqliteStore({ path: paths.segment(entry.id) }), deletedDocuments: new Set(entry.deletedDocuments) });
    }
  } catch (error) {
    close();
    throw error;
  }
  const store = createSegmentStore({ parts: storeParts, close });
  /** Each live document of each segment, in snapshot order, with its chunks. */
  const eachLive = <T>(use: (doc: { id: string; title: string; meta: StoredMeta }, chunks: Chunk[]) => T[]): T[] =>
    parts.flatMap((part, i) => {
      const { store: partStore, deletedDocuments } = storeParts[i] as StorePart;
      const out: T[] = [];
      for (const docId of part.reader.documentOrder()) {
        if (deletedDocuments.has(docId)) continue;
        const doc = partStore.getDocumentSummary(docId);
        if (doc !== undefined) out.push(...use(doc, partStore.chunksOfDocument(docId)));
      }
      return out;
    });
  const liveEntries = (): LexicalEntry[] => eachLive((doc, chunks) => lexicalEntries({ documents: [doc], chunks }));
  const liveChunks = (): Chunk[] => eachLive((_, chunks) => chunks);
  const live = entries.reduce((a, e) => ({ chunks: a.chunks + e.liveChunks, totalLength: a.totalLength + e.liveLength }), { chunks: 0, totalLength: 0 });
  const lexical = new SegmentLexicalIndex(parts, live, params, () => encodeBm25(buildBm25Data({ entries: liveEntries() })), pruning);
  return { store, lexical, parts, liveEntries, liveChunks, close };
}
