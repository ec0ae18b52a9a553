/**
 * The lexical side of the index, behind an interface so that another engine (MiniSearch, SQLite
 * FTS5, an external search server) can replace the default BM25F implementation without touching
 * retrieval. Queries arrive already analysed (`src/retrieve/query-analysis.ts` produces a superset
 * of `LexicalQuery`) so that indexing and querying share one tokenizer: `src/text`.
 */

/** What the lexical index needs to know of one chunk. */
export interface LexicalEntry {
  chunkId: string;
  /** The indexed text of the chunk. */
  text: string;
  /** Document title and heading path, one per line: matches here weigh `headingBoost` times more. */
  heading: string;
  /** Số hiệu of the chunk's document, as written (compared through `src/text`). */
  docNumber?: string;
  /** The article ("Điều N") the chunk belongs to, when it is a legal unit. */
  article?: number;
}

/** A query as the lexical index sees it: the output of `analyzeForIndex` plus what the query names. */
export interface LexicalQuery {
  syllables: string[];
  bigrams: string[];
  foldedSyllables: string[];
  foldedBigrams: string[];
  /** False when the user typed without diacritics: then only the accent-free field is scored. */
  hasDiacritics: boolean;
  /** Số hiệu named in the query, as found by `findDocNumbers`. */
  docNumbers: string[];
  /** Article numbers of "Điều N" references in the query. */
  articles: number[];
  /**
   * Weight of particular terms (default 1 for every term): query understanding searches
   * expansions ("ubnd" for "ủy ban nhân dân", "có thai" for "mang bầu") below what was typed.
   */
  termWeights?: Readonly<Record<string, number>>;
}

export interface LexicalHit {
  chunkId: string;
  score: number;
}

/** One distinct query term, with its weight in the index and whether a given chunk contains it. */
export interface TermMatch {
  term: string;
  kind: 'syllable' | 'bigram';
  /** Inverse document frequency of the term (terms the corpus never uses get the highest idf). */
  idf: number;
  matched: boolean;
}

export interface LexicalIndex {
  /** Number of chunks indexed. */
  readonly size: number;
  /**
   * The `k` best chunks for the query, best first; chunks that match no term are never returned.
   * With `only`, chunks outside that set are never returned either (a document named in the
   * question restricts the search to its chunks).
   */
  search(options: { query: LexicalQuery; k: number; only?: ReadonlySet<string> }): LexicalHit[];
  /**
   * Number of chunks holding the term (a syllable or a "_"-joined bigram, lower-cased) in the
   * accented or the accent-free view; 0 for a term the corpus never uses. Query understanding
   * reads it to repair spelling against the corpus vocabulary.
   */
  documentFrequency(options: { term: string; view: 'accented' | 'folded' }): number;
  /** Which of the query's terms (in the field the query is scored on) occur in the chunk. */
  explain(options: { query: LexicalQuery; chunkId: string }): TermMatch[];
  /** A self-describing, versioned serialisation that the matching loader reads back. */
  serialize(): Buffer;
}
