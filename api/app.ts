// The HTTP API, built apart from listening so tests can drive it in-process or over the network.
import express from 'express';
import type { Client } from '@temporalio/client';

export interface ApiDeps {
  client: Client;
  namespace: string;
}

export function createApp(deps: ApiDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');

  // 200 only when Temporal answers: a load balancer should not send complaints to an API that
  // cannot start workflows.
  app.get('/healthz', async (_req, res) => {
    try {
      await deps.client.connection.workflowService.describeNamespace({ namespace: deps.namespace });
      res.json({ status: 'ok', temporal: 'reachable' });
    } catch (err) {
      res.status(503).json({ status: 'unavailable', temporal: 'unreachable', reason: err instanceof Error ? err.message : String(err) });
    }
  });

  return app;
}
