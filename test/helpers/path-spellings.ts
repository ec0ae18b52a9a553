import { request } from 'node:http';
import { connect as connectTcp } from 'node:net';

const hex = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * Other spellings of one URL path, as an attacker would try them to slip past a check that reads
 * the path differently from the router: each letter and each slash percent-encoded (upper- and
 * lower-case hex), double encoding, case changes, duplicate and dot segments, trailing
 * characters, matrix parameters, backslashes, overlong UTF-8 and look-alike letters. Sent raw
 * (`rawRequest`), as `fetch` would normalise some of them away.
 */
export function pathSpellings(path: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < path.length; i++) {
    const c = path[i] ?? '';
    if (!/[a-z/]/i.test(c)) continue;
    out.add(`${path.slice(0, i)}${hex(c)}${path.slice(i + 1)}`);
    out.add(`${path.slice(0, i)}${hex(c).toLowerCase()}${path.slice(i + 1)}`);
    if (c !== '/') out.add(`${path.slice(0, i)}%25${hex(c).slice(1)}${path.slice(i + 1)}`);
  }
  const segments = path.split('/').filter((s) => s !== '');
  const [first = '', ...rest] = segments;
  const tail = rest.length > 0 ? `/${rest.join('/')}` : '';
  for (const variant of [
    path.toUpperCase(),
    `/${first[0]?.toUpperCase() ?? ''}${first.slice(1)}${tail}`,
    `/${[...path.slice(1)].map((ch) => `%${ch.charCodeAt(0).toString(16)}`).join('')}`,
    `//${path.slice(1)}`,
    `/${first}//${rest.join('/')}`,
    `/./${path.slice(1)}`,
    `/${first}/./${rest.join('/')}`,
    `/x/../${path.slice(1)}`,
    `/%2e/${path.slice(1)}`,
    `/x/%2e%2e/${path.slice(1)}`,
    `/${first}%2f${rest.join('%2f')}`,
    `/${first}%5c${rest.join('%5c')}`,
    `\\${first}\\${rest.join('\\')}`,
    `${path}/`,
    `${path}//`,
    `${path}/.`,
    `${path}.`,
    `${path}%20`,
    `${path}%00`,
    `${path}%09`,
    `${path};x`,
    `${path};`,
    `/${first};x${tail}`,
    `/${first};jsessionid=1${tail}`,
    `${path}?`,
    `${path}#`,
    `${path}%3f`,
    `${path}%23`,
    `/${first}%ff${tail}`,
    `/%c1%a1${path.slice(2)}`,
    `/%ef%bc%a1${path.slice(2)}`,
  ]) {
    out.add(variant);
  }
  out.delete(path);
  return [...out];
}

/** One HTTP request with the request target exactly as given (no URL normalisation); status and body. */
export function rawRequest({ url, method, target, headers = {}, body }: { url: string; method: string; target: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path: target, headers: { ...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends a WebSocket upgrade request for `target` over a raw socket; resolves with the status line (or '' when the socket just closed), then closes it. */
export function rawUpgrade(url: string, target: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: hostname, port: Number(port) }, () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
    });
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (!text.includes('\r\n')) return;
      resolve(text.split('\r\n')[0] ?? '');
      socket.destroy();
    });
    socket.on('end', () => resolve(text.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
    socket.setTimeout(5000, () => {
      socket.destroy();
      reject(new Error(`no answer to the upgrade of ${target.slice(0, 100)}`));
    });
  });
}
