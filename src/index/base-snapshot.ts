import { join } from 'node:path';
import type { Tunables } from '../config/tunables';
import { analyzerFingerprint } from './analyzer-fingerprint';
import { chunkerSettings } from './chunker-settings';
import { readCurrentSnapshotId } from './current-pointer';
import { assertCompatible, readManifest, type SnapshotManifest } from './manifest';
import { SEGMENT_FORMAT, SEGMENT_FORMAT_VERSION } from './segment-file';
import { liveDocuments } from './segment-documents';
import { checkSegmentFiles } from './verify-segments';
import { SNAPSHOT_FILES, snapshotPaths } from './snapshot-paths';

/** The snapshot in service as the base of an incremental build: its manifest and what each document's content hash was. */
export interface BaseSnapshot {
  manifest: SnapshotManifest;
  /** Live document id → content hash. */
  hashes: Map<string, string>;
}

/**
 * The current snapshot, when the next build can derive from it. Undefined when there is none, or
 * it was chunked with other settings or another chunker, analyzer or segment format, or it cannot
 * be read: the build then writes everything anew, as a first build does (derivation is an
 * optimisation, never a reason to fail).
 */
export function openBaseSnapshot({ dataDir, tunables }: { dataDir: string; tunables: Readonly<Tunables> }): BaseSnapshot | undefined {
  try {
    const id = readCurrentSnapshotId({ dataDir });
    if (id === undefined) return undefined;
    const manifest = readManifest({ path: join(snapshotPaths({ dataDir }).dir(id), SNAPSHOT_FILES.manifest) });
    assertCompatible({ manifest, chunker: chunkerSettings(tunables), analyzer: analyzerFingerprint() });
    if (manifest.lexical.format !== SEGMENT_FORMAT || manifest.lexical.version !== SEGMENT_FORMAT_VERSION) return undefined;
    checkSegmentFiles({ dataDir, snapshotId: id, entries: manifest.lexical.segments });
    return { manifest, hashes: new Map(liveDocuments({ dataDir, entries: manifest.lexical.segments }).map((d) => [d.id, d.source.contentHash])) };
  } catch {
    return undefined;
  }
}
