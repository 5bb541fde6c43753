// The router every webhook (Postmark's, Telegram's) is served by: the per-process rate limit first,
// then the webhook's own credential check — its failures counted in the case store, so every API
// process refuses a guesser together — and only then the routes (a stranger's post costs no parsing).
import type { RequestHandler, Router } from 'express';
import type { AppContext } from '../context';
import { strictRouter } from '../edge';
import { limiter, rateLimit, TokenBuckets, type Limiter } from '../rate-limit';
import { mount, type Route } from './route';

export function webhookRouter(
  ctx: AppContext,
  credential: (failures: Limiter) => RequestHandler,
  routes: readonly Route[],
  prefix: string,
): Router {
  const router = strictRouter();
  const buckets = new TokenBuckets({
    burst: ctx.limits.webhookPerMinute,
    perMinute: ctx.limits.webhookPerMinute,
  });
  const failures = limiter(
    ctx.store,
    'auth-failures',
    { burst: ctx.limits.authFailuresPerMinute, perMinute: ctx.limits.authFailuresPerMinute },
    ctx.log,
  );
  router.use(rateLimit(buckets, 'webhook'), credential(failures));
  return mount(router, routes, ctx, { prefix });
}
