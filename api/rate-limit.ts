// Rate limits. Two kinds:
// - TokenBuckets: a token bucket per client address and route group, in this process's memory. Used
//   for the public pages and the webhooks (customer pages, the form, Postmark, Telegram): each API
//   process allows the full rate, so behind a proxy with N processes a client gets up to N times
//   it; the proxy enforces the overall limit (docs/several-machines.md).
// - SharedLimits: fixed one-minute windows counted in the case store (rate_buckets, one atomic
//   UPSERT per hit), the same for every API process: failed authentication (wrong API keys, webhook
//   passwords, codec tokens, console sign-ins, undecodable paths) and requests per staff key. While
//   the store does not answer, each process falls back to its own buckets (still limited, per process).
import type { NextFunction, Request, Response } from 'express';
import { hitRateBucket, type Store } from '../infra/store';
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

/** Takes a hit on a key's bucket: 0 when allowed, else the seconds until the caller may try again. */
export interface Limiter {
  take(key: string, cost?: number): number | Promise<number>;
}

export class TokenBuckets implements Limiter {
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

/**
 * A limit counted in the case store, shared by every API process: at most `perMinute` hits per key
 * in each fixed minute (so up to twice that across a minute's boundary). `name` keeps limiters apart.
 */
export class SharedLimits implements Limiter {
  private readonly fallback: TokenBuckets;
  private failedAt = -Infinity;

  constructor(
    private readonly store: Store,
    readonly name: string,
    readonly limit: RateLimit,
    private readonly options: { now?: () => number; log?: (message: string, err?: unknown) => void } = {},
  ) {
    this.fallback = new TokenBuckets(limit, options.now);
  }

  async take(key: string, cost = 1): Promise<number> {
    const now = (this.options.now ?? Date.now)();
    // The store failed a moment ago: do not make every request wait for it again.
    if (now - this.failedAt < 5000) return this.fallback.take(key, cost);
    const windowStart = Math.floor(now / 60_000) * 60_000;
    try {
      const hits = await hitRateBucket(this.store, `${this.name}:${key}`, windowStart, cost);
      if (hits <= this.limit.perMinute) return 0;
      return Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000));
    } catch (err) {
      if (now - this.failedAt >= 60_000)
        this.options.log?.(`rate limit ${this.name}: the case store did not answer; counting in this process`, err);
      this.failedAt = now;
      return this.fallback.take(key, cost);
    }
  }
}

/**
 * A shared limiter when there is a store, else this process's own buckets. Processes count together
 * when they have the same name and limit (an app configured with another limit counts apart).
 */
export function limiter(
  store: Store | undefined,
  name: string,
  limit: RateLimit,
  log?: (message: string, err?: unknown) => void,
): Limiter {
  return store ? new SharedLimits(store, `${name}/${limit.perMinute}`, limit, { log }) : new TokenBuckets(limit);
}

export function clientKey(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** Express middleware: 429 problem with Retry-After once the caller's bucket is empty. */
export function rateLimit(buckets: Limiter, group: string) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    void Promise.resolve(buckets.take(`${group}:${clientKey(req)}`)).then(
      (wait) => next(wait > 0 ? problems.rateLimited(wait) : undefined),
      next,
    );
  };
}
