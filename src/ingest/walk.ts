import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { SIDECAR_SUFFIX } from './sidecar';

/** A file found in the knowledge folder. */
export interface FoundFile {
  absolutePath: string;
  /** Relative to the folder, `/`-separated. */
  relativePath: string;
}

/**
 * Every regular file under `dir`, recursively, sorted by relative path (code-unit order, the same
 * on every machine). Hidden files and folders (".git", ".DS_Store") and metadata sidecars are left
 * out; symbolic links are not followed, so a link cannot make the walk loop.
 */
export async function listKnowledgeFiles({ dir }: { dir: string }): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop() ?? dir;
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const absolutePath = join(current, entry.name);
      if (entry.isDirectory()) pending.push(absolutePath);
      else if (entry.isFile() && !entry.name.endsWith(SIDECAR_SUFFIX)) {
        found.push({ absolutePath, relativePath: relative(dir, absolutePath).split(sep).join('/') });
      }
    }
  }
  return found.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
}
