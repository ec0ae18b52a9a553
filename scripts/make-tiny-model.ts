/**
 * Writes the tiny test embedding model (a real ONNX graph, see test/fixtures/tiny-model/) into a
 * models folder, so the assistant, `troly model check` and the hybrid pipeline can be tried end to
 * end on a machine that cannot download real weights:
 *
 *   npx tsx scripts/make-tiny-model.ts [--dir models] [--id troly/tiny-vi-bert] [--dimensions 32]
 *   TROLY_EMBEDDING_MODEL=troly/tiny-vi-bert npx troly model check
 *
 * Its vectors only mean "shares syllables with" (accent-free forms close to accented ones); it is
 * for tests and demonstrations, not for real retrieval quality.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makeTinyModel } from '../test/fixtures/tiny-model/make-tiny-model';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'models' },
    id: { type: 'string', default: 'troly/tiny-vi-bert' },
    dimensions: { type: 'string', default: '32' },
  },
});
const dimensions = Number(values.dimensions);
if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 4096) {
  process.stderr.write(`--dimensions: expected an integer from 1 to 4096, got "${values.dimensions}"\n`);
  process.exitCode = 2;
} else {
  const model = await makeTinyModel({ dir: resolve(values.dir), modelId: values.id, dimensions });
  process.stdout.write(`Wrote ${model.modelId} (${model.dimensions} dimensions, ${model.vocab.length} tokens) to ${model.path}\n`);
}
