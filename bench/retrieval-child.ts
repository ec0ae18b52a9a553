/**
 * One engine of the retrieval benchmark, in its own process so that its memory is its own:
 * `node --expose-gc --import tsx bench/retrieval-child.ts --corpus FILE --engine NAME --out FILE
 * [--questions FILE] [--index FILE]`.
 * Reads the corpus (before the baseline), builds the index (timed), answers the questions (those
 * of --questions when given, else the corpus's) as written and without diacritics (timed), and
 * writes rows + memory as JSON to --out. With --index, an engine that can (SQLite FTS5) loads its
 * index from that file when it exists and saves it there after building otherwise: the caller
 * names the file by the corpus fingerprint, so a cached index is always of the same chunks.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config';
import { bm25Params, buildBm25Index } from '../src/index/bm25-index';
import { openSnapshot } from '../src/index/open-snapshot';
import { createLexicalRetriever } from '../src/retrieve/lexical-retriever';
import { analyzeQuery } from '../src/retrieve/query-analysis';
import { z } from 'zod';
import { questionSchema, readCorpus } from './retrieval-corpus';
import { runDense } from './retrieval-dense';
import { fts5Engine } from './retrieval-engines';
import { evaluate } from './retrieval-evaluate';
import { measureMemory, type ChildResult, type EngineRow } from './retrieval-memory';
import { flexSearchPeer, miniSearchPeer, oramaPeer, type PeerEngine } from './retrieval-peers';

const { values: args } = parseArgs({ options: { corpus: { type: 'string' }, engine: { type: 'string' }, out: { type: 'string' }, 'embedding-cache': { type: 'string' }, questions: { type: 'string' }, index: { type: 'string' } } });
if (args.corpus === undefined || args.engine === undefined || args.out === undefined) throw new Error('usage: retrieval-child.ts --corpus FILE --engine NAME --out FILE');

/** Chunks each engine returns per question: enough for ten distinct articles after merging khoản chunks. */
const POOL = 50;
const corpus = readCorpus(args.corpus);
const config = loadConfig();
const params = bm25Params(config.tunables);
const { describe, entries } = corpus;
const questions = args.questions === undefined ? corpus.questions : z.array(questionSchema).parse(JSON.parse(readFileSync(args.questions, 'utf8')));
/** Build time of a cached index, from the run that built it (beside the index: FILE.build.json). */
const buildRecord = z.object({ buildMs: z.number(), chunks: z.number() });
let cachedBuild: z.infer<typeof buildRecord> | undefined;

const PEERS: Record<string, () => PeerEngine> = {
  'minisearch-default': () => miniSearchPeer({ ourTokenizer: false }),
  'minisearch-vi': () => miniSearchPeer({ ourTokenizer: true }),
  'flexsearch-default': () => flexSearchPeer({ ourTokenizer: false }),
  'flexsearch-vi': () => flexSearchPeer({ ourTokenizer: true }),
  'orama-default': () => oramaPeer({ ourTokenizer: false }),
  'orama-vi': () => oramaPeer({ ourTokenizer: true }),
  fts5: () => {
    let fts = fts5Engine(params);
    const file = args.index;
    return {
      name: 'SQLite FTS5 (bm25(), our tokens pre-tokenised)',
      build(e) {
        if (file !== undefined && existsSync(file) && existsSync(`${file}.build.json`)) {
          cachedBuild = buildRecord.parse(JSON.parse(readFileSync(`${file}.build.json`, 'utf8')));
          fts.close();
          fts = fts5Engine(params, { image: readFileSync(file) });
          return;
        }
        const t0 = performance.now();
        fts.build(e);
        if (file === undefined) return;
        writeFileSync(`${file}.${process.pid}.tmp`, fts.serialize());
        renameSync(`${file}.${process.pid}.tmp`, file);
        writeFileSync(`${file}.build.json`, JSON.stringify({ buildMs: performance.now() - t0, chunks: e.length }));
      },
      search: (q, k) => fts.search(analyzeQuery({ query: q }), k),
    };
  },
};

async function run(engine: string): Promise<ChildResult> {
  if (engine === 'troly-bm25f') {
    // The store is read by the retriever (chunks, titles), as in production; opened before the baseline.
    const snapshot = openSnapshot({ dataDir: corpus.dataDir, tunables: config.tunables });
    return measureMemory(async (mark) => {
      const t0 = performance.now();
      const lexical = buildBm25Index({ entries, params });
      const buildMs = performance.now() - t0;
      mark();
      const retriever = createLexicalRetriever({ store: snapshot.store, lexical });
      const evaluation = await evaluate({ search: async (q) => (await retriever.retrieve({ query: q, k: POOL })).passages.map((p) => p.chunk.id), questions, describe });
      const row: EngineRow = { engine: 'troly BM25F, lexical only (shipped)', group: 'project', buildMs, ...evaluation };
      return { rows: [row] };
    });
  }
  if (engine === 'dense') return runDense({ corpus, config, pool: POOL, ...(args['embedding-cache'] === undefined ? {} : { cachePath: args['embedding-cache'] }) });
  const make = PEERS[engine];
  if (make === undefined) throw new Error(`unknown engine ${engine}; known: troly-bm25f, dense, ${Object.keys(PEERS).join(', ')}`);
  const peer = make();
  return measureMemory(async (mark) => {
    const t0 = performance.now();
    await peer.build(entries);
    const buildMs = performance.now() - t0;
    mark();
    const evaluation = await evaluate({ search: (q) => peer.search(q, POOL), questions, describe });
    const row: EngineRow = { engine: peer.name, group: 'peer', buildMs: cachedBuild?.buildMs ?? buildMs, ...evaluation };
    if (cachedBuild !== undefined) row.note = `index loaded from the cache in ${Math.round(buildMs)} ms; build ms is the run that built it`;
    return { rows: [row] };
  });
}

writeFileSync(args.out, JSON.stringify(await run(args.engine)));
