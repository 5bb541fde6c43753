// The worker's own health endpoint: the API has /healthz/details, a worker has no HTTP server of its
// own (the SDK's metrics endpoint serves only metrics). It says whether the worker polls and what it
// last saw of PostgreSQL and Temporal (infra/resilience.ts), for a load balancer or an operator at
// 3 a.m. No personal data: dependency states and error messages only. Internal, like the metrics port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DependencyState, DependencyWatch } from './resilience';

export interface WorkerHealth {
  /** Whether the SDK worker is polling its task queue now. */
  polling(): boolean;
  store: DependencyWatch;
  temporal: DependencyWatch;
}

export interface WorkerHealthDetails {
  status: 'ok' | 'unavailable';
  polling: boolean;
  store: DependencyState;
  temporal: DependencyState;
  checkedAt: string;
}

export function workerHealthDetails(h: WorkerHealth): WorkerHealthDetails {
  const store = h.store.state();
  const temporal = h.temporal.state();
  const polling = h.polling();
  // Temporal and polling make the worker useful; without PostgreSQL it still runs what does not need it.
  const ok = polling && temporal.up === true;
  return { status: ok ? 'ok' : 'unavailable', polling, store, temporal, checkedAt: new Date().toISOString() };
}

/** Serves /healthz (200 or 503) and /healthz/details (the JSON above) on host:port. */
export async function serveWorkerHealth(
  h: WorkerHealth,
  host: string,
  port: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || (path !== '/healthz' && path !== '/healthz/details')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const details = workerHealthDetails(h);
    res.writeHead(details.status === 'ok' ? 200 : 503, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
    });
    res.end(JSON.stringify(path === '/healthz' ? { status: details.status } : details));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
