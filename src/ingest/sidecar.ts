import { readFile } from 'node:fs/promises';
import { describeIssues, sidecarSchema, type Sidecar } from './meta-schema';
import type { IngestProblem } from './types';

/** Suffix of a metadata sidecar: `quyet-dinh.pdf.meta.json` describes `quyet-dinh.pdf`. */
export const SIDECAR_SUFFIX = '.meta.json';

export interface SidecarResult {
  sidecar?: Sidecar;
  problem?: IngestProblem;
}

/**
 * Reads the sidecar of a source file if there is one. A sidecar that is not valid JSON or does not
 * fit the schema is reported (`invalid-meta`, a warning) and ignored: the document still indexes
 * with the metadata found in its text.
 */
export async function readSidecar({ absolutePath, relativePath }: { absolutePath: string; relativePath: string }): Promise<SidecarResult> {
  const sidecarPath = `${relativePath}${SIDECAR_SUFFIX}`;
  let raw: string;
  try {
    raw = await readFile(`${absolutePath}${SIDECAR_SUFFIX}`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { problem: invalidMeta(sidecarPath, `cannot be read (${(error as Error).message})`) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return { problem: invalidMeta(sidecarPath, `is not valid JSON (${(error as Error).message})`) };
  }
  const result = sidecarSchema.safeParse(parsed);
  if (!result.success) return { problem: invalidMeta(sidecarPath, `does not fit the schema (${describeIssues(result.error)})`) };
  return { sidecar: result.data };
}

function invalidMeta(path: string, what: string): IngestProblem {
  return {
    path,
    code: 'invalid-meta',
    severity: 'warning',
    message: `Metadata sidecar ${what}; it was ignored. Expected a JSON object with any of id, title, docNumber, issuedDate (YYYY-MM-DD), issuer, docType, inForce (boolean), sourceUrl.`,
  };
}
