import type { Bm25Params } from './bm25-index';
import { createPruningScratch, maxSaturation, prunedTop, scoreList, topOfScores, type PruningScratch, type ScoredChunk, type ScoringPart, type ScoringTerm } from './pruned-scoring';
import { applyBoosts, averageLength, binarySearch, bm25Idf, distinctTerms, lengthNorm, queryBoosts, scoredViews, type Bm25ViewName } from './bm25-scoring';
import type { LexicalHit, LexicalIndex, LexicalQuery, TermMatch } from './lexical-index';
import type { PostingBlock, SegmentReader } from './segment-reader';

/** One segment as a snapshot sees it: the reader and the chunks deleted from it since it was written. */
export interface SegmentPart {
  reader: SegmentReader;
  /** `deleted[n] === 1` when chunk n no longer belongs to the snapshot; undefined when none is. */
  deleted: Uint8Array | undefined;
}

/** Search results whose location explain remembers (the re-rank pool of a few queries). */
const LOCATED_LIMIT = 4096;

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
  /** `maxSaturation` by list, for the pruning bounds (the norms are this snapshot's). */
  private readonly saturations = new WeakMap<PostingBlock, number>();
  /** Chunk id → (part, number) of recent search results; bounded by `LOCATED_LIMIT`. */
  private readonly located = new Map<string, { part: number; n: number }>();
  private scratch: PruningScratch | undefined;
  /** Live document frequency by view and term (a snapshot's never change); bounded. */
  private readonly frequencies = new Map<string, number>();

  constructor(
    private readonly parts: readonly SegmentPart[],
    private readonly live: { chunks: number; totalLength: number },
    private readonly params: Bm25Params,
    private readonly exportAll: () => Buffer,
    /** Skip chunks that cannot enter the top k (`prunedTop`, same results); default off: see `openSegments`. */
    private readonly pruning = false,
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
    const terms = this.scoringTerms(query);
    const boosts = queryBoosts(query);
    const parts = this.scoringParts();
    const saturation = { k1: this.params.bm25K1, headingBoost: this.params.headingBoost };
    let top: ScoredChunk[];
    if (this.pruning && only === undefined && boosts === undefined && terms.every((t) => t.weight >= 0)) {
      // Without a filter or boosts the top k depends on the term sums alone: skip what cannot enter it.
      const k1p = saturation.k1 + 1;
      const bounds = terms.map((t) => {
        let most = 0;
        t.lists.forEach((list, part) => {
          if (list !== undefined) most = Math.max(most, this.saturationOf(list, part));
        });
        return t.weight * k1p * most;
      });
      this.scratch ??= createPruningScratch(this.parts.map((p) => p.reader.chunkCount));
      top = prunedTop({ terms, bounds, parts, k, saturation, scratch: this.scratch });
    } else {
      // The scratch arrays are zero between queries (prunedTop clears what it writes; this path, below).
      this.scratch ??= createPruningScratch(this.parts.map((p) => p.reader.chunkCount));
      const scores = this.scratch.partial;
      try {
        for (const { weight, lists } of terms) {
          lists.forEach((list, part) => {
            const { deleted, norms } = parts[part] as ScoringPart;
            if (list !== undefined) scoreList(list, deleted, weight, saturation, scores[part] as Float64Array, norms);
          });
        }
        if (only !== undefined) this.keepOnly(only, scores);
        if (boosts !== undefined) {
          let best = 0;
          for (const s of scores) for (const v of s) if (v > best) best = v;
          scores.forEach((partScores, part) => {
            const columns = (this.parts[part] as SegmentPart).reader.columns();
            applyBoosts({ scores: partScores, top: best, boosts, params: this.params, keyOf: (i) => columns.docKeys[columns.docKeyIds[i] ?? 0] ?? '', articleOf: (i) => columns.articles[i] ?? -1 });
          });
        }
        top = topOfScores(scores, parts, k);
      } finally {
        for (const s of scores) s.fill(0);
      }
    }
    const ids = this.parts.map((p, part) => {
      const numbers = top.filter((c) => c.part === part).map((c) => c.n);
      return new Map(p.reader.chunkIdsAt(numbers).map((id, i) => [numbers[i] as number, id ?? '']));
    });
    return top.map((c) => {
      const chunkId = ids[c.part]?.get(c.n) ?? '';
      this.remember(chunkId, c.part, c.n);
      return { chunkId, score: c.score };
    });
  }

  /** The query's terms in scoring order (views, then terms), with their weights and lists; terms no live chunk has are left out. */
  private scoringTerms(query: LexicalQuery): ScoringTerm[] {
    const out: ScoringTerm[] = [];
    for (const { view, terms, weight } of scoredViews(query, this.params)) {
      const postings = this.postings(view, terms.map((t) => t.term));
      for (const term of terms) {
        const lists = postings.map((p) => p.get(term.term)?.[0]);
        const df = this.liveCount(lists);
        if (df === 0) continue;
        out.push({ weight: weight * term.weight * bm25Idf(this.size, df), lists });
      }
    }
    return out;
  }

  private scoringParts(): ScoringPart[] {
    const norms = this.lengthNorms();
    return this.parts.map((p, i) => ({ norms: norms[i] as Float64Array, deleted: p.deleted, base: this.bases[i] ?? 0 }));
  }

  /** A list's `maxSaturation` in this snapshot (its norms and deletions), computed once per list. */
  private saturationOf(list: PostingBlock, part: number): number {
    let most = this.saturations.get(list);
    if (most === undefined) {
      most = maxSaturation(list, this.parts[part]?.deleted, { k1: this.params.bm25K1, headingBoost: this.params.headingBoost }, this.lengthNorms()[part] as Float64Array);
      this.saturations.set(list, most);
    }
    return most;
  }

  /** Where a chunk that search returned lives, so that explain (the learned ranking explains every candidate) needs no lookup. */
  private remember(chunkId: string, part: number, n: number): void {
    if (this.located.size >= LOCATED_LIMIT) this.located.clear();
    this.located.set(chunkId, { part, n });
  }

  explain({ query, chunkId }: { query: LexicalQuery; chunkId: string }): TermMatch[] {
    let at = this.located.get(chunkId);
    if (at === undefined) {
      this.parts.forEach((p, part) => {
        const n = p.reader.numberOf(chunkId);
        if (n !== undefined && p.deleted?.[n] !== 1) at = { part, n };
      });
    }
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

  private liveCount(lists: ReadonlyArray<PostingBlock[] | PostingBlock | undefined>): number {
    let df = 0;
    lists.forEach((blocks, part) => {
      const deleted = this.parts[part]?.deleted;
      for (const block of blocks === undefined ? [] : Array.isArray(blocks) ? blocks : [blocks]) {
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
