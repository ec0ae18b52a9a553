import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'restify';
import type { Config } from '../../config/config';
import type { Logger } from '../../config/logger';
import { clientAddress } from './client-address';
import { RateLimits, sendRateLimited, type RateLimitHit } from './rate-limits';
import type { ServerMetrics } from './server-metrics';

/** Probes and metrics: never limited. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
/**
 * Reading one's own conversation: Web Chat polls every second, and a whole office behind one NAT
 * address polls at once. These are charged to the address only when they fail (a wrong token, an
 * unknown conversation), so a reader is never refused and a prober still is.
 */
const READS = [/^\/v3\/directline\/conversations\/[^/]+\/activities$/, /^\/v3\/directline\/conversations\/[^/]+$/];
/** The public route that opens a web chat conversation: it has its own, smaller budget as well. */
const SESSION_PATH = '/api/webchat/token';

/** Rate limiting of every entry point, keyed on the real client address (TROLY_TRUST_PROXY). */
export interface Admission {
  /** A restify `pre` step: true when the request may go on; otherwise the 429 has been sent. */
  http(req: Request, res: Response): Promise<boolean>;
  /** For a WebSocket upgrade (outside restify): the hit when the address is over its budget. */
  upgrade(req: IncomingMessage): Promise<RateLimitHit | undefined>;
  /** The per-conversation message budget: checked before a message is handled, spent when it was accepted. */
  checkConversation(key: string): Promise<RateLimitHit | undefined>;
  spendConversation(key: string): Promise<void>;
  /** Counts and answers a hit: 429, Retry-After, `troly_rate_limited_total{scope}`. */
  refuse(res: Response, hit: RateLimitHit): void;
}

/**
 * One limiter for every route, counted in `troly_rate_limited_total`:
 * - every request takes one unit of its address's budget on arrival (TROLY_RATE_LIMIT_IP_PER_MINUTE),
 *   WebSocket upgrades included, except probes, the bot's own connector calls, and
 * - reads of a conversation (polling) and, in Bot Framework mode, `/api/messages` (the channel
 *   service sends every Teams user's messages from a few addresses): these are refused when the
 *   address has spent its budget, but spend it only when they fail, so unauthenticated floods
 *   are still cut off;
 * - `/api/webchat/token` also takes one unit of the address's session budget
 *   (TROLY_RATE_LIMIT_SESSIONS_PER_MINUTE): each call opens a conversation.
 */
export function createAdmission({ config, metrics, logger }: { config: Config; metrics: ServerMetrics; logger: Logger }): Admission {
  const { tunables } = config;
  const limits = new RateLimits({ ipPerMinute: tunables.rateLimitIpPerMinute, sessionPerMinute: tunables.rateLimitSessionsPerMinute, conversationPerMinute: tunables.rateLimitConversationPerMinute });
  const localMode = config.bot.appId === undefined;
  const addressOf = (req: IncomingMessage) => clientAddress(req, { trustProxy: config.trustProxy });
  const spendLater = (scope: 'ip' | 'conversation', key: string) => limits.spend(scope, key).catch((error: unknown) => logger.warn({ err: error }, 'rate limit bookkeeping failed'));

  const refuse = (res: Response, hit: RateLimitHit) => {
    metrics.recordRateLimited(hit.scope);
    sendRateLimited(res, hit);
  };

  return {
    refuse,
    async http(req, res) {
      const path = req.path();
      if (QUIET_PATHS.has(path)) return true;
      const address = addressOf(req);
      const chargedOnFailure = (req.method === 'GET' && READS.some((pattern) => pattern.test(path))) || (path === '/api/messages' && !localMode);
      if (chargedOnFailure) {
        const hit = await limits.check('ip', address);
        if (hit !== undefined) return (refuse(res, hit), false);
        res.once('finish', () => {
          if (res.statusCode >= 400) void spendLater('ip', address);
        });
        return true;
      }
      const hit = (await limits.take('ip', address)) ?? (req.method === 'POST' && path === SESSION_PATH ? await limits.take('session', address) : undefined);
      if (hit !== undefined) return (refuse(res, hit), false);
      return true;
    },
    async upgrade(req) {
      const hit = await limits.take('ip', addressOf(req));
      if (hit !== undefined) metrics.recordRateLimited(hit.scope);
      return hit;
    },
    checkConversation: (key) => limits.check('conversation', key),
    spendConversation: (key) => limits.spend('conversation', key),
  };
}
