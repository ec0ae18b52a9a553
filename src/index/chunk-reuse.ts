import { join } from 'node:path';
import type { Chunk } from '../chunk/types';
import type { Tunables } from '../config/tunables';
import type { SourceDocument } from '../ingest/types';
import { analyzerFingerprint } from './analyzer-fingerprint';
import { chunkerSettings } from './chunker-settings';
import { readCurrentSnapshotId } from './current-pointer';
import { assertCompatible, readManifest } from './manifest';
import { SNAPSHOT_FILES, snapshotPaths } from './snapshot-paths';
import { openSqliteStore } from './sqlite-store';
import type { Store } from './store';

/**
 * The chunks of the snapshot in service, offered to the next build: a document whose id and
 * content hash are unchanged gets its chunks back instead of being chunked again (chunking is
 * deterministic in id and text, so they are the chunks it would get), and the embedding cache
 * then finds their vectors by text.
 */
export interface ChunkReuse {
  /** The previous chunks of `doc`, or undefined when it is new, changed, or there is nothing to reuse. */
  chunksFor(doc: SourceDocument): Chunk[] | undefined;
  /** Id of the snapshot the chunks come from, or undefined when nothing can be reused. */
  readonly snapshotId: string | undefined;
  close(): void;
}

const NOTHING: ChunkReuse = { chunksFor: () => undefined, snapshotId: undefined, close: () => {} };

/**
 * Opens the current snapshot's store for reuse. Nothing is reused when there is no current
 * snapshot, or it was chunked with other settings or another chunker or analyzer version, or it
 * cannot be read: the build then simply chunks everything, as a first build does.
 */
export function openChunkReuse({ dataDir, tunables }: { dataDir: string; tunables: Readonly<Tunables> }): ChunkReuse {
  let store: Store | undefined;
  try {
    const id = readCurrentSnapshotId({ dataDir });
    if (id === undefined) return NOTHING;
    const dir = snapshotPaths({ dataDir }).dir(id);
    const manifest = readManifest({ path: join(dir, SNAPSHOT_FILES.manifest) });
    assertCompatible({ manifest, chunker: chunkerSettings(tunables), analyzer: analyzerFingerprint() });
    const opened = openSqliteStore({ path: join(dir, SNAPSHOT_FILES.store) });
    store = opened;
    const hashes = new Map(opened.listDocuments().map((d) => [d.id, d.source.contentHash]));
    return {
      snapshotId: id,
      chunksFor(doc) {
        if (hashes.get(doc.id) !== doc.source.contentHash) return undefined;
        const chunks = opened.chunksOfDocument(doc.id);
        return chunks.length > 0 ? chunks : undefined;
      },
      close: () => opened.close(),
    };
  } catch {
    // Reuse is an optimisation: an unreadable or incompatible snapshot means a full build.
    store?.close();
    return NOTHING;
  }
}
