import type { PromptCatalog } from '../prompts/catalog';
import type { Citation } from './types';

/** One notice line per cited document that its metadata marks out of force (prompt `answer.outOfForce`). */
export function outOfForceNotices({ prompts, citations }: { prompts: PromptCatalog; citations: readonly Citation[] }): string[] {
  return citations
    .filter((c) => c.inForce === false)
    .map((c) => prompts.format('answer.outOfForce', { n: c.n, title: c.docNumber === undefined ? c.title : `${c.title} (${c.docNumber})` }));
}

/** The answer body followed by its out-of-force notices, as one Markdown text. */
export function withNotices({ body, prompts, citations }: { body: string; prompts: PromptCatalog; citations: readonly Citation[] }): string {
  const notices = outOfForceNotices({ prompts, citations });
  return notices.length === 0 ? body : `${body}\n\n${notices.join('\n')}`;
}
