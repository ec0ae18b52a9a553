import { performance } from 'node:perf_hooks';
import type { Snapshot } from '../src/index/open-snapshot';
import { buildDocumentCatalog, type DocumentCatalog } from '../src/retrieve/document-catalog';
import type { Retriever } from '../src/retrieve/types';
import { understandQuery } from '../src/retrieve/understand-query';
import { DEFAULT_UNDERSTANDING, type UnderstandingOptions } from '../src/retrieve/understanding';
import type { BenchQuestion } from './retrieval-corpus';
import { POOL, QUESTION_VARIANTS, relevantRank, type QuestionRuns, type QuestionVariant } from './retrieval-quality';

/** One ablation row: the shipped retriever with one technique of query understanding (or the learned ranking) off. */
export interface Ablation {
  name: string;
  understanding: Readonly<UnderstandingOptions>;
  ranking?: 'lexical';
}

/** Query understanding entirely off: the baseline. */
export const NO_UNDERSTANDING: Readonly<UnderstandingOptions> = { ...DEFAULT_UNDERSTANDING, scaffolding: false, chatCode: false, spelling: false, abbreviations: false, everyday: false, documents: 'off', feedback: false };
/** The ablation rows: the shipped retriever with one technique off. */
export const ABLATIONS: readonly Ablation[] = [
  { name: 'without scaffolding removal', understanding: { ...DEFAULT_UNDERSTANDING, scaffolding: false } },
  { name: 'without chat code', understanding: { ...DEFAULT_UNDERSTANDING, chatCode: false } },
  { name: 'without spelling repair', understanding: { ...DEFAULT_UNDERSTANDING, spelling: false } },
  { name: 'without abbreviations', understanding: { ...DEFAULT_UNDERSTANDING, abbreviations: false } },
  { name: 'without everyday→legal lexicon', understanding: { ...DEFAULT_UNDERSTANDING, everyday: false } },
  { name: 'documents as boost, not filter', understanding: { ...DEFAULT_UNDERSTANDING, documents: 'boost' } },
  { name: 'without document references', understanding: { ...DEFAULT_UNDERSTANDING, documents: 'off' } },
  { name: 'without learned ranking (BM25F order)', understanding: DEFAULT_UNDERSTANDING, ranking: 'lexical' },
];

/** An ablation's runs, and how many questions had to be retrieved again (the others were provably unchanged). */
export type AblationRuns = QuestionRuns & { retrieved: number };

/**
 * Whether a question's search under `options` is provably the shipped one: query understanding is
 * a pure function of (question, index, catalog, options) and the rest of retrieval depends only on
 * its output, the document mode and feedback. So when the understood query is identical and the
 * named-document handling cannot differ (same mode, or no document named), the passages are the
 * shipped passages and need not be retrieved again. With the learned ranking off, never.
 */
export function sameSearchAsShipped({ ablation, query, snapshot, catalog, memo = new Map() }: {
  ablation: Ablation;
  query: string;
  snapshot: Pick<Snapshot, 'lexical'>;
  catalog: DocumentCatalog;
  /** The shipped understanding of each query text (JSON, and whether it names a document), shared across the rows. */
  memo?: Map<string, { json: string; namesDocument: boolean }>;
}): { same: boolean; changed: boolean } {
  const options = ablation.understanding;
  const variant = understandQuery({ query, lexical: snapshot.lexical, catalog, options });
  if (ablation.ranking !== undefined || options.feedback !== DEFAULT_UNDERSTANDING.feedback || options.expansionWeight !== DEFAULT_UNDERSTANDING.expansionWeight) return { same: false, changed: variant.understood.changed };
  let shipped = memo.get(query);
  if (shipped === undefined) {
    const u = understandQuery({ query, lexical: snapshot.lexical, catalog, options: DEFAULT_UNDERSTANDING });
    shipped = { json: JSON.stringify(u), namesDocument: u.documentIds.length > 0 };
    memo.set(query, shipped);
  }
  const documentsAlike = options.documents === DEFAULT_UNDERSTANDING.documents || (variant.documentIds.length === 0 && !shipped.namesDocument);
  return { same: documentsAlike && JSON.stringify(variant) === shipped.json, changed: variant.understood.changed };
}

/**
 * Runs an ablation over the questions (in one variant) given the shipped runs of the same
 * questions: each question whose search is provably the shipped one (`sameSearchAsShipped`) takes
 * the shipped rank and time; the others are retrieved with the ablation's retriever. Exact, and on
 * the Zalo set 5–10× cheaper than retrieving every question for each of the eight rows.
 */
export async function runAblation({ snapshot, questions, variant, ablation, shipped, retrieverFor, catalog = buildDocumentCatalog({ store: snapshot.store }), memo = new Map() }: {
  snapshot: Pick<Snapshot, 'store' | 'lexical'>;
  questions: readonly BenchQuestion[];
  variant: QuestionVariant;
  ablation: Ablation;
  shipped: QuestionRuns;
  retrieverFor: (q: BenchQuestion) => Retriever;
  catalog?: DocumentCatalog;
  memo?: Map<string, { json: string; namesDocument: boolean }>;
}): Promise<AblationRuns> {
  const ranks: Array<number | undefined> = [];
  const times: number[] = [];
  let changed = 0;
  let retrieved = 0;
  for (const [i, q] of questions.entries()) {
    const text = QUESTION_VARIANTS[variant](q, i);
    const check = sameSearchAsShipped({ ablation, query: text, snapshot, catalog, memo });
    if (check.changed) changed++;
    if (check.same) {
      ranks.push(shipped.ranks[i]);
      times.push(shipped.times[i] ?? 0);
      continue;
    }
    retrieved++;
    const t = performance.now();
    const result = await retrieverFor(q).retrieve({ query: text, k: POOL });
    times.push(performance.now() - t);
    ranks.push(relevantRank(result, q));
  }
  return { ranks, times, changed, retrieved };
}
