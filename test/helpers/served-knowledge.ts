import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLivePipeline, type LivePipeline } from '../../src/app/live-pipeline';
import { loadConfig, type Config } from '../../src/config/config';
import { buildSnapshot } from '../../src/index/build-snapshot';
import type { PromptCatalog } from '../../src/prompts/catalog';

export interface ServedKnowledge {
  config: Config;
  pipeline: LivePipeline;
  close(): void;
}

/**
 * A temporary knowledge folder, filled by `fill`, indexed for real and served by the same pipeline
 * the bot and `troly ask` use. `close()` releases the snapshot and removes the folder.
 */
export async function serveKnowledge({ prompts, fill }: { prompts: PromptCatalog; fill: (knowledgeDir: string) => void }): Promise<ServedKnowledge> {
  const root = mkdtempSync(join(tmpdir(), 'troly-served-'));
  const knowledgeDir = join(root, 'knowledge');
  mkdirSync(knowledgeDir);
  fill(knowledgeDir);
  const config = loadConfig({ env: { TROLY_DATA_DIR: join(root, 'data'), TROLY_KNOWLEDGE_DIR: knowledgeDir } });
  await buildSnapshot({ knowledgeDir, dataDir: config.dataDir, tunables: config.tunables });
  const pipeline = openLivePipeline({ config, prompts });
  return {
    config,
    pipeline,
    close() {
      pipeline.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
