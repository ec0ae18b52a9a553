import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Response } from 'restify';
import { sendError } from '../http-error';

/** A limit hit: how long until the caller may try again. */
export interface RateLimitHit {
  retryAfterSeconds: number;
}

/**
 * Per-client-address and per-conversation request budgets over a sliding minute
 * (rate-limiter-flexible, in memory: each server process counts its own). A limit of 0 is off.
 * The address budget is taken when a request arrives. The conversation budget is checked when a
 * message arrives but only spent when it was accepted (status < 400), so that nobody can use up
 * another conversation's budget with requests that fail authentication.
 */
export class RateLimits {
  private readonly perIp: RateLimiterMemory | undefined;
  private readonly perConversation: RateLimiterMemory | undefined;

  constructor({ ipPerMinute, conversationPerMinute }: { ipPerMinute: number; conversationPerMinute: number }) {
    this.perIp = ipPerMinute > 0 ? new RateLimiterMemory({ points: ipPerMinute, duration: 60 }) : undefined;
    this.perConversation = conversationPerMinute > 0 ? new RateLimiterMemory({ points: conversationPerMinute, duration: 60 }) : undefined;
  }

  /** Spends one request of the address's budget; a hit when it was already spent. */
  async takeIp(address: string): Promise<RateLimitHit | undefined> {
    if (this.perIp === undefined) return undefined;
    try {
      await this.perIp.consume(address);
      return undefined;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return hit(rejection);
      throw rejection;
    }
  }

  /** A hit when the conversation has used its budget; spends nothing. */
  async checkConversation(conversationId: string): Promise<RateLimitHit | undefined> {
    const state = await this.perConversation?.get(conversationId);
    return state !== undefined && state !== null && state.remainingPoints <= 0 ? hit(state) : undefined;
  }

  /** Spends one message of the conversation's budget (after it was accepted). */
  async spendConversation(conversationId: string): Promise<void> {
    await this.perConversation?.penalty(conversationId, 1);
  }
}

function hit(state: RateLimiterRes): RateLimitHit {
  return { retryAfterSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)) };
}

/** 429 with Retry-After and a reason an API client can act on (English: the page shows Web Chat's own notice). */
export function sendRateLimited(res: Response, { scope, limit, retryAfterSeconds }: { scope: 'ip' | 'conversation'; limit: number; retryAfterSeconds: number }): void {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  const who = scope === 'ip' ? 'this client address' : 'this conversation';
  sendError(res, 429, 'TooManyRequests', `Rate limit exceeded: at most ${limit} ${scope === 'ip' ? 'requests' : 'messages'} per minute from ${who}. Retry after ${retryAfterSeconds} s.`);
}
