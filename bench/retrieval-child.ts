/**
 * One engine of the retrieval benchmark, in its own process so that its memory is its own:
 * `node --expose-gc --import tsx bench/retrieval-child.ts --corpus FILE --engine NAME --out FILE`.
 * Reads the corpus (before the baseline), builds the index (timed), answers the questions as
 * written and without diacritics (timed), and writes rows + memory as JSON to --out.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config';
import { bm25Params, buildBm25Index } from '../src/index/bm25-index';
import { openSnapshot } from '../src/index/open-snapshot';
import { createLexicalRetriever } from '../src/retrieve/lexical-retriever';
import { analyzeQuery } from '../src/retrieve/query-analysis';
import { readCorpus } from './retrieval-corpus';
import { runDense } from './retrieval-dense';
import { fts5Engine } from './retrieval-engines';
import { evaluate } from './retrieval-evaluate';
import { measureMemory, type ChildResult, type EngineRow } from './retrieval-memory';
import { flexSearchPeer, miniSearchPeer, oramaPeer, type PeerEngine } from './retrieval-peers';

const { values: args } = parseArgs({ options: { corpus: { type: 'string' }, engine: { type: 'string' }, out: { type: 'string' }, 'embedding-cache': { type: 'string' } } });
if (args.corpus === undefined || args.engine === undefined || args.out === undefined) throw new Error('usage: retrieval-child.ts --corpus FILE --engine NAME --out FILE');

/** Chunks each engine returns per question: enough for ten distinct articles after merging khoản chunks. */
const POOL = 50;
const corpus = readCorpus(args.corpus);
const config = loadConfig();
const params = bm25Params(config.tunables);
const { questions, describe, entries } = corpus;

const PEERS: Record<string, () => PeerEngine> = {
  'minisearch-default': () => miniSearchPeer({ ourTokenizer: false }),
  'minisearch-vi': () => miniSearchPeer({ ourTokenizer: true }),
  'flexsearch-default': () => flexSearchPeer({ ourTokenizer: false }),
  'flexsearch-vi': () => flexSearchPeer({ ourTokenizer: true }),
  'orama-default': () => oramaPeer({ ourTokenizer: false }),
  'orama-vi': () => oramaPeer({ ourTokenizer: true }),
  fts5: () => {
    const fts = fts5Engine(params);
    return { name: 'SQLite FTS5 (bm25(), our tokens pre-tokenised)', build: (e) => fts.build(e), search: (q, k) => fts.search(analyzeQuery({ query: q }), k) };
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
    return { rows: [{ engine: peer.name, group: 'peer', buildMs, ...evaluation }] };
  });
}

writeFileSync(args.out, JSON.stringify(await run(args.engine)));
