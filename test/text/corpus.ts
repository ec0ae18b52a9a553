import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Real Vietnamese text: the 17 ALQAC 2023 laws and the Hải Phòng news seeds, in shared/ beside the
// repository (see DESIGN.md, "Benchmarks").
const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));

function readDir(dir: string): Array<{ name: string; text: string }> {
  return readdirSync(SHARED + dir)
    .sort()
    .map((name) => ({ name, text: readFileSync(`${SHARED}${dir}/${name}`, 'utf8') }));
}

/** The 17 law files (Markdown, one "Điều N. Title" heading per article). */
export const LAWS = readDir('bench/alqac2023/laws');
/** The news seeds about Hải Phòng's digital transformation (plain text, new-style tone marks). */
export const SEEDS = readDir('seeds');

/** One seed or law by file name prefix. */
export function textOf(prefix: string): string {
  const found = [...SEEDS, ...LAWS].find((f) => f.name.startsWith(prefix));
  if (!found) throw new Error(`no corpus file starts with "${prefix}"`);
  return found.text;
}
