import type { PromptCatalog } from '../prompts/catalog';
import type { CliOutput } from './output';

/** Parses `--k`: an integer 1–100, or undefined (and a printed reason) when it is not one. */
export function parseK({ value, fallback, prompts, io }: { value: string | undefined; fallback: number; prompts: PromptCatalog; io: CliOutput }): number | undefined {
  if (value === undefined) return fallback;
  const k = Number(value);
  if (Number.isInteger(k) && k >= 1 && k <= 100) return k;
  io.error(prompts.format('search.kInvalid', { value }));
  process.exitCode = 2;
  return undefined;
}
