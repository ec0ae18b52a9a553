import type { EmbedKind } from './embedder';

/** What an embedding model expects in front of a query and of a passage. */
export type ModelPrefixes = Readonly<Record<EmbedKind, string>>;

const NONE: ModelPrefixes = { query: '', passage: '' };

/**
 * Known model families, first match wins. The prefixes are the ones each model was trained with;
 * leaving them out measurably lowers retrieval quality (e5 model cards), and adding them to a model
 * not trained with them only adds noise.
 *
 * | model id matches          | query prefix                                     | passage prefix |
 * | ------------------------- | ------------------------------------------------ | -------------- |
 * | `e5-…-instruct`           | `Instruct: <task>\nQuery: `                      | none           |
 * | `e5-` (multilingual-e5-*) | `query: `                                        | `passage: `    |
 * | `bge-m3`                  | none                                             | none           |
 * | `bge-…-en-v1.5`           | `Represent this sentence for searching relevant passages: ` | none |
 * | anything else             | none                                             | none           |
 */
const KNOWN_PREFIXES: readonly { pattern: RegExp; prefixes: ModelPrefixes }[] = [
  {
    pattern: /e5-.*instruct/i,
    prefixes: { query: 'Instruct: Given a question, retrieve passages that answer the question\nQuery: ', passage: '' },
  },
  { pattern: /(^|[/-])e5-/i, prefixes: { query: 'query: ', passage: 'passage: ' } },
  { pattern: /bge-m3/i, prefixes: NONE },
  { pattern: /bge-.*-en-v1\.5/i, prefixes: { query: 'Represent this sentence for searching relevant passages: ', passage: '' } },
];

/** The prefixes for `modelId` from the table above, unless `override` gives them explicitly. */
export function prefixesFor({ modelId, override }: { modelId: string; override?: Partial<ModelPrefixes> }): ModelPrefixes {
  const known = KNOWN_PREFIXES.find(({ pattern }) => pattern.test(modelId))?.prefixes ?? NONE;
  return Object.freeze({ ...known, ...override });
}
