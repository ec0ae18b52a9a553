/**
 * Every tunable of the pipeline, with its meaning, range and default. Values here are the defaults;
 * `loadConfig` lets an operator override any of them from the environment (`TROLY_<NAME>` in
 * SCREAMING_SNAKE_CASE, e.g. `TROLY_BM25_K1=1.4`). Each stage reads only its own section.
 */
export const DEFAULT_TUNABLES = Object.freeze({
  // --- ingest ---
  /** Largest source file that is read, in bytes; larger files are reported and skipped. Default 50 MiB. */
  maxFileBytes: 50 * 1024 * 1024,
  /**
   * Most bytes an archive-based file (.docx, .xlsx, .odt, .ods) may unpack to, all the entries read
   * together; checked against the sizes the archive declares before anything is inflated, and again
   * while inflating. A zip bomb (640 KB unpacking to 220 MB of XML) is reported `too-large` instead
   * of exhausting the indexer's memory. A 300-page Word document unpacks to ≈ 5–10 MB. Range
   * 1 MiB–1 GiB. Default 64 MiB.
   */
  maxArchiveBytes: 64 * 1024 * 1024,
  /** Most entries in an archive-based file's directory. A Word file has ≈ 10–100. Range 100–1000000. Default 10000. */
  maxArchiveEntries: 10_000,
  /** Most pages of a PDF that is read; a longer one is reported `too-large` (split it). Range 1–100000. Default 3000. */
  maxPdfPages: 3000,
  /**
   * Most characters of text one file may produce (all its documents together); beyond it the file is
   * reported `too-large`. 10 M characters ≈ 5,000 pages. Range 10000–1e9. Default 10,000,000.
   */
  maxDocumentChars: 10_000_000,
  /**
   * Longest time one file may take to be read, in ms; beyond it the file is reported `timed-out`
   * and the build goes on. A loader stuck in synchronous work cannot be interrupted in its own
   * process: the reindex child is then killed by its parent after this time plus a grace period,
   * and the file is skipped by later builds (see `quarantine.json`). Range 1000–3600000. Default 120000.
   */
  maxFileMs: 120_000,
  /**
   * Heap limit of the reindex child process, in MiB (node --max-old-space-size): a file that needs
   * more ends the child, not the server, and is named in the job report. Range 256–65536. Default 2048.
   */
  indexerHeapMb: 2048,
  /**
   * Worker threads that chunk and tokenise documents during an index build, while the build's own
   * thread writes SQLite rows and postings runs (the segment written is the same whatever the
   * count). Each holds at most two batches of ≈ 4 M characters (`SEGMENT_BATCH_CHARS`) and their
   * postings. 0 does everything on the build's thread (one core). Default -1: one per core but
   * the writer's, at least 1 (`os.availableParallelism() − 1`). Range -1–64.
   */
  indexThreads: -1,
  /**
   * Resolution at which scanned PDF pages are rasterised for OCR, in dots per inch. Tesseract reads
   * body text best at 300 dpi (bench/results/ocr.md); 200 loses diacritics. Range 150–600. Default 300.
   */
  ocrDpi: 300,
  /** Pages recognised at the same time (one tesseract process each, single-threaded). Range 1–16. Default 2. */
  ocrConcurrency: 2,
  /** Longest one page may take to rasterise or recognise, in milliseconds; it is then skipped and reported. Range 5,000–600,000. Default 60,000. */
  ocrPageTimeoutMs: 60_000,
  /** Most pages of one document that are OCR'd; later pages are left out and reported. Range 1–5,000. Default 300. */
  ocrMaxPages: 300,
  /**
   * Pages whose mean word confidence (tesseract, 0–100) is below this are still indexed, but marked
   * and listed in the ingestion report as worth checking by hand. Range 0–100. Default 70.
   */
  ocrConfidenceFloor: 70,
  /**
   * Most rows read from one spreadsheet file (all sheets together); the rest are left out and the
   * report says at which sheet and row reading stopped. Each row is one citable chunk, so this also
   * bounds what one file adds to the index. Range 1–100,000. Default 2,000.
   */
  maxSheetRows: 2000,

  // --- chunk ---
  /**
   * Largest body of a non-legal chunk, in characters (≈ 150–250 Vietnamese syllables): paragraphs are
   * packed up to it, a sentence is cut only when it alone is longer. Range 300–4000. Default 1200.
   */
  chunkTargetChars: 1200,
  /**
   * Whole sentences of the previous chunk (at most this many characters) repeated at the start of the
   * next non-legal chunk of the same section. Default 300: the seed articles' sentences have a median
   * of ≈ 156 characters (p75 ≈ 272), so 150 let one sentence through at only 5 of 16 chunk joins,
   * 300 at 13 of 18. Range 0–chunkTargetChars/2.
   */
  chunkOverlapChars: 300,
  /**
   * A legal article longer than this (characters) is split into one chunk per khoản, each keeping the
   * article heading; a khoản still longer, by runs of điểm. Default 2000: over the 17 ALQAC laws 93%
   * of the 2,250 articles stay whole (158 split), median chunk ≈ 480 characters. Lexical MRR@10 on
   * the 100 dev questions (bench/retrieval.ts): 0.909 here, 0.912 at 1000, 0.908 at 3000, 0.894 with
   * no article split — within noise, so the default favours passages short enough to cite and embed.
   * Range 500–8000.
   */
  articleMaxChars: 2000,

  // --- index (lexical) ---
  /** BM25 term-frequency saturation. Range 0.5–2.0. */
  bm25K1: 1.2,
  /** BM25 length normalisation. Range 0–1. */
  bm25B: 0.75,
  /** Weight of syllable-bigram matches relative to single syllables. Range 0–3. */
  bigramWeight: 1.0,
  /** Weight of the accent-free field relative to the accented one. Range 0–2. */
  foldedWeight: 0.6,
  /** Multiplier for matches in a chunk's title / heading path. Range 1–5. */
  headingBoost: 2.0,
  /** Added score (relative to the top score) for a chunk of a document whose số hiệu the query names. Range 0–2. */
  docNumberBoost: 1.0,
  /** Added score (relative to the top score) for a chunk whose locator matches an "Điều N" the query names. Range 0–2. */
  articleRefBoost: 0.5,
  /**
   * Bytes of decoded keyword postings each serving process keeps between questions (a
   * least-recently-used cache over all open segments; the files themselves stay in the operating
   * system's page cache, shared by processes). Bounds the index's share of resident memory: on the
   * 85,000-chunk Zalo library a process serving keyword search sits at ≈ 300 MB with the default.
   * Smaller saves memory, and costs time on questions whose common words fell out. Range
   * 8 MiB–4 GiB. Default 96 MiB.
   */
  postingsCacheBytes: 96 * 1024 * 1024,

  // --- index (vectors) ---
  /** HNSW graph degree. Range 8–64. */
  hnswM: 16,
  /** HNSW construction beam width. Range 50–800. */
  hnswEfConstruction: 200,
  /** HNSW search beam width (at least k). Range 10–800. */
  hnswEfSearch: 100,
  /**
   * Largest share of an HNSW graph's labels that may be marked deleted before the next build
   * rebuilds the graph from the cached embeddings instead of updating it. An update inserts only
   * the new chunks' vectors and marks the removed ones deleted (hnswlib `markDelete`): deleted
   * points still sit in the graph (memory, and searches walk through them), so a graph that has
   * lost a fifth of its points is built afresh. 0 rebuilds on every change. Range 0–1. Default 0.2.
   */
  hnswMaxDeletedShare: 0.2,
  /** Texts embedded per model call. Range 1–128. */
  embedBatchSize: 16,

  // --- retrieve ---
  /** Candidates taken from each list before fusion. Range 10–500. */
  fusionCandidates: 50,
  /** Weight of the lexical list in weighted fusion (the dense list gets 1 − this). Range 0–1. */
  lexicalWeight: 0.5,
  /** `weighted` (min-max normalised scores) or `rrf` (reciprocal rank). */
  fusionMethod: 'weighted' as 'weighted' | 'rrf',
  /** The k of reciprocal-rank fusion. Range 1–100. */
  rrfK: 60,
  /**
   * Hybrid confidence: the cosine similarity between the question and the top passage that counts
   * as no evidence at all (dense confidence 0). Hybrid confidence = max(lexical coverage, dense
   * confidence), see `hybridConfidence` in src/retrieve/confidence.ts. Default 0.80: a prior for
   * multilingual-e5, whose model card says its cosine scores lie around 0.7–1.0 (unrelated text
   * scores ≈ 0.7–0.8), NOT measured on this project's data (no weights on the build machines);
   * `npm run bench:retrieval` with a model installed prints the dev and off-topic similarities to
   * set it from. Another model family (bge-m3…) needs its own values. Range 0–1, below the ceiling.
   */
  denseConfidenceFloor: 0.8,
  /**
   * Hybrid confidence: the cosine similarity mapped to dense confidence 1; linear in between, so the
   * refusal threshold 0.35 falls at floor + 0.35 × (ceiling − floor) = 0.835 by default. Default
   * 0.90, a prior like the floor (see there). Range 0–1, above the floor.
   */
  denseConfidenceCeiling: 0.9,

  // --- answer ---
  /**
   * The answerability threshold, 0–1: the answer stage answers when the calibrated probability that
   * its answer states what was asked (src/answer/answerability.ts, a logistic model fitted on the
   * tune half of bench/answers/realistic.jsonl) reaches it, and refuses below — in LLM mode too.
   * That probability is the answer's `confidence`. Default 0.50: the threshold that maximises GOOD
   * answers minus wrong ones over the 5-fold out-of-fold probabilities of the tune half
   * (bench/results/answers-fit.md); the report half's figures are in bench/results/answers.md.
   * Refit with bench/answers-fit.ts when retrieval changes (an embedding model). Range 0.2–0.8; 0
   * answers every question as such (the labelling run `npm run bench:answers -- --answer-all`).
   */
  refusalThreshold: 0.5,
  /** Most sources cited in one answer. Range 1–5. */
  maxCitations: 3,
  /** Most sentences in an extractive answer. Range 1–8. */
  maxAnswerSentences: 4,

  // --- bot / server ---
  /** Earlier exchanges of a conversation passed to the assistant for follow-up questions. Range 0–20. */
  historyTurns: 6,
  /** Longest question the bot accepts, in characters; longer ones are refused politely (bot) or with 400 (Direct Line). Range 200–10000. */
  maxQuestionChars: 2000,
  /** Largest HTTP request body accepted, in bytes (413 beyond). Range 16 KiB–4 MiB. Default 256 KiB. */
  maxRequestBytes: 256 * 1024,
  /**
   * Deepest nesting of objects and arrays accepted in a JSON request body (400 beyond), checked
   * before parsing. Activities from Teams or Web Chat nest fewer than 12 levels (Adaptive Cards
   * included); a body nested thousands deep would exhaust the stack when serialised again. Range 8–64.
   */
  maxJsonDepth: 32,
  /** Lifetime of a Direct Line token, in seconds; clients refresh it before it ends. Range 60–86400. */
  directLineTokenTtlSeconds: 1800,
  /**
   * How long a Direct Line post waits for the bot's turn, in ms: within it a failed turn is answered
   * 502 (as Direct Line specifies); past it the post is answered 200 and the reply comes by poll or
   * stream. Below botframework-directlinejs' own 20 s request timeout. Range 1000–19000. Default 15000.
   */
  directLinePostWaitMs: 15_000,
  /**
   * A Direct Line conversation with no new activity for this many hours is deleted with its
   * activities (conversation state for follow-ups stays in the bot's storage). An open page polls or
   * streams without adding activities, so keep it well above a working day. Range 1–720. Default 48.
   */
  directLineIdleHours: 48,
  /**
   * Requests one client address may make per minute, on every route and WebSocket upgrade but
   * /healthz, /readyz, /metrics; beyond it 429 with Retry-After. Reading one's own conversation
   * (Web Chat polling) and, with a MicrosoftAppId, /api/messages (the Bot Framework channel service
   * sends every Teams user's messages from a few addresses) are counted only when they fail, so a
   * whole office polling behind one NAT address is never refused while unauthenticated floods are.
   * Behind a reverse proxy set TROLY_TRUST_PROXY so the client's address is used, not the proxy's.
   * 0 turns it off. Default 600.
   */
  rateLimitIpPerMinute: 600,
  /**
   * Web chat conversations one client address may open per minute (`/api/webchat/token`, public:
   * each call creates a conversation). 429 with Retry-After beyond it. 0 turns it off. Default 60.
   */
  rateLimitSessionsPerMinute: 60,
  /**
   * Messages one conversation may post per minute (Direct Line activities and /api/messages); a
   * person types far fewer, a script more. 429 with Retry-After beyond it. 0 turns it off. Default 30.
   */
  rateLimitConversationPerMinute: 30,
  /** How long a graceful stop waits for bot turns in flight before closing anyway, in ms. Range 0–60000. Default 10000. */
  shutdownGraceMs: 10_000,
  /**
   * Worker threads that answer questions (and read documents for the viewer), each with its own
   * copy of the open snapshot: the bot, Direct Line and HTTP stay on the main thread, and so does
   * the embedding model (one copy, which the workers borrow for query vectors). More workers
   * than cores do not answer faster. 0 answers on the server's own thread (one core; tests that
   * need it). Default -1: one per core (`os.availableParallelism()`). Range -1–64.
   */
  answerWorkers: -1,
  /**
   * Questions that may wait for a free answer worker; one more is refused at once with an
   * OVERLOADED error (the bot says the system is busy) instead of waiting without bound. At ≈ 70
   * answers/s, 200 waiting is ≈ 3 s. Range 1–100000. Default 200.
   */
  answerQueueLimit: 200,

  // --- state database (PostgreSQL, TROLY_DATABASE_URL) ---
  /**
   * Connections each replica keeps in its PostgreSQL pool (plus one for LISTEN and, on the indexing
   * replica, one for the indexer lock). Each Direct Line post, poll and bot turn holds one for a few
   * milliseconds. Replicas × (pool + 2) must stay below the server's max_connections. Range 2–100. Default 10.
   */
  databasePoolSize: 10,
  /**
   * How long a PostgreSQL connection attempt or query may take before it fails, in ms: a replica
   * whose database is gone stops saying ready (`/readyz`) within this time. Range 500–60000. Default 5000.
   */
  databaseTimeoutMs: 5000,

  // --- admin ---
  /**
   * Quiet time after the last change in the knowledge folder before `serve --watch` reindexes, in
   * ms: copying a batch of files causes one reindex, not one per file. Range 200–60000. Default 2000.
   */
  watchDebounceMs: 2000,
  /**
   * How often a running server checks `data/CURRENT`, in ms, so that `troly index` or
   * `troly index --rollback` run beside it are served without a restart. 0 turns it off. Default 2000.
   */
  snapshotPollMs: 2000,
});

// Object.freeze keeps literal types (bm25K1: 1.2); a tunable is any number, so widen them.
type Widen<T> = T extends number ? number : T;

export type Tunables = { -readonly [K in keyof typeof DEFAULT_TUNABLES]: Widen<(typeof DEFAULT_TUNABLES)[K]> };
