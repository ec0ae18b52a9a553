import { extname } from 'node:path';
import { LOADERS } from '../ingest/loaders';

/** Longest accepted file name, in UTF-8 bytes (most file systems stop at 255). */
const MAX_NAME_BYTES = 200;
// Separators, characters Windows forbids (knowledge/ may be shared over SMB), and control characters.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[/\\<>:"|?*\u0000-\u001f\u007f]/;

export type FileNameProblem = 'empty' | 'path' | 'hidden' | 'characters' | 'too-long' | 'type';

/**
 * Checks an uploaded file's name before anything is written: a plain name (no folder part, no
 * "..", not hidden, no control or reserved characters, at most 200 bytes) with an extension a
 * loader reads. The name is NFC-normalised, so "Nghị quyết 03.pdf" typed on a Mac is the same file
 * as on Windows. Names are refused rather than rewritten, so the admin knows what was stored.
 */
export function checkUploadName(raw: string): { name: string } | { problem: FileNameProblem } {
  const name = raw.normalize('NFC').trim();
  if (name === '') return { problem: 'empty' };
  if (name.includes('/') || name.includes('\\') || name === '..' || name.includes('..')) return { problem: 'path' };
  if (name.startsWith('.')) return { problem: 'hidden' };
  if (FORBIDDEN.test(name)) return { problem: 'characters' };
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) return { problem: 'too-long' };
  if (!LOADERS.has(extname(name).toLowerCase())) return { problem: 'type' };
  return { name };
}

/** The extensions an upload may have, for messages: ".txt, .md, …". */
export function acceptedExtensions(): string[] {
  return [...LOADERS.keys()];
}
