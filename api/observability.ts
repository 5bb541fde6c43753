// The API's request log (pino-http: one JSON line per request with its request id, route, status,
// duration and the complaint it concerns — never a body, a key or a customer's link token) and its
// Prometheus metrics at GET /metrics (prom-client): request duration by route and status, intakes,
// and refusals.
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type express from 'express';
import { pinoHttp } from 'pino-http';
import { Counter, Histogram, Registry } from 'prom-client';
import { caseFields, type Log } from '../infra/logging';

export interface ApiMetrics {
  registry: Registry;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
  intakes: Counter<'outcome'>;
  refusals: Counter<'route' | 'status'>;
}

/** The API's series in `registry` (a fresh one by default; the server adds the process's own). */
export function apiMetrics(registry: Registry = new Registry()): ApiMetrics {
  return {
    registry,
    requestDuration: new Histogram({
      name: 'complaint_api_request_duration_seconds',
      help: 'HTTP request duration, by method, route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    intakes: new Counter({
      name: 'complaint_api_intakes_total',
      help: 'Complaints taken in through POST /complaints, by outcome (created, repeated)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    refusals: new Counter({
      name: 'complaint_api_refusals_total',
      help: 'Requests refused with a 4xx problem, by route and status',
      labelNames: ['route', 'status'],
      registers: [registry],
    }),
  };
}

/** The route a request matched ("/complaints/:id/diagnosis"), a bounded label; "unmatched" otherwise. */
function routeOf(req: express.Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}

/** The path without the query, and without the credentials some paths carry (link and codec tokens). */
export function safePath(url: string): string {
  return url
    .split('?')[0]
    .replace(/^\/c\/[^/]+/, '/c/[token]')
    .replace(/^\/codec\/t\/[^/]+/, '/codec/t/[token]')
    .slice(0, 300);
}

const complaintPath = /^\/complaints\/([A-Za-z0-9_-]{1,100})(?:\/|$)/;

export function observe(metrics: ApiMetrics, log: Log | undefined): express.RequestHandler[] {
  const measure: express.RequestHandler = (req, res, next) => {
    const end = metrics.requestDuration.startTimer();
    res.once('finish', () => {
      const route = routeOf(req);
      const status = String(res.statusCode);
      end({ method: req.method, route, status });
      if (res.statusCode >= 400 && res.statusCode < 500) metrics.refusals.inc({ route, status });
      if (req.method === 'POST' && route === '/complaints' && res.statusCode < 300)
        metrics.intakes.inc({ outcome: res.statusCode === 201 ? 'created' : 'repeated' });
    });
    next();
  };
  if (!log) return [measure];
  const requests = pinoHttp({
    logger: log,
    quietReqLogger: true,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id =
        typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : crypto.randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Probes and scrapes would drown the log.
    autoLogging: { ignore: (req) => req.url === '/metrics' || req.url === '/healthz' },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customProps: (req, res) => {
      const url = (req as express.Request).originalUrl ?? req.url ?? '';
      const id: unknown =
        complaintPath.exec(safePath(url))?.[1] ?? (res as express.Response).locals?.complaintId;
      const route = (req as express.Request).route ? routeOf(req as express.Request) : undefined;
      return {
        ...(typeof id === 'string' ? caseFields({ complaintId: id }) : {}),
        ...(route ? { route } : {}),
      };
    },
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string }) => ({
        id: req.id,
        method: req.method,
        url: safePath(req.url ?? ''),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  });
  return [requests, measure];
}

export function metricsEndpoint(metrics: ApiMetrics): express.RequestHandler {
  return (_req, res, next) => {
    metrics.registry.metrics().then((text) => {
      res.setHeader('Content-Type', metrics.registry.contentType);
      res.setHeader('Cache-Control', 'no-store');
      res.send(text);
    }, next);
  };
}
