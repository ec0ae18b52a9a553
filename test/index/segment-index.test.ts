import fc from 'fast-check';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/chunk/index';
import { DEFAULT_TUNABLES, type Tunables } from '../../src/config/tunables';
import { buildBm25Index } from '../../src/index/bm25-index';
import { chunkerSettings } from '../../src/index/chunker-settings';
import { lexicalEntries } from '../../src/index/lexical-entries';
import type { SnapshotManifest } from '../../src/index/manifest';
import { openSegments } from '../../src/index/open-segments';
import { openSnapshot } from '../../src/index/open-snapshot';
import { MAX_SEGMENTS } from '../../src/index/segment-plan';
import { acquireWriteLock } from '../../src/index/write-lock';
import { writeSnapshot } from '../../src/index/write-snapshot';
import type { SourceDocument } from '../../src/ingest/types';
import { analyzeQuery } from '../../src/retrieve/query-analysis';
import { lawDocument } from '../helpers/law-documents';
import { useTempDirs } from '../helpers/temp-dirs';

const tempDir = useTempDirs('segments');
const tunables: Tunables = { ...DEFAULT_TUNABLES };

const WORDS = ['đăng', 'ký', 'kết', 'hôn', 'cư', 'trú', 'thường', 'tạm', 'nơi', 'ở', 'hộ', 'khẩu', 'công', 'dân', 'giấy', 'tờ', 'ma', 'mà', 'túy'];
const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 10 }).map((w) => w.join(' '));
/** A law of one to three articles, numbered from 1 or 5 (so that "Điều 5" matches some, not all). */
const lawText = fc.tuple(fc.array(sentence, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([bodies, late]) => bodies.map((b, i) => `Điều ${i + (late ? 5 : 1)}. ${b}\n\n${b} ${b}`).join('\n\n'));

type Op = { kind: 'put'; doc: number; text: string } | { kind: 'delete'; doc: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), doc: fc.integer({ min: 0, max: 5 }), text: lawText }),
  fc.record({ kind: fc.constant('delete' as const), doc: fc.integer({ min: 0, max: 5 }) }),
);

const docOf = (n: number, text: string): SourceDocument => lawDocument({ id: `luat-${n}`, title: `Luật số ${n} về cư trú`, docNumber: `${n}/2020/QH14`, text });
const chunksOf = (doc: SourceDocument) => chunkDocument({ doc });

const QUERIES = ['đăng ký thường trú', 'dang ky thuong tru', 'kết hôn nơi cư trú', 'Điều 5 luật số 3/2020/QH14 về giấy tờ', 'ma túy', 'mà', 'hộ khẩu công dân'].map((q) => analyzeQuery({ query: q }));

async function apply(dataDir: string, base: SnapshotManifest | undefined, add: SourceDocument[], remove: string[]): Promise<SnapshotManifest> {
  const lock = acquireWriteLock({ dataDir });
  try {
    return await writeSnapshot({
      dataDir,
      lock,
      documents: add,
      chunks: chunksOf,
      ...(base === undefined ? {} : { base: { manifest: base, remove: new Set(remove) } }),
      chunker: chunkerSettings(tunables),
      lexicalParams: tunables,
      ingest: { filesSeen: 0, problems: 0 },
      knowledgeFingerprint: 'test',
    });
  } finally {
    lock.release();
  }
}

