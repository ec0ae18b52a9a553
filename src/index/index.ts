/**
 * The index stage: a chunk store, a lexical index and (optionally) dense vectors, written together
 * as a versioned snapshot under `data/snapshots/<id>/` and switched atomically through `data/CURRENT`.
 */
export { buildSnapshot, type BuildProgress, type BuildSnapshotOptions, type BuildSnapshotResult } from './build-snapshot';
export { openSnapshot, type Snapshot } from './open-snapshot';
export { writeSnapshot, corpusHash, SNAPSHOTS_KEPT, type WriteSnapshotOptions } from './write-snapshot';
export { readCurrentSnapshotId, switchCurrentSnapshot } from './current-pointer';
export { acquireWriteLock, type WriteLock } from './write-lock';
export { pruneSnapshots } from './prune-snapshots';
export { snapshotPaths, SNAPSHOT_FILES, type SnapshotPaths } from './snapshot-paths';
export { manifestSchema, readManifest, assertCompatible, SNAPSHOT_SCHEMA_VERSION, type SnapshotManifest, type ChunkerSettings } from './manifest';
export { chunkerSettings } from './chunker-settings';
export { analyzerFingerprint } from './analyzer-fingerprint';
export { knowledgeFingerprint } from './knowledge-fingerprint';
export type { VectorSnapshotPart, VectorPartProgress, EmbeddingManifest } from './snapshot-part';
export { openSnapshotVectors, VECTOR_CHUNKS_FILE, type SnapshotVectors, type ConfiguredEmbedding } from './snapshot-vectors';
export { createEmbeddingVectorPart, passageText, type EmbeddingVectorPartOptions } from './embedding-vector-part';
export { openEmbeddingCache, EMBEDDING_CACHE_FILE, type EmbeddingCache } from './embedding-cache';
export { embedWithCache, type EmbedProgress } from './embedding-cache-embed';
export { buildVectorIndex, loadVectorIndex, type HnswParams } from './vector-index-hnsw';
export type { VectorIndex, VectorHit, VectorSearchOptions } from './vector-index';
export type { Store, StoredDocument, DocumentListing } from './store';
export { openSqliteStore, writeSqliteStore } from './sqlite-store';
export type { LexicalIndex, LexicalEntry, LexicalQuery, LexicalHit, TermMatch } from './lexical-index';
export { Bm25Index, buildBm25Index, loadBm25Index, bm25Params, type Bm25Params } from './bm25-index';
export { BM25_FORMAT, BM25_FORMAT_VERSION } from './bm25-codec';
export { lexicalEntries } from './lexical-entries';
