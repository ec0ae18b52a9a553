import { analyzeForIndex, docNumberKey } from '../text/index';
import type { LexicalEntry } from './lexical-index';

/**
 * The inverted lists of one field view. Postings of term `t` are the positions
 * `starts[t] .. starts[t + 1]` of `chunks` (ascending chunk numbers), `tfBody` and `tfHeading`.
 */
export interface Bm25View {
  terms: string[];
  starts: Uint32Array;
  chunks: Uint32Array;
  tfBody: Uint16Array;
  tfHeading: Uint16Array;
}

/**
 * Everything the BM25F index keeps, as plain arrays so that it serialises without transformation.
 * Two views of the same chunks: `accented` (syllables and syllable bigrams as written, lower-cased)
 * and `folded` (the same with diacritics removed, đ→d), each over body and heading.
 */
export interface Bm25Data {
  chunkIds: string[];
  /** Body length of each chunk, in syllables. */
  lengths: Uint32Array;
  /** Comparison key of each chunk's số hiệu (`docNumberKey` of `src/text`), or "" when it has none. */
  docNumberKeys: string[];
  /** Article number of each chunk, or -1 when it is not part of a legal article. */
  articles: Int32Array;
  accented: Bm25View;
  folded: Bm25View;
}

/** How often each term occurs in a chunk's body and heading (one view). */
export interface TermCounts {
  body: Map<string, number>;
  heading: Map<string, number>;
}

function countInto(map: Map<string, number>, terms: readonly string[]): void {
  for (const term of terms) map.set(term, (map.get(term) ?? 0) + 1);
}

/** Collects the postings of one view, chunk by chunk (ascending chunk numbers), into a `Bm25View`. */
export class ViewBuilder {
  private readonly postings = new Map<string, number[]>();

  add(chunk: number, counts: TermCounts): void {
    // Body terms, then heading-only terms: each term of the chunk once, without building a set.
    for (const [term, body] of counts.body) this.push(term, chunk, body, counts.heading.get(term) ?? 0);
    for (const [term, heading] of counts.heading) if (!counts.body.has(term)) this.push(term, chunk, 0, heading);
  }

  private push(term: string, chunk: number, body: number, heading: number): void {
    const list = this.postings.get(term);
    if (list === undefined) this.postings.set(term, [chunk, body, heading]);
    else list.push(chunk, body, heading);
  }

  finish(): Bm25View {
    const terms = [...this.postings.keys()].sort();
    let total = 0;
    for (const list of this.postings.values()) total += list.length / 3;
    const view: Bm25View = {
      terms,
      starts: new Uint32Array(terms.length + 1),
      chunks: new Uint32Array(total),
      tfBody: new Uint16Array(total),
      tfHeading: new Uint16Array(total),
    };
    let at = 0;
    terms.forEach((term, t) => {
      view.starts[t] = at;
      const list = this.postings.get(term) ?? [];
      for (let i = 0; i < list.length; i += 3, at++) {
        view.chunks[at] = list[i] ?? 0;
        view.tfBody[at] = Math.min(list[i + 1] ?? 0, 0xffff);
        view.tfHeading[at] = Math.min(list[i + 2] ?? 0, 0xffff);
      }
    });
    view.starts[terms.length] = at;
    return view;
  }
}

/** What one entry contributes to the index: its term counts in both views and its per-chunk columns. */
export interface AnalysedEntry {
  accented: TermCounts;
  folded: TermCounts;
  /** Body length in syllables. */
  length: number;
  /** Article number, or -1. */
  article: number;
  /** `docNumberKey` of the số hiệu, or "". */
  docNumberKey: string;
}

/** Tokenises one entry through `analyzeForIndex`, the one analysis indexing and querying share. */
export function analyseEntry(entry: LexicalEntry): AnalysedEntry {
  const body = analyzeForIndex(entry.text);
  const heading = analyzeForIndex(entry.heading);
  const accented: TermCounts = { body: new Map(), heading: new Map() };
  countInto(accented.body, body.syllables);
  countInto(accented.body, body.bigrams);
  countInto(accented.heading, heading.syllables);
  countInto(accented.heading, heading.bigrams);
  const folded: TermCounts = { body: new Map(), heading: new Map() };
  countInto(folded.body, body.foldedSyllables);
  countInto(folded.body, body.foldedBigrams);
  countInto(folded.heading, heading.foldedSyllables);
  countInto(folded.heading, heading.foldedBigrams);
  return {
    accented,
    folded,
    length: body.syllables.length,
    article: entry.article ?? -1,
    docNumberKey: entry.docNumber === undefined ? '' : docNumberKey(entry.docNumber),
  };
}

/** Tokenises every entry through `analyzeForIndex` and builds both views' inverted lists. */
export function buildBm25Data({ entries }: { entries: readonly LexicalEntry[] }): Bm25Data {
  const accented = new ViewBuilder();
  const folded = new ViewBuilder();
  const lengths = new Uint32Array(entries.length);
  const articles = new Int32Array(entries.length).fill(-1);
  const docNumberKeys: string[] = [];
  entries.forEach((entry, i) => {
    const analysed = analyseEntry(entry);
    accented.add(i, analysed.accented);
    folded.add(i, analysed.folded);
    lengths[i] = analysed.length;
    articles[i] = analysed.article;
    docNumberKeys.push(analysed.docNumberKey);
  });
  return {
    chunkIds: entries.map((e) => e.chunkId),
    lengths,
    docNumberKeys,
    articles,
    accented: accented.finish(),
    folded: folded.finish(),
  };
}