describe('segment snapshots', () => {
  it('after any sequence of adds, replaces and deletes, search (with and without a document filter, term weights or pruning), document frequencies and explain equal a fresh BM25F build of the same documents', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: MAX_SEGMENTS + 6 }), async (ops) => {
        const dataDir = tempDir();
        // The model: live documents, oldest first (a replaced document moves to the end, as a new segment does).
        let live: SourceDocument[] = [];
        let manifest: SnapshotManifest | undefined;
        for (const o of ops) {
          const id = `luat-${o.doc}`;
          const existed = live.some((d) => d.id === id);
          const added = o.kind === 'put' ? [docOf(o.doc, o.text)] : [];
          const next = [...live.filter((d) => d.id !== id), ...added];
          if (next.length === 0) continue; // an empty index is refused (INDEX_EMPTY, tested apart): the old one stays
          live = next;
          manifest = await apply(dataDir, manifest, added, existed ? [id] : []);
        }
        if (manifest === undefined) return;
        expect(manifest.lexical.segments.length).toBeLessThanOrEqual(MAX_SEGMENTS);
        const fresh = buildBm25Index({ entries: lexicalEntries({ documents: live, chunks: live.flatMap(chunksOf) }), params: tunables });
        const snapshot = openSnapshot({ dataDir, tunables });
        const pruned = openSegments({ dataDir, entries: manifest.lexical.segments, params: tunables, snapshotId: manifest.id, pruning: true });
        try {
          expect(snapshot.lexical.size).toBe(fresh.size);
          expect(snapshot.store.listDocuments().map((d) => d.id)).toEqual(live.map((d) => d.id).sort());
          for (const query of QUERIES) {
            const got = snapshot.lexical.search({ query, k: 100 });
            expect(got).toEqual(fresh.search({ query, k: 100 }));
            expect(snapshot.lexical.search({ query, k: 3 })).toEqual(got.slice(0, 3));
            // MaxScore pruning skips postings, never changes a hit or a score.
            for (const k of [1, 3, 100]) expect(pruned.lexical.search({ query, k })).toEqual(got.slice(0, k));
            const only = new Set(chunksOf(live[0] as SourceDocument).map((c) => c.id));
            expect(snapshot.lexical.search({ query, k: 100, only })).toEqual(fresh.search({ query, k: 100, only }));
            const weighted = { ...query, termWeights: { [query.foldedSyllables[0] ?? 'x']: 0.5 } };
            expect(snapshot.lexical.search({ query: weighted, k: 100 })).toEqual(fresh.search({ query: weighted, k: 100 }));
            for (const term of query.foldedSyllables) expect(snapshot.lexical.documentFrequency({ term, view: 'folded' })).toBe(fresh.documentFrequency({ term, view: 'folded' }));
            const top = got[0]?.chunkId ?? 'luat-0#none';
            expect(snapshot.lexical.explain({ query, chunkId: top })).toEqual(fresh.explain({ query, chunkId: top }));
          }
          for (const doc of live) expect(snapshot.store.chunksOfDocument(doc.id)).toEqual(chunksOf(doc));
          // Batch reads equal reads one by one: the live version of a replaced document, nothing of a deleted one.
          const asked = [...ops.flatMap((o) => (o.kind === 'put' ? chunksOf(docOf(o.doc, o.text)).map((c) => c.id) : [])), 'luat-0#none'];
          const oneByOne = asked.map((id) => snapshot.store.getChunk(id)).filter((c) => c !== undefined);
          expect(snapshot.store.getChunks(asked)).toEqual(oneByOne);
          expect(new Set(oneByOne.map((c) => c.docId))).toEqual(new Set(live.filter((d) => asked.some((id) => id.startsWith(`${d.id}#`))).map((d) => d.id)));
        } finally {
          pruned.close();
          snapshot.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('shares the unchanged segments with the previous snapshot and writes only the new document', async () => {
    const dataDir = tempDir();
    const first = await apply(dataDir, undefined, [docOf(1, 'Điều 1. đăng ký thường trú'), docOf(2, 'Điều 1. kết hôn')], []);
    const second = await apply(dataDir, first, [docOf(3, 'Điều 1. tạm trú nơi ở')], []);
    const [old] = first.lexical.segments;
    expect(second.lexical.segments[0]).toEqual(old);
    expect(second.lexical.segments).toHaveLength(2);
    expect(second.lexical.segments[1]).toMatchObject({ documents: 1, deletedDocuments: [] });
    // What a killed build leaves: unfinished files and the journal SQLite kept beside one.
    for (const name of ['dead.sqlite.partial', 'dead.sqlite.partial-journal', 'dead.postings.partial', 'dead.sqlite.blocks.partial', 'dead.postings']) writeFileSync(join(dataDir, 'segments', name), 'x');
    const third = await apply(dataDir, second, [], ['luat-1']);
    expect(third.lexical.segments[0]).toMatchObject({ id: old?.id, deletedDocuments: ['luat-1'] });
    expect(third.counts).toMatchObject({ documents: 2 });
    expect(readdirSync(join(dataDir, 'segments')).sort()).toEqual(second.lexical.segments.flatMap((s) => [`${s.id}.postings`, `${s.id}.sqlite`]).sort());
  });

  it('refuses to write a snapshot without chunks and leaves the current one', async () => {
    const dataDir = tempDir();
    const first = await apply(dataDir, undefined, [docOf(1, 'Điều 1. đăng ký thường trú')], []);
    await expect(apply(dataDir, first, [], ['luat-1'])).rejects.toMatchObject({ code: 'INDEX_EMPTY' });
    const snapshot = openSnapshot({ dataDir, tunables });
    expect(snapshot.id).toBe(first.id);
    snapshot.close();
  });
});
