/**
 * Chunking statistics over the ALQAC 2023 laws: chunks, articles, articles split into khoản/điểm
 * chunks, and chunk text lengths. Run: `npx tsx bench/chunk-stats.ts [lawsDir]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { chunkDocument, detectLegalStructure } from '../src/chunk/index';
import type { SourceDocument } from '../src/ingest/types';

const lawsDir = resolve(process.argv[2] ?? '../shared/bench/alqac2023/laws');

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const rows: string[] = ['law | chunks | articles | split | min | median | p90 | max'];
const all: number[] = [];
let totals = { chunks: 0, articles: 0, split: 0 };
for (const file of readdirSync(lawsDir).filter((f) => f.endsWith('.md')).sort()) {
  const text = readFileSync(join(lawsDir, file), 'utf8').normalize('NFC');
  const doc: SourceDocument = {
    id: basename(file, '.md'),
    title: file,
    text,
    meta: {},
    source: { path: file, format: 'md', bytes: text.length, contentHash: '' },
  };
  const chunks = chunkDocument({ doc });
  const articles = detectLegalStructure({ text })?.articles.length ?? 0;
  const perArticle = new Map<string, number>();
  for (const c of chunks) {
    const article = /^Điều \S+?(?=,|$)/.exec(c.locator)?.[0];
    if (article) perArticle.set(article, (perArticle.get(article) ?? 0) + 1);
  }
  const split = [...perArticle.values()].filter((n) => n > 1).length;
  const lengths = chunks.map((c) => c.text.length).sort((a, b) => a - b);
  all.push(...lengths);
  totals = { chunks: totals.chunks + chunks.length, articles: totals.articles + articles, split: totals.split + split };
  rows.push(`${doc.id} | ${chunks.length} | ${articles} | ${split} | ${lengths[0]} | ${quantile(lengths, 0.5)} | ${quantile(lengths, 0.9)} | ${lengths[lengths.length - 1]}`);
}
all.sort((a, b) => a - b);
rows.push(`ALL | ${totals.chunks} | ${totals.articles} | ${totals.split} | ${all[0]} | ${quantile(all, 0.5)} | ${quantile(all, 0.9)} | ${all[all.length - 1]}`);
process.stdout.write(`${rows.join('\n')}\n`);
