import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

function listFiles(dir: string, root: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(path, root, out);
    else if (entry.isFile()) out.push(relative(root, path).split(sep).join('/'));
  }
}

/**
 * A cheap fingerprint of the knowledge folder: sha256 over every file's relative path, size and
 * modification time (hidden files skipped). It changes when a file is added, removed, replaced or
 * edited, without reading or parsing anything, so `troly start` can tell whether to reindex.
 */
export function knowledgeFingerprint({ dir }: { dir: string }): string {
  const files: string[] = [];
  listFiles(dir, dir, files);
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    const stat = statSync(join(dir, file));
    hash.update(`${file}\0${stat.size}\0${Math.trunc(stat.mtimeMs)}\n`);
  }
  return hash.digest('hex');
}
