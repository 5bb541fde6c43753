// The API's request log (pino-http: one JSON line per request with its request id, route, status,
// duration and the complaint it concerns — never a body, a key or a customer's link token) and its
// Prometheus metrics (prom-client): request duration by route and status, intakes, and refusals,
// served on a port of their own (API_METRICS_PORT), never on the API's.
import crypto from 'node:crypto';
import http from 'node:http';
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

/**
 * The path as the log keeps it: without the query, and without the credentials some paths carry
 * (link and codec tokens). Matched on the normalised path — percent-decoded where it decodes, any
 * case, repeated slashes as one — so no spelling of a token's path logs the token (the router
 * refuses those spellings, but the request is logged anyway).
 */
export function safePath(url: string): string {
  const path = url.split('?')[0];
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Logged as sent; the patterns below still apply.
  }
  const segments = decoded.split('/').filter((s, i) => i === 0 || s !== '');
  const lower = segments.map((s) => s.toLowerCase());
  if (lower[1] === 'c' && segments.length > 2) segments[2] = '[token]';
  else if (lower[1] === 'codec' && lower[2] === 't' && segments.length > 3) segments[3] = '[token]';
  else if (segments.some((s) => s.length > 64)) {
    // An unknown path with a long segment may be a token sent to the wrong place: cut it.
    for (let i = 0; i < segments.length; i++) if (segments[i].length > 64) segments[i] = '[cut]';
  }
  return segments
    .join('/')
    .replace(/\p{Cc}/gu, '?')
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
    autoLogging: { ignore: (req) => req.url === '/healthz' },
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

/**
 * The metrics on their own listener (`API_METRICS_PORT` on `METRICS_HOST`, loopback by default): the
 * API's port never serves them, so no proxy rule and no spelling of a path can expose them.
 */
export async function serveMetrics(metrics: ApiMetrics, host: string, port: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found: GET /metrics\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
        res.end(text);
      },
      () => res.writeHead(500, { 'Content-Type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
