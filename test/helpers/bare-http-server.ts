import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A plain Node HTTP server on 127.0.0.1 and a free port, to attach the Direct Line streams to on their own. */
export async function startBareHttpServer(): Promise<{ http: Server; wsBase: string; close(): Promise<void> }> {
  const http = createServer((_req, res) => res.end());
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    http,
    wsBase: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}
