import { extname } from 'node:path';
import { LOADERS } from '../ingest/loaders';

/** Longest accepted file name, in UTF-8 bytes (most file systems stop at 255). */
const MAX_NAME_BYTES = 200;
// Separators, characters Windows forbids (knowledge/ may be shared over SMB), and control characters.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[/\\<>:"|?*\u0000-\u001f\u007f]/;

/**
 * Bidirectional controls (ALM, LRM, RLM, the embeddings and overrides U+202A–U+202E, the isolates
 * U+2066–U+2069): "hoso\u202Efdp.exe" shows as "hosoexe.pdf", so a name could show one type and be another.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export type FileNameProblem = 'empty' | 'path' | 'hidden' | 'characters' | 'bidi' | 'too-long' | 'type';

/**
 * Checks an uploaded file's name before anything is written: a plain name (no folder part, no
 * "..", not hidden, no control, reserved or bidirectional-control characters, at most 200 bytes) with an extension a
 * loader reads. The name is NFC-normalised, so "Nghị quyết 03.pdf" typed on a Mac is the same file
 * as on Windows. Names are refused rather than rewritten, so the admin knows what was stored.
 */
export function checkUploadName(raw: string): { name: string } | { problem: FileNameProblem } {
  const name = raw.normalize('NFC').trim();
  if (name === '') return { problem: 'empty' };
  if (name.includes('/') || name.includes('\\') || name === '..' || name.includes('..')) return { problem: 'path' };
  if (name.startsWith('.')) return { problem: 'hidden' };
  if (FORBIDDEN.test(name)) return { problem: 'characters' };
  if (BIDI_CONTROLS.test(name)) return { problem: 'bidi' };
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) return { problem: 'too-long' };
  if (!LOADERS.has(extname(name).toLowerCase())) return { problem: 'type' };
  return { name };
}

/** The extensions an upload may have, for messages: ".txt, .md, …". */
export function acceptedExtensions(): string[] {
  return [...LOADERS.keys()];
}
