// One Temporal dev server per test process (started on first use, on free ports, stopped after the
// last test), shared by every integration file: each caller gets a namespace of its own, with the
// search attributes and a retention as `npm run up` registers them, so a file sees only its own cases
// (listings, sweeps, schedules) and never touches a developer's running instance. A namespace costs
// milliseconds; a dev server seconds.
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { startDevServer, type RunningDevServer } from '../../infra/dev-server';
import { ensureSearchAttributes } from '../../infra/namespace-setup';
import { freePort } from '../../infra/ports';

/** A namespace on the shared dev server; stop() is a no-op (the server outlives the file). */
export interface TestNamespace {
  address: string;
  namespace: string;
  stop(): Promise<void>;
}

let shared: Promise<RunningDevServer> | undefined;
let namespaces = 0;

function sharedDevServer(): Promise<RunningDevServer> {
  shared ??= (async () => {
    const dev = await startDevServer({
      host: '127.0.0.1',
      port: await freePort(),
      namespace: 'default',
      retentionSeconds: 86400,
    });
    // A crash or process.exit before the root hook still takes the server down with the process.
    process.once('exit', () => dev.process.kill('SIGKILL'));
    return dev;
  })();
  return shared;
}

/** Registers a fresh namespace (search attributes, `retentionSeconds`) on the shared dev server. */
export async function testNamespace(retentionSeconds = 86400): Promise<TestNamespace> {
  const dev = await sharedDevServer();
  const namespace = `test-${process.pid}-${++namespaces}`;
  const connection = await Connection.connect({ address: dev.address });
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs(retentionSeconds * 1000),
    });
    await ensureSearchAttributes(connection, namespace);
  } finally {
    await connection.close();
  }
  return { address: dev.address, namespace, stop: () => Promise.resolve() };
}

/** Stops the shared dev server if one was started (the root hook in test/setup.ts calls this). */
export async function stopSharedDevServer(): Promise<void> {
  const dev = await shared?.catch(() => undefined);
  shared = undefined;
  await dev?.stop();
}
