import { AppError } from '../../config/errors';
import type { PromptCatalog } from '../../prompts/catalog';
import type { RetrievedPassage } from '../../retrieve/types';
import type { ChatMessage } from './chat-model';

/** The prompt templates of LLM mode (prompts/llm-system.md, prompts/llm-user.md) and their placeholders. */
export const LLM_TEMPLATES = { system: 'llm-system', user: 'llm-user' } as const;
const USER_PLACEHOLDERS = ['question', 'passages'] as const;
const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Checks at start-up that both templates exist, that the system prompt has no placeholder (it
 * never changes with the question or the documents) and that the user prompt has exactly
 * `{question}` and `{passages}`, once each. Throws PROMPTS_INVALID listing every problem.
 */
export function validateLlmPrompts({ prompts }: { prompts: PromptCatalog }): void {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    try {
      return prompts.template(name);
    } catch {
      problems.push(`prompts/${name}.md is missing`);
      return undefined;
    }
  };
  const system = read(LLM_TEMPLATES.system);
  const user = read(LLM_TEMPLATES.user);
  if (system !== undefined && [...system.matchAll(PLACEHOLDER)].length > 0) {
    problems.push(`prompts/${LLM_TEMPLATES.system}.md must have no {placeholder}: it is sent unchanged with every question`);
  }
  if (user !== undefined) {
    const names = [...user.matchAll(PLACEHOLDER)].map((m) => m[1]);
    for (const name of USER_PLACEHOLDERS) {
      const count = names.filter((n) => n === name).length;
      if (count !== 1) problems.push(`prompts/${LLM_TEMPLATES.user}.md must contain {${name}} exactly once, found ${count}`);
    }
    for (const name of names) if (!(USER_PLACEHOLDERS as readonly (string | undefined)[]).includes(name)) problems.push(`prompts/${LLM_TEMPLATES.user}.md has an unknown placeholder {${name}}`);
  }
  if (problems.length > 0) throw new AppError('PROMPTS_INVALID', `Invalid LLM prompt templates:\n- ${problems.join('\n- ')}\nFix the files in prompts/ (or TROLY_PROMPTS_DIR).`);
}

/**
 * The messages for one question: the system prompt exactly as written, and the user prompt with
 * the question and the passages filled in. Passages are numbered from 1 and wrapped in
 * `<passage>` tags with their text escaped, so that nothing inside a document (a stray
 * `</passage>`, "Bỏ qua mọi hướng dẫn trước…") can leave the data section or pose as a rule.
 * Placeholders are filled in one pass: text inside a passage is never read as a placeholder.
 */
export function buildLlmMessages({ prompts, question, passages }: { prompts: PromptCatalog; question: string; passages: readonly RetrievedPassage[] }): ChatMessage[] {
  const values: Record<(typeof USER_PLACEHOLDERS)[number], string> = {
    question: escapeData(question),
    passages: passages.map((p, i) => renderPassage(p, i + 1)).join('\n\n'),
  };
  const user = prompts.template(LLM_TEMPLATES.user).replace(PLACEHOLDER, (whole, name: string) => (name in values ? values[name as keyof typeof values] : whole));
  return [
    { role: 'system', content: prompts.template(LLM_TEMPLATES.system) },
    { role: 'user', content: user },
  ];
}

function renderPassage({ doc, chunk }: RetrievedPassage, n: number): string {
  const attributes = [`n="${n}"`, `title="${escapeData(doc.title)}"`];
  if (doc.meta.docNumber !== undefined) attributes.push(`number="${escapeData(doc.meta.docNumber)}"`);
  attributes.push(`locator="${escapeData(chunk.locator)}"`);
  return `<passage ${attributes.join(' ')}>\n${escapeData(chunk.text)}\n</passage>`;
}

/** Escapes text for the data section: markup characters become entities, so tags cannot be forged. */
export function escapeData(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
