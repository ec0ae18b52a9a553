import type { Assistant } from '../answer/types';
import type { DocumentListing } from '../index/store';
import type { RetrievalResult } from '../retrieve/types';
import type { DocumentSource } from './document-source';

/** What a served snapshot is, for health checks, metrics and the admin page. */
export interface ServingInfo {
  snapshotId: string;
  createdAt: string;
  documents: number;
  chunks: number;
  mode: RetrievalResult['mode'];
}

/**
 * What the server answers from, over the index snapshot CURRENT names. One interface for the two
 * ways of answering, chosen in `src/main.ts`: on the server's own thread (`openLivePipeline`) or
 * on a pool of worker threads (`openAnswerPool`). The server, the admin API and the CURRENT
 * follower see only this.
 */
export interface ServingPipeline {
  assistant: Assistant;
  /** The documents the answers cite, for the document viewer. */
  documents: DocumentSource;
  /** The snapshot being served, for `/readyz`, the index metrics and the admin page. */
  info(): ServingInfo;
  /** The served snapshot's documents with their chunk counts (the admin's documents table). */
  listDocuments(): DocumentListing[];
  /**
   * Opens the snapshot CURRENT names and serves it to new requests (requests in flight finish on
   * the old one). Throws, and keeps the old one serving, when it cannot.
   */
  reload(): Promise<ServingInfo>;
  /** Releases the snapshot (once the requests still using it have finished) and any threads. */
  close(): void | Promise<void>;
}
