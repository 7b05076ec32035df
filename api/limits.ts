// Per-client limits: who the client is, how fast it may publish, how many connections it may hold.
import type { IncomingMessage } from 'node:http';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * The client's IP. X-Forwarded-For is only believed behind a proxy we run (TRUST_PROXY): anyone can send
 * the header, and believing it would let one client pose as many and walk past every per-IP limit. The
 * rightmost entry is the one our proxy appended; entries to its left are whatever the client claimed.
 */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const xff = req.headers['x-forwarded-for'];
    const last = (Array.isArray(xff) ? xff.join(',') : (xff ?? ''))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .pop();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSec: number };

/** Publishes per client IP: a steady rate plus a burst allowance, shared by HTTP and WebSocket publishes. */
export class PublishRateLimiter {
  private readonly limiter: BurstyRateLimiter;

  constructor(ratePerSec: number, burst: number) {
    this.limiter = new BurstyRateLimiter(
      new RateLimiterMemory({ keyPrefix: 'publish', points: ratePerSec, duration: 1 }),
      new RateLimiterMemory({ keyPrefix: 'publish-burst', points: burst, duration: 10 }),
    );
  }

  async take(ip: string): Promise<RateDecision> {
    try {
      await this.limiter.consume(ip);
      return { allowed: true };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return { allowed: false, retryAfterSec: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
  }
}
