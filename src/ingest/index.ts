/**
 * Ingestion: the files of a knowledge folder → `SourceDocument`s with metadata, plus a report line
 * for every file that could not be read or was read with a caveat.
 */
export type * from './types';
export { ingestFolder, type IngestFolderOptions, type IngestProgress } from './ingest-folder';
export { formatIngestReport, INGEST_PROMPT_KEYS } from './report';
export { extractMetadata } from './metadata';
export { findVietnameseDate } from './vietnamese-date';
export { LOADERS } from './loaders';
export type { Loader, LoaderInput, LoaderOutput, LoadedDocument, LoadedPart } from './loader';
export { slugify, documentIdFromPath } from './document-id';
export { contentHash } from './content-hash';
export { repairLegacyEncoding, type LegacyEncoding } from './legacy-encoding';
export { decodeText } from './decode-text';
export { sidecarSchema, documentMetaSchema, type Sidecar } from './meta-schema';
