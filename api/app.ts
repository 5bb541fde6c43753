// The HTTP API, built apart from listening so tests can drive it in-process or over the network.
import express from 'express';
import { bearerAuth, staffRateLimit } from './auth';
import { contextFrom, type ApiDeps } from './context';
import { openApiDocument } from './openapi';
import { apiMetrics, observe } from './observability';
import { hostCheck, malformedPathCheck, strictApp, strictRouter } from './edge';
import { problemHandler, problems } from './problems';
import { healthRoutes } from './health/routes';
import { limiter } from './rate-limit';
import { consoleRoutes } from './console/routes';
import { attachmentRoutes } from './attachments/routes';
import { codecRouter } from './codec/routes';
import { complaintRoutes, unknownActionRoute } from './complaints/routes';
import { complainRouter } from './public-form/routes';
import { customerRouter } from './customer/routes';
import { erasureRoutes } from './erasure/routes';
import { letterRoutes } from './letters/routes';
import { opsRoutes } from './ops/routes';
import { mount } from './http/route';
import { replyAddressRoutes } from './reply-address/routes';
import { insightsRoutes } from './insights/routes';
import { webhookRouter } from './webhooks/routes';
import { telegramRouter } from './telegram/routes';

export type { ApiDeps } from './context';

/**
 * Security headers on every answer. The API answers JSON: nothing in it may run, be framed or be
 * read by another origin. The customer pages replace the CSP with their own (inline styles, forms).
 * HSTS only counts over HTTPS (the TLS proxy in temporal-compose.yml); browsers ignore it on HTTP.
 */
function securityHeaders(_req: express.Request, res: express.Response, next: express.NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  );
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('X-DNS-Prefetch-Control', 'off');
  res.setHeader('X-Permitted-Cross-Domain-Policies', 'none');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  next();
}

export function createApp(deps: ApiDeps): express.Express {
  const ctx = contextFrom(deps);
  const app = strictApp(express());
  app.disable('x-powered-by');
  app.disable('etag');
  if (deps.trustProxy)
    app.set('trust proxy', /^\d+$/.test(deps.trustProxy) ? Number(deps.trustProxy) : deps.trustProxy);
  app.use(securityHeaders);
  // Request log and metrics first, so every answer is counted (refusals included). The metrics are
  // served on a port of their own (api/server.ts), never here.
  const metrics = deps.metrics ?? apiMetrics();
  if (metrics) app.use(...observe(metrics, deps.logger));

  // Failed authentication and requests per staff key count in the case store, so every API process
  // behind a proxy enforces one limit (api/rate-limit.ts); without a store, per process.
  const authFailures = limiter(
    ctx.store,
    'auth-failures',
    { burst: ctx.limits.authFailuresPerMinute, perMinute: ctx.limits.authFailuresPerMinute },
    ctx.log,
  );
  // Before any route: the Host (DNS rebinding), then a path that does not decode (400, rate limited).
  app.use(hostCheck(deps.allowedHosts ?? []));
  app.use(malformedPathCheck(authFailures));
  const staffBuckets = limiter(
    ctx.store,
    'staff',
    { burst: ctx.limits.staffPerMinute, perMinute: ctx.limits.staffPerMinute },
    ctx.log,
  );
  const staff = [bearerAuth(ctx.keys, authFailures), staffRateLimit(staffBuckets)];

  app.use(mount(strictRouter(), healthRoutes, ctx, { before: { staff } }));

  // Browsers ask every site for an icon: an empty answer, not a 404 logged on every page.
  app.get('/favicon.ico', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.status(204).end();
  });

  const document = openApiDocument();
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });

  // Before the staff routes: these have their own authentication (a link token, basic auth, the
  // Telegram secret; the codec endpoint takes a key or a URL token).
  app.use('/c', customerRouter(ctx));
  app.use('/complain', complainRouter(ctx, { secret: deps.pageTokenSecret, ...deps.publicForm }));
  app.use('/webhooks/postmark', webhookRouter(ctx));
  app.use('/webhooks/telegram', telegramRouter(ctx));
  app.use('/codec', codecRouter(ctx, authFailures));
  // The staff console: its own sessions and CSRF tokens instead of Bearer keys. Letters and
  // attachments are served there too, through the same functions as the API's routes.
  app.use(
    '/console',
    consoleRoutes(ctx, deps.console, staffBuckets, {
      letters: ctx.letters,
      attachments: deps.publicForm?.attachments,
    }),
  );

  app.use('/complaints', ...staff);
  app.use(mount(strictRouter(), erasureRoutes, ctx));
  app.use(mount(strictRouter(), letterRoutes, ctx));
  app.use(mount(strictRouter(), attachmentRoutes, ctx));
  app.use(mount(strictRouter(), replyAddressRoutes, ctx));
  app.use(unknownActionRoute(mount(strictRouter(), complaintRoutes, ctx), ctx));
  app.use('/ops', ...staff);
  app.use(mount(strictRouter(), opsRoutes, ctx));
  app.use(['/insights', '/reports'], ...staff);
  app.use(mount(strictRouter(), insightsRoutes, ctx));

  app.use((req, _res, next) => next(problems.notFound(`No route ${req.method} ${req.path.slice(0, 200)}.`)));
  app.use(problemHandler(ctx.log));
  return app;
}
