import { randomBytes } from 'node:crypto';
import { createWriteStream, linkSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { checkUploadName, type FileNameProblem } from './safe-file-name';

/** Why an upload was refused; `status` is the HTTP status to answer with. */
export class UploadRefused extends Error {
  constructor(
    readonly status: number,
    readonly reason: 'not-multipart' | 'too-large' | 'no-file' | 'several-files' | 'exists' | 'malformed' | FileNameProblem,
    message: string,
  ) {
    super(message);
    this.name = 'UploadRefused';
  }
}

export interface ReceivedUpload {
  /** The file name in the knowledge folder (NFC). */
  name: string;
  bytes: number;
  /** True when an existing file of that name was replaced (`overwrite`). */
  replaced: boolean;
}

// Multipart framing around the one file: boundaries, part headers, a field or two.
const FRAMING_BYTES = 64 * 1024;

/**
 * Streams the `file` field of a multipart request into `dir` (the knowledge folder): to a hidden
 * temporary file first (ingestion and the watch skip hidden files), then linked into place, so a
 * half-received file is never indexed and an existing one is replaced only with `overwrite`
 * (atomically, by rename). Refuses (UploadRefused) a request that is not multipart, has no `file`
 * part or more than one file, a file over `maxBytes` (the body is not kept), an unsafe name or an
 * unsupported type; nothing of a refused request is kept.
 */
export async function receiveUpload({ req, dir, maxBytes, overwrite }: { req: IncomingMessage; dir: string; maxBytes: number; overwrite: boolean }): Promise<ReceivedUpload> {
  if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) {
    throw new UploadRefused(415, 'not-multipart', 'Expected a multipart/form-data body with the document in a field named "file".');
  }
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes + FRAMING_BYTES) {
    throw new UploadRefused(413, 'too-large', `The request has ${declared} bytes; a document may have at most ${maxBytes}.`);
  }
  let parser: busboy.Busboy;
  try {
    // Browsers send UTF-8 file names (busboy's default is latin1); the raw name is kept so that a
    // name with a folder part is refused, not silently cut to its last part.
    parser = busboy({ headers: req.headers, defParamCharset: 'utf8', preservePath: true, limits: { fileSize: maxBytes, files: 1, fields: 8, parts: 10 } });
  } catch (cause) {
    throw new UploadRefused(400, 'malformed', `The multipart body cannot be read (${(cause as Error).message}).`);
  }
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.upload-${randomBytes(8).toString('hex')}.part`);
  let stored: { name: string; bytes: number } | undefined;
  let refused: UploadRefused | undefined;
  const writes: Promise<void>[] = [];
  let writeFailure: Error | undefined;

  // busboy stops at one file (`files: 1`) and says so: a second file is refused, not silently dropped.
  parser.on('filesLimit', () => {
    refused ??= new UploadRefused(400, 'several-files', 'Expected exactly one file per upload; this request has more than one file part.');
  });
  parser.on('file', (field, stream, info) => {
    if (field !== 'file' || stored !== undefined || refused !== undefined) return void stream.resume();
    const checked = checkUploadName(info.filename ?? '');
    if ('problem' in checked) {
      refused = new UploadRefused(checked.problem === 'type' ? 415 : 400, checked.problem, `The file name "${info.filename ?? ''}" is not accepted (${checked.problem}).`);
      return void stream.resume();
    }
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => void (bytes += chunk.length));
    stream.on('limit', () => {
      refused = new UploadRefused(413, 'too-large', `The file is larger than ${maxBytes} bytes, the most a document may have.`);
    });
    writes.push(
      pipeline(stream, createWriteStream(temp, { flags: 'wx' })).then(
        () => void (stored = { name: checked.name, bytes }),
        (error: Error) => void (writeFailure = error),
      ),
    );
  });
  try {
    await pipeline(req, parser);
    await Promise.all(writes);
    if (writeFailure !== undefined) throw writeFailure;
  } catch (cause) {
    rmSync(temp, { force: true });
    if (refused !== undefined) throw refused;
    throw new UploadRefused(400, 'malformed', `The multipart body ended early or is malformed (${(cause as Error).message}).`);
  }
  if (refused !== undefined || stored === undefined) {
    rmSync(temp, { force: true });
    throw refused ?? new UploadRefused(400, 'no-file', 'Expected the document in a multipart field named "file".');
  }
  return placeFile({ temp, dir, file: stored, overwrite });
}

function placeFile({ temp, dir, file, overwrite }: { temp: string; dir: string; file: { name: string; bytes: number }; overwrite: boolean }): ReceivedUpload {
  const target = join(dir, file.name);
  try {
    // A hard link fails if the name exists, so two uploads of one name cannot both win.
    linkSync(temp, target);
    return { ...file, replaced: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (!overwrite) throw new UploadRefused(409, 'exists', `A file named "${file.name}" is already in the knowledge folder. Send it again with ?overwrite=1 to replace it.`);
    renameSync(temp, target);
    return { ...file, replaced: true };
  } finally {
    rmSync(temp, { force: true });
  }
}
