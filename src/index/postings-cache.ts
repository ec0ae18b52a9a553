import { DEFAULT_TUNABLES } from '../config/tunables';
import type { Postings } from './segment-file';

/**
 * Bytes of decoded postings one process keeps between queries, across all open segments, unless
 * the tunable `postingsCacheBytes` says otherwise (`openSnapshot` applies it). Questions share
 * their common words ("của", "được", "người"), whose lists are the longest to read; keeping the
 * most recently used lists answers those from memory while resident memory stays bounded.
 */
export const POSTINGS_CACHE_BYTES = DEFAULT_TUNABLES.postingsCacheBytes;

const bytesOf = (p: Postings): number => p.chunks.byteLength + p.tfBody.byteLength + (p.tfHeading?.byteLength ?? 0);

/** A least-recently-used map of postings with a byte budget (segments are immutable: entries never go stale). */
export class PostingsCache {
  private readonly entries = new Map<string, Postings | null>();
  private bytes = 0;

  constructor(private budget: number = POSTINGS_CACHE_BYTES) {}

  /** Changes the byte budget, dropping the least recently used lists beyond it. */
  resize(budget: number): void {
    this.budget = budget;
    this.evict();
  }

  /** The cached lists, `null` for a term known to be absent, undefined when not cached. */
  get(key: string): Postings | null | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  set(key: string, postings: Postings | null): void {
    const size = postings === null ? 0 : bytesOf(postings);
    if (size > this.budget) return;
    this.delete(key);
    this.entries.set(key, postings);
    this.bytes += size;
    this.evict();
    // Absent terms cost a key each: keep at most as many as there are lists.
    if (this.entries.size > 200_000) for (const k of [...this.entries.keys()].slice(0, 100_000)) this.delete(k);
  }

  private evict(): void {
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.entries.delete(oldest);
      this.bytes -= value === null ? 0 : bytesOf(value);
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  private delete(key: string): void {
    const old = this.entries.get(key);
    if (old === undefined) return;
    this.entries.delete(key);
    this.bytes -= old === null ? 0 : bytesOf(old);
  }
}

/** The process's one cache, shared by every open segment. */
export const sharedPostingsCache = new PostingsCache();
