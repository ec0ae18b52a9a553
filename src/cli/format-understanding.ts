import type { PromptCatalog } from '../prompts/catalog';
import type { QueryUnderstanding } from '../retrieve/understanding';

/** Prompt keys used by `formatUnderstanding`. */
export const UNDERSTANDING_PROMPT_KEYS = [
  'search.explain.understood',
  'search.explain.unchanged',
  'search.explain.document',
  'search.explain.use.filter',
  'search.explain.use.lookup',
  'search.explain.use.boost',
  'search.explain.use.none',
  'search.explain.articles',
  'search.explain.correction',
  'search.explain.reason.chat-code',
  'search.explain.reason.telex',
  'search.explain.reason.unknown-word',
  'search.explain.reason.context',
  'search.explain.expansion',
  'search.explain.kind.abbreviation',
  'search.explain.kind.everyday',
  'search.explain.dropped',
] as const;

/**
 * What a question was understood as, for `troly search --explain`: the words searched, the
 * documents named and how they were used, "Điều N" references, corrections, expansions and the
 * scaffolding left out, one line each.
 */
export function formatUnderstanding({ understood, prompts }: { understood: QueryUnderstanding; prompts: PromptCatalog }): string[] {
  const lines = [prompts.format(understood.changed ? 'search.explain.understood' : 'search.explain.unchanged', { searched: understood.searched })];
  for (const doc of understood.documents) {
    lines.push(prompts.format('search.explain.document', { titles: doc.titles.join('; '), typed: doc.typed, use: prompts.format(`search.explain.use.${understood.documentUse}`) }));
  }
  if (understood.articles.length > 0) {
    const refs = understood.articles.map((r) => [r.point === undefined ? '' : `điểm ${r.point} `, r.clause === undefined ? '' : `khoản ${r.clause} `, `Điều ${r.article}`].join(''));
    lines.push(prompts.format('search.explain.articles', { articles: refs.join(', ') }));
  }
  for (const c of understood.corrections) lines.push(prompts.format('search.explain.correction', { from: c.from, to: c.to, reason: prompts.format(`search.explain.reason.${c.reason}`) }));
  for (const e of understood.expansions) lines.push(prompts.format('search.explain.expansion', { from: e.from, to: e.to, kind: prompts.format(`search.explain.kind.${e.kind}`) }));
  if (understood.dropped.length > 0) lines.push(prompts.format('search.explain.dropped', { phrases: understood.dropped.map((d) => `"${d}"`).join(', ') }));
  return lines;
}
