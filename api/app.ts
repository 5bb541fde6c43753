// The HTTP API, built apart from listening so tests can drive it in-process or over the network.
import express from 'express';
import { bearerAuth } from './auth';
import { contextFrom, type ApiDeps } from './context';
import { openApiDocument } from './openapi';
import { problemHandler, problems } from './problems';
import { TokenBuckets } from './rate-limit';
import { codecRoutes } from './routes/codec';
import { complaintRoutes } from './routes/complaints';
import { customerRoutes } from './routes/customer';
import { webhookRoutes } from './routes/webhooks';

export type { ApiDeps } from './context';

export function createApp(deps: ApiDeps): express.Express {
  const ctx = contextFrom(deps);
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  if (deps.trustProxy)
    app.set('trust proxy', /^\d+$/.test(deps.trustProxy) ? Number(deps.trustProxy) : deps.trustProxy);
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });

  // 200 only when Temporal answers: a load balancer should not send complaints to an API that
  // cannot start workflows.
  app.get('/healthz', async (_req, res) => {
    try {
      await deps.client.withDeadline(Date.now() + 5000, () =>
        deps.client.connection.workflowService.describeNamespace({ namespace: deps.namespace }),
      );
      res.json({ status: 'ok', temporal: 'reachable' });
    } catch (err) {
      res.status(503).json({
        status: 'unavailable',
        temporal: 'unreachable',
        reason: err instanceof Error ? err.message : String(err),
      });
    }
  });

  const document = openApiDocument();
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });

  const authFailures = new TokenBuckets({
    burst: ctx.limits.authFailuresPerMinute,
    perMinute: ctx.limits.authFailuresPerMinute,
  });

  // Before the staff routes: these have their own authentication (a link token, basic auth; the
  // codec endpoint takes a key or a URL token).
  app.use('/c', customerRoutes(ctx));
  app.use('/webhooks/postmark', webhookRoutes(ctx));
  app.use('/codec', codecRoutes(ctx, authFailures));
  app.use('/complaints', bearerAuth(ctx.keys, authFailures));
  app.use(complaintRoutes(ctx));

  app.use((req, _res, next) => next(problems.notFound(`No route ${req.method} ${req.path.slice(0, 200)}.`)));
  app.use(problemHandler(ctx.log));
  return app;
}
