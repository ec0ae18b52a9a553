import { chunkDocument } from '../chunk/index';
import type { Chunk } from '../chunk/types';
import type { SourceDocument } from '../ingest/types';
import { analyseEntry, ViewBuilder } from './bm25-data';
import { lexicalEntries } from './lexical-entries';
import type { ChunkerSettings } from './manifest';
import { encodeRun } from './postings-runs';
import { VIEW_NUMBERS } from './segment-file';

/** A batch of documents to analyse: their chunks, or the settings to chunk them with. */
export interface SegmentBatchInput {
  documents: readonly SourceDocument[];
  /** `chunks[i]` are the chunks of `documents[i]`; when absent the documents are chunked with `chunker`. */
  chunks?: ReadonlyArray<readonly Chunk[]>;
  chunker?: Pick<ChunkerSettings, 'targetChars' | 'overlapChars' | 'articleMaxChars'>;
}

/**
 * Everything a segment writer needs of a batch, computed without it: the per-document work of a
 * build (chunk, analyse, collect and encode postings), so that it can run on another thread. Chunk
 * numbers count from 0 within the batch; the writer adds its running count.
 */
export interface AnalysedBatch {
  /** `chunks[i]` are the chunks of the batch's `documents[i]`, in reading order. */
  chunks: Chunk[][];
  /** Both views' postings as one postings run (`encodeRun`), chunk numbers from 0. */
  run: Uint8Array;
  /** Per chunk of the batch: body length (syllables), article number or -1, `docNumberKey` or "". */
  lengths: Uint32Array;
  articles: Int32Array;
  docNumberKeys: string[];
}

/** Chunks (unless given) and analyses a batch of documents, with the one analysis of `analyseEntry`. */
export function analyseBatch({ documents, chunks, chunker }: SegmentBatchInput): AnalysedBatch {
  const chunkOf = (doc: SourceDocument, i: number): readonly Chunk[] => {
    const given = chunks?.[i];
    if (given !== undefined) return given;
    if (chunker === undefined) throw new Error(`analyseBatch: no chunks and no chunker settings for document ${doc.id}`);
    return chunkDocument({ doc, targetChars: chunker.targetChars, overlapChars: chunker.overlapChars, articleMaxChars: chunker.articleMaxChars });
  };
  const chunked = documents.map((doc, i) => [...chunkOf(doc, i)]);
  const accented = new ViewBuilder();
  const folded = new ViewBuilder();
  const lengths: number[] = [];
  const articles: number[] = [];
  const docNumberKeys: string[] = [];
  documents.forEach((doc, i) => {
    for (const entry of lexicalEntries({ documents: [doc], chunks: chunked[i] ?? [] })) {
      const n = lengths.length;
      const analysed = analyseEntry(entry);
      accented.add(n, analysed.accented);
      folded.add(n, analysed.folded);
      lengths.push(analysed.length);
      articles.push(analysed.article);
      docNumberKeys.push(analysed.docNumberKey);
    }
  });
  return {
    chunks: chunked,
    run: encodeRun([
      { view: VIEW_NUMBERS.accented, data: accented.finish() },
      { view: VIEW_NUMBERS.folded, data: folded.finish() },
    ]),
    lengths: Uint32Array.from(lengths),
    articles: Int32Array.from(articles),
    docNumberKeys,
  };
}

/** Text characters of a batch sent to `analyseBatch` at once (see `batchDocuments`). */
export const SEGMENT_BATCH_CHARS = 4_000_000;

/**
 * Splits documents, in order, into batches of about `maxChars` text characters (a document longer
 * than that is a batch of its own). At ≈ 1,000 characters a chunk, 4 M characters is ≈ 4,000
 * chunks: the block size of one postings run, as `SEGMENT_BLOCK_CHUNKS` was.
 */
export function* batchDocuments<T extends { text: string }>(documents: Iterable<T>, maxChars = SEGMENT_BATCH_CHARS): Generator<T[]> {
  let batch: T[] = [];
  let chars = 0;
  for (const doc of documents) {
    if (batch.length > 0 && chars + doc.text.length > maxChars) {
      yield batch;
      batch = [];
      chars = 0;
    }
    batch.push(doc);
    chars += doc.text.length;
  }
  if (batch.length > 0) yield batch;
}
