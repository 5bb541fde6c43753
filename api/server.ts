// Starts the HTTP API on API_HOST:API_PORT.
import http from 'node:http';
import { loadConfig } from '../infra/config';
import { connectClient } from '../infra/temporal-connection';
import { assertPortFree } from '../infra/ports';
import { createApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig();
  await assertPortFree(config.API_PORT, config.API_HOST, 'HTTP API', 'API_PORT');
  const client = await connectClient(config);
  const server = http.createServer(createApp({ client, namespace: config.TEMPORAL_NAMESPACE }));
  await new Promise<void>((resolve) => server.listen(config.API_PORT, config.API_HOST, resolve));
  console.log(`[api] listening on http://${config.API_HOST}:${config.API_PORT}`);
  const stop = () => {
    server.close(() => void client.connection.close().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('[api]', err instanceof Error ? err.message : err);
  process.exit(1);
});
