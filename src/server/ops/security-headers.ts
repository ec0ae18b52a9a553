import type { Response } from 'restify';

/**
 * Headers every response gets. The pages add their own Content-Security-Policy (`src/server/web`);
 * HSTS belongs to the TLS terminator (the reverse proxy), which knows whether HTTPS is in use.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // Older browsers that ignore CSP frame-ancestors: no framing by other sites (clickjacking).
  'X-Frame-Options': 'SAMEORIGIN',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
});

export function setSecurityHeaders(res: Response): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}
