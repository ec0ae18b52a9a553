import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../src/config/config';
import { inspectModelFolder } from '../src/embed/model-files';

/** Which embedding model the benchmark can use: none, the project's generated test model, or a real one. */
export type BenchModel =
  | { status: 'none'; modelId: string; dtype: string; path: string; missing: string[] }
  | { status: 'test-model' | 'real'; modelId: string; dtype: string; path: string; layers: number };

/**
 * Looks at the configured model folder without loading it. A folder whose `config.json` declares
 * no hidden layer is the tiny model `scripts/make-tiny-model.ts` writes for tests and demos: its
 * vectors are hashed word directions, and numbers measured with it say nothing about retrieval.
 */
export function inspectBenchModel({ config }: { config: Pick<Config, 'modelsDir' | 'embedding'> }): BenchModel {
  const { modelId, dtype } = config.embedding;
  const folder = inspectModelFolder({ modelsDir: config.modelsDir, modelId, dtype });
  if (folder.missing.length > 0) return { status: 'none', modelId, dtype, path: folder.path, missing: folder.missing };
  let layers = -1;
  try {
    const parsed = JSON.parse(readFileSync(join(folder.path, 'config.json'), 'utf8')) as { num_hidden_layers?: unknown };
    if (typeof parsed.num_hidden_layers === 'number') layers = parsed.num_hidden_layers;
  } catch {
    // Unreadable config.json: transformers.js will say why when it loads the model.
  }
  return { status: layers === 0 ? 'test-model' : 'real', modelId, dtype, path: folder.path, layers };
}
