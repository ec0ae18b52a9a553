import { docNumberKey, findDocNumbers, foldDiacritics, normalizeText } from '../src/text/index';

/**
 * Article-level scoring for the ALQAC retrieval benchmark: a chunk stands for (law, article) when
 * its document title is the law and its locator starts with "Điều N" exactly (so "Điều 1" never
 * matches "Điều 12"); chunks of one article are counted once, at the rank of the first.
 */

export interface ArticleKey {
  law: string;
  article: string;
}

/**
 * What identifies a law across the label files and the ingested titles: its số hiệu when the title
 * has one, else the title without diacritics, case or extra spaces. Ingestion normalises titles
 * (NFC, tone placement), so a label copied from a raw file heading ("chứng khooán") can differ
 * from the stored title by more than Unicode form.
 */
export function lawKey(title: string): string {
  const number = findDocNumbers(title)[0];
  return number === undefined ? `t:${foldDiacritics(normalizeText(title)).toLowerCase().replace(/\s+/g, ' ').trim()}` : `n:${docNumberKey(number)}`;
}

/** The comparison key of a (law, article) pair. */
export const keyOf = ({ law, article }: ArticleKey): string => `${lawKey(law)}\u0000${article}`;

/** The article a chunk belongs to, or undefined when its locator names none. */
export function articleOfChunk({ title, locator }: { title: string; locator: string }): ArticleKey | undefined {
  const m = /^Điều (\d+)(?!\d)/.exec(locator.normalize('NFC'));
  return m?.[1] === undefined ? undefined : { law: title, article: m[1] };
}

/** Distinct articles in ranking order; chunks outside any article keep their place as unmatched entries. */
export function rankArticles(chunks: ReadonlyArray<{ title: string; locator: string; chunkId: string }>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const chunk of chunks) {
    const article = articleOfChunk(chunk);
    const key = article === undefined ? `chunk\u0000${chunk.chunkId}` : keyOf(article);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(key);
    }
  }
  return out;
}

/** 1-based rank of the first relevant article, or undefined when it is not in the ranking. */
export function firstRelevantRank(ranking: readonly string[], relevant: readonly ArticleKey[]): number | undefined {
  const wanted = new Set(relevant.map(keyOf));
  const i = ranking.findIndex((key) => wanted.has(key));
  return i < 0 ? undefined : i + 1;
}

export interface RetrievalScores {
  recallAt1: number;
  recallAt5: number;
  recallAt10: number;
  mrrAt10: number;
}

/** Recall@1/5/10 and MRR@10 over the first-relevant ranks of every question (one relevant article each). */
export function summariseRanks(ranks: ReadonlyArray<number | undefined>): RetrievalScores {
  const n = Math.max(ranks.length, 1);
  const within = (k: number) => ranks.filter((r) => r !== undefined && r <= k).length / n;
  const mrr = ranks.reduce<number>((sum, r) => sum + (r !== undefined && r <= 10 ? 1 / r : 0), 0) / n;
  return { recallAt1: within(1), recallAt5: within(5), recallAt10: within(10), mrrAt10: mrr };
}

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}
