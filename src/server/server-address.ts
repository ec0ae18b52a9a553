import type { AddressInfo } from 'node:net';

/**
 * The address this process can reach itself at (the Direct Line bridge's `serviceUrl`): a wildcard
 * listen address becomes the loopback of the same family.
 */
export function selfUrl(address: AddressInfo): string {
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/** Where people reach the server: TROLY_PUBLIC_URL when set, else the listen address (wildcards as localhost). */
export function publicBaseUrl({ publicUrl, address }: { publicUrl: string | undefined; address: AddressInfo }): string {
  if (publicUrl !== undefined) return publicUrl.replace(/\/+$/, '');
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? 'localhost' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/** `http(s)://` → `ws(s)://`. */
export function toWebSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/i, 'ws');
}
