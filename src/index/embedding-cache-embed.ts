import { AppError } from '../config/errors';
import type { EmbedKind, Embedder } from '../embed/embedder';
import { embedderCacheKey, textHash, type EmbeddingCache } from './embedding-cache';

/** How far an embedding run has got. Texts found in the cache count as done from the start. */
export interface EmbedProgress {
  /** Texts with a vector so far (cached + embedded). */
  done: number;
  total: number;
  /** Texts found in the cache (not embedded again). */
  cached: number;
  /** Distinct texts embedded by the model so far in this run (a text repeated in the input is embedded once). */
  embedded: number;
  /** Model throughput in this run, texts per second; 0 before the first batch. */
  chunksPerSecond: number;
  /** Seconds until the remaining texts are embedded at that rate; undefined before the first batch. */
  etaSeconds: number | undefined;
}

export interface EmbedWithCacheOptions {
  embedder: Embedder;
  cache: EmbeddingCache;
  texts: readonly string[];
  kind: EmbedKind;
  /** Called once after the cache lookup and after every batch the model embeds. */
  onProgress?: (progress: EmbedProgress) => void;
  /** Stops between batches with `AppError('ABORTED')`; batches already embedded stay cached. */
  abortSignal?: AbortSignal;
  /** Clock in milliseconds, for the rate; injectable for tests. */
  now?: () => number;
}

/**
 * Vectors for `texts` (in order), embedding only those whose exact model input (prefix included)
 * is not cached yet, each distinct text once. Each batch the model returns is written to the
 * cache in its own transaction before the next starts, so an abort or crash loses at most the
 * batch in flight and a rerun picks up where this one stopped.
 */
export async function embedWithCache({ embedder, cache, texts, kind, onProgress, abortSignal, now = Date.now }: EmbedWithCacheOptions): Promise<{
  vectors: Float32Array[];
  /** Positions of `texts` served from the cache. */
  cached: number;
  /** Distinct texts the model embedded. */
  embedded: number;
}> {
  const model = embedderCacheKey(embedder);
  const hashes = texts.map((text) => textHash(embedder.prepare(text, kind)));
  const found = cache.getMany({ model, hashes });
  // A model folder replaced under the same id can leave vectors of another length: treat as misses.
  for (const [hash, vector] of found) if (embedder.dimensions > 0 && vector.length !== embedder.dimensions) found.delete(hash);
  // Distinct texts to embed, with how many positions of `texts` each one fills.
  const missing = new Map<string, { text: string; uses: number }>();
  let done = 0;
  hashes.forEach((hash, i) => {
    if (found.has(hash)) done += 1;
    else {
      const entry = missing.get(hash);
      if (entry === undefined) missing.set(hash, { text: texts[i] as string, uses: 1 });
      else entry.uses += 1;
    }
  });
  const cached = done;
  const pending = [...missing];
  const started = now();
  let embedded = 0;
  const report = () => {
    const seconds = (now() - started) / 1000;
    const rate = embedded > 0 && seconds > 0 ? embedded / seconds : 0;
    const remaining = pending.length - embedded;
    const etaSeconds = remaining === 0 ? 0 : rate > 0 ? remaining / rate : undefined;
    onProgress?.({ done, total: texts.length, cached, embedded, chunksPerSecond: rate, etaSeconds });
  };
  report();
  const batchSize = Math.max(1, embedder.maxBatchSize);
  for (let start = 0; start < pending.length; start += batchSize) {
    if (abortSignal?.aborted) {
      throw new AppError('ABORTED', `Embedding aborted after ${start} of ${pending.length} new texts; those are cached and will not be embedded again.`, { cause: abortSignal.reason });
    }
    const batch = pending.slice(start, start + batchSize);
    const vectors = await embedder.embed(batch.map(([, { text }]) => text), { kind, abortSignal });
    if (vectors.length !== batch.length) {
      throw new AppError('EMBEDDING_FAILED', `Embedder ${model} returned ${vectors.length} vectors for ${batch.length} texts.`);
    }
    const entries = batch.map(([hash], j) => ({ hash, vector: vectors[j] as Float32Array }));
    cache.putMany({ model, entries });
    for (const [j, [hash, { uses }]] of batch.entries()) {
      found.set(hash, vectors[j] as Float32Array);
      done += uses;
    }
    embedded += batch.length;
    report();
  }
  return { vectors: hashes.map((hash) => found.get(hash) as Float32Array), cached, embedded };
}
