// A token bucket per client address and route group, in memory. Enough for one API process: the
// customer pages and the webhooks are public URLs, and this keeps one client from flooding the
// workflows behind them. Several API processes would each allow the full rate.
import type { NextFunction, Request, Response } from 'express';
import { problems } from './problems';

export interface RateLimit {
  /** Requests allowed in a burst (the bucket's size). */
  burst: number;
  /** Sustained requests per minute (the refill rate). */
  perMinute: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
    /** Bounds memory under a flood of addresses: idle (full) buckets are dropped first. */
    private readonly maxKeys = 50_000,
  ) {}

  /** Takes a token; returns 0 when allowed, else the seconds until one is available. */
  take(key: string, cost = 1): number {
    const now = this.now();
    const ratePerMs = this.limit.perMinute / 60_000;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.sweep(now);
      bucket = { tokens: this.limit.burst, updatedAt: now };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.updatedAt) * ratePerMs);
      bucket.updatedAt = now;
    }
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    return Math.max(1, Math.ceil((cost - bucket.tokens) / ratePerMs / 1000));
  }

  private sweep(now: number): void {
    const ratePerMs = this.limit.perMinute / 60_000;
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.updatedAt) * ratePerMs >= this.limit.burst) this.buckets.delete(key);
    }
    // Still full of busy clients: forget the oldest rather than grow without bound.
    if (this.buckets.size >= this.maxKeys) {
      const oldest = [...this.buckets.entries()].sort((a, b) => a[1].updatedAt - b[1].updatedAt);
      for (const [key] of oldest.slice(0, Math.ceil(this.maxKeys / 10))) this.buckets.delete(key);
    }
  }
}

export function clientKey(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** Express middleware: 429 problem with Retry-After once the caller's bucket is empty. */
export function rateLimit(buckets: TokenBuckets, group: string) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const wait = buckets.take(`${group}:${clientKey(req)}`);
    if (wait > 0) return next(problems.rateLimited(wait));
    next();
  };
}
