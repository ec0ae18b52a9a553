import type { Tunables } from '../config/tunables';
import { decodeBm25, encodeBm25 } from './bm25-codec';
import { buildBm25Data, type Bm25Data, type Bm25View } from './bm25-data';
import { applyBoosts, averageLength, bm25Idf, distinctTerms, lengthNorm, maxScore, queryBoosts, scoredViews, type Bm25ViewName, type WeightedTerm } from './bm25-scoring';
import type { LexicalEntry, LexicalHit, LexicalIndex, LexicalQuery, TermMatch } from './lexical-index';

/** The tunables the BM25F index reads (all query-time: changing them needs no reindex). */
export type Bm25Params = Pick<
  Tunables,
  'bm25K1' | 'bm25B' | 'bigramWeight' | 'foldedWeight' | 'headingBoost' | 'docNumberBoost' | 'articleRefBoost'
>;

const BM25_PARAM_KEYS = ['bm25K1', 'bm25B', 'bigramWeight', 'foldedWeight', 'headingBoost', 'docNumberBoost', 'articleRefBoost'] as const;

/** Just the BM25 tunables out of the full set (for the manifest, which records them). */
export function bm25Params(tunables: Readonly<Bm25Params>): Bm25Params {
  return Object.fromEntries(BM25_PARAM_KEYS.map((key) => [key, tunables[key]])) as Bm25Params;
}

/**
 * BM25F over two views of every chunk (accented and accent-free), body and heading fields.
 *
 * score(chunk) = Σ_view viewWeight · Σ_term termWeight · idf · tf′(k1 + 1) / (tf′ + k1(1 − b + b·len/avgLen))
 * with tf′ = tfBody + headingBoost · tfHeading, termWeight 1 for syllables and `bigramWeight` for
 * bigrams. A query typed with diacritics is scored on the accented view (weight 1) plus the
 * accent-free one (`foldedWeight`), so exact accents win ties; a query without any diacritic is
 * scored on the accent-free view alone, because its syllables say nothing about the accents the
 * user meant ("ma" may be "mà", "má" or "ma túy"). Chunks that match at least one term then gain
 * `docNumberBoost × top score` when the query names their document's số hiệu and
 * `articleRefBoost × top score` when it names their article ("Điều 12").
 */
export class Bm25Index implements LexicalIndex {
  private readonly termIds: { accented: Map<string, number>; folded: Map<string, number> };
  private readonly norms: Float64Array;
  private chunkNumbers: Map<string, number> | undefined;

  constructor(
    private readonly data: Bm25Data,
    private readonly params: Bm25Params,
  ) {
    this.termIds = { accented: termMap(data.accented), folded: termMap(data.folded) };
    const n = data.chunkIds.length;
    let total = 0;
    for (const len of data.lengths) total += len;
    const avg = averageLength(total, n);
    this.norms = new Float64Array(n);
    for (let i = 0; i < n; i++) this.norms[i] = lengthNorm(params, data.lengths[i] ?? 0, avg);
  }

  get size(): number {
    return this.data.chunkIds.length;
  }

  search({ query, k }: { query: LexicalQuery; k: number }): LexicalHit[] {
    const scores = new Float64Array(this.size);
    for (const { view, terms, weight } of scoredViews(query, this.params)) this.scoreView(view, terms, weight, scores);
    const boosts = queryBoosts(query);
    if (boosts !== undefined) {
      const { docNumberKeys, articles } = this.data;
      applyBoosts({ scores, top: maxScore(scores), boosts, params: this.params, keyOf: (i) => docNumberKeys[i] ?? '', articleOf: (i) => articles[i] ?? -1 });
    }
    const matched: number[] = [];
    for (let i = 0; i < scores.length; i++) if ((scores[i] ?? 0) > 0) matched.push(i);
    matched.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
    return matched.slice(0, Math.max(0, k)).map((i) => ({ chunkId: this.data.chunkIds[i] ?? '', score: scores[i] ?? 0 }));
  }

  /** Coverage is read in the accent-free view, so a question gets the same answer with or without accents. */
  explain({ query, chunkId }: { query: LexicalQuery; chunkId: string }): TermMatch[] {
    this.chunkNumbers ??= new Map(this.data.chunkIds.map((id, i) => [id, i]));
    const chunk = this.chunkNumbers.get(chunkId) ?? -1;
    const view = this.data.folded;
    return distinctTerms(query.foldedSyllables, query.foldedBigrams, 1).map(({ term, kind }) => {
      const t = this.termIds.folded.get(term);
      if (t === undefined) return { term, kind, idf: this.idf(0), matched: false };
      const start = view.starts[t] ?? 0;
      const end = view.starts[t + 1] ?? 0;
      return { term, kind, idf: this.idf(end - start), matched: chunk >= 0 && binarySearch(view.chunks, start, end, chunk) };
    });
  }

  serialize(): Buffer {
    return encodeBm25(this.data);
  }

  private idf(df: number): number {
    return bm25Idf(this.size, df);
  }

  private scoreView(name: Bm25ViewName, terms: WeightedTerm[], viewWeight: number, scores: Float64Array): void {
    const view: Bm25View = this.data[name];
    const ids = this.termIds[name];
    const { bm25K1: k1, headingBoost } = this.params;
    for (const { term, weight } of terms) {
      const t = ids.get(term);
      if (t === undefined) continue;
      const start = view.starts[t] ?? 0;
      const end = view.starts[t + 1] ?? 0;
      const w = viewWeight * weight * this.idf(end - start);
      for (let p = start; p < end; p++) {
        const c = view.chunks[p] ?? 0;
        const tf = (view.tfBody[p] ?? 0) + headingBoost * (view.tfHeading[p] ?? 0);
        scores[c] = (scores[c] ?? 0) + (w * tf * (k1 + 1)) / (tf + (this.norms[c] ?? 0));
      }
    }
  }

}

function termMap(view: Bm25View): Map<string, number> {
  const map = new Map<string, number>();
  view.terms.forEach((term, i) => map.set(term, i));
  return map;
}

function binarySearch(values: Uint32Array, start: number, end: number, target: number): boolean {
  let lo = start;
  let hi = end - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = values[mid] ?? 0;
    if (v === target) return true;
    if (v < target) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Builds a BM25F index over the entries (tokenised through `src/text`). */
export function buildBm25Index({ entries, params }: { entries: readonly LexicalEntry[]; params: Bm25Params }): Bm25Index {
  return new Bm25Index(buildBm25Data({ entries }), params);
}

/** Loads a serialised BM25F index; `source` names the file in error messages. */
export function loadBm25Index({ buffer, params, source }: { buffer: Buffer; params: Bm25Params; source: string }): Bm25Index {
  return new Bm25Index(decodeBm25({ buffer, source }), params);
}
