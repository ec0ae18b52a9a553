import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Response } from 'restify';
import { sendError } from '../http-error';

/** Which budget a refused request had used up, as `troly_rate_limited_total{scope}` counts it. */
export type RateLimitScope = 'ip' | 'session' | 'conversation';

/** A limit hit: which budget, its size, and how long until the caller may try again. */
export interface RateLimitHit {
  scope: RateLimitScope;
  limit: number;
  retryAfterSeconds: number;
}

/**
 * The request budgets over a sliding minute (rate-limiter-flexible, in memory: each server process
 * counts its own), one limiter per budget. A limit of 0 is off.
 * - `ip`: requests per client address, taken on arrival; `checkIp`/`spendIp` for routes that are
 *   charged only when they fail (see `admission.ts`).
 * - `session`: web chat conversations opened per client address.
 * - `conversation`: messages per conversation, checked on arrival but only spent when accepted
 *   (status < 400), so that nobody can use up another conversation's budget with requests that
 *   fail authentication.
 */
export class RateLimits {
  private readonly limiters: Record<RateLimitScope, { limiter: RateLimiterMemory; limit: number } | undefined>;

  constructor({ ipPerMinute, sessionPerMinute, conversationPerMinute }: { ipPerMinute: number; sessionPerMinute: number; conversationPerMinute: number }) {
    const make = (limit: number) => (limit > 0 ? { limiter: new RateLimiterMemory({ points: limit, duration: 60 }), limit } : undefined);
    this.limiters = { ip: make(ipPerMinute), session: make(sessionPerMinute), conversation: make(conversationPerMinute) };
  }

  /** Spends one unit of `key`'s budget in `scope`; a hit when it was already spent. */
  async take(scope: RateLimitScope, key: string): Promise<RateLimitHit | undefined> {
    const entry = this.limiters[scope];
    if (entry === undefined) return undefined;
    try {
      await entry.limiter.consume(key);
      return undefined;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return hit(scope, entry.limit, rejection);
      throw rejection;
    }
  }

  /** A hit when `key` has used its budget in `scope`; spends nothing. */
  async check(scope: RateLimitScope, key: string): Promise<RateLimitHit | undefined> {
    const entry = this.limiters[scope];
    const state = await entry?.limiter.get(key);
    return entry !== undefined && state !== undefined && state !== null && state.remainingPoints <= 0 ? hit(scope, entry.limit, state) : undefined;
  }

  /** Spends one unit of `key`'s budget in `scope` without refusing anything (after the fact). */
  async spend(scope: RateLimitScope, key: string): Promise<void> {
    await this.limiters[scope]?.limiter.penalty(key, 1);
  }
}

function hit(scope: RateLimitScope, limit: number, state: RateLimiterRes): RateLimitHit {
  return { scope, limit, retryAfterSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)) };
}

const WHAT: Record<RateLimitScope, string> = {
  ip: 'requests per minute from this client address',
  session: 'new web chat conversations per minute from this client address',
  conversation: 'messages per minute from this conversation',
};

/** The reason of a 429, for an API client to act on (English: the page shows Web Chat's own notice). */
export function rateLimitMessage({ scope, limit, retryAfterSeconds }: RateLimitHit): string {
  return `Rate limit exceeded: at most ${limit} ${WHAT[scope]}. Retry after ${retryAfterSeconds} s.`;
}

/** 429 with Retry-After and the reason. */
export function sendRateLimited(res: Response, limitHit: RateLimitHit): void {
  res.setHeader('Retry-After', String(limitHit.retryAfterSeconds));
  sendError(res, 429, 'TooManyRequests', rateLimitMessage(limitHit));
}
