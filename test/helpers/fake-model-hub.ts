import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** How the fake hub misbehaves, to test the downloader's bounds. */
export type HubBehaviour = 'serve' | 'silent' | 'stall-body';

/**
 * A stand-in for the Hugging Face Hub on 127.0.0.1: serves `<modelsDir>/<id>/<file>` at
 * `/<id>/resolve/main/<file>` (404 otherwise), or misbehaves as told. Records every path asked for.
 */
export async function startFakeModelHub({ modelsDir, behaviour = 'serve' }: { modelsDir: string; behaviour?: HubBehaviour }): Promise<{
  url: string;
  requests: string[];
  close(): Promise<void>;
}> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://hub').pathname);
    requests.push(path);
    if (behaviour === 'silent') return; // accept the connection, never answer
    const match = /^\/(.+)\/resolve\/main\/(.+)$/.exec(path);
    if (match === null) return void res.writeHead(404).end('not found');
    readFile(join(modelsDir, match[1] as string, match[2] as string)).then(
      (body) => {
        res.writeHead(200, { 'content-length': body.byteLength, 'content-type': 'application/octet-stream' });
        if (behaviour === 'stall-body') res.write(body.subarray(0, Math.min(8, body.byteLength)));
        else res.end(body);
      },
      () => void res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A local port with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
