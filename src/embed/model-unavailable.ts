import type { PromptCatalog } from '../prompts/catalog';

/** Why no embedder could be loaded; the assistant then serves lexical-only and says so once. */
export interface ModelUnavailable {
  /** `MODEL_MISSING`: folder or files absent. `MODEL_INVALID`: files present but the model would not load or run. */
  code: 'MODEL_MISSING' | 'MODEL_INVALID';
  modelId: string;
  dtype: string;
  /** The model's folder, `<modelsDir>/<modelId>`. */
  path: string;
  /** Required files that are absent (relative to `path`). */
  missing: string[];
  /** English, for logs: what was expected, what was found, how to fix it. */
  message: string;
}

/** Prompt keys this module formats; pass to `PromptCatalog.require` at start-up. */
export const MODEL_UNAVAILABLE_PROMPTS = ['model.unavailable.missing', 'model.unavailable.invalid'] as const;

/** The Vietnamese notice for users and operators, naming the command that fixes it. */
export function describeModelUnavailable({ prompts, reason }: { prompts: PromptCatalog; reason: ModelUnavailable }): string {
  const vars = { modelId: reason.modelId, path: reason.path, dtype: reason.dtype, missing: reason.missing.join(', ') };
  return reason.code === 'MODEL_MISSING'
    ? prompts.format('model.unavailable.missing', vars)
    : prompts.format('model.unavailable.invalid', { ...vars, detail: reason.message });
}
