/**
 * One candidate of bench:index-candidates in its own process (so that its memory is its own):
 * `node --expose-gc --import tsx bench/index-candidates-child.ts --corpus FILE --engine NAME --dir DIR --out FILE`.
 * Builds the keyword index over every document but one (timed, peak RSS), reopens it from disk
 * (timed), adds the held-out document (timed: written and searchable), then answers the questions
 * as written and without diacritics (k = 50 chunks, article-level R@5 / MRR@10, p50 / p95).
 */
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Chunk } from '../src/chunk/types';
import { loadConfig } from '../src/config/config';
import { bm25Params, buildBm25Index, loadBm25Index } from '../src/index/bm25-index';
import { chunkerSettings } from '../src/index/chunker-settings';
import { lexicalEntries } from '../src/index/lexical-entries';
import type { LexicalEntry, LexicalIndex } from '../src/index/lexical-index';
import type { SnapshotManifest } from '../src/index/manifest';
import { openSnapshot } from '../src/index/open-snapshot';
import { acquireWriteLock } from '../src/index/write-lock';
import { writeSnapshot } from '../src/index/write-snapshot';
import type { SourceDocument } from '../src/ingest/types';
import { analyzeQuery } from '../src/retrieve/query-analysis';
import { analyzeForIndex } from '../src/text/index';
import { questionSchema, readJsonl } from './retrieval-corpus';
import { evaluate } from './retrieval-evaluate';
import { fts5Engine } from './retrieval-engines';

const { values: args } = parseArgs({ options: { corpus: { type: 'string' }, questions: { type: 'string' }, engine: { type: 'string' }, dir: { type: 'string' }, out: { type: 'string' }, lancedb: { type: 'string' } } });
if (args.corpus === undefined || args.questions === undefined || args.engine === undefined || args.dir === undefined || args.out === undefined) throw new Error('usage: index-candidates-child.ts --corpus FILE --questions FILE --engine NAME --dir DIR --out FILE');
const dir = args.dir;
const config = loadConfig();
const tunables = config.tunables;
const params = bm25Params(tunables);
const K = 50;
const MB = 1024 * 1024;

interface CorpusLine { doc: SourceDocument; chunks: Chunk[] }
const lines: CorpusLine[] = readFileSync(args.corpus, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as CorpusLine);
const held = lines[Math.floor(lines.length / 2)] as CorpusLine;
const rest = lines.filter((l) => l !== held);
const questions = readJsonl(args.questions, questionSchema);
const describe = Object.fromEntries(lines.flatMap((l) => l.chunks.map((c) => [c.id, { title: l.doc.title, locator: c.locator }])));
const entriesOf = (ls: readonly CorpusLine[]): LexicalEntry[] => ls.flatMap((l) => lexicalEntries({ documents: [l.doc], chunks: l.chunks }));
const rssBefore = process.memoryUsage().rss;

interface Candidate {
  name: string;
  build(): Promise<void>;
  open(): Promise<void>;
  add(): Promise<void>;
  search(question: string): Promise<string[]>;
}

const dirBytes = (d: string): number => readdirSync(d, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).reduce((n, e) => n + statSync(join(e.parentPath, e.name)).size, 0);

function memoryBm25(): Candidate {
  let index: LexicalIndex | undefined;
  const file = join(dir, 'lexical.bin');
  return {
    name: 'BM25F in memory (today: one file, rebuilt whole on every change)',
    async build() {
      writeFileSync(file, buildBm25Index({ entries: entriesOf(rest), params }).serialize());
    },
    async open() {
      index = loadBm25Index({ buffer: readFileSync(file), params, source: file });
    },
    async add() {
      index = buildBm25Index({ entries: entriesOf(lines), params });
      writeFileSync(file, index.serialize());
    },
    search: async (q) => (index as LexicalIndex).search({ query: analyzeQuery({ query: q }), k: K }).map((h) => h.chunkId),
  };
}

function segments(): Candidate {
  let manifest: SnapshotManifest | undefined;
  let snapshot: ReturnType<typeof openSnapshot> | undefined;
  const write = async (ls: readonly CorpusLine[], base?: SnapshotManifest) => {
    const lock = acquireWriteLock({ dataDir: dir });
    const byId = new Map(ls.map((l) => [l.doc.id, l.chunks]));
    try {
      return await writeSnapshot({ dataDir: dir, lock, documents: ls.map((l) => l.doc), chunks: (d) => byId.get(d.id) ?? [], chunker: chunkerSettings(tunables), lexicalParams: params, ingest: { filesSeen: 0, problems: 0 }, knowledgeFingerprint: 'bench', ...(base === undefined ? {} : { base: { manifest: base, remove: new Set<string>() } }) });
    } finally {
      lock.release();
    }
  };
  return {
    name: 'segments (SQLite segment files, deletions, merges; this project)',
    async build() {
      manifest = await write(rest);
    },
    async open() {
      snapshot = openSnapshot({ dataDir: dir, tunables });
      snapshot.lexical.search({ query: analyzeQuery({ query: 'đăng ký' }), k: 1 });
    },
    async add() {
      manifest = await write([held], manifest);
      const next = openSnapshot({ dataDir: dir, tunables });
      snapshot?.close();
      snapshot = next;
      snapshot.lexical.search({ query: analyzeQuery({ query: held.doc.title }), k: 1 });
    },
    search: async (q) => (snapshot as ReturnType<typeof openSnapshot>).lexical.search({ query: analyzeQuery({ query: q }), k: K }).map((h) => h.chunkId),
  };
}

