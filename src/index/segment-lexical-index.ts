import type { Bm25Params } from './bm25-index';
import { createTopK } from './top-k';
import { applyBoosts, averageLength, binarySearch, bm25Idf, distinctTerms, lengthNorm, queryBoosts, scoredViews, type Bm25ViewName } from './bm25-scoring';
import type { LexicalHit, LexicalIndex, LexicalQuery, TermMatch } from './lexical-index';
import type { PostingBlock, SegmentReader } from './segment-reader';

/** One segment as a snapshot sees it: the reader and the chunks deleted from it since it was written. */
export interface SegmentPart {
  reader: SegmentReader;
  /** `deleted[n] === 1` when chunk n no longer belongs to the snapshot; undefined when none is. */
  deleted: Uint8Array | undefined;
}

interface Candidate {
  part: number;
  n: number;
  position: number;
  score: number;
}

/** Best first; ties in snapshot order, as a fresh build numbers its chunks. */
const better = (a: Candidate, b: Candidate): boolean => a.score > b.score || (a.score === b.score && a.position < b.position);

/** The `k` best candidates, best first (a question matches most chunks). */
function topK(parts: readonly Float64Array[], bases: readonly number[], k: number): Candidate[] {
  const top = createTopK(k, better);
  parts.forEach((scores, part) => {
    const base = bases[part] ?? 0;
    for (let n = 0; n < scores.length; n++) {
      const score = scores[n] ?? 0;
      if (score > 0) top.offer({ part, n, position: base + n, score });
    }
  });
  return top.best();
}

/**
 * Adds one list's BM25F contributions to `scores`, with the arithmetic of `Bm25Index` (same
 * operations in the same order, so the sums are equal to the last bit); the loop is split by
 * whether the list has heading tf and the segment deletions, so the hot loop has no branches.
 */
function scoreList(block: PostingBlock, deleted: Uint8Array | undefined, w: number, k1: number, headingBoost: number, scores: Float64Array, norms: Float64Array): void {
  const { chunks, tfBody, tfHeading } = block;
  const n = chunks.length;
  const k1p = k1 + 1;
  if (tfHeading === undefined) {
    const none = headingBoost * 0;
    for (let p = 0; p < n; p++) {
      const c = chunks[p] as number;
      if (deleted !== undefined && deleted[c] === 1) continue;
      const tf = (tfBody[p] as number) + none;
      scores[c] = (scores[c] as number) + (w * tf * k1p) / (tf + (norms[c] as number));
    }
    return;
  }
  for (let p = 0; p < n; p++) {
    const c = chunks[p] as number;
    if (deleted !== undefined && deleted[c] === 1) continue;
    const tf = (tfBody[p] as number) + headingBoost * (tfHeading[p] as number);
    scores[c] = (scores[c] as number) + (w * tf * k1p) / (tf + (norms[c] as number));
  }
}

/**
 * The BM25F index of a snapshot made of segments: the same scores as `Bm25Index` over the
 * snapshot's live chunks in snapshot order (segments in manifest order, chunks in segment order),
 * to the last bit. Statistics (chunk count, average length, document frequencies) count live
 * chunks only, so a deleted chunk changes nothing but its absence. Postings are read from the
 * segment files as each query needs them; only per-chunk columns stay in memory.
 */
export class SegmentLexicalIndex implements LexicalIndex {
  private readonly bases: number[];
  private norms: Float64Array[] | undefined;
  /** Live document frequencies by list (segments are immutable, so a snapshot's counts never change). */
  private readonly liveCounts = new WeakMap<PostingBlock, number>();
  /**
   * The folded terms of a query with their lists and idf, kept for as long as the query object
   * lives: the learned ranking explains 50 candidates against one query, and every explain would
   * otherwise look up the same lists again.
   */
  private readonly explained = new WeakMap<LexicalQuery, { terms: ReturnType<typeof distinctTerms>; lists: Array<Array<PostingBlock[] | undefined>>; idf: number[] }>();
  /** Live document frequency by view and term (a snapshot's never change); bounded. */
  private readonly frequencies = new Map<string, number>();

  constructor(
    private readonly parts: readonly SegmentPart[],
    private readonly live: { chunks: number; totalLength: number },
    private readonly params: Bm25Params,
    private readonly exportAll: () => Buffer,
  ) {
    let at = 0;
    this.bases = parts.map((p) => {
      const base = at;
      at += p.reader.chunkCount;
      return base;
    });
  }

  get size(): number {
    return this.live.chunks;
  }

