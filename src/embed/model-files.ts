import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** File-name suffix of each dtype's ONNX weights, as transformers.js names them (`onnx/model<suffix>.onnx`). */
const DTYPE_SUFFIX: Readonly<Record<string, string>> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
};

/** The ONNX dtypes transformers.js can load, as `TROLY_EMBEDDING_DTYPE` accepts them. */
export const MODEL_DTYPES = Object.keys(DTYPE_SUFFIX);

export interface ModelFolder {
  /** `<modelsDir>/<modelId>`. */
  path: string;
  /** Every file the model needs, relative to `path`, with its size (undefined when absent or empty). */
  files: { name: string; bytes: number | undefined }[];
  /** Names from `files` that are absent or empty. */
  missing: string[];
}

/** The files transformers.js reads for a feature-extraction model of `dtype`. */
export function requiredModelFiles({ dtype }: { dtype: string }): string[] {
  const suffix = DTYPE_SUFFIX[dtype] ?? '';
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', `onnx/model${suffix}.onnx`];
}

/** Which of the model's files are present under `<modelsDir>/<modelId>/`, without loading anything. */
export function inspectModelFolder({ modelsDir, modelId, dtype }: { modelsDir: string; modelId: string; dtype: string }): ModelFolder {
  const path = join(modelsDir, modelId);
  const files = requiredModelFiles({ dtype }).map((name) => {
    try {
      const stat = statSync(join(path, name));
      return { name, bytes: stat.isFile() && stat.size > 0 ? stat.size : undefined };
    } catch {
      return { name, bytes: undefined };
    }
  });
  return { path, files, missing: files.filter((f) => f.bytes === undefined).map((f) => f.name) };
}

/** A model folder found under `modelsDir`, with the dtypes whose ONNX weights it holds. */
export interface InstalledModel {
  modelId: string;
  dtypes: string[];
}

function subdirectories(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

/**
 * Every folder `<modelsDir>/<name>/` or `<modelsDir>/<org>/<name>/` holding a `config.json` —
 * the two layouts a model id (`bge-m3`, `Xenova/multilingual-e5-small`) can take.
 */
export function listInstalledModels({ modelsDir }: { modelsDir: string }): InstalledModel[] {
  const found: InstalledModel[] = [];
  const visit = (modelId: string) => {
    const folder = inspectModelFolder({ modelsDir, modelId, dtype: 'fp32' });
    if (folder.files.find((f) => f.name === 'config.json')?.bytes === undefined) return false;
    const dtypes = MODEL_DTYPES.filter((dtype) => inspectModelFolder({ modelsDir, modelId, dtype }).missing.every((name) => !name.startsWith('onnx/')));
    found.push({ modelId, dtypes });
    return true;
  };
  for (const first of subdirectories(modelsDir)) {
    if (visit(first)) continue;
    for (const second of subdirectories(join(modelsDir, first))) visit(`${first}/${second}`);
  }
  return found;
}
