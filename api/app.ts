// The HTTP API, built apart from listening so tests can drive it in-process or over the network.
import express from 'express';
import { bearerAuth, requireRole, staffRateLimit } from './auth';
import { contextFrom, type ApiDeps } from './context';
import { openApiDocument } from './openapi';
import { apiMetrics, observe } from './observability';
import { hostCheck, malformedPathCheck, strictApp } from './edge';
import { problemHandler, problems } from './problems';
import type { Health, HealthDetails } from './schemas';
import { limiter } from './rate-limit';
import { currentCalendarWarnings } from '../infra/calendar-watch';
import { consoleRoutes } from './console/routes';
import { attachmentRoutes } from './routes/attachments';
import { codecRoutes } from './routes/codec';
import { complaintRoutes } from './routes/complaints';
import { complainRoutes } from './routes/complain';
import { customerRoutes } from './routes/customer';
import { erasureRoutes } from './routes/erasure';
import { letterRoutes, letterSettings } from './routes/letters';
import { opsRoutes } from './routes/ops';
import { replyAddressRoutes } from './routes/reply-address';
import { insightsRoutes } from './routes/insights';
import { webhookRoutes } from './routes/webhooks';
import { telegramRoutes } from './routes/telegram';

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

  // 200 only when Temporal answers: a load balancer should not send complaints to an API that
  // cannot start workflows. The public answer says no more than that (an error's text can name
  // hosts, ports and versions); operators read the details.
  let healthyBefore = true;
  async function checkTemporal(): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
    const started = Date.now();
    try {
      await deps.client.withDeadline(Date.now() + 5000, () =>
        deps.client.connection.workflowService.describeNamespace({ namespace: deps.namespace }),
      );
      healthyBefore = true;
      return { ok: true, latencyMs: Date.now() - started };
    } catch (err) {
      // Logged when it starts failing, not at every probe of a load balancer.
      if (healthyBefore) ctx.log('health check: Temporal did not answer', err);
      healthyBefore = false;
      return {
        ok: false,
        latencyMs: Date.now() - started,
        error: err instanceof Error ? err.message : String(err),
      };
    }
  }
  app.get('/healthz', async (_req, res) => {
    const check = await checkTemporal();
    res.setHeader('Cache-Control', 'no-store');
    const body: Health = check.ok
      ? { status: 'ok', temporal: 'reachable' }
      : { status: 'unavailable', temporal: 'unreachable', reason: 'Temporal is not reachable.' };
    res.status(check.ok ? 200 : 503).json(body);
  });
  function calendarHealth(): Pick<HealthDetails, 'calendar'> {
    let policy;
    try {
      policy = ctx.snapshot().policy;
    } catch {
      return {}; // no policy to tell about (an API built without one)
    }
    const clock = policy.clock;
    return {
      calendar: {
        clock: clock.kind,
        ...(clock.kind === 'business' && clock.calendar
          ? {
              country: clock.calendar.country,
              source: clock.calendar.source,
              through: clock.calendar.through,
            }
          : {}),
        warnings: currentCalendarWarnings(policy),
      },
    };
  }
  app.get('/healthz/details', ...staff, async (req, res) => {
    requireRole(req, ['operator'], 'Health details');
    const [check, store] = await Promise.all([checkTemporal(), deps.storeHealth?.check()]);
    res.setHeader('Cache-Control', 'no-store');
    const body: HealthDetails = {
      status: check.ok ? 'ok' : 'unavailable',
      temporal: check.ok ? 'reachable' : 'unreachable',
      namespace: deps.namespace,
      latencyMs: check.latencyMs,
      checkedAt: new Date().toISOString(),
      ...(check.error ? { reason: check.error.slice(0, 2000) } : {}),
      ...(store
        ? {
            store: {
              status: store.up ? ('reachable' as const) : ('unreachable' as const),
              since: store.since,
              ...(store.error ? { reason: store.error.slice(0, 2000) } : {}),
            },
          }
        : {}),
      ...calendarHealth(),
    };
    res.status(check.ok ? 200 : 503).json(body);
  });

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
  app.use('/c', customerRoutes(ctx));
  app.use('/complain', complainRoutes(ctx, { secret: deps.pageTokenSecret, ...deps.publicForm }));
  app.use('/webhooks/postmark', webhookRoutes(ctx));
  app.use('/webhooks/telegram', telegramRoutes(ctx));
  app.use('/codec', codecRoutes(ctx, authFailures));
  // The staff console: its own sessions and CSRF tokens instead of Bearer keys. Letters and
  // attachments are served there too, through the same functions as the API's routes.
  const letters = letterSettings(deps.letters);
  app.use(
    '/console',
    consoleRoutes(ctx, deps.console, staffBuckets, {
      letters,
      attachments: deps.publicForm?.attachments,
    }),
  );

  app.use('/complaints', ...staff);
  app.use(erasureRoutes(ctx));
  app.use(letterRoutes(ctx, letters));
  app.use(attachmentRoutes(ctx, deps.publicForm?.attachments));
  app.use(replyAddressRoutes(ctx));
  app.use(complaintRoutes(ctx));
  app.use('/ops', ...staff);
  app.use(opsRoutes(ctx));
  app.use(['/insights', '/reports'], ...staff);
  app.use(insightsRoutes(ctx, deps.archive && (() => Promise.resolve(deps.archive!.store))));

  app.use((req, _res, next) => next(problems.notFound(`No route ${req.method} ${req.path.slice(0, 200)}.`)));
  app.use(problemHandler(ctx.log));
  return app;
}