  search({ query, k, only }: { query: LexicalQuery; k: number; only?: ReadonlySet<string> }): LexicalHit[] {
    const scores = this.parts.map((p) => new Float64Array(p.reader.chunkCount));
    const norms = this.lengthNorms();
    const { bm25K1: k1, headingBoost } = this.params;
    for (const { view, terms, weight } of scoredViews(query, this.params)) {
      const postings = this.postings(view, terms.map((t) => t.term));
      for (const term of terms) {
        const lists = postings.map((p) => p.get(term.term));
        const df = this.liveCount(lists);
        if (df === 0) continue;
        const w = weight * term.weight * bm25Idf(this.size, df);
        lists.forEach((blocks, part) => {
          const deleted = this.parts[part]?.deleted;
          const partScores = scores[part] as Float64Array;
          const partNorms = norms[part] as Float64Array;
          for (const block of blocks ?? []) scoreList(block, deleted, w, k1, headingBoost, partScores, partNorms);
        });
      }
    }
    if (only !== undefined) this.keepOnly(only, scores);
    const boosts = queryBoosts(query);
    if (boosts !== undefined) {
      let top = 0;
      for (const s of scores) for (const v of s) if (v > top) top = v;
      scores.forEach((partScores, part) => {
        const columns = (this.parts[part] as SegmentPart).reader.columns();
        applyBoosts({ scores: partScores, top, boosts, params: this.params, keyOf: (i) => columns.docKeys[columns.docKeyIds[i] ?? 0] ?? '', articleOf: (i) => columns.articles[i] ?? -1 });
      });
    }
    return topK(scores, this.bases, k).map((c) => ({ chunkId: (this.parts[c.part] as SegmentPart).reader.chunkIdAt(c.n) ?? '', score: c.score }));
  }

  explain({ query, chunkId }: { query: LexicalQuery; chunkId: string }): TermMatch[] {
    let at: { part: number; n: number } | undefined;
    this.parts.forEach((p, part) => {
      const n = p.reader.numberOf(chunkId);
      if (n !== undefined && p.deleted?.[n] !== 1) at = { part, n };
    });
    let known = this.explained.get(query);
    if (known === undefined) {
      const terms = distinctTerms(query.foldedSyllables, query.foldedBigrams, 1);
      const postings = this.postings('folded', terms.map((t) => t.term));
      const lists = terms.map(({ term }) => postings.map((p) => p.get(term)));
      known = { terms, lists, idf: lists.map((l) => bm25Idf(this.size, this.liveCount(l))) };
      this.explained.set(query, known);
    }
    const { terms, lists, idf } = known;
    const n = at?.n ?? -1;
    return terms.map(({ term, kind }, i) => {
      const blocks = at === undefined ? undefined : lists[i]?.[at.part];
      const matched = n >= 0 && (blocks ?? []).some((b) => binarySearch(b.chunks, 0, b.chunks.length, n));
      return { term, kind, idf: idf[i] ?? 0, matched };
    });
  }

  documentFrequency({ term, view }: { term: string; view: Bm25ViewName }): number {
    const key = `${view}\u0000${term}`;
    let df = this.frequencies.get(key);
    if (df === undefined) {
      df = this.liveCount(this.postings(view, [term]).map((p) => p.get(term)));
      if (this.frequencies.size >= 100_000) this.frequencies.clear();
      this.frequencies.set(key, df);
    }
    return df;
  }

  /** Zeroes the scores of every chunk outside `only` (before boosts, as `Bm25Index` does). */
  private keepOnly(only: ReadonlySet<string>, scores: Float64Array[]): void {
    const keep = scores.map((s) => new Uint8Array(s.length));
    for (const id of only) {
      this.parts.forEach((p, part) => {
        const n = p.reader.numberOf(id);
        if (n !== undefined) (keep[part] as Uint8Array)[n] = 1;
      });
    }
    scores.forEach((s, part) => {
      const k = keep[part] as Uint8Array;
      for (let i = 0; i < s.length; i++) if (k[i] === 0) s[i] = 0;
    });
  }

  /** The live chunks as one `Bm25Index` file (re-analysed from the segments' chunks): for tools and benchmarks. */
  serialize(): Buffer {
    return this.exportAll();
  }

  private postings(view: Bm25ViewName, terms: readonly string[]): Array<Map<string, PostingBlock[]>> {
    return this.parts.map((p) => p.reader.postings(view, terms));
  }

  private liveCount(lists: ReadonlyArray<PostingBlock[] | undefined>): number {
    let df = 0;
    lists.forEach((blocks, part) => {
      const deleted = this.parts[part]?.deleted;
      for (const block of blocks ?? []) {
        if (deleted === undefined) df += block.chunks.length;
        else {
          let live = this.liveCounts.get(block);
          if (live === undefined) {
            live = 0;
            for (const c of block.chunks) if (deleted[c] !== 1) live += 1;
            this.liveCounts.set(block, live);
          }
          df += live;
        }
      }
    });
    return df;
  }

  private lengthNorms(): Float64Array[] {
    if (this.norms !== undefined) return this.norms;
    const avg = averageLength(this.live.totalLength, this.live.chunks);
    this.norms = this.parts.map((p) => {
      const { lengths } = p.reader.columns();
      const out = new Float64Array(lengths.length);
      for (let i = 0; i < lengths.length; i++) out[i] = lengthNorm(this.params, lengths[i] ?? 0, avg);
      return out;
    });
    return this.norms;
  }
}
