import type { PromptCatalog } from '../prompts/catalog';
import type { RetrievalResult } from '../retrieve/types';

/** Prompt keys used by `formatResults`. */
export const RESULT_PROMPT_KEYS = ['search.none', 'search.result', 'search.result.docNumber', 'search.result.score', 'search.confidence'] as const;

/** Longest snippet shown per passage, in characters. */
const SNIPPET_CHARS = 280;

/** One result line of `troly search --json`: exactly these fields, `docNumber` null when the document has none. */
export interface JsonResult {
  docId: string;
  title: string;
  docNumber: string | null;
  locator: string;
  chunkId: string;
  score: number;
  text: string;
}

export function resultsToJson(result: RetrievalResult): JsonResult[] {
  return result.passages.map((p) => ({
    docId: p.doc.id,
    title: p.doc.title,
    docNumber: p.doc.meta.docNumber ?? null,
    locator: p.chunk.locator,
    chunkId: p.chunk.id,
    score: Number(p.score.toFixed(6)),
    text: p.chunk.text,
  }));
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= SNIPPET_CHARS) return flat;
  const cut = flat.lastIndexOf(' ', SNIPPET_CHARS);
  return `${flat.slice(0, cut > SNIPPET_CHARS / 2 ? cut : SNIPPET_CHARS)}…`;
}

/** Numbered passages for a person: title, số hiệu, locator, a snippet; then the confidence. */
export function formatResults({ result, prompts }: { result: RetrievalResult; prompts: PromptCatalog }): string[] {
  if (result.passages.length === 0) return [prompts.format('search.none')];
  const lines: string[] = [];
  result.passages.forEach((p, i) => {
    const docNumber = p.doc.meta.docNumber === undefined ? '' : prompts.format('search.result.docNumber', { docNumber: p.doc.meta.docNumber });
    lines.push(prompts.format('search.result', { n: i + 1, title: p.doc.title, docNumber, locator: p.chunk.locator }));
    lines.push(`   ${snippet(p.chunk.text)}`);
    lines.push(prompts.format('search.result.score', { score: p.score.toFixed(2), chunkId: p.chunk.id }));
  });
  lines.push(prompts.format('search.confidence', { confidence: result.confidence.toFixed(2), mode: result.mode }));
  return lines;
}
