import type { Chunk } from './types';

/** A chunk before it is numbered and given its id. */
export type ChunkDraft = Omit<Chunk, 'id' | 'docId' | 'ordinal'>;
