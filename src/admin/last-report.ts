import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestReportSchema, type IngestReport } from './index-events';

/** Where the last reindex's ingestion report is kept, so the admin page shows it after a restart. */
export function lastReportPath(dataDir: string): string {
  return join(dataDir, 'admin', 'last-report.json');
}

/** The kept report, or null when there is none or it cannot be read (it is informative only). */
export function readLastReport(dataDir: string): IngestReport | null {
  try {
    const parsed = ingestReportSchema.safeParse(JSON.parse(readFileSync(lastReportPath(dataDir), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Keeps a report, replacing the previous one atomically (write to a temporary file, rename). */
export function writeLastReport(dataDir: string, report: IngestReport): void {
  const path = lastReportPath(dataDir);
  mkdirSync(join(dataDir, 'admin'), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(report));
  renameSync(temp, path);
}
