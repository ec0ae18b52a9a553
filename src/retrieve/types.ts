import type { Chunk } from '../chunk/types';
import type { DocumentMeta } from '../ingest/types';
import type { QueryUnderstanding } from './understanding';

/** What retrieval knows of a document: enough to cite it. */
export interface DocumentSummary {
  id: string;
  title: string;
  meta: DocumentMeta;
  /** Spans of the text recognised by OCR from scanned pages (offsets in the document text), when there are any. */
  scanned?: Array<{ start: number; end: number }>;
}

/** One retrieved passage, best first in a result. */
export interface RetrievedPassage {
  chunk: Chunk;
  doc: DocumentSummary;
  /** Fused score, higher is better; comparable only within one result. */
  score: number;
  /** Per-list scores before fusion, for explanations and benchmarks. */
  scores: { lexical?: number; dense?: number };
}

export interface RetrievalResult {
  passages: RetrievedPassage[];
  /** 0–1: how sure retrieval is that the top passages answer the query (the answer stage refuses below a threshold). */
  confidence: number;
  /** `lexical` when no embedding model is installed. */
  mode: 'hybrid' | 'lexical' | 'dense';
  /**
   * What the question was understood as (documents named, corrections, expansions, scaffolding
   * left out), so that the answer can say "Đã hiểu là: …" when `understood.changed`.
   */
  understood?: QueryUnderstanding;
}

export interface RetrieveOptions {
  query: string;
  /** Number of passages wanted. Default 10. */
  k?: number;
  abortSignal?: AbortSignal;
}

/** Finds passages for a question; implemented over the current index snapshot. */
export interface Retriever {
  retrieve(options: RetrieveOptions): Promise<RetrievalResult>;
}