function fts5(): Candidate {
  const path = join(dir, 'fts5.sqlite');
  let engine = fts5Engine(params, { path });
  return {
    name: 'SQLite FTS5 on disk (our tokens pre-tokenised, bm25() with column weights)',
    async build() {
      engine.build(entriesOf(rest));
      engine.close();
    },
    async open() {
      engine = fts5Engine(params, { path, existing: true });
      engine.search(analyzeQuery({ query: 'đăng ký' }), 1);
    },
    async add() {
      engine.add(entriesOf([held]));
      engine.search(analyzeQuery({ query: held.doc.title }), 1);
    },
    search: async (q) => engine.search(analyzeQuery({ query: q }), K),
  };
}

async function lance(): Promise<Candidate> {
  if (args.lancedb === undefined) throw new Error('--lancedb PATH_TO_PACKAGE is needed for the lancedb engine');
  // Not a dependency: measured from a separate install (`npm install @lancedb/lancedb` in a temp folder), so typed here by what is used.
  interface LanceQuery { limit(n: number): LanceQuery; select(columns: string[]): LanceQuery; toArray(): Promise<Array<{ id: string }>> }
  interface LanceTable { add(rows: object[]): Promise<unknown>; optimize(): Promise<unknown>; search(q: string, kind: 'fts'): LanceQuery; createIndex(column: string, options: { config: unknown }): Promise<void> }
  interface LanceDb { createTable(name: string, rows: object[], options: { mode: 'overwrite' }): Promise<LanceTable>; openTable(name: string): Promise<LanceTable> }
  const lancedb = (await import(join(args.lancedb, 'dist/index.js'))) as { connect(uri: string): Promise<LanceDb>; Index: { fts(options: object): unknown } };
  const token = (t: string) => t.replace(/[^\p{L}\p{N}_]/gu, '_');
  // One accent-free field: body tokens, heading tokens twice (the heading boost), syllables and bigrams.
  const row = (e: LexicalEntry) => {
    const b = analyzeForIndex(e.text);
    const h = analyzeForIndex(e.heading);
    const terms = [...b.foldedSyllables, ...b.foldedBigrams, ...h.foldedSyllables, ...h.foldedBigrams, ...h.foldedSyllables, ...h.foldedBigrams];
    return { id: e.chunkId, text: terms.map(token).join(' ') };
  };
  let table: LanceTable | undefined;
  const ftsIndex = () => lancedb.Index.fts({ baseTokenizer: 'whitespace', lowercase: false, stem: false, removeStopWords: false, asciiFolding: false, withPosition: false });
  return {
    name: 'LanceDB (FTS index, one accent-free field of our tokens)',
    async build() {
      const db = await lancedb.connect(join(dir, 'lance'));
      const t = await db.createTable('chunks', entriesOf(rest).map(row), { mode: 'overwrite' });
      await t.createIndex('text', { config: ftsIndex() });
    },
    async open() {
      const db = await lancedb.connect(join(dir, 'lance'));
      table = await db.openTable('chunks');
      await table.search('dang ky', 'fts').limit(1).toArray();
    },
    async add() {
      await table?.add(entriesOf([held]).map(row));
      await table?.optimize();
      await table?.search(token(held.doc.title), 'fts').limit(1).toArray();
    },
    async search(q) {
      const a = analyzeQuery({ query: q });
      const text = [...new Set([...a.foldedSyllables, ...a.foldedBigrams].map(token))].join(' ');
      if (text === '') return [];
      const rows = (await table?.search(text, 'fts').limit(K).select(['id']).toArray()) ?? [];
      return rows.map((r) => r.id);
    },
  };
}

const make: Record<string, () => Candidate | Promise<Candidate>> = { memory: memoryBm25, segments, fts5, lancedb: lance };
const factory = make[args.engine];
if (factory === undefined) throw new Error(`unknown engine ${args.engine}; known: ${Object.keys(make).join(', ')}`);
const candidate = await factory();
const timed = async (work: () => Promise<void>) => {
  const t = performance.now();
  await work();
  return performance.now() - t;
};
const buildMs = await timed(() => candidate.build());
const buildPeakMB = (process.resourceUsage().maxRSS * 1024 - rssBefore) / MB;
const bytes = dirBytes(dir);
const openMs = await timed(() => candidate.open());
const addMs = await timed(() => candidate.add());
const evaluation = await evaluate({ search: (q) => candidate.search(q), questions, describe });
const result = { engine: candidate.name, chunks: lines.reduce((n, l) => n + l.chunks.length, 0), heldChunks: held.chunks.length, buildMs, buildPeakMB, corpusMB: rssBefore / MB, bytes, openMs, addMs, peakMB: (process.resourceUsage().maxRSS * 1024 - rssBefore) / MB, ...evaluation };
writeFileSync(args.out, JSON.stringify(result));
