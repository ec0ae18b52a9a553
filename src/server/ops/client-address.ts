import type { IncomingHttpHeaders } from 'node:http';

/** What the address is read from: a restify request or a bare upgrade request. */
interface Incoming {
  headers: IncomingHttpHeaders;
  socket?: { remoteAddress?: string | undefined } | null;
}

/**
 * The client's address for rate limits and logs. Behind a reverse proxy (`trustProxy`) it is the
 * proxy's `X-Real-IP`, else the last `X-Forwarded-For` entry (the one the proxy appended; earlier
 * ones come from the client and can be forged). Without `trustProxy` the headers are ignored, as
 * anyone could send them.
 */
export function clientAddress(req: Incoming, { trustProxy }: { trustProxy: boolean }): string {
  if (trustProxy) {
    const real = header(req.headers['x-real-ip'])?.trim();
    if (real !== undefined && real !== '') return normalize(real);
    const forwarded = header(req.headers['x-forwarded-for'])?.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const last = forwarded?.at(-1);
    if (last !== undefined) return normalize(last);
  }
  return normalize(req.socket?.remoteAddress ?? 'unknown');
}

/** A repeated header counts as its last value (the one the proxy set last). */
function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.at(-1) : value;
}

/** `::ffff:10.0.0.5` (IPv4 on a dual-stack socket) → `10.0.0.5`, so one client has one key; bounded, as it becomes a key. */
function normalize(address: string): string {
  return (address.startsWith('::ffff:') ? address.slice(7) : address).slice(0, 64);
}
