import type { Tunables } from '../config/tunables';
import { decodeBm25, encodeBm25 } from './bm25-codec';
import { docNumberKey } from '../text/index';
import { createTopK } from './top-k';
import { buildBm25Data, type Bm25Data, type Bm25View } from './bm25-data';
import type { LexicalEntry, LexicalHit, LexicalIndex, LexicalQuery, TermMatch } from './lexical-index';
import { binarySearch } from './bm25-scoring';

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

interface WeightedTerm {
  term: string;
  kind: 'syllable' | 'bigram';
  weight: number;
}

function distinctTerms(syllables: readonly string[], bigrams: readonly string[], bigramWeight: number, termWeights?: Readonly<Record<string, number>>): WeightedTerm[] {
  const scale = (term: string) => termWeights?.[term] ?? 1;
  const out: WeightedTerm[] = [...new Set(syllables)].map((term) => ({ term, kind: 'syllable', weight: scale(term) }));
  if (bigramWeight > 0) for (const term of new Set(bigrams)) out.push({ term, kind: 'bigram', weight: bigramWeight * scale(term) });
  return out;
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
    const avg = n === 0 ? 1 : Math.max(total / n, 1);
    this.norms = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      this.norms[i] = params.bm25K1 * (1 - params.bm25B + (params.bm25B * (data.lengths[i] ?? 0)) / avg);
    }
  }

  get size(): number {
    return this.data.chunkIds.length;
  }

  search({ query, k, only }: { query: LexicalQuery; k: number; only?: ReadonlySet<string> }): LexicalHit[] {
    const scores = new Float64Array(this.size);
    const { params } = this;
    if (query.hasDiacritics) {
      this.scoreView('accented', distinctTerms(query.syllables, query.bigrams, params.bigramWeight, query.termWeights), 1, scores);
      if (params.foldedWeight > 0) {
        this.scoreView('folded', distinctTerms(query.foldedSyllables, query.foldedBigrams, params.bigramWeight, query.termWeights), params.foldedWeight, scores);
      }
    } else {
      this.scoreView('folded', distinctTerms(query.foldedSyllables, query.foldedBigrams, params.bigramWeight, query.termWeights), 1, scores);
    }
    if (only !== undefined) this.keepOnly(only, scores);
    this.applyBoosts(query, scores);
    return topK(scores, Math.max(0, k)).map((i) => ({ chunkId: this.data.chunkIds[i] ?? '', score: scores[i] ?? 0 }));
  }

  documentFrequency({ term, view }: { term: string; view: 'accented' | 'folded' }): number {
    const t = this.termIds[view].get(term);
    if (t === undefined) return 0;
    const starts = this.data[view].starts;
    return (starts[t + 1] ?? 0) - (starts[t] ?? 0);
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
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  private scoreView(name: 'accented' | 'folded', terms: WeightedTerm[], viewWeight: number, scores: Float64Array): void {
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

  private keepOnly(only: ReadonlySet<string>, scores: Float64Array): void {
    this.chunkNumbers ??= new Map(this.data.chunkIds.map((id, i) => [id, i]));
    const keep = new Uint8Array(scores.length);
    for (const id of only) {
      const i = this.chunkNumbers.get(id);
      if (i !== undefined) keep[i] = 1;
    }
    for (let i = 0; i < scores.length; i++) if (keep[i] === 0) scores[i] = 0;
  }

  private applyBoosts(query: LexicalQuery, scores: Float64Array): void {
    const numbers = new Set(query.docNumbers.map(docNumberKey));
    const articles = new Set(query.articles);
    if (numbers.size === 0 && articles.size === 0) return;
    let top = 0;
    for (const s of scores) if (s > top) top = s;
    const { docNumberBoost, articleRefBoost } = this.params;
    for (let i = 0; i < scores.length; i++) {
      if ((scores[i] ?? 0) <= 0) continue;
      const key = this.data.docNumberKeys[i] ?? '';
      if (key !== '' && numbers.has(key)) scores[i] = (scores[i] ?? 0) + docNumberBoost * top;
      if (articles.has(this.data.articles[i] ?? -1)) scores[i] = (scores[i] ?? 0) + articleRefBoost * top;
    }
  }
}

/** The chunk numbers of the k highest positive scores, best first (ties: lower number first). */
function topK(scores: Float64Array, k: number): number[] {
  const top = createTopK<number>(k, (a, b) => (scores[a] ?? 0) > (scores[b] ?? 0) || ((scores[a] ?? 0) === (scores[b] ?? 0) && a < b));
  for (let c = 0; c < scores.length; c++) if ((scores[c] ?? 0) > 0) top.offer(c);
  return top.best();
}

function termMap(view: Bm25View): Map<string, number> {
  const map = new Map<string, number>();
  view.terms.forEach((term, i) => map.set(term, i));
  return map;
}

/** Builds a BM25F index over the entries (tokenised through `src/text`). */
export function buildBm25Index({ entries, params }: { entries: readonly LexicalEntry[]; params: Bm25Params }): Bm25Index {
  return new Bm25Index(buildBm25Data({ entries }), params);
}

/** Loads a serialised BM25F index; `source` names the file in error messages. */
export function loadBm25Index({ buffer, params, source }: { buffer: Buffer; params: Bm25Params; source: string }): Bm25Index {
  return new Bm25Index(decodeBm25({ buffer, source }), params);
}
