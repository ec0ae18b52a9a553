import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/chunk/index';
import { DEFAULT_TUNABLES } from '../../src/config/tunables';
import { chunkerSettings } from '../../src/index/chunker-settings';
import type { SnapshotManifest } from '../../src/index/manifest';
import { batchDocuments } from '../../src/index/segment-batch';
import { indexThreadCount, openSegmentBatchPool } from '../../src/index/segment-batch-pool';
import { snapshotPaths } from '../../src/index/snapshot-paths';
import { acquireWriteLock } from '../../src/index/write-lock';
import { writeSnapshot } from '../../src/index/write-snapshot';
import type { SourceDocument } from '../../src/ingest/types';
import { lawDocument } from '../helpers/law-documents';
import { LUAT_CU_TRU_ARTICLES, LUAT_HON_NHAN_ARTICLES } from '../helpers/law-texts';
import { useTempDirs } from '../helpers/temp-dirs';

const tempDir = useTempDirs('segment-batch');
const tunables = { ...DEFAULT_TUNABLES };

/** Twelve laws from the two real texts, each with its own số hiệu and a different slice of articles. */
const DOCUMENTS: SourceDocument[] = Array.from({ length: 12 }, (_, i) => {
  const source = i % 2 === 0 ? LUAT_CU_TRU_ARTICLES : LUAT_HON_NHAN_ARTICLES;
  const articles = source.split(/\n(?=Điều \d+\.)/);
  return lawDocument({ id: `luat-${i}`, title: `Luật số ${i}`, docNumber: `${i}/2020/QH14`, text: articles.slice(i % 3).join('\n') });
});

async function build(dataDir: string, options: { threads: number; batchChars?: number; chunks?: boolean }): Promise<SnapshotManifest> {
  const lock = acquireWriteLock({ dataDir });
  try {
    return await writeSnapshot({
      dataDir,
      lock,
      documents: DOCUMENTS,
      ...(options.chunks === true ? { chunks: (doc: SourceDocument) => chunkDocument({ doc }) } : {}),
      analysisThreads: options.threads,
      ...(options.batchChars === undefined ? {} : { analysisBatchChars: options.batchChars }),
      chunker: chunkerSettings(tunables),
      lexicalParams: tunables,
      ingest: { filesSeen: 0, problems: 0 },
      knowledgeFingerprint: 'test',
    });
  } finally {
    lock.release();
  }
}

/** The segment files of a one-segment snapshot, as bytes. */
function segmentBytes(dataDir: string, manifest: SnapshotManifest): { sqlite: Buffer; postings: Buffer } {
  expect(manifest.lexical.segments).toHaveLength(1);
  const id = manifest.lexical.segments[0]?.id ?? '';
  const paths = snapshotPaths({ dataDir });
  return { sqlite: readFileSync(paths.segment(id)), postings: readFileSync(paths.segmentPostings(id)) };
}

describe('segment build on analysis threads', () => {
  it('writes the same segment files, byte for byte, on the build thread and on worker threads, whatever the batch size', async () => {
    const single = tempDir();
    const reference = segmentBytes(single, await build(single, { threads: 0 }));
    for (const options of [
      // Less than one batch: written on the build thread, no worker started.
      { threads: 1 },
      { threads: 1, batchChars: 20_000 },
      // Batches of one or two documents: many postings runs, each with its own chunk base.
      { threads: 1, batchChars: 4000 },
      { threads: 2, batchChars: 1 },
      // Chunks made on the build thread, analysed on the workers.
      { threads: 2, batchChars: 6000, chunks: true },
    ]) {
      const dir = tempDir();
      const manifest = await build(dir, options);
      const got = segmentBytes(dir, manifest);
      expect(got.postings.equals(reference.postings), JSON.stringify(options)).toBe(true);
      expect(got.sqlite.equals(reference.sqlite), JSON.stringify(options)).toBe(true);
      expect(manifest.counts).toEqual({ documents: 12, chunks: manifest.counts.chunks, filesSeen: 0, problems: 0 });
    }
  }, 180_000);

  it('splits documents in order into batches of at most the given characters, a longer document alone', () => {
    const docs = [5, 5, 11, 3, 3, 3].map((n, i) => ({ id: i, text: 'x'.repeat(n) }));
    expect([...batchDocuments(docs, 10)].map((b) => b.map((d) => d.id))).toEqual([[0, 1], [2], [3, 4, 5]]);
    expect([...batchDocuments([], 10)]).toEqual([]);
  });

  it('rejects a batch whose analysis throws, naming the document, and keeps working for the next one', async () => {
    const pool = openSegmentBatchPool({ threads: 1 });
    try {
      await expect(pool.analyse({ documents: [DOCUMENTS[0] as SourceDocument] })).rejects.toThrow(/no chunks and no chunker settings for document luat-0/);
      const batch = await pool.analyse({ documents: [DOCUMENTS[0] as SourceDocument], chunker: chunkerSettings(tunables) });
      expect(batch.lengths.length).toBe(batch.chunks[0]?.length);
      expect(batch.lengths.length).toBeGreaterThan(3);
    } finally {
      await pool.close();
    }
  });

  it('uses one thread per core but the writer’s by default, at least one, and the configured count otherwise', () => {
    expect(indexThreadCount(-1, 2)).toBe(1);
    expect(indexThreadCount(-1, 1)).toBe(1);
    expect(indexThreadCount(-1, 8)).toBe(7);
    expect(indexThreadCount(0, 8)).toBe(0);
    expect(indexThreadCount(3, 2)).toBe(3);
    expect(indexThreadCount(1000, 2)).toBe(64);
  });
});
