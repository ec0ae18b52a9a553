import type { Config } from '../config/config';
import { loadConfiguredEmbedder, type EmbedderLoad } from '../embed/load-configured-embedder';
import { describeModelUnavailable, MODEL_UNAVAILABLE_PROMPTS } from '../embed/model-unavailable';
import type { PromptCatalog } from '../prompts/catalog';
import type { CliOutput } from './output';

/** Prompt keys `loadEmbedderForCommand` prints. */
export const EMBEDDER_PROMPT_KEYS = [...MODEL_UNAVAILABLE_PROMPTS] as const;

/**
 * The one place a command loads the embedding model: `index`, `search`, `start` and `serve` call it
 * once at their start and pass the result down (index build, snapshot check, retriever, server), so
 * the model is loaded once and its absence is said once — on stderr, in Vietnamese, with the
 * command that fixes it — after which everything runs lexical-only.
 */
export async function loadEmbedderForCommand({ config, prompts, io }: { config: Config; prompts: PromptCatalog; io: CliOutput }): Promise<EmbedderLoad> {
  const load = await loadConfiguredEmbedder({ config });
  if (load.embedder === undefined) io.error(describeModelUnavailable({ prompts, reason: load.reason }));
  return load;
}
