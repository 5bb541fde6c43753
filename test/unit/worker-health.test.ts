// The worker's health endpoint over real HTTP, fed by real dependency watches (infra/resilience.ts)
// whose probes the test turns on and off: what a load balancer and an operator read from it.
import assert from 'node:assert/strict';
import { watchDependency } from '../../infra/resilience';
import { serveWorkerHealth } from '../../infra/worker-health';

describe('the worker’s health endpoint', () => {
  it('says whether it polls and what it saw of PostgreSQL and Temporal; 503 unless polling with Temporal', async () => {
    const up = { store: true, temporal: true };
    const quiet = { info: () => undefined, warn: () => undefined };
    const probe = (name: keyof typeof up) => () =>
      up[name] ? Promise.resolve() : Promise.reject(new Error(`${name} refused the connection`));
    const store = watchDependency('PostgreSQL', probe('store'), quiet, { everyMs: 60_000 });
    const temporal = watchDependency('Temporal', probe('temporal'), quiet, { everyMs: 60_000 });
    let polling = false;
    const health = await serveWorkerHealth({ polling: () => polling, store, temporal }, '127.0.0.1', 0);
    const get = async (path: string) => {
      const res = await fetch(`${health.url}${path}`);
      return {
        status: res.status,
        body: (await res.json().catch(() => undefined)) as Record<string, unknown>,
      };
    };
    try {
      await Promise.all([store.check(), temporal.check()]);
      assert.equal((await get('/healthz')).status, 503, 'not polling yet');
      polling = true;
      assert.deepEqual(await get('/healthz'), { status: 200, body: { status: 'ok' } });
      up.store = false;
      await store.check();
      const during = await get('/healthz/details');
      assert.equal(during.status, 200, 'PostgreSQL down: the worker still runs what does not need it');
      assert.equal((during.body.store as { up: boolean }).up, false);
      assert.match(String((during.body.store as { error?: string }).error), /store refused/);
      up.temporal = false;
      await temporal.check();
      assert.equal((await get('/healthz')).status, 503, 'Temporal down');
      assert.equal((await fetch(`${health.url}/other`)).status, 404);
    } finally {
      store.stop();
      temporal.stop();
      await health.close();
    }
  });
});
