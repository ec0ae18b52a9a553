import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzerFingerprint } from '../src/index/analyzer-fingerprint';
import type { LexicalEntry } from '../src/index/lexical-index';

/**
 * Peer indexes (SQLite FTS5 fed our tokens: 85k chunks take minutes to tokenise and insert) are
 * cached in the benchmark's cache folder under a name that holds the corpus fingerprint, so an
 * index is only ever reused for the very chunks and text analysis it was built from. Bump
 * `PEER_INDEX_FORMAT` when an engine's index layout changes.
 */
export const PEER_INDEX_FORMAT = 1;

/** Engines whose index the child can save and load (`retrieval-child.ts --index`). */
export const CACHEABLE_PEERS: ReadonlySet<string> = new Set(['fts5']);

/** sha256 (16 hex) of the text analysis and every entry's id, heading and text, in order. */
export function corpusFingerprint(entries: readonly LexicalEntry[]): string {
  const hash = createHash('sha256').update(`${analyzerFingerprint()}\u0000${PEER_INDEX_FORMAT}\u0000${entries.length}`);
  for (const e of entries) hash.update(`\u0000${e.chunkId}\u0001${e.heading}\u0001${e.text}`);
  return hash.digest('hex').slice(0, 16);
}

/** Where a peer's cached index lives, or undefined for an engine that cannot be cached. */
export function peerIndexPath({ cacheDir, set, engine, fingerprint }: { cacheDir: string; set: string; engine: string; fingerprint: string }): string | undefined {
  return CACHEABLE_PEERS.has(engine) ? join(cacheDir, `${set}-${engine}-${fingerprint}.sqlite`) : undefined;
}

const stamp = (corpusPath: string) => `${corpusPath}.fingerprint`;

/** True when the corpus file was written from chunks with this fingerprint (then it need not be written again). */
export function isCorpusCurrent(corpusPath: string, fingerprint: string): boolean {
  return existsSync(corpusPath) && existsSync(stamp(corpusPath)) && readFileSync(stamp(corpusPath), 'utf8').trim() === fingerprint;
}

export function markCorpusCurrent(corpusPath: string, fingerprint: string): void {
  writeFileSync(stamp(corpusPath), `${fingerprint}\n`);
}
