import Database from 'better-sqlite3';
import type { Bm25Params } from '../src/index/bm25-index';
import type { LexicalEntry, LexicalQuery } from '../src/index/lexical-index';
import { analyzeForIndex } from '../src/text/index';

/**
 * SQLite FTS5 fed the same tokens (`analyzeForIndex`) and weights as the shipped BM25F, to decide
 * whether it should replace the hand-written index. It does not apply the số hiệu / "Điều N" boosts
 * (the ALQAC questions name neither), so it competes on ranking alone. The search libraries with
 * their own tokenizers are in retrieval-peers.ts.
 */
export interface BenchEngine {
  name: string;
  build(entries: readonly LexicalEntry[]): void;
  /** Serialises and reloads the index; returns the serialised size in bytes. */
  reload(): number;
  search(query: LexicalQuery, k: number): string[];
  /** Adds entries to a built index (FTS5 updates in place). */
  add(entries: readonly LexicalEntry[]): void;
  /** The whole database as bytes (`sqlite3_serialize`), to cache a built index and open it again with `image`. */
  serialize(): Buffer;
  close(): void;
}

// FTS5's unicode61 splits on punctuation; our tokens may hold "_", "/", "-", "." or ",".
const ftsToken = (t: string) => t.replace(/[^\p{L}\p{N}_]/gu, '_');
const COLUMNS = ['syl', 'bi', 'fsyl', 'fbi', 'hsyl', 'hbi', 'hfsyl', 'hfbi'] as const;

/**
 * SQLite FTS5 with pre-tokenised columns (syllables / bigrams × accented / folded × body / heading),
 * bm25() with column weights; in memory, or in the file `path` (`existing`: open one built before),
 * or in memory from the bytes of one built before (`image`, from `serialize()`).
 */
export function fts5Engine(params: Bm25Params, { path = ':memory:', existing = false, image }: { path?: string; existing?: boolean; image?: Buffer } = {}): BenchEngine {
  let db = image === undefined ? new Database(path) : new Database(image);
  if (image === undefined && path !== ':memory:') db.pragma('journal_mode = WAL');
  let ids: string[] = [];
  const create = (d: Database.Database) =>
    d.exec(`CREATE VIRTUAL TABLE c USING fts5(${COLUMNS.join(', ')}, tokenize = "unicode61 remove_diacritics 0 tokenchars '_'")`);
  const { foldedWeight: fw, bigramWeight: bw, headingBoost: hb } = params;
  if (existing || image !== undefined) ids = db.prepare<[], { id: string }>('SELECT id FROM ids ORDER BY rowid').all().map((r) => r.id);
  return {
    name: 'SQLite FTS5 (bm25(), pre-tokenised)',
    build(entries) {
      create(db);
      db.exec('CREATE TABLE ids (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL)');
      this.add(entries);
    },
    add(entries) {
      const insert = db.prepare(`INSERT INTO c (rowid, ${COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      const insertId = db.prepare('INSERT INTO ids (rowid, id) VALUES (?, ?)');
      db.transaction(() => {
        for (const e of entries) {
          const b = analyzeForIndex(e.text);
          const h = analyzeForIndex(e.heading);
          const cols = [b.syllables, b.bigrams, b.foldedSyllables, b.foldedBigrams, h.syllables, h.bigrams, h.foldedSyllables, h.foldedBigrams];
          ids.push(e.chunkId);
          insert.run(ids.length, ...cols.map((c) => c.map(ftsToken).join(' ')));
          insertId.run(ids.length, e.chunkId);
        }
      })();
    },
    close() {
      db.close();
    },
    serialize() {
      return db.serialize();
    },
    reload() {
      const bytes = db.serialize();
      db.close();
      db = new Database(bytes);
      return bytes.length;
    },
    search(query, k) {
      const phrase = (terms: string[]) => [...new Set(terms.map(ftsToken))].map((t) => `"${t}"`).join(' OR ');
      const parts: string[] = [];
      const add = (cols: string, terms: string[]) => terms.length > 0 && parts.push(`{${cols}} : (${phrase(terms)})`);
      if (query.hasDiacritics) {
        add('syl hsyl', query.syllables);
        add('bi hbi', query.bigrams);
      }
      add('fsyl hfsyl', query.foldedSyllables);
      add('fbi hfbi', query.foldedBigrams);
      if (parts.length === 0) return [];
      const f = query.hasDiacritics ? fw : 1;
      const weights = [1, bw, f, f * bw, hb, hb * bw, f * hb, f * hb * bw];
      const rows = db
        .prepare<unknown[], { rowid: number }>(`SELECT rowid FROM c WHERE c MATCH ? ORDER BY bm25(c, ${weights.join(', ')}) LIMIT ?`)
        .all(parts.join(' OR '), k);
      return rows.map((r) => ids[r.rowid - 1] ?? '');
    },
  };
}
