import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** The file in the data folder that lists the files which stopped the indexer. */
export const QUARANTINE_FILE = 'quarantine.json';

const entrySchema = z.object({
  /** Relative to the knowledge folder, `/`-separated. */
  path: z.string(),
  /** Size and modification time when it stopped the indexer: a changed file is tried again. */
  size: z.number(),
  mtimeMs: z.number(),
  /** English, for the report and the log. */
  reason: z.string(),
  at: z.string(),
});
const quarantineSchema = z.object({ files: z.array(entrySchema) });

/** A file that made the indexer die (out of memory, stuck past its time): skipped until it changes. */
export type QuarantineEntry = z.infer<typeof entrySchema>;

/** The quarantined files of a data folder; none when the list is missing or unreadable (a bad list must not stop indexing). */
export function readQuarantine({ dataDir }: { dataDir: string }): QuarantineEntry[] {
  try {
    const parsed = quarantineSchema.safeParse(JSON.parse(readFileSync(join(dataDir, QUARANTINE_FILE), 'utf8')));
    return parsed.success ? parsed.data.files : [];
  } catch {
    return [];
  }
}

/** The entry for this file as it is now on disk, if it is quarantined. */
export function quarantinedEntry(entries: readonly QuarantineEntry[], file: { relativePath: string; size: number; mtimeMs: number }): QuarantineEntry | undefined {
  return entries.find((e) => e.path === file.relativePath && e.size === file.size && e.mtimeMs === file.mtimeMs);
}

/**
 * Adds a file to the quarantine list (replacing an older entry for the same path), written through
 * a temporary file and a rename so that a crash leaves the old list or the new one. Returns the
 * entry, or undefined when the file is gone (nothing to skip).
 */
export function quarantineFile({ dataDir, knowledgeDir, path, reason, now = new Date() }: { dataDir: string; knowledgeDir: string; path: string; reason: string; now?: Date }): QuarantineEntry | undefined {
  let size: number;
  let mtimeMs: number;
  try {
    ({ size, mtimeMs } = statSync(join(knowledgeDir, path)));
  } catch {
    return undefined;
  }
  const entry: QuarantineEntry = { path, size, mtimeMs, reason, at: now.toISOString() };
  const files = [...readQuarantine({ dataDir }).filter((e) => e.path !== path), entry];
  mkdirSync(dataDir, { recursive: true });
  const target = join(dataDir, QUARANTINE_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify({ files }, null, 2)}\n`);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return entry;
}
