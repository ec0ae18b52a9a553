import type { LexicalHit, LexicalIndex, LexicalQuery } from '../index/lexical-index';
import { analyzeForIndex } from '../text/index';

/**
 * Pseudo-relevance feedback (RM3-style, with idf): the question's first results say which other
 * words the documents use for what it asks, and those words are searched beside it. The settings
 * are the usual RM3 defaults (Anserini: 10 feedback passages, 10 terms), fixed before any run.
 */
export interface FeedbackSettings {
  passages: number;
  terms: number;
  weight: number;
}

export const FEEDBACK: Readonly<FeedbackSettings> = Object.freeze({
  /** Passages (best first) the feedback terms are read from. */
  passages: 10,
  /** Terms (syllables or bigrams) added to the query. */
  terms: 10,
  /** Weight of the best feedback term relative to a typed one; the others in proportion. */
  weight: 0.5,
});

/** A feedback term and its weight, both views (accented and accent-free) of it. */
export interface FeedbackTerm {
  term: string;
  folded: string;
  kind: 'syllable' | 'bigram';
  weight: number;
}

/**
 * The feedback terms of a query from its first hits: each passage's term distribution
 * (tf / length), weighted by its share of the hits' score, summed, times the term's idf; the best
 * `FEEDBACK.terms` not already in the query, weighted relative to the best. `textOf` gives a
 * passage's indexed text. Terms are chosen in the accent-free view (questions typed without
 * diacritics get the same terms) and searched in both.
 */
export function feedbackTerms({ query, hits, textOf, lexical, settings = FEEDBACK }: {
  query: LexicalQuery;
  hits: readonly LexicalHit[];
  textOf: (chunkIds: readonly string[]) => Map<string, string>;
  lexical: Pick<LexicalIndex, 'documentFrequency' | 'size'>;
  settings?: Readonly<FeedbackSettings>;
}): FeedbackTerm[] {
  const top = hits.slice(0, settings.passages).filter((h) => h.score > 0);
  const total = top.reduce((s, h) => s + h.score, 0);
  if (top.length === 0 || total <= 0) return [];
  const texts = textOf(top.map((h) => h.chunkId));
  const asked = new Set([...query.foldedSyllables, ...query.foldedBigrams]);
  const mass = new Map<string, { weight: number; kind: FeedbackTerm['kind']; forms: Map<string, number> }>();
  for (const hit of top) {
    const a = analyzeForIndex(texts.get(hit.chunkId) ?? '');
    const share = hit.score / total;
    const add = (folded: readonly string[], accented: readonly string[], kind: FeedbackTerm['kind']) => {
      if (folded.length === 0) return;
      folded.forEach((f, i) => {
        if (asked.has(f)) return;
        const entry = mass.get(f) ?? { weight: 0, kind, forms: new Map<string, number>() };
        entry.weight += share / folded.length;
        const form = accented[i] ?? f;
        entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1);
        mass.set(f, entry);
      });
    };
    add(a.foldedSyllables, a.syllables, 'syllable');
    add(a.foldedBigrams, a.bigrams, 'bigram');
  }
  const n = lexical.size;
  const scored = [...mass].map(([folded, e]) => {
    const df = lexical.documentFrequency({ term: folded, view: 'folded' });
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const term = [...e.forms].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]?.[0] ?? folded;
    return { term, folded, kind: e.kind, weight: e.weight * idf };
  });
  scored.sort((x, y) => y.weight - x.weight || (x.folded < y.folded ? -1 : 1));
  const chosen = scored.slice(0, settings.terms);
  const best = chosen[0]?.weight ?? 0;
  return best <= 0 ? [] : chosen.map((t) => ({ ...t, weight: (settings.weight * t.weight) / best }));
}

/** The query with the feedback terms searched beside it, each at its weight. */
export function withFeedback(query: LexicalQuery, terms: readonly FeedbackTerm[]): LexicalQuery {
  if (terms.length === 0) return query;
  const termWeights: Record<string, number> = { ...query.termWeights };
  for (const t of terms) {
    termWeights[t.term] = t.weight;
    termWeights[t.folded] = t.weight;
  }
  const of = (kind: FeedbackTerm['kind'], folded: boolean) => terms.filter((t) => t.kind === kind).map((t) => (folded ? t.folded : t.term));
  return {
    ...query,
    syllables: [...query.syllables, ...of('syllable', false)],
    bigrams: [...query.bigrams, ...of('bigram', false)],
    foldedSyllables: [...query.foldedSyllables, ...of('syllable', true)],
    foldedBigrams: [...query.foldedBigrams, ...of('bigram', true)],
    termWeights,
  };
}
